"""The sign-off log: every stage decision, filterable and exportable as evidence of involvement."""

import django_filters
from django.core.exceptions import PermissionDenied
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.views.reports import ReportView

from core.exports import FormulaSafeExportMixin
from workflows.models import Decision, SignOffDecision
from workflows.plan_rules import Category


class SignOffLogFilterSet(WagtailFilterSet):
    """Filters on the sign-off log: when, which category, which outcome, which stage."""

    decided_at = django_filters.DateFromToRangeFilter(label="Decided between", widget=DateRangePickerWidget)
    category = django_filters.ChoiceFilter(choices=Category.choices, empty_label="Any category")
    decision = django_filters.ChoiceFilter(
        label="Outcome", choices=Decision.choices, empty_label="Any outcome"
    )
    stage_name = django_filters.CharFilter(label="Stage", lookup_expr="icontains")

    class Meta:
        model = SignOffDecision
        fields = ["decided_at", "category", "decision", "stage_name"]


class SignOffLogView(FormulaSafeExportMixin, ReportView):
    """Admin report of SignOffDecision rows, newest first, with CSV and XLSX export."""

    page_title = "Sign-off log"
    header_icon = "tasks"
    results_template_name = "workflows/reports/signoff_log_results.html"
    filterset_class = SignOffLogFilterSet
    index_url_name = "signoff_log"
    index_results_url_name = "signoff_log_results"
    model = SignOffDecision
    export_filename = "sign-off-log"
    list_export = [
        "decided_at_local",
        "page_title",
        "page_id",
        "category",
        "stage_name",
        "get_decision_display",
        "user_name",
        "submitted_by_name",
        "comment",
        "revision_id",
        "content_hash",
    ]
    export_headings = {
        "decided_at_local": "Decided at (UK time)",
        "page_title": "Plan",
        "page_id": "Page ID",
        "category": "Category",
        "stage_name": "Stage",
        "get_decision_display": "Decision",
        "user_name": "Decided by",
        "submitted_by_name": "Submitted by",
        "comment": "Comment",
        "revision_id": "Revision",
        "content_hash": "Content fingerprint (SHA-256)",
    }

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("workflows.view_signoff_log"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return SignOffDecision.objects.order_by("-decided_at", "-pk")
