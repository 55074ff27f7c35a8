"""The form pages are never cached: each view has its own CSRF token, and sending the form works."""

import re

import pytest
from django.test import Client

from involvement.models import Feedback, Member
from involvement.tests.test_feedback_form import form_data as feedback_data
from involvement.tests.test_register_form import form_data as register_data

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def view_twice_then_send(url, data):
    """A visitor who opens the form twice (a reload, the back button) and then sends it."""
    browser = Client(enforce_csrf_checks=True)
    for _ in range(2):
        response = browser.get(url)
        assert response.status_code == 200
        assert "X-Page-Cache" not in response
        assert "no-store" in response["Cache-Control"]
        token = TOKEN.search(response.content.decode()).group(1)
    return browser.post(url, {**data, "csrfmiddlewaretoken": token})


@pytest.mark.django_db
def test_the_register_form_viewed_twice_still_signs_up(register_page, topics):
    response = view_twice_then_send(register_page.url, register_data(register_page, topics))
    assert response.status_code == 302 and response["Location"].endswith("/thank-you/")
    assert Member.objects.count() == 1


@pytest.mark.django_db
def test_the_feedback_form_viewed_twice_still_sends(feedback_page):
    response = view_twice_then_send(feedback_page.url, feedback_data())
    assert response.status_code == 302
    assert Feedback.objects.count() == 1


@pytest.mark.django_db
def test_the_thank_you_page_is_a_plain_cacheable_page(client, feedback_page):
    url = f"{feedback_page.url}thank-you/"
    for _ in range(3):
        response = client.get(url)
    assert response["X-Page-Cache"] == "hit"
