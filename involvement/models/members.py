"""The involvement register: members of the public who asked to be invited to take part."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from involvement import erasure_ledger
from involvement.identity import dedupe_key, identity, normalise_postcode
from involvement.models.pending import PendingChange, SignUp, apply_answers, consent_fields, stored_answers
from involvement.personal_fields import (
    AGE_BANDS,
    ERASED_CONSENT,
    ETHNIC_GROUPS,
    GENDERS,
    IDENTITY_FIELDS,
    PERSONAL_FIELDS,
    RELIGIONS,
    SEXUAL_ORIENTATIONS,
    YES_NO,
)
from messaging.outbox import forget as forget_messages


class ContactMethod(models.TextChoices):
    EMAIL = "email", "Email"
    TEXT = "text", "Text message"
    PHONE = "phone", "Phone call"
    POST = "post", "Post"


def years_before(moment, years):
    """The same date and time `years` calendar years earlier (29 February becomes the 28th)."""
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:
        return moment.replace(year=moment.year - years, day=28)


def retention_years():
    return settings.INVOLVEMENT_RETENTION_YEARS


class ParticipationMethod(models.Model):
    """A way of taking part (online surveys, meetings…); members tick those they prefer.

    A lookup table seeded by a data migration, so the admin can filter members by method.
    """

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "way of taking part"
        verbose_name_plural = "ways of taking part"

    def __str__(self):
        return self.name


class MemberQuerySet(models.QuerySet):
    def active(self):
        """Members whose personal data has not been erased (confirmed or not: erasure, retention,
        the admin and telling people apart all need the pending sign-ups too)."""
        return self.filter(erased_at__isnull=True)

    def confirmed(self):
        """Active members who confirmed their sign-up from their own address."""
        return self.active().filter(confirmed_at__isnull=False)

    def unconfirmed(self):
        return self.active().filter(confirmed_at__isnull=True)

    def reachable(self):
        """Members who may be sent something: confirmed, not paused, not erased."""
        return self.confirmed().filter(paused_at__isnull=True)

    def inactive_since(self, cutoff):
        """Active members with no sign-up, update or invitation after `cutoff`."""
        return self.active().filter(last_activity_at__lt=cutoff)

    def matching(self, topic_ids, audience_ids):
        """Reachable members (confirmed, not paused) interested in any of the topics or belonging
        to any of the audiences: a sign-up nobody confirmed is never matched, so never invited."""
        condition = Q()
        if topic_ids:
            condition |= Q(topics__in=list(topic_ids))
        if audience_ids:
            condition |= Q(audiences__in=list(audience_ids))
        if not condition:
            return self.none()
        return self.reachable().filter(pk__in=Member.objects.filter(condition).values("pk"))

    def erase_personal_data(self, user=None, reason="", ledger=True):
        """Blank every personal field and the consent record of these members; returns how many.

        Each is also written to the erasure ledger (involvement/erasure_ledger.py), unless `ledger`
        is False (when an erasure from the ledger is applied again after a restore).
        """
        with transaction.atomic():
            rows = list(self.active().select_for_update().values_list("pk", *IDENTITY_FIELDS))
            members = [row[0] for row in rows]
            if not members:
                return 0
            now = timezone.now()
            if ledger:
                erasure_ledger.record([identity(*row[1:]) for row in rows], when=now)
            Member.objects.filter(pk__in=members).update(
                erased_at=now, **dict.fromkeys(PERSONAL_FIELDS, ""), **ERASED_CONSENT
            )
            # What they asked to change but never confirmed, and the messages sent to them.
            PendingChange.objects.filter(member__in=members).delete()
            for pk, _name, email, phone, _postcode in rows:
                forget_messages(subject_ref=f"member:{pk}", address=email or phone)
            for member in Member.objects.filter(pk__in=members):
                # Log entries are labelled with str(member), which holds no personal data; this
                # re-labels any entry written otherwise (by hand, or by older code) all the same.
                ModelLogEntry.objects.filter(
                    content_type__app_label="involvement",
                    content_type__model="member",
                    object_id=str(member.pk),
                ).exclude(label=str(member)).update(label=str(member))
                log(member, "involvement.erase", user=user, data={"reason": reason} if reason else {})
        return len(members)


class MemberManager(models.Manager.from_queryset(MemberQuerySet)):
    """Member.objects: the queryset's methods, and the register's sign-up rule."""

    def sign_up(self, answers, *, consent_version, consent_revision_id):
        """Take a sign-up; returns a SignUp(member, change). Nothing is confirmed here.

        Someone new (no member with the same dedupe key: involvement/identity.py) is added as a
        pending member, never matched or invited until they confirm from their own address. If
        the key already belongs to a member, that member changes in no way: the answers are kept
        as a PendingChange, applied only when confirmed from the member's own address
        (`PendingChange.apply`). The caller sends the confirmation either way.
        """
        key = dedupe_key(**{field: answers[field] for field in IDENTITY_FIELDS})
        now = timezone.now()
        consent = consent_fields(consent_version, consent_revision_id, now)
        for _attempt in range(2):
            try:
                with transaction.atomic():
                    existing = (
                        self.active().select_for_update().filter(dedupe_key=key).first() if key else None
                    )
                    if existing is not None:
                        change = PendingChange.objects.create(
                            member=existing, answers=stored_answers(answers), **consent
                        )
                        return SignUp(existing, change)
                    member = self.model(joined_at=now, last_activity_at=now, **consent)
                    apply_answers(member, stored_answers(answers), created=True)
                    return SignUp(member, None)
            except IntegrityError:
                # The same person signed up twice at the same moment: the retry finds the first.
                continue
        raise IntegrityError("Could not add the sign-up to the register.")


class Member(models.Model):
    """A person on the involvement register; listed, exported and invited by the Engagement team.

    Created or updated by the public sign-up page (RegisterPage). Personal fields are blanked
    by `erase()`, on request or by the `remove_inactive_members` command, keeping the row so
    the annual report can still count members by join date, topic, audience and method.
    """

    name = models.CharField("full name", max_length=150, blank=True)
    email = models.EmailField("email address", max_length=254, blank=True)
    phone = models.CharField("phone number", max_length=30, blank=True)
    address = models.TextField(
        "postal address", max_length=500, blank=True, help_text="Without the postcode."
    )
    postcode = models.CharField(max_length=10, blank=True)
    preferred_contact = models.CharField(
        "how they prefer to be contacted", max_length=10, choices=ContactMethod.choices, blank=True
    )
    access_needs = models.TextField(
        max_length=1000,
        blank=True,
        help_text="Anything they need to take part: large print, an interpreter, step-free access…",
    )
    age_band = models.CharField(max_length=20, choices=AGE_BANDS, blank=True)
    gender = models.CharField(max_length=20, choices=GENDERS, blank=True)
    ethnicity = models.CharField("ethnic group", max_length=20, choices=ETHNIC_GROUPS, blank=True)
    disability = models.CharField(max_length=20, choices=YES_NO, blank=True)
    sexual_orientation = models.CharField(max_length=20, choices=SEXUAL_ORIENTATIONS, blank=True)
    religion = models.CharField("religion or belief", max_length=20, choices=RELIGIONS, blank=True)
    carer = models.CharField(max_length=20, choices=YES_NO, blank=True)
    dedupe_key = models.CharField(max_length=64, blank=True, editable=False, db_index=True)

    topics = models.ManyToManyField(
        "pages.Topic",
        blank=True,
        related_name="register_members",
        help_text="Subjects they want to hear about.",
    )
    audiences = models.ManyToManyField(
        "pages.Audience",
        blank=True,
        related_name="register_members",
        help_text="Groups they said describe them.",
    )
    methods = models.ManyToManyField(
        ParticipationMethod,
        blank=True,
        related_name="members",
        verbose_name="ways of taking part",
    )
    joined_at = models.DateTimeField("joined", default=timezone.now, db_index=True, editable=False)
    last_activity_at = models.DateTimeField(
        "last activity",
        default=timezone.now,
        db_index=True,
        editable=False,
        help_text="Last sign-up, change of preferences or invitation.",
    )
    consent_version = models.CharField(
        max_length=255,
        blank=True,
        editable=False,
        help_text="The privacy notice (title, revision and date) they agreed to.",
    )
    consent_revision_id = models.PositiveIntegerField(null=True, blank=True, editable=False)
    consented_at = models.DateTimeField(null=True, blank=True, editable=False)
    erased_at = models.DateTimeField(null=True, blank=True, editable=False, db_index=True)
    confirmed_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        db_index=True,
        help_text="When they confirmed their sign-up from their own address; until then they are "
        "never matched or invited, and removed after 30 days.",
    )
    paused_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When they paused their membership: nothing is sent to them until they resume.",
    )

    objects = MemberManager()

    class Meta:
        ordering = ["-joined_at", "-pk"]
        verbose_name = "register member"
        verbose_name_plural = "register members"
        permissions = [("erase_member", "Can erase a register member's personal data")]
        constraints = [
            models.UniqueConstraint(
                fields=["dedupe_key"],
                condition=Q(erased_at__isnull=True) & ~Q(dedupe_key=""),
                name="involvement_member_unique_person",
                violation_error_message="Another member already has this email address, "
                "or this name with this phone number or postcode.",
            )
        ]

    def __str__(self):
        # Never the name: this string is copied into admin log entries and reference listings,
        # which must not keep personal data after erasure.
        return f"Member {self.pk}" if self.pk else "New member"

    @property
    def is_erased(self):
        return self.erased_at is not None

    @property
    def is_confirmed(self):
        return self.confirmed_at is not None

    @property
    def is_paused(self):
        return self.paused_at is not None

    def compute_dedupe_key(self):
        return dedupe_key(**{field: getattr(self, field) for field in IDENTITY_FIELDS})

    def clean(self):
        super().clean()
        if self.is_erased:
            return
        key = self.compute_dedupe_key()
        if key and Member.objects.active().filter(dedupe_key=key).exclude(pk=self.pk).exists():
            raise ValidationError(
                {
                    "email": "Another member already has this email address, or this name with this "
                    "phone number or postcode."
                }
            )

    def save(self, *args, **kwargs):
        if self.email:
            self.email = self.email.strip()
        self.postcode = normalise_postcode(self.postcode)
        self.dedupe_key = "" if self.is_erased else self.compute_dedupe_key()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "dedupe_key" not in update_fields:
            kwargs["update_fields"] = [*update_fields, "dedupe_key"]
        super().save(*args, **kwargs)

    def erase(self, user=None, reason=""):
        """Blank every personal field and record when; the row and its preferences stay."""
        Member.objects.filter(pk=self.pk).erase_personal_data(user=user, reason=reason)
        self.refresh_from_db()

    def confirm(self, user=None, how=""):
        """Confirmed from their own address, or (`user`, `how`) by staff who heard from the person
        themselves, for sign-ups by post or phone: from now on they can be matched and invited."""
        if self.confirmed_at is None:
            self.confirmed_at = self.last_activity_at = timezone.now()
            Member.objects.filter(pk=self.pk).update(
                confirmed_at=self.confirmed_at, last_activity_at=self.confirmed_at
            )
            if user is None:
                log(self, "involvement.confirm")
            else:
                log(self, "involvement.confirm_by_staff", user=user, data={"how": how})
        return self

    def pause(self):
        """Nothing is sent to them until they resume; they stay on the register."""
        self.paused_at = timezone.now()
        Member.objects.filter(pk=self.pk).update(paused_at=self.paused_at, last_activity_at=self.paused_at)
        log(self, "involvement.pause")

    def resume(self):
        self.paused_at = None
        Member.objects.filter(pk=self.pk).update(paused_at=None, last_activity_at=timezone.now())
        log(self, "involvement.resume")

    def touch(self, when=None):
        """Record activity (a sign-up, an update or an invitation), which resets retention."""
        self.last_activity_at = when or timezone.now()
        Member.objects.filter(pk=self.pk).update(last_activity_at=self.last_activity_at)

    @property
    def contact_summary(self):
        """How to reach them by their preferred method, for the admin listing."""
        return {
            ContactMethod.EMAIL: self.email,
            ContactMethod.PHONE: self.phone,
            ContactMethod.POST: ", ".join(filter(None, [self.address.replace("\n", ", "), self.postcode])),
        }.get(self.preferred_contact, "")
