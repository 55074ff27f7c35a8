"""Create or update demo pages and records so that loading twice changes nothing."""

import copy

from django.core.management.base import CommandError
from wagtail.blocks import StreamValue
from wagtail.fields import StreamField
from wagtail.models import Page

CREATED = "created"
UPDATED = "updated"
UNCHANGED = "unchanged"
KEPT = "kept"
DRAFTED = "drafted"


def publish_revision(page, revision):
    """Publish a demo revision directly; opportunities pass their own (sign-off) instead."""
    revision.publish()
    return True


def ensure_page(
    parent, model, slug, *, fields, children=None, stdout=None, force=False, publish=publish_revision
):
    """Create a `model` page at `slug` under `parent`, or bring the one there up to date.

    `fields` maps field names to values: plain values; a model instance (or None) for a
    foreign key; a list of objects for a many-to-many field; a list of JSON-style blocks
    ({"type": ..., "value": ...}) for a stream field. `children` maps the names of child
    relations (the inline panels: aims, actions…) to lists of field dicts, in order.

    Pages are published through revisions, as an editor would, so they have a history:
    `publish(page, revision)` does it and says whether the page went live (an opportunity goes
    live only through sign-off). Returns (page, outcome), outcome being one of CREATED, UPDATED,
    UNCHANGED, KEPT or DRAFTED (saved, waiting to be published); see `update_page` for when an
    existing page is kept as it is.
    """
    existing = Page.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        page = existing.specific
        if not isinstance(page, model):
            raise CommandError(
                f"{page.url_path} is a {type(page).__name__}, not a {model.__name__}: "
                "move or delete it, then load the demo content again."
            )
        return page, update_page(
            page, fields=fields, children=children, stdout=stdout, force=force, publish=publish
        )

    page = model(slug=slug, live=False)
    apply_fields(page, fields, children)
    # add_child logs the creation; the revision then makes the page live, as in the admin.
    parent.add_child(instance=page)
    outcome = CREATED if publish(page, page.save_revision(log_action=True)) else DRAFTED
    _report(stdout, outcome, page)
    return page, outcome


def update_page(page, *, fields, children=None, stdout=None, force=False, publish=publish_revision):
    """Bring an existing page into line with `fields` and `children`; return the outcome.

    A revision is saved and published only if something differs. A page that a person has
    changed since the demo content last wrote it (its latest revision has a user) or has
    unpublished is KEPT as it is, so reloading the demo never overwrites someone's work;
    `force` overrides that.
    """
    if not force and _changed_by_someone(page):
        _report(stdout, KEPT, page, "changed in the admin since the demo content was loaded")
        return KEPT
    if not apply_fields(page, fields, children) and page.live:
        return UNCHANGED
    # Publishing copies the tree fields from this instance: make sure children added since it
    # was loaded are counted.
    page.refresh_from_db(fields=["numchild"])
    outcome = UPDATED if publish(page, page.save_revision(log_action=True)) else DRAFTED
    _report(stdout, outcome, page)
    return outcome


def apply_fields(obj, fields, children=None):
    """Set `fields` and child relations on `obj` (unsaved); return True if anything differed."""
    changed = False
    for name, value in fields.items():
        field = obj._meta.get_field(name)
        if field.many_to_many:
            manager = getattr(obj, name)
            if sorted(o.pk for o in manager.all()) != sorted(o.pk for o in value):
                manager.set(value)
                changed = True
        elif field.many_to_one:
            if getattr(obj, field.attname) != (value.pk if value is not None else None):
                setattr(obj, name, value)
                changed = True
        elif isinstance(field, StreamField):
            wanted = field.to_python(copy.deepcopy(value))
            if stream_data(field, getattr(obj, name)) != stream_data(field, wanted):
                setattr(obj, name, wanted)
                changed = True
        elif getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True

    for relation, rows in (children or {}).items():
        manager = getattr(obj, relation)
        existing = list(manager.all())
        current = [
            {key: getattr(child, key) for key in row} for child, row in zip(existing, rows, strict=False)
        ]
        if len(existing) != len(rows) or current != rows:
            # Rows already there are updated in place, keeping their ids: records above pages
            # (an event session's bookings) point at them.
            children_now = []
            for i, row in enumerate(rows):
                child = existing[i] if i < len(existing) else manager.model()
                for key, value in {"sort_order": i, **row}.items():
                    setattr(child, key, value)
                children_now.append(child)
            manager.set(children_now)
            changed = True
    return changed


def stream_data(field, value):
    """A stream's content as JSON without block ids, complete as the admin would save it.

    Every block is converted to its Python value and back, so missing optional values are
    filled with their defaults and two loads of the same content compare equal.
    """
    if not isinstance(value, StreamValue):
        value = field.to_python(copy.deepcopy(value))
    for _block in value:
        pass  # converts each block from its raw JSON
    return _without_ids(field.stream_block.get_prep_value(value))


def _without_ids(data):
    if isinstance(data, dict):
        return {key: _without_ids(item) for key, item in data.items() if key != "id"}
    if isinstance(data, list):
        return [_without_ids(item) for item in data]
    return data


def _changed_by_someone(page):
    revision = page.latest_revision
    return not page.live or (revision is not None and revision.user_id is not None)


def _report(stdout, outcome, page, why=""):
    if stdout is not None:
        stdout.write(f"  {outcome:<9} {page.url or page.url_path}{f' ({why})' if why else ''}")


def block(block_type, value):
    """One JSON-style stream block, as `ensure_page` expects for stream fields."""
    return {"type": block_type, "value": value}


def heading(text, level="h2"):
    return block("heading", {"text": text, "level": level})


def paragraph(html):
    return block("paragraph", html)


def inset(html):
    return block("inset_text", {"body": html})


def warning(title, html, heading_level=2):
    return block("warning_callout", {"title": title, "heading_level": heading_level, "body": html})


def details(title, html):
    return block("details", {"title": title, "body": [{"type": "richtext", "value": html}]})


def action_link(text, page=None, url=""):
    return block(
        "action_link",
        {"text": text, "internal_page": page.pk if page else None, "external_url": url, "new_window": False},
    )


def table(caption, rows, *, first_col_is_header=False):
    return block(
        "table",
        {
            "caption": caption,
            "table": {
                "data": rows,
                "first_row_is_table_header": True,
                "first_col_is_header": first_col_is_header,
            },
        },
    )


def link(page=None, *, text="", url=""):
    """One item of a LinkListBlock (home page links, footer, social media)."""
    return block("link", {"label": text, "page": page.pk if page else None, "external_url": url})
