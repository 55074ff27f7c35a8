from django.apps import AppConfig


class SecurityConfig(AppConfig):
    """Security headers, the Content-Security-Policy, sign-in lockouts and the health check."""

    name = "security"
    default_auto_field = "django.db.models.AutoField"

    def ready(self):
        from security import checks  # noqa: F401 - registers the deployment checks
