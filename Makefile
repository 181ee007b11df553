# Two commands a newcomer needs: `make test` and `make book`.
# Each creates .venv when missing and installs what it needs into it.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --disable-pip-version-check -q

.PHONY: test bench clean book book-warm browser-test sync mathjax test-run test-install _book _book-warm

$(VENV)/.test-installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install -e '.[test]'
	touch $@

test: $(VENV)/.test-installed
	$(BIN)/python -m pytest

bench: $(VENV)/.book-installed
	for f in benchmarks/bench_*.py; do echo "== $$f"; $(BOOK_ENV) $(BIN)/python $$f || exit 1; done

clean:
	rm -rf _build .pytest_cache .hypothesis

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

# One build at a time per clone: a second `make book` waits for the first
# (flock on .book.lock; both share _build/ and its execution cache).
BOOK_LOCK  := $(CURDIR)/.book.lock
LOCKED      = @flock -n $(BOOK_LOCK) true || echo "make $@: another make book/book-warm is running in this clone; waiting for it (lock $(BOOK_LOCK))" >&2; \
	flock $(BOOK_LOCK) $(MAKE) --no-print-directory

book: $(VENV)/.book-installed mathjax
	$(LOCKED) _book

book-warm: $(VENV)/.book-installed mathjax
	$(LOCKED) _book-warm

_book: sync
	$(BIN)/python -m pytest -q -p no:cacheprovider tests/book/test_book_config.py
	rm -rf _build
	@start=$$(date +%s); \
	$(BOOK_ENV) $(BIN)/python scripts/execute_book.py && \
	$(BIN)/python scripts/warm_config.py _build/_config-warm.yml && \
	$(BOOK_ENV) $(BIN)/jupyter-book build . --config _build/_config-warm.yml $(BOOK_FLAGS); status=$$?; \
	echo "make book: cold build took $$(( $$(date +%s) - start )) s (exit $$status)"; \
	exit $$status

_book-warm: sync
	$(BIN)/python scripts/warm_config.py _build/_config-warm.yml
	@start=$$(date +%s); \
	$(BOOK_ENV) $(BIN)/jupyter-book build . --config _build/_config-warm.yml $(BOOK_FLAGS); status=$$?; \
	echo "make book-warm: build took $$(( $$(date +%s) - start )) s (exit $$status)"; \
	exit $$status

browser-test: $(VENV)/.book-installed
	test -x /usr/bin/chromium || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-color-emoji >/dev/null; }
	test -f _build/html/index.html || { echo "browser-test: no _build/html, run make book first" >&2; exit 1; }
	XBEC_BROWSER_TEST=1 $(BIN)/python -m pytest -p no:cacheprovider tests/book/test_browser.py

# Reruns for new parameters: `xbec run` on every chapter (the paper's and an
# alternative parameter set, the same bytes twice, a cached four-point sweep,
# --book). The synthetic-notebook tests of the runner are part of `make test`.
test-run: $(VENV)/.book-installed
	$(BOOK_ENV) XBEC_RUN_TESTS=1 $(BIN)/python -m pytest -p no:cacheprovider tests/rerun/test_chapters.py

# Every install route of the README, each in a fresh venv: `pip install .`
# (the model; `xbec tables`), '.[run]' and -e '.[run]' (`xbec run` of one
# chapter), '.[book,test]' (what `make book` installs).
INSTALL_ROUTES ?= . .[run] -e%.[run] .[book,test]
test-install:
	@set -e; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; i=0; \
	for route in $(INSTALL_ROUTES); do i=$$((i + 1)); \
	  spec=$$(echo "$$route" | tr % ' '); echo "== pip install $$spec (fresh venv)"; \
	  rm -rf "$$tmp/venv"; $(PYTHON) -m venv "$$tmp/venv"; \
	  "$$tmp/venv/bin/python" -m pip install -q --disable-pip-version-check $$spec; \
	  (cd "$$tmp" && "$$tmp/venv/bin/xbec" tables --table 1 --format csv | head -2); \
	  case "$$spec" in *run*|*book*) (cd "$$tmp" && XBEC_ROOT=$(CURDIR) XBEC_CACHE="$$tmp/cache" \
	    "$$tmp/venv/bin/xbec" run --no-cache -n horizontal_model --out "$$tmp/out-$$i");; esac; \
	done; echo "test-install: every route works"
