from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The bottom layer: client addresses, keyed hashes, rate limits, export cells, bounded id fields."""

    name = "core"
    default_auto_field = "django.db.models.AutoField"
