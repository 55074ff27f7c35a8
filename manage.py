#!/usr/bin/env python
"""Django's command-line utility for the engagement hub."""

import os
import sys
from pathlib import Path

if __name__ == "__main__":
    # site/ holds the configuration; it is a source root, not a package, because
    # the standard library already owns the name `site`.
    sys.path.insert(0, str(Path(__file__).resolve().parent / "site"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings.dev")

    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
