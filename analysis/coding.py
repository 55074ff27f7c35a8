"""The rules for coding free text: themes, tags, quotes, notes and decisions on similar answers.

Every function here writes Wagtail's audit log (the response's or the opportunity's history),
naming responses by reference and themes by name, never quoting an answer. Tags are inserted with
`ignore_conflicts` against the unique constraint (analysis/models.py), inside a transaction, so a
double submit or two analysts tagging the same answer at once leave one tag.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.log_actions import log

from analysis.models import Cluster, ClusterMember, Coding, Decision, Note, Quote, Theme
from questionnaires.marking import label, set_status
from questionnaires.models import ResponseStatus

# The audit log's actions, with the label Wagtail's history shows.
LOG_ACTIONS = {
    "analysis.view": ("View the analysis", "Analysis viewed"),
    "analysis.export": ("Export the analysis", "Analysis exported"),
    "analysis.theme": ("Add a theme", "Theme added to the coding frame"),
    "analysis.code": ("Code an answer", "Answer's themes changed"),
    "analysis.bulk_code": ("Code answers in bulk", "Theme applied to selected answers"),
    "analysis.quote": ("Mark a quote for use", "Quote for use changed"),
    "analysis.note": ("Add an analyst's note", "Analyst's note added"),
    "analysis.find_similar": ("Look for similar answers", "Similar answers looked for"),
    "analysis.decide": ("Decide on similar answers", "Decision on similar answers"),
}


class CodingError(ValueError):
    """A change refused, with a message for the person who asked for it."""


def add_theme(page, name, description="", *, user):
    """A new theme in the opportunity's coding frame, or the existing one of that name; (theme, created)."""
    name = " ".join((name or "").split())
    if not name:
        raise CodingError("Enter a name for the theme")
    existing = Theme.objects.filter(opportunity=page, name__iexact=name).first()
    if existing:
        return existing, False
    try:
        with transaction.atomic():
            theme = Theme.objects.create(
                opportunity=page, name=name, description=description.strip(), created_by=user
            )
    except IntegrityError:  # someone added the same name a moment ago
        return Theme.objects.get(opportunity=page, name=name), False
    log(page, "analysis.theme", user=user, data={"theme": theme.name})
    return theme, True


def _frame(page, theme_ids):
    themes = {theme.pk: theme for theme in Theme.objects.filter(opportunity=page, pk__in=theme_ids)}
    if len(themes) != len(set(theme_ids)):
        raise CodingError("Choose themes from this consultation's coding frame")
    return themes


def set_themes(page, response, key, theme_ids, *, user):
    """Make the themes on one answer exactly `theme_ids`; returns (names added, names removed)."""
    themes = _frame(page, theme_ids)
    with transaction.atomic():
        current = dict(
            Coding.objects.select_for_update()
            .filter(response=response, question_key=key)
            .values_list("theme_id", "theme__name")
        )
        adding = [pk for pk in themes if pk not in current]
        removing = [pk for pk in current if pk not in themes]
        Coding.objects.bulk_create(
            [Coding(response=response, question_key=key, theme_id=pk, coded_by=user) for pk in adding],
            ignore_conflicts=True,
        )
        Coding.objects.filter(response=response, question_key=key, theme_id__in=removing).delete()
        added, removed = [themes[pk].name for pk in adding], [current[pk] for pk in removing]
        if added or removed:
            log(
                response,
                "analysis.code",
                user=user,
                title=label(response),
                data={"question": key, "added": added, "removed": removed},
            )
    return added, removed


def bulk_tag(page, responses, key, theme_id, *, user):
    """Add one theme to the answers of several responses; returns how many answers gained it."""
    theme = _frame(page, [theme_id])[theme_id]
    responses = list(responses)
    with transaction.atomic():
        had = set(
            Coding.objects.filter(theme=theme, question_key=key, response__in=responses).values_list(
                "response_id", flat=True
            )
        )
        new = [r for r in responses if r.pk not in had]
        Coding.objects.bulk_create(
            [Coding(response=r, question_key=key, theme=theme, coded_by=user) for r in new],
            ignore_conflicts=True,
        )
        if new:
            log(
                page,
                "analysis.bulk_code",
                user=user,
                data={"theme": theme.name, "question": key, "responses": [r.reference for r in new]},
            )
    return len(new)


def set_quote(response, key, *, for_use, excerpt="", user):
    """Mark (or unmark) one answer as a quote for use, with an optional trimmed excerpt."""
    answer = str((response.answers or {}).get(key) or "")
    excerpt = (excerpt or "").strip()
    if for_use and excerpt and excerpt not in answer:
        raise CodingError("The excerpt must be part of the answer, word for word: trim it, do not rewrite it")
    with transaction.atomic():
        if for_use:
            quote, created = Quote.objects.update_or_create(
                response=response, question_key=key, defaults={"excerpt": excerpt, "marked_by": user}
            )
        else:
            created = Quote.objects.filter(response=response, question_key=key).delete()[0] > 0
        log(
            response,
            "analysis.quote",
            user=user,
            title=label(response),
            data={"question": key, "for_use": for_use, "trimmed": bool(excerpt)},
        )
    return created


def add_note(response, text, *, user):
    text = (text or "").strip()
    if not text:
        raise CodingError("Write the note before saving it")
    note = Note.objects.create(response=response, text=text, author=user)
    log(response, "analysis.note", user=user, title=label(response), data={"note": note.pk})
    return note


def decide(cluster, decision, *, user):
    """Record a person's decision on a cluster of similar answers.

    "duplicate" keeps the first response (the earliest) and marks the others duplicate through
    questionnaires/marking.py, so they leave the public count; "campaign" keeps and counts them all,
    grouped; "not a duplicate" keeps them all and the cluster is not shown again.
    """
    if decision not in Decision.values or decision == Decision.PENDING:
        raise CodingError("Choose campaign, duplicate or not a duplicate")
    with transaction.atomic():
        cluster = Cluster.objects.select_for_update().get(pk=cluster.pk)
        cluster.decision, cluster.decided_by, cluster.decided_at = decision, user, timezone.now()
        cluster.save(update_fields=["decision", "decided_by", "decided_at"])
        members = list(ClusterMember.objects.filter(cluster=cluster).values_list("response_id", flat=True))
        if decision == Decision.DUPLICATE:
            for pk in members[1:]:
                set_status(pk, ResponseStatus.DUPLICATE, user=user, reason="near-identical answers")
        log(
            cluster.opportunity,
            "analysis.decide",
            user=user,
            data={
                "cluster": cluster.pk,
                "question": cluster.question_key,
                "decision": decision,
                "responses": len(members),
            },
        )
    return cluster
