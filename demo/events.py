"""Demo bookings: the urgent care consultation's drop-in sessions, one of them full with a waiting
list, some access needs, and a past session with attendance marked.

The sessions are part of the opportunity's page (its "Sessions and booking" tab), so
demo/opportunities.py gives them to the page as its `sessions` rows; `build(home, stdout)` then
adds the bookings, found by reference, so loading twice adds nothing. Every person is fictional.
"""

import datetime

from django.utils import timezone

from demo.datafiles import check_keys, day, read_toml
from events.models import Booking
from pages.models import OpportunityPage

FILE = "events.toml"
SESSION_KEYS = "day start end location online joining_link places max_per_booking".split()
BOOKING_KEYS = "reference session name email phone places access_needs access_other status came".split()
CONSENT = "Privacy notice (demo content)"


def _data():
    return read_toml(FILE)


def _at(today, offset, hhmm):
    hour, minute = map(int, hhmm.split(":"))
    return timezone.make_aware(datetime.datetime.combine(day(today, offset), datetime.time(hour, minute)))


def sessions(today):
    """{opportunity slug: [session rows]} for the opportunities' `sessions` children."""
    data = _data()
    rows = []
    for raw in data["sessions"]:
        check_keys(raw, SESSION_KEYS, f"{FILE}, sessions")
        rows.append(
            {
                "starts": _at(today, raw["day"], raw["start"]),
                "ends": _at(today, raw["day"], raw["end"]),
                "location": raw.get("location", ""),
                "online": raw.get("online", False),
                "joining_link": raw.get("joining_link", ""),
                "places": raw["places"],
                "max_per_booking": raw.get("max_per_booking", 2),
                "booking_closes": None,
                "waiting_list": True,
            }
        )
    return {data["opportunity"]: rows}


def build(home, stdout=None):
    """Add the demo bookings that are missing."""
    data = _data()
    page = OpportunityPage.objects.filter(slug=data["opportunity"]).first()
    if page is None:
        return
    by_order = list(page.sessions.order_by("sort_order", "pk"))
    added = 0
    for raw in data["bookings"]:
        check_keys(raw, BOOKING_KEYS, f"{FILE}, {raw.get('reference')}")
        if Booking.objects.filter(reference=raw["reference"]).exists():
            continue
        came = raw.get("came")
        Booking.objects.create(
            reference=raw["reference"],
            session=by_order[raw["session"]],
            name=raw["name"],
            email=raw.get("email", ""),
            phone=raw.get("phone", ""),
            places=raw["places"],
            status=raw.get("status", "confirmed"),
            access_needs=raw.get("access_needs", []),
            access_other=raw.get("access_other", ""),
            consent_version=CONSENT,
            attended=None if came is None else came > 0,
            attended_places=came,
            cancelled_at=timezone.now() if raw.get("status") == "cancelled" else None,
        )
        added += 1
    if stdout is not None and added:
        stdout.write(f"  created   {added} booking(s) for {page.title}")
