"""CDN purging when a page is published or unpublished, when Wagtail's frontend cache is configured
(WAGTAILFRONTENDCACHE).

The page appears at its own address and on the pages above it (the index that lists it, the home
page), in the feeds, the events calendar and the sitemap: all of those are purged together, in one
task. Other changes (settings, topics) are left to the short max-age the site sends
(PAGE_CACHE_BROWSER_SECONDS); Wagtail purges redirects itself.

This replaces Wagtail's own page handlers (disconnected here), for two reasons found by the cluster
run (docs/cluster.md):

- Wagtail queues its purge in turn, so on a busy worker (a demo load, an invitation to thousands,
  a bulk import) the CDN kept showing the old page until every task queued before it had run. Ours
  is queued first (TASK_MAX_PRIORITY; core/task_backends.py on RQ).
- Wagtail queues it at once. Where a publish runs inside a transaction (the last sign-off approval,
  under its row lock: workflows/models/tasks.py), an RQ worker can purge before the commit, and a
  visitor's request in between puts the old page back in the CDN for its max-age. Ours is queued
  when the transaction commits, as the page cache's own invalidation is (public_site/cache_signals.py).
"""

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django_tasks.base import TASK_MAX_PRIORITY
from wagtail.contrib.frontend_cache import signal_handlers as wagtail_handlers
from wagtail.contrib.frontend_cache.tasks import purge_urls_from_cache_task
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page
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
    batch = PurgeBatch()
    batch.add_pages(page.get_ancestors().filter(depth__gt=1).live().specific(defer=True))
    site = page.get_site()
    if site is not None:
        batch.add_urls(f"{site.root_url}{reverse(name)}" for name in LISTING_ROUTES)
    return batch


def page_urls(page):
    """Every full URL to purge when `page` is published or unpublished: its own, then its listings."""
    batch = listing_urls(page)
    batch.add_page(page)
    return sorted(batch.urls)


def purge_task():
    return purge_urls_from_cache_task.using(priority=TASK_MAX_PRIORITY)


def queue_purge(urls):
    """Queue the purge of `urls`, first in the queue, once the current transaction (if any) commits."""
    if urls:
        transaction.on_commit(lambda: purge_task().enqueue(list(urls)), robust=True)


def purge_page(sender, instance, **kwargs):
    queue_purge(page_urls(instance))


def page_models():
    return [model for model in apps.get_models() if issubclass(model, Page)]


def connect():
    if not settings.WAGTAILFRONTENDCACHE:
        return
    # Wagtail's app (installed before this one: site/settings/base.py) connected one handler per
    # page model; each purged the page alone, in turn and before the commit.
    for model in page_models():
        page_published.disconnect(wagtail_handlers.page_published_signal_handler, sender=model)
        page_unpublished.disconnect(wagtail_handlers.page_unpublished_signal_handler, sender=model)
    page_published.connect(purge_page, dispatch_uid="purge_page_published")
    page_unpublished.connect(purge_page, dispatch_uid="purge_page_unpublished")
