"""What a page tells search engines and link previews: description, canonical address, Open Graph,
and schema.org JSON-LD for events. Used by the `page_meta` template tag in base.html.

Only public fields are read here; the consultation plan never is.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

DESCRIPTION_WORDS = 50
OG_IMAGE_SPEC = "fill-1200x630"

# As django.utils.html.json_script: inside <script> these would end the element or start markup,
# so "</script>" in a title stays data.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld(data):
    """`data` as JSON that is safe between <script type="application/ld+json"> tags."""
    # Reviewed for bandit: with <, > and & escaped, the JSON cannot end the element or start markup.
    return mark_safe(  # nosec B308, B703
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    )


def plain(text):
    return " ".join(strip_tags(text or "").split())


def description(page, org):
    """The search description an editor set, else the page's summary, else a plain fallback."""
    text = plain(page.search_description) or plain(getattr(page, "summary_text", ""))
    if not text:
        text = f"{page.title} – {org.name}"
    return Truncator(text).words(DESCRIPTION_WORDS)


def first_image(page):
    """(image, alternative text) of the first image in the page's body, or (None, "")."""
    for block in getattr(page, "body", None) or []:
        if block.block_type == "image" and block.value.get("content_image"):
            return block.value["content_image"], block.value.get("alt_text") or ""
    return None, ""


def _place(location):
    lines = [line.strip() for line in (location or "").splitlines() if line.strip()]
    return {"@type": "Place", "name": lines[0], "address": ", ".join(lines)} if lines else None


def event_data(page, url, org, home_url, image_url=None):
    """schema.org Event for an opportunity with an event time, in UK local time with its offset."""
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": page.title,
        "description": plain(page.summary_text),
        "url": url,
        "startDate": timezone.localtime(page.event_start).isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "organizer": {"@type": "Organization", "name": org.name, "url": home_url},
        "isAccessibleForFree": True,
    }
    if page.event_end:
        data["endDate"] = timezone.localtime(page.event_end).isoformat()
    locations = []
    if place := _place(page.location):
        locations.append(place)
    if page.online_link:
        locations.append({"@type": "VirtualLocation", "url": page.online_link})
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
        mode = (
            "MixedEventAttendanceMode"
            if len(locations) == 2
            else "OnlineEventAttendanceMode"
            if page.online_link
            else "OfflineEventAttendanceMode"
        )
        data["eventAttendanceMode"] = f"https://schema.org/{mode}"
    if image_url:
        data["image"] = [image_url]
    return data
