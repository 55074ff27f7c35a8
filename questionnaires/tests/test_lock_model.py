"""A model-based test of the lock: random sequences of edits, responses, submissions, approvals,
schedules, reverts and publishes, with the rule checked after every step by an oracle written
apart from the site's own check: no live version of the questions ever lacks a question someone
answered, or has changed its type or its choices.

The actions go through the model layer (the editor form's own refusal is skipped on purpose: it
is the publishing rule that must hold). Sign-off evidence is recorded for any version on demand,
so what refuses a breaking version is the lock, not a missing approval. Each sequence runs inside
a savepoint that is rolled back. `LOCK_MODEL_EXAMPLES` sets how many run (default 30).
"""

import datetime
import json
import os

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule
from wagtail.models import Revision

from pages.models import OpportunityPage
from questionnaires.models import Response
from questionnaires.recording import record_response
from questionnaires.tests.lock_variants import BREAKING, KEEPING, VARIANTS, full_answers
from workflows.exceptions import PublicationRefused, SignOffRefused
from workflows.tests.evidence import record_signoff
from workflows.tests.helpers import draft_plan, run_model

EXAMPLES = int(os.environ.get("LOCK_MODEL_EXAMPLES", "30"))
STEPS = 10
EXPECTED = (SignOffRefused, PermissionDenied, ValidationError)
COUNTS = {"run": 0, "answered": 0, "locked": 0}


def answered_shapes(stream_json):
    """{key: (type, choices)} of a version of the questions, read straight from the raw data."""
    stream = json.loads(stream_json) if isinstance(stream_json, str) else stream_json
    shapes = {}
    for item in stream or []:
        for question in item["value"]["questions"]:
            value = question["value"]
            if question["type"] != "information":
                shapes[value["key"]] = (question["type"], tuple(sorted(value.get("choices") or ())))
    return shapes


class LockMachine(RuleBasedStateMachine):
    """One consultation with a questionnaire, its respondents and the people who publish it."""

    people = {}
    index = None

    def __init__(self):
        super().__init__()
        COUNTS["run"] += 1
        self.savepoint = transaction.savepoint()
        self.page = None

    @initialize()
    def draft(self):
        stream = json.dumps(KEEPING["as answered"]())
        self.page = draft_plan(self.index, self.people["editor"], category="A", questionnaire=stream)
        # Live from the start, so sequences reach answers, and then attempts to break them, often.
        self.signed_off(self.page.get_latest_revision()).publish(user=self.people["admin"])

    def teardown(self):
        transaction.savepoint_rollback(self.savepoint)

    def current(self):
        return OpportunityPage.objects.get(pk=self.page.pk)

    def attempt(self, action):
        try:
            with transaction.atomic():
                action()
        except PublicationRefused as refusal:
            COUNTS["locked"] += "already has responses" in str(refusal)
        except EXPECTED:
            pass

    def signed_off(self, revision):
        record_signoff(self.current(), revision)
        return revision

    @rule(variant=st.sampled_from(sorted(VARIANTS)))
    def edit(self, variant):
        def go():
            obj = self.current().get_latest_revision_as_object()
            obj.questionnaire = json.dumps(VARIANTS[variant]())
            obj.save_revision(user=self.people["editor"])

        self.attempt(go)

    @rule()
    def respond(self):
        page = self.current()
        if page.live:
            record_response(page, answers=full_answers())

    @rule(variant=st.sampled_from(sorted(BREAKING)))
    def answer_then_publish_a_breaking_change(self, variant):
        """The attack the lock exists for, in one step, so every run tries it often: someone
        answers, then a version that breaks their answer is signed off and published."""
        self.respond()
        self.edit(variant)
        self.sign_off_and_publish_latest()

    @rule()
    def submit(self):
        def go():
            page = self.current()
            if page.current_workflow_state is None:
                page.get_workflow().start(page, self.people["editor"])

        self.attempt(go)

    @rule()
    def approve(self):
        def go():
            task_state = self.current().current_workflow_task_state
            if task_state is not None:
                task = task_state.task.specific
                task.on_action(task_state, self.people["engagement"], "approve", comment="Agreed.")

        self.attempt(go)

    @rule()
    def sign_off_and_publish_latest(self):
        self.attempt(
            lambda: self.signed_off(self.current().get_latest_revision()).publish(user=self.people["admin"])
        )

    @rule()
    def schedule_latest(self):
        def go():
            obj = self.current().get_latest_revision_as_object()
            obj.go_live_at = timezone.now() + datetime.timedelta(hours=1)
            self.signed_off(obj.save_revision(user=self.people["admin"])).publish(user=self.people["admin"])

        self.attempt(go)

    @rule()
    def time_passes_and_cron_runs(self):
        past = timezone.now() - datetime.timedelta(minutes=1)
        Revision.objects.filter(approved_go_live_at__isnull=False).update(approved_go_live_at=past)
        with open(os.devnull, "w") as quiet:
            call_command("publish_scheduled", stdout=quiet, stderr=quiet)

    @rule(back=st.integers(1, 4))
    def revert_and_publish(self, back):
        def go():
            page = self.current()
            revisions = list(page.revisions.order_by("-created_at", "-pk"))
            old = revisions[min(back, len(revisions) - 1)]
            obj = old.as_object()
            obj.live_revision = page.live_revision
            revision = self.signed_off(obj.save_revision(user=self.people["admin"], previous_revision=old))
            revision.publish(user=self.people["admin"], previous_revision=old)

        self.attempt(go)

    @invariant()
    def no_live_version_breaks_an_answer(self):
        if self.page is None:
            return
        page = self.current()
        responses = list(Response.objects.filter(opportunity_id=page.pk).select_related("revision"))
        if not page.live or not responses:
            return
        COUNTS["answered"] += 1
        live_versions = [answered_shapes(page.questionnaire.get_prep_value())]
        live_versions.append(answered_shapes(page.live_revision.content["questionnaire"]))
        for response in responses:
            asked = answered_shapes(response.revision.content["questionnaire"])
            for key in response.answers:
                if "__" in key:
                    continue
                for live in live_versions:
                    assert live.get(key) == asked[key], (
                        f"{key} answered as {asked[key]}, live as {live.get(key)}"
                    )


@pytest.mark.django_db
def test_no_sequence_of_actions_puts_live_questions_that_break_answers(
    users, signoff_index, capsys, settings
):
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": False}
    }
    LockMachine.people, LockMachine.index = users, signoff_index
    COUNTS.update(run=0, answered=0, locked=0)
    run_model(LockMachine, EXAMPLES, STEPS)
    with capsys.disabled():
        print(  # noqa: T201 - the run reports how many sequences it tried
            f"\nlock model: {COUNTS['run']} random sequences of up to {STEPS} actions; "
            f"{COUNTS['answered']} checks of a live questionnaire with answers; "
            f"{COUNTS['locked']} publishes refused by the lock"
        )
    assert COUNTS["run"] >= min(EXAMPLES, 20)
    # Not vacuous: live questionnaires with answers are checked, and the lock is what refuses.
    assert COUNTS["answered"] > 0 and COUNTS["locked"] > 0
