"""Run under production settings in a fresh process (test_media_production.py, test_media_s3.py):
migrate a throwaway database, upload an image and two documents through the models, then fetch them
as an anonymous visitor and as staff through Django's test client. Prints what came back as JSON.

`python -m public_site.tests.media_scenario` with DJANGO_SETTINGS_MODULE=settings.production,
DATABASE_URL (a throwaway SQLite file) and the media settings under test.
"""

import io
import json
import sys

import django


def image_file(name="hub-photo.png"):
    from django.core.files.images import ImageFile
    from PIL import Image as PILImage

    buffer = io.BytesIO()
    PILImage.new("RGB", (640, 480), (0, 94, 184)).save(buffer, "PNG")
    return ImageFile(buffer, name=name)


def fetch(client, url, **extra):
    response = client.get(url, secure=True, HTTP_HOST="engage.example.nhs.uk", **extra)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return {
        "status": response.status_code,
        "location": response.get("Location", ""),
        "cache_control": response.get("Cache-Control", ""),
        "content_type": response.get("Content-Type", ""),
        "length": len(body),
        "body_start": body[:16].hex(),
    }


def main():
    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.files.base import ContentFile
    from django.core.management import call_command
    from django.test import Client, override_settings
    from wagtail.documents.models import Document
    from wagtail.images.models import Image
    from wagtail.models import Collection

    from core import roles

    call_command("migrate", interactive=False, verbosity=0)
    image = Image.objects.create(title="Hub photo", file=image_file())
    rendition = image.get_rendition("width-320")
    internal = Document.objects.create(
        title="Equality impact assessment",
        file=ContentFile(b"internal plan document", name="eia.txt"),
        collection=Collection.objects.get(name=roles.INTERNAL_COLLECTION),
    )
    public = Document.objects.create(
        title="Easy read summary",
        file=ContentFile(b"public summary", name="summary.txt"),
        collection=Collection.get_first_root_node(),
    )
    # Everything as in production but the static files' storage: the error pages then link unhashed
    # names, so nothing needs collecting (test_production_settings.py checks collectstatic).
    plain_static = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    override_settings(STORAGES={**settings.STORAGES, "staticfiles": plain_static}).enable()
    anonymous = Client()
    staff = Client()
    staff.force_login(get_user_model().objects.create_superuser("media-admin", "", "x" * 20))
    default, renditions = (settings.STORAGES[a]["BACKEND"] for a in ("default", "renditions"))
    result = {
        "storages": {"default": default, "renditions": renditions},
        "img_src": settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"],
        "rendition_url": rendition.url,
        "original_name": image.file.name,
        "original_url": image.file.url,
        "internal_file_url": internal.file.url,
        "internal_file_name": internal.file.name,
        "internal_url": internal.url,
        "rendition": fetch(anonymous, rendition.url) if rendition.url.startswith("/") else None,
        "original": fetch(anonymous, f"{settings.MEDIA_URL}{image.file.name}"),
        "internal_media_path": fetch(anonymous, f"{settings.MEDIA_URL}{internal.file.name}"),
        "internal_anonymous": fetch(anonymous, internal.url),
        "internal_staff": fetch(staff, internal.url),
        "public_document": fetch(anonymous, public.url),
        "escape": fetch(anonymous, f"{settings.MEDIA_URL}images/../{image.file.name}"),
    }
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
