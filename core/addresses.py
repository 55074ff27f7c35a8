"""Who is asking: the client's address behind the site's proxies.

settings.TRUSTED_PROXIES says how many proxies in front of gunicorn each append the address they
received to X-Forwarded-For. With N of them the client's address is the Nth entry from the right:
everything further left was sent by the client and may be made up. With none the header is ignored,
because anyone can send it. The production settings refuse to start unless the number is stated.

The forms' rate limit, the password reset limit and the sign-in lockout all count by this address,
so behind a proxy each counts one visitor, never everyone at once.
"""

import ipaddress

from django.conf import settings


def trusted_proxies():
    return int(settings.TRUSTED_PROXIES or 0)


def _address(value):
    """`value` as a normalised IP address, or "" if it is not one (a port or brackets are dropped)."""
    value = (value or "").strip()
    if value.startswith("[") and "]" in value:  # [2001:db8::1]:443
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # 203.0.113.7:5000
        value = value.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return ""


def client_ip(request):
    """The visitor's address: REMOTE_ADDR, or behind N trusted proxies the Nth from the right of XFF.

    A header with fewer entries than there are proxies did not come through all of them, and an
    entry that is not an address was not written by a proxy: REMOTE_ADDR is used then.
    """
    remote = _address(request.META.get("REMOTE_ADDR", "")) or request.META.get("REMOTE_ADDR", "")
    proxies = trusted_proxies()
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < proxies:
        return remote
    return _address(forwarded[-proxies]) or remote
