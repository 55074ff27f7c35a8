"""Forms built from an opportunity's questions: one section (the public flow) or all of them (staff).

Each question becomes one Django field named by its key (plus `<key>__other` for "Other (please
say)"). Conditions are applied on the server: in `clean`, a question whose condition is not met
is neither required nor kept, and `answers_from(form)` returns only what visible questions were
given, as JSON-safe values (questionnaires/questions.py says which).
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator

from pages.forms import HoneypotForm
from questionnaires.date_input import DateAnswerField
from questionnaires.questions import (
    OTHER,
    OTHER_LABEL,
    all_questions,
    drop_hidden,
    other_key,
    questions_of,
    visible_questions,
)

TEXT_LIMIT = 500
LONG_TEXT_LIMIT = 10_000
NUMBER_LIMIT = 10**9
# The outward code (first half) of a UK postcode, and a whole postcode.
OUTWARD = re.compile(r"^(?:[A-Z]{1,2}[0-9][A-Z0-9]?)$")
FULL_POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$")


def _required_message(question):
    if question.choices:
        return f"Select an answer to '{question.label}'"
    return f"Enter an answer to '{question.label}'"


def _follow_up_message(question):
    if question.type == "publish_consent":
        return "Enter the name to show with your response, or choose to be anonymous"
    return f"Say what your other answer to '{question.label}' is"


def words(text):
    return len(text.split())


def clean_postcode_district(value):
    text = " ".join((value or "").upper().split())
    if not text:
        return ""
    if FULL_POSTCODE.match(text):
        raise ValidationError(
            "Enter only the first half of your postcode, for example LS1 or SW1A, not the whole postcode"
        )
    if not OUTWARD.match(text):
        raise ValidationError("Enter the first half of a postcode, for example LS1 or SW1A")
    return text


class PostcodeDistrictField(forms.CharField):
    def clean(self, value):
        return clean_postcode_district(super().clean(value))


def field_for(question):
    """The form field for one question (None for information)."""
    kind, options = question.type, question.options
    common = {"label": question.label, "help_text": question.hint, "required": False}
    if kind == "information":
        return None
    if kind == "short_text":
        return forms.CharField(max_length=TEXT_LIMIT, **common)
    if kind == "long_text":
        # The limit is a validator, not max_length: no character count beside a box for views.
        limit = options.get("word_limit")
        hint = question.hint or (f"Use {limit} words or fewer." if limit else "")
        return forms.CharField(
            validators=[MaxLengthValidator(LONG_TEXT_LIMIT)],
            widget=forms.Textarea(attrs={"rows": 6}),
            **{**common, "help_text": hint},
        )
    if kind == "single_choice":
        choices = list(question.choices)
        if options.get("allow_other"):
            choices.append((OTHER, OTHER_LABEL))
        return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
    if kind == "multiple_choice":
        return forms.MultipleChoiceField(
            choices=question.choices, widget=forms.CheckboxSelectMultiple, **common
        )
    if kind in ("agreement", "fft", "yes_no", "publish_consent"):
        return forms.ChoiceField(choices=question.choices, widget=forms.RadioSelect, **common)
    if kind == "number":
        low, high = options.get("min_value"), options.get("max_value")
        return forms.IntegerField(
            min_value=-NUMBER_LIMIT if low is None else low,
            max_value=NUMBER_LIMIT if high is None else high,
            widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "nhsuk-input--width-10"}),
            **common,
        )
    if kind == "date":
        return DateAnswerField(**{**common, "help_text": question.hint or "For example, 27 3 2024"})
    if kind == "postcode_district":
        return PostcodeDistrictField(
            max_length=10,
            widget=forms.TextInput(attrs={"class": "nhsuk-input--width-5", "autocomplete": "off"}),
            **{**common, "help_text": question.hint or "The first half of your postcode, for example LS1"},
        )
    raise ValueError(f"Unknown question type {kind!r}")


def _json_safe(value):
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [str(item) for item in value]
    return value


def _empty(value):
    return value in (None, "", [], ())


class QuestionsMixin:
    """A form of questions. `questions`: those on the form; `sections`: the whole questionnaire;
    `earlier`: answers already given to questions not on this form (for their conditions)."""

    def setup_questions(self, sections, questions, earlier):
        self.sections, self.questions, self.earlier = sections, questions, dict(earlier or {})
        self.information = [question for question in questions if question.is_information]
        for question in questions:
            field = field_for(question)
            if field is None:
                continue
            field.question = question
            self.fields[question.key] = field
            if question.follow_up:
                self.fields[other_key(question.key)] = forms.CharField(
                    label=question.follow_up[1], max_length=TEXT_LIMIT, required=False
                )
        for field in self.fields.values():  # as NHSUKForm does for the fields it starts with
            field.widget.attrs.pop("maxlength", None)
            field.widget.attrs.pop("cols", None)

    def items(self):
        """[(question, bound field or None, bound "Other" field or None, condition in words)]."""
        by_key = {question.key: question for question in self.questions}  # conditions on this form
        rows = []
        for question in self.questions:
            field = self[question.key] if question.key in self.fields else None
            other = self[other_key(question.key)] if other_key(question.key) in self.fields else None
            condition = ""
            if question.condition and question.condition[0] in by_key:
                source = by_key[question.condition[0]]
                answer = source.choice_label(question.condition[1])
                condition = f"Answer the next question only if you answered “{answer}” to “{source.label}”."
            rows.append((question, field, other, condition))
        return rows

    def clean(self):
        cleaned = super().clean()
        given = {
            key: _json_safe(value)
            for key, value in cleaned.items()
            if key in self.fields and hasattr(self.fields[key], "question") and not _empty(value)
        }
        for question in self.questions:
            if question.follow_up and given.get(question.key) == question.follow_up[0]:
                given[other_key(question.key)] = (cleaned.get(other_key(question.key)) or "").strip()
        answers = {**self.earlier, **given}
        shown = visible_questions(self.sections, answers)
        for question in self.questions:
            key = question.key
            if question.is_information or key not in shown or key in self.errors:
                continue
            value = answers.get(key)
            if _empty(value):
                if question.required:
                    self.add_error(key, _required_message(question))
                continue
            limit = question.options.get("word_limit")
            if limit and question.type == "long_text" and words(value) > limit:
                self.add_error(key, f"Use {limit} words or fewer (you used {words(value)})")
            most = question.options.get("max_choices")
            if most and question.type == "multiple_choice" and len(value) > most:
                self.add_error(key, f"Select no more than {most}")
            if question.follow_up and value == question.follow_up[0] and not answers.get(other_key(key)):
                self.add_error(other_key(key), _follow_up_message(question))
        own = {question.key for question in self.questions}
        kept = drop_hidden(self.sections, answers)
        self.answers = {key: value for key, value in kept.items() if key in own or key.split("__")[0] in own}
        return cleaned


class SectionForm(QuestionsMixin, HoneypotForm):
    pass


class WholeQuestionnaireForm(QuestionsMixin, forms.Form):
    pass


def section_form(page, section_index, data=None, initial=None, *, answers=None, sections=None):
    """The public form for one section. `answers`: everything answered so far (conditions on
    questions in earlier sections hide questions here before the form is shown; conditions on
    questions in this section are applied when it is posted)."""
    sections = sections if sections is not None else questions_of(page)
    answers = dict(answers or {})
    section = sections[section_index]
    own = {question.key for question in section.questions}
    earlier = {key: value for key, value in answers.items() if key.split("__")[0] not in own}
    # Hide a question whose condition points outside this section and is not met.
    shown = visible_questions(sections, {**earlier, **{k: v for k, v in answers.items() if k in own}})
    questions = [
        question
        for question in section.questions
        if question.is_information
        or question.key in shown
        or (question.condition and question.condition[0] in own)
    ]
    form = SectionForm(data=data, initial=initial if initial is not None else answers)
    form.setup_questions(sections, questions, earlier)
    form.section, form.section_index = section, section_index
    return form


def whole_questionnaire_form(page, data=None, initial=None, *, sections=None):
    """Every question of every section on one form (staff typing in a paper response)."""
    sections = sections if sections is not None else questions_of(page)
    questions = [question for section in sections for question in section.questions]
    form = WholeQuestionnaireForm(data=data, initial=initial)
    form.setup_questions(sections, questions, {})
    return form


def answers_from(form):
    """The valid form's answers to visible questions, JSON-safe ({key: value})."""
    if not form.is_valid():
        raise ValueError("answers_from needs a valid form")
    return dict(form.answers)


def question_keys(page):
    return [key for question in all_questions(questions_of(page)) for key in question.answer_keys]
