"""Made-up responses for the demo, the benchmark's volume data and the staff tests: seeded, so the
same seed always gives the same responses.

They are written with bulk_create, a thousand at a time, rather than one by one through
`record_response` (which the demo loader would take minutes over for the benchmark's 10,000), but
with the same rules it applies: the revision answered, the late rule (`recording.is_late`) and the
answers' hash. Answers follow each question's type; text answers come from a small list of
plausible sentences.
"""

import datetime
import random

from involvement.personal_fields import EQUALITY_QUESTIONS
from questionnaires.models import Channel, Response
from questionnaires.questions import OTHER, all_questions, other_key, questions_of
from questionnaires.recording import REFERENCE_ALPHABET, answers_hash, is_late

SAYINGS = [
    "The wait on the phone at eight in the morning is the hardest part.",
    "I would use an online booking system if it was simple.",
    "Parking near the centre is difficult for disabled people.",
    "Staff were kind and explained everything clearly.",
    "Evening appointments would help people who work.",
    "I did not know the service existed until I needed it.",
    "Please keep a walk-in option for people without a phone.",
    "The building was hard to find from the bus stop.",
]
# Names given with "Yes, publish it with my name".
NAMES = ["Pat", "Sam K.", "A carer from Mansfield", "Jo", "Chris W."]
DISTRICTS = ["NG1", "NG5", "NG7", "NG18", "DE1", "DE22", "S40", "LN1"]
# How responses arrive: mostly online, then paper, email, phone and events.
CHANNEL_WEIGHTS = [
    (Channel.ONLINE, 70),
    (Channel.PAPER, 14),
    (Channel.EMAIL, 7),
    (Channel.PHONE, 5),
    (Channel.EVENT, 4),
]


def reference(rng):
    chars = "".join(rng.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"{chars[:4]}-{chars[4:]}"


def answer(question, rng):
    """A plausible value for one question, in the shape questionnaires/questions.py describes."""
    kind, options = question.type, question.options
    if kind in ("short_text", "long_text"):
        return rng.choice(SAYINGS)
    if kind == "multiple_choice":
        values = [value for value, _label in question.choices]
        most = options.get("max_choices") or len(values)
        return rng.sample(values, rng.randint(1, max(1, min(most, len(values)))))
    if question.choices:
        values = [value for value, _label in question.choices]
        if options.get("allow_other"):
            values.append(OTHER)
        return rng.choice(values)
    if kind == "number":
        low, high = options.get("min_value") or 0, options.get("max_value") or 20
        return rng.randint(int(low), int(high))
    if kind == "date":
        return (datetime.date(2025, 1, 1) + datetime.timedelta(days=rng.randint(0, 365))).isoformat()
    if kind == "postcode_district":
        return rng.choice(DISTRICTS)
    return ""


def answers_for(questions, rng, skip=0.15):
    """Answers to the questions, leaving out some optional ones; "Other" gets its text, and
    "with my name" a name."""
    answers = {}
    for question in questions:
        if not question.required and rng.random() < skip:
            continue
        if question.condition:
            source, value = question.condition
            given = answers.get(source)
            if not (given == value or (isinstance(given, list) and value in given)):
                continue
        answers[question.key] = answer(question, rng)
        follow_up = question.follow_up
        if follow_up and answers[question.key] == follow_up[0]:
            texts = SAYINGS if follow_up[0] == OTHER else NAMES
            answers[other_key(question.key)] = rng.choice(texts)
    return answers


def about_you_answers(rng, choices_by_field):
    return {
        field: rng.choice(choices)[0] for field, choices in choices_by_field.items() if rng.random() < 0.8
    }


def build(page, count, *, seed, start, end, late_share=0.03, about_you_share=0.3):
    """`count` unsaved Responses to `page`, submitted between `start` and `end` (aware datetimes),
    plus `late_share` of them after the closing day."""
    rng = random.Random(seed)
    questions = all_questions(questions_of(page))
    equality = {field: choices for field, _question, choices in EQUALITY_QUESTIONS}
    channels = [channel for channel, _weight in CHANNEL_WEIGHTS]
    weights = [weight for _channel, weight in CHANNEL_WEIGHTS]
    span = (end - start).total_seconds()
    rows = []
    for _ in range(count):
        when = start + datetime.timedelta(seconds=rng.random() * span)
        if rng.random() < late_share:
            when = end + datetime.timedelta(hours=rng.randint(2, 72))
        answers = answers_for(questions, rng)
        rows.append(
            Response(
                opportunity_id=page.pk,
                revision_id=page.live_revision_id,
                reference=reference(rng),
                channel=rng.choices(channels, weights)[0],
                submitted_at=when,
                late=is_late(page, when),
                answers=answers,
                about_you=about_you_answers(rng, equality) if rng.random() < about_you_share else {},
                answers_hash=answers_hash(page, answers),
            )
        )
    return rows


def create(page, count, *, seed, start, end, **options):
    """Store `count` made-up responses to `page` (see `build`); returns how many were stored."""
    rows = build(page, count, seed=seed, start=start, end=end, **options)
    Response.objects.bulk_create(rows, batch_size=1000)
    return len(rows)
