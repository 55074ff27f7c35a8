"""The NHS.UK frontend's stylesheet and script, named once by settings.NHSUK_FRONTEND_VERSION, are
files of the installed wagtail-nhsuk-frontend, and the pages and the site's script use those names."""

from pathlib import Path

import pytest
import wagtailnhsukfrontend
from django.templatetags.static import static

from public_site.templatetags.nhsuk_frontend import asset_path

PACKAGE_STATIC = Path(wagtailnhsukfrontend.__file__).parent / "static"
SITE_JS = Path(__file__).resolve().parents[1] / "assets" / "js" / "site.js"


@pytest.mark.parametrize("kind", ["css", "js"])
def test_the_named_files_are_in_the_installed_package(kind):
    shipped = sorted(path.name for path in (PACKAGE_STATIC / "wagtailnhsukfrontend" / kind).iterdir())
    assert (PACKAGE_STATIC / asset_path(kind)).is_file(), (
        f"wagtail-nhsuk-frontend has no {asset_path(kind)}: set NHSUK_FRONTEND_VERSION to the "
        f"version it ships ({shipped})"
    )


@pytest.mark.django_db
def test_every_page_links_the_named_stylesheet(client, home):
    assert f'<link rel="stylesheet" href="{static(asset_path("css"))}">' in client.get("/").content.decode()


def test_the_site_script_imports_the_named_script():
    assert f'from "../{asset_path("js")}";' in SITE_JS.read_text()
