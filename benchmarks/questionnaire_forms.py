"""How the questionnaire load test's respondents fill in a form: `answers_for(html, marker)` gives
a valid POST for a section or About you page (benchmarks/questionnaire_locustfile.py), with the
CSRF token and other hidden values the form gave, the first choice of each radio and checkbox
group unless TYPED says otherwise, the typed answers and the respondent's marker in MARKER_KEY.
No locust here, so the tests can import it.
"""

import re
from html.parser import HTMLParser

from benchmarks.questionnaire_verdict import MARKER_KEY

# Typed answers, and the choice for a radio group whose first choice would need more typing;
# other radios and checkboxes take the first choice the form offers.
TYPED = {
    "publish-consent": "anonymously",
    "district": "NG18",
    "travel-minutes": "20",
    "proposal-views": "One centre open late would suit my family better than two part-time ones.",
}
SKIPPED = {"website", "email", "action", "change"}
STEP = re.compile(r"respond/([a-z0-9-]+)/")


class FormReader(HTMLParser):
    """The hidden values, and the first value offered by each radio and checkbox group, of a page."""

    def __init__(self):
        super().__init__()
        self.hidden, self.first_choice, self.fields = {}, {}, set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag not in ("input", "textarea", "select") or not name:
            return
        self.fields.add(name)
        kind = attrs.get("type", "text")
        if kind == "hidden":
            self.hidden[name] = attrs.get("value") or ""
        elif kind in ("radio", "checkbox"):
            self.first_choice.setdefault(name, attrs.get("value", "on"))


def answers_for(html, marker):
    """A valid POST for the section or About you form in `html`."""
    reader = FormReader()
    reader.feed(html)
    data = dict(reader.hidden)
    for name in reader.fields - SKIPPED - set(data):
        if name == MARKER_KEY:
            data[name] = marker
        elif name in TYPED:
            data[name] = TYPED[name]
        elif name in reader.first_choice:
            data[name] = reader.first_choice[name]
    data["website"] = ""
    return data


def step_of(path):
    match = STEP.search(path)
    return match.group(1) if match else "start"
