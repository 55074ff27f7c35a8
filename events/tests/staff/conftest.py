"""Fixtures for the staff side: an event with a session and bookings, and staff of every kind,
including an organiser of this event and an organiser of another one."""

import datetime

import pytest
from django.contrib.auth.models import Group

from core import roles
from events.tests.factories import BookingFactory, EventSessionFactory
from pages.tests.factories import OpportunityPageFactory

# Words that appear only in what people told us, so a test can look for them anywhere.
NAME = "Zebedee Quillfeatherstone"
EMAIL = "zebedee.q@example.com"
PHONE = "07700 900 456"
ACCESS_TEXT = "Needs a seat near the Xylophonia door"
SECRETS = [NAME, "Quillfeatherstone", EMAIL, "zebedee.q", PHONE, ACCESS_TEXT, "Xylophonia"]


def make_user(django_user_model, username, group=None, superuser=False):
    if superuser:
        return django_user_model.objects.create_superuser(username, f"{username}@example.org", "pw")
    user = django_user_model.objects.create_user(username, f"{username}@example.org", "pw")
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def organise(page, *users):
    page.event_organisers.add(*users)
    page.save()


@pytest.fixture
def staff(django_user_model, event, opportunity_index):
    """{role: user}: the Engagement team, an editor, an approver, this event's organiser (an
    editor), another event's organiser (also an editor) and a superuser."""
    people = {
        "engagement": make_user(django_user_model, "engagement", roles.ENGAGEMENT_TEAM),
        "editor": make_user(django_user_model, "editor", roles.EDITORS),
        "clinical": make_user(django_user_model, "clinical", roles.CLINICAL_LEADS),
        "organiser": make_user(django_user_model, "organiser", roles.EDITORS),
        "other_organiser": make_user(django_user_model, "other-organiser", roles.EDITORS),
        "admin": make_user(django_user_model, "admin", superuser=True),
    }
    organise(event, people["organiser"])
    other = OpportunityPageFactory(parent=opportunity_index, title="Another event", slug="another-event")
    EventSessionFactory(page=other)
    organise(other, people["other_organiser"])
    return people


@pytest.fixture
def booked(session):
    """The session with a confirmed booking holding the secrets, two more, and one on the list."""
    session.places = 5
    session.save()
    secret = BookingFactory(
        session=session,
        name=NAME,
        email=EMAIL,
        phone=PHONE,
        places=2,
        access_needs=["bsl", "step_free", "other"],
        access_other=ACCESS_TEXT,
    )
    BookingFactory(session=session, places=2, access_needs=["bsl"])
    BookingFactory(session=session, places=1, email="", phone="07700 900 111", access_needs=["hearing_loop"])
    BookingFactory(session=session, places=1, status="waiting", access_needs=["bsl", "quiet_space"])
    BookingFactory(session=session, places=2, status="cancelled", access_needs=["bsl"])
    return secret


def in_past(session, days=1):
    """Move the session into the past (it happened `days` ago)."""
    session.starts = session.starts - datetime.timedelta(days=7 + days)
    session.ends = session.starts + datetime.timedelta(hours=2)
    session.save()
    return session
