"""What a browser would post from a Wagtail admin edit form, read from the page's HTML.

The plain fields are the form's inputs, text areas and selects as rendered. A StreamField is drawn
by the admin's JavaScript from the JSON in its `data-w-block-arguments-value` attribute, and posts
its blocks as `<name>-count`, `<name>-<n>-type`, `-id`, `-order`, `-deleted` and `-value…`; so
does a ListBlock (without `-type`), and a StructBlock posts each child as `<prefix>-<child>`. The
comments panel's management form is also added by JavaScript. This module does what those scripts
do for the values the cluster run's page holds (text, rich text, choices, lists, structs, streams).
"""

import html
import json
from html.parser import HTMLParser

SKIPPED_INPUTS = {"submit", "button", "file", "image", "reset"}


class _FormReader(HTMLParser):
    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.depth = 0  # > 0 inside the form
        self.fields = []  # (name, value)
        self.streams = {}  # field name -> blocks
        self.buttons = {}  # name -> value
        self._textarea = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            if self.depth or attrs.get("id") == self.form_id:
                self.depth += 1
            return
        if not self.depth:
            return
        name = attrs.get("name")
        if tag == "input" and name and "disabled" not in attrs:
            kind = (attrs.get("type") or "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.fields.append((name, attrs.get("value", "on")))
            elif kind not in SKIPPED_INPUTS:
                self.fields.append((name, attrs.get("value", "")))
        elif tag == "button" and name:
            self.buttons[name] = attrs.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = [name, ""]
        elif tag == "select" and name:
            self._select = {"name": name, "chosen": [], "first": None}
        elif tag == "option" and self._select is not None:
            value = attrs.get("value", "")
            if self._select["first"] is None:
                self._select["first"] = value
            if "selected" in attrs:
                self._select["chosen"].append(value)
        elif attrs.get("data-controller") == "w-block" and attrs.get("id"):
            arguments = json.loads(html.unescape(attrs.get("data-w-block-arguments-value") or "[[]]"))
            self.streams[attrs["id"]] = arguments[0]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form" and self.depth:
            self.depth -= 1
        elif tag == "textarea" and self._textarea is not None:
            # A browser drops the one newline that follows <textarea>.
            name, value = self._textarea
            self.fields.append((name, value[1:] if value.startswith("\n") else value))
            self._textarea = None
        elif tag == "select" and self._select is not None:
            select = self._select
            for value in select["chosen"] or ([select["first"]] if select["first"] is not None else []):
                self.fields.append((select["name"], value))
            self._select = None


def block_fields(prefix, value):
    """The POST fields of one block value, as the admin's block widgets would send them."""
    if isinstance(value, dict):
        return [pair for child, inner in value.items() for pair in block_fields(f"{prefix}-{child}", inner)]
    if isinstance(value, list) and all(isinstance(item, dict) and "id" in item for item in value):
        fields = [(f"{prefix}-count", str(len(value)))]
        for number, item in enumerate(value):
            here = f"{prefix}-{number}"
            fields += [
                (f"{here}-id", item.get("id") or ""),
                (f"{here}-deleted", ""),
                (f"{here}-order", str(number)),
            ]
            if "type" in item:
                fields.append((f"{here}-type", item["type"]))
            fields += block_fields(f"{here}-value", item.get("value"))
        return fields
    if isinstance(value, list):
        return [(prefix, "" if item is None else str(item)) for item in value]
    if isinstance(value, bool):
        return [(prefix, "true")] if value else []
    return [(prefix, "" if value is None else str(value))]


def edit_form_data(page_html, form_id="page-edit-form"):
    """(fields as a list of (name, value), the submit buttons by name) for the form `form_id`."""
    reader = _FormReader(form_id)
    reader.feed(page_html)
    fields = list(reader.fields)
    for name, blocks in reader.streams.items():
        fields += block_fields(name, blocks)
    names = {name for name, _ in fields}
    if "comments-TOTAL_FORMS" not in names:
        fields += [
            ("comments-TOTAL_FORMS", "0"),
            ("comments-INITIAL_FORMS", "0"),
            ("comments-MIN_NUM_FORMS", "0"),
            ("comments-MAX_NUM_FORMS", "1000"),
        ]
    return fields, reader.buttons


def replace(fields, name, value):
    """`fields` with every `name` replaced by one `name=value`."""
    return [(key, item) for key, item in fields if key != name] + [(name, value)]
