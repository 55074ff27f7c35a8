from django.apps import AppConfig


class QuestionnairesConfig(AppConfig):
    """Online questionnaires on opportunities, and the responses from every channel."""

    name = "questionnaires"
    default_auto_field = "django.db.models.AutoField"

    def ready(self):
        from pages.extensions import register_edit_check, register_opportunity_panel
        from questionnaires.lock import edit_check, publication_check
        from questionnaires.panels import respond_online
        from workflows.publication import register_publication_check

        register_edit_check("questionnaire-lock", edit_check)
        register_publication_check("questionnaire-lock", publication_check)
        register_opportunity_panel(
            "respond-online",
            respond_online,
            template="questionnaires/respond_panel.html",
            slot="actions",
            order=10,
        )
        # The staff side (14B): the subject access export and erasure read `personal_data`
        # (involvement/personal_data.py); staff.ready() adds the closed page's response count and
        # the count "You said, We did" offers.
        from questionnaires import personal_data, staff

        self.personal_data = personal_data
        staff.ready()
