"""The register's audience for "here is what happened" (messaging.outcomes): the members who were
invited to the opportunity an outcome answers, if they are still reachable (confirmed, not paused,
not erased) and have an email address."""

from involvement.invitations import one_click_url
from involvement.models import Member
from messaging.outbox import Recipient


def invited_members(outcome_page):

    if not outcome_page.opportunity_id:
        return []
    members = (
        Member.objects.reachable()
        .filter(invitations__opportunity_id=outcome_page.opportunity_id)
        .exclude(email="")
        .order_by("pk")
        .distinct()
    )
    return [
        Recipient(
            to=member.email,
            name=member.name,
            subject_ref=f"member:{member.pk}",
            unsubscribe_url=one_click_url(member),
        )
        for member in members
    ]
