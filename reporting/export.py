"""The annual report's CSV: the same tables as the page, one after another, separated by a blank row."""

import csv

from reporting.figures import format_date

# A spreadsheet treats a cell starting with one of these as a formula; titles are typed by people.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe(value):
    return f"'{value}" if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value


def csv_rows(report, tables):
    """Rows of the CSV: a heading block, then for each table its caption, headings and rows."""
    yield ["Annual engagement report", report.year.label]
    yield ["Reporting year", report.year.period]
    if report.started:
        yield ["Figures counted up to and including", format_date(report.period_end)]
    else:
        yield ["Figures counted up to and including", "The year has not started yet"]
    for table in tables:
        yield []
        yield [table.caption]
        yield [heading.text for heading in table.headings]
        if not table.rows:
            yield [table.empty]
        for row in table.all_rows:
            yield [cell.number if cell.numeric else safe(cell.csv) for cell in row]


def write_csv(report, tables, fileobj):
    """Write the CSV to a file or an HttpResponse."""
    csv.writer(fileobj).writerows(csv_rows(report, tables))
