"""Every setting the project's code reads has its default in site/settings/base.py and a line in
docs/configuration.md: nobody has to find a `getattr(settings, …, default)` to know it exists."""

import ast
import re

from django.conf import global_settings

from core.tests.test_layers import ROOT, project_modules

BASE = ROOT / "site" / "settings" / "base.py"
# Libraries' own settings, documented by the libraries: set in base.py, not listed again.
LIBRARY_PREFIXES = ("AXES_", "WAGTAIL", "CONTENT_SECURITY_POLICY")
DOCS = ROOT / "docs" / "configuration.md"


def settings_read():
    """{setting name: a module that reads it} for `settings.NAME` in the project's own code."""
    found = {}
    for name, path in project_modules().items():
        if name.startswith("settings"):
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id == "settings"
            ):
                if node.attr.isupper():
                    found.setdefault(node.attr, name)
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "getattr":
                first = node.args[0] if node.args else None
                if isinstance(first, ast.Name) and first.id == "settings":
                    raise AssertionError(
                        f"{name} reads a setting with getattr(settings, …): give it a default in base.py"
                    )
    return found


def assigned_in_base():
    return {
        target.id
        for node in ast.walk(ast.parse(BASE.read_text()))
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name)
    }


def test_the_code_reads_settings_directly():
    assert "PAGE_CACHE_SECONDS" in settings_read()


def test_each_project_setting_has_its_default_in_base_and_its_line_in_the_docs():
    ours = {name: module for name, module in settings_read().items() if not hasattr(global_settings, name)}
    base, docs = assigned_in_base(), DOCS.read_text()
    missing_default = sorted(
        f"{name} (read by {module})" for name, module in ours.items() if name not in base
    )
    undocumented = sorted(
        name for name in ours if not name.startswith(LIBRARY_PREFIXES) and not re.search(rf"`{name}`", docs)
    )
    assert not missing_default, missing_default
    assert not undocumented, undocumented
