"""The demo home page: its introduction and the 'ways to get involved' links."""

from demo.datafiles import links, page_fields, page_paths, read_toml
from demo.organisation import contacts

FILE = "home.toml"


def linked_paths():
    """The paths below the home page that its links point to, when they exist."""
    return page_paths(read_toml(FILE))


def home(pages_by_path):
    """The home page's fields; `pages_by_path` maps the paths it links to to live pages, where they exist."""
    fields = page_fields(FILE, contacts())
    fields["get_involved_links"] = links(fields["get_involved_links"], pages_by_path)
    return fields
