"""What happens when the last sign-off stage approves."""

import datetime

from django.utils import timezone


def publish_or_schedule(workflow_state, user=None):
    """Publish the approved revision, or schedule it for the opportunity's opening day.

    The final approver needs no publish permission: approval is the authority. An editor
    may set Wagtail's own go-live date to announce an opportunity before it opens (so the
    public sees it as upcoming); without one, a future opening date is the go-live date.
    """
    revision = workflow_state.content_object.get_latest_revision()
    obj = revision.as_object()
    opens = getattr(obj, "opens", None)
    if opens and not obj.go_live_at and opens > timezone.localdate():
        go_live_at = timezone.make_aware(datetime.datetime.combine(opens, datetime.time.min))
        revision.content["go_live_at"] = go_live_at.isoformat()
        revision.save(update_fields=["content"])
    revision.publish(user=user, skip_permission_checks=True)
