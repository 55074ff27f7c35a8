"""StandardPage: About, the accessibility statement, privacy notice and similar prose pages."""

from pages.models.base import BasePage


class StandardPage(BasePage):
    """A page of prose built from the shared body blocks; rendered by pages/standard_page.html."""

    parent_page_types = ["pages.HomePage", "pages.StandardPage"]
    subpage_types = ["pages.StandardPage"]

    class Meta:
        verbose_name = "standard page"
