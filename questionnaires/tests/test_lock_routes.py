"""The lock holds on every route to going live, not only in the editor's form.

Once a questionnaire has responses, no version whose questions would break the answers given
(removing a question, changing its key, type or choices) goes live, however the publish comes:
approving the last stage of a version made before the first response, `revision.publish()`,
scheduled publishing, reverting to an old revision. The check is the publishing rule's
(workflows/publication.py), which the lock registers into (questionnaires/lock.py).
"""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Revision

from pages.models import OpportunityPage
from questionnaires.questions import questions_of
from questionnaires.recording import record_response
from questionnaires.tests.lock_variants import BREAKING, KEEPING, full_answers
from workflows.exceptions import PublicationRefused
from workflows.tests.evidence import record_signoff
from workflows.tests.helpers import draft_plan

pytestmark = pytest.mark.django_db

LOCKED = "already has responses, so this version cannot go live"


def keys(page):
    return [question.key for section in questions_of(page) for question in section.questions]


def new_version(page, stream, user):
    obj = OpportunityPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    obj.questionnaire = json.dumps(stream)
    return obj.save_revision(user=user)


def live_plan(index, users, stream):
    """A category A consultation with these questions, signed off and live (no responses yet)."""
    page = draft_plan(index, users["editor"], category="A", questionnaire=json.dumps(stream))
    record_signoff(page, page.get_latest_revision())
    page.get_latest_revision().publish(user=users["admin"])
    return OpportunityPage.objects.get(pk=page.pk)


def respond(page):
    record_response(OpportunityPage.objects.get(pk=page.pk), answers=full_answers())


@pytest.fixture
def unanswered(users, signoff_index):
    return live_plan(signoff_index, users, KEEPING["as answered"]())


@pytest.fixture
def answered(unanswered):
    """The live consultation with one response answering every question."""
    respond(unanswered)
    return unanswered


@pytest.mark.parametrize("variant", sorted(BREAKING))
def test_a_signed_off_breaking_version_is_refused_by_revision_publish(answered, users, variant):
    revision = new_version(answered, BREAKING[variant](), users["editor"])
    record_signoff(answered, revision)
    with pytest.raises(PublicationRefused, match=LOCKED):
        revision.publish(user=users["admin"])
    live = OpportunityPage.objects.get(pk=answered.pk)
    assert live.live_revision_id != revision.pk
    assert keys(live) == ["visited", "visit-story", "travel", "comments"]


@pytest.mark.parametrize("variant", sorted(set(KEEPING) - {"as answered"}))
def test_a_signed_off_version_that_keeps_the_answers_goes_live(answered, users, variant):
    revision = new_version(answered, KEEPING[variant](), users["editor"])
    record_signoff(answered, revision)
    revision.publish(user=users["admin"])
    assert OpportunityPage.objects.get(pk=answered.pk).live_revision_id == revision.pk


def test_approving_the_last_stage_of_a_version_made_before_the_first_response_is_refused(unanswered, users):
    page = unanswered
    # The editor removes a question and submits it; a response comes in while it waits.
    new_version(page, BREAKING["travel removed"](), users["editor"])
    page = OpportunityPage.objects.get(pk=page.pk)
    page.get_workflow().start(page, users["editor"])
    respond(page)

    task_state = OpportunityPage.objects.get(pk=page.pk).current_workflow_task_state
    with pytest.raises(PublicationRefused, match=LOCKED):
        task_state.task.specific.on_action(task_state, users["engagement"], "approve", comment="Agreed.")
    assert "travel" in keys(OpportunityPage.objects.get(pk=page.pk))


def test_a_version_scheduled_before_the_first_response_is_not_published_by_cron(unanswered, users):
    obj = new_version(unanswered, BREAKING["a choice added"](), users["editor"]).as_object()
    obj.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    scheduled = obj.save_revision(user=users["admin"])
    record_signoff(unanswered, scheduled)
    scheduled.publish(user=users["admin"])  # nobody has answered yet: it may be scheduled
    scheduled.refresh_from_db()
    assert scheduled.approved_go_live_at is not None
    # Then someone answers, and the time comes.
    respond(unanswered)
    Revision.objects.filter(pk=scheduled.pk).update(
        approved_go_live_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    errors = io.StringIO()
    call_command("publish_scheduled", stdout=io.StringIO(), stderr=errors)
    assert LOCKED in errors.getvalue()
    live = OpportunityPage.objects.get(pk=unanswered.pk)
    assert live.live_revision_id != scheduled.pk
    assert "Train" not in json.dumps(live.questionnaire.get_prep_value())


def test_reverting_to_a_version_without_an_answered_question_is_refused(users, signoff_index):
    page = live_plan(signoff_index, users, BREAKING["travel removed"]())
    old = page.get_latest_revision()
    current = new_version(page, KEEPING["as answered"](), users["editor"])
    record_signoff(page, current)
    current.publish(user=users["admin"])
    respond(page)

    # As the editor's revert does: the old version's content on the page as it stands.
    obj = old.as_object()
    obj.live_revision = OpportunityPage.objects.get(pk=page.pk).live_revision
    reverted = obj.save_revision(user=users["admin"], previous_revision=old)
    with pytest.raises(PublicationRefused, match=LOCKED):
        reverted.publish(user=users["admin"], previous_revision=old)
    assert "travel" in keys(OpportunityPage.objects.get(pk=page.pk))
