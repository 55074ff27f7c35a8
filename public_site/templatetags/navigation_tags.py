"""Header, footer and breadcrumbs, built from the page tree and the organisation settings.

The header and the footer are on every page and change only with a change that makes every page
stale (settings, a page's title, address or place in the menus: public_site/cache_signals.py), so
for anonymous visitors their HTML is kept in the page cache until then (`keep_until_changed`),
whether or not whole pages are cached. Signed-in users and previews always get them rendered
afresh, so nothing rendered for an editor is ever kept or served to anyone else.
"""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from wagtail.models import Page, Site

from pages.models import OrganisationSettings
from pages.privacy import public
from public_site.cache_tags import keep_until_changed

register = template.Library()


def _site_and_settings(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    # for_request caches on the request, shared with the `settings` context processor.
    org = OrganisationSettings.for_request(request) if site else OrganisationSettings()
    return request, site, org


HEADER_TEMPLATE = "wagtailnhsukfrontend/header.html"
FOOTER_TEMPLATE = "includes/footer.html"


def _keeps_fragments(request):
    """Whether the header and footer HTML may be kept for and served from the cache for `request`."""
    if request is None or getattr(request, "is_preview", False):
        return False
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


def _fragment(request, name, render):
    """`render()`, kept for anonymous visitors."""
    html = keep_until_changed(name, render) if _keeps_fragments(request) else render()
    # Reviewed for bandit: `html` is our own template rendered with autoescaping, kept as it was.
    return mark_safe(html)  # nosec B308, B703


@register.simple_tag(takes_context=True)
def site_header(context):
    """The NHS.UK header: organisation name, search, and the home page's menu children.

    Kept once per site and per menu item marked as the current one (or none), not per address.
    """
    request, site, org = _site_and_settings(context)
    path = request.path if request else "/"
    menu = keep_until_changed(f"menu:{site.pk}", lambda: _menu(request, site)) if site else []
    current = next((i for i, (_label, url) in enumerate(menu) if url == path), None)
    active = next((i for i, (_label, url) in enumerate(menu) if url != "/" and path.startswith(url)), None)

    def render():
        return render_to_string(HEADER_TEMPLATE, _header_context(org, menu, current, active))

    key = f"header:{site.pk if site else 0}:{current}:{active}"
    return _fragment(request, key, render)


def _header_context(org, menu, current, active):
    links = [
        {"label": label, "url": url, "current": i == current, "active": i == active}
        for i, (label, url) in enumerate(menu)
    ]
    return {
        "organisation_name": org.name,
        "organisation_descriptor": org.descriptor,
        "logo_href": "/",
        "show_search": True,
        "search_action": "/search/",
        "search_visually_hidden_label": "Search this website",
        "primary_links": links,
    }


def _menu(request, site):
    """(label, address) of Home and of the home page's children shown in menus.

    Every page shows it, and it changes only with a change that marks every page stale (a title,
    an address, a place in the menus: public_site/cache_signals.py), so it is kept until then.
    """
    root = site.root_page
    pages = public(root.get_children().live().in_menu()).only("url_path", "title", "depth")
    links = []
    for page in [root, *pages]:
        url = page.get_url(request=request)
        if url:
            links.append(("Home" if page.depth == root.depth else page.title, url))
    return links


@register.simple_tag(takes_context=True)
def site_footer(context):
    """The footer: the organisation's address, contacts and links (links to pages cost queries)."""
    request, site, org = _site_and_settings(context)
    return _fragment(
        request, f"footer:{site.pk if site else 0}", lambda: render_to_string(FOOTER_TEMPLATE, {"org": org})
    )


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page=None):
    """Links to the ancestors of `page` below the site root, or to the home page alone.

    Views that are not pages pass no page and get Home as their only crumb.
    """
    request, site, _org = _site_and_settings(context)
    crumbs = []
    if isinstance(page, Page) and site:
        crumbs = [
            {"title": "Home" if a.depth == site.root_page.depth else a.title, "url": a.get_url(request)}
            for a in _ancestors(page, site.root_page.depth)
        ]
    elif site:
        crumbs = [{"title": "Home", "url": site.root_page.get_url(request)}]
    return {"crumbs": crumbs}


def _ancestors(page, top_depth):
    """The page's ancestors from depth `top_depth` down, top first.

    Routing a request leaves each page holding its parent (Wagtail's `_cached_parent_obj`), so
    for the page being served this walks objects already loaded; otherwise one query.
    """
    if not hasattr(page, "_cached_parent_obj"):
        return list(page.get_ancestors().filter(depth__gte=top_depth))
    chain = []
    node = page
    while node.depth > top_depth:
        node = node.get_parent()
        if node is None:
            break
        chain.append(node)
    return chain[::-1]
