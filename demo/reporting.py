"""Demo content for the reporting app: /annual-report/, the report for the latest complete year.

Called by `manage.py load_demo_content` as `build(home, stdout)`. The report's figures are
counted from the other demo content, so this only creates (or brings up to date) the page;
the reporting year is worked out from today, so the demo always shows the last year that has
ended (on 23 November 2026, that is 2025/26: 1 April 2025 to 31 March 2026).
"""

from django.utils import timezone

from demo.sync import ensure_page, paragraph
from reporting.figures import latest_complete_year
from reporting.models import EngagementReportPage

SLUG = "annual-report"

COMMENTARY = (
    "<p>This report shows how we involved local people in our work over the year: the "
    "opportunities we offered, the consultations we ran and how each was signed off, how many "
    "people took part, what changed as a result, and where we have not yet told people what "
    "happened after they spoke up.</p>"
    "<p>The figures are counted automatically from this website, so they match what you can see "
    'on our <a href="/get-involved/">get involved</a> and <a href="/you-said-we-did/">You said, '
    "We did</a> pages. Where feedback is overdue we will publish the outcome as soon as the "
    "decision is made, and we report on it to the Governing Body.</p>"
)


def report_fields(today=None):
    """The demo report's fields for the latest reporting year that ended before `today`."""
    year = latest_complete_year(today or timezone.localdate())
    return {
        "title": f"Annual engagement report {year.label}",
        "year_start": year.start_year,
        "intro": f"How we involved patients, carers and the public from {year.period}, and what "
        "difference it made.",
        "search_description": f"Our annual report on patient and public involvement for {year.label}: "
        "opportunities, consultations, people taking part, the involvement register and feedback.",
        "commentary": COMMENTARY,
        "body": [
            paragraph(
                "<p>You can ask for this report in another format, such as large print or easy read, "
                "by contacting the engagement team.</p>"
            )
        ],
    }


def build(home, stdout=None, today=None):
    """Create or update /annual-report/ under `home`, published through a revision."""
    page, _outcome = ensure_page(home, EngagementReportPage, SLUG, fields=report_fields(today), stdout=stdout)
    # Publishing works on a copy from the revision: return the page as it is now stored.
    return EngagementReportPage.objects.get(pk=page.pk)
