# Two commands do everything: `make run` (set up and serve the demo) and `make test` (the whole suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-browser lint format bench install install-dev translations clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

translations: $(VENV)/.installed
	$(BIN)/python manage.py compile_translations

run: install translations
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py demo --if-empty
	@echo ""
	@echo "Kinerja berjalan di http://$(HOST):$(PORT)/  (hentikan dengan Ctrl+C)"
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install-dev translations
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest -n auto -m "not browser"
	$(BIN)/pytest -m browser

test-browser: install-dev translations
	$(BIN)/pytest -m browser

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: install-dev translations
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) staticfiles
