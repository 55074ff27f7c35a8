"""Rendering a message from its templates: `<name>_subject.txt`, `<name>.txt` and, when it exists,
`<name>.html` (which extends messaging/email/base.html, the NHS.UK-style frame)."""

from functools import lru_cache

from django.conf import settings
from django.template import Context, TemplateDoesNotExist, loader


@lru_cache(maxsize=256)
def _templates(name):
    subject = loader.get_template(f"{name}_subject.txt")
    text = loader.get_template(f"{name}.txt")
    try:
        html = loader.get_template(f"{name}.html")
    except TemplateDoesNotExist:
        html = None
    return subject, text, html


def templates(name):
    # Cached in production; in development a changed template shows at once.
    if settings.DEBUG:
        _templates.cache_clear()
    return _templates(name)


def render(name, context):
    """(subject, text, html) for one recipient; html is "" when the message has no HTML part."""
    subject_template, text_template, html_template = templates(name)
    context = {"site_name": settings.WAGTAIL_SITE_NAME, "base_url": settings.WAGTAILADMIN_BASE_URL, **context}
    # Subject and text are plain text: nothing in them is HTML-escaped.
    subject = " ".join(_plain(subject_template, context).split())
    text = _plain(text_template, context).strip() + "\n"
    html = html_template.render(context) if html_template else ""
    return subject, text, html


def _plain(template, context):
    return template.template.render(Context(context, autoescape=False))
