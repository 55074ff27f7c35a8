"""Hostile values thrown at every public address, the API and both forms: never a 500, never echoed raw.

Hypothesis generates the values: NUL and other control characters, quotes and full-text search
syntax, numbers just past a 32-bit or 64-bit integer, markup, long and non-Latin text. Half carry
the tag <zq>, which no page contains, and half are sent bare (a lone huge number, a lone NUL): an
HTML answer holding the tag unescaped echoed what it was sent.
Each request runs in a savepoint rolled back afterwards, so every example sees the same demo site
(and, on PostgreSQL, one failed statement cannot spoil the next). Bounded: a few hundred requests.
"""

from urllib.parse import quote

import pytest
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

TAG = "<zq>"
HOSTILE = [
    "\x00",
    "\x00\x01\x7f",
    '"',
    "'",
    '" OR 1=1 --',
    "NOT",
    "AND OR NEAR(",
    "care*",
    "^a:b",
    "(",
    "9223372036854775808",
    "-9223372036854775809",
    "2147483648",
    "-1",
    "0",
    "1e309",
    "NaN",
    "<script>alert(1)</script>",
    "javascript:alert(1)",
    "{{ 7|add:7 }}",
    "../../etc/passwd",
    "%00%22",
    "\u202e\u0000\ufeff",
    "😀" * 20,
    "a" * 3000,
    "",
    " ",
]
# Integers just past what a 32-bit id, a 64-bit integer or SQLite can hold, either way.
huge = st.one_of(
    st.integers(min_value=2**63 - 2, max_value=2**90),
    st.integers(min_value=-(2**90), max_value=-(2**63) + 2),
    st.integers(min_value=2**31 - 2, max_value=2**31 + 2),
).map(str)
raw = st.one_of(
    st.sampled_from(HOSTILE),
    huge,
    st.text(st.characters(exclude_categories=["Cs"]), max_size=40),
    st.sampled_from(HOSTILE),
)
# Half the values as they are (a bare huge number, a lone NUL), half tagged to catch an echo.
values = st.one_of(raw, raw.map(lambda text: text + TAG))

PUBLIC_PATHS = [
    "/",
    "/get-involved/",
    "/you-said-we-did/",
    "/search/",
    "/engagement-strategy/",
    "/about/",
    "/annual-report/",
    "/get-involved/join/",
    "/share-your-experience/",
    "/feeds/opportunities.rss",
    "/feeds/you-said-we-did.atom",
    "/feeds/events.ics",
    "/sitemap.xml",
    "/robots.txt",
]
PUBLIC_PARAMETERS = ["q", "page", "type", "topic", "audience", "year", "status", "p", "utm_source", "x"]
API_PATHS = ["/api/v2/pages/", "/api/v2/images/", "/api/v2/documents/", "/api/v2/pages/find/"]
API_PARAMETERS = [
    "offset",
    "limit",
    "search",
    "search_operator",
    "order",
    "fields",
    "type",
    "child_of",
    "descendant_of",
    "ancestor_of",
    "translation_of",
    "id",
    "slug",
    "title",
    "html_path",
    "locale",
    "site",
]
REGISTER_FIELDS = [
    "name",
    "email",
    "phone",
    "address",
    "postcode",
    "preferred_contact",
    "topics",
    "audiences",
    "methods",
    "access_needs",
    "age_band",
    "consent",
    "privacy_revision",
    "website",
]
FEEDBACK_FIELDS = ["kind", "service", "topic", "experience", "consent_to_contact", "name", "email", "phone"]

RUNS = {"requests": 0}
EXAMPLES = 200


def query(names):
    # A few parameters at a time: with many, one refused early would hide what the others do.
    return st.dictionaries(st.sampled_from(names), values, min_size=1, max_size=3)


def answer(method, path, data):
    """The response, in a savepoint rolled back so nothing it stored outlives the example."""
    RUNS["requests"] += 1
    savepoint = transaction.savepoint()
    try:
        client = Client()
        return client.get(path, data) if method == "get" else client.post(path, data)
    finally:
        transaction.savepoint_rollback(savepoint)


def judge(response):
    assert response.status_code < 500, response.status_code
    content_type = response.get("Content-Type", "")
    if content_type.startswith("application/json"):
        return  # data, not a page: a browser never renders it (and it says nosniff)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert TAG.encode() not in body, "a value sent was echoed without escaping"


FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def fuzz_site(db, demo_content, settings, capsys):
    settings.INVOLVEMENT_RATE_LIMIT = 0
    settings.PASSWORD_RESET_LIMIT_PER_ADDRESS = 0
    before = RUNS["requests"]
    yield
    with capsys.disabled():
        print(f"\n  fuzz: {RUNS['requests'] - before} hostile requests, none a 500")  # noqa: T201


@pytest.mark.usefixtures("fuzz_site")
@FUZZ
@given(
    path=st.sampled_from(PUBLIC_PATHS), params=query(PUBLIC_PARAMETERS), suffix=st.one_of(st.none(), values)
)
def test_public_addresses(path, params, suffix):
    if suffix is not None:
        path = f"{path}{quote(suffix, safe='')}/"
    judge(answer("get", path, params))


@pytest.mark.usefixtures("fuzz_site")
@FUZZ
@given(
    path=st.sampled_from(API_PATHS),
    params=query(API_PARAMETERS),
    detail=st.one_of(st.none(), st.none(), st.none(), values),
)
def test_the_api(path, params, detail):
    if detail is not None:
        path = f"{path}{quote(detail, safe='')}/"
    judge(answer("get", path, params))


@pytest.mark.usefixtures("fuzz_site")
@FUZZ
@given(
    form=st.sampled_from(
        [("/get-involved/join/", REGISTER_FIELDS), ("/share-your-experience/", FEEDBACK_FIELDS)]
    ),
    data=st.data(),
)
def test_both_forms(form, data):
    path, fields = form
    posted = data.draw(st.dictionaries(st.sampled_from(fields), st.lists(values, min_size=1, max_size=3)))
    judge(answer("post", path, posted))
