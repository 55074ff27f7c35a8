"""What the register sends a person itself: confirmation links and the manage-your-membership link.

Every message goes through the outbox (messaging.outbox), to the address on the record it is
about: a sign-up's own address, or, for a change to an existing member, the member's address we
already hold (never the one just typed in, which may be someone else's). A member with an email
address gets an email; one with only a phone number a text message; one with neither (post only)
is confirmed by the Engagement team, who write to them.
"""

from urllib.parse import urlencode

from involvement import member_links
from messaging import outbox
from messaging.models import Channel

PURPOSE_CONFIRM = "confirm"
PURPOSE_MANAGE = "manage-link"


def route(member):
    """(channel, address) to reach `member` with a link, or None."""
    if member.email:
        return Channel.EMAIL, member.email
    if member.phone:
        return Channel.SMS, member.phone
    return None


def template_for(name, channel):
    folder = "sms" if channel == Channel.SMS else "messages"
    return f"involvement/{folder}/{name}"


def _send(member, name, context, purpose):
    reach = route(member)
    if reach is None:
        return None
    channel, address = reach
    return outbox.send(
        to=address,
        channel=channel,
        template=template_for(name, channel),
        context=context,
        purpose=purpose,
        subject_ref=f"member:{member.pk}",
    )


def page_link(page, route_name, token, request=None):
    return page.get_full_url(request) + page.reverse_subpage(route_name) + "?" + urlencode({"t": token})


def send_confirmation(page, sign_up, request=None):
    """Email (or text) the link that confirms a new sign-up, or a change to an existing member."""
    member, change = sign_up
    if change is None:
        url = page_link(page, "confirm", member_links.confirm_token(member), request)
        name = "confirm"
    else:
        url = page_link(page, "confirm_change", member_links.change_token(change), request)
        name = "confirm_change"
    context = {"url": url, "days": member_links.CONFIRM_DAYS, "page_title": page.title}
    return _send(member, name, context, PURPOSE_CONFIRM)


def manage_url(page, member, request=None):
    return page_link(page, "manage", member_links.manage_token(member), request)


def send_manage_link(page, member, request=None):
    context = {"url": manage_url(page, member, request), "days": member_links.MANAGE_DAYS}
    return _send(member, "manage_link", context, PURPOSE_MANAGE)


def send_new_address_confirmation(page, change, request=None):
    """Email the link that confirms a member's new email address: to the new address itself."""
    context = {
        "url": page_link(page, "confirm_change", member_links.change_token(change), request),
        "days": member_links.CONFIRM_DAYS,
    }
    return outbox.send(
        to=change.answers["email"],
        template=template_for("confirm_new_address", Channel.EMAIL),
        context=context,
        purpose=PURPOSE_CONFIRM,
        subject_ref=f"member:{change.member_id}",
    )
