"""The forms staff fill in beside the questions: how a response arrived, About you, and its status.

The questions themselves come from `questionnaires.forms.whole_questionnaire_form`, the same
questions the public answers online, so a paper response is checked by the same rules.
"""

import datetime

from django import forms
from django.utils import timezone

from involvement.personal_fields import EQUALITY_QUESTIONS
from questionnaires.models import Channel, ResponseStatus

NOON = datetime.time(12, 0)


def staff_channels():
    """Every channel but online: staff enter what arrived by post, email, phone or at an event."""
    return [(value, label) for value, label in Channel.choices if value != Channel.ONLINE]


class EntryDetailsForm(forms.Form):
    """How and when a response arrived, an address for the receipt, and the optional About you."""

    prefix = "entry"

    channel = forms.ChoiceField(choices=staff_channels, label="How it arrived")
    received_on = forms.DateField(
        label="Date received",
        help_text="The date on the postmark, email, call or event. After the closing day it is marked late.",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    received_at = forms.TimeField(
        label="Time received",
        required=False,
        help_text="Optional (24-hour clock, London time). Without one, midday is recorded.",
        widget=forms.TimeInput(attrs={"type": "time"}),
    )
    email = forms.EmailField(
        label="Email address",
        required=False,
        max_length=254,
        help_text="Only if the person gave one for a receipt. It is not exported.",
    )
    privacy_notice = forms.CharField(
        label="Privacy notice the person was given",
        required=False,
        max_length=200,
        help_text=(
            "Recorded with the response, as the online form records the notice people agree to. "
            "Starts with the current online notice; change it to what the person saw, for example "
            "'paper form v2, March 2026' or 'read out on the phone'. Needed if About you is answered."
        ),
    )

    def __init__(self, *args, current_notice="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["privacy_notice"].initial = current_notice
        for field, question, choices in EQUALITY_QUESTIONS:
            self.fields[f"about_you_{field}"] = forms.ChoiceField(
                label=question, required=False, choices=[("", "Not answered"), *choices]
            )

    def clean(self):
        cleaned = super().clean()
        day = cleaned.get("received_on")
        if day is not None:
            when = timezone.make_aware(datetime.datetime.combine(day, cleaned.get("received_at") or NOON))
            if when > timezone.now() + datetime.timedelta(minutes=5):
                self.add_error("received_on", "The date received cannot be in the future.")
            cleaned["submitted_at"] = when
        cleaned["privacy_notice"] = " ".join((cleaned.get("privacy_notice") or "").split())
        if self.about_you() and not cleaned["privacy_notice"]:
            self.add_error(
                "privacy_notice",
                "Say which privacy notice the person was given: About you answers are kept with it.",
            )
        return cleaned

    @property
    def about_you_fields(self):
        return [self[f"about_you_{field}"] for field, _question, _choices in EQUALITY_QUESTIONS]

    @property
    def arrival_fields(self):
        return [
            self["channel"],
            self["received_on"],
            self["received_at"],
            self["email"],
            self["privacy_notice"],
        ]

    def about_you(self):
        """The About you answers given, as {field: value}; empty when none was given."""
        return {
            field: self.cleaned_data[f"about_you_{field}"]
            for field, _question, _choices in EQUALITY_QUESTIONS
            if getattr(self, "cleaned_data", {}).get(f"about_you_{field}")
        }


class MarkForm(forms.Form):
    """Mark a response late-accepted, duplicate or withdrawn (or back to received)."""

    status = forms.ChoiceField(choices=ResponseStatus.choices, label="Status")
