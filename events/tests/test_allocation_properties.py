"""Property: whatever sequence of bookings, cancellations and changes happens, a session never has
more confirmed places than it has, and nobody waits while places that fit them are free."""

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events import allocation
from events.models import Booking, BookingStatus

pytestmark = pytest.mark.django_db

steps = st.lists(
    st.one_of(
        st.tuples(st.just("book"), st.integers(min_value=-1, max_value=5)),
        st.tuples(st.just("cancel"), st.integers(min_value=0, max_value=30)),
        st.tuples(st.just("change"), st.integers(min_value=0, max_value=30), st.integers(-1, 5)),
    ),
    max_size=25,
)


def check(session):
    bookings = list(Booking.objects.filter(session=session))
    confirmed = sum(b.places for b in bookings if b.status == BookingStatus.CONFIRMED)
    assert confirmed <= session.places
    free = session.places - confirmed
    assert allocation.places_left(session) == free
    stuck = [b for b in bookings if b.status == BookingStatus.WAITING and b.places <= free]
    assert not stuck, f"{stuck} wait while {free} places are free"
    if not session.waiting_list:
        assert not [b for b in bookings if b.status == BookingStatus.WAITING]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(places=st.integers(min_value=1, max_value=6), waiting_list=st.booleans(), actions=steps)
def test_random_bookings_never_oversell_nor_strand_anyone(session, places, waiting_list, actions):
    with transaction.atomic():
        session.places, session.max_per_booking, session.waiting_list = places, 3, waiting_list
        session.save()
        made = []
        for action in actions:
            try:
                if action[0] == "book":
                    made.append(allocation.book(session, name="A", email="a@example.org", places=action[1]))
                elif made and action[0] == "cancel":
                    allocation.cancel(made[action[1] % len(made)])
                elif made:
                    allocation.change(made[action[1] % len(made)], places=action[2])
            except allocation.BookingRefused:
                pass
            check(session)
        transaction.set_rollback(True)
