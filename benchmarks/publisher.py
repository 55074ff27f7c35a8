"""Publishes a 'You said, We did' item each time it reads a line: the bench's publish test.

Run by benchmarks/compare.py in a child process with the production settings and the volume data
(`python -m benchmarks.publisher`), started before the load so that starting Django costs nothing
during it. Prints "ready", then for each line read, publishes a new revision of the newest item
(the first the home page shows) and prints JSON with its address and the seconds it took.

An item, not an opportunity: an opportunity is published only after its sign-off
(workflows/publication.py), which a benchmark has no business faking. The newest item is on the
home page, its index, the feeds and the sitemap, so its publish makes all of those stale.
"""

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "site")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings.production")

import django  # noqa: E402

django.setup()

from pages.models import YouSaidWeDidPage  # noqa: E402


def newest_item():
    return YouSaidWeDidPage.objects.live().order_by("-date", "-pk").first()


def main():
    print("ready", flush=True)
    for _line in sys.stdin:
        page = newest_item()
        started = time.perf_counter()
        page.save_revision().publish()
        print(json.dumps({"url": page.url, "seconds": round(time.perf_counter() - started, 3)}), flush=True)


if __name__ == "__main__":
    main()
