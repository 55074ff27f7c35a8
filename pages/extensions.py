"""What the apps above pages add to an opportunity's public page.

`pages` cannot import the apps that build on it (questionnaires, events), so they register a panel
here from their AppConfig.ready(): a function that takes the page and the request and returns the
context of a panel, or None when it has nothing to show. The opportunity page renders each panel
that answers, in order, at its slot: "actions" under the summary (Respond online, Book a place) or
"details" after the key facts (how many people responded, places left).

Whatever a panel shows is part of the anonymous page cache: an app whose records change what its
panel says gives those records a `cached_page()` method naming the page, and the page cache marks
that page stale when one is saved or deleted (public_site/cache_signals.py).
"""

from dataclasses import dataclass

SLOTS = ("actions", "details")


@dataclass(frozen=True)
class Panel:
    name: str
    template: str
    context: object
    slot: str
    order: int


_registered = {}


def register_opportunity_panel(name, fn, *, template, slot="details", order=100):
    """Show `template` at `slot` with `panel` = fn(page, request), whenever that is not None."""
    if slot not in SLOTS:
        raise ValueError(f"slot must be one of {SLOTS}")
    _registered[name] = (fn, template, slot, order)


def opportunity_panels(page, request):
    """{slot: [Panel, …]} for this page, each slot in order."""
    panels = {slot: [] for slot in SLOTS}
    for name, (fn, template, slot, order) in sorted(_registered.items(), key=lambda item: item[1][3]):
        context = fn(page, request)
        if context is not None:
            panels[slot].append(Panel(name, template, context, slot, order))
    return panels


# Checks on an edit of an opportunity, from the apps above pages ---------------------------------

_edit_checks = {}


def register_edit_check(name, fn):
    """Run fn(page, cleaned_data) -> [message, …] when an opportunity's edit form is cleaned; each
    message refuses the edit (the questionnaire lock: questionnaires/lock.py)."""
    _edit_checks[name] = fn


def edit_problems(page, cleaned_data):
    return [message for fn in _edit_checks.values() for message in fn(page, cleaned_data)]
