"""The client's address behind 0, 1 or 2 trusted proxies, keyed hashes, and the atomic rate limit."""

import hashlib

import pytest
from django.core.cache import cache
from django.test import RequestFactory

from core.addresses import client_ip
from core.hashing import keyed_hash, keyed_hashes
from core.ratelimit import RateLimit
from core.tests.cache_keys import stored_keys

CLIENT = "203.0.113.7"
SPOOFED = "198.51.100.99"
PROXY_1 = "10.0.0.1"
PROXY_2 = "10.0.0.2"


def request(remote, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@pytest.mark.parametrize("proxies", [None, 0])
def test_without_proxies_the_header_is_ignored(settings, proxies):
    settings.TRUSTED_PROXIES = proxies
    assert client_ip(request(CLIENT, forwarded=SPOOFED)) == CLIENT


def test_behind_one_proxy_the_address_it_appended_counts(settings):
    settings.TRUSTED_PROXIES = 1
    # The client sent a made-up header; the proxy appended the address it really came from.
    assert client_ip(request(PROXY_1, forwarded=f"{SPOOFED}, {CLIENT}")) == CLIENT
    assert client_ip(request(PROXY_1, forwarded=CLIENT)) == CLIENT


def test_behind_two_proxies_the_second_from_the_right_counts(settings):
    settings.TRUSTED_PROXIES = 2
    assert client_ip(request(PROXY_2, forwarded=f"{SPOOFED}, {CLIENT}, {PROXY_1}")) == CLIENT
    assert client_ip(request(PROXY_2, forwarded=f"{CLIENT}, {PROXY_1}")) == CLIENT


def test_a_header_that_did_not_come_through_every_proxy_is_not_believed(settings):
    settings.TRUSTED_PROXIES = 2
    # Only one entry: it reached the last proxy directly, so the header is the client's own.
    assert client_ip(request(PROXY_2, forwarded=SPOOFED)) == PROXY_2
    settings.TRUSTED_PROXIES = 1
    assert client_ip(request(PROXY_1)) == PROXY_1
    assert client_ip(request(PROXY_1, forwarded="")) == PROXY_1


@pytest.mark.parametrize(
    "forwarded, expected",
    [
        (f"{CLIENT}:5000", CLIENT),
        ("[2001:db8::7]:443", "2001:db8::7"),
        ("2001:DB8::7", "2001:db8::7"),
        ("not-an-address", PROXY_1),
        ("<script>", PROXY_1),
    ],
)
def test_ports_and_case_are_normalised_and_garbage_is_not_an_address(settings, forwarded, expected):
    settings.TRUSTED_PROXIES = 1
    assert client_ip(request(PROXY_1, forwarded=forwarded)) == expected


def test_hashes_are_keyed_so_an_address_cannot_be_looked_up(settings):
    plain = hashlib.sha256(CLIENT.encode()).hexdigest()
    hashed = keyed_hash("ratelimit", CLIENT)
    assert plain[:32] not in hashed
    settings.SECRET_KEY = "another-key"
    assert keyed_hash("ratelimit", CLIENT) != hashed
    # An old key kept in SECRET_KEY_FALLBACKS still matches.
    settings.SECRET_KEY_FALLBACKS = ["test-only-key"]
    assert hashed in keyed_hashes("ratelimit", CLIENT)


def test_the_rate_limit_takes_exactly_the_limit_and_gives_slots_back():
    limit = RateLimit("test", CLIENT, 3, 60)
    assert [limit.take() for _ in range(5)] == [True, True, True, False, False]
    assert limit.exceeded()
    limit.release()
    assert not limit.exceeded() and limit.take() and not limit.take()
    # Another address has its own count; the cache never holds the address itself.
    assert RateLimit("test", SPOOFED, 3, 60).take()
    assert not any(CLIENT in key for key in stored_keys(cache))


def test_a_limit_of_zero_means_no_limit():
    limit = RateLimit("test", CLIENT, 0, 60)
    assert all(limit.take() for _ in range(50))
