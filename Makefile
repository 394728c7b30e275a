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
.PHONY: help install lab lab-zh restore test lint format notebooks exercises bench site site-test \
	lab-test clean

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

# The Chinese edition: JupyterLab's interface in Chinese (the optional extra `zh`, the
# language pack jupyterlab-language-pack-zh-CN) on the Chinese lesson 0.
ZH_STAMP := $(VENV)/.zh-stamp

$(ZH_STAMP): pyproject.toml $(STAMP)
	$(call pip_install,-e '.[test,zh]')
	@touch $(ZH_STAMP)

lab-zh: $(ZH_STAMP)  ## 中文版: the same, in Chinese (lessons, feedback and JupyterLab itself)
	$(BIN)/pooling-course lab --lang zh $(LAB_FLAGS)

restore: $(STAMP)  ## Get lessons back as published (LESSON=3 for one; yours kept as a backup)
	$(BIN)/pooling-course restore $(LESSON)

test: $(STAMP)  ## Set up, then run every check: lint, layers, unit tests, all notebooks (nbval)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/python -m pytest tests notebooks exercises --ignore=tests/browser $(NBVAL_FLAGS)

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

# The course as a website, built by Sphinx + myst-nb from the stored notebooks (never
# re-executed: nbval checks them) into build/site/; docs/conf.py says how. Warnings are
# errors, and -E reads every page afresh, so no warning hides in an unchanged page.
SITE_STAMP   := $(VENV)/.site-stamp
SITE_BUILT   := build/.site-built
SPHINX_FLAGS := -E -W --keep-going -q -b html -c docs
# The Chinese edition's site: the same configuration with the tag zh (docs/conf.py).
SPHINX_ZH    := -t zh -d build/site-doctrees-zh build/site-src-zh build/site/zh
SITE_SOURCES := README.md pyproject.toml $(wildcard docs/*.* docs/_ext/*.py docs/_static/*) \
	README.zh.md $(wildcard docs/zh/*.md) \
	$(wildcard notebooks/[0-9][0-9]_*.ipynb notebooks/glossary.md exercises/*.ipynb) \
	$(wildcard notebooks/zh/[0-9][0-9]_*.ipynb notebooks/zh/glossary.md exercises/zh/*.ipynb) \
	$(wildcard course_lib/*.py course_lib/*/*.py)

# (In a variable: a literal comma would split $(call)'s argument.)
SITE_EXTRAS  := '.[test,site,zh]'

$(SITE_STAMP): pyproject.toml $(STAMP)
	$(call pip_install,-e $(SITE_EXTRAS))
	@touch $(SITE_STAMP)

define build_site
	@mkdir -p build/site-src build/site-src-zh
	$(BIN)/sphinx-build $(SPHINX_FLAGS) -d build/site-doctrees build/site-src build/site
	$(BIN)/sphinx-build $(SPHINX_FLAGS) $(SPHINX_ZH)
	@touch $(SITE_BUILT)
	@echo "Built build/site/: open build/site/index.html, or serve it with" \
		"python3 -m http.server -d build/site"
endef

$(SITE_BUILT): $(SITE_SOURCES) | $(SITE_STAMP)
	$(build_site)

site: $(SITE_STAMP)  ## Build the course's website into build/site/ (from the stored notebooks)
	$(build_site)

# The browser tests drive Debian's Chromium (Playwright's own browser download is not
# available here), installed when missing; the site's also want a CJK font, so that the
# screenshots show the glossary's Chinese.
define need_chromium
	@test -x /usr/bin/chromium || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } || \
		{ echo "Install Debian's Chromium first: sudo apt-get install chromium"; exit 1; }
endef

site-test: $(SITE_BUILT)  ## Open every page of the site in Chromium; screenshots in build/site-shots/
	$(need_chromium)
	@fc-list :lang=zh | grep -q . || DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq fonts-wqy-zenhei || echo "No CJK font: Chinese shows as boxes"
	$(BIN)/python -m pytest tests/browser/test_site.py

lab-test: $(SITE_STAMP)  ## Use JupyterLab in Chromium as a learner does after `make lab`
	$(need_chromium)
	$(BIN)/python -m pytest tests/browser/test_lab.py

clean:  ## Remove the virtual environment and caches
	rm -rf $(VENV) .pytest_cache .hypothesis .ruff_cache
