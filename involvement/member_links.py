"""The register's emailed links: confirming a sign-up or a change, and managing a membership.

Each is a signed, single-purpose, expiring token made by messaging.links. Confirmations are
single use and live CONFIRM_DAYS; the manage link lives MANAGE_DAYS and works until the member's
address changes or they leave (its subject carries their dedupe key, so a link sent to an old
address stops working once the address is changed).
"""

from messaging import links

CONFIRM = "involvement-confirm"
CHANGE = "involvement-change"
MANAGE = "involvement-manage"

CONFIRM_DAYS = 7
MANAGE_DAYS = 30
DAY = 24 * 60 * 60

LinkError, LinkInvalid = links.LinkError, links.LinkInvalid
link_problem = links.link_problem


def confirm_token(member):
    return links.make_token(CONFIRM, f"member:{member.pk}", max_age=CONFIRM_DAYS * DAY, single_use=True)


def change_token(change):
    return links.make_token(CHANGE, f"change:{change.pk}", max_age=CONFIRM_DAYS * DAY, single_use=True)


def manage_subject(member):
    return f"member:{member.pk}:{member.dedupe_key[:16]}"


def manage_token(member):
    return links.make_token(MANAGE, manage_subject(member), max_age=MANAGE_DAYS * DAY)


PAUSE = "involvement-pause"
PAUSE_DAYS = 180


def pause_token(member):
    """The one-click 'stop sending me invitations' of a bulk message (RFC 8058): it pauses."""
    return links.make_token(PAUSE, manage_subject(member), max_age=PAUSE_DAYS * DAY)


def read(token, purpose, *, consume=False):
    """The subject of a token, or raises one of LINK_PROBLEMS."""
    subject = links.read_token(token, purpose, consume=consume)
    if not isinstance(subject, str):
        raise LinkInvalid()
    return subject


def pk_from(subject, prefix):
    kind, _, rest = subject.partition(":")
    number = rest.split(":", 1)[0]
    if kind != prefix or not number.isdigit():
        raise LinkInvalid("Not a link of this kind.")
    return int(number)
