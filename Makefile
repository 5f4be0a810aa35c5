# Two commands do all the set-up on a fresh Debian machine with Python 3.11:
#   make build   create the virtualenv, install coursebuilder, build the bundled course into build/
#   make test    install what the tests need (Python packages, npm tools, chromium, LibreOffice,
#                poppler) and run the whole suite
#   make test-fast  only the fast tier (no browser, LibreOffice or whole-course build): about a minute
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# fonts-sil-scheherazade: the Arabic-script letters DejaVu Sans lacks (Urdu's ہ ے ۔), for the PDF and deck
# tests. (Not fonts-noto-core: it would take the place of DejaVu Sans for every font a deck names.)
APT_PACKAGES := chromium libreoffice-impress poppler-utils fonts-sil-scheherazade

.PHONY: build test test-fast check system-tools clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Debian packages the browser, deck and PDF tests drive. Installed only when missing.
system-tools:
	@if ! dpkg -s $(APT_PACKAGES) >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(APT_PACKAGES) >/dev/null; \
	  else \
	    echo "Please install: $(APT_PACKAGES) (sudo apt-get install ...)"; \
	  fi; \
	fi

build: $(STAMP)
	$(BIN)/coursebuilder build

check: $(STAMP)
	$(BIN)/coursebuilder check

test: $(STAMP) node_modules/.installed system-tools
	$(BIN)/python -m pytest

test-fast: $(STAMP)
	$(BIN)/python -m pytest -m fast

clean:
	rm -rf build
