"""Id fields refuse numbers past the database's range, and lists past their size, with a message."""

import pytest
from django import forms

from core.form_fields import BoundedModelChoiceField, BoundedModelMultipleChoiceField
from pages.models import Topic
from pages.tests.factories import TopicFactory


class TopicForm(forms.Form):
    one = BoundedModelChoiceField(queryset=Topic.objects.all(), required=False)
    many = BoundedModelMultipleChoiceField(queryset=Topic.objects.all(), required=False, max_choices=3)


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["9223372036854775808", "2147483648", "-1", "0", "1e3", "٣", " ", "\x00"])
def test_out_of_range_or_malformed_ids_are_refused(value):
    form = TopicForm({"one": value, "many": [value]})
    assert not form.is_valid()
    assert set(form.errors) == {"one", "many"}


@pytest.mark.django_db
def test_real_ids_are_accepted_and_too_many_refused():
    topics = [TopicFactory() for _ in range(4)]
    form = TopicForm({"one": str(topics[0].pk), "many": [str(t.pk) for t in topics[:3]]})
    assert form.is_valid(), form.errors
    assert set(form.cleaned_data["many"]) == set(topics[:3])
    too_many = TopicForm({"many": [str(t.pk) for t in topics]})
    assert not too_many.is_valid()
    assert too_many.errors["many"] == ["Select no more than 3."]
