"""What the register and the feedback form hold about a person, declared once.

The sign-up form, the register admin and its export, the subject access export and erasure all
take their lists of fields from here, so a field added to one cannot be forgotten by another.
Below the models: they, and the forms, import from here.
"""

PREFER_NOT = ("prefer_not", "Prefer not to say")

# Equality monitoring answers. Every question is optional and offers "Prefer not to say";
# the groupings follow the short forms NHS bodies use, so a report can count them.
AGE_BANDS = [
    ("under_18", "Under 18"),
    ("18_24", "18 to 24"),
    ("25_34", "25 to 34"),
    ("35_44", "35 to 44"),
    ("45_54", "45 to 54"),
    ("55_64", "55 to 64"),
    ("65_74", "65 to 74"),
    ("75_plus", "75 or over"),
    PREFER_NOT,
]
GENDERS = [
    ("woman", "Woman"),
    ("man", "Man"),
    ("non_binary", "Non-binary"),
    ("self_describe", "In another way"),
    PREFER_NOT,
]
ETHNIC_GROUPS = [
    ("asian", "Asian or Asian British"),
    ("black", "Black, Black British, Caribbean or African"),
    ("mixed", "Mixed or multiple ethnic groups"),
    ("white", "White"),
    ("other", "Another ethnic group"),
    PREFER_NOT,
]
YES_NO = [("yes", "Yes"), ("no", "No"), PREFER_NOT]
SEXUAL_ORIENTATIONS = [
    ("heterosexual", "Heterosexual or straight"),
    ("gay_lesbian", "Gay or lesbian"),
    ("bisexual", "Bisexual"),
    ("other", "Another sexual orientation"),
    PREFER_NOT,
]
RELIGIONS = [
    ("none", "No religion"),
    ("buddhist", "Buddhist"),
    ("christian", "Christian"),
    ("hindu", "Hindu"),
    ("jewish", "Jewish"),
    ("muslim", "Muslim"),
    ("sikh", "Sikh"),
    ("other", "Another religion or belief"),
    PREFER_NOT,
]

# (field name, question, choices): the optional equality monitoring questions, in form order.
EQUALITY_QUESTIONS = [
    ("age_band", "What is your age?", AGE_BANDS),
    ("gender", "How would you describe your gender?", GENDERS),
    ("ethnicity", "What is your ethnic group?", ETHNIC_GROUPS),
    (
        "disability",
        "Do you consider yourself to have a disability or a long-term health condition?",
        YES_NO,
    ),
    ("sexual_orientation", "What is your sexual orientation?", SEXUAL_ORIENTATIONS),
    ("religion", "What is your religion or belief?", RELIGIONS),
    ("carer", "Do you look after, or give help or support to, someone because of their health?", YES_NO),
]
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
