"""The erasure ledger: who was erased and when, kept outside the database so a restore can redo it.

A backup holds the register as it was when it was taken. Restoring it would bring back everyone
erased since, so every erasure also appends a line to the file settings.ERASURE_LEDGER (beside the
backups, never in them): the time and a keyed hash of the person's identity — their email address,
or failing that their name with their phone number or postcode, as the register matches people
(involvement/identity.py) — and nothing else. After `manage.py restore`, the erasures
made since the backup was taken are applied again (involvement.personal_data.reapply_erasures).

The hash is keyed with SECRET_KEY (core.hashing), so the file reveals nobody's address; entries
made before a change of key are still matched while the old key is in SECRET_KEY_FALLBACKS.
"""

import datetime
import json
import os
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from core.hashing import keyed_hash, keyed_hashes

PURPOSE = "erasure-ledger"


class LedgerError(Exception):
    """The ledger could not be written or read; the message says where and why."""


def ledger_path():
    configured = settings.ERASURE_LEDGER
    return Path(configured) if configured else None


def hash_of(identity):
    return keyed_hash(PURPOSE, identity)


def hashes_of(identity):
    """The identity's hash under the current key and every fallback key."""
    return keyed_hashes(PURPOSE, identity)


def record(identities, when=None):
    """Append one line per identity. Raises LedgerError if it cannot, so the erasure is not made."""
    identities = sorted({identity for identity in identities if identity})
    path = ledger_path()
    if not identities or path is None:
        return 0
    moment = (when or timezone.now()).astimezone(datetime.UTC).isoformat()
    lines = "".join(json.dumps({"erased_at": moment, "hash": hash_of(i)}) + "\n" for i in identities)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # One write in append mode per erasure, so lines from several processes never interleave.
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(descriptor, "a", encoding="utf-8") as file:
            file.write(lines)
    except OSError as error:
        raise LedgerError(
            f"Could not write the erasure ledger {path} ({error.strerror}): nothing was erased. "
            "Check ERASURE_LEDGER."
        ) from error
    return len(identities)


def hashes_since(moment):
    """The hashes of every identity erased at or after `moment` (an aware datetime)."""
    path = ledger_path()
    if path is None or not path.exists():
        return set()
    found = set()
    try:
        with open(path, encoding="utf-8") as file:
            for line in file:
                try:
                    entry = json.loads(line)
                    erased_at = datetime.datetime.fromisoformat(entry["erased_at"])
                except (ValueError, KeyError, TypeError):
                    continue  # a line cut short by a crash: the rest still counts
                if erased_at >= moment:
                    found.add(entry["hash"])
    except OSError as error:
        raise LedgerError(f"Could not read the erasure ledger {path} ({error.strerror}).") from error
    return found
