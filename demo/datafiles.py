"""Reads the demo data files in demo/data/ (TOML and CSV) and turns their text into field values.

The format is described in demo/data/README.md: placeholders such as {domain} in any text, day
offsets from the load date, and stream blocks written as tables with a `type` and named fields.
"""

import csv
import datetime
import re
import tomllib
from pathlib import Path

from demo import sync

DATA = Path(__file__).resolve().parent / "data"
PLACEHOLDER = re.compile(r"\{([a-z_]+(?:\.[a-z_]+)*)\}")

# Stream blocks by the `type` the data files give them; their other keys are the helpers' arguments.
BLOCKS = {
    "heading": sync.heading,
    "paragraph": sync.paragraph,
    "inset": sync.inset,
    "warning": sync.warning,
    "details": sync.details,
    "table": sync.table,
    "action_link": sync.action_link,
}


class DemoDataError(ValueError):
    """A data file asks for something the demo cannot give: a placeholder or block type it lacks."""


def read_toml(name):
    """The contents of TOML file `name` in demo/data/."""
    with open(DATA / name, "rb") as file:
        return tomllib.load(file)


def read_csv(name):
    """The rows of a CSV file as dicts, after its leading comment lines (starting with #)."""
    with open(DATA / name, newline="", encoding="utf-8") as file:
        return list(csv.DictReader(line for line in file if not line.startswith("#")))


def day(today, offset):
    """The date `offset` days from `today` (negative: before it)."""
    return today + datetime.timedelta(days=offset)


def long_date(date):
    """A date as the demo's tables write it: Monday 3 March 2026."""
    return f"{date:%A} {date.day} {date:%B %Y}"


def fill(value, context, where=""):
    """`value` with every {placeholder} in its text taken from `context`, recursively.

    Placeholders are names, dotted into nested mappings ({teams.engagement.email}). A table
    { day = N } becomes that day's long date, counted from context["today"].
    """
    if isinstance(value, str):
        return PLACEHOLDER.sub(lambda match: str(_lookup(context, match.group(1), where)), value)
    if isinstance(value, dict):
        if value.keys() == {"day"}:
            return long_date(day(_lookup(context, "today", where), value["day"]))
        return {key: fill(item, context, where) for key, item in value.items()}
    if isinstance(value, list):
        return [fill(item, context, where) for item in value]
    return value


def check_keys(table, allowed, where):
    """Refuse keys that the loader does not read: a misspelt one would otherwise be ignored."""
    if unknown := table.keys() - set(allowed):
        raise DemoDataError(f"{where}: unknown keys {', '.join(sorted(unknown))}")


def _lookup(context, name, where):
    value = context
    for part in name.split("."):
        if not isinstance(value, dict) or part not in value:
            raise DemoDataError(f"{where or 'demo data'}: nothing to put in {{{name}}}")
        value = value[part]
    return value


def stream(specs, pages=None):
    """JSON-style stream blocks from the data files' block tables.

    A block with a `page` links to pages[page] (a path or slug, as its file says). Where that
    page is missing, the block's `otherwise` block is used instead, if it has one.
    """
    blocks = []
    for spec in specs:
        arguments = dict(spec)
        kind = arguments.pop("type")
        if kind not in BLOCKS:
            raise DemoDataError(f"no stream block of type {kind!r}: use one of {', '.join(BLOCKS)}")
        otherwise = arguments.pop("otherwise", None)
        if "page" in arguments:
            arguments["page"] = (pages or {}).get(arguments["page"])
            if arguments["page"] is None and otherwise is not None:
                blocks += stream([otherwise], pages)
                continue
        blocks.append(BLOCKS[kind](**arguments))
    return blocks


def links(specs, pages=None):
    """Link list items ({text, url} or {text, page}); links to pages that are missing are left out."""
    items = []
    for spec in specs:
        if "page" not in spec:
            items.append(sync.link(text=spec["text"], url=spec["url"]))
        elif (page := (pages or {}).get(spec["page"])) is not None:
            items.append(sync.link(page, text=spec["text"]))
    return items


def page_paths(data):
    """Every `page` a file's blocks and links name, in order: what its pages mapping must hold."""
    found = []
    if isinstance(data, dict):
        if isinstance(data.get("page"), str):
            found.append(data["page"])
        for item in data.values():
            found += page_paths(item)
    elif isinstance(data, list):
        for item in data:
            found += page_paths(item)
    return list(dict.fromkeys(found))


def page_fields(name, context, pages=None, table="page"):
    """The fields of the page in file `name` (its [page] table), its text filled from `context`.

    Its `body` becomes stream blocks, linking to `pages` as `stream` does.
    """
    fields = fill(read_toml(name)[table], context, name)
    if "body" in fields:
        fields["body"] = stream(fields["body"], pages)
    return fields
