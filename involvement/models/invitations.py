"""Invitations: a member asked to take part in one opportunity, once, by the channel they chose."""

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from wagtail.log_actions import log

from involvement.models.members import Member


class InvitationChannel(models.TextChoices):
    EMAIL = "email", "Email"
    TEXT = "text", "Text message"
    LETTER = "letter", "Letter"
    PHONE = "phone", "Phone call"


class Invitation(models.Model):
    """A record that a member was invited to an opportunity; made from the register admin.

    Listed in the admin under Involvement > Invitations; counts as activity for the member.
    """

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="invitations")
    opportunity = models.ForeignKey(
        "pages.OpportunityPage", on_delete=models.CASCADE, related_name="invitations"
    )
    invited_at = models.DateTimeField(default=timezone.now, db_index=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    channel = models.CharField(
        "sent by",
        max_length=10,
        choices=InvitationChannel.choices,
        blank=True,
        help_text="Blank when the invitation was made some other way and only recorded here.",
    )
    text = models.TextField(
        "invitation", blank=True, help_text="What staff wrote; the opportunity's details follow it."
    )

    class Meta:
        ordering = ["-invited_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "opportunity"], name="involvement_invitation_once_per_opportunity"
            )
        ]

    def __str__(self):
        return f"Member {self.member_id} invited to {self.opportunity.title}"

    @classmethod
    def record(cls, member, opportunity, user=None, channel="", text=""):
        """Invite `member` to `opportunity` once; returns (invitation, created)."""
        with transaction.atomic():
            invitation, created = cls.objects.get_or_create(
                member=member,
                opportunity=opportunity,
                defaults={"invited_by": user, "channel": channel, "text": text},
            )
            if created:
                member.touch(invitation.invited_at)
                log(member, "involvement.invite", user=user, data={"opportunity": opportunity.pk})
        return invitation, created
