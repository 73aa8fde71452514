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

# Debian's Chromium for the browser tests. Installed when running as root (CI);
# elsewhere the browser tests skip with a message that says how to install it.
browser-deps:
	@sh scripts/ensure-chromium.sh

test: $(BIN)/framework-builder browser-deps
	NO_MKDOCS_2_WARNING=1 $(BIN)/python -m pytest

bench: $(BIN)/framework-builder
	$(BIN)/python bench/validate_bench.py
	NO_MKDOCS_2_WARNING=1 $(BIN)/python bench/site_bench.py
	$(BIN)/python bench/weight_bench.py

clean:
	rm -rf $(VENV) site build
