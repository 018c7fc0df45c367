# Two commands set up a fresh machine: `make build` and `make test`.
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip
EB     := $(VENV)/bin/evidence-brief

.PHONY: build test install install-test ingest check clean

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PIP) install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

## build: create .venv, install, run the pipeline (seeds -> content/studies)
build: install
	$(EB) build

## test: install the test extras and run the whole suite
test: install-test
	$(PY) -m pytest
	$(PY) -m mypy
	$(PY) -m ruff check generator tests

ingest: install
	$(EB) ingest

check: install
	$(EB) check

clean:
	rm -rf $(VENV) output .pytest_cache .mypy_cache .hypothesis
