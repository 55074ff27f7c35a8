"""Register members, invitations, feedback and the two public form pages; re-exported here."""

from involvement.models.feedback import Feedback, FeedbackKind, FeedbackStatus, FeedbackTheme
from involvement.models.members import (
    ContactMethod,
    Invitation,
    Member,
    ParticipationMethod,
    dedupe_key,
    identity,
    retention_years,
    years_before,
)
from involvement.models.pages import FeedbackPage, RegisterPage
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
    "Member",
    "ParticipationMethod",
    "RegisterPage",
    "dedupe_key",
    "identity",
    "retention_years",
    "years_before",
]
