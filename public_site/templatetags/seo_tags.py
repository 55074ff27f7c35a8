"""`{% page_meta page %}`: the description, canonical link, Open Graph tags and JSON-LD of a page."""

from django import template
from wagtail.models import Site

from pages.models import OpportunityPage, OrganisationSettings
from public_site import seo

register = template.Library()


@register.inclusion_tag("includes/page_meta.html", takes_context=True)
def page_meta(context, page):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    org = OrganisationSettings.for_request(request) if site else OrganisationSettings()
    url = page.get_full_url(request)
    home_url = f"{site.root_url}/" if site else url
    image, image_alt = seo.first_image(page)
    image_url = None
    if image is not None:
        rendition = image.get_rendition(seo.OG_IMAGE_SPEC)
        image_url = request.build_absolute_uri(rendition.url) if request else rendition.url
    structured = None
    if isinstance(page, OpportunityPage) and page.event_start:
        structured = seo.json_ld(seo.event_data(page, url, org, home_url, image_url))
    return {
        "description": seo.description(page, org),
        "canonical": url,
        "og_title": page.seo_title or page.title,
        "og_type": "website" if url == home_url else "article",
        "site_name": org.name,
        "image_url": image_url,
        "image_alt": image_alt,
        "json_ld": structured,
    }
