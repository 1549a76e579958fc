# Coalition: the two commands are `make demo` and `make test`. See README.md.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
COUNTRY ?= AF
HOST ?= 127.0.0.1
PORT ?= 8000
export COALITION_COUNTRY ?= $(COUNTRY)
# `make demo COALITION_DATA_DIR=var/kh` must reach the commands, not only make itself.
ifdef COALITION_DATA_DIR
export COALITION_DATA_DIR
endif

.PHONY: demo test lint serve worker install install-test install-axe system-deps translations webform survey-references clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Stamp files: reinstall only when the dependency lists change.
$(VENV)/.installed: $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/pip install --quiet -c constraints.txt -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install --quiet -c constraints.txt -e ".[test]"
	touch $@

# axe-core (npm) for the browser tests' accessibility checks, pinned in tests/e2e/axe.
AXE := tests/e2e/axe
$(AXE)/node_modules/.installed: $(AXE)/package.json $(AXE)/package-lock.json
	npm ci --prefix $(AXE) --no-audit --no-fund
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test
install-axe: $(AXE)/node_modules/.installed

## demo: install, migrate, load the synthetic demo coalition and serve it on 127.0.0.1:8000
demo: install
	$(BIN)/coalition migrate --noinput
	$(BIN)/coalition demo --country $(COUNTRY)
	@echo "Serving on http://$(HOST):$(PORT)/ (Ctrl-C stops the server and the task worker)"
	@trap 'kill 0' INT TERM EXIT; \
	$(BIN)/coalition db_worker --interval 2 --no-reload >/dev/null 2>&1 & \
	$(BIN)/coalition runserver $(HOST):$(PORT)

## serve: run the server on an existing database (no demo data loaded)
serve: install
	$(BIN)/coalition migrate --noinput
	$(BIN)/coalition runserver $(HOST):$(PORT)

worker: install
	$(BIN)/coalition db_worker

## system-deps: Debian packages the tests need (Chromium, fonts, poppler, gettext)
system-deps:
	./scripts/install-system-deps

## lint: ruff and the import-layer contracts
lint: install-test
	$(BIN)/ruff check src tests bench conftest.py
	$(BIN)/ruff format --check src tests bench conftest.py
	$(BIN)/lint-imports

## test: everything: lint, unit, API, browser (Playwright + system Chromium)
test: install-test install-axe system-deps lint
	$(BIN)/pytest

## translations: re-extract strings and compile the catalogues (needs GNU gettext)
translations: install
	cd src/coalition && ../../$(BIN)/coalition makemessages -l fa -l ps -l km --no-location --ignore "demo/*"
	$(BIN)/coalition compile_translations

## webform: rebuild the committed browser form-filling bundle (ODK Web Forms) from web/package-lock.json (needs Node.js 20+ and npm)
webform:
	cd web && npm ci --no-audit --no-fund && npm run build

## survey-references: recompute the R survey package's values the estimation tests compare with (installs r-base-core and r-cran-survey)
survey-references: install
	scripts/install-system-deps --r
	mkdir -p var
	$(BIN)/python -m coalition.indicators.tests.survey_sample var/survey_sample.csv var/survey_sample_other.csv
	cd src/coalition/indicators/tests && Rscript survey_reference.R ../../../../var/survey_sample.csv survey_reference.csv ../../../../var/survey_sample_other.csv survey_reference_other.csv

clean:
	rm -rf $(VENV) var
