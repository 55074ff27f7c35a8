"""Drive the sign-off as people do: through the page editor and the approval dialog."""

import datetime

from django.urls import reverse
from django.utils import timezone
from wagtail.fields import StreamField
from wagtail.test.utils.form_data import querydict_from_html, rich_text

from pages.tests.factories import OpportunityPageFactory
from workflows.models import StakeholderRow

AJAX = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}


def draft_plan(index, owner, category="C", **fields):
    """An unpublished consultation whose plan passes every guard for `category`."""
    today = timezone.localdate()
    values = {
        "title": f"Category {category} proposal",
        "level": "consult",
        "opportunity_type": "consultation",
        "summary": "We propose to change how the service works.",
        "how_to_take_part": "<p>Answer the survey.</p>",
        "opens": today,
        "closes": today + datetime.timedelta(weeks=12),
        "category": category,
        "eia_status": "complete",
        "osc_notified_on": today,
        "plan_proposal": "Move the clinic.",
        "short_period_reason": "",
        "live": False,
        "owner": owner,
    }
    values.update(fields)
    page = OpportunityPageFactory(parent=index, **values)
    page.stakeholders.add(StakeholderRow(group="Patients", influence="high", interest="high"))
    page.save()
    page.save_revision(user=owner)
    return page


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def editor_form(client, page):
    """The edit form's data exactly as the browser would send it back unchanged."""
    response = client.get(edit_url(page))
    assert response.status_code == 200, response.status_code
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    # StreamFields are drawn by JavaScript, so their inputs are not in the HTML; the plans
    # in these tests have empty bodies, which the form receives as a count of zero.
    assert not page.specific.body, "helpers only handle pages with an empty body"
    # Every other StreamField (an opportunity's questionnaire) likewise, when it is empty; a test
    # of a page with questions adds their form data itself.
    for field in page.specific._meta.get_fields():
        if isinstance(field, StreamField) and not getattr(page.specific, field.name):
            data[f"{field.name}-count"] = "0"
    return data


def post_edit(client, page, action="action-submit", **changes):
    data = editor_form(client, page)
    for name, value in changes.items():
        if name == "how_to_take_part":
            value = rich_text(value)
        if isinstance(value, list):
            data.setlist(name, value)
        else:
            data[name] = value
    if action:
        data[action] = "1"
    return client.post(edit_url(page), data)


def submit(client, user, page, **changes):
    client.force_login(user)
    return post_edit(client, page, **changes)


def decide(client, user, page, action, comment="Looks right to me."):
    """Approve or request changes on the page's current stage through the dialog's URL."""
    client.force_login(user)
    page.refresh_from_db()
    task_state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    return client.post(url, {"comment": comment}, **AJAX)


def current_stage(page):
    page.refresh_from_db()
    task = page.current_workflow_task
    return task.name if task else None


def run_model(machine, examples, steps):
    """Run a hypothesis state machine the way every model test here does: `examples` sequences of
    up to `steps` actions, no deadline (database work is slow), nothing remembered between runs."""
    from hypothesis import HealthCheck
    from hypothesis import settings as hypothesis_settings
    from hypothesis.stateful import run_state_machine_as_test

    run_state_machine_as_test(
        machine,
        settings=hypothesis_settings(
            max_examples=examples,
            stateful_step_count=steps,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
            database=None,
        ),
    )
