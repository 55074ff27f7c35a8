"""The rate limit keeps no address that could be recovered: its cache key is a keyed hash.

Before, the key held a plain SHA-256 of the address, which anyone with the cache could reverse by
hashing all four billion IPv4 addresses.
"""

import hashlib

import pytest
from django.core.cache import cache

from core.tests.cache_keys import stored_keys
from involvement.tests import test_register_form as register

ADDRESS = "203.0.113.7"


@pytest.mark.django_db
def test_the_count_is_kept_under_a_keyed_hash_of_the_address(client, register_page, topics, settings):
    assert (
        client.post(register.URL, register.form_data(register_page, topics), REMOTE_ADDR=ADDRESS).status_code
        == 302
    )
    keys = [key for key in stored_keys(cache) if "ratelimit" in key or "involvement:rate" in key]
    assert len(keys) == 1
    plain = hashlib.sha256(ADDRESS.encode()).hexdigest()
    assert plain[:16] not in keys[0] and ADDRESS not in keys[0]
    # The same address under another SECRET_KEY is counted under another key.
    settings.SECRET_KEY = "another-secret-key"
    assert (
        client.post(
            register.URL,
            register.form_data(register_page, topics, email="b@example.com"),
            REMOTE_ADDR=ADDRESS,
        ).status_code
        == 302
    )
    assert len([key for key in stored_keys(cache) if "ratelimit" in key]) == 2
