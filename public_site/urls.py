"""Public addresses that are not pages; included before Wagtail's page serving."""

from django.urls import path, re_path
from wagtail.contrib.sitemaps.views import sitemap

from public_site import calendars, feeds, views
from public_site.api import api_router
from public_site.sitemaps import PublicPagesSitemap

urlpatterns = [
    path("search/", views.search, name="search"),
    path("feeds/opportunities.rss", feeds.OpportunitiesFeed(), name="opportunities_rss"),
    path("feeds/opportunities.atom", feeds.OpportunitiesAtomFeed(), name="opportunities_atom"),
    path("feeds/you-said-we-did.rss", feeds.YouSaidWeDidFeed(), name="you_said_we_did_rss"),
    path("feeds/you-said-we-did.atom", feeds.YouSaidWeDidAtomFeed(), name="you_said_we_did_atom"),
    path("feeds/events.ics", calendars.events_calendar, name="events_ics"),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": {"pages": PublicPagesSitemap}, "template_name": "public_site/sitemap.xml"},
        name="sitemap",
    ),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("api/v2/", api_router.urls),
    # An opportunity's own calendar file sits beside its page: /get-involved/<slug>/event.ics
    re_path(r"^(?P<page_path>.+/)event\.ics$", calendars.opportunity_calendar, name="opportunity_ics"),
]
