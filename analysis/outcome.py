"""The coding frame offered to the "You said, We did" editor, and its counts (pages/outcome_themes.py).

A theme's count is the number of responses counted in public that carry it on any answer.
"""

from django.db.models import Count

from analysis.models import Theme
from pages.outcome_themes import register_theme_source
from questionnaires.counting import counted_q


def choices(opportunity):
    return Theme.objects.filter(opportunity=opportunity).values_list("pk", "name")


def counts(opportunity, ids):
    """{theme id: (name, responses)} for the chosen themes of this opportunity, in one query."""
    counted = counted_q("codings__response__")
    rows = (
        Theme.objects.filter(opportunity=opportunity, pk__in=ids)
        .annotate(n=Count("codings__response", distinct=True, filter=counted))
        .values_list("pk", "name", "n")
    )
    return {pk: (name, n) for pk, name, n in rows}


def ready():
    register_theme_source(choices, counts)
