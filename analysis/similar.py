"""Finding near-identical free-text answers: possible campaign responses and duplicates.

Run in the background (analysis/tasks.py, or `manage.py find_similar_responses`), never on a page
view; the clusters found are stored for a person to decide (analysis/coding.py `decide`).

For each free-text question, the counted responses' answers are normalised (lower case, letters
and digits only, single spaces); answers shorter than MIN_LENGTH are left out ("no", "none" are
alike without being a campaign). Identical normalised texts group at once; the distinct texts are
then compared with rapidfuzz's `process.extract` (the Indel ratio, 0–100, with a cutoff so most
comparisons stop early): texts are sorted by length, and each is compared only with the longer
texts whose length could still reach THRESHOLD, never with all 10,000 and never twice. Pairs at or
over THRESHOLD are joined (union-find) into clusters of two or more responses.

Running it again replaces the undecided clusters and keeps decided ones: a response in a decided
cluster is not put in a new one.
"""

import re
from collections import defaultdict

from django.db import transaction
from django.db.models.fields.json import KT
from rapidfuzz import fuzz, process

from analysis.models import Cluster, ClusterMember, Decision
from questionnaires.answers import FREE_TEXT_TYPES, questions_in_order
from questionnaires.counting import counted
from questionnaires.models import Response

THRESHOLD = 90
MIN_LENGTH = 20
NOT_WORD = re.compile(r"[^\w]+")


def normalise(value):
    return " ".join(NOT_WORD.sub(" ", str(value or "").lower()).split())


def _length_reach(length):
    """The shortest and longest text that could score THRESHOLD against one of `length` characters."""
    ratio = THRESHOLD / 100
    return length * ratio / (2 - ratio), length * (2 - ratio) / ratio


def similar_groups(texts):
    """[[index, …]] of texts (already normalised) that are near-identical; each group has two or more."""
    parent = list(range(len(texts)))

    def root(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(a, b):
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    by_text = defaultdict(list)
    for index, value in enumerate(texts):
        by_text[value].append(index)
    distinct = sorted(by_text, key=len)
    lengths = [len(value) for value in distinct]
    for members in by_text.values():
        for other in members[1:]:
            join(members[0], other)
    end = 0
    for index, value in enumerate(distinct):
        # Only longer texts within reach: shorter ones compared with this one already.
        high = _length_reach(lengths[index])[1]
        end = max(end, index + 1)
        while end < len(distinct) and lengths[end] <= high:
            end += 1
        matches = process.extract(
            value, distinct[index + 1 : end], scorer=fuzz.ratio, score_cutoff=THRESHOLD, limit=None
        )
        for _match, _score, position in matches:
            join(by_text[value][0], by_text[distinct[index + 1 + position]][0])
    groups = defaultdict(list)
    for index in range(len(texts)):
        groups[root(index)].append(index)
    return [members for members in groups.values() if len(members) > 1]


def free_text_keys(page):
    return [q.key for q in questions_in_order(page) if q.type in FREE_TEXT_TYPES]


def find_clusters(page):
    """Replace the opportunity's undecided clusters with those found now; returns how many were found."""
    decided = set(
        ClusterMember.objects.filter(cluster__opportunity=page)
        .exclude(cluster__decision=Decision.PENDING)
        .values_list("response_id", flat=True)
    )
    found = []
    responses = counted(Response.objects.filter(opportunity_id=page.pk))
    for key in free_text_keys(page):
        rows = [
            (pk, normalise(value))
            for pk, value in responses.annotate(text=KT(f"answers__{key}"))
            .filter(text__isnull=False)
            .order_by("submitted_at", "pk")
            .values_list("pk", "text")
            if pk not in decided
        ]
        rows = [(pk, value) for pk, value in rows if len(value) >= MIN_LENGTH]
        texts = [value for _pk, value in rows]
        for group in similar_groups(texts):
            first = texts[group[0]]
            found.append((key, [(rows[i][0], round(fuzz.ratio(first, texts[i]))) for i in group]))
    with transaction.atomic():
        Cluster.objects.filter(opportunity=page, decision=Decision.PENDING).delete()
        for key, members in found:
            cluster = Cluster.objects.create(opportunity=page, question_key=key)
            ClusterMember.objects.bulk_create(
                [ClusterMember(cluster=cluster, response_id=pk, similarity=score) for pk, score in members]
            )
    return len(found)
