"""'Who we heard from' on an opportunity, for the Engagement team: the reach table in real numbers.

The same check as the Responses views (`involvement.permissions.in_engagement_team`): anyone else
signed in is refused, anyone signed out is sent to log in. Each look is in the page's history.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from wagtail.log_actions import log

from involvement.permissions import in_engagement_team
from pages.models import OpportunityPage
from reach import table
from reach.models import AreaPopulation


def reach_view(request, page_id):
    if not in_engagement_team(request.user):
        raise PermissionDenied
    page = get_object_or_404(OpportunityPage, pk=page_id)
    site = page.get_site()
    reach = table.staff_table(page, site=site)
    log(page, "reach.view", user=request.user, data={"responses": reach["total"]})
    context = {
        "page": page,
        "reach": reach,
        "population": AreaPopulation.for_site(site) if site else None,
        "min_answers": table.MIN_ANSWERS,
        "under_percent": int(table.UNDER_FRACTION * 100),
    }
    return TemplateResponse(request, "reach/admin/reach.html", context)
