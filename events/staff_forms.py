"""The staff forms for a session: marking attendance, and a message to everyone booked.

Both take whatever is posted without a server error: a value that is not a choice, a number out
of range or a NUL character is the field's own message.
"""

from django import forms

from events.models import BookingStatus

CAME, DID_NOT_COME, NOT_MARKED = "yes", "no", ""
ATTENDANCE_CHOICES = [(NOT_MARKED, "Not marked"), (CAME, "Came"), (DID_NOT_COME, "Did not come")]
ATTENDED = {CAME: True, DID_NOT_COME: False, NOT_MARKED: None}


class AttendanceForm(forms.Form):
    """One row per booking of the session (confirmed or waiting): came or not, and how many came."""

    def __init__(self, bookings, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.bookings = list(bookings)
        for booking in self.bookings:
            marked = {True: CAME, False: DID_NOT_COME}.get(booking.attended, NOT_MARKED)
            self.fields[f"attended-{booking.pk}"] = forms.ChoiceField(
                label=f"Did {booking.reference} come?",
                choices=ATTENDANCE_CHOICES,
                required=False,
                initial=marked,
                widget=forms.RadioSelect,
            )
            self.fields[f"places-{booking.pk}"] = forms.IntegerField(
                label=f"Places that came for {booking.reference}",
                min_value=0,
                max_value=booking.places,
                required=False,
                initial=booking.attended_places,
                error_messages={
                    "max_value": f"{booking.reference} booked {booking.places}: at most {booking.places} "
                    "can have come",
                    "min_value": "Enter 0 or more",
                    "invalid": "Enter a whole number",
                },
            )

    def rows(self):
        """(booking, its attended field, its places field) for the template, in order."""
        return [(b, self[f"attended-{b.pk}"], self[f"places-{b.pk}"]) for b in self.bookings]

    def clean(self):
        cleaned = super().clean()
        for booking in self.bookings:
            came = cleaned.get(f"attended-{booking.pk}")
            places = cleaned.get(f"places-{booking.pk}")
            if came == DID_NOT_COME and places:
                self.add_error(f"places-{booking.pk}", "Leave empty, or mark the booking as come")
            if came == CAME and places == 0:
                self.add_error(f"places-{booking.pk}", "At least 1 came, or mark it as did not come")
        return cleaned

    def marks(self):
        """{booking pk: (attended, places)} from a valid form (events/attendance.py: mark)."""
        return {
            b.pk: (ATTENDED[self.cleaned_data[f"attended-{b.pk}"]], self.cleaned_data[f"places-{b.pk}"])
            for b in self.bookings
        }


MESSAGE_ID = r"^[0-9a-f]{32}$"


class SessionMessageForm(forms.Form):
    """A message to everyone booked on a session (a change of room, a cancellation)."""

    subject = forms.CharField(
        label="Subject",
        max_length=120,
        help_text="For example 'Change of room' or 'This session is cancelled'. The event's title is "
        "added after it.",
        error_messages={
            "required": "Enter a subject",
            "max_length": "The subject must be 120 characters or fewer",
        },
    )
    text = forms.CharField(
        label="Message",
        max_length=1500,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="What has changed and what people should do. Their name, the session's details, "
        "their booking reference and a link to change or cancel are added to each message. A text "
        "message is sent to people who gave only a phone number, so keep it short.",
        error_messages={
            "required": "Write the message",
            "max_length": "The message must be 1500 characters or fewer",
        },
    )
    include_waiting = forms.BooleanField(
        label="Also send it to the people on the waiting list", required=False
    )
    # Made when the message is first previewed and sent back with it: sending the same form again
    # (a double click, a reload) finds the same message and sends nothing twice.
    message_id = forms.RegexField(regex=MESSAGE_ID, required=False, widget=forms.HiddenInput)

    def statuses(self):
        statuses = [BookingStatus.CONFIRMED]
        if self.cleaned_data.get("include_waiting"):
            statuses.append(BookingStatus.WAITING)
        return statuses
