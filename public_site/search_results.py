"""A page of search results as their own page types, in one query whatever types they are.

Wagtail's `.specific()` loads each page type with a query of its own, so a page of results that
mixes seven types costs seven queries. Every page type here is a direct child of Wagtail's `Page`,
so one query can join each type's table to the page rows (Django's `select_related` on the
reverse one-to-one link), and an opportunity's public status comes along as a subquery
(pages/status.py, through `with_status`). A type that is not a direct child of `Page` (none is
today) falls back to Wagtail's own loading.
"""

from functools import cache

from django.db.models import OuterRef, Subquery
from wagtail.models import Page, get_page_models

from pages.models import OpportunityPage


@cache
def _links():
    """{page model: the name of its link from a `Page` row}, for each direct child of `Page`."""
    links = {}
    for model in get_page_models():
        if model is Page or model._meta.abstract or model._meta.proxy:
            continue
        parent_link = model._meta.parents.get(Page)
        if parent_link is not None and len(model._meta.get_parent_list()) == 1:
            links[model] = parent_link.related_query_name()
    return links


def as_specific(pages):
    """`pages` (plain `Page` rows, in order) as their own types, opportunities with their status."""
    if not pages:
        return []
    links = _links()
    models = {page.specific_class for page in pages}
    joined = [links[model] for model in models if model in links]
    rows = Page.objects.filter(pk__in=[page.pk for page in pages]).select_related(*joined)
    if OpportunityPage in models:
        status = OpportunityPage.objects.filter(pk=OuterRef("pk")).with_status().values("status")[:1]
        rows = rows.annotate(opportunity_status=Subquery(status))
    by_id = {row.pk: row for row in rows}
    specific = []
    for page in pages:
        row = by_id.get(page.pk)
        if row is None:  # gone since the search ran
            continue
        model = row.specific_class
        if model in links:
            instance = getattr(row, links[model])
        else:
            instance = row.specific
        if isinstance(instance, OpportunityPage):
            instance.status = row.opportunity_status
        specific.append(instance)
    return specific
