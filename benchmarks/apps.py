from django.apps import AppConfig


class BenchmarksConfig(AppConfig):
    """The `generate_volume_data` command; installed only by the test settings and settings.bench."""

    name = "benchmarks"
    default_auto_field = "django.db.models.AutoField"
