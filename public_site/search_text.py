"""What people type into a search box, made safe for the search backend: one rule for the site's
search page (/search/) and the API's ?search=.

SQLite's full-text search (FTS5) reads quotes, brackets, '*', '^', ':' and the words AND, OR, NOT
and NEAR as syntax, and PostgreSQL refuses a NUL character; a visitor means none of them. So the
query is cut to MAX_QUERY_LENGTH characters without control characters, and only its words are
searched for, each lower-cased so that no word is read as an operator.
"""

import re

MAX_QUERY_LENGTH = 200

_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
_WORD = re.compile(r"\w+")


def clean_query(raw):
    """The query as typed, without control characters or runs of spaces, at most 200 characters."""
    text = " ".join(_CONTROL_CHARACTERS.sub(" ", raw or "").split())
    return text[:MAX_QUERY_LENGTH].strip()


def search_terms(query):
    """Only the words of the query, lower-cased: quotes, operators and NUL would be syntax or errors."""
    return " ".join(word.lower() for word in _WORD.findall(clean_query(query)))


def has_control_characters(text):
    return bool(_CONTROL_CHARACTERS.search(text))
