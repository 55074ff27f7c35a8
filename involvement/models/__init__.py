"""Register members, invitations, feedback and the two public form pages; re-exported here."""

from involvement.models.feedback import Feedback, FeedbackKind, FeedbackStatus, FeedbackTheme
from involvement.models.invitations import Invitation, InvitationChannel
from involvement.models.members import (
    ContactMethod,
    Member,
    ParticipationMethod,
    dedupe_key,
    identity,
    retention_years,
    years_before,
)
from involvement.models.pages import FeedbackPage, RegisterPage
from involvement.models.pending import PendingChange
from involvement.personal_fields import EQUALITY_FIELDS, EQUALITY_QUESTIONS, PERSONAL_FIELDS

__all__ = [
    "EQUALITY_FIELDS",
    "EQUALITY_QUESTIONS",
    "PERSONAL_FIELDS",
    "ContactMethod",
    "Feedback",
    "FeedbackKind",
    "FeedbackPage",
    "FeedbackStatus",
    "FeedbackTheme",
    "Invitation",
    "InvitationChannel",
    "Member",
    "ParticipationMethod",
    "PendingChange",
    "RegisterPage",
    "dedupe_key",
    "identity",
    "retention_years",
    "years_before",
]
