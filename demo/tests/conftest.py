"""The demo loaded once into a test's database, with a fixed password for the demo accounts."""

from io import StringIO

import pytest
from django.core.management import call_command


@pytest.fixture
def demo(db, monkeypatch, settings, tmp_path):
    monkeypatch.setenv("DEMO_PASSWORD", "demo-password-for-tests")
    settings.DEMO_PASSWORD_FILE = tmp_path / ".demo-password"
    call_command("load_demo_content", stdout=StringIO())
