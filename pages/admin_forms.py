"""The opportunity editor form as pages serves it: workflows' guarded form, plus the edit checks
that apps above pages register (pages/extensions.py `register_edit_check`), and the rule that a
session people have booked cannot be removed."""

from django.utils import timezone

from pages.extensions import edit_problems
from workflows.forms import OpportunityPageForm

BOOKED_SESSION_MESSAGE = (
    "The session on {when} has bookings, so it cannot be removed. Tell the people booked (Bookings, "
    "then Message everyone booked), and set its places to 0 to stop new bookings instead."
)


class OpportunityEditForm(OpportunityPageForm):
    def clean(self):
        cleaned_data = super().clean()
        for message in edit_problems(self.instance, cleaned_data):
            self.add_error(None, message)
        return cleaned_data

    def is_valid(self):
        # The sessions' formset is validated after this form's clean, so the check comes here:
        # removing a booked session would otherwise fail on publishing, where bookings protect it.
        valid = super().is_valid()
        sessions = self.formsets.get("sessions")
        if sessions is None or not sessions.is_bound:
            return valid
        for form in sessions.forms:
            if not form.instance.pk or not sessions._should_delete_form(form):
                continue
            if form.instance.bookings.exists():
                when = timezone.localtime(form.instance.starts).strftime("%-d %B %Y at %H:%M")
                self.add_error(None, BOOKED_SESSION_MESSAGE.format(when=when))
                valid = False
        return valid
