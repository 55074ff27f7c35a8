"""The area's population by each About you group, as a site setting the Engagement team keeps."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable

from core.equality import GROUP_CHOICES


@register_setting(icon="group")
class AreaPopulation(ClusterableModel, BaseSiteSetting):
    """Census figures for the area the organisation serves; the reach tables compare against them."""

    source = models.CharField(
        max_length=250,
        blank=True,
        help_text="Where the figures come from, shown under every reach table, e.g. 'Census 2021, "
        "ONS, for the council areas we serve'. Say so if they are estimates.",
    )

    panels = [
        FieldPanel("source"),
        InlinePanel(
            "figures",
            label="Share of the population",
            help_text="One row per group: the percentage of the area's population in it. Within "
            "one question (all the age bands, say) the shares should add up to about 100.",
        ),
    ]

    class Meta:
        verbose_name = "area population"

    def shares(self):
        """{group code: percentage} (one query)."""
        return {figure.group: figure.percent for figure in self.figures.all()}


class PopulationFigure(Orderable):
    """One group's share of the area's population (for example, 'Age: 18 to 24', 9.1%)."""

    setting = ParentalKey(AreaPopulation, on_delete=models.CASCADE, related_name="figures")
    group = models.CharField(max_length=40, choices=GROUP_CHOICES)
    percent = models.DecimalField(
        "percentage of the population",
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )

    panels = [FieldPanel("group"), FieldPanel("percent")]

    class Meta(Orderable.Meta):
        constraints = [models.UniqueConstraint(fields=["setting", "group"], name="one_share_per_group")]

    def __str__(self):
        return f"{self.get_group_display()}: {self.percent}%"
