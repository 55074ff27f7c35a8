"""Possible campaign and duplicate responses: the clusters found (analysis/similar.py), for a person
to decide, and the button that looks for them again in the background (analysis/tasks.py)."""

from django.contrib import messages
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST
from wagtail.log_actions import log

from analysis import coding
from analysis.models import Cluster, ClusterMember, Decision
from analysis.tasks import find_similar
from questionnaires.admin_views import check, opportunity

SHOWN = 50  # clusters listed at once; the rest wait until these are decided
MEMBERS_SHOWN = 10  # answers listed in each; the page says how many more there are


def clusters_view(request, page_id):
    """The undecided clusters, each answer with its reference and similarity, and the decisions so far."""
    check(request)
    page = opportunity(page_id).specific
    members = ClusterMember.objects.select_related("response").only(
        "cluster_id", "similarity", "response__reference", "response__status", "response__answers"
    )
    pending = (
        Cluster.objects.filter(opportunity=page, decision=Decision.PENDING)
        .annotate(size=Count("members"))
        .prefetch_related(Prefetch("members", queryset=members[:MEMBERS_SHOWN], to_attr="shown"))
        .order_by("question_key", "pk")
    )
    decided = Cluster.objects.filter(opportunity=page).exclude(decision=Decision.PENDING)
    context = {
        "page": page,
        "pending": [
            (
                cluster,
                [(m, (m.response.answers or {}).get(cluster.question_key, "")) for m in cluster.shown],
            )
            for cluster in pending[:SHOWN]
        ],
        "pending_total": pending.count(),
        "decided": decided.select_related("decided_by").order_by("-decided_at")[:SHOWN],
        "decisions": [(value, label) for value, label in Decision.choices if value != Decision.PENDING],
    }
    return TemplateResponse(request, "analysis/admin/similar.html", context)


@require_POST
def find_view(request, page_id):
    """Queue the search for similar answers; the worker stores the clusters it finds."""
    check(request)
    page = opportunity(page_id)
    find_similar.enqueue(page.pk)
    log(page, "analysis.find_similar", user=request.user)
    messages.success(
        request, "Looking for similar answers. Refresh this page in a minute to see what was found."
    )
    return redirect("analysis_similar", page_id=page.pk)


@require_POST
def decide_view(request, pk):
    """Record campaign, duplicate or not a duplicate for one cluster."""
    check(request)
    cluster = get_object_or_404(Cluster.objects.select_related("opportunity"), pk=pk)
    try:
        coding.decide(cluster, request.POST.get("decision", ""), user=request.user)
    except coding.CodingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Decision recorded: {Decision(request.POST['decision']).label}.")
    return redirect("analysis_similar", page_id=cluster.opportunity_id)
