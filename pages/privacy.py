"""Private sections (Wagtail's page view restrictions) looked up once per public request, not per listing.

Wagtail's `PageQuerySet.public()` reads every view restriction each time it is called, and its
privacy check before serving a page reads the page's ancestors and their restrictions: a page with
a menu, a listing and a status annotation paid for the same small table four or five times. During
an anonymous-facing GET (RestrictionsPerRequestMiddleware) the restrictions are read once and
reused for the rest of that request; anywhere else (the admin, POSTs, commands) Wagtail's own
behaviour applies unchanged.
"""

from django.conf import settings
from django.db.models import Q
from wagtail.models import PageManager, PageViewRestriction
from wagtail.query import PageQuerySet

from core.memo import is_open, memo_scope, remember

PUBLIC_READ = "public read"


class RestrictionsPerRequestMiddleware:
    """Gives each public GET or HEAD its own memo of the view restrictions, dropped when it ends."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = settings.SECURITY_ADMIN_URL_PREFIX

    def __call__(self, request):
        if request.method not in ("GET", "HEAD") or request.path.startswith(self.admin_prefix):
            return self.get_response(request)
        with memo_scope(PUBLIC_READ):
            return self.get_response(request)


def restrictions():
    """Every view restriction with its page, read once per public request; None outside one."""
    if not is_open(PUBLIC_READ):
        return None
    return remember(
        "view restrictions", lambda: list(PageViewRestriction.objects.select_related("page")), PUBLIC_READ
    )


def private_q(queryset):
    """Q matching pages in a private section; like PageQuerySet.private_q, from the request's memo."""
    found = restrictions()
    if found is None:
        return PageQuerySet.private_q(queryset)
    q = Q()
    for restriction in found:
        q |= queryset.descendant_of_q(restriction.page, inclusive=True)
    return q if q else Q(pk__in=[])


def public(queryset):
    """`queryset.public()` for any page queryset, using the request's memo."""
    return queryset.exclude(private_q(queryset))


class PublicPageQuerySet(PageQuerySet):
    """The page queryset of this site's page types: `public()` uses the request's memo."""

    def private_q(self):
        return private_q(self)


PublicPageManager = PageManager.from_queryset(PublicPageQuerySet)


def view_restrictions_of(page):
    """The restrictions that apply to `page`, or None to let Wagtail look them up itself.

    With no restriction anywhere on the site (the usual case) nothing applies, and the privacy
    check before serving costs no query. Otherwise Wagtail's lookup runs as before.
    """
    found = restrictions()
    if found is not None and not found:
        return PageViewRestriction.objects.none()
    return None
