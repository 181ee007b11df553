# Two commands a newcomer needs: `make test` and `make book`.
# Each creates .venv when missing and installs what it needs into it.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --disable-pip-version-check -q

.PHONY: test lint bench clean book book-warm browser-test sync mathjax test-run

$(VENV)/.test-installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install -e '.[test]'
	touch $@

test: $(VENV)/.test-installed
	$(BIN)/python -m pytest

# Lint and types (configuration in pyproject.toml): ruff check, ruff format
# --check and mypy must all pass; `.ci/run` runs this after `make test`.
$(VENV)/.lint-installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install -e '.[lint]'
	touch $@

lint: $(VENV)/.lint-installed
	$(BIN)/ruff check xbec tests
	$(BIN)/ruff format --check xbec
	$(BIN)/mypy xbec

bench: $(VENV)/.book-installed
	for f in benchmarks/bench_*.py; do echo "== $$f"; $(BOOK_ENV) $(BIN)/python $$f || exit 1; done

clean:
	rm -rf _build .pytest_cache .hypothesis .mypy_cache .ruff_cache

# ---------------------------------------------------------------------------
# The executable companion (Jupyter Book 1). See book/intro.md.
#   make book          clean build, every notebook executed, warnings are errors
#   make book-warm     incremental build reusing the execution cache (iteration)
#   make browser-test  checks _build/html in headless Chromium (after make book)
#   make sync          jupytext --sync of the notebooks/<name>.{ipynb,py} pairs
BOOK_FLAGS ?= -W -n --keep-going
# Kernels: the venv's own "python3" kernelspec comes first on JUPYTER_PATH, so
# notebooks always run with the venv's interpreter (and its editable xbec).
BOOK_ENV   := JUPYTER_PATH=$(CURDIR)/$(VENV)/share/jupyter PATH=$(CURDIR)/$(BIN):$$PATH PYDEVD_DISABLE_FILE_VALIDATION=1 MPLBACKEND=Agg
NOTEBOOKS   = $(wildcard notebooks/*.ipynb notebooks/*.py)

$(VENV)/.book-installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install -e '.[book,test]'
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (ipykernel)" >/dev/null
	touch $@

mathjax:
	scripts/fetch_mathjax.sh

sync: $(VENV)/.book-installed
	$(BIN)/jupytext --quiet --sync $(NOTEBOOKS)

book: $(VENV)/.book-installed mathjax sync
	$(BIN)/python -m pytest -q -p no:cacheprovider tests/book/test_book_config.py
	rm -rf _build
	@start=$$(date +%s); \
	$(BOOK_ENV) $(BIN)/python scripts/execute_book.py && \
	$(BIN)/python scripts/warm_config.py _build/_config-warm.yml && \
	$(BOOK_ENV) $(BIN)/jupyter-book build . --config _build/_config-warm.yml $(BOOK_FLAGS); status=$$?; \
	echo "make book: cold build took $$(( $$(date +%s) - start )) s (exit $$status)"; \
	exit $$status

book-warm: $(VENV)/.book-installed mathjax sync
	$(BIN)/python scripts/warm_config.py _build/_config-warm.yml
	@start=$$(date +%s); \
	$(BOOK_ENV) $(BIN)/jupyter-book build . --config _build/_config-warm.yml $(BOOK_FLAGS); status=$$?; \
	echo "make book-warm: build took $$(( $$(date +%s) - start )) s (exit $$status)"; \
	exit $$status

browser-test: $(VENV)/.book-installed
	test -x /usr/bin/chromium || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-color-emoji >/dev/null; }
	test -f _build/html/index.html || { echo "browser-test: no _build/html, run make book first" >&2; exit 1; }
	XBEC_BROWSER_TEST=1 $(BIN)/python -m pytest -p no:cacheprovider tests/book/test_browser.py

# Reruns for new parameters: `xbec run` end to end with papermill: synthetic
# notebooks (manifest, failure, --force, Ctrl-C), every chapter with the
# paper's and an alternative parameter set, and a --book build.
test-run: $(VENV)/.book-installed
	$(BOOK_ENV) XBEC_RUN_TESTS=1 $(BIN)/python -m pytest -p no:cacheprovider tests/rerun/test_run.py
