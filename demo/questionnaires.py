"""The demo questionnaires (demo/data/questionnaires.toml) and their made-up responses.

`fields(slug)` gives an opportunity's questionnaire fields, merged into the page by
demo/opportunities.py so the questions are signed off with the rest of the page. `build(home,
stdout)`, a step of `manage.py load_demo_content`, then adds each questionnaire's made-up responses
once: seeded (questionnaires/synthetic.py), across the channels, some with About you answers and,
where the opportunity has closed, some late. An opportunity that already has responses is left
alone, so loading twice changes nothing.
"""

import datetime
import uuid

from django.utils import timezone

from core.dates import start_of_day
from demo.datafiles import check_keys, fill, read_toml
from demo.organisation import contacts
from pages.models import OpportunityPage
from questionnaires import synthetic
from questionnaires.recording import closes_at

FILE = "questionnaires.toml"
KEYS = "opportunity minutes about_you privacy other_ways responses seed late sections".split()
QUESTION_KEYS = """type key label hint required show_if choices allow_other max_choices word_limit
    min_value max_value html""".split()
OPTIONS = ("choices", "allow_other", "max_choices", "word_limit", "min_value", "max_value")
# Block ids are derived from the keys, so the same data always gives the same stream.
NAMESPACE = uuid.UUID("6b1f3c0e-14b0-4c5e-9d0a-7a1e5e0d1400")


def _id(*parts):
    return str(uuid.uuid5(NAMESPACE, "/".join(str(part) for part in parts)))


def _question(slug, position, raw):
    check_keys(raw, QUESTION_KEYS, f"{FILE}, {slug}, question {position}")
    block_id = _id(slug, position, raw.get("key", ""))
    if raw["type"] == "information":
        return {"type": "information", "id": block_id, "value": {"text": raw["html"]}}
    source, answer = raw.get("show_if", ["", ""])
    value = {
        "key": raw["key"],
        "label": raw["label"],
        "hint": raw.get("hint", ""),
        "required": raw.get("required", False),
        "condition": {"question": source, "value": answer},
        **{option: raw[option] for option in OPTIONS if option in raw},
    }
    return {"type": raw["type"], "id": block_id, "value": value}


def _questionnaires():
    context = contacts()
    items = {}
    for raw in read_toml(FILE)["questionnaires"]:
        check_keys(raw, KEYS, f"{FILE}, {raw['opportunity']}")
        items[raw["opportunity"]] = fill(raw, context, FILE)
    return items


def stream(item):
    """The questionnaire as the StreamField's raw data: sections of question blocks."""
    slug, position, sections = item["opportunity"], 0, []
    for number, section in enumerate(item["sections"]):
        questions = []
        for raw in section["questions"]:
            position += 1
            questions.append(_question(slug, position, raw))
        value = {"title": section["title"], "intro": section.get("intro", ""), "questions": questions}
        sections.append({"type": "section", "id": _id(slug, "section", number), "value": value})
    return sections


def fields(slug):
    """The questionnaire fields of the opportunity `slug`, or {} if it has none in the demo."""
    item = _questionnaires().get(slug)
    if item is None:
        return {}
    return {
        "questionnaire": stream(item),
        "questionnaire_minutes": item["minutes"],
        "questionnaire_about_you": item["about_you"],
        "questionnaire_privacy": item["privacy"],
        "other_ways_to_respond": item["other_ways"],
    }


def build(home, stdout=None, now=None):
    """Add each demo questionnaire's made-up responses, once."""
    now = now or timezone.now()
    for slug, item in _questionnaires().items():
        page = OpportunityPage.objects.filter(slug=slug).first()
        if page is None or not page.live or page.responses.exists():
            continue
        end = closes_at(page) or now
        closed = end <= now
        count = synthetic.create(
            page,
            item["responses"] - (item["late"] if closed else 0),
            seed=item["seed"],
            start=start_of_day(page.opens),
            end=min(end, now) - datetime.timedelta(minutes=1),
            late_share=0,
            about_you_share=0.3 if item["about_you"] else 0,
        )
        if closed and item["late"]:
            count += synthetic.create(
                page,
                item["late"],
                seed=item["seed"] + 1,
                start=end,
                end=min(end + datetime.timedelta(days=3), now),
                late_share=0,
                about_you_share=0,
            )
        if stdout is not None:
            stdout.write(f"  {count} made-up responses to {page.title}")
