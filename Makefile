# Quick start: `make run` (app with demo data on 127.0.0.1:$(PORT)) and `make test` (the whole suite).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# What the app needs from Debian: a CJK font for PDFs, gettext for the catalogues, Pango for WeasyPrint.
RUN_PACKAGES := python3-venv fonts-wqy-microhei gettext libpango-1.0-0 libpangoft2-1.0-0
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
	@$(PY) manage.py compilemessages -v0 --ignore=.venv

setup: system-packages $(VENV)/.installed messages
	$(PY) manage.py migrate --no-input -v1
	$(PY) manage.py seed_demo

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
	DJANGO_SETTINGS_MODULE=hrms.settings.test $(PY) manage.py makemigrations --check --dry-run
	@$(VENV)/bin/pytest -n 2 $(PYTEST_ARGS); rc=$$?; \
	  if [ $$rc -eq 5 ]; then echo "pytest collected no tests: failing on purpose"; exit 1; fi; exit $$rc

clean:
	rm -rf $(VENV) var
