"""What makes the anonymous page cache stale: any change to what a public page can show.

Every save or delete of a model in the content apps (pages and their snippets and settings,
involvement, reporting, workflows, Wagtail's pages, sites, privacy, images, documents and
redirects) bumps the cache generation (public_site/page_cache.py), as do Wagtail's publish,
unpublish and move signals. Saving a page's draft, a revision, a rendition, the reference index or
a log entry changes nothing public and is ignored.

The generation is bumped at once and again when the transaction commits, so a request that
renders between the two cannot keep the old content under the new generation.
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from public_site.page_cache import bump_generation

CONTENT_APPS = frozenset(
    {
        "pages",
        "involvement",
        "reporting",
        "workflows",
        "wagtailcore",
        "wagtailimages",
        "wagtaildocs",
        "wagtailredirects",
        "wagtailsearchpromotions",
    }
)
IGNORED_MODELS = frozenset(
    {
        "wagtailcore.revision",
        "wagtailcore.pagelogentry",
        "wagtailcore.modellogentry",
        "wagtailcore.referenceindex",
        "wagtailcore.pagesubscription",
        "wagtailcore.comment",
        "wagtailcore.commentreply",
        "wagtailcore.uploadedfile",
        "wagtailimages.rendition",
        "wagtailsearchpromotions.query",
        "wagtailsearchpromotions.querydailyhits",
    }
)
# A page saved with only these fields changed has a new draft or lock, not new public content.
DRAFT_FIELDS = frozenset(
    {
        "wagtail_admin_comments",
        "latest_revision_created_at",
        "draft_title",
        "latest_revision",
        "has_unpublished_changes",
        "locked",
        "locked_by",
        "locked_at",
    }
)


def _is_content(model):
    meta = model._meta
    return meta.app_label in CONTENT_APPS and meta.label_lower not in IGNORED_MODELS


def invalidate():
    bump_generation()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(bump_generation, robust=True)


def _saved(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw or not _is_content(sender):
        return
    if isinstance(instance, Page) and update_fields and set(update_fields) <= DRAFT_FIELDS:
        return
    invalidate()


def _deleted(sender, **kwargs):
    if _is_content(sender):
        invalidate()


def _m2m_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and _is_content(type(instance)):
        invalidate()


def _page_event(**kwargs):
    invalidate()


def connect():
    post_save.connect(_saved, dispatch_uid="page_cache_saved")
    post_delete.connect(_deleted, dispatch_uid="page_cache_deleted")
    m2m_changed.connect(_m2m_changed, dispatch_uid="page_cache_m2m")
    for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
        signal.connect(_page_event, dispatch_uid=f"page_cache_{id(signal)}")
