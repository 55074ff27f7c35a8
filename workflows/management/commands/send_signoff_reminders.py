"""Remind approvers of sign-off stages that have waited too long. Run daily from cron.

The reminders go through EMAIL_BACKEND, the outbox (docs/messaging.md), which the worker sends
from; the X-Messaging-Purpose header files them under "signoff" in the staff view.
"""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.core.management.base import BaseCommand
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.timesince import timesince

from workflows.signoff import signoff_task_states


class Command(BaseCommand):
    help = (
        "Email the approvers of every consultation sign-off stage that has waited longer than "
        "--days (default: the SIGNOFF_REMINDER_DAYS setting, 5). One email per approver per stage per run."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=settings.SIGNOFF_REMINDER_DAYS)
        parser.add_argument("--dry-run", action="store_true", help="List what would be sent, send nothing.")

    def handle(self, *args, days, dry_run, **options):
        User = get_user_model()
        now = timezone.now()
        sent = 0
        for state in signoff_task_states(older_than=datetime.timedelta(days=days)):
            page = state.revision.content_object
            if page is None:
                continue
            page = page.specific_deferred
            task = state.task.specific
            recipients = (
                User.objects.filter(is_active=True, groups__in=task.groups.all()).exclude(email="").distinct()
            )
            context = {
                "task": task,
                "page": page,
                "waited": timesince(state.started_at, now),
                "base_url": settings.WAGTAILADMIN_BASE_URL,
            }
            subject = f'Reminder: "{page.get_admin_display_title()}" is waiting for {task.name}'
            for user in recipients:
                self.stdout.write(f"{user.email}: {subject}")
                if not dry_run:
                    body = render_to_string("workflows/notifications/reminder.txt", {**context, "user": user})
                    headers = {"X-Messaging-Purpose": "signoff"}
                    EmailMessage(subject, body, None, [user.email], headers=headers).send()
                sent += 1
        verb = "would be sent" if dry_run else "sent"
        self.stdout.write(self.style.SUCCESS(f"{sent} reminder(s) {verb}."))
