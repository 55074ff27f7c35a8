"""The home page: what is open now, what changed lately, and how to get involved."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from pages.blocks import LinkListBlock
from pages.models.base import BasePage
from pages.models.opportunities import OpportunityIndexPage, OpportunityPage, Status
from pages.models.you_said_we_did import YouSaidWeDidIndexPage, YouSaidWeDidPage


class HomePage(BasePage):
    """The site root; its open opportunities and latest outcomes are found automatically."""

    get_involved_heading = models.CharField(max_length=100, default="Ways to get involved")
    get_involved_links = StreamField(
        LinkListBlock(),
        blank=True,
        help_text="Links into getting involved: joining the register, sharing an experience…",
    )

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "pages.StandardPage",
        "pages.StrategyPage",
        "pages.OpportunityIndexPage",
        "pages.YouSaidWeDidIndexPage",
        "involvement.FeedbackPage",
        "reporting.EngagementReportPage",
    ]

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("get_involved_heading"),
        FieldPanel("get_involved_links"),
        FieldPanel("body"),
    ]

    open_limit = 6
    outcome_limit = 3

    class Meta:
        verbose_name = "home page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["open_opportunities"] = (
            OpportunityPage.objects.live()
            .public()
            .descendant_of(self)
            .with_status_in([Status.OPEN])
            .defer_streamfields()[: self.open_limit]
        )
        context["latest_outcomes"] = (
            YouSaidWeDidPage.objects.live()
            .public()
            .descendant_of(self)
            .defer_streamfields()
            .order_by("-date", "-pk")[: self.outcome_limit]
        )
        context["opportunity_index"] = OpportunityIndexPage.objects.live().child_of(self).first()
        context["outcome_index"] = YouSaidWeDidIndexPage.objects.live().child_of(self).first()
        return context
