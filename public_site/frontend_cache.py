"""CDN purging beyond the page itself, when Wagtail's frontend cache is configured (WAGTAILFRONTENDCACHE).

Wagtail purges a page's own address when it is published or unpublished. The page also appears on
the pages above it (the index that lists it, the home page), in the feeds, the events calendar and
the sitemap; those addresses are purged with it. Other changes (settings, topics, redirects) are
left to the short max-age the site sends (PAGE_CACHE_BROWSER_SECONDS).
"""

from django.conf import settings
from django.urls import reverse
from wagtail.signals import page_published, page_unpublished

LISTING_ROUTES = (
    "opportunities_rss",
    "opportunities_atom",
    "you_said_we_did_rss",
    "you_said_we_did_atom",
    "events_ics",
    "sitemap",
)


def listing_urls(page):
    """Full URLs that show `page` besides its own: its live ancestors below the root, feeds, sitemap."""
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    batch = PurgeBatch()
    batch.add_pages(page.get_ancestors().filter(depth__gt=1).live().specific(defer=True))
    site = page.get_site()
    if site is not None:
        batch.add_urls(f"{site.root_url}{reverse(name)}" for name in LISTING_ROUTES)
    return batch


def purge_listings(sender, instance, **kwargs):
    listing_urls(instance).purge()


def connect():
    if not settings.WAGTAILFRONTENDCACHE:
        return
    page_published.connect(purge_listings, dispatch_uid="purge_listings_published")
    page_unpublished.connect(purge_listings, dispatch_uid="purge_listings_unpublished")
