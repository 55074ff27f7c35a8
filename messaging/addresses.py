"""One spelling of each address, so "Robin@Example.com " and "robin@example.com" are the same person
to the suppression list, and the keyed hash the list keeps instead of the address."""

import re

from core.hashing import keyed_hash, keyed_hashes

HASH_PURPOSE = "messaging.suppression"


def normalise(address):
    address = " ".join(str(address or "").split())
    if "@" in address:
        return address.casefold()
    if re.fullmatch(r"[+\d\s().-]+", address):
        digits = re.sub(r"\D", "", address)
        # 07700 900123 and +44 7700 900123 are one phone.
        return "44" + digits[1:] if digits.startswith("0") else digits
    return address.casefold()


def address_hash(address):
    return keyed_hash(HASH_PURPOSE, normalise(address))


def address_hashes(address):
    """The hash under the current key and each fallback key, for matching after a key change."""
    return keyed_hashes(HASH_PURPOSE, normalise(address))
