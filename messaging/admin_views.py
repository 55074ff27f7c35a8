"""The outbox for staff: what was sent to whom, its status and attempts, for the Engagement team.

Only active superusers and members of the Engagement team group see it (core/roles.py); anyone
else signed in to the admin gets a refusal. Each look is recorded in the audit log: the list as a
whole (how many rows, whether filtered; never the search, which may be an address) and each message
opened. Failed messages can be queued again from a message's page.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from core import roles

from . import tasks
from .models import Channel, Message, Status

PER_PAGE = 50


def in_engagement_team(user):
    if not (user and user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or user.groups.filter(name=roles.ENGAGEMENT_TEAM).exists()


def check(request):
    if not in_engagement_team(request.user):
        raise PermissionDenied


def log_outbox_listed(user, **data):
    return ModelLogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(Message),
        object_id="0",  # the outbox as a whole, not one message
        label="Outbox",
        action="messaging.list",
        user=user,
        timestamp=timezone.now(),
        data=data,
    )


def outbox_index(request):
    check(request)
    rows = Message.objects.all()
    purpose = request.GET.get("purpose", "")[:40]
    status = request.GET.get("status", "")
    query = request.GET.get("q", "").strip()[:254]
    if purpose:
        rows = rows.filter(purpose=purpose)
    if status in Status.values:
        rows = rows.filter(status=status)
    if query:
        rows = rows.filter(to__icontains=query)
    page = Paginator(rows.only(*LIST_FIELDS), PER_PAGE).get_page(request.GET.get("p"))
    filtered = bool(purpose or status in Status.values or query)
    log_outbox_listed(request.user, rows=page.paginator.count, filtered=filtered)
    counts = dict(Message.objects.order_by().values_list("status").annotate(n=Count("pk")))
    context = {
        "page_obj": page,
        "purposes": Message.objects.order_by("purpose").values_list("purpose", flat=True).distinct(),
        "statuses": Status.choices,
        "purpose": purpose,
        "status": status,
        "query": query,
        "status_counts": [(label, counts.get(value, 0)) for value, label in Status.choices],
        "filtered": filtered,
    }
    return TemplateResponse(request, "messaging/admin/index.html", context)


LIST_FIELDS = ["pk", "channel", "to", "subject", "purpose", "status", "attempts", "created_at", "sent_at"]


def message_detail(request, pk):
    check(request)
    message = get_object_or_404(Message, pk=pk)
    log(message, "messaging.view", user=request.user)
    return TemplateResponse(
        request,
        "messaging/admin/detail.html",
        {"message": message, "can_retry": message.status == Status.FAILED, "channels": dict(Channel.choices)},
    )


@require_POST
def retry_message(request, pk):
    check(request)
    message = get_object_or_404(Message, pk=pk)
    queued = Message.objects.filter(pk=pk, status=Status.FAILED).update(
        status=Status.QUEUED, attempts=0, next_attempt_at=timezone.now(), last_error=""
    )
    if queued:
        tasks.enqueue_delivery([pk])
        log(message, "messaging.retry", user=request.user)
        messages.success(request, "The message is queued to be sent again.")
    else:
        messages.warning(request, "Only a failed message can be sent again.")
    return redirect("messaging_outbox_message", pk=pk)
