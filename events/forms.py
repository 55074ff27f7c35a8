"""The public booking form at <opportunity URL>book/ and the change form behind the emailed link.

The forms check what a person typed; whether there is a place is the place rule's to say
(events/allocation.py), and the view adds its refusal to the form so what was typed is kept.
"""

from django import forms

from events.models import ACCESS_NEEDS
from involvement.forms import clean_phone_value, email_field, phone_field, text
from pages.forms import HoneypotForm, NHSUKForm

NO_CONTACT_MESSAGE = "Enter an email address or a mobile phone number, so we can confirm your booking"
# Nobody books more than this in one go, whatever a session allows: a bound for hostile input.
MOST_PLACES = 50


def places_field(most):
    return forms.IntegerField(
        label="How many places do you need?",
        help_text=f"Include yourself and anyone coming with you, such as a carer. Up to {most}.",
        min_value=1,
        max_value=MOST_PLACES,
        initial=1,
        error_messages={
            "required": "Enter how many places you need",
            "invalid": "Enter how many places you need as a number, like 2",
            "min_value": "Enter how many places you need, 1 or more",
            "max_value": f"You can book up to {most} places at a time",
        },
        widget=forms.NumberInput(attrs={"class": "nhsuk-input--width-2", "inputmode": "numeric"}),
    )


class AccessFields(forms.Form):
    """The access needs, asked on booking and on changing a booking."""

    access_needs = forms.MultipleChoiceField(
        label="Do you need any of these to take part?",
        help_text="Select all that apply. We use this to arrange them in time.",
        choices=ACCESS_NEEDS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Select access needs from the list"},
    )
    access_other = text("Tell us about anything else you need", 500, textarea=True, name="Other access needs")

    def clean(self):
        data = super().clean()
        if data.get("access_other") and "other" not in (data.get("access_needs") or []):
            data["access_needs"] = [*(data.get("access_needs") or []), "other"]
        return data


def session_label(session, full):
    label = f"{session.when}, {session.place}"
    return f"{label}. Fully booked: join the waiting list" if full else label


class BookingForm(AccessFields, HoneypotForm):
    """Book a place: which session, who, how many places, access needs and consent."""

    session = forms.ChoiceField(
        label="Which session would you like to come to?",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the session you would like to come to",
            "invalid_choice": "Select a session from the list",
        },
    )
    name = text("Full name", 150, required=True, required_message="Enter your full name", autocomplete="name")
    email = email_field()
    phone = phone_field("Mobile phone number")
    consent = forms.BooleanField(
        label="I agree to the organisation keeping these details to manage my booking, "
        "as described in the privacy notice",
        error_messages={"required": "Tick the box to agree to us keeping your details for your booking"},
    )
    privacy_revision = forms.CharField(required=False, max_length=20, widget=forms.HiddenInput)

    field_order = ["session", "name", "email", "phone", "places", "access_needs", "access_other", "consent"]
    legends = {"consent": "Your consent"}

    def __init__(self, *args, sessions, full=(), **kwargs):
        """`sessions` are those open for booking; `full` the pks of those with no place left."""
        super().__init__(*args, **kwargs)
        self.sessions = {str(session.pk): session for session in sessions}
        most = max((session.max_per_booking for session in sessions), default=1)
        self.fields["places"] = places_field(most)
        self.fields["email"].help_text = "We will email your confirmation and a calendar file."
        self.fields["phone"].help_text = "If you have no email address, we will text your confirmation."
        choices = [(key, session_label(item, item.pk in full)) for key, item in self.sessions.items()]
        self.fields["session"].choices = choices
        if len(choices) == 1:
            self.fields["session"].widget = forms.HiddenInput()
            self.fields["session"].initial = choices[0][0]
        self.order_fields(self.field_order)

    @property
    def single_session(self):
        return len(self.sessions) == 1

    def clean_phone(self):
        return clean_phone_value(self.cleaned_data.get("phone"))

    def clean(self):
        data = super().clean()
        if not data.get("email") and not data.get("phone") and not {"email", "phone"} & set(self.errors):
            self.add_error("email", NO_CONTACT_MESSAGE)
        return data

    @property
    def chosen_session(self):
        return self.sessions.get(self.cleaned_data.get("session", ""))


class ChangeBookingForm(AccessFields, NHSUKForm):
    """Change how many places a booking holds and its access needs (behind the emailed link)."""

    field_order = ["places", "access_needs", "access_other"]

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["places"] = places_field(session.max_per_booking)
        self.order_fields(self.field_order)
