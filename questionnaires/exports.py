"""An opportunity's responses as CSV or XLSX: one row per response, one column per question.

Columns: the reference, channel, when it was submitted (London time), whether it was late, its
status, the revision of the page it answered, whether it looked like a duplicate, then one column
per question key in question order (a question offering "Other (please say)" has a second,
`<key>__other`, for the text), then the About you answers. No email address: the export is for
analysis, and the address is only there to send a receipt or a save-and-return link.

Both formats stream: rows are read from the database a thousand at a time (`iterator()`), the
CSV is written to the response as it goes, and the XLSX goes through openpyxl's write-only
workbook into a temporary file that spills to disk past a megabyte, so memory stays flat however
many responses there are. Every text cell goes through `core.exports.neutralise`, in both formats,
so an answer starting with =, +, -, @, a tab or a carriage return is never run as a formula.
"""

import csv
import tempfile

import openpyxl
from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone

from core.exports import neutralise
from questionnaires.answers import ABOUT_YOU, cells, questions_in_order
from questionnaires.counting import channel_labels, status_labels
from questionnaires.models import Response

FIXED_COLUMNS = ["reference", "channel", "submitted", "late", "status", "revision", "likely_duplicate"]
FORMATS = ("csv", "xlsx")
CHUNK = 1000
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def header(questions):
    keys = [key for question in questions for key in question.answer_keys]
    return [*FIXED_COLUMNS, *keys, *(f"about_you_{field}" for field, *_ in ABOUT_YOU)]


def rows(page, questions=None):
    """The header, then one list of cells per response, oldest first, neutralised."""
    questions = questions_in_order(page) if questions is None else questions
    channels, statuses = channel_labels(), status_labels()
    yield header(questions)
    fields = ["reference", "channel", "submitted_at", "late", "status", "revision_id", "likely_duplicate"]
    values = Response.objects.filter(opportunity_id=page.pk).order_by("submitted_at", "pk")
    for item in values.values(*fields, "answers", "about_you").iterator(chunk_size=CHUNK):
        answers, about_you = item["answers"] or {}, item["about_you"] or {}
        yield [
            neutralise(item["reference"]),
            channels.get(item["channel"], item["channel"]),
            timezone.localtime(item["submitted_at"]).strftime("%Y-%m-%d %H:%M")
            if item["submitted_at"]
            else "",
            "yes" if item["late"] else "no",
            statuses.get(item["status"], item["status"]),
            item["revision_id"] or "",
            "yes" if item["likely_duplicate"] else "no",
            *(neutralise(cell) for question in questions for cell in cells(question, answers)),
            *(neutralise(choices.get(about_you.get(field), "")) for field, _q, choices in ABOUT_YOU),
        ]


class _Echo:
    """A file-like object whose write() hands back the line, for csv.writer in a streaming response."""

    def write(self, value):
        return value


def filename(page, export_format):
    return f"responses-{page.slug}-{timezone.localdate():%Y-%m-%d}.{export_format}"


def csv_download(rows_, name):
    """A streamed CSV download of already-neutralised rows (also used by analysis/exports.py)."""
    writer = csv.writer(_Echo())
    response = StreamingHttpResponse(
        (writer.writerow(row) for row in rows_), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def xlsx_download(rows_, name, sheet_name="Responses"):
    """An XLSX download through a write-only workbook spooled to disk past a megabyte."""
    spool = tempfile.SpooledTemporaryFile(max_size=1024 * 1024)
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_name)
    for row in rows_:
        sheet.append(row)
    workbook.save(spool)
    spool.seek(0)
    return FileResponse(spool, as_attachment=True, filename=name, content_type=XLSX_TYPE)


def csv_response(page):
    return csv_download(rows(page), filename(page, "csv"))


def xlsx_response(page):
    return xlsx_download(rows(page), filename(page, "xlsx"))


def export_response(page, export_format):
    return xlsx_response(page) if export_format == "xlsx" else csv_response(page)
