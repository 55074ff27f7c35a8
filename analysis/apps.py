from django.apps import AppConfig


class AnalysisConfig(AppConfig):
    """Response analysis for the Engagement team: counts, coding free text, similar answers, exports."""

    name = "analysis"
    default_auto_field = "django.db.models.AutoField"

    def ready(self):
        # The outcome page chooses themes from the coding frame (pages/outcome_themes.py).
        from analysis import outcome, personal_data

        outcome.ready()
        # Read by the subject access export and erasure (involvement/personal_data.py); quotes
        # and notes go when a response loses its free text.
        self.personal_data = personal_data
        personal_data.connect()
