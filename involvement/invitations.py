"""Invitations that are really sent: who an opportunity's invitation reaches, by which channel, and
who is left out and why; then sending it, once per member per opportunity.

Each member is reached the way they chose: email and text messages through the outbox
(messaging.outbox), letters through the outbox when GOV.UK Notify is configured (NOTIFY_API_KEY)
or else on the opportunity's letter list for staff to print or mail-merge, and phone calls on its
call list. Nobody is asked too often: a member already invited INVOLVEMENT_INVITATIONS_PER_QUARTER
times this calendar quarter is left out, and staff are told. Only reachable members (confirmed,
not paused, not erased: MemberQuerySet.matching) are ever planned.

Sending twice (a double click, two tabs) invites each member once: the plan leaves out members
already invited, the Invitation (member, opportunity) pair is unique, and every message carries
the dedupe key "invitation:<opportunity>:<member>", which the outbox sends once.
"""

import datetime
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log

from involvement import member_links, notices
from involvement.models import ContactMethod, Invitation, InvitationChannel, Member, RegisterPage
from messaging import outbox
from messaging.models import Channel

PURPOSE = "invitation"

# The channel each preferred contact method is sent by, and the detail it needs.
CHANNELS = {
    ContactMethod.EMAIL: (InvitationChannel.EMAIL, "email"),
    ContactMethod.TEXT: (InvitationChannel.TEXT, "phone"),
    ContactMethod.POST: (InvitationChannel.LETTER, "address"),
    ContactMethod.PHONE: (InvitationChannel.PHONE, "phone"),
}
MISSING = {
    "email": "no email address",
    "phone": "no phone number",
    "address": "no postal address",
}


def limit():
    return settings.INVOLVEMENT_INVITATIONS_PER_QUARTER


def quarter_start(moment=None):
    """The first moment of the calendar quarter (in local time) that `moment` is in."""
    local = timezone.localtime(moment or timezone.now())
    month = 3 * ((local.month - 1) // 3) + 1
    return local.replace(month=month, day=1, hour=0, minute=0, second=0, microsecond=0)


def dedupe_key(opportunity, member):
    return f"invitation:{opportunity.pk}:{member.pk}"


@dataclass
class Plan:
    """Who an invitation would reach, by channel, and who it leaves out (member, reason)."""

    by_channel: dict = field(default_factory=lambda: {channel: [] for channel in InvitationChannel.values})
    left_out: list = field(default_factory=list)

    @property
    def total(self):
        return sum(len(members) for members in self.by_channel.values())

    def counts(self):
        return [
            (InvitationChannel(channel).label, len(members)) for channel, members in self.by_channel.items()
        ]


def plan(opportunity, topic_ids, audience_ids):
    """The plan for the members matching these topics and audiences not yet invited to `opportunity`."""
    members = list(
        Member.objects.matching(topic_ids, audience_ids)
        .exclude(invitations__opportunity=opportunity)
        .order_by("name", "pk")
    )
    counts = dict(
        Invitation.objects.filter(member__in=[m.pk for m in members], invited_at__gte=quarter_start())
        .values("member")
        .annotate(count=Count("pk"))
        .values_list("member", "count")
    )
    result, most = Plan(), limit()
    for member in members:
        asked = counts.get(member.pk, 0)
        channel, needs = CHANNELS.get(member.preferred_contact, (None, None))
        if asked >= most:
            result.left_out.append(
                (member, f"already invited {asked} times this quarter (the limit is {most})")
            )
        elif channel is None:
            result.left_out.append((member, "has not said how to contact them"))
        elif not getattr(member, needs):
            result.left_out.append(
                (member, f"chose {member.get_preferred_contact_display().lower()} but gave {MISSING[needs]}")
            )
        else:
            result.by_channel[channel].append(member)
    return result


def opportunity_context(opportunity, text):
    return {
        "text": text,
        "opportunity": opportunity,
        "opportunity_url": opportunity.get_full_url(),
        "summary": getattr(opportunity, "summary", ""),
        "opens": getattr(opportunity, "opens", None),
        "closes": getattr(opportunity, "closes", None),
    }


def _recipient(member, channel, opportunity, register_page):
    to = {
        Channel.EMAIL: member.email,
        Channel.SMS: member.phone,
        Channel.LETTER: "\n".join(filter(None, [member.address, member.postcode])),
    }[channel]
    manage = notices.manage_url(register_page, member) if register_page else ""
    return outbox.Recipient(
        to=to,
        name=member.name,
        context={"manage_url": manage},
        dedupe_key=dedupe_key(opportunity, member),
        subject_ref=f"member:{member.pk}",
        # Bulk mail: one click pauses the membership (involvement/urls.py), no sign-in needed.
        unsubscribe_url=one_click_url(member) if channel == Channel.EMAIL else None,
        channel=channel,
    )


def one_click_url(member):
    path = reverse("involvement_one_click_pause") + "?" + urlencode({"t": member_links.pause_token(member)})
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def send(opportunity, text, topic_ids, audience_ids, user=None):
    """Record and send the invitation to everyone the plan reaches; returns the plan it sent."""
    register_page = RegisterPage.objects.live().first()
    with transaction.atomic():
        # One send at a time per opportunity: a second waits here, then finds everyone invited.
        type(opportunity).objects.select_for_update().filter(pk=opportunity.pk).first()
        sent = plan(opportunity, topic_ids, audience_ids)
        now = timezone.now()
        invitations = [
            Invitation(
                member=member,
                opportunity=opportunity,
                invited_by=user,
                channel=channel,
                text=text,
                invited_at=now,
            )
            for channel, members in sent.by_channel.items()
            for member in members
        ]
        Invitation.objects.bulk_create(invitations, ignore_conflicts=True)
        invited = [invitation.member for invitation in invitations]
        Member.objects.filter(pk__in=[m.pk for m in invited]).update(last_activity_at=now)
        context = opportunity_context(opportunity, text)
        by_outbox = {
            Channel.EMAIL: sent.by_channel[InvitationChannel.EMAIL],
            Channel.SMS: sent.by_channel[InvitationChannel.TEXT],
        }
        if settings.NOTIFY_API_KEY and settings.NOTIFY_LETTER_TEMPLATE_ID:
            by_outbox[Channel.LETTER] = sent.by_channel[InvitationChannel.LETTER]
        for channel, members in by_outbox.items():
            folder = "sms" if channel == Channel.SMS else "messages"
            outbox.send_many(
                [_recipient(member, channel, opportunity, register_page) for member in members],
                template=f"involvement/{folder}/invitation",
                context=context,
                purpose=PURPOSE,
            )
        for member in invited:
            log(member, "involvement.invite", user=user, data={"opportunity": opportunity.pk})
    return sent


def letters_sent_by_notify():
    return bool(settings.NOTIFY_API_KEY and settings.NOTIFY_LETTER_TEMPLATE_ID)


def still_to_do(opportunity, channel):
    """The invitations staff still send by hand: letters (without Notify) and phone calls."""
    return (
        Invitation.objects.filter(opportunity=opportunity, channel=channel, member__erased_at__isnull=True)
        .select_related("member")
        .order_by("member__name", "member__pk")
    )


def due_date(day):
    return day.strftime("%-d %B %Y") if isinstance(day, datetime.date) else ""
