"""The cluster run's figures: docs/cluster-figures.json, and the table in docs/cluster.md between
its two markers (the rest of that page is written by hand). With CLUSTER_REPORT_DIR (CI: see
benchmarks/cluster/ci.sh) only cluster-figures.json is written, in that folder, and docs/ is left
alone."""

import json
import os
import time
from pathlib import Path

from benchmarks.harness import ROOT

FIGURES = ROOT / "docs" / "cluster-figures.json"
PAGE = ROOT / "docs" / "cluster.md"
BEGIN, END = "<!-- cluster-run:begin -->", "<!-- cluster-run:end -->"


def table(figures, passed, elapsed, quick):
    lines = [
        f"Last run: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {elapsed} s"
        f"{' (CLUSTER_QUICK=1)' if quick else ''}: **{'passed' if passed else 'FAILED'}**.",
        "",
        "| Check | Result | Figures |",
        "| --- | --- | --- |",
    ]
    for name, data in figures.items():
        shown = {key: value for key, value in data.items() if key != "passed"}
        lines.append(f"| {name} | {'PASS' if data['passed'] else 'FAIL'} | `{json.dumps(shown)}` |")
    return "\n".join(lines)


def write(figures, passed, elapsed, quick):
    folder = os.environ.get("CLUSTER_REPORT_DIR")
    (Path(folder) / FIGURES.name if folder else FIGURES).write_text(
        json.dumps({"passed": passed, "seconds": elapsed, "quick": quick, "checks": figures}, indent=2) + "\n"
    )
    if folder:
        return
    text = PAGE.read_text() if PAGE.exists() else f"# Cluster run\n\n{BEGIN}\n{END}\n"
    head, _, rest = text.partition(BEGIN)
    _, _, tail = rest.partition(END)
    PAGE.write_text(f"{head}{BEGIN}\n{table(figures, passed, elapsed, quick)}\n{END}{tail}")
