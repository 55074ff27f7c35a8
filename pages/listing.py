"""Filtering and paging for the index pages, tolerant of whatever arrives in the query string.

A listing also says which query it actually applied (`canonical_pairs`: the filter values it
understood and the page number it showed) and leaves it on the request as CANONICAL_QUERY_ATTRIBUTE,
so the anonymous page cache stores the page under that query: junk values share the clean page's
entry instead of each filling the cache with a copy.
"""

import re
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator

MAX_VALUES_PER_FILTER = 30
MAX_VALUE_LENGTH = 100
CANONICAL_QUERY_ATTRIBUTE = "canonical_query_pairs"
# NUL and the other control characters are never part of a filter value (and PostgreSQL refuses NUL).
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


def usable(value):
    return len(value) <= MAX_VALUE_LENGTH and not _CONTROL_CHARACTERS.search(value)


def paginate(request, items, per_page):
    """One page of `items` for ?page=; garbage or out-of-range numbers give the nearest page."""
    paginator = Paginator(items, per_page)
    try:
        return paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages if paginator.num_pages else 1)


def clean_filters(form_class, data):
    """Keep each filter value that is understood and silently drop the rest.

    Returns the cleaned values and an unbound form whose initial values show what was
    applied, so the filter panel redisplays only what actually filtered the results.
    """
    form = form_class()
    cleaned = {}
    for name, field in form.fields.items():
        values = [v for v in data.getlist(name)[:MAX_VALUES_PER_FILTER] if usable(v)]
        if isinstance(field, forms.ModelMultipleChoiceField):
            key = field.to_field_name or "pk"
            cleaned[name] = list(field.queryset.filter(**{f"{key}__in": values})) if values else []
        elif isinstance(field, forms.MultipleChoiceField):
            allowed = {str(code) for code, _label in field.choices}
            cleaned[name] = [v for v in values if v in allowed]
        else:
            try:
                cleaned[name] = field.clean(values[0] if values else None)
            except ValidationError:
                cleaned[name] = None
    return cleaned, form_class(initial=cleaned)


def canonical_pairs(form, filters):
    """The (name, value) pairs of the filters that were applied, as a clean query string has them."""
    pairs = []
    for name, field in form.fields.items():
        value = filters.get(name)
        if value in (None, "", []):
            continue
        if isinstance(field, forms.ModelMultipleChoiceField):
            key = field.to_field_name or "pk"
            pairs += [(name, str(getattr(item, key))) for item in value]
        elif isinstance(value, list | tuple):
            pairs += [(name, str(item)) for item in value]
        else:
            pairs.append((name, str(value)))
    return pairs


def query_string(pairs):
    """The one order and form of a query: ?topic=a&topic=b and ?topic=b&topic=a are the same listing."""
    return urlencode(sorted(set(pairs)))


class FilteredListingMixin:
    """For index pages: a filter form, its cleaned values applied to the items, one page of results.

    Subclasses give `filter_form(items)` (a form class or factory) and `filter_items(items,
    filters, form)`; `listing_items()` is everything listable before filtering.
    """

    per_page = 10

    def listing_items(self):
        raise NotImplementedError

    def filter_form(self, items):
        raise NotImplementedError

    def filter_items(self, items, filters, form):
        raise NotImplementedError

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        items = self.listing_items()
        filters, form = clean_filters(self.filter_form(items), request.GET)
        applied = canonical_pairs(form, filters)
        results = paginate(request, self.filter_items(items, filters, form), self.per_page)
        shown_page = [("page", str(results.number))] if results.number > 1 else []
        setattr(request, CANONICAL_QUERY_ATTRIBUTE, applied + shown_page)
        context.update(
            filter_form=form,
            filters=filters,
            results=results,
            result_count=results.paginator.count,
            # Links to other pages of results keep the filters that were applied, never junk.
            filter_query=query_string(applied),
        )
        return context
