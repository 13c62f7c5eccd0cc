# Tutor: `make run` serves the demo site, `make test` runs lint and the whole suite.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

# Django 6 needs Python 3.12+. Take the first interpreter that really is 3.12 or newer:
# $(PYTHON) if given, then python3.13/python3.12/python3 on PATH, then pyenv's installs.
PYTHON ?= $(shell for p in python3.14 python3.13 python3.12 python3 \
	$$HOME/.pyenv/versions/3.1[2-9]*/bin/python3 /usr/local/bin/python3.1[2-9] /usr/bin/python3.1[2-9]; do \
	  command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1 \
	  && { command -v $$p; break; }; done)

.PHONY: run serve test lint pytest chromium bench migrate seed clean help

help:
	@echo "make run   - create .venv, install, migrate, seed the demo course and users, serve on http://$(HOST):$(PORT) with a task worker"
	@echo "make serve - the site as in production: DEBUG off, collectstatic, gunicorn, the task worker"
	@echo "make test  - install test tools, run ruff (lint + format check) and pytest"
	@echo "make bench - run the benchmarks in bench/"

$(VENV)/.created:
	@if [ -z "$(PYTHON)" ]; then \
	  echo "error: Tutor needs Python 3.12 or newer (Django 6). None was found on PATH or in ~/.pyenv/versions." >&2; \
	  echo "       Install one (e.g. 'pyenv install 3.12') or run: make PYTHON=/path/to/python3.12 ..." >&2; \
	  exit 1; fi
	@echo "Creating $(VENV) with $(PYTHON)"
	@rm -rf $(VENV)
	"$(PYTHON)" -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	@touch $@

$(VENV)/.installed: pyproject.toml $(VENV)/.created
	$(PY) -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.created
	$(PY) -m pip install --quiet -e ".[dev]"
	@touch $@ $(VENV)/.installed

migrate: $(VENV)/.installed
	$(PY) manage.py migrate --noinput

# A small simulated class gives the demo instructor real results at once (kept on later runs).
seed: migrate
	$(PY) manage.py seed_demo
	$(PY) manage.py seed_class military-alliances --students 24 --days 10 --keep

# The task worker (question generation, large imports) runs beside the development server;
# Ctrl-C stops both.
run: seed
	@echo "Serving Tutor on http://$(HOST):$(PORT)/ with a task worker (Ctrl-C stops both)"
	@$(PY) manage.py run_worker --worker-id "$$(hostname)-dev" & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

# The site as in production. DEBUG is off unless DJANGO_DEBUG says otherwise; the secret key is
# DJANGO_SECRET_KEY, else one generated once into .secret_key (several servers need the same key:
# set it in their environment). Settings come from the environment (README: Configuration).
SERVE_ENV = DJANGO_DEBUG="$${DJANGO_DEBUG:-0}" \
	DJANGO_SECRET_KEY="$${DJANGO_SECRET_KEY:-$$(cat .secret_key)}" TUTOR_BIND="$(HOST):$(PORT)"

.secret_key: | $(VENV)/.created
	@umask 077; $(PY) -c 'import secrets; print(secrets.token_urlsafe(50))' > $@

serve: $(VENV)/.installed .secret_key
	$(SERVE_ENV) $(PY) manage.py migrate --noinput
	$(SERVE_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0
	@echo "Serving Tutor with gunicorn on http://$(HOST):$(PORT)/ (Ctrl-C to stop)"
	$(SERVE_ENV) exec $(VENV)/bin/gunicorn --config tutor/gunicorn.conf.py tutor.wsgi

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

# The browser tests drive Debian's Chromium: installed with apt-get when missing and run as root,
# otherwise they are skipped with a loud message (TUTOR_REQUIRE_BROWSER=1 makes that a failure).
chromium:
	@scripts/ensure-chromium

# pytest exits 5 when it collects nothing; that is reported, not treated as a crash.
pytest: $(VENV)/.installed-dev chromium
	@set +e; $(VENV)/bin/pytest $(PYTEST_ARGS); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests"; exit 0; fi; exit $$rc

test: lint pytest

bench: $(VENV)/.installed-dev
	@for script in bench/*.py; do echo "== $$script"; $(PY) $$script || exit 1; done

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache *.egg-info
