"""Responses with About you answers, written straight to the table (the reach tests only count them)."""

import itertools

from django.utils import timezone

from questionnaires.models import Response
from reach.models import AreaPopulation, PopulationFigure

_references = itertools.count(1)


def responses(page, count, about_you=None, **fields):
    """Store `count` responses to `page` with the same About you answers and fields."""
    submitted_at = fields.pop("submitted_at", None) or timezone.now()
    rows = []
    for _ in range(count):
        rows.append(
            Response(
                opportunity_id=page.pk,
                reference=f"R{next(_references):011d}",
                submitted_at=submitted_at,
                about_you=dict(about_you or {}),
                answers_hash="test",
                **fields,
            )
        )
    Response.objects.bulk_create(rows)


def population(site, shares, source="Illustrative figures for the tests"):
    setting = AreaPopulation.for_site(site)
    setting.source = source
    setting.save()
    PopulationFigure.objects.filter(setting=setting).delete()
    for group, percent in shares.items():
        PopulationFigure.objects.create(setting=setting, group=group, percent=percent)
    return setting
