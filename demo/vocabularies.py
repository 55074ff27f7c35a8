"""The demo topics and audiences that tag opportunities and outcomes."""

from pages.models import Audience, Topic

# (slug, name, description). Other demo modules refer to terms by slug.
TOPICS = [
    (
        "urgent-care",
        "Urgent and emergency care",
        "A&E, NHS 111, urgent treatment centres and out-of-hours care.",
    ),
    ("primary-care", "GP and primary care", "GP practices, community pharmacies, dentists and opticians."),
    ("mental-health", "Mental health", "Talking therapies, crisis support and community mental health care."),
    (
        "maternity",
        "Maternity and neonatal care",
        "Care in pregnancy, birth and the first weeks of a baby's life.",
    ),
    (
        "community-services",
        "Community services",
        "Community nursing, therapies, equipment and care closer to home.",
    ),
    (
        "medicines",
        "Medicines and prescriptions",
        "Repeat prescriptions, medicines waste and pharmacy advice.",
    ),
    ("cancer", "Cancer care", "Screening, diagnosis, treatment and support after cancer."),
    (
        "children-young-people",
        "Children and young people's services",
        "Health services for babies, children and young people up to 25.",
    ),
    (
        "planned-care",
        "Hospital appointments and planned care",
        "Outpatient appointments, tests and operations.",
    ),
    ("patient-transport", "Getting to appointments", "Non-emergency patient transport and travel to care."),
    (
        "learning-disability-services",
        "Learning disability and autism services",
        "Health checks, support and services for people with a learning disability and autistic people.",
    ),
]

AUDIENCES = [
    ("carers", "Carers", "People who look after a relative, partner or friend, paid or unpaid."),
    ("young-people", "Young people", "People aged 11 to 25."),
    ("parents", "Parents and families", "Including new and expectant parents."),
    ("older-people", "Older people", "People aged 65 and over, and the people who support them."),
    (
        "learning-disability",
        "People with a learning disability",
        "And their families and supporters; easy read versions are offered.",
    ),
    ("bsl-users", "Deaf people and BSL users", "British Sign Language interpretation is offered."),
    (
        "seldom-heard",
        "Seldom-heard groups",
        "Communities we hear from least: for example Gypsy and Traveller communities, "
        "people who are homeless and people seeking asylum.",
    ),
    (
        "long-term-conditions",
        "People living with a long-term condition",
        "Such as diabetes, COPD or heart failure.",
    ),
    ("patient-groups", "Patient participation groups", "Members of the patient groups at GP practices."),
]


def ensure_terms(stdout=None):
    """Create any missing topics and audiences; return ({slug: Topic}, {slug: Audience}).

    Terms that already exist are left as they are: editors may have reworded them.
    """
    topics = {slug: _ensure(Topic, slug, name, description, stdout) for slug, name, description in TOPICS}
    audiences = {
        slug: _ensure(Audience, slug, name, description, stdout) for slug, name, description in AUDIENCES
    }
    return topics, audiences


def _ensure(model, slug, name, description, stdout):
    term = model.objects.filter(slug=slug).first() or model.objects.filter(name=name).first()
    if term is None:
        term = model.objects.create(slug=slug, name=name, description=description)
        if stdout is not None:
            stdout.write(f"  created   {model._meta.verbose_name} '{name}'")
    return term
