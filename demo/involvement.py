"""Demo content for the involvement app: the two form pages, register members, invitations, feedback.

Called by `manage.py load_demo_content` as `build(home, stdout)`. Loading twice changes nothing:
pages are brought up to date only if they differ, and records are only ever added when missing.
Every person in the data files is fictional (register_members.csv, feedback.csv).
"""

import datetime

from django.utils import timezone
from wagtail.models import Page

from demo.datafiles import check_keys, page_fields, read_csv, read_toml
from demo.organisation import contacts
from demo.sync import ensure_page
from involvement.models import (
    EQUALITY_FIELDS,
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
FILE = "involvement.toml"
# The columns of register_members.csv: the member's own details, the slugs of what they chose, and
# when they joined and were last active; then any of the optional equality answers.
MEMBER_COLUMNS = "name email phone postcode preferred_contact access_needs topics audiences methods".split()
MEMBER_COLUMNS += ["joined", "last_active", *EQUALITY_FIELDS]


def _at(offset, now):
    """`now` moved by a day offset from the data files (negative: in the past)."""
    return now + datetime.timedelta(days=int(offset))


def _report(stdout, message):
    if stdout is not None:
        stdout.write(f"  {message}")


def ensure_pages(home, stdout=None):
    """Create or update the sign-up page under /get-involved/ and the feedback page under home."""
    privacy = Page.objects.descendant_of(home).filter(slug="privacy-notice").first()
    register = None
    index = OpportunityIndexPage.objects.child_of(home).filter(slug="get-involved").first()
    if index is not None:
        register = _form_page(index, RegisterPage, REGISTER_SLUG, "register", privacy, stdout)
    feedback = _form_page(home, FeedbackPage, FEEDBACK_SLUG, "feedback", privacy, stdout)
    return register, feedback


def _form_page(parent, model, slug, table, privacy, stdout):
    """One of the two form pages, its words from involvement.toml's `table`, linking to the privacy notice."""
    fields = {**page_fields(FILE, contacts(), table=table), "privacy_notice": privacy}
    return ensure_page(parent, model, slug, fields=fields, stdout=stdout)[0]


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
    pending = set(read_toml(FILE).get("pending", []))
    for row in read_csv("register_members.csv"):
        check_keys(row, MEMBER_COLUMNS, "register_members.csv")
        name, email, phone, postcode = row["name"], row["email"], row["phone"], row["postcode"]
        if Member.objects.active().filter(dedupe_key=dedupe_key(name, email, phone, postcode)).exists():
            continue
        # Equality answers are optional: an empty cell leaves the question unanswered.
        equality = {field: row[field] for field in EQUALITY_FIELDS if row.get(field)}
        member = Member(
            name=name,
            email=email,
            phone=phone,
            postcode=postcode,
            address="1 Example Street\nMansfield" if postcode else "",
            preferred_contact=row["preferred_contact"],
            access_needs=row["access_needs"],
            joined_at=_at(row["joined"], now),
            last_activity_at=_at(row["last_active"], now),
            consent_version=consent_version,
            consent_revision_id=revision_id,
            consented_at=_at(row["joined"], now),
            confirmed_at=None if name in pending else _at(row["joined"], now),
            **equality,
        )
        member.save()
        member.topics.set([topics[s] for s in row["topics"].split() if s in topics])
        member.audiences.set([audiences[s] for s in row["audiences"].split() if s in audiences])
        member.methods.set([methods[s] for s in row["methods"].split() if s in methods])
        added += 1
    if added:
        _report(stdout, f"created   {added} involvement register members")


def ensure_invitations(stdout=None, now=None):
    now = now or timezone.now()
    added = 0
    for row in read_toml(FILE)["invitations"]:
        opportunity = OpportunityPage.objects.filter(slug=row["opportunity"]).first()
        if opportunity is None:
            continue
        when = _at(row["invited"], now)
        for email in row["members"]:
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
    for row in read_csv("feedback.csv"):
        same = {key: row[key] for key in ("kind", "service", "experience")}
        if Feedback.objects.filter(**same).exists():
            continue
        Feedback.objects.create(
            kind=row["kind"],
            service=row["service"],
            topic=topics.get(row["topic"]),
            experience=row["experience"],
            submitted_at=_at(row["submitted"], now),
            status=row["status"],
            theme=themes.get(row["theme"]) if row["theme"] else None,
            staff_notes=row["staff_notes"],
            consent_to_contact=row["consent_to_contact"] == "yes",
            name=row["name"],
            email=row["email"],
            phone=row["phone"],
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
