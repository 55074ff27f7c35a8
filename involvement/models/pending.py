"""What a sign-up asked for and nobody has confirmed yet: the double opt-in's side of the register.

A sign-up whose address (dedupe key) already belongs to a member must not change that member:
anyone can type someone else's email address. Its answers wait here until the member confirms
them from their own address (the link sent there), or are deleted after the confirmation link's
life (`remove_unconfirmed_sign_ups`).
"""

from typing import NamedTuple

from django.db import IntegrityError, models, transaction
from django.utils import timezone
from wagtail.log_actions import log

from involvement.personal_fields import DETAIL_FIELDS, EQUALITY_FIELDS, INTEREST_FIELDS


class SignUp(NamedTuple):
    """What Member.objects.sign_up did: `change` is None when `member` is new (and pending)."""

    member: object
    change: object


def consent_fields(consent_version, consent_revision_id, when):
    return {
        "consent_version": consent_version[:255],
        "consent_revision_id": consent_revision_id,
        "consented_at": when,
    }


def stored_answers(answers):
    """The sign-up form's cleaned data as JSON: the member's own fields, and interests by id."""
    stored = {field: answers.get(field, "") or "" for field in [*DETAIL_FIELDS, *EQUALITY_FIELDS]}
    for field in INTEREST_FIELDS:
        stored[field] = sorted(item.pk for item in answers.get(field) or [])
    return stored


def apply_answers(member, answers, *, created):
    """Save `answers` (as stored_answers made them) on `member`: what they tell us again replaces
    what we knew; what they leave out this time is kept (all of it is set on a new member)."""
    for field in [*DETAIL_FIELDS, *EQUALITY_FIELDS]:
        value = answers.get(field, "")
        if value or created:
            setattr(member, field, value)
    member.save()
    for field in INTEREST_FIELDS:
        if answers.get(field) or created:
            getattr(member, field).set(answers.get(field) or [])
    return member


class PendingChange(models.Model):
    """A sign-up with a member's address, waiting for that member to confirm it. Personal data:
    it is in the member's subject access export and deleted when they are erased."""

    member = models.ForeignKey("involvement.Member", on_delete=models.CASCADE, related_name="pending_changes")
    answers = models.JSONField(default=dict, editable=False)
    consent_version = models.CharField(max_length=255, blank=True, editable=False)
    consent_revision_id = models.PositiveIntegerField(null=True, blank=True, editable=False)
    consented_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, db_index=True, editable=False)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = "unconfirmed change to a register member"

    def __str__(self):
        return f"Change {self.pk} to member {self.member_id}"

    def apply(self):
        """Confirmed from the member's address: update the member, confirm them, forget the change.

        The answers may name the address of another member by now (a second sign-up changed
        it meanwhile); the change is then dropped rather than merging two people.
        """
        Member = self._meta.get_field("member").related_model

        with transaction.atomic():
            member = Member.objects.active().select_for_update().filter(pk=self.member_id).first()
            if member is None:
                return None
            now = timezone.now()
            for field, value in consent_fields(self.consent_version, self.consent_revision_id, now).items():
                setattr(member, field, value)
            member.confirmed_at = member.confirmed_at or now
            member.last_activity_at = now
            try:
                with transaction.atomic():
                    apply_answers(member, self.answers, created=False)
            except IntegrityError:
                PendingChange.objects.filter(pk=self.pk).delete()
                return None
            PendingChange.objects.filter(pk=self.pk).delete()
            log(member, "involvement.confirm_change")
        return member
