"""Images are served in several widths (srcset), all made when the page is published, not on a visit."""

import io
import json

import pytest
import wagtail_factories
from django.core.management import call_command
from wagtail.images import get_image_model

from pages.tests.factories import StandardPageFactory
from public_site.renditions import IMAGE_SIZES, all_specs

Rendition = get_image_model().get_rendition_model()


def body_with(photo, card_photo):
    return json.dumps(
        [
            {
                "type": "image",
                "value": {"content_image": photo.pk, "alt_text": "The new clinic", "caption": ""},
            },
            {
                "type": "card_group",
                "value": {
                    "column": "one-half",
                    "body": [
                        {
                            "type": "card_image",
                            "value": {
                                "heading": "Our wards",
                                "heading_level": 3,
                                "heading_size": "",
                                "body": "<p>Visiting times.</p>",
                                "content_image": card_photo.pk,
                                "alt_text": "A ward",
                                "url": "",
                                "internal_page": None,
                            },
                        }
                    ],
                },
            },
        ]
    )


@pytest.fixture
def photos(db):
    return (
        wagtail_factories.ImageFactory(title="Clinic", file__width=1600, file__height=900),
        wagtail_factories.ImageFactory(title="Ward", file__width=1200, file__height=800),
    )


def specs_of(image):
    return set(Rendition.objects.filter(image=image).values_list("filter_spec", flat=True))


@pytest.mark.django_db
def test_publishing_a_page_makes_every_size_of_its_images(client, home, photos):
    photo, card_photo = photos
    page = StandardPageFactory(parent=home, title="Our new clinic", live=False, body=body_with(*photos))
    assert specs_of(photo) == set() and specs_of(card_photo) == set()

    page.save_revision().publish()
    assert specs_of(photo) == set(all_specs())
    assert specs_of(card_photo) == set(all_specs())

    made = Rendition.objects.count()
    html = client.get("/our-new-clinic/").content.decode()
    assert Rendition.objects.count() == made  # the visitor waited for nothing
    for image, place in ((photo, "content"), (card_photo, "card")):
        for spec in IMAGE_SIZES[place].specs:
            rendition = Rendition.objects.get(image=image, filter_spec=spec)
            assert f"{rendition.url} {rendition.width}w" in html
        assert f'sizes="{IMAGE_SIZES[place].sizes}"' in html
    assert 'alt="The new clinic"' in html and 'class="nhsuk-image__img"' in html
    assert 'alt="A ward"' in html and 'class="nhsuk-card__img"' in html


@pytest.mark.django_db
def test_the_command_makes_the_sizes_of_every_image(photos):
    call_command("generate_renditions", stdout=io.StringIO())
    for image in photos:
        assert specs_of(image) == set(all_specs())
