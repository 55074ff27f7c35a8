"""The demo analysis of the urgent care consultation: a coding frame, coded answers, two quotes for
use, a campaign of near-identical answers found and decided, and a draft outcome that shows the
themes with their counts. A step of `manage.py load_demo_content`, after the responses; it does
nothing to a consultation whose coding frame is already there, so loading twice changes nothing.
"""

from django.contrib.auth import get_user_model

from analysis import coding, similar
from analysis.models import Cluster, Decision, Theme
from pages.models import OpportunityPage, YouSaidWeDidIndexPage, YouSaidWeDidPage
from questionnaires.counting import counted
from questionnaires.recording import record_response

CONSULTATION = "future-of-urgent-care"
QUESTION = "proposal-views"
OUTCOME_SLUG = "urgent-care-what-we-are-hearing"
# (theme, what it covers, words in an answer that put it under the theme)
THEMES = [
    ("Waiting and getting through", "Waits on the phone or at the centre.", ("wait", "phone")),
    ("Booking online", "Booking appointments online or by app.", ("online", "booking")),
    ("Getting there", "Travel, parking and finding the building.", ("parking", "bus", "find")),
    ("Keeping a walk-in option", "A service people can turn up to without booking.", ("walk-in", "walk in")),
    ("Opening hours", "Evening and weekend access.", ("evening",)),
    ("How staff treated me", "Kindness and explanations.", ("staff",)),
]
CAMPAIGN = [
    "Keep our walk-in centre open in the evenings, the nearest A&E is an hour away by bus.",
    "Keep our walk-in centre open in the evenings: the nearest A&E is an hour away by bus!",
    "Keep our walk in centre open in the evenings, the nearest A and E is an hour away by bus.",
    "keep our walk-in centre open in the evenings the nearest A&E is an hour away by bus",
    "Keep our walk-in centre open in the evening, the nearest A&E is an hour away by bus.",
    "Keep our walk-in centre open in the evenings, the nearest A&E is over an hour away by bus.",
]
OUTCOME = {
    "title": "Urgent care: what we are hearing so far",
    "source": "consultation",
    "you_said": "<p>People told us how hard it is to get through by phone, that a walk-in option "
    "matters, and that getting to one centre would be difficult without a car.</p>",
    "we_did_summary": "The consultation is still open: these are early findings, shared with the "
    "urgent care programme board.",
}


def _staff():
    return get_user_model().objects.filter(username="engagement").first()


def build(home, stdout=None):
    page = OpportunityPage.objects.filter(slug=CONSULTATION).first()
    if page is None or not page.responses.exists() or Theme.objects.filter(opportunity=page).exists():
        return
    user = _staff()
    themes = [
        (coding.add_theme(page, name, description, user=user)[0], words)
        for name, description, words in THEMES
    ]
    for text in CAMPAIGN:
        record_response(page, answers={QUESTION: text, "fft-urgent-care": "very_poor"}, channel="email")
    coded = 0
    responses = counted(page.responses.all()).filter(**{f"answers__{QUESTION}__isnull": False})
    for response in responses.order_by("submitted_at", "pk"):
        text = _text(response)
        chosen = [theme.pk for theme, words in themes if any(word in text for word in words)]
        if chosen:
            coding.set_themes(page, response, QUESTION, chosen, user=user)
            coded += 1
    for words in ("walk-in", "parking"):
        first = next((r for r in responses.order_by("pk")[:60] if words in _text(r)), None)
        if first is not None:
            coding.set_quote(first, QUESTION, for_use=True, user=user)
    similar.find_clusters(page)
    campaign = next(
        (c for c in Cluster.objects.filter(opportunity=page) if "nearest a" in _first_text(c)), None
    )
    if campaign is not None:
        coding.decide(campaign, Decision.CAMPAIGN, user=user)
    outcome = _draft_outcome(home, page, [theme.pk for theme, _words in themes[:4]])
    if stdout is not None:
        stdout.write(
            f"  coded {coded} answers to {page.title} under {len(themes)} themes; "
            f"{Cluster.objects.filter(opportunity=page).count()} groups of similar answers"
            + (f"; draft outcome '{outcome.title}'" if outcome else "")
        )


def _text(response):
    return str((response.answers or {}).get(QUESTION) or "").lower()


def _first_text(cluster):
    member = cluster.members.select_related("response").first()
    return str((member.response.answers or {}).get(cluster.question_key, "")).lower() if member else ""


def _draft_outcome(home, page, theme_ids):
    """A draft (never published: the consultation is open) that shows the chosen themes' counts."""
    index = YouSaidWeDidIndexPage.objects.child_of(home).first()
    if index is None or YouSaidWeDidPage.objects.filter(slug=OUTCOME_SLUG).exists():
        return None
    outcome = YouSaidWeDidPage(
        slug=OUTCOME_SLUG, live=False, opportunity=page, outcome_themes=theme_ids, **OUTCOME
    )
    outcome.actions.add(
        outcome.actions.model(action="Shared the early findings with the programme board.", status="done")
    )
    index.add_child(instance=outcome)
    outcome.save_revision()
    return outcome
