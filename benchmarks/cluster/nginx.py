"""The nginx configuration the cluster run uses (benchmarks/cluster/nginx.conf), filled in for a run
folder, and `nginx -t` on it. The same file is what docs/deployment.md points to."""

import getpass
import re
import shutil
import subprocess
from pathlib import Path

TEMPLATE = Path(__file__).with_name("nginx.conf")
PURGE_MODULE = Path("/usr/lib/nginx/modules/ngx_http_cache_purge_module.so")
PLACEHOLDER = re.compile(r"\{\{([A-Z_]+)\}\}")


def nginx_binary():
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).is_file()), None)


def render(run_dir, port, purge_port, server_a, server_b, forwarded_proto="https"):
    """The configuration text for a run folder; every {{NAME}} must be given."""
    values = {
        "PURGE_MODULE": str(PURGE_MODULE),
        "RUN_DIR": str(run_dir),
        "PORT": str(port),
        "PURGE_PORT": str(purge_port),
        "USER": getpass.getuser(),
        "SERVER_A": server_a,
        "SERVER_B": server_b,
        "FORWARDED_PROTO": forwarded_proto,
    }
    return PLACEHOLDER.sub(lambda match: values[match.group(1)], TEMPLATE.read_text())


def write(run_dir, **values):
    run_dir = Path(run_dir)
    for folder in ("static-probe", "cache"):
        (run_dir / folder).mkdir(parents=True, exist_ok=True)
    path = run_dir / "nginx.conf"
    path.write_text(render(run_dir, **values))
    return path


def command(path, *extra):
    # -p: nginx's prefix is the run folder, so nothing is read from or written to /etc or /var.
    return [
        nginx_binary(),
        "-p",
        str(Path(path).parent),
        "-c",
        str(path),
        "-e",
        str(Path(path).parent / "error.log"),
        *extra,
    ]


def test_config(path):
    """`nginx -t`: (ok, output)."""
    result = subprocess.run(command(path, "-t"), capture_output=True, text=True, timeout=30)
    return result.returncode == 0, result.stderr
