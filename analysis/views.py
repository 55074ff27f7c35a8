"""The analysis views: the opportunities to analyse, one opportunity's figures, and their exports.

Only the Engagement team and superusers reach them, by the same check as the Responses views
(questionnaires/admin_views.py `check`); Wagtail sends anyone signed out to log in. Each look and
each export is written to the opportunity's history with the filters used, never an answer.
"""

from django.contrib import messages
from django.db.models import Count
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.log_actions import log

from analysis import exports, figures
from analysis.filters import AnalysisFilterForm
from analysis.similar import free_text_keys
from pages.models import OpportunityPage
from questionnaires.admin_views import check, opportunity
from questionnaires.answers import questions_in_order
from questionnaires.counting import counted_q


def analysis_index(request):
    """Reports → Response analysis: each opportunity with responses, and how many are analysed."""
    check(request)
    pages = (
        OpportunityPage.objects.annotate(
            total=Count("responses"), analysed=Count("responses", filter=counted_q("responses__"))
        )
        .filter(total__gt=0)
        .only("pk", "title", "closes")
        .order_by("-closes", "title")
    )
    return TemplateResponse(request, "analysis/admin/opportunities.html", {"pages": pages})


def _filtered(request, page):
    """(the filter form, the responses it selects, the questions) for the request's GET filters."""
    questions = questions_in_order(page)
    form = AnalysisFilterForm(request.GET or None, questions=questions)
    responses = figures.analysed(page)
    if request.GET and not form.is_valid():
        messages.error(request, "Some filters could not be used, so every analysed response is shown.")
    return form, form.apply(responses), questions


def analysis_view(request, page_id):
    """Each question's counts and percentages with a chart, theme counts, and the filters."""
    check(request)
    page = opportunity(page_id).specific
    form, responses, questions = _filtered(request, page)
    result = figures.question_figures(page, responses, questions)
    theme_tables = figures.theme_tables(page, responses)
    log(
        page,
        "analysis.view",
        user=request.user,
        data={"filters": form.described(), "responses": result["total"]},
    )
    query = request.GET.urlencode() if form.is_valid() else ""
    context = {
        "page": page,
        "form": form,
        "described": form.described(),
        "total": result["total"],
        "questions": result["questions"],
        "theme_tables": theme_tables,
        "has_free_text": bool(free_text_keys(page)),
        "query": query,
        "exports": export_links(page, query),
    }
    return TemplateResponse(request, "analysis/admin/analysis.html", context)


def analysis_export(request, page_id, kind):
    """`kind` (responses, questions or themes) as CSV, or XLSX with `?format=xlsx`; filters apply."""
    check(request)
    if kind not in exports.KINDS:
        raise Http404
    page = opportunity(page_id).specific
    export_format = request.GET.get("format", "csv")
    if export_format not in exports.FORMATS:
        export_format = "csv"
    form, responses, questions = _filtered(request, page)
    if kind == "responses":
        rows = exports.responses_rows(page, free_text_keys(page))
    elif kind == "questions":
        tables = [item.table for item in figures.question_figures(page, responses, questions)["questions"]]
        rows = exports.tables_rows(page, tables, form.described())
    else:
        rows = exports.tables_rows(page, figures.theme_tables(page, responses), form.described())
    log(
        page,
        "analysis.export",
        user=request.user,
        data={"kind": kind, "format": export_format, "filters": form.described()},
    )
    return exports.download(rows, page, kind, export_format)


def export_links(page, query):
    """[(label, url)] of every export, keeping the filters in the query string."""
    links = []
    for kind in exports.KINDS:
        base = reverse("analysis_export", args=[page.pk, kind])
        for export_format in exports.FORMATS:
            suffix = f"?format={export_format}" + (f"&{query}" if query else "")
            links.append((kind, export_format, base + suffix))
    return links
