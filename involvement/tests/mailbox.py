"""Reading what the register sent: the messages delivered to django.core.mail.outbox in tests."""

import re

from django.core import mail

LINK = re.compile(r"https?://\S+")


def messages_to(address):
    return [message for message in mail.outbox if address in message.to]


def link_to(address, part="/"):
    """The path of the last link emailed to `address` whose URL holds `part`."""
    for message in reversed(messages_to(address)):
        for url in LINK.findall(message.body):
            if part in url:
                return re.sub(r"^https?://[^/]+", "", url)
    raise AssertionError(f"No link with {part!r} was emailed to {address}")


def confirm(client, address, part="/confirm/"):
    """Open the confirmation link emailed to `address` and press its button; returns the response."""
    path = link_to(address, part)
    assert client.get(path).status_code == 200
    return client.post(path)
