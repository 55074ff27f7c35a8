"""Coding free text: the coding view (one answer per row, a page at a time), the coding frame, and
one response's analysis page (quotes for use, analysts' notes).

Plain HTML forms: checkboxes and buttons, in reading order, so everything works by keyboard and
without JavaScript. The rules (and the audit log) are in analysis/coding.py.
"""

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models.fields.json import KT
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from analysis import coding
from analysis.figures import analysed
from analysis.models import Coding, Note, Quote, Theme
from questionnaires.admin_views import check, opportunity
from questionnaires.answers import FREE_TEXT_TYPES, questions_in_order
from questionnaires.models import Response

PER_PAGE = 25


class ThemeForm(forms.Form):
    name = forms.CharField(label="Theme", max_length=120)
    description = forms.CharField(label="What it covers (optional)", required=False, max_length=1000)


def free_text_questions(page):
    return [q for q in questions_in_order(page) if q.type in FREE_TEXT_TYPES]


def _coding_state(request, page):
    """(questions, the chosen question, 'all' or 'uncoded') from GET or POST, refusing unknown ones."""
    questions = free_text_questions(page)
    if not questions:
        return questions, None, "all"
    source = request.POST if request.method == "POST" else request.GET
    key = source.get("question") or questions[0].key
    chosen = next((q for q in questions if q.key == key), None)
    if chosen is None:
        messages.error(request, "That question has no free-text answers to code: showing the first one.")
        chosen = questions[0]
    show = "uncoded" if source.get("show") == "uncoded" else "all"
    return questions, chosen, show


def _answers(page, key, show):
    rows = (
        analysed(page)
        .filter(**{f"answers__{key}__isnull": False})
        .exclude(**{f"answers__{key}": ""})
        .annotate(text=KT(f"answers__{key}"))
        .only("pk", "reference", "submitted_at")
        .order_by("submitted_at", "pk")
    )
    if show == "uncoded":
        rows = rows.exclude(codings__question_key=key)
    return rows


def _coding_url(page, key, show, number=None):
    query = {"question": key, "show": show}
    if number:
        query["p"] = number
    return reverse("analysis_coding", args=[page.pk]) + "?" + urlencode(query)


def coding_view(request, page_id):
    """GET: a page of answers to one question with their themes; POST: save the ticks, or tag in bulk."""
    check(request)
    page = opportunity(page_id).specific
    questions, question, show = _coding_state(request, page)
    themes = list(Theme.objects.filter(opportunity=page))
    if request.method == "POST" and question is not None:
        return _save_coding(request, page, question, show, themes)
    context = {"page": page, "questions": questions, "question": question, "show": show, "themes": themes}
    if question is not None:
        page_obj = Paginator(_answers(page, question.key, show), PER_PAGE).get_page(request.GET.get("p"))
        rows = list(page_obj.object_list)
        tags = {}
        for response_id, theme_id in Coding.objects.filter(
            response__in=rows, question_key=question.key
        ).values_list("response_id", "theme_id"):
            tags.setdefault(response_id, set()).add(theme_id)
        context.update(
            page_obj=page_obj,
            rows=[(row, tags.get(row.pk, set())) for row in rows],
            theme_form=ThemeForm(),
        )
    return TemplateResponse(request, "analysis/admin/coding.html", context)


def _ids(values):
    try:
        return [int(value) for value in values]
    except (TypeError, ValueError):
        return None


def _save_coding(request, page, question, show, themes):
    back = _coding_url(page, question.key, show, request.POST.get("p"))
    row_ids = _ids(request.POST.getlist("rows"))
    if not row_ids or len(row_ids) > PER_PAGE:
        messages.error(request, "Nothing was saved: the list of answers was missing. Try again.")
        return redirect(back)
    responses = list(Response.objects.filter(pk__in=row_ids, opportunity_id=page.pk))
    try:
        if request.POST.get("action") == "bulk":
            selected = set(_ids(request.POST.getlist("selected")) or [])
            theme_id = _ids([request.POST.get("bulk_theme")])
            chosen = [r for r in responses if r.pk in selected]
            if not chosen or not theme_id:
                messages.error(request, "Select one or more answers and a theme, then choose Apply.")
                return redirect(back)
            added = coding.bulk_tag(page, chosen, question.key, theme_id[0], user=request.user)
            messages.success(request, f"Theme added to {added} answer{'s' if added != 1 else ''}.")
        else:
            changed = 0
            for response in responses:
                ticked = _ids(request.POST.getlist(f"themes-{response.pk}"))
                if ticked is None:
                    raise coding.CodingError("Choose themes from this consultation's coding frame")
                added, removed = coding.set_themes(page, response, question.key, ticked, user=request.user)
                changed += bool(added or removed)
            messages.success(request, f"Themes saved: {changed} answer{'s' if changed != 1 else ''} changed.")
    except coding.CodingError as error:
        messages.error(request, str(error))
    return redirect(back)


@require_POST
def add_theme(request, page_id):
    """Add a theme to the coding frame, then go back to the answers being coded."""
    check(request)
    page = opportunity(page_id).specific
    _questions, question, show = _coding_state(request, page)
    form = ThemeForm(request.POST)
    if form.is_valid():
        try:
            theme, created = coding.add_theme(
                page, form.cleaned_data["name"], form.cleaned_data["description"], user=request.user
            )
        except coding.CodingError as error:
            messages.error(request, str(error))
        else:
            if created:
                messages.success(request, f"Theme “{theme.name}” added.")
            else:
                messages.info(request, f"The coding frame already has “{theme.name}”.")
    else:
        messages.error(request, "Enter a theme name of up to 120 characters.")
    if question is None:
        return redirect("analysis_view", page_id=page.pk)
    return redirect(_coding_url(page, question.key, show))


def response_analysis(request, pk):
    """One response's free-text answers, their themes and quotes, and the analysts' notes."""
    check(request)
    response = get_object_or_404(Response.objects.select_related("opportunity"), pk=pk)
    return _response_page(request, response)


def _response_page(request, response, typed=None, status=200):
    """The response's analysis page; `typed` keeps what was typed in a refused form."""
    page = response.opportunity.specific
    answers = response.answers or {}
    tagged = {}
    for key, name in Coding.objects.filter(response=response).values_list("question_key", "theme__name"):
        tagged.setdefault(key, []).append(name)
    quotes = {quote.question_key: quote for quote in Quote.objects.filter(response=response)}
    rows = [
        (q, answers.get(q.key), tagged.get(q.key, []), quotes.get(q.key))
        for q in free_text_questions(page)
        if answers.get(q.key)
    ]
    context = {
        "page": page,
        "response": response,
        "rows": rows,
        "notes": Note.objects.filter(response=response).select_related("author"),
        "typed": typed or {},
    }
    return TemplateResponse(request, "analysis/admin/response.html", context, status=status)


@require_POST
def response_change(request, pk):
    """Mark or unmark a quote for use, or add a note; back to the response's analysis page."""
    check(request)
    response = get_object_or_404(Response, pk=pk)
    page = response.opportunity.specific
    keys = {q.key for q in free_text_questions(page)}
    try:
        if request.POST.get("action") == "note":
            coding.add_note(response, request.POST.get("note", "")[:5000], user=request.user)
            messages.success(request, "Note added.")
        elif request.POST.get("action") == "quote":
            key = request.POST.get("question")
            if key not in keys:
                raise Http404
            for_use = request.POST.get("for_use") == "yes"
            coding.set_quote(
                response,
                key,
                for_use=for_use,
                excerpt=request.POST.get("excerpt", "")[:5000],
                user=request.user,
            )
            messages.success(
                request, "Quote marked for use." if for_use else "Quote no longer marked for use."
            )
        else:
            messages.error(request, "Choose Save note or Save quote.")
    except coding.CodingError as error:
        messages.error(request, str(error))
        typed = {"note": request.POST.get("note", ""), "question": request.POST.get("question", "")}
        typed["excerpt"] = request.POST.get("excerpt", "")
        return _response_page(request, response, typed=typed, status=400)
    return redirect("analysis_response", pk=response.pk)
