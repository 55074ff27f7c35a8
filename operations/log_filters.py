"""A logging filter that keeps email addresses and phone numbers out of the logs.

Attached to the production log handlers (site/settings/production.py), so it applies to every
record they write, whichever logger it came from: the message, its arguments, and the formatted
traceback of an exception (a database error can quote the value that failed).
"""

import logging
import re

# The local part is the usual letters, digits and . % + ' - (not / ? = &, so a URL keeps its path).
EMAIL = re.compile(r"[\w.%+'-]+(?:@|%40)[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
# A run of digits, spaces, hyphens and brackets that starts like a phone number (0, +, or "(0")
# and is not part of a longer word, number, date or time; counted as a phone number when it
# holds 10 to 15 digits, as the forms accept.
PHONE = re.compile(r"(?<![\w.+/-])(?:\+|\(?0)[\d \t()-]{8,22}\d(?![\w/]|[.:]\d)")

EMAIL_MASK = "[email removed]"
PHONE_MASK = "[phone removed]"


def _phone(match):
    digits = sum(character.isdigit() for character in match.group())
    return PHONE_MASK if 10 <= digits <= 15 else match.group()


def scrub(text):
    """`text` with every email address and phone number replaced by a placeholder."""
    if not text:
        return text
    return PHONE.sub(_phone, EMAIL.sub(EMAIL_MASK, text))


class ScrubPersonalData(logging.Filter):
    """Rewrites each record's message (and traceback) without email addresses or phone numbers."""

    def filter(self, record):
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a badly formed record is logged as it is
            message = str(record.msg)
        record.msg = scrub(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = scrub(record.exc_text)
        if record.stack_info:
            record.stack_info = scrub(record.stack_info)
        return True
