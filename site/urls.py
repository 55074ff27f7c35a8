"""URL configuration: admin, documents, public non-page views, then Wagtail's page serving."""

from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from public_site import media
from public_site import urls as public_site_urls

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # Image renditions kept on this machine; documents only through the serve view above.
    *media.urlpatterns(),
    path("", include(public_site_urls)),
    path("", include("reporting.urls")),
    path("", include("involvement.urls")),
    path("", include("events.urls")),
    path("alerts/", include("alerts.urls")),
    # <opportunity URL>respond/…: never in the anonymous page cache (not a cacheable view).
    path("", include("questionnaires.urls")),
    # <opportunity URL>responses/: the published responses, never cached (a decline shows at once).
    path("", include("published_responses.urls")),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()

urlpatterns += [path("", include(wagtail_urls))]

handler404 = "public_site.views.page_not_found"
handler500 = "public_site.views.server_error"
