# Two commands set everything up:  `make demo`  and  `make test`  (see README.md).
SHELL := /bin/bash
PYTHON ?= python3.11
BIN := .venv/bin
DEV := env DJANGO_SETTINGS_MODULE=config.settings.dev

.PHONY: demo test lint bench stop install

demo: install
	$(DEV) $(BIN)/zhengwu demo
	$(DEV) $(BIN)/zhengwu collectstatic --noinput -v0
	scripts/demo.sh
	@$(DEV) $(BIN)/zhengwu demo --logins-only

test: install
	scripts/system-deps.sh test
	scripts/test.sh

lint: .venv/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy zhengwu config
	$(BIN)/lint-imports

bench: install
	$(BIN)/python bench/bench_foundation.py

stop:
	scripts/demo-stop.sh

# --- set-up steps shared by demo and test -------------------------------------------------------
install: .venv/.installed static/vendor/.installed .env
	scripts/system-deps.sh runtime
	mkdir -p var
	$(DEV) $(BIN)/zhengwu migrate --noinput -v0

.venv/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv .venv
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

static/vendor/.installed: package.json package-lock.json scripts/vendor-assets.sh
	npm ci --no-audit --no-fund --loglevel=error
	scripts/vendor-assets.sh
	touch $@

.env:
	$(PYTHON) scripts/make-env.py .env
