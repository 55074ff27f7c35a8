"""Questionnaires for tests, written as the StreamField's raw data (what an editor would save)."""

import datetime
import json
import uuid

from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from pages.tests.factories import OpportunityPageFactory, today


def question(type_, key, label=None, *, required=False, hint="", condition=None, **options):
    if type_ == "information":
        return {
            "type": "information",
            "id": str(uuid.uuid4()),
            "value": {"text": options.get("text", "<p>Note</p>")},
        }
    value = {
        "key": key,
        "label": label or f"Question {key}",
        "hint": hint,
        "required": required,
        "condition": {"question": condition[0], "value": condition[1]}
        if condition
        else {"question": "", "value": ""},
    }
    defaults = {
        "long_text": {"word_limit": None},
        "single_choice": {"choices": ["Bus", "Car", "Walk"], "allow_other": False},
        "multiple_choice": {"choices": ["Mornings", "Afternoons", "Evenings"], "max_choices": None},
        "number": {"min_value": None, "max_value": None},
    }.get(type_, {})
    value.update({**defaults, **options})
    return {"type": type_, "id": str(uuid.uuid4()), "value": value}


def section(title, *questions, intro=""):
    return {
        "type": "section",
        "id": str(uuid.uuid4()),
        "value": {"title": title, "intro": intro, "questions": list(questions)},
    }


def every_type():
    """One section holding a question of each of the 11 types."""
    return [
        section(
            "Everything",
            question("short_text", "name-of-service"),
            question("long_text", "experience", word_limit=5),
            question("single_choice", "travel", allow_other=True),
            question("multiple_choice", "times", max_choices=2),
            question("agreement", "agree-proposal"),
            question("fft", "fft"),
            question("number", "visits", min_value=0, max_value=50),
            question("date", "last-visit"),
            question("yes_no", "carer"),
            question("postcode_district", "district"),
            question("information", "", text="<p>Thank you.</p>"),
        )
    ]


def two_sections():
    """A condition within a section and one across sections."""
    return [
        section(
            "Your visits",
            question("yes_no", "visited", required=True),
            question("long_text", "visit-story", required=True, condition=("visited", "yes")),
        ),
        section(
            "Getting there",
            question("single_choice", "travel", required=True, condition=("visited", "yes")),
            question("short_text", "comments"),
        ),
    ]


def questionnaire_page(index, stream=None, *, live=True, **fields):
    values = {
        "title": "Urgent care survey",
        "opens": today() - datetime.timedelta(days=7),
        "closes": today() + datetime.timedelta(days=30),
        "live": live,
    }
    values.update(fields)
    page = OpportunityPageFactory(parent=index, **values)
    page.questionnaire = json.dumps(stream if stream is not None else two_sections())
    page.save()
    revision = page.save_revision()
    if live:
        # As if published after sign-off: the live revision is the one with these questions.
        type(page).objects.filter(pk=page.pk).update(live_revision=revision)
        page.live_revision = revision
    return page


def _list_block(items):
    data = {"count": str(len(items))}
    for index, item in enumerate(items):
        data[str(index)] = {"value": item, "deleted": "", "order": str(index), "id": str(uuid.uuid4())}
    return data


def _question_form_value(block_type, value):
    if block_type == "information":
        return {"text": rich_text(value.get("text") or "")}
    data = {}
    for name, item in value.items():
        if name == "condition":
            data[name] = {"question": item.get("question", ""), "value": item.get("value", "")}
        elif name == "choices":
            data[name] = _list_block(item)
        elif isinstance(item, bool):
            if item:
                data[name] = "on"
        else:
            data[name] = "" if item is None else str(item)
    return data


def form_data(stream):
    """The page editor's POST data for a questionnaire written as raw data (see `section`)."""
    sections = [
        (
            "section",
            {
                "title": item["value"]["title"],
                "intro": rich_text(item["value"].get("intro") or ""),
                "questions": streamfield(
                    [
                        (q["type"], _question_form_value(q["type"], q["value"]))
                        for q in item["value"]["questions"]
                    ]
                ),
            },
        )
        for item in stream
    ]
    return nested_form_data({"questionnaire": streamfield(sections)})
