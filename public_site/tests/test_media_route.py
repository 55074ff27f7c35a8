"""The /media/images/ route with media on this machine (the test settings' default): a rendition is
served with its caching headers and answers a conditional request with 304; anything else, hostile
names included, is a plain 404 and never a 500; only GET and HEAD are allowed."""

import pytest
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file


@pytest.fixture
def rendition(db):
    image = Image.objects.create(title="Clinic entrance", file=get_test_image_file())
    return image.get_rendition("width-100")


def test_a_rendition_is_served_and_revalidated(client, rendition):
    response = client.get(rendition.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Cache-Control"] == "public, max-age=86400"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    again = client.get(rendition.url, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert again.status_code == 304
    assert client.head(rendition.url).status_code == 200
    assert client.post(rendition.url).status_code == 405


@pytest.mark.parametrize(
    "name",
    [
        "images/../original_images/test.png",
        "images/%2e%2e/original_images/test.png",
        "images/..%2foriginal_images%2ftest.png",
        "images/%00.png",
        "images/" + "a" * 5000 + ".png",
        "images/<script>alert(1)</script>.png",
        "images/missing.png",
        "images/",
        "original_images/test.png",
        "documents/test.txt",
    ],
)
def test_anything_else_is_not_found(client, rendition, name):
    response = client.get(f"/media/{name}")
    assert response.status_code == 404
    assert b"<script>alert(1)</script>" not in response.content
