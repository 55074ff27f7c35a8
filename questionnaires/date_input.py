"""The date question as the NHS.UK date input: three boxes, day, month and year, in a fieldset.

The answer is kept as before (an ISO date, "YYYY-MM-DD", questionnaires/questions.py), so exports
and analysis do not change. What was typed is kept in the boxes after an error, and the message
says what is wrong: a part missing, a part that is not a number, a year without 4 numbers, or a
date that does not exist (31 February).
"""

import calendar
import datetime

from django import forms
from django.core.exceptions import ValidationError

PARTS = ("day", "month", "year")
WIDTHS = {"day": 2, "month": 2, "year": 4}
REAL_DATE = "Enter a real date, for example 27 3 2024"


class DateInputWidget(forms.MultiWidget):
    """Day, month and year boxes (named <key>_day, <key>_month, <key>_year)."""

    template_name = "forms/widgets/date_input.html"

    def __init__(self, attrs=None):
        widgets = {part: forms.TextInput(attrs={"inputmode": "numeric"}) for part in PARTS}
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if isinstance(value, str):
            try:
                value = datetime.date.fromisoformat(value)
            except ValueError:
                return [None, None, None]
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        return [None, None, None]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        in_error = "--error" in (attrs or {}).get("class", "")
        for part, subwidget in zip(PARTS, context["widget"]["subwidgets"], strict=True):
            subwidget["label"] = part.title()
            classes = ["nhsuk-input", "nhsuk-date-input__input", f"nhsuk-input--width-{WIDTHS[part]}"]
            subwidget["attrs"]["class"] = " ".join(
                [*classes, "nhsuk-input--error" if in_error else ""]
            ).strip()
            subwidget["attrs"].pop("aria-describedby", None)
            if part == "year":
                subwidget["attrs"]["autocomplete"] = "off"
        return context


class DateAnswerField(forms.MultiValueField):
    """A date from the three boxes; empty when all three are; a clear message otherwise."""

    widget = DateInputWidget
    # The error summary links to the day box (pages/forms.py, error_target): its id ends _0.
    first_part = "0"

    def __init__(self, **kwargs):
        kwargs.setdefault("template_name", "forms/date_field.html")
        fields = [forms.CharField(required=False, max_length=10) for _part in PARTS]
        super().__init__(fields, require_all_fields=False, **kwargs)

    def compress(self, data_list):
        values = [str(value or "").strip() for value in (data_list or [])]
        if not any(values):
            return None
        missing = [part for part, value in zip(PARTS, values, strict=True) if not value]
        if missing:
            raise ValidationError(f"The date must include a {' and a '.join(missing)}")
        if not all(value.isdigit() for value in values):
            raise ValidationError(REAL_DATE)
        day, month, year = (int(value) for value in values)
        if len(values[2]) != 4:
            raise ValidationError("The year must have 4 numbers, for example 2024")
        if not 1 <= month <= 12:
            raise ValidationError("The month must be a number from 1 to 12")
        days = calendar.monthrange(year, month)[1]
        if not 1 <= day <= days:
            raise ValidationError(
                f"There is no {day} {calendar.month_name[month]} {year}: {calendar.month_name[month]} "
                f"{year} has {days} days. {REAL_DATE}"
            )
        return datetime.date(year, month, day)
