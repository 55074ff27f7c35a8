"""Telling people apart: who a register member or a feedback sender is, from what they gave us.

One rule, used to merge a second sign-up into the first (the register's dedupe key) and to write
an erasure down in the erasure ledger: the email address, ignoring case, when there is one;
otherwise the name with the phone number, or failing that with the postcode.
"""

import hashlib
import re


def normalise_name(name):
    return " ".join(re.sub(r"[^\w\s'-]", " ", name or "").casefold().split())


def normalise_phone(phone):
    digits = re.sub(r"\D", "", phone or "")
    if digits.startswith("44") and len(digits) > 10:
        digits = "0" + digits[2:]
    return digits


def normalise_postcode(postcode):
    return re.sub(r"\s", "", postcode or "").upper()


def identity(name="", email="", phone="", postcode=""):
    """Who a person is, as the register tells people apart; "" if there is too little to tell.

    The email address, ignoring case, when there is one; otherwise the name with the phone
    number, or failing that with the postcode.
    """
    email = (email or "").strip().casefold()
    if email:
        return f"email:{email}"
    if normalise_name(name) and normalise_phone(phone):
        return f"name+phone:{normalise_name(name)}|{normalise_phone(phone)}"
    if normalise_name(name) and normalise_postcode(postcode):
        return f"name+postcode:{normalise_name(name)}|{normalise_postcode(postcode)}"
    return ""


def dedupe_key(name="", email="", phone="", postcode=""):
    """The key that makes a second sign-up by the same person update the first: their identity,
    hashed, so the key itself reveals nothing."""
    raw = identity(name, email, phone, postcode)
    return hashlib.sha256(raw.encode()).hexdigest() if raw else ""
