"""Factories for the reporting tests."""

import wagtail_factories

from reporting.models import EngagementReportPage


class EngagementReportPageFactory(wagtail_factories.PageFactory):
    title = "Annual engagement report"
    slug = "annual-report"
    year_start = 2023

    class Meta:
        model = EngagementReportPage
