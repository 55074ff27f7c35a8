"""The demo's population figures and the urgent care consultation's gap in who it heard from."""

import io

import pytest
from django.core.management import call_command
from wagtail.models import Site

from pages.models import OpportunityPage
from reach.models import AreaPopulation
from reach.table import staff_table

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(home, monkeypatch, settings, tmp_path):
    monkeypatch.setenv("DEMO_PASSWORD", "a-demo-password-for-tests")
    settings.DEMO_PASSWORD_FILE = tmp_path / ".demo-password"
    call_command("load_demo_content", stdout=io.StringIO())
    return home


def test_the_urgent_care_consultation_has_a_highlighted_gap(loaded):
    page = OpportunityPage.objects.get(slug="future-of-urgent-care")
    assert "age_band:18_24" in page.eia_groups
    table = staff_table(page)
    assert table["open"] and table["total"] > 0
    gaps = [group.code for group in table["gaps"]]
    assert gaps and gaps[0] == "age_band:18_24"
    setting = AreaPopulation.for_site(Site.objects.get(is_default_site=True))
    assert "not ONS numbers" in setting.source and len(setting.shares()) > 30
