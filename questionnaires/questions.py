"""An opportunity's questionnaire as plain objects: sections of typed questions, and their rules.

Everything that reads the questions goes through here (the public flow, admin entry, exports,
the lock), reading the StreamField's raw data so a page, a revision's content or a form's cleaned
value all give the same objects.

The value a response keeps for each type (answers = {key: value}):
short_text, long_text, postcode_district: str; single_choice, agreement, fft, yes_no,
publish_consent: the choice's value (a single choice's value is its text; OTHER for "Other", the
text then under `other_key(key)`; a publish consent's "with my name" keeps the name there too: a
question's `follow_up`); multiple_choice: list of choice texts; number: int; date: ISO "YYYY-MM-DD".
Information blocks have no answer.
"""

import json
from dataclasses import dataclass, field

from pages.question_blocks import AGREEMENT_SCALE, FFT_SCALE, PUBLISH_CONSENT, PUBLISH_WITH_NAME, YES_NO

OTHER = "__other__"
OTHER_LABEL = "Other (please say)"
OTHER_FOLLOW_UP = (OTHER, "If you chose other, please say")
NAME_FOLLOW_UP = (PUBLISH_WITH_NAME, "If you chose your name, the name to show with your response")
SCALES = {
    "agreement": AGREEMENT_SCALE,
    "fft": FFT_SCALE,
    "yes_no": YES_NO,
    "publish_consent": PUBLISH_CONSENT,
}
CHOICE_TYPES = frozenset(
    {"single_choice", "multiple_choice", "agreement", "fft", "yes_no", "publish_consent"}
)


def other_key(key):
    """Where the text typed for "Other (please say)" is kept in the answers."""
    return f"{key}__other"


@dataclass(frozen=True)
class Question:
    key: str
    type: str
    label: str = ""
    hint: str = ""
    required: bool = False
    choices: tuple = ()  # ((value, label), ...)
    condition: tuple | None = None  # (earlier question key, answer value)
    options: dict = field(default_factory=dict, compare=False, hash=False)
    text: str = ""  # an information block's rich text (HTML)

    @property
    def is_information(self):
        return self.type == "information"

    @property
    def follow_up(self):
        """(the answer that asks for typed text, the text box's label), or None: "Other (please
        say)", or the name to show with a response published "with my name". The text is kept
        under `other_key(key)`."""
        if self.type == "publish_consent":
            return NAME_FOLLOW_UP
        if self.options.get("allow_other"):
            return OTHER_FOLLOW_UP
        return None

    @property
    def answer_keys(self):
        """The keys this question writes in the answers (a column each in an export)."""
        if self.is_information:
            return []
        if self.follow_up:
            return [self.key, other_key(self.key)]
        return [self.key]

    def choice_label(self, value):
        if value == OTHER:
            return OTHER_LABEL
        return dict(self.choices).get(value, value)

    def shape(self):
        """What existing answers depend on: key, type and choices (not wording, hint or required)."""
        choices = tuple(sorted(code for code, _ in self.choices))
        return (self.key, self.type, choices, bool(self.options.get("allow_other")))


@dataclass(frozen=True)
class Section:
    title: str
    intro: str
    questions: tuple

    @property
    def answerable(self):
        return [question for question in self.questions if not question.is_information]


def _raw(stream):
    """The questionnaire's raw list of sections from a page, a StreamValue, JSON text or a list."""
    stream = getattr(stream, "questionnaire", stream)
    if stream is None:
        return []
    if isinstance(stream, str):
        stream = json.loads(stream or "[]")
    if hasattr(stream, "get_prep_value"):
        stream = stream.get_prep_value()
    return list(stream or [])


def _list_item(item):
    """A ListBlock item's value, in either raw form: the value itself or {"type": "item", "value": …}."""
    if isinstance(item, dict):
        item = item.get("value")
    return str(item or "").strip()


def _question(block_type, value, position):
    if block_type == "information":
        return Question(key=f"information-{position}", type="information", text=str(value.get("text") or ""))
    if block_type in SCALES:
        choices = SCALES[block_type]
    elif block_type in CHOICE_TYPES:
        texts = [_list_item(choice) for choice in value.get("choices") or []]
        choices = tuple((text, text) for text in texts if text)
    else:
        choices = ()
    condition = value.get("condition") or {}
    source, answer = (condition.get("question") or "").strip(), (condition.get("value") or "").strip()
    # `is not`, not `in`: a lower bound of 0 is a bound (0 == False).
    options = {
        name: value.get(name)
        for name in ("word_limit", "allow_other", "max_choices", "min_value", "max_value")
        if not any(value.get(name) is unset for unset in (None, False)) and value.get(name) != ""
    }
    return Question(
        key=value.get("key") or "",
        type=block_type,
        label=value.get("label") or "",
        hint=value.get("hint") or "",
        required=bool(value.get("required")),
        choices=tuple(choices),
        condition=(source, answer) if source else None,
        options=options,
    )


def sections_of(stream):
    """[Section, ...] of a page, a StreamValue, a revision's JSON text or a raw list."""
    sections = []
    position = 0
    for item in _raw(stream):
        value = item.get("value") or {}
        questions = []
        for child in value.get("questions") or []:
            position += 1
            questions.append(_question(child.get("type"), child.get("value") or {}, position))
        sections.append(Section(value.get("title") or "", str(value.get("intro") or ""), tuple(questions)))
    return sections


def questions_of(page):
    """The page's questionnaire: its sections, in order, each with its typed questions."""
    return sections_of(page)


def all_questions(sections):
    return [question for section in sections for question in section.answerable]


def _matches(answer, value):
    if isinstance(answer, list):
        return value in answer
    return answer == value


def visible_questions(sections, answers):
    """The answerable questions shown, given the answers: a question whose condition's source is
    hidden, or does not have the named answer, is hidden too."""
    shown = {}
    for question in all_questions(sections):
        if question.condition:
            source, value = question.condition
            if source not in shown or not _matches(answers.get(source), value):
                continue
        shown[question.key] = question
    return shown


def visible_keys(page, answers):
    """The keys of the questions shown for these answers, in questionnaire order."""
    sections = page if isinstance(page, list) else questions_of(page)
    return list(visible_questions(sections, answers))


def drop_hidden(sections, answers):
    """The answers to visible questions only (with a visible "Other" text), nothing else."""
    shown = visible_questions(sections, answers)
    kept = {}
    for key, question in shown.items():
        if key in answers:
            kept[key] = answers[key]
        follow_up = question.follow_up
        if follow_up and answers.get(key) == follow_up[0] and other_key(key) in answers:
            kept[other_key(key)] = answers[other_key(key)]
    return kept


def breaking_changes(old_stream, new_stream):
    """Why the new questions would break answers given to the old: a list of messages (empty: safe).

    Removing a question, or changing its key (which reads as removing it), its type or its
    choices breaks answers; wording, hints, required, conditions and new questions do not.
    (Whether a new question may be required is for the caller to decide.)
    """
    old = {question.key: question for question in all_questions(sections_of(old_stream))}
    new = {question.key: question for question in all_questions(sections_of(new_stream))}
    messages = []
    for key, before in old.items():
        after = new.get(key)
        if after is None:
            messages.append(
                f"The question '{key}' ({before.label}) has answers and cannot be removed, "
                "nor can its key be changed."
            )
        elif after.type != before.type:
            messages.append(f"The question '{key}' has answers: its type cannot be changed.")
        elif after.shape() != before.shape():
            messages.append(
                f"The question '{key}' has answers: its choices cannot be changed, added or removed."
            )
    return messages


def new_required_questions(old_stream, new_stream):
    """Keys of questions added as required (earlier respondents never saw them)."""
    old = {question.key for question in all_questions(sections_of(old_stream))}
    return [q.key for q in all_questions(sections_of(new_stream)) if q.key not in old and q.required]
