# Pooling, from first principles. Every target sets itself up: run `make help`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

# Keras on JAX, on the CPU, unless you chose another backend yourself.
export KERAS_BACKEND ?= jax
export JAX_PLATFORMS ?= cpu
export PYTHONHASHSEED ?= 0

NBVAL_FLAGS := --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg \
               --nbval-cell-timeout=300

.DEFAULT_GOAL := help
.PHONY: help install lab test lint format notebooks exercises bench clean

help:  ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $(STAMP)

install: $(STAMP)  ## Create .venv (if missing) and install the course into it

# Jupyter refuses to run as root unless told (containers and CI machines often are root).
LAB_FLAGS := $(if $(filter 0,$(shell id -u)),--allow-root,)

lab: $(STAMP)  ## Set up, then open JupyterLab on lesson 0
	$(BIN)/jupyter lab $(LAB_FLAGS) --ServerApp.root_dir=$(CURDIR) \
		--LabApp.default_url=/lab/tree/notebooks/00_start_here.ipynb

test: $(STAMP)  ## Set up, then run every check: lint, unit tests, all notebooks (nbval)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest tests notebooks exercises $(NBVAL_FLAGS)

lint: $(STAMP)  ## Lint and format-check only
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)  ## Apply ruff's fixes and formatting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

notebooks: $(STAMP)  ## Re-execute notebooks from their .py sources (NB=path to do one)
	$(BIN)/python -m course_lib.build.execute $(NB)

exercises: $(STAMP)  ## Regenerate learner exercise notebooks from the solutions (FORCE=1 to overwrite edits)
	$(BIN)/python -m course_lib.build.generate generate $(if $(FORCE),--force,)

bench: $(STAMP)  ## Print the benchmarks: pooling speed ratios and check latency (not tests)
	$(BIN)/python benchmarks/bench_pooling.py
	$(BIN)/python benchmarks/bench_checks.py

clean:  ## Remove the virtual environment and caches
	rm -rf $(VENV) .pytest_cache .hypothesis .ruff_cache
