"""Site search, robots.txt and the error pages."""

import re
from urllib.parse import urlencode

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.text import capfirst
from wagtail.models import Page, Site

from pages.listing import paginate
from pages.models import (
    HomePage,
    OpportunityIndexPage,
    OpportunityPage,
    StandardPage,
    StrategyPage,
    YouSaidWeDidIndexPage,
    YouSaidWeDidPage,
)

SEARCH_PER_PAGE = 10
MAX_QUERY_LENGTH = 200

# The kind of page, as the public would name it; other page types show their verbose name.
PUBLIC_TYPE_LABELS = {
    HomePage: "Home page",
    StandardPage: "Information",
    StrategyPage: "Engagement strategy",
    OpportunityIndexPage: "Get involved",
    YouSaidWeDidIndexPage: "You said, We did",
    YouSaidWeDidPage: "You said, We did",
}

_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
_WORD = re.compile(r"\w+")


def clean_query(raw):
    """The query as typed, without control characters or runs of spaces, at most 200 characters."""
    text = " ".join(_CONTROL_CHARACTERS.sub(" ", raw).split())
    return text[:MAX_QUERY_LENGTH].strip()


def search_terms(query):
    """Only the words of the query: quotes and operators would be syntax to SQLite's FTS5."""
    return " ".join(_WORD.findall(query))


def type_label(page):
    if isinstance(page, OpportunityPage):
        return page.get_opportunity_type_display()
    return PUBLIC_TYPE_LABELS.get(type(page)) or capfirst(page._meta.verbose_name)


def _add_opportunity_statuses(pages):
    """Give the opportunities among `pages` their public status with one query, not one each."""
    ids = [page.pk for page in pages if isinstance(page, OpportunityPage)]
    if not ids:
        return
    statuses = dict(OpportunityPage.objects.filter(pk__in=ids).with_status().values_list("pk", "status"))
    for page in pages:
        if page.pk in statuses:
            page.status = statuses[page.pk]


def search(request):
    """Full-text search of the live public pages of this site; any query string gives a page."""
    query = clean_query(request.GET.get("q", ""))
    context = {"query": query, "results": None, "items": [], "result_count": 0}
    if query:
        site = Site.find_for_request(request)
        pages = Page.objects.live().public()
        if site is not None:
            pages = pages.in_site(site)
        terms = search_terms(query)
        found = pages.specific().search(terms) if terms else Page.objects.none()
        page_of_results = paginate(request, found, SEARCH_PER_PAGE)
        pages_here = list(page_of_results.object_list)
        _add_opportunity_statuses(pages_here)
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
            filter_query=urlencode({"q": query}),
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
    return render(request, "500.html", status=500)
