"""Form fields that choose rows by id, refusing any value that is not a plausible id before the query.

Django's model choice fields pass what was posted straight into the query: a number past the
database's integer range then fails inside the database driver (SQLite: OverflowError; PostgreSQL:
out of range), which is a 500 instead of a message. These fields accept only whole numbers from 1
to MAX_ID, and at most `max_choices` of them, and give the field's own "invalid choice" message
for anything else.
"""

import re

from django import forms
from django.core.exceptions import ValidationError

# The project's primary keys are AutoFields: 32-bit signed integers on every database.
MAX_ID = 2**31 - 1
_DIGITS = re.compile(r"[0-9]{1,10}")


def is_valid_id(value):
    text = str(value).strip()
    return bool(_DIGITS.fullmatch(text)) and 0 < int(text) <= MAX_ID


class BoundedModelChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField that refuses anything but an id in range, with its invalid_choice message."""

    def to_python(self, value):
        if value not in self.empty_values and self.to_field_name is None and not is_valid_id(value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class BoundedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A ModelMultipleChoiceField that takes at most `max_choices` ids, each in range."""

    default_error_messages = {
        **forms.ModelMultipleChoiceField.default_error_messages,
        "too_many": "Select no more than %(limit)d.",
    }

    def __init__(self, *args, max_choices=100, **kwargs):
        self.max_choices = max_choices
        super().__init__(*args, **kwargs)

    def _check_values(self, value):
        try:
            values = frozenset(value)
        except TypeError:
            raise ValidationError(self.error_messages["invalid_list"], code="invalid_list") from None
        if len(values) > self.max_choices:
            raise ValidationError(
                self.error_messages["too_many"], code="too_many", params={"limit": self.max_choices}
            )
        if self.to_field_name is None:
            for pk in values:
                if not is_valid_id(pk):
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                    )
        return super()._check_values(values)
