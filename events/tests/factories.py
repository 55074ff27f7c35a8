"""Sessions and bookings for the events tests (17B's staff tests use them too)."""

import datetime

import factory
from django.utils import timezone

from events.models import Booking
from pages.models import EventSession


def in_days(n, hour=10):
    day = timezone.localdate() + datetime.timedelta(days=n)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


class EventSessionFactory(factory.django.DjangoModelFactory):
    starts = factory.LazyFunction(lambda: in_days(7))
    ends = factory.LazyAttribute(lambda o: o.starts + datetime.timedelta(hours=2))
    location = "Community Room, Central Library, High Street"
    places = 20
    max_per_booking = 2
    waiting_list = True

    class Meta:
        model = EventSession


class BookingFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Person {n}")
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    places = 1
    consent_version = "Privacy notice (revision 1, 1 April 2026)"

    class Meta:
        model = Booking
