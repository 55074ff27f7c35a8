from django.apps import AppConfig


class InvolvementConfig(AppConfig):
    """The involvement register and 'share your experience' feedback, with their personal data."""

    name = "involvement"
    default_auto_field = "django.db.models.AutoField"

    def ready(self):
        from involvement.outcome_audience import invited_members
        from messaging import outcomes

        outcomes.register_audience("invited members", invited_members)
