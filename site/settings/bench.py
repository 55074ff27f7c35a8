"""The settings `make bench` and `make loadtest` run under: production's, plus the volume data command."""

from .production import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "benchmarks"]  # noqa: F405
