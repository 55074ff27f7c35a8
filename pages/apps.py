from django.apps import AppConfig


class PagesConfig(AppConfig):
    """Public page types, their blocks and snippets, site settings and demo content."""

    name = "pages"
    default_auto_field = "django.db.models.AutoField"
