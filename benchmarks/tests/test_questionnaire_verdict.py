"""The count after the questionnaire load test: which runs pass, which fail, and why."""

import json

import pytest

from benchmarks.questionnaire_forms import answers_for
from benchmarks.questionnaire_verdict import confirmed_within, judge, markers_in, rate, step_figures


def sent(marker):
    return {"kind": "submitting", "marker": marker}


def confirmed(marker, reference):
    return {"kind": "confirmed", "marker": marker, "reference": reference}


RECORDS = [sent("qlt-a"), confirmed("qlt-a", "AAAA-AAAA"), sent("qlt-b"), confirmed("qlt-b", "BBBB-BBBB")]


def test_every_confirmed_response_stored_once_passes():
    verdict = judge(RECORDS, {"qlt-a": ["AAAA-AAAA"], "qlt-b": ["BBBB-BBBB"]})
    assert verdict["stored_exactly_once"] and verdict["passed"]
    assert (verdict["confirmed"], verdict["confirmed_stored_once"], verdict["stored"]) == (2, 2, 2)


def test_a_confirmed_response_missing_fails():
    verdict = judge(RECORDS, {"qlt-a": ["AAAA-AAAA"]})
    assert not verdict["stored_exactly_once"]
    assert verdict["confirmed_missing"] == 1


def test_a_response_stored_twice_fails():
    verdict = judge(RECORDS, {"qlt-a": ["AAAA-AAAA", "CCCC-CCCC"], "qlt-b": ["BBBB-BBBB"]})
    assert not verdict["stored_exactly_once"]
    assert verdict["duplicated_markers"] == 1


def test_stored_under_another_reference_than_the_one_shown_fails():
    verdict = judge(RECORDS, {"qlt-a": ["AAAA-AAAA"], "qlt-b": ["ZZZZ-ZZZZ"]})
    assert not verdict["stored_exactly_once"]
    assert verdict["confirmed_wrong_reference"] == 1


def test_a_stored_response_nobody_sent_fails():
    verdict = judge(RECORDS, {"qlt-a": ["AAAA-AAAA"], "qlt-b": ["BBBB-BBBB"], "qlt-x": ["XXXX-XXXX"]})
    assert not verdict["stored_exactly_once"]
    assert verdict["stored_never_sent"] == 1


def test_a_submission_in_flight_at_the_end_may_be_stored_and_is_counted():
    records = [*RECORDS, sent("qlt-c")]
    verdict = judge(records, {"qlt-a": ["AAAA-AAAA"], "qlt-b": ["BBBB-BBBB"], "qlt-c": ["CCCC-CCCC"]})
    assert verdict["passed"]
    assert verdict["stored_in_flight"] == 1
    assert verdict["submissions_sent"] == 3


def test_a_run_with_nothing_confirmed_fails():
    assert not judge([sent("qlt-a")], {})["passed"]


def test_failed_requests_fail_the_run_but_not_the_storage_verdict():
    verdict = judge(RECORDS, {"qlt-a": ["AAAA-AAAA"], "qlt-b": ["BBBB-BBBB"]}, failures=3)
    assert verdict["stored_exactly_once"]
    assert not verdict["passed"]


def test_markers_are_read_from_json_text_and_dicts_and_other_rows_ignored():
    rows = [
        ("AAAA-AAAA", json.dumps({"anything-else": "qlt-a", "district": "NG18"})),
        ("BBBB-BBBB", {"anything-else": "qlt-a"}),
        ("CCCC-CCCC", {"anything-else": "not a marker"}),
        ("DDDD-DDDD", {"other": "qlt-d"}),
        ("EEEE-EEEE", None),
    ]
    assert markers_in(rows, "anything-else", "qlt-") == {"qlt-a": ["AAAA-AAAA", "BBBB-BBBB"]}


def test_steps_are_in_the_order_a_respondent_meets_them():
    names = ["done", "check POST", "section-10", "about-you", "section-2 POST", "start", "section-2", "check"]
    figures = step_figures({name: {"requests": 1} for name in names})
    assert list(figures) == [
        "start",
        "section-2",
        "section-2 POST",
        "section-10",
        "about-you",
        "check",
        "check POST",
        "done",
    ]


@pytest.mark.parametrize(("count", "seconds", "expected"), [(120, 60, 2.0), (7, 3, 2.33), (5, 0, 0.0)])
def test_rate(count, seconds, expected):
    assert rate(count, seconds) == expected


SECTION = """
<form method="post">
  <input type="hidden" name="csrfmiddlewaretoken" value="tok">
  <input type="radio" name="fft-urgent-care" value="very_good">
  <input type="radio" name="fft-urgent-care" value="poor">
  <input type="checkbox" name="services-used" value="NHS 111 by phone">
  <input type="radio" name="publish-consent" value="with_name">
  <input type="radio" name="publish-consent" value="anonymously">
  <input type="text" name="anything-else"><input type="text" name="district"><input name="website">
  <input type="text" name="unknown">
</form>
"""


def test_a_section_is_answered_with_the_token_its_form_gave_and_the_marker():
    assert answers_for(SECTION, "qlt-m") == {
        "csrfmiddlewaretoken": "tok",
        "fft-urgent-care": "very_good",
        "services-used": "NHS 111 by phone",
        "publish-consent": "anonymously",
        "anything-else": "qlt-m",
        "district": "NG18",
        "website": "",
    }


def test_responses_per_second_counts_only_confirmations_within_the_run():
    records = [
        {"kind": "started", "at": 100.0},
        {"kind": "started", "at": 101.0},
        {"kind": "confirmed", "at": 150.0},
        {"kind": "confirmed", "at": 160.0},
        {"kind": "confirmed", "at": 165.0},
    ]
    assert confirmed_within(records, 60) == 2
    assert confirmed_within([], 60) == 0
