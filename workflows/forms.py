"""Forms for sign-off: the decision form in the approver's dialog, and the guarded page form."""

from django import forms
from wagtail.admin.forms import WagtailAdminPageForm

from workflows.plan import plan_problems
from workflows.roles import INTERNAL_COLLECTION


def is_private(document):
    """Whether a view restriction on the document's collection (or above it) keeps it from the public."""
    from wagtail.models import CollectionViewRestriction

    return CollectionViewRestriction.objects.filter(
        collection__in=document.collection.get_ancestors(inclusive=True)
    ).exists()


SUBMIT_ACTIONS = ("action-submit", "action-restart-workflow")


class SignOffDecisionForm(forms.Form):
    """The approver's comment, required for every approval and every request for changes."""

    comment = forms.CharField(
        label="Comment",
        required=True,
        max_length=5000,
        widget=forms.Textarea({"rows": 4}),
        help_text="Required. Explain the decision; it is kept as evidence and sent to the editor.",
        error_messages={"required": "Every sign-off decision needs a comment explaining it."},
    )


class OpportunityPageForm(WagtailAdminPageForm):
    """The opportunity editor form: refuses submission for sign-off while a guard is unmet.

    The guards run only when the editor submits (or resubmits); saving a draft always works,
    and a refused submission re-displays everything that was typed, with the reasons.
    """

    def clean(self):
        cleaned_data = super().clean()
        document = cleaned_data.get("eia_document")
        if document is not None and not is_private(document):
            self.add_error(
                "eia_document",
                f"This document is public. Move it to the '{INTERNAL_COLLECTION}' collection first, "
                "so only staff can open it.",
            )
        if self.is_bound and any(self.data.get(action) for action in SUBMIT_ACTIONS):
            problems = plan_problems(self._value, self._stakeholder_count())
            for field, message in problems:
                if field in self.fields and field not in self.errors:
                    self.add_error(field, message)
                elif field is None or field not in self.fields:
                    self.add_error(None, message)
            if problems and not self.non_field_errors():
                self.add_error(None, "This plan cannot be submitted for sign-off yet.")
        return cleaned_data

    def _value(self, name):
        if name in self.fields:
            return self.cleaned_data.get(name)
        return getattr(self.instance, name, None)

    def _stakeholder_count(self):
        formset = self.formsets.get("stakeholders")
        if formset is None:
            return len(self.instance.stakeholders.all())
        formset.is_valid()
        return sum(
            1
            for form in formset.forms
            if getattr(form, "cleaned_data", None)
            and form.cleaned_data.get("group")
            and not form.cleaned_data.get("DELETE")
        )
