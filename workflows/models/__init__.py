"""Sign-off models: the plan's stakeholder rows, the review stages, their runs and the sign-off log."""

from workflows.models.decisions import (
    Decision,
    EvidenceIsPermanent,
    SignOffDecision,
    missing_approvals,
    record_decision,
)
from workflows.models.runs import latest_object, latest_revision, restart, restart_if_changed
from workflows.models.stakeholders import StakeholderRow
from workflows.models.tasks import (
    REVIEW_TASK_TYPES,
    SIGNOFF_TASK_TYPES,
    ClinicalLeadTask,
    EditorialReviewTask,
    EngagementReviewTask,
    EqualityImpactTask,
    GoverningBodyTask,
    LayMemberTask,
    SignOffTask,
    required_stages,
)

__all__ = [
    "REVIEW_TASK_TYPES",
    "SIGNOFF_TASK_TYPES",
    "ClinicalLeadTask",
    "Decision",
    "EditorialReviewTask",
    "EngagementReviewTask",
    "EqualityImpactTask",
    "EvidenceIsPermanent",
    "GoverningBodyTask",
    "LayMemberTask",
    "SignOffDecision",
    "SignOffTask",
    "StakeholderRow",
    "latest_object",
    "latest_revision",
    "missing_approvals",
    "record_decision",
    "required_stages",
    "restart",
    "restart_if_changed",
]
