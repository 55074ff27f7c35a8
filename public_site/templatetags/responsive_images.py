"""`{% srcset_image_set image "content" alt=… %}`: Wagtail's `{% srcset_image %}` with the sizes of one place.

The widths and the `sizes` attribute come from public_site/renditions.py (IMAGE_SIZES), the same
list the renditions are generated from ahead of time, so a template cannot ask for a size that was
not made in advance.
"""

from django import template
from wagtail.images.templatetags.wagtailimages_tags import SrcsetImageNode

from public_site.renditions import IMAGE_SIZES

register = template.Library()


@register.tag
def srcset_image_set(parser, token):
    bits = token.split_contents()
    if len(bits) < 3:
        raise template.TemplateSyntaxError(f'Usage: {{% {bits[0]} image "place" [attribute=value …] %}}')
    image_expr = parser.compile_filter(bits[1])
    place = bits[2].strip("\"'")
    if place not in IMAGE_SIZES:
        raise template.TemplateSyntaxError(f"{bits[0]}: no image sizes called {place!r} (see IMAGE_SIZES)")
    attrs = {"sizes": parser.compile_filter(f'"{IMAGE_SIZES[place].sizes}"')}
    for bit in bits[3:]:
        name, separator, value = bit.partition("=")
        if not separator:
            raise template.TemplateSyntaxError(f"{bits[0]}: expected attribute=value, got {bit!r}")
        attrs[name] = parser.compile_filter(value)
    return SrcsetImageNode(image_expr, [IMAGE_SIZES[place].filters], attrs=attrs)
