"""What `make bench` and `make loadtest` share: a throwaway database, the volume data, gunicorn.

Every command runs in a child process under the production settings (settings.bench: the
production settings plus the volume data command), as a deployment would; nothing here imports
Django.
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = (
    str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable
)
GUNICORN = str(Path(PYTHON).parent / "gunicorn")


def say(text):
    print(text, flush=True)


def production_env(workdir, database_url, **extra):
    """Production settings served over plain HTTP on the loopback, with throwaway files.

    settings.bench is the production settings with this app added, for generate_volume_data.
    """
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "settings.bench",
        "SECRET_KEY": "benchmark-only-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        # Locust and wrk reach gunicorn directly.
        "TRUSTED_PROXIES": "0",
        "DATABASE_URL": database_url,
        "STATIC_ROOT": str(Path(workdir) / "static"),
        "MEDIA_ROOT": str(Path(workdir) / "media"),
        "PAGE_CACHE_DIR": str(Path(workdir) / "page-cache"),
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    }
    env.update({key: str(value) for key, value in extra.items()})
    return env


def manage(env, *args, quiet=True):
    """Run manage.py with `env`; stop the whole run with its output if it fails."""
    started = time.monotonic()
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        sys.stderr.write(result.stdout[-4000:] + result.stderr[-8000:])
        raise SystemExit(f"manage.py {' '.join(args)} failed (exit {result.returncode})")
    if not quiet:
        lines = [line for line in result.stdout.splitlines() if line.strip()]
        if lines:
            say("  " + lines[-1])
    return time.monotonic() - started


def json_from(env, *args):
    """Run `python <args>` in the project with `env` and read the JSON its last line prints; stop
    the whole run with its errors if it fails."""
    result = subprocess.run([PYTHON, *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{result.stderr[-6000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def build_site(env):
    """Migrate, add the volume data, collect the static files; returns seconds taken."""
    seconds = {}
    say("Migrating…")
    seconds["migrate"] = manage(env, "migrate", "--noinput")
    say("Adding the volume data (the demo content, then thousands of opportunities and outcomes)…")
    seconds["volume data"] = manage(env, "generate_volume_data", "--yes", *volume_args(), quiet=False)
    say("Collecting static files…")
    seconds["collectstatic"] = manage(env, "collectstatic", "--noinput")
    return seconds


def volume_args():
    """Smaller volume for a quick try: BENCH_OPPORTUNITIES, BENCH_OUTCOMES."""
    args = []
    for option, variable in (("--opportunities", "BENCH_OPPORTUNITIES"), ("--outcomes", "BENCH_OUTCOMES")):
        if os.environ.get(variable):
            args += [option, os.environ[variable]]
    return args


# Databases ----------------------------------------------------------------------------------------


def is_postgres(url):
    return urlsplit(url).scheme in {"postgres", "postgresql", "pgsql"}


def _maintenance_connection(url):
    import psycopg2

    parts = urlsplit(url)
    connection = psycopg2.connect(urlunsplit(parts._replace(path="/postgres")))
    connection.autocommit = True
    return connection, parts.path.lstrip("/")


def create_postgres_database(url):
    """Create the database named in `url` if it is missing; True if this call created it."""
    connection, name = _maintenance_connection(url)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if cursor.fetchone():
                return False
            cursor.execute(f'CREATE DATABASE "{name}"')
            return True
    finally:
        connection.close()


def drop_postgres_database(url):
    connection, name = _maintenance_connection(url)
    try:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        connection.close()


@contextmanager
def throwaway_database(default_name, *, require_postgres=False):
    """(database URL, working folder) for one run; everything made here is removed afterwards.

    Without DATABASE_URL: SQLite in the working folder (or, with require_postgres, a new
    PostgreSQL database on 127.0.0.1). With DATABASE_URL: that database, created if missing and
    then dropped again; one that already existed is left in place. BENCH_KEEP=1 keeps everything.
    """
    workdir = tempfile.mkdtemp(prefix="engagement-bench-")
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        url = (
            f"postgres://postgres@127.0.0.1:5432/{default_name}"
            if require_postgres
            else f"sqlite:///{workdir}/bench.sqlite3"
        )
    created = create_postgres_database(url) if is_postgres(url) else False
    keep = os.environ.get("BENCH_KEEP") == "1"
    try:
        yield url, workdir
    finally:
        if keep:
            say(f"Kept {url} and {workdir} (BENCH_KEEP=1).")
        else:
            if created:
                drop_postgres_database(url)
            shutil.rmtree(workdir, ignore_errors=True)


# The server -----------------------------------------------------------------------------------


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn(env, workers=2, timeout=30, extra_args=(), ready_seconds=60):
    """gunicorn serving the site on a free loopback port; yields its base URL and stops it after."""
    with gunicorn_process(
        env, workers=workers, timeout=timeout, extra_args=extra_args, ready_seconds=ready_seconds
    ) as (base, _process):
        yield base


@contextmanager
def gunicorn_process(
    env,
    workers=2,
    timeout=30,
    extra_args=(),
    command=GUNICORN,
    app="wsgi:application",
    cwd=ROOT / "site",
    ready_path="/robots.txt",
    ready_seconds=60,
):
    """(base URL, the gunicorn master's Popen) of a server on a free loopback port, stopped after.

    `command`, `app` and `cwd` let the comparison (benchmarks/compare.py) serve another project
    the same way.
    """
    port = free_port()
    log = open(Path(env["STATIC_ROOT"]).parent / f"gunicorn-{port}.log", "w")
    process = subprocess.Popen(
        [
            command,
            app,
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--timeout",
            str(timeout),
            "--log-level",
            "warning",
            *extra_args,
        ],
        cwd=cwd,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base, process, log.name, seconds=ready_seconds, path=ready_path)
        yield base, process
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        log.close()


def wait_until_up(base, process, log_name, seconds=60, path="/robots.txt"):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(
                f"gunicorn stopped (exit {process.returncode}):\n{Path(log_name).read_text()[-6000:]}"
            )
        try:
            # Reviewed for bandit: `base` is always http://127.0.0.1:<port>, the server started above.
            with urllib.request.urlopen(base + path, timeout=5) as response:  # nosec B310
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    raise SystemExit(f"gunicorn did not answer within {seconds} s; see {log_name}")


def fetch(url, timeout=60, headers=None):
    """(status, body bytes as sent) of a GET, without following redirects."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(urllib.request.Request(url, headers=headers or {}), timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
