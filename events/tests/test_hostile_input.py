"""Whatever is posted to the booking form or the change link, the answer is never a 500."""

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events import allocation, links

pytestmark = pytest.mark.django_db

FIELDS = ["session", "name", "email", "phone", "places", "access_needs", "access_other", "consent", "action"]
junk = st.one_of(
    st.text(max_size=300),
    st.sampled_from(["0", "-1", "1e9", "99999999999999999999", "\x00", "2.5", "NaN", "on", "other"]),
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.dictionaries(st.sampled_from(FIELDS), st.lists(junk, max_size=3), max_size=9))
def test_the_booking_form_never_500s(session, data):
    client = Client(raise_request_exception=False)
    response = client.post("/get-involved/drop-in/book/", data)
    assert response.status_code in (200, 302)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.dictionaries(st.sampled_from(FIELDS), st.lists(junk, max_size=3), max_size=9))
def test_the_change_link_never_500s(session, data):
    booking = allocation.book(session, name="Sam", email="sam@example.org", places=1)
    url = f"/get-involved/drop-in/book/manage/?t={links.manage_token(booking)}"
    client = Client(raise_request_exception=False)
    response = client.post(url, data)
    assert response.status_code in (200, 400, 410)
    allocation.cancel(booking)
