# Two commands for a new machine with only python3 and make:
#   make demo   set everything up, then generate demo data and run gate → dbt build → publish
#   make test   set everything up, then run the linters and all tests
#   make test-spark   the same dbt project on Apache Spark, compared with DuckDB (opt-in; Java 17)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# a second, tiny venv with duckdb 1.x: tests/test_bi_clients.py opens the published warehouse
# with it, as BI drivers that bundle duckdb 1.x do
DUCKDB1_VENV := .venv-duckdb1
DUCKDB1_STAMP := $(DUCKDB1_VENV)/.installed
SPARK_VENV := .venv-spark
SPARK_STAMP := $(SPARK_VENV)/.installed

.PHONY: demo test test-spark lint setup clean

setup: $(STAMP) $(DUCKDB1_STAMP)

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

$(DUCKDB1_STAMP): requirements-duckdb1.lock
	$(PYTHON) -m venv $(DUCKDB1_VENV)
	$(DUCKDB1_VENV)/bin/pip install --quiet -r requirements-duckdb1.lock
	touch $(DUCKDB1_STAMP)

demo: $(STAMP)
	$(BIN)/hsn run --demo

lint: $(STAMP)
	$(BIN)/ruff check scripts tests

test: setup lint
	$(BIN)/pytest

$(SPARK_STAMP): requirements.lock requirements-spark.lock pyproject.toml
	$(PYTHON) -m venv $(SPARK_VENV)
	$(SPARK_VENV)/bin/pip install --quiet -r requirements.lock -r requirements-spark.lock
	$(SPARK_VENV)/bin/pip install --quiet --no-deps -e .
	touch $(SPARK_STAMP)

test-spark: $(SPARK_STAMP)
	SPARK_LOCAL_IP=127.0.0.1 $(SPARK_VENV)/bin/pytest -m spark -s

# dbt's and pytest's artefacts only: data/ (the default HSN_DATA_DIR) may hold a region's
# accepted deliveries and publication, so it is never removed by make
clean:
	rm -rf target logs .pytest_cache
