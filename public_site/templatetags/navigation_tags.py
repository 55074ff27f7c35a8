"""Header, footer and breadcrumbs, built from the page tree and the organisation settings."""

from django import template
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


@register.inclusion_tag("wagtailnhsukfrontend/header.html", takes_context=True)
def site_header(context):
    """The NHS.UK header: organisation name, search, and the home page's menu children."""
    request, site, org = _site_and_settings(context)
    path = request.path if request else "/"
    links = []
    if site:
        menu = keep_until_changed(f"menu:{site.pk}", lambda: _menu(request, site))
        links = [
            {
                "label": label,
                "url": url,
                "current": url == path,
                "active": url != "/" and path.startswith(url),
            }
            for label, url in menu
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


@register.inclusion_tag("includes/footer.html", takes_context=True)
def site_footer(context):
    _request, _site, org = _site_and_settings(context)
    return {"org": org}


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
