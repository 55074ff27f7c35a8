"""`{% outcome_reach page %}`: the suppressed reach table on a 'You said, We did' page.

`pages` cannot import `reach`, so the outcome template includes templates/pages/includes/
outcome_reach.html, which loads this tag library.
"""

from django import template
from wagtail.models import Site

from reach.public import outcome_reach as public_outcome_reach

register = template.Library()


@register.inclusion_tag("reach/includes/public_reach.html", takes_context=True)
def outcome_reach(context, page):
    opportunity = getattr(page, "opportunity", None)
    if opportunity is None:
        return {"reach": None}
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    preview = getattr(request, "is_preview", False) or not page.live
    reach = public_outcome_reach(opportunity, site=site, preview=preview)
    return {"reach": reach, "heading_id": "who-we-heard-from"}
