from django.apps import AppConfig


class PublicSiteConfig(AppConfig):
    """Public views that are not pages: search, feeds, calendars, sitemap, robots.txt, API."""

    name = "public_site"
    default_auto_field = "django.db.models.AutoField"

    def ready(self):
        from public_site import cache_signals, frontend_cache, renditions

        cache_signals.connect()
        frontend_cache.connect()
        renditions.connect()
