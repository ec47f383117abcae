# eventwire: every command a developer or CI needs. `make demo` is the main job.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SHARED ?= ../shared
PYTEST_WORKERS ?= 2

.PHONY: install install-test demo test unit integration lint accuracy bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The stamp files re-run pip only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[serve,cluster]'
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[serve,cluster,test]'
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

demo: install
	$(BIN)/eventwire summary examples/articles
	$(BIN)/eventwire ingest examples/articles --db eventwire.duckdb
	@echo "eventwire explorer: http://127.0.0.1:8000 (Ctrl-C stops it)"
	$(BIN)/eventwire serve --db eventwire.duckdb --host 127.0.0.1 --port 8000

test: install-test lint
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) -q tests

unit: install-test
	$(BIN)/python -m pytest -q tests/unit

integration: install-test
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) -q tests/integration

lint: install-test
	$(BIN)/ruff check src tests scripts benchmarks
	$(BIN)/mypy --strict src

accuracy: install
	$(BIN)/eventwire eval all $(SHARED)/eval --markdown docs/accuracy.md

bench: install
	$(BIN)/python benchmarks/throughput.py --corpus $(SHARED)/corpora/reuters21578

clean:
	rm -rf $(VENV) build dist src/*.egg-info .mypy_cache .ruff_cache .pytest_cache test-artifacts
