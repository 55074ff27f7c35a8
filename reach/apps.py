from django.apps import AppConfig


class ReachConfig(AppConfig):
    """Who we heard from: respondents' About you answers against the area, the plan and the register."""

    name = "reach"
    default_auto_field = "django.db.models.AutoField"
