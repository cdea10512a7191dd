# Birmingham Career Pathways: `make help` lists the targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 5000

.DEFAULT_GOAL := help
.PHONY: help install db ingest reindex run test lint clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,postgres]'
	@touch $(STAMP)

install: $(STAMP) ## Create .venv and install the package (only when setup.cfg changed)

db: install ## Create or upgrade the database schema
	$(FLASK) db upgrade

ingest: db ## Ingest every source in SOURCES_FILE (the bundled demo by default)
	$(FLASK) ingest run

reindex: install ## Rebuild the search index from the database
	$(FLASK) reindex

run: db ## Serve the site on the demo data at http://127.0.0.1:5000
	@$(FLASK) ingest run || echo "Some sources failed (see above); serving what loaded."
	@$(FLASK) milestones load --if-empty tracker/content/indicators.csv
	@echo "Serving on http://$(HOST):$(PORT)  (Ctrl+C to stop)"
	$(FLASK) run --host $(HOST) --port $(PORT)

test: install ## Run the whole test suite
	$(BIN)/python -m pytest

clean: ## Remove the database, index and virtualenv
	rm -rf instance $(VENV) .pytest_cache
