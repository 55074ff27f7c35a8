import pytest

from events.tests.factories import EventSessionFactory
from pages.tests.factories import OpportunityPageFactory


@pytest.fixture
def event(opportunity_index):
    """A live event opportunity, with no sessions yet."""
    return OpportunityPageFactory(
        parent=opportunity_index,
        title="Drop-in about the new clinic",
        slug="drop-in",
        opportunity_type="event",
        location="Town Hall, Market Square",
        contact_email="engagement@example.org",
    )


@pytest.fixture
def session(event):
    """A session of the event in a week, 20 places, up to 2 a booking, with a waiting list."""
    return EventSessionFactory(page=event)
