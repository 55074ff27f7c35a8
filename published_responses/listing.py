"""What the public sees at `<opportunity URL>responses/`, and the link to it on the opportunity.

Shown only after the opportunity closes, and only from the publication's live revision (which the
Editorial review approved, published_responses/approval.py). An entry of that revision is shown
only while it still matches what staff decided: the response is still decided "publish", its text
and name are exactly those approved, and it may still be published (consented, not withdrawn, not
erased). So declining, a new redaction, withdrawal or erasure hides a response at once, and only
a new approval shows anything new.
"""

from django.core.paginator import Paginator

from published_responses.consent import consent_question, may_publish
from published_responses.models import Decision, ModeratedResponse, ResponsePublication
from questionnaires.flow import has_closed

PER_PAGE = 20
MAX_QUERY = 200


def live_publication(page):
    return ResponsePublication.objects.filter(opportunity_id=page.pk, live=True).first()


def visible_entries(page, publication=None):
    """The entries the public may read now, in the approved order (empty before closing)."""
    if not has_closed(page):
        return []
    publication = publication or live_publication(page)
    if publication is None or not publication.entries:
        return []
    question = consent_question(page)
    current = {
        row.response_id: row
        for row in ModeratedResponse.objects.filter(
            opportunity_id=page.pk, decision=Decision.PUBLISHED
        ).select_related("response")
    }
    shown = []
    for entry in publication.entries:
        row = current.get(entry.get("response"))
        if row is not None and row.entry() == entry and may_publish(row.response, question):
            shown.append(entry)
    return shown


def clean_query(text):
    """The search words as typed, without control characters, at most MAX_QUERY characters."""
    text = "".join(ch for ch in str(text or "") if ch.isprintable())
    return " ".join(text.split())[:MAX_QUERY]


def matches(entry, query):
    """Every word of the query is in the entry's text or name, ignoring case."""
    haystack = " ".join([entry.get("name") or "", *(item["text"] for item in entry.get("texts") or [])])
    haystack = haystack.casefold()
    return all(word.casefold() in haystack for word in query.split())


def listing(page, query="", page_number=None):
    """(entries page object, query cleaned, total shown before searching)."""
    entries = visible_entries(page)
    query = clean_query(query)
    found = [entry for entry in entries if matches(entry, query)] if query else entries
    return Paginator(found, PER_PAGE).get_page(page_number), query, len(entries)


def published_responses_panel(page, request):
    """A link to the published responses, once the opportunity has closed and some are live."""
    if not page.questionnaire or not has_closed(page):
        return None
    publication = live_publication(page)
    if publication is None or not publication.entries:
        return None
    return {"url": f"{page.url}responses/"}
