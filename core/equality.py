"""The equality monitoring questions ("About you"), their answers, and the groups they define.

Declared here, beneath every app that uses them: the register and the questionnaires ask them
(involvement/personal_fields.py re-exports them), the consultation plan's equality impact
assessment names groups from them (`GROUP_CHOICES`), and the reach table counts by them.
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
# What the reach table and the plan call each question's group of answers.
QUESTION_NAMES = {
    "age_band": "Age",
    "gender": "Gender",
    "ethnicity": "Ethnic group",
    "disability": "Disability or long-term condition",
    "sexual_orientation": "Sexual orientation",
    "religion": "Religion or belief",
    "carer": "Carer",
}


def group_code(question, answer):
    """'age_band:18_24': one group of people, as the plan and the population figures name it."""
    return f"{question}:{answer}"


# Every group an equality impact assessment can name: each answer but "Prefer not to say".
GROUP_CHOICES = [
    (group_code(name, value), f"{QUESTION_NAMES[name]}: {label}")
    for name, _question, choices in EQUALITY_QUESTIONS
    for value, label in choices
    if value != PREFER_NOT[0]
]

# {question: its choices}, for code that needs one question's answers.
CHOICES = {name: choices for name, _question, choices in EQUALITY_QUESTIONS}
