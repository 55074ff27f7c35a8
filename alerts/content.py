"""What an alert or a digest says about a page: plain values, so rendering needs no queries."""

from pages.models import OpportunityPage, YouSaidWeDidPage


def item(page):
    """A dict for the email templates: kind, title, full URL and a sentence or two."""
    if isinstance(page, OpportunityPage):
        return {
            "kind": "opportunity",
            "type": page.get_opportunity_type_display(),
            "title": page.title,
            "url": page.full_url,
            "summary": page.summary_text,
            "closes": page.closes.strftime("%-d %B %Y") if page.closes else "",
        }
    return {
        "kind": "outcome",
        "type": "You said, We did",
        "title": page.title,
        "url": page.full_url,
        "summary": page.we_did_summary,
        "closes": "",
    }


def is_alertable(page):
    return isinstance(page, (OpportunityPage, YouSaidWeDidPage))
