"""Every app's tests run: `make test` collects from pyproject's testpaths, so an app missing from
that list would have its tests silently skipped in CI."""

import pathlib
import tomllib

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_every_app_with_tests_is_in_testpaths():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    testpaths = set(config["tool"]["pytest"]["ini_options"]["testpaths"])
    apps = {path.parent.parent.name for path in ROOT.glob("*/tests/__init__.py")}
    assert apps - testpaths == set()
