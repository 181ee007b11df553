# Two commands a newcomer needs: `make test` and `make book`.
# Each creates .venv when missing and installs what it needs into it.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --disable-pip-version-check -q

.PHONY: test lint bench clean book book-warm browser-test sync mathjax test-run test-install test-dist lock pdf dist publish chromium _book _book-warm

# Locked environment (see README, "Building"): `make test` and `make book`
# install exactly the pinned, hash-checked versions of requirements/*.txt,
# then xbec itself without dependencies. `make lock` regenerates the lock files
# from pyproject.toml (the test lock constrained to the book lock's versions,
# so that both install the same version of every package they share; keeping
# current pins where they still satisfy pyproject.toml;
# `make lock UPGRADE=1` moves every pin to the newest release) and
# environment.yml from requirements/book.txt.
LOCK_TEST := requirements/test.txt
LOCK_BOOK := requirements/book.txt
LOCK_FLAGS = --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links $(if $(UPGRADE),--upgrade)

$(VENV)/.test-installed: pyproject.toml $(LOCK_TEST)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install --require-hashes --no-deps -r $(LOCK_TEST)
	$(PIP) install --no-deps -e .
	touch $@

lock:
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install 'pip-tools>=7.4,<8'
	mkdir -p requirements
	$(BIN)/pip-compile $(LOCK_FLAGS) --all-extras -o $(LOCK_BOOK) pyproject.toml
	$(BIN)/pip-compile $(LOCK_FLAGS) --extra test --extra lint -c $(LOCK_BOOK) -o $(LOCK_TEST) pyproject.toml
	$(BIN)/python scripts/lock_env.py $(LOCK_BOOK) environment.yml

test: $(VENV)/.test-installed
	$(BIN)/python -m pytest -n 2 --dist worksteal

# Lint and types (configuration in pyproject.toml): ruff check, ruff format
# --check and mypy must all pass; `.ci/run` runs this after `make test`. It
# uses the book environment (the book lock pins every extra, ruff and mypy
# included), so that mypy sees every library xbec imports (bokeh, matplotlib).
lint: $(VENV)/.book-installed
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

$(VENV)/.book-installed: pyproject.toml $(LOCK_BOOK)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install --require-hashes --no-deps -r $(LOCK_BOOK)
	$(PIP) install --no-deps -e .
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

_book: sync chromium
	$(BIN)/python -m pytest -q -p no:cacheprovider tests/book/test_book_config.py
	rm -rf _build
	@start=$$(date +%s); \
	$(BOOK_ENV) $(BIN)/python scripts/execute_book.py && \
	$(BIN)/python scripts/warm_config.py _build/_config-warm.yml && \
	$(BOOK_ENV) $(BIN)/jupyter-book build . --config _build/_config-warm.yml $(BOOK_FLAGS); status=$$?; \
	echo "make book: cold build took $$(( $$(date +%s) - start )) s (exit $$status)"; \
	test $$status = 0 || exit $$status; \
	$(BOOK_ENV) $(BIN)/python scripts/build_pdf.py

_book-warm: sync
	$(BIN)/python scripts/warm_config.py _build/_config-warm.yml
	@start=$$(date +%s); \
	$(BOOK_ENV) $(BIN)/jupyter-book build . --config _build/_config-warm.yml $(BOOK_FLAGS); status=$$?; \
	echo "make book-warm: build took $$(( $$(date +%s) - start )) s (exit $$status)"; \
	exit $$status

# Headless Chromium for the browser test and the PDF: Debian's, installed when
# missing, or the browser named by XBEC_CHROMIUM.
export XBEC_CHROMIUM ?= /usr/bin/chromium
chromium:
	test -x "$(XBEC_CHROMIUM)" || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-color-emoji >/dev/null; }

browser-test: $(VENV)/.book-installed chromium
	test -f _build/html/index.html || { echo "browser-test: no _build/html, run make book first" >&2; exit 1; }
	XBEC_BROWSER_TEST=1 $(BIN)/python -m pytest -p no:cacheprovider tests/book/test_browser.py

# Reruns for new parameters: `xbec run` on every chapter (the paper's and an
# alternative parameter set, the same bytes twice, a cached four-point sweep,
# --book). The synthetic-notebook tests of the runner are part of `make test`.
test-run: $(VENV)/.book-installed
	$(BOOK_ENV) XBEC_RUN_TESTS=1 $(BIN)/python -m pytest -p no:cacheprovider tests/rerun/test_chapters.py tests/rerun/test_run.py::test_sweep_on_a_two_worker_dask_cluster_writes_the_same_bytes

# ---------------------------------------------------------------------------
# Publishing. See README, "Building" and RELEASING.md.
#   make pdf       the whole book as one PDF (_build/pdf/xbec.pdf; make book runs it)
#   make dist      dist/xbec-<version>/: source archive (git archive), book
#                  archive, PDF, executed notebooks, tables, figures, wheel,
#                  sdist, run manifest, README, SHA256SUMS
#   make test-dist the bundle's source archive unpacked into a fresh folder,
#                  where `make test` must pass (own .venv from the lock)
#   make publish   the built book on the gh-pages branch (ghp-import); PUSH=1 pushes
pdf: $(VENV)/.book-installed chromium
	test -f _build/html/index.html || { echo "pdf: no _build/html, run make book first" >&2; exit 1; }
	$(BIN)/python scripts/warm_config.py _build/_config-warm.yml
	$(BOOK_ENV) $(BIN)/python scripts/build_pdf.py

dist: $(VENV)/.book-installed
	test -f _build/html/index.html || $(MAKE) book
	test -f _build/pdf/xbec.pdf || $(MAKE) pdf
	$(BOOK_ENV) $(BIN)/python scripts/make_dist.py

test-dist: $(VENV)/.test-installed
	XBEC_DIST_TEST=1 $(BIN)/python -m pytest -q -p no:cacheprovider tests/test_release.py -k source_archive

publish: $(VENV)/.book-installed
	test -f _build/html/index.html || { echo "publish: no _build/html, run make book first" >&2; exit 1; }
	$(BIN)/python scripts/publish.py $(if $(PUSH),--push)


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
