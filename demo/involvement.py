"""Demo content for the involvement app: the two form pages, register members, invitations, feedback.

Called by `manage.py load_demo_content` as `build(home, stdout)`. Loading twice changes nothing:
pages are brought up to date only if they differ, and records are only ever added when missing.
Every person here is fictional: names from an obviously made-up list, example.com and
example.org addresses, and phone numbers from the 01632 960xxx range Ofcom keeps for drama.
"""

import datetime

from django.utils import timezone
from wagtail.models import Page

from demo.sync import ensure_page, heading, paragraph
from involvement.models import (
    Feedback,
    FeedbackPage,
    FeedbackTheme,
    Invitation,
    Member,
    ParticipationMethod,
    RegisterPage,
    dedupe_key,
)
from pages.models import Audience, OpportunityIndexPage, OpportunityPage, Topic

REGISTER_SLUG = "join"
FEEDBACK_SLUG = "share-your-experience"


REGISTER_PAGE = {
    "title": "Join our involvement register",
    "intro": "Tell us what you are interested in and how you would like to take part, and we "
    "will let you know when there is a chance to have your say.",
    "body": [
        paragraph(
            "<p>Anyone who lives in our area, uses local NHS services or cares for someone who "
            "does can join. It takes about five minutes. You can change your details or leave "
            "the register at any time by contacting us.</p>"
        ),
    ],
}

FEEDBACK_PAGE = {
    "title": "Share your experience",
    "intro": "Tell us about a recent experience of a local NHS service: what went well, what "
    "could be better, or an idea you have.",
    "body": [
        heading("What happens to your feedback"),
        paragraph(
            "<p>The Communications and Engagement Team reads everything people send us. We look "
            "for themes across all the feedback we receive, share what we learn with the "
            "services concerned, and report on it every year. We never publish what you write.</p>"
        ),
    ],
}

# (name, email, phone, postcode, preferred contact, topic slugs, audience slugs, method slugs,
#  days since joining, days since last activity, access needs, equality answers)
# fmt: off
MEMBERS = [
    ("Ada Example", "ada.example@example.com", "", "", "email", ["urgent-care", "primary-care"],
     ["older-people"], ["online-surveys", "meetings"], 1080, 400, "", {"age_band": "65_74", "carer": "no"}),
    ("Ben Sample", "ben.sample@example.org", "01632 960 001", "", "phone", ["mental-health"],
     ["carers"], ["focus-groups"], 1010, 300, "Large print, please.", {"carer": "yes"}),
    ("Cara Specimen", "", "01632 960 002", "NG18 1ZZ", "phone", ["maternity", "children-young-people"],
     ["parents"], ["meetings", "focus-groups"], 950, 950, "", {"age_band": "25_34"}),
    ("Dev Placeholder", "dev.placeholder@example.com", "", "", "email", ["primary-care", "medicines"],
     ["long-term-conditions"], ["online-surveys", "reading-documents"], 880, 120, "", {}),
    ("Effie Demo", "effie.demo@example.org", "", "", "email", ["community-services"],
     ["older-people", "carers"], ["reference-groups"], 820, 820, "Step-free access.",
     {"disability": "yes", "age_band": "75_plus"}),
    ("Finn Fictional", "finn.fictional@example.com", "01632 960 003", "", "email", ["mental-health"],
     ["young-people"], ["online-surveys"], 760, 200, "", {"age_band": "18_24"}),
    ("Gita Madeup", "gita.madeup@example.org", "", "", "email", ["cancer", "planned-care"],
     [], ["reading-documents", "reference-groups"], 700, 700, "", {"ethnicity": "asian"}),
    ("Hal Invented", "", "01632 960 004", "NG17 9ZZ", "phone", ["patient-transport", "planned-care"],
     ["older-people"], ["meetings"], 640, 90, "A hearing loop.", {"age_band": "75_plus"}),
    ("Iris Notreal", "iris.notreal@example.com", "", "", "email", ["urgent-care"],
     ["seldom-heard"], ["focus-groups", "meetings"], 580, 580, "", {"ethnicity": "prefer_not"}),
    ("Jon Pretend", "jon.pretend@example.org", "", "", "email", ["primary-care"],
     ["patient-groups"], ["reference-groups", "meetings"], 520, 60, "", {}),
    ("Kit Imaginary", "kit.imaginary@example.com", "01632 960 005", "", "email", ["mental-health",
     "children-young-people"], ["young-people"], ["online-surveys", "focus-groups"], 450, 450, "",
     {"age_band": "under_18", "gender": "prefer_not"}),
    ("Lena Testcase", "lena.testcase@example.org", "", "", "email", ["maternity"],
     ["parents"], ["online-surveys"], 400, 30, "", {"age_band": "35_44"}),
    ("Milo Makebelieve", "", "01632 960 006", "NG22 0ZZ", "post", ["community-services",
     "medicines"], ["long-term-conditions", "older-people"], ["reading-documents"], 330, 330,
     "Information on paper, please.", {"disability": "yes"}),
    ("Nia Example", "nia.example@example.com", "", "", "email", ["urgent-care", "mental-health"],
     ["bsl-users"], ["meetings"], 270, 270, "A BSL interpreter.", {"disability": "yes"}),
    ("Otto Sample", "otto.sample@example.org", "01632 960 007", "", "phone", ["cancer"],
     ["carers"], ["focus-groups"], 210, 210, "", {"carer": "yes"}),
    ("Pia Specimen", "pia.specimen@example.com", "", "", "email", ["community-services"],
     ["learning-disability"], ["meetings"], 150, 150, "Easy read information.", {}),
    ("Quin Placeholder", "quin.placeholder@example.org", "", "", "email", ["primary-care",
     "urgent-care"], ["seldom-heard"], ["online-surveys"], 90, 90, "", {"religion": "prefer_not"}),
    ("Rosa Demo", "rosa.demo@example.com", "01632 960 008", "", "email", ["children-young-people"],
     ["parents", "young-people"], ["focus-groups", "online-surveys"], 45, 45, "", {"age_band": "25_34"}),
    ("Sol Fictional", "sol.fictional@example.org", "", "", "email", ["planned-care"],
     ["long-term-conditions"], ["reference-groups"], 20, 20, "", {}),
    ("Tess Madeup", "", "01632 960 009", "NG19 0ZZ", "phone", ["urgent-care", "patient-transport"],
     ["older-people"], ["meetings"], 6, 6, "", {"age_band": "65_74"}),
]
# fmt: on

# (opportunity slug, member emails or names, days ago invited)
INVITATIONS = [
    ("future-of-urgent-care", ["ada.example@example.com", "iris.notreal@example.com"], 35),
    ("gp-appointments-survey", ["dev.placeholder@example.com", "jon.pretend@example.org"], 25),
    ("mental-health-lived-experience-panel", ["ben.sample@example.org", "finn.fictional@example.com"], 150),
]

# (kind, service, topic slug, experience, days ago, status, theme slug, staff notes, contact)
# fmt: off
FEEDBACK = [
    ("compliment", "Example Road Surgery", "primary-care",
     "The receptionist found me an appointment the same day and the nurse explained everything clearly.",
     200, "closed", "staff-attitude", "Shared with the practice manager.", None),
    ("concern", "Urgent treatment centre, Mansfield", "urgent-care",
     "I waited four hours with my son and nobody told us how long it would be.",
     120, "acknowledged", "waiting-times", "Passed to the provider's patient experience lead.",
     ("Demo Parent", "demo.parent@example.com", "")),
    ("suggestion", "Patient transport", "patient-transport",
     "It would help if the transport service sent a text when the driver is on the way.",
     95, "closed", "transport", "Raised at the contract meeting; texts start next quarter.", None),
    ("comment", "Hospital outpatients", "planned-care",
     "The letter about my appointment used a lot of words I did not understand.",
     60, "acknowledged", "communication", "", None),
    ("concern", "Repeat prescriptions", "medicines",
     "My repeat prescription was late twice this month and I nearly ran out.",
     30, "new", None, "", ("", "", "01632 960 010")),
    ("compliment", "Community nursing team", "community-services",
     "The district nurses who visit my mother are kind, patient and always on time.",
     12, "new", None, "", None),
    ("suggestion", "Maternity services", "maternity",
     "Antenatal classes in the evening would help parents who work during the day.",
     4, "new", None, "", None),
    # Older items, so the last complete reporting year has feedback to count.
    ("concern", "NHS 111", "urgent-care",
     "I was called back after six hours, by which time I had gone to A&E anyway.",
     300, "closed", "waiting-times", "Included in the NHS 111 survey findings.", None),
    ("comment", "Wheelchair service", "community-services",
     "Nobody told me my repair had been delayed until I rang to ask.",
     330, "closed", "communication", "Provider now texts when a repair is delayed.", None),
    ("compliment", "Mental health crisis team", "mental-health",
     "The crisis team listened to me and to my husband, and came back the next day as promised.",
     420, "closed", "staff-attitude", "Passed on to the team with thanks.", None),
    ("concern", "GP online booking", "primary-care",
     "The online booking system does not work with my screen reader.",
     480, "closed", "access", "Raised with the practice's system supplier.", None),
    ("suggestion", "Community mental health day services", "mental-health",
     "Evening sessions would let people who work still get support.",
     520, "closed", "access", "Fed into the day services consultation.", None),
]
# fmt: on


def _ago(days, now):
    return now - datetime.timedelta(days=days)


def _report(stdout, message):
    if stdout is not None:
        stdout.write(f"  {message}")


def ensure_pages(home, stdout=None):
    """Create or update the sign-up page under /get-involved/ and the feedback page under home."""
    privacy = Page.objects.descendant_of(home).filter(slug="privacy-notice").first()
    register = None
    index = OpportunityIndexPage.objects.child_of(home).filter(slug="get-involved").first()
    if index is not None:
        register, _ = ensure_page(
            index,
            RegisterPage,
            REGISTER_SLUG,
            fields={**REGISTER_PAGE, "privacy_notice": privacy},
            stdout=stdout,
        )
    feedback, _ = ensure_page(
        home,
        FeedbackPage,
        FEEDBACK_SLUG,
        fields={**FEEDBACK_PAGE, "privacy_notice": privacy},
        stdout=stdout,
    )
    return register, feedback


def ensure_members(register, stdout=None, now=None):
    """Add the fictional members that are missing; never change ones already there."""
    now = now or timezone.now()
    topics = {t.slug: t for t in Topic.objects.all()}
    audiences = {a.slug: a for a in Audience.objects.all()}
    methods = {m.slug: m for m in ParticipationMethod.objects.all()}
    if register is not None:
        revision_id, consent_version = register.consent_record()
    else:
        revision_id, consent_version = None, "Demo data"
    added = 0
    for (
        name,
        email,
        phone,
        postcode,
        contact,
        topic_slugs,
        audience_slugs,
        method_slugs,
        joined,
        active,
        access_needs,
        equality,
    ) in MEMBERS:
        if Member.objects.active().filter(dedupe_key=dedupe_key(name, email, phone, postcode)).exists():
            continue
        member = Member(
            name=name,
            email=email,
            phone=phone,
            postcode=postcode,
            address="1 Example Street\nMansfield" if postcode else "",
            preferred_contact=contact,
            access_needs=access_needs,
            joined_at=_ago(joined, now),
            last_activity_at=_ago(active, now),
            consent_version=consent_version,
            consent_revision_id=revision_id,
            consented_at=_ago(joined, now),
            **equality,
        )
        member.save()
        member.topics.set([topics[s] for s in topic_slugs if s in topics])
        member.audiences.set([audiences[s] for s in audience_slugs if s in audiences])
        member.methods.set([methods[s] for s in method_slugs if s in methods])
        added += 1
    if added:
        _report(stdout, f"created   {added} involvement register members")


def ensure_invitations(stdout=None, now=None):
    now = now or timezone.now()
    added = 0
    for slug, emails, days in INVITATIONS:
        opportunity = OpportunityPage.objects.filter(slug=slug).first()
        if opportunity is None:
            continue
        when = _ago(days, now)
        for email in emails:
            member = Member.objects.active().filter(email=email).first()
            if member is None:
                continue
            _invitation, created = Invitation.objects.get_or_create(
                member=member, opportunity=opportunity, defaults={"invited_at": when}
            )
            if created:
                added += 1
                if member.last_activity_at < when:
                    member.touch(when)
    if added:
        _report(stdout, f"created   {added} invitations")


def ensure_feedback(stdout=None, now=None):
    now = now or timezone.now()
    topics = {t.slug: t for t in Topic.objects.all()}
    themes = {t.slug: t for t in FeedbackTheme.objects.all()}
    added = 0
    for kind, service, topic, experience, days, status, theme, notes, contact in FEEDBACK:
        if Feedback.objects.filter(kind=kind, service=service, experience=experience).exists():
            continue
        name, email, phone = contact or ("", "", "")
        Feedback.objects.create(
            kind=kind,
            service=service,
            topic=topics.get(topic),
            experience=experience,
            submitted_at=_ago(days, now),
            status=status,
            theme=themes.get(theme) if theme else None,
            staff_notes=notes,
            consent_to_contact=contact is not None,
            name=name,
            email=email,
            phone=phone,
        )
        added += 1
    if added:
        _report(stdout, f"created   {added} feedback items")


def build(home, stdout=None):
    """Load the involvement demo content under `home`; safe to run any number of times."""
    register, _feedback_page = ensure_pages(home, stdout)
    now = timezone.now()
    ensure_members(register, stdout, now)
    ensure_invitations(stdout, now)
    ensure_feedback(stdout, now)
