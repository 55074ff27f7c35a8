"""The background task that looks for near-identical answers (analysis/similar.py)."""

from django_tasks import task

from analysis import similar
from pages.models import OpportunityPage


@task()
def find_similar(page_id):
    """Store the clusters of near-identical answers to one opportunity; returns how many."""
    page = OpportunityPage.objects.filter(pk=page_id).first()
    return similar.find_clusters(page) if page is not None else 0
