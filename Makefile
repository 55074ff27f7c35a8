# The two front doors: `make run` serves the demo site, `make test` runs the suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# Links in notification emails, and the address the demo prints, follow HOST and PORT.
export WAGTAILADMIN_BASE_URL ?= http://$(HOST):$(PORT)

.PHONY: run test demo lint check bench loadtest loadtest-questionnaire cluster-test clean backup restore lock

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# The lock files (requirements*.txt, made by `make lock`) pin every package with its hashes.
$(VENV)/.runtime: requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet --require-hashes -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet --require-hashes -r requirements-dev.txt
	touch $@ $(VENV)/.runtime

demo: $(VENV)/.runtime
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo_content

# The site and its background worker (docs/messaging.md), as one command: Ctrl-C stops both.
run: demo
	@$(PY) manage.py db_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

test: $(VENV)/.dev
	$(VENV)/bin/pytest $(PYTEST_ARGS)

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/bandit -r . -c pyproject.toml --severity-level medium -q

check: $(VENV)/.dev
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

# Throughput, latency, queries and page weight on a throwaway database (README: "Performance").
# BENCH_COMPARE=/path/to/bakerydemo also compares with Wagtail's demo, as ratios (docs/performance.md).
bench: $(VENV)/.dev
	$(PY) -m benchmarks.bench

# 200 users for a minute, then again across a PostgreSQL restart (README: "Load test").
loadtest: $(VENV)/.dev
	$(PY) -m benchmarks.loadtest

# 100 respondents answering the four-section urgent care questionnaire for 60 s, then a count that
# every accepted response was stored exactly once (docs/questionnaires.md, "Scale"). SQLite unless
# DATABASE_URL is a postgres:// URL; QUICK=1 for a 15 s smoke run with 20 respondents.
loadtest-questionnaire: $(VENV)/.dev
	$(PY) -m benchmarks.questionnaire_load

# nginx in front of two gunicorn servers sharing PostgreSQL, Redis (its own, on 6390), SeaweedFS and
# an RQ worker; installs Debian's nginx if missing (docs/cluster.md). CLUSTER_QUICK=1: shorter load.
cluster-test: $(VENV)/.dev
	$(PY) -m benchmarks.cluster.run

# make backup [BACKUP_DIR=/var/backups/engagement-hub] [KEEP=14]
backup: $(VENV)/.runtime
	$(PY) manage.py backup $(if $(BACKUP_DIR),--dir "$(BACKUP_DIR)") $(if $(KEEP),--keep $(KEEP))

# make restore FILE=backups/backup-20250101-020000 (asks before replacing the database)
restore: $(VENV)/.runtime
	@test -n "$(FILE)" || { echo "Usage: make restore FILE=<backup folder>"; exit 2; }
	$(PY) manage.py restore "$(FILE)"

# Resolve requirements.in and requirements-dev.in (the packages chosen, each pinned) into the lock
# files, with every dependency pinned and hashed. Run after changing a .in file; commit all four.
LOCK := $(VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	--no-emit-index-url --no-emit-find-links
lock: $(VENV)/.dev
	$(LOCK) --output-file requirements.txt requirements.in
	$(LOCK) --output-file requirements-dev.txt requirements-dev.in

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-wal db.sqlite3-shm media static .test-media .page-cache
