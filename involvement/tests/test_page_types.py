"""The involvement page types sit where they should: sign-up under /get-involved/, feedback under home."""

from involvement.models import FeedbackPage, RegisterPage
from pages.models import HomePage, OpportunityIndexPage, StandardPage


def test_page_type_rules():
    assert RegisterPage.allowed_parent_page_models() == [OpportunityIndexPage]
    assert RegisterPage.allowed_subpage_models() == []
    assert FeedbackPage.allowed_parent_page_models() == [HomePage]
    assert FeedbackPage.allowed_subpage_models() == []
    assert RegisterPage.max_count == FeedbackPage.max_count == 1
    assert RegisterPage in OpportunityIndexPage.allowed_subpage_models()
    assert FeedbackPage in HomePage.allowed_subpage_models()
    assert RegisterPage not in StandardPage.allowed_subpage_models()
