"""The project's layers hold: apps import only from the layers beneath them, and no module imports
another that (directly or not) imports it back, whether the import is at the top of a file or
tucked inside a function to dodge the cycle.

The graph is read from the source with `ast`, so the test sees imports that have not run yet.
Tests and migrations are left out: tests may reach into any layer to set a scene, and migrations
are frozen history.
"""

import ast
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[2]

# From the bottom up (DESIGN.md, "Layers"). An app may import from its own tier and those below.
TIERS = [
    ["core"],
    ["workflows"],
    ["pages"],
    ["messaging"],
    ["involvement", "alerts"],
    ["questionnaires", "events"],
    ["analysis", "published_responses", "reach"],
    ["reporting"],
    ["public_site", "security", "operations"],
    ["demo", "benchmarks"],
    ["settings", "urls", "wsgi"],
]
TIER = {app: level for level, apps in enumerate(TIERS) for app in apps}


def module_name(path):
    relative = path.relative_to(ROOT)
    parts = list(relative.with_suffix("").parts)
    if parts[0] == "site":  # a source root, not a package: settings.base, urls, wsgi
        parts = parts[1:]
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def project_modules():
    modules = {}
    for path in ROOT.rglob("*.py"):
        relative = path.relative_to(ROOT).parts
        if relative[0].startswith(".") or relative[0] in ("node_modules", "static", "media"):
            continue
        if "tests" in relative or "migrations" in relative or path.name == "conftest.py":
            continue
        name = module_name(path)
        if name and name.split(".")[0] in TIER:
            modules[name] = path
    return modules


def imports_of(path, name, modules):
    """The project modules `path` imports, anywhere in the file."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            targets = [f"{base}.{alias.name}" for alias in node.names] + [base]
        else:
            continue
        for target in targets:
            # The longest project module the import names ("pages.models.OpportunityPage" is
            # pages.models; "pages.models.opportunities" is itself).
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def graph():
    modules = project_modules()
    return {name: imports_of(path, name, modules) for name, path in modules.items()}


def test_the_graph_sees_the_project():
    edges = graph()
    assert "pages.models.opportunities" in edges and "workflows.publication" in edges
    assert "workflows.publication" in edges["pages.models.opportunities"]


def test_no_app_imports_from_a_layer_above_it():
    upward = sorted(
        f"{module} imports {target}"
        for module, targets in graph().items()
        for target in targets
        if TIER[target.split(".")[0]] > TIER[module.split(".")[0]]
    )
    assert not upward, "\n".join(upward)


def test_no_module_imports_itself_round_a_cycle():
    edges = graph()
    cycles, done = [], set()

    def visit(module, path):
        if module in path:
            cycle = path[path.index(module) :] + [module]
            if frozenset(cycle) not in done:
                done.add(frozenset(cycle))
                cycles.append(" -> ".join(cycle))
            return
        if module in seen:
            return
        seen.add(module)
        for target in sorted(edges.get(module, ())):
            visit(target, [*path, module])

    seen = set()
    for module in sorted(edges):
        visit(module, [])
    assert not cycles, "\n".join(cycles)
