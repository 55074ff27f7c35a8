"""Loading the demo site (`manage.py load_demo_content`) for the checks that judge it."""

import io

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import override_settings
from wagtail.models import Site

DEMO_PASSWORD = "checked-by-real-tools"


def load_demo_content(password_file, hostname="testserver", port=80):
    """Load the demo content and serve it as the default site at hostname:port.

    The development accounts get a known password, kept in `password_file`, never in the
    project's own .demo-password.
    """
    with override_settings(DEMO_PASSWORD_FILE=password_file), pytest.MonkeyPatch.context() as patch:
        patch.setenv("DEMO_PASSWORD", DEMO_PASSWORD)
        Site.objects.filter(is_default_site=True).update(hostname=hostname, port=port)
        call_command("load_demo_content", stdout=io.StringIO())
    cache.clear()  # Wagtail caches the site's root paths
