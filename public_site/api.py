"""Wagtail's read-only API v2 at /api/v2/: live public pages, images, and documents not restricted.

Every query parameter is checked before Wagtail reads it, so no value gives a 500: a value with a
NUL or another control character, an offset, limit or id that is not a whole number in range, or
an unknown search operator is refused with 400 and the reason; the search text is reduced to its words
(public_site/search_text.py), as on the search page, so quotes and NUL are never search syntax.
"""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from core.form_fields import MAX_ID
from public_site.search_text import has_control_characters, search_terms

# Far more than the site will ever hold; keeps offset + limit inside every database's integers.
MAX_OFFSET = 1_000_000
# Ids are 32-bit integers on every database (core/form_fields.py).
BOUNDED = {"offset": MAX_OFFSET, "limit": MAX_OFFSET, "id": MAX_ID}
SEARCH_OPERATORS = {"and", "or"}


def _whole_number(name, value, maximum):
    if not (value.isascii() and value.isdigit()) or int(value) > maximum:
        raise BadRequestError(f"{name} must be a whole number from 0 to {maximum}")


class CheckedParametersMixin:
    """Checks and cleans the query string in `initial()`, where a BadRequestError becomes a 400."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        query = request._request.GET.copy()
        for name, values in query.lists():
            for value in values:
                if name != "search" and (has_control_characters(name) or has_control_characters(value)):
                    raise BadRequestError(f"{name or 'a parameter'} must not contain control characters")
                if name in BOUNDED:
                    _whole_number(name, value, BOUNDED[name])
        operator = query.get("search_operator")
        if operator is not None and operator not in SEARCH_OPERATORS:
            raise BadRequestError("search_operator must be 'and' or 'or'")
        self.search_is_empty = False
        if "search" in query:
            terms = search_terms(query["search"])
            if terms:
                query["search"] = terms
            else:
                # Nothing searchable was typed: nothing matches.
                del query["search"]
                self.search_is_empty = True
        query._mutable = False
        request._request.GET = query

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        return queryset.none() if getattr(self, "search_is_empty", False) else queryset


class CheckedPagesAPIViewSet(CheckedParametersMixin, PagesAPIViewSet):
    """Live public pages."""


class CheckedImagesAPIViewSet(CheckedParametersMixin, ImagesAPIViewSet):
    """Images."""


class CheckedDocumentsAPIViewSet(CheckedParametersMixin, DocumentsAPIViewSet):
    """Documents outside the internal plans collection."""


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", CheckedPagesAPIViewSet)
api_router.register_endpoint("images", CheckedImagesAPIViewSet)
api_router.register_endpoint("documents", CheckedDocumentsAPIViewSet)
