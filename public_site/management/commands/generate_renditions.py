"""`manage.py generate_renditions`: make every image size the templates use, for every image.

Publishing a page already does this for its images; run this after adding or changing a size in
public_site/renditions.py (IMAGE_SIZES), or after restoring media from a backup.
"""

from django.core.management.base import BaseCommand
from wagtail.images import get_image_model

from public_site.renditions import all_specs, generate_for_image


class Command(BaseCommand):
    help = "Create the renditions (every size in IMAGE_SIZES) of every image that lacks them."

    def handle(self, *args, **options):
        images = get_image_model().objects.order_by("pk")
        done = failed = 0
        for image in images.iterator():
            try:
                generate_for_image(image)
            except Exception as error:  # noqa: BLE001 – report the broken file and carry on
                failed += 1
                self.stderr.write(f"Image {image.pk} ({image.title}): {error}")
            else:
                done += 1
        self.stdout.write(f"{done} images have all {len(all_specs())} sizes; {failed} could not be read.")
