"""Subject access requests and erasure by email address: what we hold about a person, and removing it.

Used by the `export_personal_data` and `erase_personal_data` commands. An email address is
matched ignoring case and surrounding spaces. The export holds only the person's own data: no
staff names (who invited them, who triaged their feedback) and nothing about anyone else.

Erasure keeps the rows without personal data, so the register's and the annual report's counts
stay true: register members are erased as the admin's "Erase personal data" does (every
personal field and the consent record blanked); feedback keeps its kind, service, topic, theme,
status and date but loses the name, email address, phone number, the text of the experience
and the staff notes, because free text may identify the person. Every erasure is written to
Wagtail's audit log against "Member 12" or "Comment 7", never the email address, and to the
erasure ledger (involvement/erasure_ledger.py), so that a restore from an older backup can erase
them again (`reapply_erasures`). Searches holding the address (Reports → Search terms) are
exported and deleted too (involvement/search_terms.py).
"""

import datetime

from django.apps import apps as django_apps
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from involvement import erasure_ledger, search_terms
from involvement.models.feedback import Feedback
from involvement.models.members import Member, identity
from involvement.personal_fields import (
    DETAIL_FIELDS,
    EQUALITY_QUESTIONS,
    FEEDBACK_CONTACT_FIELDS,
    IDENTITY_FIELDS,
)

# What an erased feedback item says instead of the person's words.
ERASED_TEXT = "Removed at the request of the person who sent it."
# What erasure writes over a feedback item, as described above.
ERASED_FEEDBACK = {
    **dict.fromkeys(FEEDBACK_CONTACT_FIELDS, ""),
    "consent_to_contact": False,
    "experience": ERASED_TEXT,
    "staff_notes": "",
}


def normalise_email(email):
    return (email or "").strip()


def members_for(email):
    email = normalise_email(email)
    if not email:
        return Member.objects.none()
    return Member.objects.filter(email__iexact=email)


def feedback_for(email):
    email = normalise_email(email)
    if not email:
        return Feedback.objects.none()
    return Feedback.objects.filter(email__iexact=email)


def users_for(email):
    email = normalise_email(email)
    if not email:
        return get_user_model().objects.none()
    return get_user_model().objects.filter(email__iexact=email)


def _when(value):
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat() if timezone.is_aware(value) else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _choice(instance, field):
    value = getattr(instance, field)
    return {"value": value, "label": getattr(instance, f"get_{field}_display")()} if value else None


def _answer(instance, field):
    """What the person gave: a choice with its label, anything else as it is."""
    return _choice(instance, field) if instance._meta.get_field(field).choices else getattr(instance, field)


def member_record(member):
    """Everything held about one register member, in plain words."""
    history = ModelLogEntry.objects.filter(
        content_type__app_label="involvement", content_type__model="member", object_id=str(member.pk)
    ).order_by("timestamp", "pk")
    return {
        "reference": str(member),
        **{field: _answer(member, field) for field in DETAIL_FIELDS},
        "topics": [topic.name for topic in member.topics.all()],
        "describes_themselves_as": [audience.name for audience in member.audiences.all()],
        "ways_of_taking_part": [method.name for method in member.methods.all()],
        "equality_monitoring": {
            field: {"question": question, "answer": _choice(member, field)}
            for field, question, _choices in EQUALITY_QUESTIONS
        },
        "consent": {
            "privacy_notice": member.consent_version,
            "privacy_notice_revision": member.consent_revision_id,
            "agreed_at": _when(member.consented_at),
        },
        "joined_at": _when(member.joined_at),
        "confirmed_at": _when(member.confirmed_at),
        "paused_at": _when(member.paused_at),
        "unconfirmed_changes": [
            {"answers": change.answers, "asked_at": _when(change.created_at)}
            for change in member.pending_changes.all()
        ],
        "last_activity_at": _when(member.last_activity_at),
        "erased_at": _when(member.erased_at),
        "invitations": [
            {
                "opportunity": invitation.opportunity.title,
                "opportunity_id": invitation.opportunity_id,
                "invited_at": _when(invitation.invited_at),
                "sent_by": invitation.get_channel_display(),
                "invitation": invitation.text,
            }
            for invitation in member.invitations.select_related("opportunity").order_by("invited_at", "pk")
        ],
        # What was done with their record and when; not which member of staff did it.
        "history": [{"action": entry.action, "at": _when(entry.timestamp)} for entry in history],
    }


def feedback_record(feedback):
    return {
        "reference": str(feedback),
        "submitted_at": _when(feedback.submitted_at),
        "kind": feedback.get_kind_display(),
        "service": feedback.service,
        "service_area": feedback.topic.name if feedback.topic_id else "",
        "experience": feedback.experience,
        "may_be_contacted": feedback.consent_to_contact,
        **{field: getattr(feedback, field) for field in FEEDBACK_CONTACT_FIELDS},
        "status": feedback.get_status_display(),
        "theme": feedback.theme.name if feedback.theme_id else "",
        "staff_notes": feedback.staff_notes,
    }


def user_record(user):
    """A staff account with this email address; never the password hash."""
    return {
        "username": user.get_username(),
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": user.is_active,
        "groups": sorted(group.name for group in user.groups.all()),
        "date_joined": _when(user.date_joined),
        "last_login": _when(user.last_login),
    }


def other_holders():
    """Apps beside the register that hold personal data by email address: each whose AppConfig has
    a `personal_data` module with KEY, export(email, user) and erase(email, user) (alerts/)."""
    return [c.personal_data for c in django_apps.get_app_configs() if getattr(c, "personal_data", None)]


def export(email, user=None):
    """A JSON-ready dict of everything held about `email`; logs the export against each record."""
    members = list(members_for(email).prefetch_related("topics", "audiences", "methods").order_by("pk"))
    feedback = list(feedback_for(email).select_related("topic", "theme").order_by("submitted_at", "pk"))
    users = list(users_for(email).prefetch_related("groups").order_by("pk"))
    searches = list(search_terms.searches_for(email).order_by("query_string"))
    data = {
        "email_address": normalise_email(email),
        "generated_at": _when(timezone.now()),
        "register_members": [member_record(member) for member in members],
        "feedback": [feedback_record(item) for item in feedback],
        "user_accounts": [user_record(account) for account in users],
        "searches": [search_terms.search_record(query) for query in searches],
    }
    for holder in other_holders():
        data[holder.KEY] = holder.export(email, user=user)
    for instance in [*members, *feedback]:
        log(instance, "involvement.subject_access", user=user)
    return data


def erase_feedback(items, user=None, reason="request"):
    """Blank the contact details, the text and the staff notes of these feedback items."""
    items = list(items)
    Feedback.objects.filter(pk__in=[f.pk for f in items]).update(**ERASED_FEEDBACK)
    for item in items:
        log(item, "involvement.erase", user=user, data={"reason": reason})
    return items


def _holds(holder, email):
    holds = getattr(holder, "holds", None)
    return bool(holds and holds(email))


def erase(email, user=None):
    """Erase what is held about `email`; returns the references of what was erased.

    Staff accounts with the address are left alone: they are managed under Settings > Users.
    """
    with transaction.atomic():
        members = list(members_for(email).active().order_by("pk"))
        Member.objects.filter(pk__in=[m.pk for m in members]).erase_personal_data(user=user, reason="request")
        feedback = list(feedback_for(email).order_by("pk"))
        searches = list(search_terms.searches_for(email))
        if feedback or searches or any(_holds(holder, email) for holder in other_holders()):
            erasure_ledger.record([identity(email=email)])
        erase_feedback(feedback, user=user)
        searches = search_terms.delete_searches(searches)
        others = {holder.KEY: holder.erase(email, user=user) for holder in other_holders()}
    return {
        "register_members": [str(member) for member in members],
        "feedback": [str(item) for item in feedback],
        "searches": searches,
        **others,
    }


def reapply_erasures(since):
    """Erase again whoever the ledger says was erased at or after `since` (the time of a backup
    just restored). Returns the references of what was erased and how many searches were deleted,
    and what each other holder with a `reapply` erased, under its KEY."""
    erased = erasure_ledger.hashes_since(since)
    result = {"register_members": [], "feedback": [], "searches": 0}
    if not erased:
        return result

    def listed(raw):
        return bool(raw) and not erased.isdisjoint(erasure_ledger.hashes_of(raw))

    reason = "erased again after a restore"
    with transaction.atomic():
        members = [
            pk
            for pk, *details in Member.objects.active().values_list("pk", *IDENTITY_FIELDS)
            if listed(identity(*details))
        ]
        Member.objects.filter(pk__in=members).erase_personal_data(reason=reason, ledger=False)
        feedback = [
            item
            for item in Feedback.objects.exclude(email="").order_by("pk")
            if listed(identity(email=item.email))
        ]
        erase_feedback(feedback, reason=reason)
        searches = [
            query
            for query in Query.objects.filter(query_string__contains="@")
            if any(listed(identity(email=address)) for address in search_terms.emails_in(query.query_string))
        ]
        result["searches"] = search_terms.delete_searches(searches)
        for holder in other_holders():
            # An app holding data by email address erases again whoever the ledger lists, if it
            # can (questionnaires/personal_data.py `reapply`).
            if reapply := getattr(holder, "reapply", None):
                result[holder.KEY] = reapply(lambda email: listed(identity(email=email)), reason=reason)
    result["register_members"] = [f"Member {pk}" for pk in members]
    result["feedback"] = [str(item) for item in feedback]
    return result
