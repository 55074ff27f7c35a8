"""The retention command erases exactly the members with no activity for the set number of years."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from involvement.models import Member, years_before
from involvement.tests.factories import MemberFactory


def member_inactive_for(delta, name):
    when = years_before(timezone.now(), 3) + delta
    return MemberFactory(name=name, joined_at=when, last_activity_at=when)


def run(*args):
    out = StringIO()
    call_command("remove_inactive_members", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_removes_exactly_the_members_inactive_for_three_years():
    kept = member_inactive_for(datetime.timedelta(days=1), "Three Years Less A Day")
    gone = member_inactive_for(-datetime.timedelta(days=1), "Three Years And A Day")
    recent = MemberFactory(name="Joined Last Week")

    output = run()

    assert "Removed 1 member(s)" in output
    assert list(Member.objects.filter(erased_at__isnull=False)) == [gone]
    gone.refresh_from_db()
    assert gone.name == "" and gone.email == ""
    kept.refresh_from_db()
    recent.refresh_from_db()
    assert kept.name == "Three Years Less A Day" and kept.erased_at is None
    assert recent.erased_at is None
    # Running again finds nobody new: an erased member is not removed twice.
    assert "Removed 0 member(s)" in run()


@pytest.mark.django_db
def test_dry_run_changes_nothing():
    member_inactive_for(-datetime.timedelta(days=1), "Inactive Person")
    output = run("--dry-run")
    assert "1 member(s)" in output and "dry run" in output
    assert Member.objects.active().count() == 1


@pytest.mark.django_db
def test_years_from_the_option_or_the_setting():
    a_year_and_a_bit = years_before(timezone.now(), 1) - datetime.timedelta(days=1)
    MemberFactory(name="Quiet For A Year", last_activity_at=a_year_and_a_bit)
    assert "Removed 0 member(s)" in run()
    with override_settings(INVOLVEMENT_RETENTION_YEARS=2):
        assert "Removed 0 member(s)" in run()
    with override_settings(INVOLVEMENT_RETENTION_YEARS=1):
        assert "1 member(s) with no activity" in run("--dry-run")
    assert "Removed 1 member(s)" in run("--years", "1")


@pytest.mark.django_db
def test_an_invitation_counts_as_activity(opportunity_index):
    from involvement.models import Invitation
    from pages.tests.factories import OpportunityPageFactory

    member = member_inactive_for(-datetime.timedelta(days=1), "Invited Recently")
    Invitation.record(member, OpportunityPageFactory(parent=opportunity_index))
    assert "Removed 0 member(s)" in run()


def test_years_before_handles_leap_days():
    moment = datetime.datetime(2024, 2, 29, 12, 0, tzinfo=datetime.UTC)
    assert years_before(moment, 3) == datetime.datetime(2021, 2, 28, 12, 0, tzinfo=datetime.UTC)
