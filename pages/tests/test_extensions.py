"""Apps above pages add panels to an opportunity's page through pages/extensions.py."""

import pytest

from pages import extensions


@pytest.fixture
def registry(monkeypatch):
    monkeypatch.setattr(extensions, "_registered", {})
    return extensions


def test_panels_come_in_order_at_their_slot_and_silent_ones_are_left_out(registry):
    registry.register_opportunity_panel("late", lambda page, request: {"n": 2}, template="b.html", order=20)
    registry.register_opportunity_panel("early", lambda page, request: {"n": 1}, template="a.html", order=10)
    registry.register_opportunity_panel("silent", lambda page, request: None, template="c.html")
    registry.register_opportunity_panel(
        "action", lambda page, request: page, template="d.html", slot="actions"
    )

    panels = registry.opportunity_panels("the page", None)

    assert [(p.name, p.context) for p in panels["details"]] == [("early", {"n": 1}), ("late", {"n": 2})]
    assert [(p.template, p.context) for p in panels["actions"]] == [("d.html", "the page")]


def test_an_unknown_slot_is_refused(registry):
    with pytest.raises(ValueError):
        registry.register_opportunity_panel("x", lambda page, request: 1, template="x.html", slot="footer")
