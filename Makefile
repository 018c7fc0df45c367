# Two commands set up a fresh machine: `make build` and `make test`.
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip
EB     := $(VENV)/bin/evidence-brief
# The browser the site tests drive (Debian's package; Playwright's own download does not work here).
CHROMIUM ?= /usr/bin/chromium

.PHONY: build test install install-test install-node install-browser ingest check bench eval fuzz clean

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(PIP) install --quiet -e '.[test]'
	touch $@

# axe-core, vnu-jar and lighthouse, exactly as package-lock.json pins them.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Installed once, only when missing; as root directly, otherwise through sudo when there is one.
# Without either the site's browser tests skip (outside CI) or fail (CI=true) and say why.
$(CHROMIUM):
	@if [ "$$(id -u)" = 0 ]; then sudo=""; \
	elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; \
	else echo "warning: $(CHROMIUM) is missing and neither root nor sudo is available:" \
	          "apt-get install chromium to run the browser tests"; exit 0; fi; \
	echo "installing Debian's chromium (once)"; log=$$(mktemp); \
	if ! { $$sudo apt-get update -qq && \
	       $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >"$$log" 2>&1; \
	then cat "$$log"; rm -f "$$log"; exit 1; fi; rm -f "$$log"

install: $(VENV)/.installed

install-node: node_modules/.installed

install-browser: $(CHROMIUM)

install-test: $(VENV)/.installed-test node_modules/.installed $(CHROMIUM)

## build: create .venv, install, run the pipeline (seeds -> content/studies)
build: install
	$(EB) build

## test: install the test extras, Node tools and Chromium, and run the whole suite
test: install-test
	$(PY) -m pytest -n auto
	$(PY) -m mypy
	$(PY) -m ruff check generator tests bench

## bench: Lighthouse scores of the built site (not part of the suite)
bench: install-test
	$(PY) bench/lighthouse.py

## bench-build: our builds vs Hugo at 1k/4k/10k studies, figures in build/build-bench.json (not part of the suite)
.PHONY: bench-build
BENCH_ARGS ?=
bench-build: install
	$(PY) bench/build_bench.py --json build/build-bench.json $(BENCH_ARGS)

## eval: ingest's held-out evaluation (documents and sentences of issue 9; `-v` via the script)
eval: install
	$(PY) bench/ingest_eval.py

## kill-test: SIGKILL build and a 300-study ingest 30 times each; nothing lost (not part of the suite)
.PHONY: kill-test
kill-test: install
	$(PY) bench/kill_test.py --kills 30 --studies 300

## fuzz: coverage-guided fuzzing of the sniffer and every reader (FUZZ_SECONDS=600 by default; not part of the suite)
FUZZ_SECONDS ?= 600
fuzz: install
	$(PIP) install --quiet -e '.[fuzz]'
	nice -n 19 $(PY) bench/fuzz_ingest.py --seconds $(FUZZ_SECONDS)

ingest: install
	$(EB) ingest

check: install
	$(EB) check

clean:
	rm -rf $(VENV) output node_modules screenshots .pytest_cache .mypy_cache .hypothesis
