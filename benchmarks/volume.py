"""Fictional volume for benchmarks: thousands of live pages added in bulk on top of the demo site.

Used by `manage.py generate_volume_data` (make bench, make loadtest) and by tests that need a busy
site. Pages are inserted directly into the page tree (paths computed as treebeard would) and made
live without revisions, so building thousands of
them takes seconds rather than the minutes that `add_child` and a published revision each
would. Everything is deterministic: the same counts give the same pages.
"""

import datetime
import io
import random
import uuid
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.files.images import ImageFile
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from wagtail.images import get_image_model
from wagtail.models import Page

from pages.models import (
    Audience,
    HomePage,
    OpportunityIndexPage,
    OpportunityPage,
    StrategyPage,
    Topic,
    YouSaidWeDidIndexPage,
    YouSaidWeDidPage,
)
from pages.models.opportunities import Level, OpportunityType
from pages.models.strategy import (
    ActionPlanStatus,
    StrategyAction,
    StrategyAim,
    StrategyObjective,
    StrategyPrinciple,
    StrategyStatus,
)
from pages.models.you_said_we_did import ActionStatus, FeedbackSource, YouSaidWeDidAction

# The page whose presence says the volume data is already loaded.
STRATEGY_SLUG = "engagement-strategy-2026-2029"
SLUG_PREFIX = "v"

SERVICES = [
    "urgent care",
    "GP appointments",
    "maternity care",
    "mental health support",
    "diabetes care",
    "community nursing",
    "hospital discharge",
    "cancer screening",
    "children's wheelchair services",
    "repeat prescriptions",
    "patient transport",
    "dementia support",
    "stroke rehabilitation",
    "end of life care",
    "sexual health clinics",
    "dental access",
    "eye care",
    "physiotherapy",
    "learning disability health checks",
    "carers' breaks",
]
PLACES = ["Mansfield", "Ashfield", "Newark", "Sherwood", "Kirkby", "Ollerton", "Southwell", "Hucknall"]
ASPECTS = [
    "what matters to you",
    "proposed changes",
    "opening hours",
    "booking and waiting",
    "information and leaflets",
    "getting there",
    "care closer to home",
    "your experience",
    "digital access",
    "services for young people",
]
EXTRA_TOPICS = [
    "Diabetes",
    "Dementia",
    "Stroke",
    "End of life care",
    "Sexual health",
    "Dental services",
    "Eye health",
    "Hearing services",
    "Respiratory care",
    "Heart health",
    "Kidney care",
    "Musculoskeletal services",
    "Pharmacy",
    "Hospital discharge",
    "Digital services",
    "Carers' support",
    "Falls prevention",
    "Weight management",
    "Smoking cessation",
    "Social prescribing",
]
EXTRA_AUDIENCES = [
    "Armed forces veterans",
    "Gypsy, Roma and Traveller communities",
    "Homeless people",
    "LGBTQ+ people",
    "Men",
    "Migrants and refugees",
    "Neurodivergent people",
    "People in rural areas",
    "Students",
    "Working-age adults",
]
THEMES = [
    "Listening",
    "Seldom-heard groups",
    "Governance",
    "Digital engagement",
    "Working with partners",
    "Feedback and evidence",
    "Staff and volunteers",
    "Communications",
]
EVENT_TYPES = {OpportunityType.EVENT, OpportunityType.FOCUS_GROUP, OpportunityType.CAFE}


@dataclass
class Counts:
    opportunities: int = 2000
    outcomes: int = 2000
    actions: int = 100
    images: int = 24


def already_loaded():
    return Page.objects.filter(slug=STRATEGY_SLUG).exists()


def build(counts, stdout=None, today=None):
    """Add the volume to the demo site; returns {what: how many} added."""
    today = today or timezone.localdate()
    rng = random.Random(20260101)
    say = stdout.write if stdout is not None else (lambda _text: None)
    home = HomePage.objects.get()
    opportunity_index = OpportunityIndexPage.objects.child_of(home).get()
    outcome_index = YouSaidWeDidIndexPage.objects.child_of(home).get()

    topics, audiences = vocabularies()
    images = make_images(counts.images, rng)
    say(f"  {len(images)} images, {len(topics)} topics, {len(audiences)} audiences")

    opportunities, outcome_due = make_opportunities(counts.opportunities, today, rng, images)
    add_live_children(opportunity_index, opportunities)
    link_many(
        OpportunityPage.topics.through, "opportunitypage_id", "topic_id", opportunities, topics, rng, 1, 3
    )
    link_many(
        OpportunityPage.audiences.through,
        "opportunitypage_id",
        "audience_id",
        opportunities,
        audiences,
        rng,
        0,
        2,
    )
    say(f"  {len(opportunities)} opportunities under {opportunity_index.url_path}")

    outcomes = make_outcomes(counts.outcomes, today, rng, images, outcome_due)
    add_live_children(outcome_index, outcomes)
    link_many(YouSaidWeDidPage.topics.through, "yousaidwedidpage_id", "topic_id", outcomes, topics, rng, 1, 2)
    YouSaidWeDidAction.objects.bulk_create(
        [
            YouSaidWeDidAction(
                page_id=page.pk,
                sort_order=n,
                action=f"We {rng.choice(['changed', 'reviewed', 'rewrote', 'extended', 'funded'])} "
                f"{rng.choice(ASPECTS)} for {rng.choice(SERVICES)} in {rng.choice(PLACES)}.",
                status=rng.choice(ActionStatus.values),
            )
            for page in outcomes
            for n in range(rng.randint(1, 3))
        ],
        batch_size=500,
    )
    say(f"  {len(outcomes)} 'You said, We did' items under {outcome_index.url_path}")

    strategy = make_strategy(home, counts.actions, today, rng)
    say(f"  a strategy with {counts.actions} actions at {strategy.url_path}")
    return {
        "opportunities": len(opportunities),
        "outcomes": len(outcomes),
        "strategy actions": counts.actions,
        "images": len(images),
    }


def vocabularies():
    """The demo's topics and audiences plus more, so the filters are as long as a real site's."""
    for model, names in ((Topic, EXTRA_TOPICS), (Audience, EXTRA_AUDIENCES)):
        existing = set(model.objects.values_list("slug", flat=True))
        model.objects.bulk_create(
            [model(name=name, slug=slugify(name)) for name in names if slugify(name) not in existing]
        )
    return list(Topic.objects.all()), list(Audience.objects.all())


def make_images(count, rng):
    """Small JPEGs drawn with Pillow, stored as Wagtail images."""
    from PIL import Image as PILImage
    from PIL import ImageDraw

    image_model = get_image_model()
    images = []
    for n in range(count):
        colour = tuple(rng.randint(40, 220) for _ in range(3))
        picture = PILImage.new("RGB", (960, 540), colour)
        draw = ImageDraw.Draw(picture)
        for _ in range(12):
            x, y = rng.randint(0, 900), rng.randint(0, 500)
            size = rng.randint(40, 240)
            shade = tuple(rng.randint(0, 255) for _ in range(3))
            draw.ellipse([x, y, x + size, y + size], fill=shade)
        data = io.BytesIO()
        picture.save(data, "JPEG", quality=80)
        image = image_model(title=f"Community event photo {n + 1}")
        image.file = ImageFile(io.BytesIO(data.getvalue()), name=f"volume-{n + 1:03}.jpg")
        image._set_image_file_metadata()
        image.save()
        images.append(image)
    return images


def body(rng, images, subject):
    """A page body as editors write one: a heading, a paragraph, sometimes an image, a details block."""
    # Raw stream JSON, which the body field accepts as it is; no helpers needed from the demo app.
    blocks = [
        {"type": "heading", "value": {"text": "Why we are asking", "level": "h2"}},
        {
            "type": "paragraph",
            "value": f"<p>We want to hear from people who use {subject}. What you tell us will shape the "
            "decisions we make and we will publish what changed as a result.</p>",
        },
    ]
    if images and rng.random() < 0.3:
        picture = {"content_image": rng.choice(images).pk, "alt_text": "People talking at a community event"}
        blocks.append({"type": "image", "value": {**picture, "caption": ""}})
    what_next = [{"type": "richtext", "value": "<p>Everything people tell us is read and summarised.</p>"}]
    blocks.append({"type": "details", "value": {"title": "What happens next", "body": what_next}})
    return blocks


def make_opportunities(count, today, rng, images):
    """Unsaved opportunities spread over every type and public status; and the dates outcomes are due.

    Of every ten: two upcoming, three open, two closed awaiting an outcome, three closed with an
    outcome (a 'You said, We did' item links to those).
    """
    types = list(OpportunityType)
    pages, outcome_due = [], []
    for n in range(count):
        kind = types[(n * 3) % len(types)]
        service, place, aspect = rng.choice(SERVICES), rng.choice(PLACES), rng.choice(ASPECTS)
        bucket = n % 10
        if bucket < 2:  # upcoming
            opens = today + datetime.timedelta(days=rng.randint(1, 90))
            closes = opens + datetime.timedelta(days=rng.randint(14, 84))
        elif bucket < 5:  # open
            opens = today - datetime.timedelta(days=rng.randint(0, 60))
            closes = (
                None if kind == OpportunityType.PANEL else today + datetime.timedelta(days=rng.randint(0, 90))
            )
        else:  # closed
            closes = today - datetime.timedelta(days=rng.randint(1, 700))
            opens = closes - datetime.timedelta(days=rng.randint(14, 84))
        title = f"{service[0].upper()}{service[1:]} in {place}: {aspect}"
        page = OpportunityPage(
            title=title,
            slug=f"{SLUG_PREFIX}{n}-{slugify(title)}"[:80],
            opportunity_type=kind,
            level=Level.CONSULT
            if kind == OpportunityType.CONSULTATION
            else rng.choice([Level.ENGAGE, Level.INFORM]),
            is_service_change=kind == OpportunityType.CONSULTATION,
            summary=f"Tell us about {service} in {place}: {aspect}. It takes about ten minutes and "
            "everything you say helps us plan local NHS services.",
            intro=f"A {kind.label.lower()} about {service} for people in {place}.",
            search_description=f"Have your say about {service} in {place}.",
            body=body(rng, images, service),
            opens=opens,
            closes=closes,
            outcome_expected=closes + datetime.timedelta(weeks=10) if closes and bucket == 6 else None,
            location=f"Community hall, {place}" if kind in EVENT_TYPES else "",
            online_link="" if kind in EVENT_TYPES else "https://surveys.example.nhs.uk/volume",
            how_to_take_part="<ol><li>Read the summary.</li><li>Answer online, by phone or on paper.</li>"
            "</ol>",
            alternative_formats=rng.sample(
                ["easy_read", "large_print", "bsl", "other_languages", "paper"], 2
            ),
            alternative_formats_how="Call the engagement team and we will send it within five working days.",
            contact_name="Engagement team",
            contact_email="engagement@example.nhs.uk",
            contact_phone="01632 960 001",
        )
        if kind in EVENT_TYPES:
            day = opens + datetime.timedelta(days=7)
            start = datetime.datetime.combine(
                day, datetime.time(10, 0), tzinfo=timezone.get_current_timezone()
            )
            page.event_start, page.event_end = start, start + datetime.timedelta(hours=2)
        pages.append(page)
        if bucket >= 7:
            outcome_due.append(page)
    return pages, outcome_due


def make_outcomes(count, today, rng, images, answered):
    """Unsaved 'You said, We did' items over five years; the first ones answer `answered`."""
    pages = []
    for n in range(count):
        opportunity = answered[n] if n < len(answered) else None
        service, place = rng.choice(SERVICES), rng.choice(PLACES)
        date = (
            opportunity.closes + datetime.timedelta(days=rng.randint(1, 60))
            if opportunity
            else today - datetime.timedelta(days=rng.randint(0, 5 * 365))
        )
        title = f"{service[0].upper()}{service[1:]} in {place}: you told us about {rng.choice(ASPECTS)}"
        pages.append(
            YouSaidWeDidPage(
                title=title,
                slug=f"{SLUG_PREFIX}{n}-{slugify(title)}"[:80],
                you_said=f"<p>People told us that {service} in {place} was hard to find out about "
                "and that they wanted more choice of times.</p>",
                we_did_summary=f"We changed how {service} in {place} is booked and published "
                "clearer information.",
                intro=f"What people told us about {service}, and what changed.",
                body=body(rng, images, service),
                source=rng.choice(FeedbackSource.values),
                participants=rng.randint(5, 1500),
                date=min(date, today),
                opportunity_id=opportunity.pk if opportunity else None,
            )
        )
    return pages


def make_strategy(home, actions, today, rng):
    strategy = StrategyPage(
        title="Engagement strategy 2026 to 2029",
        slug=STRATEGY_SLUG,
        period="2026–2029",
        status=StrategyStatus.CURRENT,
        review_date=today + datetime.timedelta(days=365),
        intro="How we will involve people in planning and changing local NHS services.",
        summary="<p>Our commitments to patients, carers and communities for the next three years.</p>",
        body=[{"type": "paragraph", "value": "<p>This strategy was written with our lay members.</p>"}],
    )
    add_live_children(home, [strategy])
    StrategyAim.objects.bulk_create(
        [
            StrategyAim(page_id=strategy.pk, sort_order=n, aim=f"Aim {n + 1}: {aspect}")
            for n, aspect in enumerate(ASPECTS[:6])
        ]
    )
    StrategyObjective.objects.bulk_create(
        [
            StrategyObjective(
                page_id=strategy.pk,
                sort_order=n,
                objective=f"Improve how we involve people in {service}.",
                how_achieved="<p>Regular listening events and surveys.</p>",
                expected_outcomes="<p>More people take part, from more communities.</p>",
            )
            for n, service in enumerate(SERVICES[:10])
        ]
    )
    StrategyPrinciple.objects.bulk_create(
        [
            StrategyPrinciple(page_id=strategy.pk, sort_order=n, title=f"We will {verb}")
            for n, verb in enumerate(["listen", "explain", "include", "report back", "be honest", "learn"])
        ]
    )
    StrategyAction.objects.bulk_create(
        [
            StrategyAction(
                page_id=strategy.pk,
                sort_order=n,
                theme=THEMES[n * len(THEMES) // actions],
                action=f"Hold {rng.choice(['quarterly', 'monthly', 'annual'])} listening events about "
                f"{rng.choice(SERVICES)} in {rng.choice(PLACES)}.",
                lead=rng.choice(
                    ["Head of engagement", "Lay member for PPI", "Equality lead", "Director of nursing"]
                ),
                due_date=today + datetime.timedelta(days=rng.randint(-300, 700)) if n % 3 else None,
                timing="" if n % 3 else "Ongoing",
                measure="Number of people taking part and what changed as a result.",
                status=rng.choice(ActionPlanStatus.values),
                progress_note="Two events held so far; the next is booked." if n % 2 else "",
            )
            for n in range(actions)
        ]
    )
    return strategy


def add_live_children(parent, pages):
    """Insert unsaved specific `pages` as live children of `parent`, in bulk and without revisions.

    The base page rows are bulk-created with the tree paths treebeard would give them; each
    page's own table row is then inserted on its own (Django cannot bulk-create multi-table
    models). Search index and reference index signals are not sent: index afterwards.
    """
    if not pages:
        return
    # Relies on treebeard internals (MP_Node._get_lastpos_in_path and MP_Node._get_path, private
    # methods of django-treebeard's materialised path tree, which Wagtail's Page is built on): they
    # give the paths add_child would, without its one query and one save per page. An upgrade of
    # treebeard or Wagtail that changes them breaks this; benchmarks/tests/test_volume_data.py and
    # reporting/tests/test_busy_year.py would fail, and Page.find_problems() reports a bad tree.
    parent = Page.objects.get(pk=parent.pk)
    last = parent.get_last_child()
    first_position = last._get_lastpos_in_path() + 1 if last else 1
    content_type = ContentType.objects.get_for_model(type(pages[0]))
    now = timezone.now()
    base_fields = [field for field in Page._meta.concrete_fields if not field.primary_key]
    rows = []
    for position, page in enumerate(pages, start=first_position):
        page.path = Page._get_path(parent.path, parent.depth + 1, position)
        page.depth = parent.depth + 1
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.content_type = content_type
        page.locale_id = parent.locale_id
        page.translation_key = uuid.uuid4()
        page.draft_title = page.title
        page.live = True
        page.has_unpublished_changes = False
        page.first_published_at = page.last_published_at = now
        rows.append(Page(**{field.attname: getattr(page, field.attname) for field in base_fields}))
    Page.objects.bulk_create(rows, batch_size=500)
    for page, row in zip(pages, rows, strict=True):
        page.pk = page.page_ptr_id = row.pk
        page.save_base(raw=True, force_insert=True)
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))


def link_many(through, own, other, pages, terms, rng, least, most):
    """Tag each page with between `least` and `most` of `terms`, in bulk."""
    through.objects.bulk_create(
        [
            through(**{own: page.pk, other: term.pk})
            for page in pages
            for term in rng.sample(terms, rng.randint(least, min(most, len(terms))))
        ],
        batch_size=1000,
    )
