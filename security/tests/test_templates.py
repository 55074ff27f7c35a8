"""No template holds script that the Content-Security-Policy would refuse to run.

The policy allows scripts only from the site's own files ('self'), without 'unsafe-inline', so an
inline <script>, an event-handler attribute (onclick=…) or a javascript: link would silently not
work. JSON-LD and JSON data blocks are data, not script, and are allowed. Public templates also
carry no inline styles (style-src 'self'); the admin's own templates may, under its relaxed policy.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
TEMPLATE_DIRS = [ROOT / "templates", *sorted(ROOT.glob("*/templates"))]
TEMPLATES = sorted(
    path for folder in TEMPLATE_DIRS if ".venv" not in folder.parts for path in folder.rglob("*.html")
)

SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
DATA_TYPES = re.compile(r"""\btype\s*=\s*["']application/(ld\+)?json["']""", re.IGNORECASE)
SOURCE = re.compile(r"""\bsrc\s*=\s*["'][^"']+["']""", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE | re.DOTALL)
JAVASCRIPT_URL = re.compile(r"""=\s*["']\s*javascript:""", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style\b|\sstyle\s*=", re.IGNORECASE)

# Rendered only inside the Wagtail admin, under its relaxed policy.
ADMIN_ONLY = ("workflows/", "involvement/admin/", "security/", "messaging/admin/", "events/admin/")
# Emails, never served as pages: mail clients drop stylesheets, so their styles are inline.
EMAIL_ONLY = ("messaging/email/", "alerts/email/", "involvement/messages/", "questionnaires/email/")
# Its one <style> block is allowed by hash (security.middleware.allow_inline_styles).
HASHED_STYLES = ("500.html",)


def relative(path):
    folder = next(folder for folder in TEMPLATE_DIRS if folder in path.parents)
    return path.relative_to(folder).as_posix()


def test_the_scan_finds_the_templates():
    names = {relative(path) for path in TEMPLATES}
    assert {"base.html", "500.html", "involvement/register_page.html", "security/locked_out.html"} <= names


@pytest.mark.parametrize("path", TEMPLATES, ids=relative)
def test_no_inline_executable_script(path):
    source = path.read_text(encoding="utf-8")
    for attributes in SCRIPT_TAG.findall(source):
        assert SOURCE.search(attributes) or DATA_TYPES.search(attributes), (
            f"{relative(path)}: inline <script{attributes}>; move it to a file under public_site/assets/js/"
        )
    assert not EVENT_HANDLER.search(source), f"{relative(path)}: an on…= event handler attribute"
    assert not JAVASCRIPT_URL.search(source), f"{relative(path)}: a javascript: URL"


@pytest.mark.parametrize(
    "path",
    [
        path
        for path in TEMPLATES
        if not relative(path).startswith(ADMIN_ONLY + EMAIL_ONLY) and relative(path) not in HASHED_STYLES
    ],
    ids=relative,
)
def test_no_inline_style_on_public_templates(path):
    assert not INLINE_STYLE.search(path.read_text(encoding="utf-8")), (
        f"{relative(path)}: inline style; use a class in public_site/assets/css/site.css"
    )
