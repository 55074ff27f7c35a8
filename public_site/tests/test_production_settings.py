"""Production settings: secrets from the environment, no demo accounts, static files that collect."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_with_production_settings(code, **env):
    environment = {
        key: value for key, value in os.environ.items() if key not in ("SECRET_KEY", "DATABASE_URL")
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="settings.production",
        PYTHONPATH=f"{ROOT}{os.pathsep}{ROOT / 'site'}",
        # The documented deployment: one TLS-terminating proxy in front of gunicorn.
        TRUSTED_PROXIES="1",
    )
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_with_production_settings("import django; django.setup()")
    assert result.returncode != 0
    assert "Set the SECRET_KEY environment variable" in result.stderr


def test_production_reads_its_configuration_from_the_environment():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SECRET_KEY, s.ALLOWED_HOSTS, s.DEBUG, getattr(s, 'DEMO_USERS_ALLOWED', False), "
        "s.DATABASES['default']['ENGINE'])"
    )
    result = run_with_production_settings(
        code,
        SECRET_KEY="from-the-environment",
        ALLOWED_HOSTS="engage.example.nhs.uk,www.engage.example.nhs.uk",
        DATABASE_URL="postgres://user:pass@db.example:5432/engage",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "from-the-environment",
        "['engage.example.nhs.uk',",
        "'www.engage.example.nhs.uk']",
        "False",
        "False",
        "django.db.backends.postgresql",
    ]


def test_static_files_collect_with_hashed_names(tmp_path):
    code = (
        "import django; django.setup(); from django.core.management import call_command; "
        "call_command('collectstatic', interactive=False, verbosity=0)"
    )
    result = run_with_production_settings(
        code, SECRET_KEY="x", ALLOWED_HOSTS="example.org", STATIC_ROOT=str(tmp_path)
    )
    assert result.returncode == 0, result.stderr
    css = list((tmp_path / "wagtailnhsukfrontend" / "css").glob("nhsuk-frontend-10.4.2.min.*.css"))
    assert css, "the NHS.UK stylesheet was not collected with a hashed name"
    assert (tmp_path / "staticfiles.json").exists()
    # The site's module imports the NHS.UK bundle under its hashed name, so both can be cached for good.
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
    bundle = manifest["wagtailnhsukfrontend/js/nhsuk-frontend-10.4.2.min.js"]
    site_js = (tmp_path / manifest["js/site.js"]).read_text()
    assert f'from "../{bundle}";' in site_js, site_js
