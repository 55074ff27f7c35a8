"""The moderation queue, for the Engagement team only (the Responses views' check,
questionnaires/admin_views.py): each consented response of an opportunity, its decision and the
text to publish; publish, decline, redact, and send the published set to Editorial review."""

from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_POST
from wagtail.admin import messages

from published_responses import moderation
from published_responses.consent import consent_question, consented, name_to_show, original_texts
from published_responses.exceptions import ModerationRefused
from published_responses.forms import DecisionForm, RedactionForm
from published_responses.models import Decision, ModeratedResponse, ResponsePublication
from questionnaires.admin_views import check, opportunity

PER_PAGE = 25


def _rows(page, responses):
    """[(response, moderation or None, texts, name)] as the queue shows them."""
    question = consent_question(page)
    moderations = {m.response_id: m for m in ModeratedResponse.objects.filter(response__in=responses)}
    rows = []
    for response in responses:
        row = moderations.get(response.pk)
        texts = row.texts if row else original_texts(page, response)
        name = row.name if row else name_to_show(response, question)
        rows.append((response, row, texts, name))
    return rows


def queue(request, page_id):
    check(request)
    page = opportunity(page_id).specific
    page_obj = Paginator(consented(page), PER_PAGE).get_page(request.GET.get("p"))
    publication = ResponsePublication.objects.filter(opportunity_id=page.pk).first()
    context = {
        "page": page,
        "asks": consent_question(page) is not None,
        "page_obj": page_obj,
        "rows": _rows(page, list(page_obj.object_list)),
        "publication": publication,
        "published_count": len(moderation.publishable(page)),
        "decisions": Decision,
    }
    return TemplateResponse(request, "published_responses/admin/queue.html", context)


def _back(page, request):
    target = reverse("published_responses_queue", args=[page.pk])
    number = request.POST.get("p", "")
    return redirect(f"{target}?p={number}" if number.isdigit() else target)


@require_POST
def decide(request, page_id, response_id):
    check(request)
    page = opportunity(page_id).specific
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose to publish or to decline.")
        return _back(page, request)
    try:
        row = moderation.decide(page, response_id, form.cleaned_data["decision"], request.user)
    except ModerationRefused as refusal:
        messages.error(request, str(refusal))
        return _back(page, request)
    verb = (
        "will be published once Editorial review approves"
        if row.decision == Decision.PUBLISHED
        else "is declined"
    )
    messages.success(request, f"{moderation.label(row.response)} {verb}.")
    return _back(page, request)


def redact(request, page_id, response_id):
    check(request)
    page = opportunity(page_id).specific
    response = consented(page).filter(pk=response_id).first()
    if response is None:
        messages.error(request, moderation.NOT_CONSENTED)
        return redirect("published_responses_queue", page.pk)
    ((_response, row, texts, name),) = _rows(page, [response])
    form = RedactionForm(request.POST or None, texts=texts)
    if request.method == "POST" and form.is_valid():
        try:
            count = moderation.redact(
                page,
                response.pk,
                form.cleaned_data["question"],
                form.cleaned_data["phrase"],
                form.cleaned_data["reason"],
                request.user,
            )
        except ModerationRefused as refusal:
            form.add_error("phrase", str(refusal))
        else:
            messages.success(
                request, f"Redacted {count} place{'s' if count != 1 else ''} in {moderation.label(response)}."
            )
            return redirect("published_responses_redact", page.pk, response.pk)
    context = {"page": page, "response": response, "row": row, "texts": texts, "name": name, "form": form}
    return TemplateResponse(request, "published_responses/admin/redact.html", context)


@require_POST
def submit(request, page_id):
    check(request)
    page = opportunity(page_id).specific
    publication, _revision = moderation.prepare(page, request.user)
    count = len(publication.get_latest_revision_as_object().entries)
    messages.success(
        request,
        f"A new version with {count} response{'s' if count != 1 else ''} is waiting for Editorial review. "
        "Another member of the Engagement team approves it; then it is public once the opportunity closes.",
    )
    return redirect("published_responses_queue", page.pk)
