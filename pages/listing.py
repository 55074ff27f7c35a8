"""Filtering and paging for the index pages, tolerant of whatever arrives in the query string."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator

MAX_VALUES_PER_FILTER = 30
MAX_VALUE_LENGTH = 100


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
        values = [v for v in data.getlist(name)[:MAX_VALUES_PER_FILTER] if len(v) <= MAX_VALUE_LENGTH]
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
        results = paginate(request, self.filter_items(items, filters, form), self.per_page)
        query = request.GET.copy()
        query.pop("page", None)
        context.update(
            filter_form=form,
            filters=filters,
            results=results,
            result_count=results.paginator.count,
            filter_query=query.urlencode(),
        )
        return context
