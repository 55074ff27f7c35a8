"""The demo prose pages: about us, accessibility statement, privacy notice, how to get involved."""

import datetime

from demo.datafiles import page_fields, page_paths, read_toml
from demo.organisation import contacts

ABOUT_SLUG = "about"
ACCESSIBILITY_SLUG = "accessibility-statement"
PRIVACY_SLUG = "privacy-notice"
HOW_TO_SLUG = "how-to-get-involved"
HOW_TO_FILE = "how_to_get_involved.toml"


def _month(day):
    return f"{day.day} {day:%B %Y}"


def about():
    return page_fields("about.toml", contacts())


def accessibility_statement(today):
    prepared = (today - datetime.timedelta(days=180)).replace(day=1)
    reviewed = today.replace(day=1)
    context = {**contacts(), "prepared": _month(prepared), "reviewed": _month(reviewed)}
    return page_fields("accessibility_statement.toml", context)


def privacy_notice(today):
    return page_fields("privacy_notice.toml", {**contacts(), "updated": _month(today.replace(day=1))})


def how_to_linked_paths():
    """The paths below the home page that the how-to page links to, when they exist."""
    return page_paths(read_toml(HOW_TO_FILE))


def how_to_get_involved(pages):
    """The how-to page; `pages` maps its paths to pages, or None where they do not exist (yet)."""
    return page_fields(HOW_TO_FILE, contacts(), pages)
