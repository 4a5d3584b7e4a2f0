# Supportdesk developer commands. `make demo` for a first look, `make test` for the whole check.
#
# `make install` is idempotent: the venv, the Python packages, node_modules and the vendored
# assets are each rebuilt only when their inputs (pyproject.toml, requirements.lock,
# package-lock.json) change, so the second run takes a second.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY_STAMP := $(VENV)/.supportdesk-installed
NODE_STAMP := node_modules/.package-lock.json
VENDOR := supportdesk/static/vendor
VENDOR_FILES := $(VENDOR)/htmx.min.js $(VENDOR)/alpine-csp.min.js $(VENDOR)/chart.umd.min.js

# The PostgreSQL run of `make test`; override to use another database name or server.
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/supportdesk
# pytest-xdist workers, off by default: on a 2-CPU machine `-n 2` took twice as long as one
# process (per-worker database set-up) and once hung; try `make test XDIST="-n 4"` on bigger ones.
XDIST ?=
PYTEST_ARGS ?=
# e.g. `make demo DEMO_ARGS="--port 8010"`
DEMO_ARGS ?=
PYTEST := $(BIN)/pytest $(XDIST) $(PYTEST_ARGS)

.PHONY: help install demo test lint fmt checks test-sqlite test-postgres openapi messages lock clean distclean

help:
	@echo "make install        create .venv, install Python packages (pinned by requirements.lock) and npm assets"
	@echo "make demo           install, then run web + worker on SQLite with demo data (Ctrl-C stops)"
	@echo "make test           install, then lint, drift checks, pytest on SQLite and PostgreSQL (all steps run; fails if any failed)"
	@echo "make lint           ruff check, ruff format --check, mypy"
	@echo "make fmt            ruff format and ruff check --fix on the whole tree"
	@echo "make openapi        regenerate openapi.json from the code"
	@echo "make lock           rewrite requirements.lock from the installed venv"
	@echo "make clean          remove caches, node_modules and vendored assets (keeps .venv and var/)"
	@echo "make distclean      clean, and remove .venv and var/ (the demo database)"

install: $(PY_STAMP) $(VENDOR_FILES)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(PY_STAMP): pyproject.toml requirements.lock | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[dev]'
	touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

$(VENDOR_FILES) &: $(NODE_STAMP) scripts/vendor_assets.py
	$(PYTHON) scripts/vendor_assets.py
	touch $(VENDOR_FILES)

demo: install
	$(BIN)/supportdesk demo $(DEMO_ARGS)

# Each command runs even if an earlier one fails, so one run lists every problem.
lint: install
	@status=0; \
	echo "ruff check ."; $(BIN)/ruff check . || status=1; \
	echo "ruff format --check ."; $(BIN)/ruff format --check . || status=1; \
	echo "mypy supportdesk conftest.py"; $(BIN)/mypy supportdesk conftest.py || status=1; \
	exit $$status

fmt: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Drift checks: a model change without its migration, an API change without the committed
# openapi.json, a translation file that does not compile, or a stale requirements.lock.
# They need no database, so they get an empty in-memory one rather than touching ./var.
checks: install
	@status=0; \
	echo "lock_requirements.py --check"; $(BIN)/python scripts/lock_requirements.py --check || status=1; \
	echo "makemigrations --check"; DATABASE_URL=sqlite://:memory: $(BIN)/supportdesk makemigrations --check --dry-run || status=1; \
	echo "openapi --check"; DATABASE_URL=sqlite://:memory: $(BIN)/supportdesk openapi --check || status=1; \
	echo "fill_translations --check"; $(BIN)/python -m supportdesk.locale.fill_translations --check || status=1; \
	$(MAKE) --no-print-directory messages || status=1; \
	exit $$status

messages: install
	@if compgen -G "supportdesk/locale/*/LC_MESSAGES/*.po" > /dev/null; then \
	  $(BIN)/supportdesk compilemessages --ignore=.venv --ignore=node_modules --ignore=var; \
	else echo "messages: no .po files under supportdesk/locale"; fi

test-sqlite: install
	env -u DATABASE_URL $(PYTEST)

# PostgreSQL is optional for a developer (a loud banner says what did not run) and required in CI,
# where .ci/run sets SUPPORTDESK_REQUIRE_SERVICES=1.
test-postgres: install
	@if $(BIN)/python scripts/service_check.py postgres "$(PG_TEST_URL)"; then \
	  echo "DATABASE_URL=$(PG_TEST_URL) $(PYTEST)"; \
	  DATABASE_URL="$(PG_TEST_URL)" $(PYTEST); \
	elif [ "$${SUPPORTDESK_REQUIRE_SERVICES:-0}" = "1" ]; then \
	  echo "PostgreSQL NOT AVAILABLE at $(PG_TEST_URL) and SUPPORTDESK_REQUIRE_SERVICES=1: failing." >&2; \
	  exit 1; \
	else \
	  echo ""; \
	  echo "##################################################################"; \
	  echo "##  PostgreSQL NOT AVAILABLE: PostgreSQL tests NOT RUN           ##"; \
	  echo "##  ($(PG_TEST_URL))"; \
	  echo "##################################################################"; \
	  echo ""; \
	fi

# Every step runs even when an earlier one fails, so one run shows every problem; the exit
# status is non-zero if any step failed.
TEST_STEPS := lint checks test-sqlite test-postgres

test: install
	@failed=""; \
	for step in $(TEST_STEPS); do \
	  echo ""; echo "=== make $$step"; \
	  $(MAKE) --no-print-directory $$step || failed="$$failed $$step"; \
	done; \
	echo ""; \
	if [ -n "$$failed" ]; then echo "=== make test FAILED in:$$failed" >&2; exit 1; fi; \
	echo "=== make test passed ($(TEST_STEPS))"

openapi: install
	$(BIN)/supportdesk openapi

lock: $(BIN)/python
	$(BIN)/python scripts/lock_requirements.py

clean:
	rm -rf node_modules $(VENDOR) .pytest_cache .ruff_cache .mypy_cache test-results
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV) var supportdesk.egg-info
