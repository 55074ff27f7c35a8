"""Admin report "Feedback overdue": closed opportunities past their outcome date with no outcome published."""

from collections import OrderedDict

import django_filters
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, NumberColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies.pages import PagePermissionPolicy

from core.exports import FormulaSafeExportMixin
from pages.models import OpportunityPage
from pages.models.opportunities import Level, OpportunityType
from pages.status import format_date
from reporting.figures import days_between, overdue_opportunities
from workflows.plan_rules import Category

# Who may see it: anyone who can add, change or publish pages somewhere, as for Wagtail's own page
# reports (aging pages, page types usage). The list is organisation-wide, not limited to pages the
# user may edit: chasing overdue outcomes is everyone's job, and nothing in it is confidential
# to editors (the category is visible to every editor in the page editor).
REPORT_PERMISSIONS = ["add", "change", "publish"]
page_permission_policy = PagePermissionPolicy()


def user_can_see_report(user):
    return page_permission_policy.user_has_any_permission(user, REPORT_PERMISSIONS)


class FeedbackOverdueFilterSet(WagtailFilterSet):
    """Filters on the overdue report: type, level and category of the opportunity."""

    opportunity_type = django_filters.ChoiceFilter(
        label="Type", choices=OpportunityType.choices, empty_label="Any type"
    )
    level = django_filters.ChoiceFilter(label="Level", choices=Level.choices, empty_label="Any level")
    category = django_filters.ChoiceFilter(choices=Category.choices, empty_label="Any category")

    class Meta:
        model = OpportunityPage
        fields = ["opportunity_type", "level", "category"]


class FeedbackOverdueView(FormulaSafeExportMixin, ReportView):
    """Every live opportunity that closed and passed its outcome date without a live 'You said, We did'.

    One query for the rows whatever their number: status, outcome date and the outcome check are
    SQL annotations (reporting.figures.overdue_opportunities); days overdue is date arithmetic.
    Titles are typed by editors: the CSV export keeps them from running as formulas.
    """

    page_title = "Feedback overdue"
    header_icon = "warning"
    filterset_class = FeedbackOverdueFilterSet
    index_url_name = "reporting_feedback_overdue"
    index_results_url_name = "reporting_feedback_overdue_results"
    model = OpportunityPage
    permission_policy = page_permission_policy
    any_permission_required = REPORT_PERMISSIONS
    default_ordering = "outcome_due_on"
    no_results_message = (
        "Nothing is overdue: every closed opportunity past its outcome date has a published "
        "'You said, We did' item."
    )
    export_filename = "feedback-overdue"
    list_export = [
        "title",
        "type",
        "level",
        "category",
        "closes",
        "outcome_due",
        "days_overdue",
        "page_id",
    ]
    export_headings = {
        "title": "Opportunity",
        "type": "Type",
        "level": "Level",
        "category": "Category",
        "closes": "Closed on",
        "outcome_due": "Outcome due",
        "days_overdue": "Days overdue",
        "page_id": "Page ID",
    }

    @cached_property
    def today(self):
        return timezone.localdate()

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "title",
                label="Opportunity",
                url_name="wagtailadmin_pages:edit",
                sort_key="title",
            ),
            Column(
                "type", label="Type", accessor="get_opportunity_type_display", sort_key="opportunity_type"
            ),
            Column("level", label="Level", accessor="get_level_display"),
            Column(
                "category", label="Category", accessor=lambda page: page.category or "–", sort_key="category"
            ),
            Column(
                "closes", label="Closed on", accessor=lambda page: format_date(page.closes), sort_key="closes"
            ),
            Column(
                "outcome_due",
                label="Outcome due",
                accessor=lambda page: format_date(page.outcome_due_on),
                sort_key="outcome_due_on",
            ),
            NumberColumn("days_overdue", label="Days overdue", accessor=self.days_overdue),
        ]

    def days_overdue(self, page):
        return days_between(page.outcome_due_on, self.today)

    def get_base_queryset(self):
        return overdue_opportunities(self.today, today=self.today).defer_streamfields()

    def get_filename(self):
        return f"{self.export_filename}-{self.today:%Y-%m-%d}"

    def to_row_dict(self, item):
        return OrderedDict(
            [
                ("title", item.title),
                ("type", item.get_opportunity_type_display()),
                ("level", item.get_level_display()),
                ("category", item.category),
                ("closes", item.closes),
                ("outcome_due", item.outcome_due_on),
                ("days_overdue", self.days_overdue(item)),
                ("page_id", item.pk),
            ]
        )
