# The two front doors: `make run` serves the demo site, `make test` runs the suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test demo lint check benchmark clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.runtime

demo: $(VENV)/.runtime
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo_content

run: demo
	$(PY) manage.py runserver $(HOST):$(PORT)

test: $(VENV)/.dev
	$(VENV)/bin/pytest $(PYTEST_ARGS)

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

check: $(VENV)/.dev
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

benchmark: $(VENV)/.dev
	$(PY) benchmarks/run.py

clean:
	rm -rf $(VENV) db.sqlite3 media static .test-media
