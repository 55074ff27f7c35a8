"""Ids past the database's range, or too many of them, are refused with the field's message."""

import pytest

from involvement.models import Feedback, Member
from involvement.tests import test_feedback_form as feedback
from involvement.tests import test_register_form as register

HUGE = "9223372036854775808"  # one past the largest 64-bit integer: SQLite raised OverflowError


@pytest.mark.django_db
@pytest.mark.parametrize("topic", [HUGE, "2147483648", "-5", "1.5", "\x00"])
def test_a_topic_id_out_of_range_is_a_message_not_an_error(client, register_page, topics, topic):
    data = register.form_data(register_page, topics, topics=[str(topics[0].pk), topic])
    response = client.post(register.URL, data)
    register.assert_refused(response, "Select topics from the list", "Robin Example", "robin@example.com")
    assert Member.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["audiences", "methods"])
def test_other_lists_of_ids_are_bounded_too(client, register_page, topics, field):
    response = client.post(register.URL, register.form_data(register_page, topics, **{field: [HUGE]}))
    register.assert_refused(response, "Select from the list", "Robin Example")
    assert Member.objects.count() == 0


@pytest.mark.django_db
def test_more_choices_than_a_list_could_hold_are_refused(client, register_page, topics):
    response = client.post(
        register.URL, register.form_data(register_page, topics, topics=[str(n) for n in range(1, 200)])
    )
    register.assert_refused(response, "Select no more than 100.", "Robin Example")
    assert Member.objects.count() == 0


@pytest.mark.django_db
def test_feedback_topic_out_of_range_is_a_message_not_an_error(client, feedback_page, topics):
    response = client.post(feedback.URL, feedback.form_data(topic=HUGE))
    feedback.assert_refused(response, "Select a service area from the list", "Example Road Surgery")
    assert Feedback.objects.count() == 0
