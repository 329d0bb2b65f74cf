# Two commands matter: `make lab` and `make test`. The rest are conveniences.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
LAB_STAMP := $(VENV)/.installed-lab
JOBS   ?= auto

# Python keeps compiled modules in __pycache__; a machine that turns that off (PYTHONDONTWRITEBYTECODE)
# would compile the kit again in every process: each kernel, test worker and command.
unexport PYTHONDONTWRITEBYTECODE

.DEFAULT_GOAL := help
.PHONY: help lab test unit pages notebooks site serve fuzz handout handout-check bench bench-workshop clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-15s %s\n", $$1, $$2}'

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "MOps Kit needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when the project's dependencies change.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,docs]'
	$(BIN)/python -c 'import matplotlib.pyplot'  # build the font cache now, not inside a lesson
	@touch $@

WORKSHOP_STAMP := $(VENV)/.installed-workshop
$(LAB_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,docs,lab]'
	@touch $@

# axe-core (accessibility rules) for the browser tests, from its npm package, kept in .venv.
AXE_VERSION := 4.10.3
AXE := $(VENV)/npm/node_modules/axe-core/axe.min.js
$(AXE):
	@if command -v npm >/dev/null 2>&1; then \
	  npm install --silent --no-audit --no-fund --prefix $(VENV)/npm axe-core@$(AXE_VERSION); \
	else echo "npm not found: the browser tests will skip their accessibility scan"; fi

# Jupyter refuses to run as root (containers, some JupyterHub images) unless told it may.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root)

# JupyterLab shows the whole kit (lessons link to ../exercises/) and opens at the start notebook,
# which is also where its printed link and http://localhost:8888/ lead. .venv/bin goes first on its
# PATH, so its terminals and `!mopskit` in a notebook find the kit without activating anything.
LAB_START := notebooks/00-start-here.ipynb
LAB_FLAGS := --ServerApp.root_dir="$(CURDIR)" --LabApp.default_url=/lab/tree/$(LAB_START)

lab: $(LAB_STAMP)  ## open JupyterLab at the start notebook
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/jupyter lab $(ROOT_FLAG) $(LAB_FLAGS)

# Tests run on every core in groups (a file, or a page of the site), longest groups first, in the
# order tests/_run_plan.py gives; the site is built once per run.
PYTEST := $(BIN)/python -m pytest -n $(JOBS) --dist loadfile --no-loadscope-reorder

test: $(LAB_STAMP) $(AXE)  ## types, unit tests, nbval over every notebook, site build, browser tests (under 2 minutes)
	$(PYTEST)

unit: $(STAMP)  ## types and the library's unit tests: no notebooks, no site build, no browser
	$(PYTEST) tests -p no:nbval -o addopts="" --ignore=tests/test_site.py --ignore=tests/browser

pages: $(LAB_STAMP) $(AXE)  ## browser tests with axe on every page and screenshots of every page and JupyterLab step in build/screenshots
	MOPSKIT_PAGES=all $(PYTEST) tests/browser -p no:nbval -o addopts=""

fuzz: $(STAMP)  ## the property tests of the readers and the calendar with 3,000 examples each (make test runs 60)
	MOPSKIT_FUZZ_EXAMPLES=3000 $(BIN)/python -m pytest tests/test_fuzz_plan.py tests/test_fuzz_readers.py -p no:nbval -o addopts="" -q

notebooks: $(STAMP)  ## re-execute every lesson, exercise and template notebook, storing outputs
	$(BIN)/python scripts/execute_notebooks.py

site: $(STAMP)  ## build the static site into site/
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

serve: $(STAMP)  ## preview the site at http://127.0.0.1:8000
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve

handout: $(STAMP)  ## build/mops-kit-handout.zip for learners: lessons, exercises, the kit and every wheel; no solutions
	$(BIN)/python scripts/make_handout.py --offline $(if $(BRANCH),--branch $(BRANCH))

# The handout installs with no network: a fresh venv, pip told not to use the index, then the kit's
# commands and JupyterLab must start from it.
HANDOUT := build/mops-kit-handout
handout-check: handout  ## install the handout in a fresh venv with no index, as a learner offline would
	rm -rf build/handout-venv
	$(PYTHON) -m venv build/handout-venv
	cd $(HANDOUT) && ../handout-venv/bin/python -m pip install --quiet --no-index --find-links wheels "mopskit[lab]"
	build/handout-venv/bin/mopskit --version
	build/handout-venv/bin/jupyter lab --version
	cd $(HANDOUT)/exercises && ../../handout-venv/bin/python -c 'from mopskit.lessons import check; print(check("01.1", ...).status)'
	@echo "the handout installs and runs with no network"

bench: $(STAMP)  ## benchmarks (not part of make test)
	$(BIN)/python benchmarks/run.py

# configurable-http-proxy (JupyterHub's proxy) for the workshop benchmark, from npm, kept in .venv.
CHP_VERSION := 4.6.3
CHP := $(VENV)/npm/node_modules/.bin/configurable-http-proxy
$(CHP):
	npm install --silent --no-audit --no-fund --prefix $(VENV)/npm configurable-http-proxy@$(CHP_VERSION)

$(WORKSHOP_STAMP): $(LAB_STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,docs,lab,workshop]'
	@touch $@

LEARNERS ?= 30
bench-workshop: $(WORKSHOP_STAMP) $(CHP)  ## a local JupyterHub with LEARNERS=30 simulated learners running lesson 04 (DAY=1: the one-day agenda's notebooks, kernels kept)
	$(BIN)/python benchmarks/workshop.py --learners $(LEARNERS) $(if $(DAY),--day)

clean:  ## remove the environment and build output
	rm -rf $(VENV) site build dist .pytest_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
