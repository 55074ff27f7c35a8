"""Where uploaded images and documents are kept, and how they reach visitors (docs/media.md).

MEDIA_STORAGE chooses the store:

- `local` (the default): files under MEDIA_ROOT. The site itself serves image renditions at
  /media/images/ (public_site/media.py); documents only through Wagtail's permission-checked serve
  view at /documents/; original uploads are never served.
- `s3`: S3-compatible object storage through django-storages. Documents and original uploads go to
  MEDIA_PRIVATE_BUCKET (no public access, read only by the site); image renditions go to
  MEDIA_PUBLIC_BUCKET, which visitors read from MEDIA_PUBLIC_URL (the bucket's own address or a
  CDN in front of it, added to the Content-Security-Policy). Credentials come from boto3's usual
  sources (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, or the server's role); never from here.

Documents are always served through the serve view, whatever the store: it checks the
collection's view restrictions (the staff-only plan collection) before reading the file.
"""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .environment import env


def media_settings(base_dir):
    """The media settings for this environment, by setting name (base.py assigns each)."""
    storage = env.str("MEDIA_STORAGE", default="local").strip().lower()
    values = {
        "MEDIA_ROOT": env.str("MEDIA_ROOT", default=str(base_dir / "media")),
        "MEDIA_URL": "/media/",
        "MEDIA_STORAGE": storage,
        # Never a redirect to the file: the serve view checks permissions, then reads the file.
        "WAGTAILDOCS_SERVE_METHOD": "serve_view",
        # How long browsers and a CDN may keep an image rendition (renditions of a changed image
        # get new file names, so a day only delays the removal of an image taken off a page).
        "MEDIA_CACHE_SECONDS": env.int("MEDIA_CACHE_SECONDS", default=86400),
        "MEDIA_PUBLIC_ORIGIN": "",
        "WAGTAILIMAGES_RENDITION_STORAGE": "renditions",
    }
    file_system = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    if storage == "local":
        values["STORAGES"] = {"default": file_system, "renditions": file_system}
        return values
    if storage != "s3":
        raise ImproperlyConfigured(f"MEDIA_STORAGE must be local or s3, not {storage!r}.")

    public_url = env.str("MEDIA_PUBLIC_URL", default="").rstrip("/")
    parts = urlsplit(public_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ImproperlyConfigured(
            "Set MEDIA_PUBLIC_URL to the address image renditions are read from: the public bucket's "
            "URL (https://bucket.s3.eu-west-2.amazonaws.com) or a CDN in front of it."
        )
    connection = {
        "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
        "region_name": env.str("AWS_S3_REGION_NAME", default="eu-west-2"),
        "addressing_style": env.str("AWS_S3_ADDRESSING_STYLE", default="") or None,
        # Two uploads with one name never replace each other.
        "file_overwrite": False,
        "default_acl": None,
    }
    values["STORAGES"] = {
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                **connection,
                "bucket_name": env.str("MEDIA_PRIVATE_BUCKET"),
                # Originals shown in the admin get links that expire; documents never use them.
                "querystring_auth": True,
                "querystring_expire": env.int("MEDIA_SIGNED_URL_SECONDS", default=300),
            },
        },
        "renditions": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                **connection,
                "bucket_name": env.str("MEDIA_PUBLIC_BUCKET"),
                "querystring_auth": False,
                "url_protocol": f"{parts.scheme}:",
                "custom_domain": parts.netloc + parts.path,
                "object_parameters": {
                    "CacheControl": f"public, max-age={values['MEDIA_CACHE_SECONDS']}",
                },
            },
        },
    }
    values["MEDIA_PUBLIC_ORIGIN"] = f"{parts.scheme}://{parts.netloc}"
    return values
