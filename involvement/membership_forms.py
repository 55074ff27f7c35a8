"""The forms a member uses without an account: asking for their link, and changing their details."""

from django import forms

from involvement.forms import HoneypotForm, RegisterForm, email_field
from involvement.models.members import Member
from involvement.models.pending import PendingChange
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
        self.address_change = None
        old_email = member.email
        for field in DETAIL_FIELDS:
            setattr(member, field, self.cleaned_data.get(field, ""))
        new_email = member.email.strip()
        if new_email and new_email.lower() != old_email.strip().lower():
            # A new address is used only once it is confirmed from that address: the link goes
            # there, and until it is opened the member keeps the address we know is theirs.
            member.email = old_email
            self.new_email = new_email
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
        if getattr(self, "new_email", ""):
            self.address_change = PendingChange.objects.create(
                member=member,
                answers={"email": self.new_email},
                consent_version=member.consent_version,
                consent_revision_id=member.consent_revision_id,
                consented_at=member.consented_at,
            )
        return True


CONFLICT_MESSAGE = (
    "We could not save these details: they match another entry on our register. "
    "Contact us and we will sort it out."
)
