"""The small forms behind the register admin's actions: recording invitations, confirming sign-ups."""

from django import forms
from django.utils import timezone

from core.form_fields import BoundedModelChoiceField, BoundedModelMultipleChoiceField
from involvement.models import Member
from pages.models import OpportunityPage
from pages.status import still_open_q


class InviteForm(forms.Form):
    """Chooses the opportunity to record an invitation to; the register admin's 'Invite' action."""

    opportunity = BoundedModelChoiceField(
        queryset=OpportunityPage.objects.none(),
        label="Opportunity",
        empty_label="Choose an opportunity",
        help_text="Upcoming and open opportunities. Record the invitation once you have sent it.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        still_open = still_open_q(timezone.localdate())
        self.fields["opportunity"].queryset = OpportunityPage.objects.filter(still_open).order_by("title")


class MatchesInviteForm(forms.Form):
    """The members ticked on an opportunity's matching-members list, to record invitations."""

    members = BoundedModelMultipleChoiceField(
        queryset=Member.objects.none(),
        max_choices=10_000,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one member to invite"},
    )

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = queryset


class ConfirmByStaffForm(forms.Form):
    """How a member of staff heard from the person themselves that they want to join."""

    how = forms.ChoiceField(
        label="How did they confirm they want to join?",
        choices=[
            ("", "Choose one"),
            ("phone", "On the phone"),
            ("letter", "By letter or a returned form"),
            ("in_person", "In person"),
        ],
        error_messages={"required": "Choose how they confirmed they want to join"},
    )
