#!/usr/bin/env bash
# CI's cluster run (docs/cluster.md): `make cluster-test` shortened (CLUSTER_QUICK=1, about four
# minutes), after the suites. Installs Debian's nginx, its cache-purge module and wrk when missing,
# as .ci/run installs Chromium; uses the Redis server binary .ci/run installed and PostgreSQL on
# 127.0.0.1:5432. Exits non-zero, failing CI, when any check fails. The figures go to the log and
# to a temporary folder, not into docs/ (a run on a developer's machine writes those).
set -euo pipefail
cd "$(dirname "$0")/../.."

SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
missing=()
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
[ -f /usr/lib/nginx/modules/ngx_http_cache_purge_module.so ] || missing+=(libnginx-mod-http-cache-purge)
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "   installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

REPORT=$(mktemp -d)
trap 'rm -rf "$REPORT"' EXIT
status=0
CLUSTER_QUICK=1 CLUSTER_REPORT_DIR="$REPORT" \
  CLUSTER_DATABASE_URL="postgres://postgres@${PGHOST:-127.0.0.1}:5432/cluster_ci_$$" \
  make cluster-test || status=$?
[ -f "$REPORT/cluster-figures.json" ] && cat "$REPORT/cluster-figures.json"
exit "$status"
