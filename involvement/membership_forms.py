"""The forms a member uses without an account: asking for their link, and changing their details."""

from django import forms

from involvement.forms import HoneypotForm, RegisterForm, email_field
from involvement.models.members import Member
from involvement.personal_fields import DETAIL_FIELDS, EQUALITY_FIELDS, INTEREST_FIELDS


class ManageLinkForm(HoneypotForm):
    """'Send me my link': the email address the link goes to, if it is on the register."""

    email = email_field(required=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].error_messages["required"] = "Enter your email address"
        self.fields["email"].help_text = "The address you joined the register with."


class ManageForm(RegisterForm):
    """A member's interests and how to contact them, from their manage link: the sign-up's
    questions and checks, without the consent they already gave or the equality questions."""

    legends = {}

    def __init__(self, *args, member, **kwargs):
        initial = {field: getattr(member, field) for field in DETAIL_FIELDS}
        initial.update(
            {field: list(getattr(member, field).values_list("pk", flat=True)) for field in INTEREST_FIELDS}
        )
        super().__init__(*args, initial=initial, **kwargs)
        for name in ["consent", "privacy_revision", *EQUALITY_FIELDS]:
            del self.fields[name]
        self.member = member

    def save(self):
        """Update the member; False (with the reason on the form) if the new details name
        someone else already on the register."""

        member = self.member
        for field in DETAIL_FIELDS:
            setattr(member, field, self.cleaned_data.get(field, ""))
        if (
            Member.objects.active()
            .filter(dedupe_key=member.compute_dedupe_key())
            .exclude(pk=member.pk)
            .exists()
        ):
            member.refresh_from_db()
            self.add_error(None, forms.ValidationError(CONFLICT_MESSAGE))
            return False
        member.save()
        for field in INTEREST_FIELDS:
            getattr(member, field).set(self.cleaned_data.get(field) or [])
        member.touch()
        return True


CONFLICT_MESSAGE = (
    "We could not save these details: they match another entry on our register. "
    "Contact us and we will sort it out."
)
