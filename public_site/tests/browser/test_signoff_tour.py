"""The README's five-minute tour in Chromium, as each role lives it: an editor writes and submits a
category C consultation, five approvers sign it off, the public sees it and the log exports it.

Wagtail's autosave stays on, as people have it: the editor's tab stays open on the page
throughout, and each approver opens the page in the editor before deciding on its review page.
"""

import csv
import datetime
import io

import pytest
from django.utils import timezone

from pages.models import OpportunityPage
from public_site.tests.browser.conftest import BROWSER_DB
from public_site.tests.demo import DEMO_PASSWORD
from workflows.models import SignOffDecision

pytestmark = [pytest.mark.browser, BROWSER_DB]

TITLE = "Moving the Tuesday blood clinic to Kings Mill Hospital"
STAGES = [
    ("engagement", "Engagement team review"),
    ("equality", "Equality impact check"),
    ("clinical", "Clinical lead sign-off"),
    ("lay", "Lay member (PPI) review"),
    ("governing-body", "Governing Body sign-off"),
]


def sign_in(context, username):
    page = context.new_page()
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    return page


PICKERS_HIDDEN = """() => [...document.querySelectorAll('.xdsoft_datetimepicker')]
    .every((picker) => getComputedStyle(picker).display === 'none')"""


def fill_date(page, selector, day):
    """Type a date as a person does, then leave the field so its picker closes.

    Wagtail's date picker opens 100 ms after the field gains focus and closes when it loses it. Leaving
    sooner (or tabbing into the next date field) lets a late opening cover the tabs, so this waits for
    the picker to open, leaves the field, and waits until no picker is showing.
    """
    page.fill(selector, f"{day:%d/%m/%Y}")
    page.wait_for_timeout(250)
    page.locator(selector).blur()
    page.wait_for_function(PICKERS_HIDDEN)


def write_the_plan(page, index_id):
    today = timezone.localdate()
    page.goto(f"/admin/pages/add/pages/opportunitypage/{index_id}/")
    page.fill("#id_title", TITLE)
    page.select_option("#id_opportunity_type", "consultation")
    page.select_option("#id_level", "consult")
    page.check("#id_is_service_change")
    page.fill("#id_summary", "We propose to run the Tuesday blood clinic at Kings Mill Hospital instead.")
    page.click("#tab-label-taking_part")
    fill_date(page, "#id_opens", today)
    fill_date(page, "#id_closes", today + datetime.timedelta(weeks=12))
    editor = page.locator("#panel-child-taking_part-child-how_to_take_part-wrapper [contenteditable=true]")
    editor.click()
    editor.type("Answer the questionnaire online or on paper.")
    page.click("#tab-label-consultation_plan_internal")
    page.fill("#id_plan_proposal", "Run the clinic at the hospital, where the analysers are.")
    page.select_option("#id_category", "C")
    page.click("#id_stakeholders-ADD")
    page.fill("#id_stakeholders-0-group", "People who use the clinic")
    page.select_option("#id_eia_status", "complete")
    fill_date(page, "#id_osc_notified_on", today)
    page.click("footer .w-dropdown__toggle")
    submit = page.locator("button[name='action-submit']")
    assert submit.inner_text().strip() == "Submit to Consultation sign-off"
    submit.click()
    page.wait_for_url("**/admin/pages/**")
    return OpportunityPage.objects.get(title=TITLE)


def test_the_tour_signs_off_a_category_c_consultation(chromium, demo_site):
    from pages.models import OpportunityIndexPage

    index = OpportunityIndexPage.objects.get(slug="get-involved")
    editor_context = chromium.new_context(base_url=demo_site, viewport={"width": 1280, "height": 900})
    editor_context.set_default_timeout(15_000)
    editor = sign_in(editor_context, "editor")
    plan = write_the_plan(editor, index.pk)
    assert plan.current_workflow_task.name == "Engagement team review", "not submitted"
    # The editor's tab stays on the page, autosave and all, for the rest of the tour.
    editor.goto(f"/admin/pages/{plan.pk}/edit/")
    revisions = plan.revisions.count()

    for username, stage in STAGES:
        context = chromium.new_context(base_url=demo_site, viewport={"width": 1280, "height": 900})
        context.set_default_timeout(15_000)
        approver = sign_in(context, username)
        queue = approver.locator("#awaiting-signoff-content")
        assert TITLE in queue.inner_text(), f"{stage} is not waiting for {username}"
        # Open the page in the editor first, as the README says, then decide on its review page.
        approver.goto(f"/admin/pages/{plan.pk}/edit/")
        approver.get_by_role("link", name="Review and decide").first.click()
        approver.wait_for_url("**/admin/sign-off/review/**")
        assert "What you are deciding" in approver.content()
        approver.fill("#id_comment", f"{stage}: agreed.")
        approver.click("button[value='approve']")
        approver.wait_for_url("**/admin/")
        message = approver.locator(".messages").inner_text()
        assert f"You approved {stage} of “{TITLE}”" in message
        # A moment for any background request a tab might still send.
        approver.wait_for_timeout(1500)
        context.close()

    plan = OpportunityPage.objects.get(pk=plan.pk)
    assert plan.live, "signed off but not live"
    assert plan.revisions.count() == revisions, "an approval saved a revision"
    approvals = SignOffDecision.objects.filter(page_id=plan.pk, decision="approved")
    assert [row.stage_name for row in approvals.order_by("decided_at", "pk")] == [s for _u, s in STAGES]
    assert {row.revision_id for row in approvals} == {plan.live_revision_id}

    public_context = chromium.new_context(base_url=demo_site)
    public = public_context.new_page()
    response = public.goto(plan.url_path.replace("/home", "", 1))
    assert response.status == 200 and TITLE in public.content()

    log_context = chromium.new_context(base_url=demo_site)
    log = sign_in(log_context, "lay")
    export = log.request.get("/admin/reports/sign-off-log/?export=csv")
    assert export.ok and "sign-off-log.csv" in export.headers["content-disposition"]
    rows = [row for row in csv.DictReader(io.StringIO(export.text())) if row["Plan"] == TITLE]
    assert sorted(row["Stage"] for row in rows if row["Decision"] == "Approved") == sorted(
        s for _u, s in STAGES
    )
    public_context.close()
    log_context.close()
    # Leaving the editor sends Wagtail's "release my editing session" beacon: let the live server
    # answer it now, not while the test's database is being emptied.
    editor.goto("/admin/")
    editor.wait_for_timeout(1500)
    editor_context.close()
