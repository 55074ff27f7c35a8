"""sitemap.xml: every live public page of the site, in a constant number of queries whatever its size.

Served by Django's sitemap view (`public_site/urls.py`) with the template
`public_site/sitemap.xml`: the same XML as Django's own template, written with fewer template
nodes per address, since a large site lists thousands.

Wagtail's own sitemap loads every page as its specific type (one query per page type and per
2,000 pages) and asks each for its URLs. None of this site's page types changes its address or
what it tells the sitemap, so the addresses are built from the base page rows alone: one query
for the count, one for the rows. A page type that does override `get_sitemap_urls` or its URL
(`get_url_parts`) is still loaded as itself, in one query per such type, so its own answer is used.
"""

from functools import cache

from django.utils import timezone
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page, get_page_models

# What Page.get_sitemap_urls and Page.get_full_url read from a page.
FIELDS = (
    "id",
    "path",
    "depth",
    "url_path",
    "content_type_id",
    "last_published_at",
    "latest_revision_created_at",
)
URL_METHODS = ("get_sitemap_urls", "get_url_parts", "get_url", "get_full_url")


@cache
def custom_url_models():
    """Page models that answer the sitemap differently from Wagtail's Page."""
    return tuple(
        model
        for model in get_page_models()
        if any(getattr(model, name) is not getattr(Page, name) for name in URL_METHODS)
    )


class PublicPagesSitemap(Sitemap):
    """Wagtail's sitemap of live public pages, without loading each page's specific type."""

    def items(self):
        return (
            self.get_wagtail_site()
            .root_page.get_descendants(inclusive=True)
            .live()
            .public()
            .order_by("path")
            .only(*FIELDS)
        )

    def _urls(self, page, protocol, domain):
        pages = list(self.paginator.page(page).object_list)
        custom = self._custom_pages(pages)
        urls = []
        for item in pages:
            urls.extend(custom.get(item.pk, item).get_sitemap_urls(self.request))
        for url in urls:
            # The day in the site's time zone, as Django's sitemap template writes it, formatted
            # here rather than by a template filter for each of thousands of rows.
            lastmod = url.get("lastmod")
            url["lastmod_day"] = timezone.localtime(lastmod).date().isoformat() if lastmod else ""
        last_mods = {url.get("lastmod") for url in urls}
        # Empty when the whole site is private.
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls

    @staticmethod
    def _custom_pages(pages):
        """{pk: specific page} for the pages whose type answers the sitemap itself."""
        from django.contrib.contenttypes.models import ContentType

        models = custom_url_models()
        if not models:
            return {}
        wanted = {ContentType.objects.get_for_model(model).pk for model in models}
        ids = [page.pk for page in pages if page.content_type_id in wanted]
        if not ids:
            return {}
        return {page.pk: page for page in Page.objects.filter(pk__in=ids).defer_streamfields().specific()}
