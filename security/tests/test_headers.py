"""The headers every environment sends: a strict Content-Security-Policy on the public site, a relaxed
one in the Wagtail admin, Permissions-Policy; and the 500 page's inline style allowed by its hash."""

import base64
import hashlib
import re
from unittest import mock

import pytest
from django.test import Client

from pages.models import HomePage


def policy(response):
    header = response.headers["Content-Security-Policy"]
    directives = (part.strip().partition(" ") for part in header.split(";"))
    return {name: value.split() for name, _, value in directives}


@pytest.mark.django_db
def test_public_pages_allow_only_the_sites_own_scripts_and_styles(client, home):
    response = client.get("/")
    assert response.status_code == 200
    csp = policy(response)
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["default-src"] == ["'self'"]
    assert csp["font-src"] == ["'self'", "https://assets.nhs.uk"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response.headers["Content-Security-Policy"]
    assert "nonce-" not in response.headers["Content-Security-Policy"]
    # The page's scripts are files, not inline code.
    scripts = re.findall(r"<script\b[^>]*>", response.content.decode())
    assert scripts and all("src=" in tag for tag in scripts), scripts


@pytest.mark.django_db
def test_pages_served_from_the_page_cache_keep_the_policies(client, home):
    first = client.get("/")
    for _ in range(3):  # the first views may create the settings row and the cache generation
        again = client.get("/")
        if again.headers.get("X-Page-Cache") == "hit":
            break
    assert again.headers.get("X-Page-Cache") == "hit"
    for header in [
        "Content-Security-Policy",
        "Permissions-Policy",
        "X-Content-Type-Options",
        "Referrer-Policy",
    ]:
        assert again.headers[header] == first.headers[header], header


@pytest.mark.django_db
def test_the_admin_has_its_own_relaxed_policy(admin_client):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    csp = policy(response)
    assert "'unsafe-inline'" in csp["script-src"]
    assert "'unsafe-inline'" in csp["style-src"]
    # The page preview is a frame of the admin itself; nobody else may frame it.
    assert csp["frame-ancestors"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]


@pytest.mark.django_db
def test_permissions_policy_switches_off_unused_features(client, home):
    header = client.get("/").headers["Permissions-Policy"]
    for feature in ["camera", "microphone", "geolocation", "payment", "usb"]:
        assert f"{feature}=()" in header


@pytest.mark.django_db
def test_the_500_page_style_is_allowed_by_its_hash_and_nothing_else(home):
    client = Client(raise_request_exception=False)
    with mock.patch.object(HomePage, "serve", side_effect=RuntimeError("broken")):
        response = client.get("/")
    assert response.status_code == 500
    css = re.search(r"<style>(.*?)</style>", response.content.decode(), re.DOTALL).group(1)
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
    assert policy(response)["style-src"] == ["'self'", f"'sha256-{digest}'"]
    assert policy(response)["script-src"] == ["'self'"]
