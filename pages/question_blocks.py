"""The questionnaire of an opportunity: sections of typed questions, as a StreamField.

The questions live on the page, so they are part of the revision the approvers sign off and the
fingerprint covers them (workflows/fingerprint.py). Each question has a stable `key`: it names the
answer in every response and the column in every export, so it must not change once people have
answered (questionnaires/questions.py `breaking_changes`). Choice values are the choice texts.

Validation here is about the questionnaire itself: keys unique across all sections, and a
condition that points at an EARLIER single choice, multiple choice or yes/no question and at an
answer that question offers. What a respondent types is checked by questionnaires/forms.py.
"""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from wagtail import blocks

from pages.blocks import SIMPLE_RICH_TEXT

KEY_PATTERN = r"^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*$"
KEY_HELP = (
    "A short name for the answer, used in exports: lower-case letters, digits, single hyphens or "
    "underscores, for example 'travel-time'. Do not change it once people have answered."
)

# The fixed scales: (value kept in the response, what the respondent sees).
DONT_KNOW = ("dont_know", "Don't know")
AGREEMENT_SCALE = (
    ("strongly_agree", "Strongly agree"),
    ("agree", "Agree"),
    ("neither", "Neither agree nor disagree"),
    ("disagree", "Disagree"),
    ("strongly_disagree", "Strongly disagree"),
    DONT_KNOW,
)
FFT_SCALE = (
    ("very_good", "Very good"),
    ("good", "Good"),
    ("neither", "Neither good nor poor"),
    ("poor", "Poor"),
    ("very_poor", "Very poor"),
    DONT_KNOW,
)
YES_NO = (("yes", "Yes"), ("no", "No"))
# May we publish your response? With "with my name" the respondent types the name to show.
PUBLISH_WITH_NAME = "with_name"
PUBLISH_CONSENT = (
    (PUBLISH_WITH_NAME, "Yes, with my name"),
    ("anonymously", "Yes, anonymously"),
    ("no", "No"),
)
PUBLISH_CONSENT_LABEL = "May we publish your response?"

# The question types a condition may point at, and the answers each offers (None: its choices).
CONDITION_SOURCES = {"single_choice": None, "multiple_choice": None, "yes_no": YES_NO}


class ConditionBlock(blocks.StructBlock):
    question = blocks.CharBlock(
        required=False,
        label="Show only if the question with key",
        help_text="The key of an earlier single choice, multiple choice or yes/no question. "
        "Leave empty to always show this question.",
    )
    value = blocks.CharBlock(
        required=False,
        label="has the answer",
        help_text="One of that question's choices, exactly as written (for yes/no: yes or no).",
    )

    class Meta:
        label = "Condition"
        collapsed = True


class QuestionBlock(blocks.StructBlock):
    """What every answerable question has: key, label, hint, required and a condition."""

    key = blocks.RegexBlock(
        regex=KEY_PATTERN,
        max_length=40,
        help_text=KEY_HELP,
        error_messages={"invalid": "Use lower-case letters, digits and single hyphens or underscores."},
    )
    label = blocks.CharBlock(max_length=300, help_text="The question, as the respondent reads it.")
    hint = blocks.TextBlock(required=False, help_text="Optional help shown under the question.")
    required = blocks.BooleanBlock(required=False, default=True, help_text="An answer is needed to go on.")
    condition = ConditionBlock()

    class Meta:
        icon = "help"


class ShortTextBlock(QuestionBlock):
    class Meta:
        label = "Short text"


class LongTextBlock(QuestionBlock):
    word_limit = blocks.IntegerBlock(required=False, min_value=1, help_text="Optional maximum words.")

    class Meta:
        label = "Long text"


def _choices_block():
    return blocks.ListBlock(blocks.CharBlock(max_length=200, label="Choice"), min_num=2)


class SingleChoiceBlock(QuestionBlock):
    choices = _choices_block()
    allow_other = blocks.BooleanBlock(required=False, help_text='Add "Other (please say)" with a text box.')

    class Meta:
        label = "Single choice"


class MultipleChoiceBlock(QuestionBlock):
    choices = _choices_block()
    max_choices = blocks.IntegerBlock(
        required=False, min_value=1, help_text="Optional: the most answers someone may tick."
    )

    class Meta:
        label = "Multiple choice"


class AgreementBlock(QuestionBlock):
    class Meta:
        label = "Agreement scale (strongly agree to strongly disagree, don't know)"


class FFTBlock(QuestionBlock):
    class Meta:
        label = "Friends and Family Test rating (very good to very poor, don't know)"


class NumberBlock(QuestionBlock):
    min_value = blocks.IntegerBlock(required=False, label="Smallest allowed")
    max_value = blocks.IntegerBlock(required=False, label="Largest allowed")

    def clean(self, value):
        value = super().clean(value)
        low, high = value.get("min_value"), value.get("max_value")
        if low is not None and high is not None and low > high:
            raise blocks.StructBlockValidationError(
                block_errors={"max_value": ValidationError("Must be at least the smallest allowed.")}
            )
        return value

    class Meta:
        label = "Number"


class DateBlock(QuestionBlock):
    class Meta:
        label = "Date"


class YesNoBlock(QuestionBlock):
    class Meta:
        label = "Yes or no"


class PostcodeDistrictBlock(QuestionBlock):
    class Meta:
        label = "Postcode district (first half of a postcode only)"


class PublishConsentBlock(QuestionBlock):
    """Asks whether the response may be published, with a name or anonymously; at most one per
    questionnaire. Only responses that say yes reach the moderation queue (published_responses/)."""

    key = blocks.RegexBlock(
        regex=KEY_PATTERN,
        max_length=40,
        default="publish-consent",
        help_text=KEY_HELP,
        error_messages={"invalid": "Use lower-case letters, digits and single hyphens or underscores."},
    )
    label = blocks.CharBlock(
        max_length=300, default=PUBLISH_CONSENT_LABEL, help_text="The question, as the respondent reads it."
    )
    hint = blocks.TextBlock(
        required=False,
        default="We read every response. If you say yes, staff may publish what you wrote on this page "
        "after the consultation closes, with anything that could identify someone removed.",
        help_text="Optional help shown under the question.",
    )
    required = blocks.BooleanBlock(required=False, default=False, help_text="An answer is needed to go on.")

    class Meta:
        label = "Consent to publish the response (with my name, anonymously, or no)"


class InformationBlock(blocks.StructBlock):
    text = blocks.RichTextBlock(features=SIMPLE_RICH_TEXT)

    class Meta:
        label = "Information (text only, no answer)"
        icon = "info-circle"


QUESTION_TYPES = {
    "short_text": ShortTextBlock,
    "long_text": LongTextBlock,
    "single_choice": SingleChoiceBlock,
    "multiple_choice": MultipleChoiceBlock,
    "agreement": AgreementBlock,
    "fft": FFTBlock,
    "number": NumberBlock,
    "date": DateBlock,
    "yes_no": YesNoBlock,
    "postcode_district": PostcodeDistrictBlock,
    "publish_consent": PublishConsentBlock,
    "information": InformationBlock,
}


class QuestionsBlock(blocks.StreamBlock):
    short_text = ShortTextBlock()
    long_text = LongTextBlock()
    single_choice = SingleChoiceBlock()
    multiple_choice = MultipleChoiceBlock()
    agreement = AgreementBlock()
    fft = FFTBlock()
    number = NumberBlock()
    date = DateBlock()
    yes_no = YesNoBlock()
    postcode_district = PostcodeDistrictBlock()
    publish_consent = PublishConsentBlock()
    information = InformationBlock()


class SectionBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=200)
    intro = blocks.RichTextBlock(features=SIMPLE_RICH_TEXT, required=False)
    questions = QuestionsBlock()

    class Meta:
        icon = "list-ul"
        label = "Section"
        template = "blocks/questionnaire_section.html"


def condition_answers(block_type, value):
    """The answers a condition on this question may name, or None if it cannot be a condition's source."""
    if block_type not in CONDITION_SOURCES:
        return None
    fixed = CONDITION_SOURCES[block_type]
    if fixed is not None:
        return {code for code, _ in fixed}
    return {str(choice) for choice in value.get("choices") or []}


def questionnaire_errors(sections):
    """{(section index, question index): {child name: message}} for keys and conditions.

    `sections` is a list of section values (dict-like, with "questions" a list of
    (block type, value) pairs).
    """
    errors = {}
    seen = {}  # key -> (block type, value), earlier questions only
    consent_asked = False
    for s_index, section in enumerate(sections):
        for q_index, (block_type, value) in enumerate(section["questions"]):
            if block_type == "information":
                continue
            key = value.get("key")
            problems = {}
            condition = value.get("condition") or {}
            source, answer = (condition.get("question") or "").strip(), (condition.get("value") or "").strip()
            if source or answer:
                if source not in seen:
                    problems["condition"] = (
                        f"'{source}' is not the key of an earlier question: a condition must "
                        "point to a question before this one."
                        if source
                        else "Give the key of the question this one depends on."
                    )
                else:
                    offered = condition_answers(*seen[source])
                    if offered is None:
                        problems["condition"] = (
                            f"'{source}' is not a single choice, multiple choice or yes/no question."
                        )
                    elif answer not in offered:
                        problems["condition"] = (
                            f"'{answer}' is not an answer '{source}' offers: choose one of "
                            + ", ".join(sorted(offered))
                            + "."
                        )
            if key and key in seen:
                problems["key"] = f"The key '{key}' is already used by another question: keys must be unique."
            if block_type == "publish_consent":
                if consent_asked:
                    problems["label"] = (
                        "A questionnaire asks once whether a response may be published: remove this question."
                    )
                consent_asked = True
            if problems:
                errors[(s_index, q_index)] = problems
            if key and key not in seen:
                seen[key] = (block_type, value)
    return errors


class QuestionnaireBlock(blocks.StreamBlock):
    """Sections of questions; the whole questionnaire is checked for keys and conditions."""

    section = SectionBlock()

    class Meta:
        required = False

    def clean(self, value):
        value = super().clean(value)
        sections = [
            {"questions": [(child.block_type, child.value) for child in section.value["questions"]]}
            for section in value
        ]
        errors = questionnaire_errors(sections)
        if not errors:
            return value
        by_section = {}
        for (s_index, q_index), problems in errors.items():
            by_section.setdefault(s_index, {})[q_index] = blocks.StructBlockValidationError(
                block_errors={
                    name: ValidationError(message)
                    if name != "condition"
                    else blocks.StructBlockValidationError(
                        block_errors={"question": ValidationError(message)}
                    )
                    for name, message in problems.items()
                }
            )
        messages = [message for problems in errors.values() for message in problems.values()]
        raise blocks.StreamBlockValidationError(
            block_errors={
                s_index: blocks.StructBlockValidationError(
                    block_errors={
                        "questions": blocks.StreamBlockValidationError(block_errors=question_errors)
                    }
                )
                for s_index, question_errors in by_section.items()
            },
            non_block_errors=ErrorList([ValidationError(message) for message in messages]),
        )
