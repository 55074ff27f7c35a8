"""The demo engagement strategy, running now: aims, objectives, principles and the action plan."""

import datetime

from demo.datafiles import check_keys, day, fill, read_toml, stream
from demo.organisation import contacts

SLUG = "engagement-strategy"
ACTION_KEYS = "theme action lead due timing measure status progress_note".split()


def _month_end(day):
    """Action plans promise months, not days: the last day of `day`'s month."""
    next_month = (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return next_month - datetime.timedelta(days=1)


def _list(items):
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def strategy(today):
    """The strategy page's fields and child rows; dates are relative to `today`."""
    # A three-year strategy running now, so the demo is never out of date.
    first = today.year - 1
    context = {**contacts(), "first": first, "last": first + 3}
    data = fill(read_toml("strategy.toml"), context, "strategy.toml")
    fields = {
        **data["page"],
        "body": stream(data["page"]["body"]),
        "review_date": (today + datetime.timedelta(days=180)).replace(day=1),
    }
    actions = fill(read_toml("strategy_actions.toml")["actions"], context, "strategy_actions.toml")
    for action in actions:
        check_keys(action, ACTION_KEYS, f"strategy_actions.toml, {action['action'][:40]}…")
    return {
        "fields": fields,
        "children": {
            "aims": [{"aim": row["aim"], "description": row["description"]} for row in data["aims"]],
            "objectives": [
                {
                    "objective": row["objective"],
                    "how_achieved": _list(row["how_achieved"]),
                    "expected_outcomes": _list(row["expected_outcomes"]),
                }
                for row in data["objectives"]
            ],
            "principles": [
                {"title": row["title"], "description": row["description"]} for row in data["principles"]
            ],
            "actions": [
                {
                    "theme": row["theme"],
                    "action": row["action"],
                    "lead": row["lead"],
                    "due_date": _month_end(day(today, row["due"])) if "due" in row else None,
                    "timing": row.get("timing", ""),
                    "measure": row["measure"],
                    "status": row["status"],
                    "progress_note": row["progress_note"],
                }
                for row in actions
            ],
        },
    }
