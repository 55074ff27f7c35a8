"""Who may see and change personal data: the register, feedback, invitations, the outbox and questionnaire
responses; the Engagement team only (permission_matrix.py)."""

import io

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.log_actions import log
from wagtail.models import (
    ModelLogEntry,
)

from involvement.models import Feedback, FeedbackTheme
from involvement.tests.factories import FeedbackFactory, MemberFactory
from pages.tests.factories import OpportunityPageFactory, days
from workflows.tests.permission_matrix import (
    ENGAGEMENT,
    MARKER,
    SUPERUSER,
    Matrix,
    assert_refused,
    assert_shown_or_refused,
    body,
)

MATRIX = Matrix(
    {
        # Personal data: the Engagement team only.
        "view and export the involvement register": {ENGAGEMENT, SUPERUSER},
        "erase a register member's personal data": {ENGAGEMENT, SUPERUSER},
        "confirm a sign-up by post or phone for the person": {ENGAGEMENT, SUPERUSER},
        # The audit history names the staff who looked at someone's data: only those who may see it.
        "open a register member's or a feedback item's audit history": {ENGAGEMENT, SUPERUSER},
        "read and triage feedback": {ENGAGEMENT, SUPERUSER},
        "write and send an invitation to an opportunity's matching members": {ENGAGEMENT, SUPERUSER},
        "see an opportunity's letter and call lists": {ENGAGEMENT, SUPERUSER},
        "see the outbox and the messages in it": {ENGAGEMENT, SUPERUSER},
        "send a failed message again": {ENGAGEMENT, SUPERUSER},
        # Questionnaire responses (questionnaires/admin_views.py): the Engagement team only.
        "see an opportunity's questionnaire responses, one in full, and export them": {ENGAGEMENT, SUPERUSER},
        "mark a questionnaire response late-accepted, duplicate or withdrawn": {ENGAGEMENT, SUPERUSER},
        "enter a paper, email, phone or event response to a questionnaire": {ENGAGEMENT, SUPERUSER},
    }
)
action = MATRIX.action


@action("view and export the involvement register")
def view_register(client, world, role, allowed):
    member = MemberFactory(name=f"Alex {MARKER}", email="alex.q@example.com")
    listing = client.get("/admin/involvement/member/")
    inspect = client.get(f"/admin/involvement/member/inspect/{member.pk}/")
    csv = client.get("/admin/involvement/member/?export=csv")
    xlsx = client.get("/admin/involvement/member/?export=xlsx")
    if allowed:
        for response in (listing, inspect, csv):
            assert response.status_code == 200
            assert MARKER in body(response)
        assert csv["Content-Type"].startswith("text/csv")
        assert xlsx.status_code == 200
        workbook = openpyxl.load_workbook(io.BytesIO(b"".join(xlsx.streaming_content)))
        cells = {cell.value for row in workbook.active.iter_rows() for cell in row}
        assert f"Alex {MARKER}" in cells
    else:
        for response in (listing, inspect, csv, xlsx):
            assert_refused(response, role)


@action("erase a register member's personal data")
def erase_member(client, world, role, allowed):
    member = MemberFactory(name=f"Alex {MARKER}", email="alex.q@example.com")
    url = f"/admin/involvement/member/erase/{member.pk}/"
    confirm = client.get(url)
    response = client.post(url)
    member.refresh_from_db()
    if allowed:
        assert confirm.status_code == 200 and response.status_code == 302
        assert member.is_erased and member.name == "" and member.email == ""
    else:
        assert_refused(confirm, role)
        assert_refused(response, role)
        assert not member.is_erased and member.name == f"Alex {MARKER}"


@action("confirm a sign-up by post or phone for the person")
def confirm_sign_up(client, world, role, allowed):
    member = MemberFactory(
        name=f"Alex {MARKER}", email="", preferred_contact="post", address="1 Road", confirmed_at=None
    )
    url = f"/admin/involvement/member/confirm/{member.pk}/"
    form = client.get(url)
    response = client.post(url, {"how": "phone"})
    member.refresh_from_db()
    if allowed:
        assert form.status_code == 200 and response.status_code == 302
        assert member.confirmed_at is not None
    else:
        assert_refused(form, role)
        assert_refused(response, role)
        assert member.confirmed_at is None


def invitation_opportunity(world):
    from pages.tests.factories import TopicFactory

    topic = TopicFactory(name=f"{MARKER} care")
    page = OpportunityPageFactory(parent=world.index, title=f"The {MARKER} survey")
    page.topics.set([topic])
    page.save_revision(user=world.editor)
    return page, topic


@action("write and send an invitation to an opportunity's matching members")
def send_invitation(client, world, role, allowed):
    from involvement.models import Invitation

    page, topic = invitation_opportunity(world)
    member = MemberFactory(name=f"Alex {MARKER}", email="alex.q@example.com", topics=[topic])
    url = reverse("involvement_compose_invitation", args=[page.pk])
    form = client.get(url)
    preview = client.post(url, {"text": "Please take part.", "action": "preview"})
    response = client.post(url, {"text": "Please take part.", "action": "send"})
    sent = Invitation.objects.filter(member=member, opportunity=page, channel="email").exists()
    if allowed:
        assert form.status_code == 200 and preview.status_code == 200 and response.status_code == 302
        assert MARKER in body(preview)
        assert sent
    else:
        for refused in (form, preview, response):
            assert_refused(refused, role)
        assert not sent


@action("see an opportunity's letter and call lists")
def letter_and_call_lists(client, world, role, allowed):
    from involvement.models import Invitation

    page, topic = invitation_opportunity(world)
    by_post = MemberFactory(
        name=f"Alex {MARKER}", preferred_contact="post", address="1 Road", postcode="NG18 1AB", topics=[topic]
    )
    by_phone = MemberFactory(name=f"Sam {MARKER}", preferred_contact="phone", phone="01632 960 001")
    Invitation.record(by_post, page, channel="letter", text="Please come.")
    Invitation.record(by_phone, page, channel="phone", text="Please come.")
    responses = [
        client.get(reverse("involvement_letter_list", args=[page.pk])),
        client.get(reverse("involvement_letter_list", args=[page.pk]) + "?format=csv"),
        client.get(reverse("involvement_call_list", args=[page.pk])),
    ]
    if allowed:
        for response in responses:
            assert response.status_code == 200 and MARKER in body(response)
    else:
        for response in responses:
            assert_refused(response, role)


def outbox_message(status="sent"):
    from messaging import outbox
    from messaging.models import Message

    message = outbox.send(
        to="alex.q@example.com",
        template="messaging/email/message",
        context={"subject": f"About the {MARKER} survey", "body": "Hello"},
        purpose="invitation",
    )
    Message.objects.filter(pk=message.pk).update(status=status)
    return message


@action("see the outbox and the messages in it")
def view_outbox(client, world, role, allowed):
    message = outbox_message()
    responses = [client.get("/admin/outbox/"), client.get(f"/admin/outbox/{message.pk}/")]
    assert_shown_or_refused(responses, role, allowed)
    logged = ModelLogEntry.objects.filter(action__in=["messaging.list", "messaging.view"]).count()
    assert logged == (2 if allowed else 0)


@action("send a failed message again")
def retry_outbox_message(client, world, role, allowed):
    message = outbox_message(status="failed")
    response = client.post(f"/admin/outbox/{message.pk}/retry/")
    message.refresh_from_db()
    if allowed:
        assert response.status_code == 302 and message.status == "sent"
    else:
        assert_refused(response, role)
        assert message.status == "failed"


# Questionnaire responses ---------------------------------------------------------------------


def answered_questionnaire(world):
    from questionnaires.recording import record_response
    from questionnaires.tests.builders import question, questionnaire_page, section

    stream = [section("Your views", question("fft", "fft", required=True), question("long_text", "why"))]
    page = questionnaire_page(world.index, stream, title="Survey", slug="questionnaire-survey")
    response = record_response(
        page, answers={"fft": "good", "why": f"The {MARKER} clinic"}, email="q@example.com"
    )
    return page, response


@action("see an opportunity's questionnaire responses, one in full, and export them")
def questionnaire_responses(client, world, role, allowed):
    page, response = answered_questionnaire(world)
    responses = [
        client.get(reverse("questionnaires_opportunities")),
        client.get(reverse("questionnaires_responses", args=[page.pk])),
        client.get(reverse("questionnaires_response", args=[response.pk])),
        client.get(reverse("questionnaires_export", args=[page.pk]) + "?format=csv"),
    ]
    if allowed:
        assert all(r.status_code == 200 for r in responses)
        assert response.reference in body(responses[1])
        assert MARKER in body(responses[2]) and MARKER in body(responses[3])
    else:
        for refused in responses:
            assert_refused(refused, role)
    logged = ModelLogEntry.objects.filter(action="questionnaires.view").count()
    assert logged == (1 if allowed else 0)


@action("mark a questionnaire response late-accepted, duplicate or withdrawn")
def mark_questionnaire_response(client, world, role, allowed):
    from questionnaires.models import Response

    _page, response = answered_questionnaire(world)
    answer = client.post(reverse("questionnaires_mark", args=[response.pk]), {"status": "withdrawn"})
    status = Response.objects.get(pk=response.pk).status
    if allowed:
        assert answer.status_code == 302 and status == "withdrawn"
    else:
        assert_refused(answer, role)
        assert status == "received"


@action("enter a paper, email, phone or event response to a questionnaire")
def enter_questionnaire_response(client, world, role, allowed):
    from questionnaires.models import Response

    page, _response = answered_questionnaire(world)
    url = reverse("questionnaires_enter", args=[page.pk])
    form = client.get(url)
    data = {"entry-channel": "paper", "entry-received_on": days(0).isoformat(), "fft": "poor", "why": MARKER}
    answer = client.post(url, data)
    entered = Response.objects.filter(channel="paper").exists()
    if allowed:
        assert form.status_code == 200 and answer.status_code == 302 and entered
    else:
        assert_refused(form, role)
        assert_refused(answer, role)
        assert not entered


@action("open a register member's or a feedback item's audit history")
def audit_history(client, world, role, allowed):
    viewer = get_user_model().objects.create_user("viewer", "viewer@example.org", first_name=MARKER)
    member = MemberFactory()
    item = FeedbackFactory()
    for record in (member, item):
        log(record, "involvement.view", user=viewer)
    entries = ModelLogEntry.objects.count()
    responses = [
        client.get(f"/admin/involvement/member/history/{member.pk}/"),
        client.get(f"/admin/involvement/feedback/history/{item.pk}/"),
    ]
    assert_shown_or_refused(responses, role, allowed)
    if allowed:
        assert all("Personal data viewed" in body(response) for response in responses)
    # Opening (or being refused) the history records nothing and changes nothing.
    assert ModelLogEntry.objects.count() == entries


@action("read and triage feedback")
def triage_feedback(client, world, role, allowed):
    feedback = FeedbackFactory(service=f"{MARKER} Road Surgery", experience="The clinic was closed.")
    theme = FeedbackTheme.objects.get(slug="waiting-times")
    listing = client.get("/admin/involvement/feedback/")
    url = f"/admin/involvement/feedback/edit/{feedback.pk}/"
    form = client.get(url)
    response = client.post(url, {"status": "acknowledged", "theme": theme.pk, "staff_notes": "Passed on."})
    feedback = Feedback.objects.get(pk=feedback.pk)
    if allowed:
        assert listing.status_code == 200 and MARKER in body(listing)
        assert form.status_code == 200 and "The clinic was closed." in body(form)
        assert response.status_code == 302
        assert (feedback.status, feedback.theme) == ("acknowledged", theme)
    else:
        for refused in (listing, form, response):
            assert_refused(refused, role)
        assert (feedback.status, feedback.theme, feedback.staff_notes) == ("new", None, "")


def test_every_action_has_a_check_and_every_role_is_known():
    MATRIX.assert_complete()


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "role"), MATRIX.cases())
def test_permission_matrix(client, world, name, role):
    MATRIX.run(client, world, name, role)
