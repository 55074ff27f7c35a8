"""The questionnaire benchmark's helpers, on a tiny scale: the figures it reports are there and the
Responses view's SQL statements do not grow with the responses."""

import pytest

from benchmarks import responses
from questionnaires.tests.builders import questionnaire_page
from questionnaires.tests.staff.conftest import consultation_stream

pytestmark = pytest.mark.django_db


def test_the_bench_adds_responses_and_measures_the_view_and_the_export(opportunity_index):
    questionnaire_page(opportunity_index, consultation_stream(), slug=responses.CONSULTATION)
    assert responses.add_responses(10) == 10
    small = responses.measure()
    assert responses.add_responses(60) == 50
    assert responses.add_responses(60) == 0  # up to the number asked for, once
    large = responses.measure()
    assert (small["responses"], large["responses"]) == (10, 60)
    assert small["view"]["queries"] == large["view"]["queries"]
    for export_format in ("csv", "xlsx"):
        export = large["export"][export_format]
        assert export["bytes"] > small["export"][export_format]["bytes"]
        assert export["peak_python_memory_bytes"] > 0


def test_without_the_demo_consultation_nothing_is_added(opportunity_index):
    assert responses.add_responses(10) == 0
