"""Bookings for an event's sessions (pages.EventSession): who, how many places, what access they need.

Bookings are personal data: the name, email, phone and access needs are erased or redacted by
the personal-data machinery and the retention job (events/personal_data.py, events/retention.py),
which keep the row, its status and its places so the counts stay true. The place rule (who is
confirmed, who waits, who is promoted) lives in events/allocation.py and nowhere else.
"""

import secrets

from django.db import models
from django.utils import timezone

from core.model_fields import ChoiceListField

ACCESS_NEEDS = [
    ("bsl", "British Sign Language (BSL) interpreter"),
    ("hearing_loop", "Hearing loop"),
    ("step_free", "Step-free access"),
    ("large_print", "Large print"),
    ("quiet_space", "A quiet space"),
    ("other", "Something else"),
]

# No 0/O, 1/I/L: a reference read out over the phone is not misheard.
REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
REFERENCE_LENGTH = 8


def new_reference():
    """A fresh booking reference such as 'K7QH-3MPA', unused so far."""
    while True:
        code = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))
        reference = f"{code[:4]}-{code[4:]}"
        if not Booking.objects.filter(reference=reference).exists():
            return reference


class BookingStatus(models.TextChoices):
    CONFIRMED = "confirmed", "Confirmed"
    WAITING = "waiting", "On the waiting list"
    CANCELLED = "cancelled", "Cancelled"


class Booking(models.Model):
    """One person's booking of one session, for one or more places; shown to staff only."""

    session = models.ForeignKey("pages.EventSession", on_delete=models.PROTECT, related_name="bookings")
    reference = models.CharField(max_length=12, unique=True, default=new_reference, editable=False)
    name = models.CharField(max_length=200)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    places = models.PositiveSmallIntegerField(default=1)
    status = models.CharField(max_length=10, choices=BookingStatus.choices, default=BookingStatus.CONFIRMED)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    promoted_at = models.DateTimeField(null=True, blank=True)
    changed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    access_needs = ChoiceListField(item_choices=ACCESS_NEEDS)
    access_other = models.TextField("other access needs", blank=True)
    consent_version = models.CharField(
        max_length=255, blank=True, help_text="The privacy notice (title, revision and date) they agreed to."
    )
    attended = models.BooleanField(null=True, blank=True)
    attended_places = models.PositiveSmallIntegerField(null=True, blank=True)
    erased_at = models.DateTimeField(null=True, blank=True)
    redacted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["session", "status", "created_at"])]

    def __str__(self):
        return f"{self.reference} ({self.get_status_display()})"

    def cached_page(self):
        """The page whose "places left" this booking changes (public_site/cache_signals.py)."""
        return self.session.page

    @property
    def is_active(self):
        return self.status != BookingStatus.CANCELLED

    @property
    def access_need_labels(self):
        return self._meta.get_field("access_needs").labels(self.access_needs)
