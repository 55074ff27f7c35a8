"""On PostgreSQL, bookings made at the same moment never oversell a session (row lock on the session)."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from events import allocation
from events.models import Booking, BookingStatus

WORKERS = 25  # simultaneous connections, well under PostgreSQL's default limit of 100
BOOKINGS = 200


def run_at_once(jobs):
    """Run each job in its own thread, all released together; returns their results or errors."""
    barrier = threading.Barrier(min(WORKERS, len(jobs)))
    results = []

    def run(job):
        from django.db import connection as thread_connection

        try:
            if len(results) < WORKERS:  # the first wave starts together
                try:
                    barrier.wait(timeout=10)
                except threading.BrokenBarrierError:
                    pass
            results.append(job())
        except Exception as error:  # noqa: BLE001 - counted by the test
            results.append(error)
        finally:
            thread_connection.close()

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        list(pool.map(run, jobs))
    return results


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_200_simultaneous_bookings_for_20_places(session):
    if connection.vendor != "postgresql":
        pytest.skip("needs row locks and concurrent writers, which SQLite does not have")
    session.places, session.max_per_booking = 20, 1
    session.save()

    def booking(n):
        return lambda: allocation.book(session, name=f"Person {n}", email=f"p{n}@example.org", places=1)

    results = run_at_once([booking(n) for n in range(BOOKINGS)])

    assert not [r for r in results if isinstance(r, Exception)]
    statuses = list(Booking.objects.values_list("status", flat=True))
    assert statuses.count(BookingStatus.CONFIRMED) == 20
    assert statuses.count(BookingStatus.WAITING) == 180
    assert allocation.places_left(session) == 0

    confirmed = list(Booking.objects.filter(status=BookingStatus.CONFIRMED)[:2])
    waiting = Booking.objects.filter(status=BookingStatus.WAITING).order_by("created_at", "pk")
    next_in_line = {b.pk for b in waiting[:2]}
    results = run_at_once([lambda b=b: allocation.cancel(b) for b in confirmed])

    assert sorted(len(promoted) for promoted in results) == [1, 1]
    promoted = set(Booking.objects.filter(promoted_at__isnull=False).values_list("pk", flat=True))
    assert promoted == next_in_line
    counts = allocation.counts(session)
    assert (counts.confirmed_places, counts.waiting_bookings) == (20, 178)
