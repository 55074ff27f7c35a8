"""django-axes records every sign-in with the address and browser; the README's daily job keeps 90 days."""

from datetime import timedelta

import pytest
from axes.models import AccessLog
from django.utils import timezone


def signed_in(days_ago):
    entry = AccessLog.objects.create(
        username="robin", ip_address="203.0.113.10", user_agent="Firefox", path_info="/admin/login/"
    )
    AccessLog.objects.filter(pk=entry.pk).update(attempt_time=timezone.now() - timedelta(days=days_ago))
    return entry


@pytest.mark.django_db
def test_sign_ins_older_than_ninety_days_are_removed_by_the_daily_job(readme_cron):
    old, recent, today = signed_in(91), signed_in(89), signed_in(0)
    assert readme_cron("axes_reset_logs") == ["axes_reset_logs", "--age", "90"]
    assert set(AccessLog.objects.values_list("pk", flat=True)) == {recent.pk, today.pk}
    assert not AccessLog.objects.filter(pk=old.pk).exists()
