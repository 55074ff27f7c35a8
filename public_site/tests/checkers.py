"""Finding the external checkers (Chromium, the Nu HTML Checker), and what to do without them.

On a developer's machine a missing checker skips its tests with the reason. CI sets
CI_REQUIRE_CHECKERS=1 (see .ci/run), and then a missing checker fails the run instead, so the
checks can never be skipped there without anyone noticing.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings

CHROMIUM = Path("/usr/bin/chromium")
VNU_JAR_IN_PROJECT = Path("node_modules") / "vnu-jar" / "build" / "dist" / "vnu.jar"


def checkers_required():
    return os.environ.get("CI_REQUIRE_CHECKERS", "").strip() not in ("", "0")


def unavailable(reason):
    """Skip the test for `reason`, or fail it when CI_REQUIRE_CHECKERS is set."""
    if checkers_required():
        pytest.fail(f"{reason}; CI_REQUIRE_CHECKERS is set, so this is a failure", pytrace=False)
    pytest.skip(f"{reason} (CI installs it; set CI_REQUIRE_CHECKERS=1 to make this a failure)")


def vnu_command():
    """The command that runs the Nu HTML Checker, or a skip/failure if it cannot run here."""
    configured = os.environ.get("VNU_JAR")
    jar = Path(configured) if configured else Path(settings.BASE_DIR) / VNU_JAR_IN_PROJECT
    if not jar.is_file():
        where = f"VNU_JAR={configured}" if configured else str(VNU_JAR_IN_PROJECT)
        unavailable(
            f"The Nu HTML Checker is not installed: no {where} (install vnu-jar with npm as "
            ".ci/run does, or set VNU_JAR to a vnu.jar)"
        )
    java = shutil.which("java")
    if java is None:
        unavailable("Java is not installed, and the Nu HTML Checker needs it")
    return [java, "-jar", str(jar)]


def chromium_path():
    if not CHROMIUM.is_file():
        unavailable(f"Chromium is not installed at {CHROMIUM}, so the browser tests cannot run")
    return CHROMIUM
