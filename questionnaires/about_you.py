"""The optional About you section: the register's equality questions, and consent to keep them.

The questions, their choices and "Prefer not to say" come from involvement/personal_fields.py, so
the register and every questionnaire ask the same things and a report can count them together.
Consent is recorded as the register records it: the privacy notice's title and revision.
"""

from django import forms

from involvement.models import RegisterPage
from involvement.personal_fields import EQUALITY_QUESTIONS, PREFER_NOT
from pages.forms import HoneypotForm

WHY = {
    "age_band": "We ask so we can see whether we are hearing from people of every age.",
    "gender": "We ask to check we hear from women, men and people who describe themselves another way.",
    "ethnicity": "We ask to check we hear from every community we serve.",
    "disability": "We ask so we can see whether disabled people find our services work for them.",
    "sexual_orientation": "We ask so we can see whether we hear from lesbian, gay and bisexual people.",
    "religion": "We ask to check our services meet the needs of people of every religion or belief.",
    "carer": "We ask because carers often see services differently from the people they care for.",
}


class AboutYouForm(HoneypotForm):
    consent = forms.BooleanField(
        label="I agree to you keeping my answers about me, to check you hear from everyone, "
        "as described in the privacy notice",
        required=False,
    )
    legends = {"consent": "Your consent"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        consent = self.fields.pop("consent")
        for name, question, choices in EQUALITY_QUESTIONS:
            self.fields[name] = forms.ChoiceField(
                label=question,
                help_text=f"Optional. {WHY.get(name, '')}".strip(),
                choices=choices,
                required=False,
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": "Select an answer from the list"},
            )
        self.fields["consent"] = consent

    def clean(self):
        cleaned = super().clean()
        given = {
            name for name, _q, _c in EQUALITY_QUESTIONS if cleaned.get(name) not in (None, "", PREFER_NOT[0])
        }
        if given and not cleaned.get("consent"):
            self.add_error(
                "consent",
                "Tick the box to agree to us keeping your answers about you, or choose "
                "'Prefer not to say' for each question",
            )
        return cleaned

    def about_you(self):
        return {
            name: self.cleaned_data[name]
            for name, _q, _c in EQUALITY_QUESTIONS
            if self.cleaned_data.get(name)
        }


def privacy_notice():
    """(the live privacy notice page or None, the consent description recorded with a response)."""
    register = RegisterPage.objects.live().first()
    if register is None:
        return None, ""
    notice = register.live_privacy_notice()
    _revision, description = register.consent_record()
    return notice, description
