# Two commands do all set-up on a fresh machine:
#   make demo   - install, build the synthetic local area, serve the dashboard
#   make test   - install (including Debian's chromium for browser tests), run every test
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CHROMIUM ?= /usr/bin/chromium

.PHONY: demo test install assets chromium lint clean

$(BIN)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

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
