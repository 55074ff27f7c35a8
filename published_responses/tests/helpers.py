"""Responses and moderation steps for the published responses tests, through the site's own code."""

from published_responses import moderation
from published_responses.models import Decision
from questionnaires.recording import record_response
from questionnaires.tests.builders import question, section
from workflows.models import EditorialReviewTask


def consultation_stream():
    return [
        section(
            "Your views",
            question("agreement", "agree", "Do you agree with the proposal?"),
            question("long_text", "why", "Why do you say that?"),
            question("short_text", "comments", "Anything else?"),
        ),
        section(
            "Publishing", question("publish_consent", "publish-consent", "May we publish your response?")
        ),
    ]


def respond(page, consent="anonymously", name="", why="The walk-in centre saved my day", comments=""):
    answers = {"agree": "agree", "why": why}
    if comments:
        answers["comments"] = comments
    if consent:
        answers["publish-consent"] = consent
    if name:
        answers["publish-consent__other"] = name
    return record_response(page, answers=answers)


def publish(page, response, user):
    return moderation.decide(page, response.pk, Decision.PUBLISHED, user)


def decline(page, response, user):
    return moderation.decide(page, response.pk, Decision.DECLINED, user)


def submit(page, user):
    publication, _revision = moderation.prepare(page, user)
    return publication


def approve(publication, user, comment="Checked: nothing identifies anyone."):
    """The Editorial review's approval, as its task takes it."""
    publication.refresh_from_db()
    task_state = publication.current_workflow_task_state
    assert task_state is not None, "nothing is waiting for Editorial review"
    task = task_state.task.specific
    assert isinstance(task, EditorialReviewTask)
    task.on_action(task_state, user, "approve", comment=comment)
    publication.refresh_from_db()
    return publication


def responses_url(page):
    return f"{page.url}responses/"
