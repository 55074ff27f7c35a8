"""Media in S3-compatible object storage (MEDIA_STORAGE=s3), against a real server on this machine
(SeaweedFS, public_site/tests/object_store.py): an uploaded image's renditions are read by anyone
from the public bucket, whose address joins the Content-Security-Policy; documents and original
uploads sit in the private bucket, which refuses unsigned reads, and reach visitors only through
Wagtail's serve view, which refuses the staff-only collection to anonymous visitors.
"""

import urllib.error
import urllib.request

import pytest

from public_site.tests.object_store import PRIVATE_BUCKET, PUBLIC_BUCKET, ObjectStore
from public_site.tests.test_media_production import run_scenario


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    server = ObjectStore(tmp_path_factory.mktemp("object-store")).start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def served(store, tmp_path_factory):
    return run_scenario(tmp_path_factory.mktemp("media-s3"), **store.env())


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def test_media_goes_to_the_object_store(served):
    assert served["storages"] == {
        "default": "storages.backends.s3.S3Storage",
        "renditions": "storages.backends.s3.S3Storage",
    }


def test_an_uploaded_image_is_served_from_the_public_bucket(served, store):
    url = served["rendition_url"]
    assert url.startswith(f"{store.endpoint}/{PUBLIC_BUCKET}/images/")
    status, headers, body = get(url)
    assert status == 200
    assert body.startswith(b"\x89PNG")
    assert headers["Cache-Control"] == "public, max-age=86400"
    assert store.endpoint in served["img_src"]


def test_documents_and_originals_are_private_in_the_bucket(served, store):
    for name in ("internal_file_url", "original_url"):
        signed = served[name]
        assert signed.startswith(f"{store.endpoint}/{PRIVATE_BUCKET}/")
        unsigned = signed.split("?", 1)[0]
        status, _headers, body = get(unsigned)
        assert status == 403, name
        assert b"internal plan document" not in body


def test_an_internal_document_is_refused_anonymously_and_proxied_to_staff(served):
    refused = served["internal_anonymous"]
    assert refused["status"] == 302
    assert refused["location"].startswith("/_util/login/")
    assert served["internal_staff"]["status"] == 200
    assert served["internal_staff"]["body_start"] == b"internal plan document"[:16].hex()
    assert served["public_document"]["status"] == 200
