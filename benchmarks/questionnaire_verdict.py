"""The count after `make loadtest-questionnaire`: was every response the server accepted stored once?

Pure functions, no Django, no network: `judge` takes what the simulated respondents logged and
what the database holds for their markers, and says whether the run passed.

- A respondent's log has a "submitting" record (its marker) when it sends *Check your answers*,
  and a "confirmed" record (its marker and the reference on the confirmation page) once it has
  seen the confirmation.
- `stored` is {marker: [reference of each response holding that marker]}.

It passes when at least one response was confirmed, every confirmed marker is stored exactly once
under the reference the respondent was shown, no marker is stored twice, every stored marker was
at least sent (a response no respondent sent is a fault), and a stored marker whose confirmation
was not seen is one still in flight when the run stopped, and no request failed.
"""

import json

# The free-text answer each simulated respondent fills with its own marker.
MARKER_KEY = "anything-else"
MARKER_PREFIX = "qlt-"


def judge(records, stored, failures=0):
    """The verdict figures for one run (see the module docstring)."""
    sent = {r["marker"] for r in records if r["kind"] == "submitting"}
    confirmed = {}
    for record in records:
        if record["kind"] == "confirmed":
            confirmed.setdefault(record["marker"], []).append(record["reference"])
    in_flight = sent - set(confirmed)
    once = [
        marker
        for marker, refs in confirmed.items()
        if len(stored.get(marker, [])) == 1 and stored[marker] == refs
    ]
    result = {
        "submissions_sent": len(sent),
        "confirmed": len(confirmed),
        "confirmed_stored_once": len(once),
        "confirmed_missing": sum(1 for marker in confirmed if not stored.get(marker)),
        "confirmed_wrong_reference": sum(
            1
            for marker, refs in confirmed.items()
            if len(stored.get(marker, [])) == 1 and stored[marker] != refs
        ),
        "confirmed_twice": sum(1 for refs in confirmed.values() if len(refs) > 1),
        "stored": sum(len(refs) for refs in stored.values()),
        "duplicated_markers": sum(1 for refs in stored.values() if len(refs) > 1),
        "stored_in_flight": sum(1 for marker in stored if marker in in_flight),
        "stored_never_sent": sum(1 for marker in stored if marker not in sent),
        "failures": failures,
    }
    result["stored_exactly_once"] = (
        result["confirmed"] > 0
        and result["confirmed_stored_once"] == result["confirmed"]
        and result["duplicated_markers"] == 0
        and result["stored_never_sent"] == 0
    )
    result["passed"] = result["stored_exactly_once"] and failures == 0
    return result


def markers_in(rows, key, prefix):
    """{marker: [references]} from (reference, answers) rows: the value of answer `key` when it
    starts with `prefix` (answers may be a dict or its JSON text, as the database gives it)."""
    found = {}
    for reference, answers in rows:
        if isinstance(answers, str):
            answers = json.loads(answers)
        value = (answers or {}).get(key)
        if isinstance(value, str) and value.startswith(prefix):
            found.setdefault(value, []).append(reference)
    return found


def step_figures(by_name):
    """{step: {requests, failures, p50_ms, p95_ms}} in the order a respondent meets the steps."""

    def order(name):
        base = name.removesuffix(" POST")
        steps = ["start", "section", "about-you", "check", "done"]
        head = next((i for i, step in enumerate(steps) if base.startswith(step)), len(steps))
        number = int(base.split("-")[1]) if base.startswith("section-") else 0
        return head, number, name.endswith(" POST"), name

    return {name: by_name[name] for name in sorted(by_name, key=order)}


def rate(count, seconds):
    return round(count / seconds, 2) if seconds else 0.0


def confirmed_within(records, seconds):
    """Confirmations seen within `seconds` of the first respondent's start: the run proper, without
    the respondents locust lets finish after it (--stop-timeout)."""
    starts = [r["at"] for r in records if r["kind"] == "started"]
    if not starts:
        return 0
    end = min(starts) + seconds
    return sum(1 for r in records if r["kind"] == "confirmed" and r["at"] <= end)
