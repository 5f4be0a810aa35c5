# Two commands do all the set-up on a fresh Debian machine with Python 3.11:
#   make build   create the virtualenv, install coursebuilder, build the bundled course into build/
#   make test    install what the tests need and run the whole suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: build test check clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

build: $(STAMP)
	$(BIN)/coursebuilder build

check: $(STAMP)
	$(BIN)/coursebuilder check

test: $(STAMP)
	$(BIN)/python -m pytest

clean:
	rm -rf build
