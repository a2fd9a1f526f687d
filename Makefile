# One command builds the demo warehouse, one runs every test. Both create .venv when it is missing.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

export DBT_PROFILES_DIR := $(CURDIR)
export DBT_SEND_ANONYMOUS_USAGE_STATS := False
export DO_NOT_TRACK := 1
export PYTHONPATH := $(CURDIR)/tooling

# Demo landing zone and warehouse (make build).
DEMO_CUSTOMERS ?= 20000
DEMO_DAYS ?= 540
DEMO_SEED ?= 42
RAW_ROOT ?= $(CURDIR)/data/raw
DUCKDB_PATH ?= $(CURDIR)/data/warehouse.duckdb
# The published copy of the marts BI tools open (never the build file above), and the segment report.
SEGMENTS_SERVING_PATH ?= $(CURDIR)/data/serving/segments.duckdb
REPORT_PATH ?= $(CURDIR)/data/report/index.html

# Small deterministic data set for make test.
TEST_DIR := $(CURDIR)/data/test
TEST_CUSTOMERS ?= 400
TEST_DAYS ?= 540
TEST_SEED ?= 7

DBT := $(BIN)/dbt

.PHONY: help venv demo-data build build-postgres build-spark postgres-start postgres-stop publish report test lint \
	pytest dbt-test dbt-test-serving dbt-test-orders-only dbt-test-bad-input dbt-test-defects dbt-test-empty \
	dbt-test-incremental dbt-test-registry dbt-test-cohorts dbt-test-postgres dbt-test-spark summary docs bench clean \
	test-data test-increments dbt-test-postgres-build dbt-test-spark-build

help:
	@echo "make build      generate demo data (if absent), dbt build the warehouse, publish the marts, print a summary"
	@echo "                SEGMENTS_TARGET=postgres|spark make build: the same on PostgreSQL or Spark (docs/engines.md)"
	@echo "make report     write the segment report (data/report/index.html) from the published marts"
	@echo "make postgres-stop  stop the private Postgres cluster SEGMENTS_TARGET=postgres make build started"
	@echo "make test       sqlfluff lint, pytest, dbt build + every dbt test on a small data set, on DuckDB, Postgres, Spark"
	@echo "make demo-data  (re)generate the demo landing zone in data/raw"
	@echo "make docs       dbt docs generate"
	@echo "make bench      benchmark 1M and 10M events against a hand-written baseline (bench/results.md)"
	@echo "make clean      stop the private Postgres cluster, remove data/, target/ and the venvs"

$(STAMP): requirements.txt pyproject.toml
	@test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	@touch $(STAMP)

venv: $(STAMP)

# Test-only peers (lifetimes for the RFM reference check, Playwright for the report check): installed by make
# test, never by make build.
TEST_STAMP := $(VENV)/.installed-test
$(TEST_STAMP): $(STAMP) requirements-test.txt
	$(BIN)/python -m pip install --quiet -r requirements-test.txt
	@touch $(TEST_STAMP)

# An older DuckDB client, as BI tools embed: the serving check reads the published file with it.
READER_VENV := .venv-duckdb14
READER_STAMP := $(READER_VENV)/.installed
$(READER_STAMP): requirements-reader.txt
	@test -d $(READER_VENV) || $(PYTHON) -m venv $(READER_VENV)
	$(READER_VENV)/bin/python -m pip install --quiet -r requirements-reader.txt
	@touch $(READER_STAMP)

# Debian's Chromium for the report check (the machine's package registry; Playwright downloads no browser).
CHROMIUM ?= /usr/bin/chromium
$(CHROMIUM):
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null

demo-data: $(STAMP)
	$(BIN)/python -m segments_tooling.demo_data --customers $(DEMO_CUSTOMERS) --days $(DEMO_DAYS) \
		--seed $(DEMO_SEED) --out $(RAW_ROOT)

$(RAW_ROOT):
	$(MAKE) demo-data

# SEGMENTS_TARGET=postgres or spark: the same build on that engine (build-postgres, build-spark below).
ifneq ($(filter postgres spark,$(SEGMENTS_TARGET)),)
build: build-$(SEGMENTS_TARGET)
else
build: $(STAMP) | $(RAW_ROOT)
	@mkdir -p data/tmp
	$(BIN)/python -m segments_tooling.registry
	SEGMENTS_RAW_ROOT=$(RAW_ROOT) SEGMENTS_DUCKDB_PATH=$(DUCKDB_PATH) $(DBT) build
	SEGMENTS_DUCKDB_PATH=$(DUCKDB_PATH) $(BIN)/python -m segments_tooling.summary
	$(MAKE) --no-print-directory publish
endif

# --- Postgres and Spark (docs/engines.md) ------------------------------------------------------------------
# Each engine has its own venv, so DuckDB users install neither psycopg2 nor pyspark. The raw tables are loaded
# from the landing zone by segments_tooling.engines.load_raw; the marts (and audit) are copied into a DuckDB
# file data/<engine>/serving.duckdb for the summary and for compare_marts.
PG_VENV := .venv-postgres
PG_STAMP := $(PG_VENV)/.installed
SPARK_VENV := .venv-spark
SPARK_STAMP := $(SPARK_VENV)/.installed
PG_CLUSTER_DIR ?= $(CURDIR)/data/postgres/cluster

$(PG_STAMP): requirements-postgres.txt pyproject.toml
	@test -d $(PG_VENV) || $(PYTHON) -m venv $(PG_VENV)
	$(PG_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(PG_VENV)/bin/python -m pip install --quiet -r requirements-postgres.txt
	@touch $(PG_STAMP)

$(SPARK_STAMP): requirements-spark.txt pyproject.toml
	@command -v java >/dev/null || { echo "The spark target needs a Java 17 or 21 runtime on PATH (apt-get install \
		openjdk-17-jre-headless)"; exit 1; }
	@test -d $(SPARK_VENV) || $(PYTHON) -m venv $(SPARK_VENV)
	$(SPARK_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(SPARK_VENV)/bin/python -m pip install --quiet -r requirements-spark.txt
	@touch $(SPARK_STAMP)

# A private PostgreSQL 15 cluster under data/postgres, unless SEGMENTS_PG_HOST names a server.
postgres-start: $(PG_STAMP)
	@if [ -n "$${SEGMENTS_PG_HOST:-}" ]; then echo "postgres: using the server at $$SEGMENTS_PG_HOST"; else \
		$(PG_VENV)/bin/python -m segments_tooling.engines.postgres_cluster start --dir $(PG_CLUSTER_DIR); fi

postgres-stop: $(PG_STAMP)
	$(PG_VENV)/bin/python -m segments_tooling.engines.postgres_cluster stop --dir $(PG_CLUSTER_DIR)

# The demo landing zone is generated with the engine's venv (duckdb is all the generator needs), as make demo-data.
ENGINE_DEMO_ARGS = -m segments_tooling.demo_data --customers $(DEMO_CUSTOMERS) --days $(DEMO_DAYS) \
	--seed $(DEMO_SEED) --out $(RAW_ROOT)

build-postgres: $(PG_STAMP)
	@test -d $(RAW_ROOT) || $(PG_VENV)/bin/python $(ENGINE_DEMO_ARGS)
	$(MAKE) --no-print-directory postgres-start
	PGTZ=UTC $(PG_VENV)/bin/python -m segments_tooling.engines.load_raw --target postgres --raw-root $(RAW_ROOT)
	PGTZ=UTC SEGMENTS_TARGET=postgres $(PG_VENV)/bin/dbt build --target-path target/postgres
	$(PG_VENV)/bin/python -m segments_tooling.engines.compare_marts export postgres \
		--out $(CURDIR)/data/postgres/serving.duckdb
	$(PG_VENV)/bin/python -m segments_tooling.summary --db $(CURDIR)/data/postgres/serving.duckdb

build-spark: $(SPARK_STAMP)
	@test -d $(RAW_ROOT) || $(SPARK_VENV)/bin/python $(ENGINE_DEMO_ARGS)
	$(SPARK_VENV)/bin/python -m segments_tooling.engines.load_raw --target spark --raw-root $(RAW_ROOT)
	SEGMENTS_TARGET=spark $(SPARK_VENV)/bin/dbt build --target-path target/spark
	$(SPARK_VENV)/bin/python -m segments_tooling.engines.compare_marts export spark \
		--out $(CURDIR)/data/spark/serving.duckdb
	$(SPARK_VENV)/bin/python -m segments_tooling.summary --db $(CURDIR)/data/spark/serving.duckdb

# Publish the marts of the last successful build for BI tools (a DuckDB 1.4+ file, replaced atomically).
publish: $(STAMP)
	$(BIN)/python -m segments_tooling.publish --warehouse $(DUCKDB_PATH) --out $(SEGMENTS_SERVING_PATH)

report: $(STAMP)
	$(BIN)/python -m segments_tooling.report --db $(SEGMENTS_SERVING_PATH) --out $(REPORT_PATH)

summary: $(STAMP)
	SEGMENTS_DUCKDB_PATH=$(DUCKDB_PATH) $(BIN)/python -m segments_tooling.summary

docs: $(STAMP)
	SEGMENTS_RAW_ROOT=$(RAW_ROOT) SEGMENTS_DUCKDB_PATH=$(DUCKDB_PATH) $(DBT) docs generate

# make test: the installs (side by side), then every check, TEST_JOBS at a time, each check's output printed whole
# when it ends. Three jobs keep two cores busy (a single dbt process leaves one idle); the longest chains come
# first (the Spark build; dbt-test, which serving and cohorts wait for; Postgres; the kiosk scenario's four builds
# in a row), the defect corpus's short parts last, to fill the slots. TEST_GRAPH adds the orders the checks need
# side by side; dbt's file log stays at info (writing the debug log slows every one of the thousands of test nodes).
TEST_JOBS ?= 3
TEST_CHECKS := dbt-test-spark dbt-test dbt-test-serving dbt-test-postgres defects-kiosk_erasure_incremental lint \
	pytest dbt-test-cohorts dbt-test-orders-only dbt-test-bad-input dbt-test-empty dbt-test-incremental \
	dbt-test-registry dbt-test-defects
test:
	$(MAKE) -j4 --no-print-directory $(TEST_STAMP) $(READER_STAMP) $(CHROMIUM) $(PG_STAMP) $(SPARK_STAMP)
	$(MAKE) --no-print-directory test-increments
	DBT_LOG_LEVEL_FILE=info $(MAKE) -j$(TEST_JOBS) --output-sync=target --no-print-directory TEST_GRAPH=1 \
		$(TEST_CHECKS)
	@echo "make test: all checks passed"

ifdef TEST_GRAPH
$(TEST_CHECKS): export DBT_LOG_PATH = $(CURDIR)/logs/$@
# Made by make test before the checks start, so the engine builds, the longest, start first.
test-data test-increments: ;
# Serving runs after lint: sqlfluff's dbt templater and the semantic check's dbt parse both write target/.
dbt-test-serving: dbt-test lint
dbt-test-cohorts: dbt-test
endif

lint: $(STAMP)
	@mkdir -p $(TEST_DIR)/tmp
	SEGMENTS_DUCKDB_PATH=$(TEST_DIR)/lint.duckdb SEGMENTS_TEMP_DIRECTORY=$(TEST_DIR)/tmp \
		$(BIN)/sqlfluff lint models analyses tests/singular
	$(BIN)/ruff check tooling
	$(BIN)/ruff format --check tooling
	$(BIN)/python -m segments_tooling.registry --check

pytest: $(TEST_STAMP)
	$(BIN)/python -m pytest; rc=$$?; if [ $$rc -eq 5 ]; then echo "pytest: no tests collected"; rc=0; fi; exit $$rc

# dbt build with every dbt test on the small deterministic data set. Unit tests depend on the code only: they run
# here (and in the Postgres and Spark full builds); the other checks' builds run the data tests (NO_UNIT_TESTS).
NO_UNIT_TESTS := --exclude test_type:unit
# The small deterministic landing zone of the DuckDB checks, and the increments the incremental and engine
# checks land (segments_tooling.equivalence --split-only).
ifndef TEST_GRAPH
test-data: $(STAMP)
	@rm -rf $(TEST_DIR)/demo/raw
	$(BIN)/python -m segments_tooling.demo_data --customers $(TEST_CUSTOMERS) --days $(TEST_DAYS) \
		--seed $(TEST_SEED) --out $(TEST_DIR)/demo/raw

test-increments: test-data
	$(BIN)/python -m segments_tooling.equivalence --split-only --raw-root $(TEST_DIR)/demo/raw \
		--work-dir $(TEST_DIR)/incremental
endif

dbt-test: $(TEST_STAMP) test-data
	@rm -f $(TEST_DIR)/demo/*.duckdb $(TEST_DIR)/demo/*.duckdb.wal && mkdir -p $(TEST_DIR)/tmp
	SEGMENTS_RAW_ROOT=$(TEST_DIR)/demo/raw SEGMENTS_DUCKDB_PATH=$(TEST_DIR)/demo/warehouse.duckdb \
		SEGMENTS_TEMP_DIRECTORY=$(TEST_DIR)/tmp $(DBT) build --target-path target/test-demo
	SEGMENTS_DUCKDB_PATH=$(TEST_DIR)/demo/warehouse.duckdb $(BIN)/python -m segments_tooling.summary
	SEGMENTS_DUCKDB_PATH=$(TEST_DIR)/demo/warehouse.duckdb $(BIN)/python -m segments_tooling.persona_recovery \
		--raw-root $(TEST_DIR)/demo/raw
	$(BIN)/python -m segments_tooling.affinity_check --db $(TEST_DIR)/demo/warehouse.duckdb
	@# A backfill as of an earlier date: the leakage tests then have later data to catch.
	SEGMENTS_RAW_ROOT=$(TEST_DIR)/demo/raw SEGMENTS_DUCKDB_PATH=$(TEST_DIR)/demo/asof.duckdb \
		SEGMENTS_TEMP_DIRECTORY=$(TEST_DIR)/tmp $(DBT) build --exclude test_type:unit \
		--vars '{as_of_date: 2026-02-01}' --target-path target/test-asof
	$(BIN)/python -m segments_tooling.history_replay --history-db $(TEST_DIR)/demo/warehouse.duckdb \
		--replay-db $(TEST_DIR)/demo/asof.duckdb

# Serving: the test warehouse is published; a DuckDB 1.4 client reads the published file while two builds and
# publications run; MetricFlow's configs validate and its queries equal segment_summary; the report renders in
# headless Chromium with every chart drawn, no console error and no network request.
dbt-test-serving: $(TEST_STAMP) $(READER_STAMP) $(CHROMIUM)
	@test -f $(TEST_DIR)/demo/warehouse.duckdb || $(MAKE) dbt-test
	@rm -rf $(TEST_DIR)/serving && mkdir -p $(TEST_DIR)/tmp
	$(BIN)/python -m segments_tooling.publish --warehouse $(TEST_DIR)/demo/warehouse.duckdb \
		--out $(TEST_DIR)/serving/segments.duckdb --parquet $(TEST_DIR)/serving/parquet
	SEGMENTS_TEMP_DIRECTORY=$(TEST_DIR)/tmp $(BIN)/python -m segments_tooling.serving_check \
		--reader-python $(READER_VENV)/bin/python --dbt $(DBT) --raw-root $(TEST_DIR)/demo/raw \
		--warehouse $(TEST_DIR)/demo/warehouse.duckdb --serving $(TEST_DIR)/serving/segments.duckdb \
		--target-path target/test-demo
	SEGMENTS_RAW_ROOT=$(TEST_DIR)/demo/raw SEGMENTS_DUCKDB_PATH=$(TEST_DIR)/demo/warehouse.duckdb \
		SEGMENTS_TEMP_DIRECTORY=$(TEST_DIR)/tmp $(BIN)/python -m segments_tooling.semantic_check \
		--db $(TEST_DIR)/demo/warehouse.duckdb --mf $(BIN)/mf --dbt $(DBT)
	$(BIN)/python -m segments_tooling.report --db $(TEST_DIR)/serving/segments.duckdb \
		--out $(TEST_DIR)/serving/report/index.html
	$(BIN)/python -m segments_tooling.report_check --report $(TEST_DIR)/serving/report/index.html \
		--chromium $(CHROMIUM) --screenshot $(TEST_DIR)/serving/report/screenshot.png

# A shop that has only orders and customers still builds green; the other sources are reported absent.
dbt-test-orders-only: $(STAMP) test-data
	@rm -rf $(TEST_DIR)/orders_only && mkdir -p $(TEST_DIR)/orders_only/raw $(TEST_DIR)/tmp
	cp -r $(TEST_DIR)/demo/raw/orders $(TEST_DIR)/demo/raw/customers $(TEST_DIR)/orders_only/raw/
	SEGMENTS_RAW_ROOT=$(TEST_DIR)/orders_only/raw SEGMENTS_DUCKDB_PATH=$(TEST_DIR)/orders_only/warehouse.duckdb \
		SEGMENTS_TEMP_DIRECTORY=$(TEST_DIR)/tmp $(DBT) build $(NO_UNIT_TESTS) --target-path target/test-orders-only
	SEGMENTS_DUCKDB_PATH=$(TEST_DIR)/orders_only/warehouse.duckdb $(BIN)/python -m segments_tooling.summary
	$(BIN)/python -m segments_tooling.scenario_checks orders-only --db $(TEST_DIR)/orders_only/warehouse.duckdb

# The bad-input corpus: every defect lands in the right place with the right reason and the build stays
# green; a file that cannot be read at all fails the build with a message naming it.
dbt-test-bad-input: $(STAMP)
	@rm -rf $(TEST_DIR)/bad_input $(TEST_DIR)/unreadable && mkdir -p $(TEST_DIR)/tmp $(TEST_DIR)/unreadable
	$(BIN)/python -m segments_tooling.bad_input write --out $(TEST_DIR)/bad_input
	SEGMENTS_RAW_ROOT=$(TEST_DIR)/bad_input/raw SEGMENTS_DUCKDB_PATH=$(TEST_DIR)/bad_input/warehouse.duckdb \
		SEGMENTS_TEMP_DIRECTORY=$(TEST_DIR)/tmp $(DBT) build $(NO_UNIT_TESTS) --target-path target/test-bad-input
	$(BIN)/python -m segments_tooling.bad_input check --db $(TEST_DIR)/bad_input/warehouse.duckdb
	$(BIN)/python -m segments_tooling.bad_input write-unreadable --out $(TEST_DIR)/unreadable
	rc=0; SEGMENTS_RAW_ROOT=$(TEST_DIR)/unreadable/raw SEGMENTS_DUCKDB_PATH=$(TEST_DIR)/unreadable/warehouse.duckdb \
		SEGMENTS_TEMP_DIRECTORY=$(TEST_DIR)/tmp $(DBT) build $(NO_UNIT_TESTS) --target-path target/test-unreadable \
		> $(TEST_DIR)/unreadable/build.log 2>&1 || rc=$$?; \
	$(BIN)/python -m segments_tooling.bad_input check-unreadable --log $(TEST_DIR)/unreadable/build.log \
		--returncode $$rc

# The defect corpus: every class of bad input real exports carry (layout, schema drift, implausible time, casts,
# vocabulary, money, versions, PII, erasure, operations on landed files), planted into a clean demo zone; proves
# each outcome, raw = staged + rejected counted from the files on disk, labels equal to the zone without the
# defect, and no planted PII past staging (segments_tooling.defects).
ifndef TEST_GRAPH
dbt-test-defects: $(STAMP)
	@rm -rf $(TEST_DIR)/defects
	$(BIN)/python -m segments_tooling.defects.run --work $(TEST_DIR)/defects --dbt $(DBT)
else
# make test runs the corpus in parts side by side, each in a folder of its own; the last step proves every part
# the corpus names passed.
DEFECT_PARTS := kiosk_erasure_incremental file_deleted_by_retention landing_root_moved file_replaced_in_place \
	zones email_as_customer_id
dbt-test-defects: $(DEFECT_PARTS:%=defects-%)
	$(BIN)/python -m segments_tooling.defects.run --work $(TEST_DIR)/defects --check-parts

defects-%: $(STAMP)
	@rm -rf $(TEST_DIR)/defects/$*
	$(BIN)/python -m segments_tooling.defects.run --work $(TEST_DIR)/defects/$* --dbt $(DBT) --part $*
endif

# No landing zone at all: every model still builds (empty, typed) and every test passes; then `dbt build --empty`.
dbt-test-empty: $(STAMP)
	@rm -f $(TEST_DIR)/empty.duckdb && mkdir -p $(TEST_DIR)/tmp
	SEGMENTS_RAW_ROOT=$(TEST_DIR)/no_such_landing_zone SEGMENTS_DUCKDB_PATH=$(TEST_DIR)/empty.duckdb \
		SEGMENTS_TEMP_DIRECTORY=$(TEST_DIR)/tmp $(DBT) build $(NO_UNIT_TESTS) --target-path target/test-empty
	@# dbt build --empty (every ref and source read as no rows) on the warehouse just built: the incremental
	@# models take their incremental path, and the history models restate nothing.
	SEGMENTS_RAW_ROOT=$(TEST_DIR)/no_such_landing_zone SEGMENTS_DUCKDB_PATH=$(TEST_DIR)/empty.duckdb \
		SEGMENTS_TEMP_DIRECTORY=$(TEST_DIR)/tmp $(DBT) build --empty $(NO_UNIT_TESTS) --target-path target/test-empty

# Incremental builds equal a full build: the test landing zone split into 4 increments by server clock (plus
# hand-made duplicate, late-landing and time-zone rows), dbt build after each, then dbt build --full-refresh into
# a second warehouse; every table of staging, intermediate, marts and audit compared row for row.
dbt-test-incremental: $(STAMP) test-increments
	$(BIN)/python -m segments_tooling.equivalence --reuse-increments --raw-root $(TEST_DIR)/demo/raw \
		--work-dir $(TEST_DIR)/incremental --dbt $(DBT)

# A fixture segment family added through the registry alone (one entry and its label model) appears in
# customer_segments, segment_summary, the history, the snapshot and the generated tests.
dbt-test-registry: $(STAMP) test-data
	$(BIN)/python -m segments_tooling.fixture_family_check --raw-root $(TEST_DIR)/demo/raw \
		--work $(TEST_DIR)/registry --dbt $(DBT)

# Cohorts: bad fixture definitions (by --vars and in _cohorts.yml) fail the compile naming the cohort and the
# field; audience groups equal a Python recomputation of the salted hash; each declared holdout is within 2
# points of its share over the customers of the make-build demo zone (customers only); two runs with different
# members keep every shared member in its group.
dbt-test-cohorts: $(STAMP)
	@test -f $(TEST_DIR)/demo/warehouse.duckdb || $(MAKE) dbt-test
	@rm -rf $(TEST_DIR)/cohorts
	$(BIN)/python -m segments_tooling.demo_data --customers $(DEMO_CUSTOMERS) --days $(DEMO_DAYS) \
		--seed $(DEMO_SEED) --out $(TEST_DIR)/cohorts/share_raw
	$(BIN)/python -m segments_tooling.cohort_check --raw-root $(TEST_DIR)/demo/raw \
		--warehouse $(TEST_DIR)/demo/warehouse.duckdb --share-raw-root $(TEST_DIR)/cohorts/share_raw \
		--work $(TEST_DIR)/cohorts/work --dbt $(DBT)

# PostgreSQL and Spark (segments_tooling.engines.engine_check): the increments test-increments cut land on the
# engine in two runs (1-3, then 4-5) of the incremental models and what they read; every table they built equals
# a full build's there, the full build (every data and unit test) equals DuckDB's in every mart and audit table,
# and recovers the personas. Postgres in its own database of the private cluster, Spark in its own folder. The
# builds need the increments only (-build), the comparison DuckDB's full build too.
ENGINE_CHECK_ARGS = --equivalence-dir $(TEST_DIR)/incremental --raw-root $(TEST_DIR)/demo/raw

dbt-test-postgres: dbt-test-postgres-build dbt-test-incremental
	$(PG_VENV)/bin/python -m segments_tooling.engines.engine_check --step compare --target postgres \
		$(ENGINE_CHECK_ARGS) --work $(TEST_DIR)/engines/postgres

dbt-test-postgres-build: $(PG_STAMP) test-increments
	@# The private cluster is stopped afterwards when this check started it, pass or fail.
	was_running=0; if [ -n "$${SEGMENTS_PG_HOST:-}" ] || $(PG_VENV)/bin/python -m segments_tooling.engines.postgres_cluster \
		status --dir $(PG_CLUSTER_DIR) >/dev/null; then was_running=1; fi; \
	SEGMENTS_PG_DATABASE=segments_test $(MAKE) --no-print-directory postgres-start; rc=0; \
	SEGMENTS_PG_DATABASE=segments_test PGTZ=UTC $(PG_VENV)/bin/python -m segments_tooling.engines.engine_check \
		--step build --target postgres $(ENGINE_CHECK_ARGS) --work $(TEST_DIR)/engines/postgres || rc=$$?; \
	if [ $$was_running = 0 ]; then $(MAKE) --no-print-directory postgres-stop; fi; exit $$rc

dbt-test-spark: dbt-test-spark-build dbt-test-incremental
	$(SPARK_VENV)/bin/python -m segments_tooling.engines.engine_check --step compare --target spark \
		$(ENGINE_CHECK_ARGS) --work $(TEST_DIR)/engines/spark

dbt-test-spark-build: $(SPARK_STAMP) test-increments
	SEGMENTS_SPARK_DIR=$(TEST_DIR)/engines/spark/session $(SPARK_VENV)/bin/python \
		-m segments_tooling.engines.engine_check --step build --target spark $(ENGINE_CHECK_ARGS) \
		--work $(TEST_DIR)/engines/spark

# Not part of make test: generates 1M and 10M events and times the build (BENCH_SIZES=1m,10m,100m).
BENCH_SIZES ?= 1m,10m
# One dbt thread unless SEGMENTS_THREADS says otherwise: two heavy models running side by side share DuckDB's
# memory limit and spill, so per-model times vary up to 2x between runs; 100M needs one thread anyway.
bench: $(STAMP) $(PG_STAMP) $(SPARK_STAMP)
	SEGMENTS_THREADS=$${SEGMENTS_THREADS:-1} $(BIN)/python -m segments_tooling.bench --sizes $(BENCH_SIZES)

clean:
	-test -f $(PG_CLUSTER_DIR)/postmaster.pid && $(PG_VENV)/bin/python -m segments_tooling.engines.postgres_cluster \
		stop --dir $(PG_CLUSTER_DIR)
	rm -rf data target logs $(VENV) $(READER_VENV) $(PG_VENV) $(SPARK_VENV)
