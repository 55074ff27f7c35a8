"""Keyed hashes: what the site keeps instead of an address or an email address it must not hold.

A plain SHA-256 of an IPv4 address or an email address can be reversed by hashing every address
or a list of emails; a keyed hash (Django's salted_hmac over SECRET_KEY) cannot without the key.
`purpose` keeps the hashes of each use apart.
"""

from django.conf import settings
from django.utils.crypto import salted_hmac


def keyed_hash(purpose, value, secret=None):
    return salted_hmac(f"engagement-hub.{purpose}", value, secret=secret, algorithm="sha256").hexdigest()


def keyed_hashes(purpose, value):
    """The hash under SECRET_KEY and under each of SECRET_KEY_FALLBACKS, for matching after a key change."""
    secrets = [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
    return {keyed_hash(purpose, value, secret) for secret in secrets}
