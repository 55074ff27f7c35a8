"""Sign-off models: the plan's stakeholder rows, the review stages and the sign-off log."""

from workflows.models.decisions import (
    Decision,
    EvidenceIsPermanent,
    SignOffDecision,
    missing_approvals,
    record_decision,
)
from workflows.models.stakeholders import (
    APPROACHES,
    HIGH,
    LEVEL_CHOICES,
    LOW,
    StakeholderRow,
    stakeholder_grid,
)
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
    latest_object,
    latest_revision,
    required_stages,
)

__all__ = [
    "APPROACHES",
    "HIGH",
    "LEVEL_CHOICES",
    "LOW",
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
    "stakeholder_grid",
]
