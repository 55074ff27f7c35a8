"""The Responses views for staff: counts, the list, one response in full, marking, export and entry.

Only the Engagement team and superusers reach them (`involvement.permissions.in_engagement_team`,
the register's rule); anyone else signed in to the admin gets a refusal, and Wagtail sends anyone
signed out to log in. Every look is written to the audit log with no personal data in it: the list
and each export in the opportunity's page history (how many responses, the page of the list, the
format), each response opened, marked or entered against "Response R7K3-9QXP", never its answers
or its email address.
"""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.log_actions import log

from involvement.permissions import in_engagement_team
from pages.models import OpportunityPage
from questionnaires import counting, exports
from questionnaires.about_you import privacy_notice
from questionnaires.answers import about_you_in_words, answered
from questionnaires.forms import answers_from, whole_questionnaire_form
from questionnaires.marking import label, set_status
from questionnaires.models import Response
from questionnaires.recording import record_response
from questionnaires.staff_forms import EntryDetailsForm, MarkForm

PER_PAGE = 50
LIST_FIELDS = ["pk", "reference", "channel", "submitted_at", "late", "status", "likely_duplicate"]


def check(request):
    if not in_engagement_team(request.user):
        raise PermissionDenied


def opportunity(page_id):
    return get_object_or_404(OpportunityPage, pk=page_id)


def opportunities_with_responses(request):
    """Reports → Questionnaire responses: each opportunity that has responses, with how many."""
    check(request)
    pages = (
        OpportunityPage.objects.annotate(total=Count("responses"))
        .filter(total__gt=0)
        .only("pk", "title", "closes")
        .order_by("-closes", "title")
    )
    return TemplateResponse(request, "questionnaires/admin/opportunities.html", {"pages": pages})


def responses_index(request, page_id):
    """Counts by channel, status and week, and the responses a page at a time, newest first."""
    check(request)
    page = opportunity(page_id)
    summary = counting.summary(page)
    rows = Response.objects.filter(opportunity=page).only(*LIST_FIELDS).order_by("-submitted_at", "-pk")
    paginator = Paginator(rows, PER_PAGE)
    paginator.count = summary["total"]  # already counted in the summary's query
    page_obj = paginator.get_page(request.GET.get("p"))
    log(
        page,
        "questionnaires.list",
        user=request.user,
        data={"responses": summary["total"], "page": page_obj.number},
    )
    context = {
        "page": page,
        "summary": summary,
        "weeks": counting.by_week(page),
        "page_obj": page_obj,
        "channels": counting.channel_labels(),
        "statuses": counting.status_labels(),
    }
    return TemplateResponse(request, "questionnaires/admin/index.html", context)


def export_responses(request, page_id):
    """The responses as CSV (the default) or XLSX (`?format=xlsx`), logged with the row count only."""
    check(request)
    page = opportunity(page_id)
    export_format = request.GET.get("format", "csv")
    if export_format not in exports.FORMATS:
        export_format = "csv"
    total = Response.objects.filter(opportunity=page).count()
    log(page, "questionnaires.export", user=request.user, data={"format": export_format, "responses": total})
    return exports.export_response(page, export_format)


def _response(pk):
    return get_object_or_404(Response.objects.select_related("opportunity", "revision", "entered_by"), pk=pk)


def _answered_page(response):
    """The page as the person saw it: the revision they answered, or the page if it has gone."""
    if response.revision_id:
        return response.revision.as_object()
    return response.opportunity.specific


def response_detail(request, pk):
    """One response in full: the answers with their questions, in question order, and About you."""
    check(request)
    response = _response(pk)
    log(response, "questionnaires.view", user=request.user, title=label(response))
    return TemplateResponse(
        request, "questionnaires/admin/detail.html", _detail_context(response, MarkForm())
    )


def _detail_context(response, form):
    return {
        "response": response,
        "page": response.opportunity,
        "answers": answered(_answered_page(response), response),
        "about_you": [row for row in about_you_in_words(response.about_you) if row[2]],
        "channels": counting.channel_labels(),
        "statuses": counting.status_labels(),
        "form": form,
    }


@require_POST
def mark_response(request, pk):
    """Set a response's status: received, late-accepted, duplicate or withdrawn."""
    check(request)
    form = MarkForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose one of the statuses listed.")
        return redirect("questionnaires_response", pk=pk)
    get_object_or_404(Response, pk=pk)
    response, _previous = set_status(pk, form.cleaned_data["status"], user=request.user)
    status = response.status
    messages.success(request, f"{label(response)} is now “{counting.status_labels()[status]}”.")
    return redirect("questionnaires_response", pk=pk)


def enter_response(request, page_id):
    """A paper, email, phone or event response typed in by staff: the same questions as online."""
    check(request)
    page = opportunity(page_id).specific
    questions = whole_questionnaire_form(page, data=request.POST or None)
    _notice, current_notice = privacy_notice()
    details = EntryDetailsForm(data=request.POST or None, current_notice=current_notice)
    if request.method == "POST" and questions.is_valid() and details.is_valid():
        response = record_response(
            page,
            answers=answers_from(questions),
            about_you=details.about_you(),
            channel=details.cleaned_data["channel"],
            entered_by=request.user,
            submitted_at=details.cleaned_data["submitted_at"],
            email=details.cleaned_data["email"],
            consent_version=details.cleaned_data["privacy_notice"],
        )
        log(
            response,
            "questionnaires.enter",
            user=request.user,
            title=label(response),
            data={"channel": response.channel, "late": response.late},
        )
        late = " It arrived after the closing day, so it is marked late." if response.late else ""
        messages.success(request, f"{label(response)} recorded.{late}")
        if "add_another" in request.POST:
            return redirect("questionnaires_enter", page_id=page.pk)
        return redirect("questionnaires_response", pk=response.pk)
    context = {
        "page": page,
        "questions": questions,
        "details": details,
        "index_url": reverse("questionnaires_responses", args=[page.pk]),
    }
    return TemplateResponse(request, "questionnaires/admin/enter.html", context)
