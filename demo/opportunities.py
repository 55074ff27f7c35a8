"""The demo opportunities to get involved and their consultation plans, dated from the load date."""

import datetime

from django.utils import timezone

from demo import events, questionnaires
from demo.datafiles import check_keys, day, fill, read_toml, stream
from demo.organisation import contacts

INDEX_SLUG = "get-involved"
FILE = "opportunities.toml"
PLANS_FILE = "consultation_plans.toml"

# The keys an opportunity may have in the data file.
KEYS = """slug title opportunity_type level is_service_change opens closes outcome_expected event summary
    intro body topics audiences location online_link how_to_take_part formats team""".split()
# The keys of a plan that are not page fields of the same name.
PLAN_KEYS = {"opportunity", "osc_notified", "stakeholders"}


def index_fields():
    """The fields of /get-involved/ itself."""
    return fill(read_toml(FILE)["index"], contacts(), FILE)


def opportunities(today, topics, audiences):
    """[(slug, fields, children)] for every demo opportunity, dated from `today`."""
    data = read_toml(FILE)
    plans = {plan["opportunity"]: plan for plan in read_toml(PLANS_FILE)["plans"]}
    context = {**contacts(), "today": today}

    def at(offset, hhmm):
        hour, minute = map(int, hhmm.split(":"))
        return timezone.make_aware(datetime.datetime.combine(day(today, offset), datetime.time(hour, minute)))

    sessions = events.sessions(today)
    result = []
    for raw in data["opportunities"]:
        check_keys(raw, KEYS, f"{FILE}, {raw['slug']}")
        team = context["teams"][raw["team"]]
        item = fill(raw, context, FILE)
        event = item.get("event")
        fields = {
            "title": item["title"],
            "opportunity_type": item["opportunity_type"],
            "level": item["level"],
            "is_service_change": item.get("is_service_change", False),
            "summary": item["summary"],
            "intro": item.get("intro", ""),
            "body": stream(item.get("body", [])),
            "topics": [topics[slug] for slug in item["topics"]],
            "audiences": [audiences[slug] for slug in item["audiences"]],
            "opens": day(today, item["opens"]),
            "closes": day(today, item["closes"]) if "closes" in item else None,
            "outcome_expected": day(today, item["outcome_expected"]) if "outcome_expected" in item else None,
            "event_start": at(event["day"], event["start"]) if event else None,
            "event_end": at(event["day"], event["end"]) if event else None,
            "location": item.get("location", ""),
            "online_link": item.get("online_link", ""),
            "how_to_take_part": item["how_to_take_part"],
            "alternative_formats": item["formats"],
            "alternative_formats_how": fill(data["formats_how"], {"team": team}, FILE),
            "contact_name": team["name"],
            "contact_email": team["email"],
            "contact_phone": team["phone"],
            # Signed-off opportunities otherwise wait for their opening day: the upcoming ones are
            # announced a day early so the public sees them coming.
            "go_live_at": at(-1, "09:00") if item["opens"] > 0 else None,
        }
        # Its questions, if it has a questionnaire: signed off with the rest of the page.
        fields.update(questionnaires.fields(item["slug"]))
        children = {}
        if item["slug"] in sessions:
            children["sessions"] = sessions[item["slug"]]
        if item["slug"] in plans:
            # The internal half of the page, which the approvers sign off with the public half.
            plan = fill(plans[item["slug"]], context, PLANS_FILE)
            fields.update({key: value for key, value in plan.items() if key not in PLAN_KEYS})
            fields["osc_notified_on"] = day(today, plan["osc_notified"])
            children["stakeholders"] = plan["stakeholders"]
        result.append((item["slug"], fields, children))
    return result
