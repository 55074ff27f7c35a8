"""The published responses of a closed opportunity: `<opportunity URL>responses/`, paginated and
searchable (`?q=` words, `?page=`). Not found before the opportunity closes or when nothing is
published; never in the page cache, so a decline shows at once."""

from django.http import Http404
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

from published_responses.listing import listing
from questionnaires.flow import has_closed, page_for


def published_responses(request, page_path):
    page = page_for(request, page_path)
    if not has_closed(page):
        raise Http404("Responses are published only after the opportunity closes.")
    page_obj, query, total = listing(page, request.GET.get("q", ""), request.GET.get("page"))
    if not total:
        raise Http404("No responses are published for this opportunity.")
    context = {"page": page, "page_obj": page_obj, "query": query, "total": total}
    response = render(request, "published_responses/responses.html", context)
    add_never_cache_headers(response)
    return response
