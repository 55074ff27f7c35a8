"""Sending an email from a task, so the request that asked for it does not wait for the mail server.

The message is rendered by the caller and handed over as text: the task needs no database and
runs wherever the "email" task backend runs it (a background thread: core/tasks.py).
"""

import logging

from django.core.mail import EmailMultiAlternatives
from django_tasks import task

logger = logging.getLogger(__name__)


@task(backend="email")
def send_email(subject, body, from_email, to, html=None):
    message = EmailMultiAlternatives(subject, body, from_email, to)
    if html:
        message.attach_alternative(html, "text/html")
    try:
        message.send()
    except Exception:  # logged; the person can ask again
        logger.exception("Could not send the email %r", subject)
