"""The public sign-up and feedback forms, rendered in NHS.UK markup (pages/forms.py)."""

import re

from django import forms

from core.form_fields import BoundedModelChoiceField, BoundedModelMultipleChoiceField
from involvement.models.feedback import Feedback, FeedbackKind
from involvement.models.members import ContactMethod, Member, ParticipationMethod
from involvement.personal_fields import (
    EQUALITY_FIELDS,
    EQUALITY_QUESTIONS,
    FEEDBACK_CONTACT_FIELDS,
    SIGN_UP_FIELDS,
)
from pages.forms import HoneypotForm
from pages.models import Audience, Topic

PHONE_CHARACTERS = re.compile(r"^[0-9 +()\-]+$")
# Loose on purpose: it catches typing mistakes, not every impossible postcode.
POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][0-9A-Z]?\s?[0-9][A-Z]{2}$")

PHONE_ERROR = "Enter a phone number, like 01632 960 001 or 07700 900 982"
EMAIL_ERROR = "Enter an email address in the correct format, like name@example.com"


class TelInput(forms.TextInput):
    """A text box for phone numbers: the phone keypad on mobiles."""

    input_type = "tel"


def text(label, max_length, *, required=False, required_message="", textarea=False, name="", **attrs):
    """A stripped text field whose length and 'required' errors name the field (or `name`) in plain words."""
    messages = {"max_length": f"{name or label} must be {max_length} characters or fewer"}
    if required_message:
        messages["required"] = required_message
    widget = forms.Textarea(attrs={"rows": 5, **attrs}) if textarea else forms.TextInput(attrs=attrs)
    return forms.CharField(
        label=label, max_length=max_length, required=required, error_messages=messages, widget=widget
    )


def email_field(label="Email address", required=False):
    return forms.EmailField(
        label=label,
        max_length=254,
        required=required,
        error_messages={
            "invalid": EMAIL_ERROR,
            "max_length": "Email address must be 254 characters or fewer",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )


def phone_field(label="Phone number"):
    return forms.CharField(
        label=label,
        max_length=30,
        required=False,
        error_messages={"max_length": "Phone number must be 30 characters or fewer"},
        widget=TelInput(attrs={"autocomplete": "tel", "class": "nhsuk-input--width-20"}),
    )


def optional_choices(label, queryset, help_text):
    """Checkboxes for any of the rows of `queryset`, or none; anything not listed is refused."""
    return BoundedModelMultipleChoiceField(
        label=label,
        queryset=queryset,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=help_text,
        error_messages={
            "invalid_choice": "Select from the list",
            "invalid_pk_value": "Select from the list",
        },
    )


def clean_phone_value(value):
    if not value:
        return ""
    digits = re.sub(r"\D", "", value)
    if not PHONE_CHARACTERS.match(value) or not 10 <= len(digits) <= 15:
        raise forms.ValidationError(PHONE_ERROR)
    return value


class RegisterForm(HoneypotForm):
    """The involvement register sign-up on RegisterPage (/get-involved/join/)."""

    name = text(
        "Full name",
        150,
        required=True,
        required_message="Enter your full name",
        autocomplete="name",
        spellcheck="false",
    )
    email = email_field()
    phone = phone_field()
    address = text("Postal address", 500, textarea=True, autocomplete="street-address")
    postcode = forms.CharField(
        label="Postcode",
        max_length=10,
        required=False,
        error_messages={"max_length": "Postcode must be 10 characters or fewer"},
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "class": "nhsuk-input--width-10"}),
    )
    preferred_contact = forms.ChoiceField(
        label="How would you prefer us to contact you?",
        choices=ContactMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how you would prefer us to contact you"},
    )
    topics = BoundedModelMultipleChoiceField(
        label="Which topics are you interested in?",
        queryset=Topic.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply.",
        error_messages={
            "required": "Select at least one topic you are interested in",
            "invalid_choice": "Select topics from the list",
            "invalid_pk_value": "Select topics from the list",
        },
    )
    audiences = optional_choices(
        "Do any of these describe you?",
        Audience.objects.all(),
        "Optional. This helps us invite people whose voices we hear less often.",
    )
    methods = optional_choices(
        "How would you like to take part?",
        ParticipationMethod.objects.all(),
        "Select all that apply, or none if you do not mind.",
    )
    access_needs = text("Do you have any access needs?", 1000, textarea=True, name="Access needs")
    consent = forms.BooleanField(
        label="I agree to the organisation keeping my details to invite me to take part, "
        "as described in the privacy notice",
        error_messages={"required": "Tick the box to agree to us keeping your details"},
    )
    privacy_revision = forms.CharField(required=False, max_length=20, widget=forms.HiddenInput)

    field_order = [*SIGN_UP_FIELDS, *EQUALITY_FIELDS, "consent"]
    legends = {"consent": "Your consent"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[
            "access_needs"
        ].help_text = "For example, large print, an interpreter, a hearing loop or step-free access."
        self.fields["address"].help_text = "Only if you would like us to write to you."
        for name, question, choices in EQUALITY_QUESTIONS:
            self.fields[name] = forms.ChoiceField(
                label=question,
                choices=choices,
                required=False,
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": "Select an answer from the list"},
            )
        self.order_fields(self.field_order)
        # Nobody can pick a topic when there are none, so it cannot be required then. The topics
        # are read once, for both that and the checkboxes.
        topics = self.fields["topics"]
        topics.choices = [(topic.pk, topics.label_from_instance(topic)) for topic in topics.queryset]
        topics.required = bool(topics.choices)

    def equality_fields(self):
        return [self[name] for name in EQUALITY_FIELDS]

    def clean_phone(self):
        return clean_phone_value(self.cleaned_data.get("phone"))

    def clean_postcode(self):
        postcode = " ".join(self.cleaned_data.get("postcode", "").upper().split())
        if postcode and not POSTCODE.match(postcode):
            raise forms.ValidationError("Enter a real postcode, like NG18 1AB")
        return postcode

    def clean(self):
        data = super().clean()
        email, phone = data.get("email"), data.get("phone")
        address, postcode = data.get("address"), data.get("postcode")
        failed = set(self.errors)
        if not (email or phone or address or postcode) and not failed & {"email", "phone", "address"}:
            self.add_error(
                "email",
                "Enter at least one way to contact you: an email address, phone number or postal address",
            )
        if address and not postcode and "postcode" not in failed:
            self.add_error("postcode", "Enter the postcode of your address")
        if postcode and not address and "address" not in failed:
            self.add_error("address", "Enter your address as well as your postcode")
        method = data.get("preferred_contact")
        missing = {
            ContactMethod.EMAIL: (
                "email",
                email,
                "Enter your email address, or choose another way to contact you",
            ),
            ContactMethod.PHONE: (
                "phone",
                phone,
                "Enter your phone number, or choose another way to contact you",
            ),
            ContactMethod.POST: (
                "address",
                address,
                "Enter your address, or choose another way to contact you",
            ),
        }.get(method)
        if missing and not missing[1] and missing[0] not in self.errors:
            self.add_error(missing[0], missing[2])
        return data

    def save(self, *, consent_version, consent_revision_id):
        """Add the person to the register, or update their existing entry; returns the member."""
        return Member.objects.sign_up(
            self.cleaned_data, consent_version=consent_version, consent_revision_id=consent_revision_id
        )


class FeedbackForm(HoneypotForm):
    """The 'share your experience' form on FeedbackPage (/share-your-experience/)."""

    kind = forms.ChoiceField(
        label="What would you like to tell us?",
        choices=FeedbackKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select whether this is a compliment, comment, concern or suggestion",
            "invalid_choice": "Select whether this is a compliment, comment, concern or suggestion",
        },
    )
    service = text(
        "Which service is it about?",
        200,
        name="The name of the service",
        required=True,
        required_message="Enter the name of the service, or where you were seen",
    )
    topic = BoundedModelChoiceField(
        label="What kind of service is it? (optional)",
        queryset=Topic.objects.all(),
        required=False,
        empty_label="Choose a service area",
        error_messages={"invalid_choice": "Select a service area from the list"},
    )
    experience = text(
        "Tell us about your experience",
        5000,
        name="Your experience",
        required=True,
        required_message="Tell us about your experience",
        textarea=True,
    )
    consent_to_contact = forms.BooleanField(label="You can contact me about what I have said", required=False)
    name = text("Your name (optional)", 150, name="Your name", autocomplete="name", spellcheck="false")
    email = email_field("Email address (optional)")
    phone = phone_field("Phone number (optional)")

    legends = {"consent_to_contact": "Contact about your feedback"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].help_text = "For example, the name of a GP practice, hospital ward or clinic."
        self.fields["experience"].help_text = (
            "What happened, and what was good or could have been better. Do not include "
            "other people's names or details of anyone's medical condition."
        )
        self.fields[
            "consent_to_contact"
        ].help_text = "We only keep your name, email address and phone number if you tick this box."

    def clean_phone(self):
        return clean_phone_value(self.cleaned_data.get("phone"))

    def clean(self):
        data = super().clean()
        if (
            data.get("consent_to_contact")
            and not data.get("email")
            and not data.get("phone")
            and not {"email", "phone"} & set(self.errors)
        ):
            self.add_error(
                "email",
                "Enter an email address or phone number so we can contact you, "
                "or untick the box if you do not want us to",
            )
        return data

    def save(self):
        """Store the feedback; contact details only when the person agreed to be contacted."""
        data = self.cleaned_data
        consent = bool(data.get("consent_to_contact"))
        return Feedback.objects.create(
            kind=data["kind"],
            service=data["service"],
            topic=data.get("topic"),
            experience=data["experience"],
            consent_to_contact=consent,
            **{field: data.get(field, "") if consent else "" for field in FEEDBACK_CONTACT_FIELDS},
        )
