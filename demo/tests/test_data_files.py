"""The demo data files: every one is read and used, and loading them a second time changes nothing."""

import datetime
import io
import json
from pathlib import Path
from unittest import mock

import pytest
from django.apps import apps
from django.core import serializers
from django.core.management import call_command

from demo import datafiles
from demo.organisation import contacts

PASSWORD = "loaded-twice-changes-nothing"


@pytest.fixture(autouse=True)
def demo_password(monkeypatch, settings, tmp_path):
    """A known password, and never the real .demo-password file at the project root."""
    monkeypatch.setenv("DEMO_PASSWORD", PASSWORD)
    settings.DEMO_PASSWORD_FILE = tmp_path / ".demo-password"


def load():
    call_command("load_demo_content", stdout=io.StringIO())


def database():
    """Every row of every model, as JSON, by model: pages, revisions, logs, settings, records, users."""
    rows = {}
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        queryset = model._default_manager.order_by("pk")
        rows[model._meta.label] = json.loads(serializers.serialize("json", queryset))
    return rows


def data_files():
    return sorted(path for path in datafiles.DATA.iterdir() if path.suffix in {".toml", ".csv"})


def test_every_data_file_starts_by_saying_what_it_holds():
    assert len(data_files()) >= 10
    for path in data_files():
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# ") and len(first) > 20, path.name


@pytest.mark.django_db
def test_every_data_file_loads_and_loading_again_the_same_day_changes_no_row(home):
    with mock.patch("demo.datafiles.open", side_effect=open, create=True) as opened:
        load()
    assert {Path(call.args[0]).name for call in opened.call_args_list} == {path.name for path in data_files()}
    before = database()
    assert before["pages.OpportunityPage"] and before["wagtailcore.Revision"]
    assert before["involvement.Member"] and before["workflows.SignOffDecision"]
    assert before["pages.OrganisationSettings"]

    load()
    after = database()
    for label, rows in before.items():
        assert after[label] == rows, f"{label} changed on the second load"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Email {teams.engagement.email}", "Email involvement@midnotts-ccg.example"),
        ({"cell": {"day": 2}}, {"cell": "Friday 27 November 2026"}),
        ("No placeholder {here", "No placeholder {here"),
    ],
)
def test_placeholders_and_day_offsets_are_filled(value, expected):
    context = {**contacts(), "today": datetime.date(2026, 11, 25)}
    assert datafiles.fill(value, context) == expected


def test_a_placeholder_with_nothing_to_fill_it_names_itself():
    with pytest.raises(datafiles.DemoDataError, match=r"\{nowhere\}"):
        datafiles.fill("Call {nowhere}", {})
