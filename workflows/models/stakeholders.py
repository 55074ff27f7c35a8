"""Stakeholder rows of a consultation plan, and the influence/interest grid they are drawn in."""

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

HIGH, LOW = "high", "low"
LEVEL_CHOICES = [(HIGH, "High"), (LOW, "Low")]

APPROACHES = {
    (HIGH, HIGH): "Manage closely",
    (HIGH, LOW): "Keep satisfied",
    (LOW, HIGH): "Keep informed",
    (LOW, LOW): "Monitor",
}


class StakeholderRow(Orderable):
    """One stakeholder group in a consultation plan, rated for influence and interest."""

    page = ParentalKey("pages.OpportunityPage", on_delete=models.CASCADE, related_name="stakeholders")
    group = models.CharField("stakeholder group", max_length=200)
    influence = models.CharField(max_length=4, choices=LEVEL_CHOICES, default=LOW)
    interest = models.CharField(max_length=4, choices=LEVEL_CHOICES, default=HIGH)

    panels = [FieldPanel("group"), FieldRowPanel([FieldPanel("influence"), FieldPanel("interest")])]

    def __str__(self):
        return f"{self.group} ({self.approach})"

    @property
    def approach(self):
        return APPROACHES[(self.influence, self.interest)]


def stakeholder_grid(rows):
    """[(influence label, [cell, cell])] with high influence on top and interest left to right."""
    grid = []
    for influence in (HIGH, LOW):
        cells = []
        for interest in (LOW, HIGH):
            groups = [r.group for r in rows if r.influence == influence and r.interest == interest]
            cells.append({"approach": APPROACHES[(influence, interest)], "groups": groups})
        grid.append((f"{influence.capitalize()} influence", cells))
    return grid
