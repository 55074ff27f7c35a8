"""`{% nhsuk_frontend "css" %}`: the address of the NHS.UK frontend's stylesheet (or "js", its script).

Their file names carry the NHS.UK frontend's version, settings.NHSUK_FRONTEND_VERSION, which
changes with wagtail-nhsuk-frontend.
"""

from django import template
from django.conf import settings
from django.templatetags.static import static

register = template.Library()


def asset_path(kind):
    """The static path of the stylesheet ("css") or the script ("js") of the NHS.UK frontend."""
    return f"wagtailnhsukfrontend/{kind}/nhsuk-frontend-{settings.NHSUK_FRONTEND_VERSION}.min.{kind}"


@register.simple_tag
def nhsuk_frontend(kind):
    return static(asset_path(kind))
