"""The annual engagement report: a page whose figures are counted from the site's own records."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import HttpResponse
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, re_path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from pages.blocks import RICH_TEXT
from pages.models.base import BasePage
from reporting import export, figures, tables

CSV_NAME = "figures.csv"


class EngagementReportPage(RoutablePageMixin, BasePage):
    """The annual engagement report for one April-to-March year, at /annual-report/.

    Its figures are computed on every view from opportunities, 'You said, We did' items, the
    sign-off log, the involvement register and feedback; <page URL>figures.csv downloads them.
    """

    year_start = models.PositiveSmallIntegerField(
        "reporting year",
        default=figures.default_year,
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text="The year the reporting year begins in. Reporting years run from April to March, "
        "so 2025 means 1 April 2025 to 31 March 2026.",
    )
    commentary = RichTextField(
        features=RICH_TEXT,
        blank=True,
        help_text="What the figures mean, in your own words: highlights, what changed because people "
        "spoke up, what went less well and what you will do next. Shown before the figures.",
    )

    parent_page_types = ["pages.HomePage"]
    subpage_types = []

    search_fields = [*BasePage.search_fields, index.SearchField("commentary")]
    api_fields = [APIField("year_start"), APIField("commentary"), *BasePage.api_fields]

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("year_start"),
                HelpPanel(
                    content="<p>The figures (opportunities, people taking part, consultations and their "
                    "sign-off, 'You said, We did', the involvement register, feedback and overdue "
                    "feedback) are counted automatically from this site for the year you choose. "
                    "They cannot be edited here: correct the records they come from.</p>"
                ),
            ],
            heading="Reporting year",
        ),
        FieldPanel("intro"),
        FieldPanel("commentary"),
        FieldPanel("body"),
    ]

    class Meta:
        verbose_name = "annual engagement report"

    @property
    def reporting_year(self):
        """The April-to-March year this report covers."""
        return figures.ReportingYear(self.year_start)

    def get_figures(self, request=None, today=None):
        """Everything the report counts, as at today (or the end of the year, once it is over)."""
        return figures.compute(
            self.year_start,
            root=self.get_parent(),
            today=today or timezone.localdate(),
            request=request,
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        report = self.get_figures(request)
        listed = tables.tables(report, listed=tables.LISTED)
        context.update(
            figures=report,
            tables={table.key: table for table in listed},
            reach_tables=[table for table in listed if table.key.startswith("reach_")],
            csv_url=self.csv_url(request),
            no_theme=figures.NO_THEME,
        )
        return context

    def csv_url(self, request=None):
        """`<page URL>figures.csv`: reporting/urls.py sends that address to Wagtail, which routes it here."""
        return f"{self.get_url(request)}{CSV_NAME}"

    # Wagtail routes the path with a slash added, so the route has one; the address has not.
    @re_path(r"^figures\.csv/$", name="figures_csv")
    def figures_csv(self, request):
        """Every figure on the page, table by table, as a CSV download."""
        report = self.get_figures(request)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="engagement-report-{report.year.slug}.csv"'
        export.write_csv(report, tables.tables(report), response)
        return response
