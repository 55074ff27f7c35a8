"""Demo content for the reporting app: /annual-report/, the report for the latest complete year.

Called by `manage.py load_demo_content` as `build(home, stdout)`. The report's figures are
counted from the other demo content, so this only creates (or brings up to date) the page;
the reporting year is worked out from today, so the demo always shows the last year that has
ended (on 23 November 2026, that is 2025/26: 1 April 2025 to 31 March 2026).
"""

from django.utils import timezone

from demo.datafiles import page_fields
from demo.organisation import contacts
from demo.sync import ensure_page
from reporting.figures import latest_complete_year
from reporting.models import EngagementReportPage

SLUG = "annual-report"


def report_fields(today=None):
    """The demo report's fields for the latest reporting year that ended before `today`."""
    year = latest_complete_year(today or timezone.localdate())
    context = {**contacts(), "year": {"label": year.label, "period": year.period}}
    return {**page_fields("annual_report.toml", context), "year_start": year.start_year}


def build(home, stdout=None, today=None):
    """Create or update /annual-report/ under `home`, published through a revision."""
    page, _outcome = ensure_page(home, EngagementReportPage, SLUG, fields=report_fields(today), stdout=stdout)
    # Publishing works on a copy from the revision: return the page as it is now stored.
    return EngagementReportPage.objects.get(pk=page.pk)
