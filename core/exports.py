"""Spreadsheet exports: one rule for keeping typed text from running as a formula.

A spreadsheet treats a cell that starts with one of FORMULA_STARTS as a formula, even in a CSV
file, so text that anyone can type (a name, a page title, a feedback item's service) could
otherwise open a link or run a command on the computer of whoever opens the export. Such text
is written with an apostrophe in front, which spreadsheets show as text and do not evaluate.
Numbers, dates and empty cells are left as they are.

Every CSV export goes through `neutralise`: Wagtail's report and listing exports by
`FormulaSafeExportMixin`, hand-written CSV writers by calling it for each cell.
"""

# '=', '+', '-', '@', tab, carriage return, line feed and NUL, and the full-width forms of the first
# four, which some spreadsheets read as the ASCII ones.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\0", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def neutralise(value):
    """The cell as it is safe to write: text that a spreadsheet would evaluate gets a leading "'"."""
    if isinstance(value, str) and value.lstrip(" ").startswith(FORMULA_STARTS):
        return "'" + value
    return value


class FormulaSafeExportMixin:
    """For views using Wagtail's SpreadsheetExportMixin: every CSV cell goes through `neutralise`.

    XLSX cells need nothing: Wagtail already writes any cell openpyxl would take as a formula as text.
    """

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return neutralise(value) if export_format == self.FORMAT_CSV else value
