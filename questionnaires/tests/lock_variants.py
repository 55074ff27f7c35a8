"""Versions of the two-section questionnaire (builders.two_sections) for the lock's tests: some
keep every answer given to it, the others would break them."""

import copy

from questionnaires.tests.builders import question, two_sections


def _changed(edit):
    def make():
        stream = copy.deepcopy(two_sections())
        edit(stream)
        return stream

    return make


def _travel(stream):
    return stream[1]["value"]["questions"][0]["value"]


def _reword(stream):
    stream[0]["value"]["questions"][0]["value"]["label"] = "Have you used urgent care this year?"


def _add_optional(stream):
    stream[1]["value"]["questions"].append(question("short_text", "anything-else"))


def _remove_travel(stream):
    del stream[1]["value"]["questions"][0]


def _rename_travel(stream):
    _travel(stream)["key"] = "how-travel"


def _add_choice(stream):
    _travel(stream)["choices"].append("Train")


def _retype_comments(stream):
    comments = stream[1]["value"]["questions"][1]
    comments["type"], comments["value"]["word_limit"] = "long_text", None


KEEPING = {
    "as answered": two_sections,
    "reworded": _changed(_reword),
    "optional added": _changed(_add_optional),
}
BREAKING = {
    "travel removed": _changed(_remove_travel),
    "travel renamed": _changed(_rename_travel),
    "a choice added": _changed(_add_choice),
    "comments retyped": _changed(_retype_comments),
}
VARIANTS = {**KEEPING, **BREAKING}


def full_answers():
    """Answers to every question of two_sections(), so each breaking variant breaks one of them."""
    return {"visited": "yes", "visit-story": "A long wait.", "travel": "Bus", "comments": "Thanks."}
