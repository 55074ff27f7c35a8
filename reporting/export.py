"""The annual report's CSV: the same tables as the page, one after another, separated by a blank row."""

import csv

from core.tables import table_rows
from pages.status import format_date


def csv_rows(report, tables):
    """Rows of the CSV: a heading block, then for each table its caption, headings and rows."""
    yield ["Annual engagement report", report.year.label]
    yield ["Reporting year", report.year.period]
    if report.started:
        yield ["Figures counted up to and including", format_date(report.period_end)]
    else:
        yield ["Figures counted up to and including", "The year has not started yet"]
    yield from table_rows(tables)


def write_csv(report, tables, fileobj):
    """Write the CSV to a file or an HttpResponse."""
    csv.writer(fileobj).writerows(csv_rows(report, tables))
