"""On SQLite, simultaneous writers queue instead of failing with "database is locked".

Two approvals at once each read their stage and then write the decision. With SQLite's default
(deferred) transactions the second writer's upgrade from reading to writing fails at once, however
long the busy timeout, and the approver saw a 500. The settings open every SQLite connection in
WAL mode and start each transaction by taking the write lock (IMMEDIATE), waiting up to
SQLITE_BUSY_TIMEOUT seconds for it. This runs the same read-then-write pattern from eight threads,
in a fresh process whose settings come from DATABASE_URL as a deployment's do.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import json, threading, time
import django
django.setup()
from django.db import connection, transaction

with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE decisions (stage INTEGER PRIMARY KEY, approvals INTEGER)")
    cursor.execute("INSERT INTO decisions VALUES (1, 0)")
    cursor.execute("PRAGMA journal_mode")
    journal = cursor.fetchone()[0]
errors, barrier = [], threading.Barrier(8)

def approve():
    from django.db import connection as mine
    try:
        barrier.wait()
        with transaction.atomic():
            with mine.cursor() as cursor:
                cursor.execute("SELECT approvals FROM decisions WHERE stage = 1")
                approvals = cursor.fetchone()[0]
                time.sleep(0.05)
                cursor.execute("UPDATE decisions SET approvals = %s WHERE stage = 1", [approvals + 1])
    except Exception as error:
        errors.append(str(error))
    finally:
        mine.close()

threads = [threading.Thread(target=approve) for _ in range(8)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
with connection.cursor() as cursor:
    cursor.execute("SELECT approvals FROM decisions")
    print("RESULT" + json.dumps({"errors": errors, "approvals": cursor.fetchone()[0], "journal": journal}))
"""


def test_simultaneous_writers_queue_instead_of_failing(tmp_path):
    environment = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    environment.update(
        DJANGO_SETTINGS_MODULE="settings.test",
        DATABASE_URL=f"sqlite:///{tmp_path / 'site.sqlite3'}",
        PYTHONPATH=f"{ROOT}{os.pathsep}{ROOT / 'site'}",
    )
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    line = next(line for line in result.stdout.splitlines() if line.startswith("RESULT"))
    outcome = json.loads(line.removeprefix("RESULT"))
    assert outcome == {"errors": [], "approvals": 8, "journal": "wal"}
