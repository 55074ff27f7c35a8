"""Image renditions served by the site itself, when media is kept on this machine (MEDIA_STORAGE=local).

Only renditions (the resized images pages show, under MEDIA_ROOT/images/) are served here, to
anyone, with a public Cache-Control so browsers and a CDN keep them. Original uploads are never
served, and documents only through Wagtail's serve view at /documents/, which checks the
collection's view restrictions first: nothing under /media/ bypasses that check. With object
storage (MEDIA_STORAGE=s3) this route is not mounted: renditions come from the public bucket.
"""

import mimetypes
import os

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import FileResponse, Http404, HttpResponseNotModified
from django.urls import path
from django.utils._os import safe_join
from django.utils.http import http_date
from django.views.decorators.http import require_safe
from django.views.static import was_modified_since

RENDITIONS_FOLDER = "images"


def rendition_file(name):
    """The rendition's path on disk, or Http404 for anything else (other folders, `..`, not an image)."""
    try:
        # Joined to the renditions folder itself, so `../original_images/…` is refused.
        full = safe_join(os.path.join(settings.MEDIA_ROOT, RENDITIONS_FOLDER), name)
    except (SuspiciousFileOperation, ValueError) as error:
        raise Http404("No such image") from error
    content_type, _encoding = mimetypes.guess_type(full)
    if not (content_type or "").startswith("image/") or not os.path.isfile(full):
        raise Http404("No such image")
    return full, content_type


@require_safe
def serve_rendition(request, name):
    full, content_type = rendition_file(name)
    modified = os.stat(full).st_mtime
    if not was_modified_since(request.META.get("HTTP_IF_MODIFIED_SINCE"), modified):
        response = HttpResponseNotModified()
    else:
        response = FileResponse(open(full, "rb"), content_type=content_type)
    response["Last-Modified"] = http_date(modified)
    response["Cache-Control"] = f"public, max-age={settings.MEDIA_CACHE_SECONDS}"
    # An SVG opened on its own runs nothing.
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response


def urlpatterns():
    """The media route, when media is on this machine; none with object storage."""
    if settings.MEDIA_STORAGE != "local":
        return []
    prefix = settings.MEDIA_URL.lstrip("/")
    return [path(f"{prefix}{RENDITIONS_FOLDER}/<path:name>", serve_rendition, name="media_rendition")]
