# Two commands for a new machine with only python3 and make:
#   make demo   set everything up, then generate demo data and run gate → dbt build → publish
#   make test   set everything up, then run the linters and all tests
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint setup clean

setup: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/hsn run --demo

lint: $(STAMP)
	$(BIN)/ruff check scripts tests

test: $(STAMP) lint
	$(BIN)/pytest

clean:
	rm -rf data target logs .pytest_cache
