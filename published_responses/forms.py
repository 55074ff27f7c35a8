"""The moderation queue's forms: a decision, and a redaction with its reason."""

from django import forms

from published_responses.models import Decision

REASON_HELP = "Why: it is kept in the audit log (the text you redact is not)."


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[(Decision.PUBLISHED, "Publish"), (Decision.DECLINED, "Decline")])


class RedactionForm(forms.Form):
    question = forms.ChoiceField(label="Answer")
    phrase = forms.CharField(
        label="Text to redact",
        max_length=2000,
        strip=False,
        help_text="Copy the words exactly as they are shown. Every place they appear becomes [redacted].",
        error_messages={"required": "Enter the text to redact"},
    )
    reason = forms.CharField(
        label="Reason",
        max_length=500,
        help_text=REASON_HELP,
        error_messages={"required": "Enter the reason for the redaction"},
    )

    def __init__(self, *args, texts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["question"].choices = [(item["key"], item["label"]) for item in texts]
