# Two commands do all set-up on a fresh machine:
#   make demo   - install, build the synthetic local area, serve the dashboard
#   make test   - install (including Debian's chromium for browser tests), run every test
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CHROMIUM ?= /usr/bin/chromium

# Every package installed from a hash-pinned lock (docs/dependencies.md, ADR 0018):
# pip refuses a file whose sha256 is not in requirements/lock.txt; then the project itself,
# with no dependencies and no build isolation (setuptools comes from the lock too).
LOCK := requirements/lock.txt
TOOLS := var/tools-venv/bin

.PHONY: demo test install assets chromium lint clean lock audit

$(BIN)/.installed: pyproject.toml $(LOCK)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

# pip-tools and pip-audit, in their own venv (never in .venv), installed from their own lock.
$(TOOLS)/.installed: requirements/tools.txt
	test -x $(TOOLS)/python || $(PYTHON) -m venv var/tools-venv
	$(TOOLS)/python -m pip install --quiet --require-hashes -r requirements/tools.txt
	touch $@

# Re-lock after changing a pin in pyproject.toml (or requirements/lock.in): the exact pins
# stay, what they need is resolved afresh, and every file the index serves is hashed.
lock: $(TOOLS)/.installed
	$(TOOLS)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
		--extra test --no-emit-index-url --no-emit-find-links \
		--output-file $(LOCK) pyproject.toml requirements/lock.in

# Known vulnerabilities in the locked set (needs a vulnerability service: not part of CI).
# --strict: a package that could not be looked up fails the audit instead of passing it.
audit: $(TOOLS)/.installed
	@$(TOOLS)/pip-audit --strict --require-hashes --disable-pip -r $(LOCK) || { \
		echo "make audit: FAILED or INCOMPLETE: a known vulnerability was found, or some"; \
		echo "pinned package could not be looked up. pip-audit asks PyPI's per-release JSON"; \
		echo "API (/pypi/NAME/VERSION/json) or, with -s osv, the OSV service; where neither"; \
		echo "answers (see docs/dependencies.md), no audit was made: nothing is known safe."; \
		exit 1; }

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(BIN)/.installed

assets: node_modules/.installed

chromium:
	@if [ -x "$(CHROMIUM)" ]; then :; \
	elif [ "$$(id -u)" = "0" ]; then \
		echo "Installing Debian's chromium package for the browser tests"; \
		apt-get install -y -qq chromium >/dev/null 2>&1 || \
		(apt-get update -qq && apt-get install -y -qq chromium); \
	else \
		echo "The browser tests need Debian's chromium package: run 'sudo apt-get install chromium'"; \
		exit 1; \
	fi

demo: install assets
	$(BIN)/sendassure demo

test: install assets chromium
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/lint-imports

clean:
	rm -rf $(VENV) node_modules var
