"""Responses for the staff tests, stored the one way the site stores them."""

from questionnaires.recording import record_response

FULL = {
    "fft": "good",
    "used-111": "no",
    "travel": "__other__",
    "travel__other": "By tandem with my neighbour",
    "district": "NG18",
    "agree": "agree",
    "why": "My neighbour Pat Quillfeather said it was slow",
    "comments": "Call me on 07700 900123",
    "visits": 3,
}


def respond(page, answers=None, **fields):
    return record_response(page, answers=dict(FULL if answers is None else answers), **fields)
