"""The runners start outside Django (make bench, make cluster-test): importing them must not need
settings, or the cluster run fails at its speed check, as it once did when a figure module
imported a model at the top."""

import os
import subprocess
import sys

from core.tests.test_layers import ROOT


def test_the_runners_import_without_django_settings():
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    code = "import benchmarks.bench, benchmarks.cluster.run, benchmarks.loadtest, benchmarks.figures"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
