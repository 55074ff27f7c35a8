"""The analysis as CSV or XLSX: responses with their themes, the per-question tables, the theme tables.

Built on questionnaires/exports.py: the responses export is its rows (one per response, one column
per question, neutralised) with a column of themes for each free-text question added; the tables
are the same core.tables.Table objects the page renders (core/tables.py `table_rows`), so the page
and the file hold the same figures. Every text cell goes through `core.exports.neutralise`.
"""

from django.utils import timezone

from analysis.models import Coding
from core.exports import neutralise
from core.tables import table_rows
from questionnaires import exports as response_exports
from questionnaires.answers import questions_in_order

KINDS = ("responses", "questions", "themes")
FORMATS = response_exports.FORMATS


def responses_rows(page, free_text_keys):
    """The responses export with "themes: <key>" columns, one per free-text question."""
    themes = {}
    codings = (
        Coding.objects.filter(response__opportunity_id=page.pk)
        .order_by("theme__name")
        .values_list("response__reference", "question_key", "theme__name")
    )
    for reference, key, name in codings.iterator(chunk_size=response_exports.CHUNK):
        themes.setdefault((reference, key), []).append(name)
    rows = response_exports.rows(page, questions_in_order(page))
    header = next(rows)
    yield [*header, *(f"themes: {key}" for key in free_text_keys)]
    for row in rows:
        reference = row[0]
        yield [*row, *(neutralise("; ".join(themes.get((reference, key), []))) for key in free_text_keys)]


def heading_rows(page, described):
    yield [neutralise(f"Analysis of responses to {page.title}")]
    yield [
        "Responses analysed",
        "Counted in public: not duplicate or withdrawn, and not late unless accepted",
    ]
    for words in described:
        yield ["Filter", neutralise(words)]


def tables_rows(page, tables, described):
    yield from heading_rows(page, described)
    yield from table_rows(tables)


def filename(page, kind, export_format):
    return f"analysis-{kind}-{page.slug}-{timezone.localdate():%Y-%m-%d}.{export_format}"


def download(rows, page, kind, export_format):
    name = filename(page, kind, export_format)
    if export_format == "xlsx":
        return response_exports.xlsx_download(rows, name, sheet_name=kind.title())
    return response_exports.csv_download(rows, name)
