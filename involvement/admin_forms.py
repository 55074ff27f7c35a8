"""The small forms behind the register admin's actions: recording invitations."""

from django import forms
from django.db.models import Q
from django.utils import timezone

from core.fields import BoundedModelChoiceField, BoundedModelMultipleChoiceField
from involvement.models import Member
from pages.models import OpportunityPage


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
        still_open = Q(closes__isnull=True) | Q(closes__gte=timezone.localdate())
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
