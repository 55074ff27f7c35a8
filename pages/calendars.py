"""iCalendar events made from the site's own records, for the public calendar files and the booking emails.

`public_site/calendars.py` serves the feed and each opportunity's `event.ics` from these; the events
app attaches a session's event to its booking emails. Times are written in UTC, so no calendar
guesses the clock change.
"""

import datetime

from django.utils import timezone
from icalendar import Calendar, Event


def new_calendar(org, name):
    """An empty VCALENDAR named `name`, from the organisation in `org` (OrganisationSettings)."""
    calendar = Calendar()
    calendar.add("prodid", f"-//{org.short_name}//Engagement hub//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    return calendar


def utc(value):
    return value.astimezone(datetime.UTC)


def _place(text):
    return ", ".join(line.strip() for line in (text or "").splitlines() if line.strip())


def opportunity_event(page, request, host):
    """The VEVENT for an opportunity; its UID never changes.

    Events and meetings give their start and end times (in UTC); other opportunities give the
    days they are open, from opening to closing, as all-day dates.
    """
    url = page.get_full_url(request)
    place = _place(page.location)
    description = [page.summary_text, f"More information: {url}"]
    if page.online_link and place:
        description.insert(1, f"Join online: {page.online_link}")

    event = Event()
    event.add("uid", f"opportunity-{page.pk}@{host}")
    event.add("dtstamp", utc(page.last_published_at or timezone.now()))
    if page.event_start:
        event.add("dtstart", utc(page.event_start))
        if page.event_end:
            event.add("dtend", utc(page.event_end))
    else:
        # The days people can take part, as all-day dates; DTEND is the day after closing.
        event.add("dtstart", page.opens)
        event.add("dtend", page.closes + datetime.timedelta(days=1))
        event.add("transp", "TRANSPARENT")  # a survey being open does not make anyone busy
    event.add("summary", page.title)
    event.add("description", "\n\n".join(part for part in description if part))
    if place or page.online_link:
        event.add("location", place or page.online_link)
    event.add("url", url)
    if page.last_published_at:
        event.add("last-modified", utc(page.last_published_at))
    return event


def session_event(session, host, *, url, joining_link="", extra=""):
    """The VEVENT for one session of an event (pages.EventSession); its UID never changes.

    `joining_link` is given only to someone with a confirmed place (the booking emails); `extra` is
    a line added to the description, such as the booking reference.
    """
    page = session.page
    event = Event()
    event.add("uid", f"session-{session.pk}@{host}")
    event.add("dtstamp", utc(timezone.now()))
    event.add("dtstart", utc(session.starts))
    event.add("dtend", utc(session.ends))
    event.add("summary", page.title)
    description = [page.summary_text, extra, f"Join online: {joining_link}" if joining_link else "", url]
    event.add("description", "\n\n".join(part for part in description if part))
    event.add(
        "location",
        joining_link if session.online and joining_link and not session.location else _place(session.place),
    )
    event.add("url", url)
    return event
