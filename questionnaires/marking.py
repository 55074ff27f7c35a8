"""Setting a response's status (received, late-accepted, duplicate or withdrawn): the one way to do it.

Used by the Responses view's "Mark" form and by the analysis's decision on a cluster of duplicate
answers. The row is locked while it changes, so two people marking at once leave one entry each in
the audit log and the last status; a status that does not change writes nothing.
"""

from django.db import transaction
from wagtail.log_actions import log

from questionnaires.models import Response


def label(response):
    """How the audit log names a response: by its reference, which says nothing about the person."""
    return f"Response {response.reference}"


def set_status(pk, status, *, user, reason=""):
    """Give the response `pk` the status; returns (response, previous status). Logged when it changes."""
    with transaction.atomic():
        response = Response.objects.select_for_update().get(pk=pk)
        previous = response.status
        if status != previous:
            response.status = status
            response.save(update_fields=["status"])  # a save, so the page's cached count goes stale
            data = {"from": previous, "to": status}
            if reason:
                data["reason"] = reason
            log(response, "questionnaires.mark", user=user, title=label(response), data=data)
    return response, previous
