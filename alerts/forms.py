"""The public subscribe form at /alerts/, in NHS.UK markup (pages/forms.py)."""

from django import forms

from alerts.models import Frequency
from core.form_fields import BoundedModelMultipleChoiceField
from pages.forms import HoneypotForm
from pages.models import Audience, Topic
from pages.models.opportunities import OpportunityType

WHAT_CHOICES = [
    ("opportunities", "New opportunities to get involved"),
    ("outcomes", "What changed because people spoke up ('You said, We did')"),
]


def _choices(label, queryset, help_text):
    return BoundedModelMultipleChoiceField(
        label=label,
        queryset=queryset,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=help_text,
        error_messages={"invalid_choice": "Select from the list", "invalid_pk_value": "Select from the list"},
    )


class SubscribeForm(HoneypotForm):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        help_text="We will send you an email to check it is yours. Nothing else is sent until you confirm.",
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
            "max_length": "Email address must be 254 characters or fewer",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    what = forms.MultipleChoiceField(
        label="What would you like to hear about?",
        choices=WHAT_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply.",
        error_messages={
            "required": "Select what you would like to hear about",
            "invalid_choice": "Select from the list",
        },
    )
    topics = _choices(
        "Which topics?", Topic.objects.all(), "Select all that apply, or none to hear about every topic."
    )
    audiences = _choices(
        "Is it for any of these groups?",
        Audience.objects.all(),
        "Only for new opportunities. Select none to hear about opportunities for everyone and every group.",
    )
    opportunity_types = forms.MultipleChoiceField(
        label="Which kinds of opportunity?",
        choices=OpportunityType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply, or none to hear about every kind.",
        error_messages={"invalid_choice": "Select from the list"},
    )
    frequency = forms.ChoiceField(
        label="How often would you like to hear from us?",
        choices=Frequency.choices,
        initial=Frequency.WEEKLY,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select how often you would like to hear from us",
            "invalid_choice": "Select how often you would like to hear from us",
        },
    )

    def clean_email(self):
        return self.cleaned_data["email"].strip()

    def choices(self):
        """What the subscription will be, as plain data that can travel inside a signed link."""
        data = self.cleaned_data
        return {
            "opportunities": "opportunities" in data["what"],
            "outcomes": "outcomes" in data["what"],
            "topics": sorted(topic.pk for topic in data["topics"]),
            "audiences": sorted(audience.pk for audience in data["audiences"]),
            "opportunity_types": sorted(data["opportunity_types"]),
            "frequency": data["frequency"],
        }
