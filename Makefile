# Two commands do all the set-up on a fresh machine:
#   make serve   -> .venv with pinned deps, then live preview at http://127.0.0.1:8000
#   make test    -> .venv with pinned deps + test deps (+ Debian chromium), then every test
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test test-long install install-dev browser-deps bench clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python requirements.txt pyproject.toml
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

serve: install
	$(BIN)/mkdocs serve --dirty --dev-addr 127.0.0.1:8000 --livereload

# Build into a scratch folder and swap it in only when the strict build succeeds:
# a failed build never leaves a half-written site/.
build: install
	rm -rf .site.tmp
	$(BIN)/mkdocs build --strict --clean --site-dir .site.tmp
	rm -rf site && mv .site.tmp site

browser-deps:
	@bash tests/install_browser.sh

test: install-dev browser-deps
	$(BIN)/python -m pytest

# The long property-test profile (10,000 examples per property).
test-long: install-dev
	HYPOTHESIS_PROFILE=long $(BIN)/python -m pytest tests/test_properties.py -q

clean:
	rm -rf site .pytest_cache

# Benchmark (not part of make test): build time, memory, serve latency, sizes, extraction speed.
bench: install-dev
	$(BIN)/python bench/run.py $(BENCH_ARGS)
