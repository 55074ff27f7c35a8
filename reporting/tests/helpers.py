"""Read the report back as a person or a spreadsheet would: tables from the page, sections from the CSV."""

import csv
import io
import re
from html.parser import HTMLParser

from bs4 import BeautifulSoup

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# SVG elements written self-closing are fine too.
NUMBER = re.compile(r"^\d{1,3}(,\d{3})+$")


def clean(text):
    return " ".join(text.split())


def plain(value):
    """'1,146' -> '1146', so the page's formatted numbers compare with the CSV's."""
    return value.replace(",", "") if NUMBER.match(value) else value


def page_tables(html):
    """{caption: (headings, rows)} for every table in <main>, cells as text, lists joined by '; '."""
    soup = BeautifulSoup(html, "html.parser")
    tables = {}
    for table in soup.select("main table"):
        headings = [clean(th.get_text()) for th in table.thead.find_all("th")]
        rows = []
        for tr in table.tbody.find_all("tr"):
            cells = []
            for cell in tr.find_all(["th", "td"], recursive=False):
                items = cell.find_all("li")
                text = "; ".join(clean(li.get_text()) for li in items) if items else clean(cell.get_text())
                cells.append(plain(text))
            rows.append(cells)
        tables[clean(table.caption.get_text())] = (headings, rows)
    return tables


def csv_sections(content):
    """(heading rows, {caption: (headings, rows)}) from the report's CSV."""
    rows = list(csv.reader(io.StringIO(content)))
    sections, current = [], []
    for row in rows:
        if not row:
            sections.append(current)
            current = []
        else:
            current.append(row)
    sections.append(current)
    return sections[0], {section[0][0]: (section[1], section[2:]) for section in sections[1:]}


class _Nesting(HTMLParser):
    """Checks that elements close in the order they open and that ids are unique."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.ids, self.problems = [], set(), []

    def handle_starttag(self, tag, attrs):
        element_id = dict(attrs).get("id")
        if element_id:
            if element_id in self.ids:
                self.problems.append(f"duplicate id {element_id!r}")
            self.ids.add(element_id)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        element_id = dict(attrs).get("id")
        if element_id:
            if element_id in self.ids:
                self.problems.append(f"duplicate id {element_id!r}")
            self.ids.add(element_id)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes <{self.stack[-1] if self.stack else 'nothing'}>")
            if tag in self.stack:
                while self.stack.pop() != tag:
                    pass
        else:
            self.stack.pop()


def html_problems(html):
    """Mis-nested or unclosed elements and duplicate ids: what an HTML validator would flag first."""
    checker = _Nesting()
    checker.feed(html)
    checker.close()
    return checker.problems + [f"<{tag}> never closed" for tag in checker.stack]
