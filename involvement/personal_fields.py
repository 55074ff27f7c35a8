"""What the register and the feedback form hold about a person, declared once.

The sign-up form, the register admin and its export, the subject access export and erasure all
take their lists of fields from here, so a field added to one cannot be forgotten by another.
Below the models: they, and the forms, import from here.
"""

# The equality monitoring questions live in core/equality.py, beneath the plan's equality impact
# assessment, which names groups from them; the register and questionnaires take them from here.
from core.equality import (  # noqa: F401 - re-exported for the register and questionnaires
    AGE_BANDS,
    EQUALITY_QUESTIONS,
    ETHNIC_GROUPS,
    GENDERS,
    PREFER_NOT,
    RELIGIONS,
    SEXUAL_ORIENTATIONS,
    YES_NO,
)

EQUALITY_FIELDS = [name for name, _question, _choices in EQUALITY_QUESTIONS]

# What tells one person from another (involvement/identity.py), as identity() takes them.
IDENTITY_FIELDS = ["name", "email", "phone", "postcode"]

# The member's interests: many-to-many, so set after the member is saved.
INTEREST_FIELDS = ["topics", "audiences", "methods"]

# What someone tells us when they join, in the sign-up form's order, which is also the order of
# the register's export and of a member's page in the admin. Equality answers are asked after
# these, and are never exported or shown beside a name.
SIGN_UP_FIELDS = [
    "name",
    "email",
    "phone",
    "address",
    "postcode",
    "preferred_contact",
    *INTEREST_FIELDS,
    "access_needs",
]

# The sign-up fields that are columns of the member's own row.
DETAIL_FIELDS = [field for field in SIGN_UP_FIELDS if field not in INTEREST_FIELDS]

# Everything that identifies or describes a person. Erasure blanks all of these and keeps the
# row, so counts by join date, topic, audience and method stay true.
PERSONAL_FIELDS = [*DETAIL_FIELDS, *EQUALITY_FIELDS, "dedupe_key"]

# The consent record goes too: once the person's details are gone it describes nobody.
ERASED_CONSENT = {"consent_version": "", "consent_revision_id": None, "consented_at": None}

# Who sent a feedback item: kept only if they agreed to be contacted, and blanked by erasure.
FEEDBACK_CONTACT_FIELDS = ["name", "email", "phone"]
