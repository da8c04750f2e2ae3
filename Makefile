# Quick start: `make run` (app with demo data on 127.0.0.1:$(PORT)) and `make test` (the whole suite).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# What the app needs from Debian: a CJK font for PDFs, gettext for the catalogues, Pango for WeasyPrint
# and HarfBuzz-Subset (WeasyPrint subsets the 5 MB CJK font with it in ~30 ms; fontTools takes ~1.5 s).
RUN_PACKAGES := python3-venv fonts-wqy-microhei gettext libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
# What the tests need on top: Chromium for browser tests, poppler-utils (pdffonts, pdftotext) for PDFs.
TEST_PACKAGES := chromium poppler-utils

.PHONY: run test serve bench setup system-packages test-system-packages messages lint format clean

$(VENV)/.installed: requirements.txt
	@[ -x $(PY) ] || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -r requirements.txt
	@touch $@

system-packages:
	@scripts/ensure-system-packages.sh $(RUN_PACKAGES)

test-system-packages: system-packages
	@scripts/ensure-system-packages.sh $(TEST_PACKAGES)

messages: $(VENV)/.installed
	@if [ -d locale ]; then $(PY) manage.py compilemessages -v0 --ignore=.venv; fi

setup: system-packages $(VENV)/.installed messages
	$(PY) manage.py migrate --no-input -v1
	$(PY) manage.py seed_demo

# The links in e-mails point at this server's address and port (HRMS_SITE_URL), unless set otherwise.
run: export HRMS_SITE_URL ?= http://127.0.0.1:$(PORT)
run: setup
	@$(PY) manage.py demo_logins
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

test: test-system-packages $(VENV)/.installed messages lint
	@# Migrations match the models (files only: the embedded database, whatever DATABASE_URL says).
	DATABASE_URL= DJANGO_SETTINGS_MODULE=hrms.settings.test $(PY) manage.py makemigrations --check --dry-run
	@$(VENV)/bin/pytest -n 2 $(PYTEST_ARGS); rc=$$?; \
	  if [ $$rc -eq 5 ]; then echo "pytest collected no tests: failing on purpose"; exit 1; fi; exit $$rc

clean:
	rm -rf $(VENV) var

# --- production mode and benchmark --------------------------------------------------------------
# `make serve`: gunicorn + Celery worker + beat (Procfile, honcho) with the production settings.
# Reads DJANGO_SECRET_KEY, DATABASE_URL, REDIS_URL, DJANGO_ALLOWED_HOSTS, HRMS_CONFIDENTIAL_FILE_KEY, HRMS_FIELD_ENCRYPTION_KEY… from the environment or .env
# (docs/deployment.md). Migrates and collects static files first, as an upgrade does.
serve: system-packages $(VENV)/.installed messages
	set -a; [ -f .env ] && . ./.env; set +a; \
	export DJANGO_SETTINGS_MODULE=hrms.settings.production PATH="$(CURDIR)/$(VENV)/bin:$$PATH"; \
	$(PY) manage.py check --deploy && \
	$(PY) manage.py migrate --no-input -v1 && \
	$(PY) manage.py collectstatic --no-input -v0 && \
	exec $(VENV)/bin/honcho start -f Procfile

# `make bench`: a fresh PostgreSQL database (never DATABASE_URL: BENCH_DATABASE_URL, name must contain
# "bench"), demo + volume data, then benchmarks/run.py with the production settings. BENCH_FRESH=0 reuses
# the seeded database; BENCH_ARGS passes options to the harness (e.g. --skip-load, --repeat 5).
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/hrms_bench
BENCH_REDIS_URL ?= redis://127.0.0.1:6379/5
BENCH_EMPLOYEES ?= 10000
BENCH_YEARS ?= 10
BENCH_FRESH ?= 1
BENCH_ARGS ?=
BENCH_ENV := DJANGO_SETTINGS_MODULE=hrms.settings.production DATABASE_URL=$(BENCH_DATABASE_URL) \
	REDIS_URL=$(BENCH_REDIS_URL) DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost HRMS_VAR_DIR=$(CURDIR)/var/bench \
	DJANGO_SECRET_KEY=bench-only-key-never-used-in-production-5f0c9a7e2b4d6e8f1a3c5b7d9e0f2a4c \
	HRMS_CONFIDENTIAL_FILE_KEY=YmVuY2gtb25seS1rZXktbmV2ZXItaW4tcHJvZHVjdGk= \
	HRMS_FIELD_ENCRYPTION_KEY=YmVuY2gtb25seS1maWVsZC1rZXktbmV2ZXItcHJvZCE= \
	DJANGO_SECURE_SSL_REDIRECT=0 DJANGO_SECURE_COOKIES=0 DJANGO_LOG_LEVEL=WARNING

$(VENV)/.bench-installed: requirements-bench.txt $(VENV)/.installed
	$(VENV)/bin/pip install -q -r requirements-bench.txt
	@touch $@

bench: system-packages $(VENV)/.installed $(VENV)/.bench-installed messages
	@if [ "$(BENCH_FRESH)" = "1" ]; then \
	  $(BENCH_ENV) $(PY) -m benchmarks.database && \
	  $(BENCH_ENV) $(PY) manage.py migrate --no-input -v0 && \
	  $(BENCH_ENV) $(PY) manage.py seed_demo --force && \
	  $(BENCH_ENV) $(PY) manage.py seed_volume --employees $(BENCH_EMPLOYEES) --years $(BENCH_YEARS) --seed 1; \
	fi
	$(BENCH_ENV) $(PY) manage.py collectstatic --no-input -v0
	$(BENCH_ENV) $(PY) -m benchmarks.run $(BENCH_ARGS)
