"""The address of each annual report's CSV, `<report URL>figures.csv`, handed to Wagtail's page serving.

Wagtail's own URL pattern only matches paths of slash-terminated words, so a file name with a dot
never reaches a page's routes. This pattern passes such a path to the same `serve` view, so
Wagtail's routing, privacy checks and hooks apply, and EngagementReportPage's `figures.csv` route
answers. Include it before Wagtail's URLs: `path("", include("reporting.urls"))`.
"""

from django.urls import re_path
from wagtail import views as wagtail_views

urlpatterns = [
    re_path(
        r"^((?:[\w\-]+/)+figures\.csv)$",
        wagtail_views.serve,
        name="engagement_report_csv",
    ),
]
