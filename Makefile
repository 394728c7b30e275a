# Pooling, from first principles. Every target sets itself up: run `make help`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

# The environment defaults (Keras on JAX on the CPU, unless you chose another backend
# yourself) live in course_lib/frameworks.py: `pooling-course lab` and the tests' conftest.py
# apply them. The cell timeout is course_lib.build.execute.CELL_TIMEOUT.
NBVAL_FLAGS := --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg \
               --nbval-cell-timeout=300

.DEFAULT_GOAL := help
.PHONY: help install lab restore test lint format notebooks exercises bench clean

help:  ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

# Installing packages: uv (a fast installer; on our 2-core machine it installs the course in
# about 9 s where pip takes about 75 s) when it can be had, pip otherwise. uv is bootstrapped
# into .venv with pip; if that, or uv itself, fails, pip does the install. Usage:
# $(call pip_install,ARGUMENTS).
pip_install = { $(BIN)/python -m pip install --quiet --disable-pip-version-check uv >/dev/null 2>&1 \
	&& $(BIN)/uv pip install --quiet --python $(BIN)/python $(1); } \
	|| $(BIN)/python -m pip install --quiet --disable-pip-version-check $(1)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(call pip_install,-e '.[test]')
	@touch $(STAMP)

install: $(STAMP)  ## Create .venv (if missing) and install the course into it

# Jupyter refuses to run as root unless told (containers and CI machines often are root).
LAB_FLAGS := $(if $(filter 0,$(shell id -u)),--allow-root,)

lab: $(STAMP)  ## Set up, then open JupyterLab on your workspace (your copies), at lesson 0
	$(BIN)/pooling-course lab $(LAB_FLAGS)

restore: $(STAMP)  ## Get lessons back as published (LESSON=3 for one; yours kept as a backup)
	$(BIN)/pooling-course restore $(LESSON)

test: $(STAMP)  ## Set up, then run every check: lint, layers, unit tests, all notebooks (nbval)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/python -m pytest tests notebooks exercises $(NBVAL_FLAGS)

lint: $(STAMP)  ## Lint, format-check and check the layering of course_lib only
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(STAMP)  ## Apply ruff's fixes and formatting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

notebooks: $(STAMP)  ## Re-execute notebooks from their .py sources (NB=path to do one)
	$(BIN)/pooling-course notebooks $(NB)

exercises: $(STAMP)  ## Regenerate learner exercise notebooks from the solutions (FORCE=1 to overwrite edits)
	$(BIN)/pooling-course exercises $(if $(FORCE),--force,)

bench: $(STAMP)  ## Print the benchmarks: pooling speed, check latency, notebook times (not tests)
	$(BIN)/python benchmarks/bench_pooling.py
	$(BIN)/python benchmarks/bench_checks.py
	$(BIN)/python benchmarks/bench_notebooks.py

clean:  ## Remove the virtual environment and caches
	rm -rf $(VENV) .pytest_cache .hypothesis .ruff_cache
