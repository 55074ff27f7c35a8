"""The opportunity editor form, guarded: submission checks, the category fixed after submission,
and plan documents kept private."""

from django import forms
from wagtail.admin.forms import WagtailAdminPageForm

from core.roles import INTERNAL_COLLECTION
from workflows.decision_forms import COMMENT_LIMIT
from workflows.documents import is_private
from workflows.plan_rules import plan_problems
from workflows.signoff import category_is_fixed, may_change_category

SUBMIT_ACTIONS = ("action-submit", "action-restart-workflow")


class OpportunityPageForm(WagtailAdminPageForm):
    """The opportunity editor form: refuses submission for sign-off while a guard is unmet, and
    changes of category once the plan has been submitted, except by the Engagement team at its
    review, with a reason.

    The guards run only when the editor submits (or resubmits); saving a draft always works,
    and a refused submission re-displays everything that was typed, with the reasons.
    """

    category_change_reason = forms.CharField(
        label="Reason for changing the category",
        required=False,
        max_length=COMMENT_LIMIT,
        widget=forms.Textarea({"rows": 2}),
        help_text="Only when the Engagement team changes the category of a submitted plan during "
        "their review. The reason goes into the sign-off log.",
    )

    def clean(self):
        cleaned_data = super().clean()
        document = cleaned_data.get("eia_document")
        if document is not None and not is_private(document):
            self.add_error(
                "eia_document",
                f"This document is public. Move it to the '{INTERNAL_COLLECTION}' collection first, "
                "so only staff can open it.",
            )
        self._check_category_change(cleaned_data)
        if self.is_bound and any(self.data.get(action) for action in SUBMIT_ACTIONS):
            problems = plan_problems(self._value, self._stakeholder_count())
            for fields, message in problems:
                on_form = [
                    name
                    for name in (fields if isinstance(fields, tuple) else (fields,))
                    if name in self.fields and name not in self.errors
                ]
                for name in on_form:
                    self.add_error(name, message)
                if not on_form:
                    self.add_error(None, message)
            if problems and not self.non_field_errors():
                self.add_error(None, "This plan cannot be submitted for sign-off yet.")
        return cleaned_data

    def _check_category_change(self, cleaned_data):
        page = self.instance
        old, new = page.category or "", cleaned_data.get("category") or ""
        if "category" not in self.fields or old == new or not category_is_fixed(page):
            return
        if self.for_user is None or not may_change_category(page, self.for_user):
            self.add_error(
                "category",
                "The category was set when this plan was submitted for sign-off. Only the Engagement "
                "team can change it, while the plan waits for their review, giving a reason.",
            )
            return
        reason = (cleaned_data.get("category_change_reason") or "").strip()
        if not reason:
            self.add_error(
                "category_change_reason",
                "Say why the category is changing: the reason is kept in the sign-off log.",
            )
            return
        page.category_change = (old, new, reason)

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
