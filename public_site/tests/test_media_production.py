"""Media under production settings with media on this machine (MEDIA_STORAGE=local, the default):
image renditions are served by the site itself with a public Cache-Control; documents only through
Wagtail's serve view, so the staff-only plan collection stays private; nothing else under /media/.

The scenario (public_site/tests/media_scenario.py) runs in a process of its own under
settings.production, on a throwaway SQLite database, fetching through Django's test client:
no proxy is needed in front.
"""

import json
import os
import subprocess
import sys

import pytest

from public_site.tests.test_production_settings import ROOT, run_with_production_settings


def run_scenario(tmp_path, **env):
    outside = ("MEDIA_", "AWS_", "DATABASE_URL")
    environment = {k: v for k, v in os.environ.items() if not k.startswith(outside)}
    environment.update(
        DJANGO_SETTINGS_MODULE="settings.production",
        PYTHONPATH=f"{ROOT}{os.pathsep}{ROOT / 'site'}",
        TRUSTED_PROXIES="1",
        SECRET_KEY="media-test-only-key",
        ALLOWED_HOSTS="engage.example.nhs.uk",
        DATABASE_URL=f"sqlite:///{tmp_path / 'media.sqlite3'}",
        MEDIA_ROOT=str(tmp_path / "media"),
        LOG_LEVEL="ERROR",
    )
    environment.update(env)
    result = subprocess.run(
        [sys.executable, "-m", "public_site.tests.media_scenario"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=400,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    return run_scenario(tmp_path_factory.mktemp("media-local"))


def test_an_uploaded_image_is_served_with_caching_headers(served):
    rendition = served["rendition"]
    assert served["rendition_url"].startswith("/media/images/")
    assert rendition["status"] == 200
    assert rendition["content_type"] == "image/png"
    assert rendition["body_start"].startswith("89504e47")  # a PNG's signature
    assert rendition["cache_control"] == "public, max-age=86400"


def test_an_internal_document_is_refused_to_anonymous_visitors_and_served_to_staff(served):
    refused = served["internal_anonymous"]
    assert refused["status"] == 302
    assert refused["location"].startswith("/_util/login/")
    assert refused["length"] == 0
    assert served["internal_staff"]["status"] == 200
    assert served["internal_staff"]["body_start"] == b"internal plan document"[:16].hex()
    assert served["public_document"]["status"] == 200


def test_nothing_but_renditions_is_served_under_media(served):
    # The internal document's file, the original upload and a path climbing out of images/.
    for name in ("internal_media_path", "original", "escape"):
        assert served[name]["status"] == 404, name
        assert "internal plan" not in served[name]["body_start"]


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"MEDIA_STORAGE": "nfs"}, "MEDIA_STORAGE must be local or s3, not 'nfs'."),
        ({"MEDIA_STORAGE": "s3"}, "Set MEDIA_PUBLIC_URL to the address image renditions are read from"),
        (
            {"MEDIA_STORAGE": "s3", "MEDIA_PUBLIC_URL": "https://cdn.example.org"},
            "Set the MEDIA_PRIVATE_BUCKET environment variable.",
        ),
    ],
)
def test_a_wrong_media_setting_stops_the_site_saying_what_to_set(env, message):
    result = run_with_production_settings("import django; django.setup()", SECRET_KEY="x", **env)
    assert result.returncode != 0
    assert message in result.stderr
