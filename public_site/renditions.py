"""The image sizes the templates use, defined once, and their generation before any visitor asks.

Templates show an image with `{% srcset_image_set image "content" alt=… %}`
(public_site/templatetags/responsive_images.py), which hands the filter specs below to Wagtail's
own `{% srcset_image %}` node. The same specs are generated ahead of time: for the images in a
page's body when it is published, for an image in use when it is changed, and for every image by
`manage.py generate_renditions`. A visitor therefore never waits for an image to be resized.
"""

import logging
from dataclasses import dataclass

from django.db.models.signals import post_save
from django_tasks import task
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.images.models import Filter
from wagtail.signals import page_published

from public_site.seo import OG_IMAGE_SPEC

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ImageSizes:
    """A set of widths for one place images appear, and the `sizes` attribute that goes with it."""

    filters: str
    sizes: str

    @property
    def specs(self):
        return Filter.expand_spec(self.filters)


# The body is a two-thirds column (at most about 620 pixels wide); cards sit two or three a row.
IMAGE_SIZES = {
    "content": ImageSizes(
        filters="width-{640,320,480,960,1280}",  # the first is the fallback src
        sizes="(min-width: 990px) 620px, (min-width: 768px) 66vw, 100vw",
    ),
    "card": ImageSizes(
        filters="width-{320,480,640,960}",
        sizes="(min-width: 990px) 320px, (min-width: 768px) 50vw, 100vw",
    ),
}


# Other single sizes the templates use: the link-preview image of a page's first picture.
OTHER_SPECS = [OG_IMAGE_SPEC]


def all_specs():
    """Every filter spec any template uses, each once."""
    srcsets = [spec for sizes in IMAGE_SIZES.values() for spec in sizes.specs]
    return list(dict.fromkeys([*srcsets, *OTHER_SPECS]))


def generate_for_image(image):
    """Create whatever renditions of `image` do not exist yet; returns how many it has."""
    return len(image.get_renditions(*all_specs()))


def image_ids_in(page):
    """The ids of the images a page's stream fields (body, cards…) show."""
    image_model = get_image_model()
    ids = set()
    for field in page._meta.get_fields():
        if isinstance(field, StreamField):
            for model, object_id, _path, _content_path in field.extract_references(getattr(page, field.name)):
                if issubclass(model, image_model):
                    ids.add(int(object_id))
    return sorted(ids)


@task()
def generate_renditions_task(image_ids):
    """Background-safe: ids in, renditions created; an unreadable file is logged, not raised."""
    for image in get_image_model().objects.filter(pk__in=image_ids):
        try:
            generate_for_image(image)
        except Exception:  # a broken file must not stop a page being published
            logger.exception("Could not generate renditions of image %s", image.pk)


def _page_published(sender, instance, **kwargs):
    ids = image_ids_in(instance.specific_deferred)
    if ids:
        generate_renditions_task.enqueue(ids)


def _image_saved(sender, instance, created, raw=False, **kwargs):
    """A changed image that pages already use (its file or focal point may be new) is resized again."""
    from wagtail.models import ReferenceIndex

    if raw or created:
        return
    if ReferenceIndex.get_references_to(instance).exists():
        generate_renditions_task.enqueue([instance.pk])


def connect():
    page_published.connect(_page_published, dispatch_uid="renditions_page_published")
    post_save.connect(_image_saved, sender=get_image_model(), dispatch_uid="renditions_image_saved")
