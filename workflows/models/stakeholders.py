"""Stakeholder rows of a consultation plan, and the influence/interest grid they are drawn in."""

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

from workflows.quadrants import APPROACHES, HIGH, LEVEL_CHOICES, LOW


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
