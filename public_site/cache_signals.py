"""What makes the anonymous page cache stale: any change to what a public page can show.

Every save or delete of a model in the content apps (pages and their snippets and settings,
involvement, reporting, workflows, Wagtail's pages, sites, privacy, images, documents and
redirects) invalidates the cache (public_site/page_cache.py). Saving a page's draft, a revision, a
rendition, the reference index or a log entry changes nothing public and is ignored.

A publish is targeted (public_site/cache_tags.py): it makes stale the page, the pages above it (its
index, the home page), the pages it links to or that link to it by a page field (an outcome and
the opportunity it answers) and those above them, and everything that lists pages across the site
(feeds, calendars, sitemap, search, the annual report); other pages keep their entries. A publish
that renames a page, changes its address or its place in the menus, and every other change
(unpublishing, moving, deleting, settings, snippets, images, privacy), makes every page stale.
A record that names the one page showing it, through a `cached_page()` method (a booking, a
response), makes that page and the listings stale, and nothing else.

Tags are marked at once and again when the transaction commits, so a request that renders between
the two cannot keep the old content.
"""

from django.db import transaction
from django.db.models import ForeignKey
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from modelcluster.fields import ParentalKey
from wagtail.models import Page
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from public_site.cache_tags import EVERYTHING, LISTINGS, lineage_tags, page_tag, touch

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


# Shown on no page but the reports, which depend on LISTINGS.
LISTED_ONLY_APPS = frozenset({"workflows", "involvement"})
# A publish that changes one of these shows beyond the page's own lineage: breadcrumbs, menus, links.
STRUCTURAL_FIELDS = ("title", "slug", "url_path", "show_in_menus", "path")


def _is_content(model):
    meta = model._meta
    return meta.app_label in CONTENT_APPS and meta.label_lower not in IGNORED_MODELS


def _mark(tags):
    touch(tags)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: touch(tags), robust=True)


def _listed_only(model):
    """Records no page shows but the reports (the annual report, its CSV): sign-off and the register."""
    meta = model._meta
    return meta.app_label in LISTED_ONLY_APPS or meta.label_lower.startswith(
        ("wagtailcore.workflow", "wagtailcore.task")
    )


def invalidate(model=None):
    _mark({LISTINGS} if model is not None and _listed_only(model) else {EVERYTHING})


def _page_links(page):
    """The ids of the pages `page` names in a page field, and of those that name it in one."""
    ids = {getattr(page, field.attname) for field in _page_fields(type(page))} - {None}
    ids |= set(getattr(page, "_cache_old_links", ()))
    for relation in type(page)._meta.related_objects:
        if isinstance(relation.field, ForeignKey) and issubclass(relation.related_model, Page):
            if not isinstance(relation.field, ParentalKey):
                ids |= set(
                    relation.related_model.objects.filter(**{relation.field.name: page.pk}).values_list(
                        "pk", flat=True
                    )
                )
    return ids


def _page_fields(model):
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, ForeignKey)
        and not isinstance(field, ParentalKey)
        and issubclass(field.related_model, Page)
        and not field.remote_field.parent_link
        and field.name not in ("live_revision", "latest_revision", "alias_of")
    ]


def affected_tags(page):
    """The tags a publish of `page` makes stale (see the module docstring)."""
    tags = {LISTINGS, *lineage_tags(page.path)}
    links = _page_links(page) - {page.pk}
    for path in Page.objects.filter(pk__in=links).values_list("path", flat=True):
        tags |= lineage_tags(path)
    return tags


def _remember_before(sender, instance, raw=False, **kwargs):
    """Before a page is saved: what it was, to tell a publish from a change of structure."""
    if raw or not isinstance(instance, Page) or instance.pk is None:
        return
    names = [*STRUCTURAL_FIELDS, "live"] + [field.attname for field in _page_fields(type(instance))]
    before = type(instance).objects.filter(pk=instance.pk).values(*names).first()
    instance._cache_before = before
    if before is not None:
        instance._cache_old_links = [before[field.attname] for field in _page_fields(type(instance))]


def _page_changed(page):
    before = getattr(page, "_cache_before", None)
    if before is None:  # a new page: a draft shows nowhere, a live one as a publish does
        if page.live:
            _mark({EVERYTHING} if page.show_in_menus else affected_tags(page))
        return
    structural = any(before[name] != getattr(page, name) for name in STRUCTURAL_FIELDS)
    newly_in_menus = page.live and not before["live"] and page.show_in_menus
    if structural or newly_in_menus or (before["live"] and not page.live):
        return invalidate()
    _mark(affected_tags(page))


def _owning_page(instance):
    """The page an inline row (a strategy's action, an outcome's action) belongs to, if it is one."""
    for field in type(instance)._meta.concrete_fields:
        if isinstance(field, ParentalKey) and issubclass(field.related_model, Page):
            try:
                return getattr(instance, field.name)
            except Page.DoesNotExist:
                return None
    return None


def _shown_on_page(instance):
    """A record of an app above pages that changes what one page shows (a booking, a response: the
    `cached_page()` of pages/extensions.py) makes that page stale, and the reports that count it."""
    cached_page = getattr(instance, "cached_page", None)
    page = cached_page() if callable(cached_page) else None
    if page is not None:
        _mark({page_tag(page.path), LISTINGS})


def _saved(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw:
        return
    if not _is_content(sender):
        return _shown_on_page(instance)
    if isinstance(instance, Page):
        if update_fields and set(update_fields) <= DRAFT_FIELDS:
            return
        return _page_changed(instance)
    owner = _owning_page(instance)
    if owner is not None:
        return _mark(affected_tags(owner))
    invalidate(sender)


def _deleted(sender, instance, **kwargs):
    if sender._meta.label_lower == "wagtailsearchpromotions.query":
        # An erased search (involvement/search_terms.py) must not be counted again by a cached page.
        return _mark({LISTINGS})
    if not _is_content(sender):
        return _shown_on_page(instance)
    owner = None if isinstance(instance, Page) else _owning_page(instance)
    if owner is not None:
        return _mark(affected_tags(owner))
    invalidate(sender)


def _m2m_changed(sender, instance, action, **kwargs):
    if not (action.startswith("post_") and _is_content(type(instance))):
        return
    if isinstance(instance, Page) and instance.pk:
        return _mark(affected_tags(instance))
    invalidate(type(instance))


def _published(instance, **kwargs):
    _mark(affected_tags(instance))


def _page_event(**kwargs):
    invalidate()


def connect():
    pre_save.connect(_remember_before, dispatch_uid="page_cache_before")
    post_save.connect(_saved, dispatch_uid="page_cache_saved")
    post_delete.connect(_deleted, dispatch_uid="page_cache_deleted")
    m2m_changed.connect(_m2m_changed, dispatch_uid="page_cache_m2m")
    page_published.connect(_published, dispatch_uid="page_cache_published")
    for signal in (page_unpublished, post_page_move, page_slug_changed):
        signal.connect(_page_event, dispatch_uid=f"page_cache_{id(signal)}")
