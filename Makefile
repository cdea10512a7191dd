# Birmingham Career Pathways: `make help` lists the targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
STAMP := $(VENV)/.installed-stamp
# Compiled translations (gitignored): one .mo beside each committed .po.
PO_FILES := $(wildcard translations/*/LC_MESSAGES/messages.po)
MO_FILES := $(PO_FILES:.po=.mo)
# html-validate, which the test suite runs on every rendered page (package.json, package-lock.json).
NPM_STAMP := node_modules/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 5000

.DEFAULT_GOAL := help
.PHONY: help install translations db ingest reindex run test audit clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,postgres]'
	@touch $(STAMP)

# Each .mo is rebuilt when its .po (or the installed Babel) is newer.
%.mo: %.po $(STAMP)
	$(BIN)/pybabel compile -i $< -o $@ --statistics

translations: $(MO_FILES) ## Compile the translation catalogs (translations/*/LC_MESSAGES/*.po)

# `npm ci` installs exactly package-lock.json; skipped (with a note) where npm is missing,
# in which case the HTML validation test skips on a laptop and fails in CI.
$(NPM_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --ignore-scripts --loglevel=error && touch $(NPM_STAMP); \
	else echo "npm not found: the HTML validation test will not run (install Node.js 20+)."; fi

install: $(STAMP) $(MO_FILES) $(NPM_STAMP) ## Create .venv, install the package, compile translations, install html-validate

db: install ## Create or upgrade the database schema
	$(FLASK) db upgrade

ingest: db ## Ingest every source in SOURCES_FILE (the bundled demo by default)
	$(FLASK) ingest run

reindex: install ## Rebuild the search index from the database
	$(FLASK) reindex

run: db ## Serve the site on the demo data at http://127.0.0.1:5000
	@$(FLASK) ingest run || echo "Some sources failed (see above); serving what loaded."
	@$(FLASK) milestones load --if-empty tracker/content/indicators.csv
	@$(FLASK) snapshots backfill
	@echo "Serving on http://$(HOST):$(PORT)  (Ctrl+C to stop)"
	$(FLASK) run --host $(HOST) --port $(PORT)

test: install ## Type-check, then run the whole test suite
	$(BIN)/python -m mypy
	$(BIN)/python -m pytest

# pip-audit runs from its own virtualenv so its dependencies are not audited as the site's.
# It asks a vulnerability service about every installed package (AUDIT_SERVICE: pypi, the
# PyPI JSON API, or osv); --strict fails when any package could not be checked, so an
# unreachable service is a loud failure, never a silent pass.
AUDIT_VENV := .venv-audit
AUDIT_SERVICE ?= pypi
$(AUDIT_VENV)/.installed-stamp:
	$(PYTHON) -m venv $(AUDIT_VENV)
	$(AUDIT_VENV)/bin/python -m pip install --quiet 'pip-audit>=2.9,<3'
	@touch $@

audit: install $(AUDIT_VENV)/.installed-stamp ## Check the installed packages for known vulnerabilities (pip-audit)
	@$(AUDIT_VENV)/bin/pip-audit --strict --skip-editable --progress-spinner off -s $(AUDIT_SERVICE) \
		--path "$$($(BIN)/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')" \
	|| { echo "make audit FAILED: a known vulnerability, or packages the $(AUDIT_SERVICE) service could not check (is it reachable?)." >&2; exit 1; }

clean: ## Remove the database, index, virtualenv, compiled translations and node_modules
	rm -rf instance $(VENV) $(AUDIT_VENV) .pytest_cache node_modules $(MO_FILES)
