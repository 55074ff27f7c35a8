"""The processes of the cluster run, each started on 127.0.0.1 and stopped on exit: Redis, SeaweedFS
(public_site/tests/object_store.py), two gunicorn servers, one RQ worker and nginx."""

import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

from benchmarks import harness
from benchmarks.cluster import nginx

SUDO = [] if os.geteuid() == 0 else ["sudo"]


def port_is_free(port):
    """Whether a server could listen on `port` now. SO_REUSEADDR, as gunicorn, Redis and nginx set it:
    the connections of a run just finished (TIME_WAIT) do not make the next run's ports busy."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def install_nginx():
    """Debian's nginx and its cache-purge module, as .ci/run installs Chromium."""
    if nginx.nginx_binary() and nginx.PURGE_MODULE.is_file():
        return
    if not shutil.which("apt-get"):
        raise SystemExit(
            "nginx is not installed, and this is not Debian: install nginx and its cache-purge module."
        )
    harness.say("Installing Debian's nginx and libnginx-mod-http-cache-purge…")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run([*SUDO, "apt-get", "update", "-qq"], check=True, env=env)
    packages = ["nginx", "libnginx-mod-http-cache-purge", *([] if shutil.which("wrk") else ["wrk"])]
    subprocess.run([*SUDO, "apt-get", "install", "-y", "-qq", *packages], check=True, env=env)


class Processes:
    """Everything started, stopped in reverse order by stop_all() (the run's finally)."""

    def __init__(self, workdir):
        self.workdir = Path(workdir)
        self.started = []  # (name, stop function)

    def popen(self, name, command, env=None, cwd=harness.ROOT):
        log = open(self.workdir / f"{name}.log", "w")
        process = subprocess.Popen(
            command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.started.append((name, lambda: stop_group(process)))
        return process

    def stop_all(self):
        for _name, stop in reversed(self.started):
            stop()
        self.started.clear()


def stop_group(process, sig=signal.SIGTERM, wait=15):
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, sig)
        process.wait(timeout=wait)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


class Redis:
    def __init__(self, processes, port):
        self.processes, self.port = processes, port
        self.process = None

    def start(self):
        self.process = self.processes.popen(
            f"redis-{len(self.processes.started)}",
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
        )
        wait_for_port(self.port, 20, "redis-server")

    def restart(self):
        """Stopped without saving (nothing kept, as after a failover to an empty replica), then started."""
        stop_group(self.process)
        time.sleep(1)
        self.start()


def wait_for_port(port, seconds, name):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise SystemExit(f"{name} did not listen on {port} within {seconds} s")


def gunicorn(processes, name, env, port, workers=2):
    process = processes.popen(
        name,
        [harness.GUNICORN, "wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
         "--timeout", "30", "--log-level", "warning"],
        env=env,
        cwd=harness.ROOT / "site",
    )  # fmt: skip
    harness.wait_until_up(f"http://127.0.0.1:{port}", process, str(processes.workdir / f"{name}.log"), 90)
    return process


def start_nginx(processes, run_dir, port, purge_port, servers):
    config = nginx.write(
        run_dir,
        port=port,
        purge_port=purge_port,
        server_a=servers[0],
        server_b=servers[1],
        forwarded_proto="http",
    )
    ok, output = nginx.test_config(config)
    if not ok:
        raise SystemExit(f"nginx -t refused the configuration:\n{output}")
    process = processes.popen("nginx", nginx.command(config, "-g", "daemon off;"))
    wait_for_port(port, 20, "nginx")
    return process
