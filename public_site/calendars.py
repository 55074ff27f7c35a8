"""iCalendar files: every event in one subscribable calendar, and one file per opportunity."""

import datetime

from django.db.models import Q
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from wagtail.models import Site

from pages.calendars import new_calendar, opportunity_event, session_event
from pages.models import OpportunityPage, OrganisationSettings

# Past events stay in the calendar for a year, so subscribers' calendars keep their history.
EVENTS_KEPT_FOR = datetime.timedelta(days=365)


def page_events(page, request, host):
    """An opportunity's VEVENTs: one per session where it has sessions (never with the joining
    link, which only people with a place are sent), otherwise the one event or the open days."""
    sessions = list(page.sessions.all())
    if not sessions:
        return [opportunity_event(page, request, host)]
    url = page.get_full_url(request)
    return [session_event(session, host, url=url) for session in sessions]


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
        .filter(
            Q(event_start__gte=timezone.now() - EVENTS_KEPT_FOR)
            | Q(sessions__starts__gte=timezone.now() - EVENTS_KEPT_FOR)
        )
        .distinct()
        .defer_streamfields()
        .prefetch_related("sessions")
        .order_by("event_start", "pk")
    )
    calendar = new_calendar(org, f"{org.short_name} events")
    calendar.add("x-published-ttl", "PT12H")
    for page in pages:
        for event in page_events(page, request, site.hostname):
            calendar.add_component(event)
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
        .filter(Q(event_start__isnull=False) | Q(closes__isnull=False) | Q(sessions__isnull=False))
        .distinct()
        .defer_streamfields()
        .first()
    )
    if page is None:
        raise Http404("No dates to add to a calendar at this address.")
    org = OrganisationSettings.for_request(request)
    calendar = new_calendar(org, page.title)
    for event in page_events(page, request, site.hostname):
        calendar.add_component(event)
    return _calendar_response(calendar, f"{page.slug}.ics")
