"""Site search, robots.txt and the error pages."""

import logging
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.text import capfirst
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page, Site
from wagtail.search.utils import normalise_query_string

from pages.listing import CANONICAL_QUERY_ATTRIBUTE, paginate
from pages.models import (
    HomePage,
    OpportunityIndexPage,
    OpportunityPage,
    StandardPage,
    StrategyPage,
    YouSaidWeDidIndexPage,
    YouSaidWeDidPage,
)
from pages.privacy import public
from public_site.page_cache import CACHE_SECONDS_ATTRIBUTE
from public_site.search_counts import count_search
from public_site.search_results import as_specific
from public_site.search_text import clean_query, search_terms
from security.middleware import allow_inline_styles

logger = logging.getLogger(__name__)

SEARCH_PER_PAGE = 10

# The kind of page, as the public would name it; other page types show their verbose name.
PUBLIC_TYPE_LABELS = {
    HomePage: "Home page",
    StandardPage: "Information",
    StrategyPage: "Engagement strategy",
    OpportunityIndexPage: "Get involved",
    YouSaidWeDidIndexPage: "You said, We did",
    YouSaidWeDidPage: "You said, We did",
}

# ?type= narrows the results to one kind of page: (value, label shown in the filter, page types).
# "page" is everything else: information pages, indexes, forms and reports.
SEARCH_TYPES = [
    ("opportunity", "Opportunities", [OpportunityPage]),
    ("outcome", "You said, We did", [YouSaidWeDidPage]),
    ("strategy", "Engagement strategy", [StrategyPage]),
    ("page", "Other pages", None),
]
_TYPED_MODELS = [model for _value, _label, models in SEARCH_TYPES if models for model in models]


def type_label(page):
    if isinstance(page, OpportunityPage):
        return page.get_opportunity_type_display()
    return PUBLIC_TYPE_LABELS.get(type(page)) or capfirst(page._meta.verbose_name)


def search_type(raw):
    """The ?type= value if it is one of SEARCH_TYPES; anything else means every type."""
    return raw if raw in {value for value, _label, _models in SEARCH_TYPES} else ""


def of_type(pages, kind):
    for value, _label, models in SEARCH_TYPES:
        if value == kind:
            return pages.type(*models) if models else pages.not_type(*_TYPED_MODELS)
    return pages


def promotions(query, site, request):
    """Editors' picks for the query (Settings → Promoted search results): live public pages only."""
    normalised = normalise_query_string(query)
    if not normalised:
        return []
    picks = list(SearchPromotion.objects.filter(query__query_string=normalised).select_related("page"))
    page_ids = [pick.page_id for pick in picks if pick.page_id]
    visible_ids = set()
    if page_ids:
        pages = public(Page.objects.live()).filter(pk__in=page_ids)
        if site is not None:
            pages = pages.in_site(site)
        visible_ids = set(pages.values_list("pk", flat=True))
    shown = []
    for pick in picks:
        if pick.page_id in visible_ids:
            shown.append({"title": pick.page.title, "url": pick.page.get_url(request)})
        elif not pick.page_id and pick.external_link_url:
            shown.append(
                {"title": pick.external_link_text or pick.external_link_url, "url": pick.external_link_url}
            )
        else:
            continue
        shown[-1]["description"] = pick.description
    return shown


def search_key(query, kind, number, asked):
    """The query a page of results is kept under: the cleaned words, the type and the page number.

    A type or page that was asked for stays in the key even when it changes nothing (?page=1,
    ?type=junk): such a page is not counted as a new search, so it must not share the entry of one.
    """
    pairs = [("q", query)] if query else []
    if "type" in asked:
        pairs.append(("type", kind))
    if "page" in asked:
        pairs.append(("page", str(number)))
    return pairs


def search(request):
    """Full-text search of the live public pages of this site; any query string gives a page."""
    query = clean_query(request.GET.get("q", ""))
    kind = search_type(request.GET.get("type", ""))
    context = {"query": query, "results": None, "items": [], "result_count": 0, "search_type": kind}
    if query:
        site = Site.find_for_request(request)
        pages = public(Page.objects.live())
        if site is not None:
            pages = pages.in_site(site)
        pages = of_type(pages, kind)
        terms = search_terms(query)
        found = pages.search(terms) if terms else Page.objects.none()
        page_of_results = paginate(request, found, SEARCH_PER_PAGE)
        pages_here = as_specific(list(page_of_results.object_list))
        first_page = page_of_results.number == 1
        if first_page and "page" not in request.GET and "type" not in request.GET:
            count_search(request, query)
        # The page is kept for anonymous visitors under what it shows (public_site/page_cache.py).
        setattr(
            request, CANONICAL_QUERY_ATTRIBUTE, search_key(query, kind, page_of_results.number, request.GET)
        )
        setattr(request, CACHE_SECONDS_ATTRIBUTE, settings.SEARCH_CACHE_SECONDS)
        context.update(
            results=page_of_results,
            result_count=page_of_results.paginator.count,
            items=[
                {
                    "page": page,
                    "url": page.get_url(request),
                    "type": type_label(page),
                    "summary": getattr(page, "summary_text", "") or page.search_description,
                    "is_opportunity": isinstance(page, OpportunityPage),
                }
                for page in pages_here
            ],
            promotions=promotions(query, site, request) if first_page and not kind else [],
            type_filters=[
                {
                    "label": label,
                    "current": value == kind,
                    "query": urlencode({"q": query, **({"type": value} if value else {})}),
                }
                for value, label in [("", "All results"), *((v, lb) for v, lb, _m in SEARCH_TYPES)]
            ],
            filter_query=urlencode({"q": query, **({"type": kind} if kind else {})}),
            # What the results are narrowed to, for their heading: "12 results for 'asthma' in Opportunities".
            type_label=next((label for value, label, _model in SEARCH_TYPES if kind and value == kind), ""),
        )
        if not pages_here and site is not None:
            context["opportunity_index"] = OpportunityIndexPage.objects.live().public().in_site(site).first()
    return render(request, "public_site/search.html", context)


def robots_txt(request):
    """Crawlers may read everything public; the admin is not for them. Points to the sitemap."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # The 500 page carries its own small stylesheet inline; the policy allows exactly that.
    return allow_inline_styles(render(request, "500.html", status=500))
