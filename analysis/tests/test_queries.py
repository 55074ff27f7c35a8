"""Aggregation happens in the database: every analysis view runs the same number of SQL queries at
10 responses as at 1,000 (the benchmark times them at 10,000)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from analysis import coding, similar
from analysis.models import Theme
from questionnaires import synthetic
from questionnaires.models import Response

pytestmark = pytest.mark.django_db

FILTERS = {"channel": "online", "answer": "travel:Bus", "about": "age_band:65_74", "district": "LS6"}


def grow(page, total, seed):
    now = timezone.now()
    existing = Response.objects.filter(opportunity=page).count()
    synthetic.create(page, total - existing, seed=seed, start=now - datetime.timedelta(days=20), end=now)


def urls(page):
    return [
        reverse("analysis_index"),
        reverse("analysis_view", args=[page.pk]),
        reverse("analysis_view", args=[page.pk]) + "?" + "&".join(f"{k}={v}" for k, v in FILTERS.items()),
        reverse("analysis_coding", args=[page.pk]) + "?question=why",
        reverse("analysis_similar", args=[page.pk]),
        reverse("analysis_export", args=[page.pk, "questions"]) + "?format=csv",
        reverse("analysis_export", args=[page.pk, "themes"]) + "?format=xlsx",
        reverse("analysis_export", args=[page.pk, "responses"]) + "?format=csv",
    ]


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200, url
    return len(captured)


def test_same_number_of_queries_at_10_and_1000_responses(survey, engagement_client, users):
    theme, _created = coding.add_theme(survey, "Waiting times", user=users["engagement"])
    Theme.objects.create(opportunity=survey, name="Parking")
    grow(survey, 10, seed=1)
    first = list(Response.objects.filter(opportunity=survey))
    coding.bulk_tag(survey, first[:5], "why", theme.pk, user=users["engagement"])
    similar.find_clusters(survey)
    engagement_client.get(urls(survey)[1])  # warm: the session, the user's groups
    small = [queries(engagement_client, url) for url in urls(survey)]
    grow(survey, 1000, seed=2)
    many = list(Response.objects.filter(opportunity=survey)[:200])
    coding.bulk_tag(survey, many, "why", theme.pk, user=users["engagement"])
    similar.find_clusters(survey)
    large = [queries(engagement_client, url) for url in urls(survey)]
    assert small == large
