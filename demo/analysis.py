"""The demo analysis of two questionnaires: a coding frame each, coded answers and quotes for use.

- The urgent care consultation (open): a campaign of near-identical answers found and decided, and
  a draft outcome, "what we are hearing so far", that shows four themes with their counts.
- The NHS 111 survey (closed): its published "You said, We did" item takes its figures from the
  analysis, as an editor would set them: the themes chosen, with their counts, and the number of
  people who took part as the site counts them (pages/participation.py). The page also shows the
  reach table, and the survey's published responses are listed (demo/published_responses.py).

A step of `manage.py load_demo_content`, after the responses; it does nothing to a consultation
whose coding frame is already there, so loading twice changes nothing.
"""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model

from analysis import coding, similar
from analysis.models import Cluster, Decision, Theme
from pages.models import OpportunityPage, YouSaidWeDidIndexPage, YouSaidWeDidPage
from pages.participation import counted_participants
from questionnaires.counting import counted
from questionnaires.recording import record_response


@dataclass(frozen=True)
class Analysis:
    slug: str
    question: str
    # (theme, what it covers, words in an answer that put it under the theme)
    themes: list
    quotes: tuple  # the first answer with each of these words is marked for use
    outcome_themes: int  # how many of the themes (in order) the outcome shows
    campaign: list = field(default_factory=list)
    campaign_answers: dict = field(default_factory=dict)
    draft_outcome: dict | None = None
    published_outcome: str = ""  # the slug of the live outcome the analysis gives its figures to


URGENT_CARE = Analysis(
    slug="future-of-urgent-care",
    question="proposal-views",
    themes=[
        ("Waiting and getting through", "Waits on the phone or at the centre.", ("wait", "phone")),
        ("Booking online", "Booking appointments online or by app.", ("online", "booking")),
        ("Getting there", "Travel, parking and finding the building.", ("parking", "bus", "find")),
        (
            "Keeping a walk-in option",
            "A service people can turn up to without booking.",
            ("walk-in", "walk in"),
        ),
        ("Opening hours", "Evening and weekend access.", ("evening",)),
        ("How staff treated me", "Kindness and explanations.", ("staff",)),
    ],
    quotes=("walk-in", "parking"),
    outcome_themes=4,
    campaign=[
        "Keep our walk-in centre open in the evenings, the nearest A&E is an hour away by bus.",
        "Keep our walk-in centre open in the evenings: the nearest A&E is an hour away by bus!",
        "Keep our walk in centre open in the evenings, the nearest A and E is an hour away by bus.",
        "keep our walk-in centre open in the evenings the nearest A&E is an hour away by bus",
        "Keep our walk-in centre open in the evening, the nearest A&E is an hour away by bus.",
        "Keep our walk-in centre open in the evenings, the nearest A&E is over an hour away by bus.",
    ],
    campaign_answers={"fft-urgent-care": "very_poor"},
    draft_outcome={
        "slug": "urgent-care-what-we-are-hearing",
        "title": "Urgent care: what we are hearing so far",
        "source": "consultation",
        "you_said": "<p>People told us how hard it is to get through by phone, that a walk-in option "
        "matters, and that getting to one centre would be difficult without a car.</p>",
        "we_did_summary": "The consultation is still open: these are early findings, shared with the "
        "urgent care programme board.",
    },
)
NHS_111 = Analysis(
    slug="nhs-111-out-of-hours-survey",
    question="what-would-help",
    themes=[
        ("Getting through on the phone", "Waits to speak to someone.", ("wait", "phone")),
        ("Knowing what is open", "Not knowing which service to use, or that it existed.", ("did not know",)),
        ("Evenings and weekends", "Care outside working hours.", ("evening",)),
        ("Help online", "Using NHS 111 online or booking online.", ("online",)),
        ("How staff treated me", "Kindness and explanations.", ("staff",)),
    ],
    quotes=("did not know", "evening"),
    outcome_themes=3,
    published_outcome="clearer-information-about-nhs-111",
)
ANALYSES = [URGENT_CARE, NHS_111]
# For the tests and the README: the demo's consultations with an analysis.
CONSULTATION = URGENT_CARE.slug
OUTCOME_SLUG = URGENT_CARE.draft_outcome["slug"]


def _staff():
    return get_user_model().objects.filter(username="engagement").first()


def build(home, stdout=None):
    for analysis in ANALYSES:
        _analyse(home, analysis, stdout)


def _analyse(home, analysis, stdout):
    page = OpportunityPage.objects.filter(slug=analysis.slug).first()
    if page is None or not page.responses.exists() or Theme.objects.filter(opportunity=page).exists():
        return
    user = _staff()
    themes = [
        (coding.add_theme(page, name, description, user=user)[0], words)
        for name, description, words in analysis.themes
    ]
    for text in analysis.campaign:
        record_response(page, answers={analysis.question: text, **analysis.campaign_answers}, channel="email")
    coded = 0
    responses = counted(page.responses.all()).filter(**{f"answers__{analysis.question}__isnull": False})
    for response in responses.order_by("submitted_at", "pk"):
        text = _text(response, analysis.question)
        chosen = [theme.pk for theme, words in themes if any(word in text for word in words)]
        if chosen:
            coding.set_themes(page, response, analysis.question, chosen, user=user)
            coded += 1
    for words in analysis.quotes:
        first = next((r for r in responses.order_by("pk")[:60] if words in _text(r, analysis.question)), None)
        if first is not None:
            coding.set_quote(first, analysis.question, for_use=True, user=user)
    similar.find_clusters(page)
    if analysis.campaign:
        campaign = next(
            (c for c in Cluster.objects.filter(opportunity=page) if "nearest a" in _first_text(c)), None
        )
        if campaign is not None:
            coding.decide(campaign, Decision.CAMPAIGN, user=user)
    shown = [theme.pk for theme, _words in themes[: analysis.outcome_themes]]
    if analysis.draft_outcome:
        outcome = _draft_outcome(home, page, shown, analysis.draft_outcome)
        said = f"; draft outcome '{outcome.title}'" if outcome else ""
    else:
        outcome = _figures_for_published_outcome(page, shown, analysis.published_outcome, user)
        said = f"; figures given to '{outcome.title}'" if outcome else ""
    if stdout is not None:
        stdout.write(
            f"  coded {coded} answers to {page.title} under {len(themes)} themes; "
            f"{Cluster.objects.filter(opportunity=page).count()} groups of similar answers{said}"
        )


def _text(response, question):
    return str((response.answers or {}).get(question) or "").lower()


def _first_text(cluster):
    member = cluster.members.select_related("response").first()
    return str((member.response.answers or {}).get(cluster.question_key, "")).lower() if member else ""


def _draft_outcome(home, page, theme_ids, fields):
    """A draft (never published: the consultation is open) that shows the chosen themes' counts."""
    index = YouSaidWeDidIndexPage.objects.child_of(home).first()
    if index is None or YouSaidWeDidPage.objects.filter(slug=fields["slug"]).exists():
        return None
    outcome = YouSaidWeDidPage(live=False, opportunity=page, outcome_themes=theme_ids, **fields)
    outcome.actions.add(
        outcome.actions.model(action="Shared the early findings with the programme board.", status="done")
    )
    index.add_child(instance=outcome)
    outcome.save_revision()
    return outcome


def _figures_for_published_outcome(page, theme_ids, slug, user):
    """The live outcome answering `page` shows the chosen themes and the site's count of who took
    part: a revision by `engagement` (who may not publish pages), published by `admin`, as in the
    admin. Reloading the demo then keeps it as it is (demo/sync.py keeps pages a person changed)."""
    outcome = YouSaidWeDidPage.objects.filter(slug=slug, opportunity=page).first()
    if outcome is None:
        return None
    outcome.outcome_themes = theme_ids
    outcome.participants = counted_participants(page)
    publisher = get_user_model().objects.filter(username="admin").first()
    outcome.save_revision(user=user, log_action=True).publish(user=publisher)
    return outcome
