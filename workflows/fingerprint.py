"""What a sign-off approves: a fingerprint of a revision's public and plan content.

Two revisions are "the same" for sign-off when they have the same id, or when every field an
editor can change in the page editor holds the same value: the public content, the taking-part
details, the plan, the promote tab and the stakeholder rows. Left out are the schedule (when the
page goes live or comes down, which is not content), the editors' comments, and the bookkeeping
that differs between any two revisions (ids, timestamps, the block keys the rich text editor
adds). The fingerprint is a SHA-256 of that content written as canonical JSON, so the sign-off log
can name exactly what each decision approved and anyone can check it later.
"""

import hashlib
import json
import re
from functools import cache

from django.core.serializers.json import DjangoJSONEncoder
from wagtail.fields import StreamField

SCHEDULE_FIELDS = frozenset({"go_live_at", "expire_at"})
NOT_CONTENT_RELATIONS = frozenset({"wagtail_admin_comments", "comments"})
# The rich text editor keys each paragraph; the keys are not content.
BLOCK_KEY = re.compile(r'\sdata-block-key="[^"]*"')


@cache
def signed_off_fields(model):
    """(field names, {child relation: its field names}) that an editor can change in `model`'s
    editor, the schedule and comments aside. Derived from the editor itself, so a field added to a
    panel is part of what is signed off without anyone remembering to list it; a model whose
    reviewed content is not typed in its editor (published responses) names it in
    `signed_off_extra_fields`."""
    options = model.get_edit_handler().get_form_options()
    model_fields = {field.name for field in model._meta.get_fields()}
    names = [*options["fields"], *getattr(model, "signed_off_extra_fields", ())]
    fields = tuple(sorted({name for name in names if name in model_fields and name not in SCHEDULE_FIELDS}))
    children = {
        relation: tuple(sorted(spec.get("fields", ())))
        for relation, spec in options.get("formsets", {}).items()
        if relation not in NOT_CONTENT_RELATIONS
    }
    return fields, children


def signed_off_content(model, content):
    """The part of a revision's JSON `content` that sign-off covers, in canonical form."""
    fields, children = signed_off_fields(model)
    data = {}
    for name in fields:
        value = content.get(name)
        field = model._meta.get_field(name)
        if isinstance(field, StreamField) and isinstance(value, str):
            value = json.loads(value or "[]")
        elif field.many_to_many and isinstance(value, list):
            value = sorted(value)
        data[name] = _canonical(value)
    for relation, child_fields in children.items():
        rows = content.get(relation) or []
        rows = sorted(rows, key=lambda row: (row.get("sort_order") is None, row.get("sort_order") or 0))
        data[relation] = [{name: _canonical(row.get(name)) for name in child_fields} for row in rows]
    return data


def fingerprint_content(model, content):
    # A revision just saved still holds Python values; one read back holds what JSON made of them.
    content = json.loads(json.dumps(content, cls=DjangoJSONEncoder))
    canonical = json.dumps(signed_off_content(model, content), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def fingerprint(revision):
    """The SHA-256 fingerprint of what `revision` asks the approvers to sign off."""
    model = revision.content_type.model_class()
    return fingerprint_content(model, revision.content)


def _canonical(value):
    if isinstance(value, str):
        return BLOCK_KEY.sub("", value)
    if isinstance(value, dict):
        return {key: _canonical(item) for key, item in value.items() if key != "id"}
    if isinstance(value, list):
        return [_canonical(item) for item in value]
    return value
