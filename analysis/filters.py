"""The analysis view's filters: GET parameters, so a filtered view can be bookmarked and shared.

- `answer=<question key>:<answer>`: responses whose answer to that choice question is (or, for
  multiple choice, includes) the answer;
- `channel=<channel>`: online, paper, email, phone or event;
- `about=<About you question>:<answer>`: e.g. `about=age_band:65_74`;
- `district=<postcode district>`: e.g. `LS6`, for any postcode district question.

Anything that is not one of the choices offered is refused with a message saying which filter and
why, the typed values are kept in the form, and the figures are shown without the filters.
"""

import re

from django import forms
from django.db.models import Q

from analysis.figures import answer_q, needs_text_alias
from involvement.personal_fields import EQUALITY_QUESTIONS
from questionnaires.models import Channel
from questionnaires.questions import OTHER, OTHER_LABEL

DISTRICT = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?$")
FILTER_TYPES = ("single_choice", "multiple_choice", "agreement", "fft", "yes_no")


def answer_choices(questions):
    """Grouped choices for the answer filter: one group per choice question."""
    groups = []
    for question in questions:
        if question.type not in FILTER_TYPES:
            continue
        options = [(f"{question.key}:{value}", label) for value, label in question.choices]
        if question.options.get("allow_other"):
            options.append((f"{question.key}:{OTHER}", OTHER_LABEL))
        groups.append((question.label or question.key, options))
    return groups


def about_choices():
    return [
        (question, [(f"{field}:{value}", label) for value, label in choices])
        for field, question, choices in EQUALITY_QUESTIONS
    ]


class AnalysisFilterForm(forms.Form):
    """Narrow the analysed responses; every field is optional."""

    answer = forms.ChoiceField(
        label="Answer to another question",
        required=False,
        error_messages={
            "invalid_choice": "Choose an answer from the list: that one is not in this questionnaire"
        },
    )
    channel = forms.ChoiceField(
        label="Channel",
        required=False,
        choices=[("", "Any channel"), *Channel.choices],
        error_messages={"invalid_choice": "Choose a channel from the list"},
    )
    about = forms.ChoiceField(
        label="About you group",
        required=False,
        error_messages={"invalid_choice": "Choose an About you group from the list"},
    )
    district = forms.CharField(
        label="Postcode district",
        required=False,
        max_length=8,
        help_text="The first half of a postcode, for example LS6.",
        error_messages={"max_length": "Enter the first half of a postcode only, for example LS6"},
    )

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = {question.key: question for question in questions}
        self.fields["answer"].choices = [("", "Any answer"), *answer_choices(questions)]
        self.fields["about"].choices = [("", "Anyone"), *about_choices()]

    def clean_district(self):
        value = re.sub(r"\s+", "", self.cleaned_data.get("district") or "").upper()
        if value and not DISTRICT.match(value):
            raise forms.ValidationError(
                "Enter a postcode district like LS6 or BD10: the first half of a postcode"
            )
        return value

    @property
    def active(self):
        return self.is_valid() and any(self.cleaned_data.values())

    def apply(self, responses):
        """The responses narrowed by the valid filters (all of them when the form has errors)."""
        if not self.is_valid():
            return responses
        data = self.cleaned_data
        if data["answer"]:
            key, value = data["answer"].split(":", 1)
            question = self.questions[key]
            responses = responses.alias(**needs_text_alias([question])).filter(answer_q(question, value))
        if data["channel"]:
            responses = responses.filter(channel=data["channel"])
        if data["about"]:
            field, value = data["about"].split(":", 1)
            responses = responses.filter(**{f"about_you__{field}": value})
        if data["district"]:
            keys = [key for key, q in self.questions.items() if q.type == "postcode_district"]
            if not keys:
                return responses.none()
            match = None
            for key in keys:
                q = district_q(key, data["district"])
                match = q if match is None else match | q
            responses = responses.filter(match)
        return responses

    def described(self):
        """The active filters in words, for the page's heading and the export's first lines."""
        if not self.is_valid():
            return []
        words = []
        data = self.cleaned_data
        for name in ("answer", "channel", "about"):
            if data[name]:
                words.append(f"{self.fields[name].label}: {_label(self.fields[name].choices, data[name])}")
        if data["district"]:
            words.append(f"Postcode district: {data['district']}")
        return words


def district_q(key, district):
    return Q(**{f"answers__{key}__iexact": district})


def _label(choices, value):
    for group, options in choices:
        if isinstance(options, list | tuple):
            for option, label in options:
                if option == value:
                    return f"{group}: {label}"
        elif group == value:
            return options
    return value
