"""iCalendar files: every event in one subscribable calendar, and one file per opportunity."""

import datetime

from django.db.models import Q
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from icalendar import Calendar, Event
from wagtail.models import Site

from pages.models import OpportunityPage, OrganisationSettings

# Past events stay in the calendar for a year, so subscribers' calendars keep their history.
EVENTS_KEPT_FOR = datetime.timedelta(days=365)


def _calendar(org, name):
    calendar = Calendar()
    calendar.add("prodid", f"-//{org.short_name}//Engagement hub//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    return calendar


def _utc(value):
    return value.astimezone(datetime.UTC)


def opportunity_event(page, request, host):
    """The VEVENT for an opportunity; its UID never changes.

    Events and meetings give their start and end times (in UTC); other opportunities give the
    days they are open, from opening to closing, as all-day dates.
    """
    url = page.get_full_url(request)
    place = ", ".join(line.strip() for line in page.location.splitlines() if line.strip())
    description = [page.summary_text, f"More information: {url}"]
    if page.online_link and place:
        description.insert(1, f"Join online: {page.online_link}")

    event = Event()
    event.add("uid", f"opportunity-{page.pk}@{host}")
    event.add("dtstamp", _utc(page.last_published_at or timezone.now()))
    if page.event_start:
        event.add("dtstart", _utc(page.event_start))
        if page.event_end:
            event.add("dtend", _utc(page.event_end))
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
        event.add("last-modified", _utc(page.last_published_at))
    return event


def _calendar_response(calendar, filename):
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def _site_or_404(request):
    site = Site.find_for_request(request)
    if site is None:
        raise Http404("No site is configured for this address.")
    return site


def events_calendar(request):
    """/feeds/events.ics: upcoming events and those of the past year, soonest first."""
    site = _site_or_404(request)
    org = OrganisationSettings.for_request(request)
    pages = (
        OpportunityPage.objects.live()
        .public()
        .in_site(site)
        .filter(event_start__isnull=False, event_start__gte=timezone.now() - EVENTS_KEPT_FOR)
        .defer_streamfields()
        .order_by("event_start", "pk")
    )
    calendar = _calendar(org, f"{org.short_name} events")
    calendar.add("x-published-ttl", "PT12H")
    for page in pages:
        calendar.add_component(opportunity_event(page, request, site.hostname))
    return _calendar_response(calendar, "events.ics")


def opportunity_calendar(request, page_path):
    """`<opportunity URL>event.ics`: the one event or the open days, to add to a calendar.

    An ongoing opportunity (no event time, no closing date) has nothing to add: 404.
    """
    site = _site_or_404(request)
    if "\x00" in page_path:
        raise Http404("Not a page address.")
    page = (
        OpportunityPage.objects.live()
        .public()
        .filter(url_path=site.root_page.url_path + page_path)
        .filter(Q(event_start__isnull=False) | Q(closes__isnull=False))
        .defer_streamfields()
        .first()
    )
    if page is None:
        raise Http404("No dates to add to a calendar at this address.")
    org = OrganisationSettings.for_request(request)
    calendar = _calendar(org, page.title)
    calendar.add_component(opportunity_event(page, request, site.hostname))
    return _calendar_response(calendar, f"{page.slug}.ics")
