from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo content and its `load_demo_content` command; the top layer, which no app imports."""

    name = "demo"
    default_auto_field = "django.db.models.AutoField"
