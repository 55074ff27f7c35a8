"""Figures laid out as tables, rendered as HTML and written as CSV cell for cell.

The annual report (reporting/tables.py) and the analysis views (analysis/figures.py) both build
these, so a page and its download cannot disagree. A table may carry a bar chart (core/charts.py)
drawn beside it from the same numbers.
"""

from dataclasses import dataclass

from core.exports import neutralise


@dataclass(frozen=True)
class Cell:
    """One table cell: text, an optional link, an optional list of lines, or a number."""

    text: str = ""
    url: str = ""
    items: tuple = ()
    number: int | None = None

    @property
    def numeric(self):
        return self.number is not None

    @property
    def csv(self):
        """The cell as the CSV has it: numbers without separators, list items joined by '; '."""
        if self.numeric:
            return str(self.number)
        if self.items:
            return "; ".join(self.items)
        return self.text


def number(value):
    return Cell(text=f"{value:,}", number=value)


def text(value, url=""):
    return Cell(text=value or "", url=url or "")


@dataclass(frozen=True)
class Heading:
    """A column heading; numeric columns are right-aligned."""

    text: str
    numeric: bool = False


@dataclass
class Table:
    """A captioned table; the first cell of each row is its row header (th scope=row)."""

    key: str
    caption: str
    headings: list
    rows: list
    total: list | None = None
    chart: object = None
    empty: str = ""
    note: str = ""
    # Rows in the CSV but not listed on the page, and what the page says about them.
    more: int = 0
    more_text: str = ""

    @property
    def all_rows(self):
        return [*self.rows, self.total] if self.total else list(self.rows)

    @property
    def body(self):
        """Rows of (cell, numeric column?), so a whole numeric column lines up on the right."""
        return [
            [(cell, heading.numeric) for cell, heading in zip(row, self.headings, strict=True)]
            for row in self.all_rows
        ]

    @property
    def id(self):
        return "table-" + self.key.replace("_", "-")


def headings(*names, numeric=()):
    return [Heading(name, index in numeric) for index, name in enumerate(names)]


def table_rows(tables):
    """Rows of a CSV or sheet: for each table a blank row, its caption, headings and rows, neutralised."""
    for table in tables:
        yield []
        yield [neutralise(table.caption)]
        yield [neutralise(heading.text) for heading in table.headings]
        if not table.rows:
            yield [neutralise(table.empty)]
        for row in table.all_rows:
            yield [cell.number if cell.numeric else neutralise(cell.csv) for cell in row]
