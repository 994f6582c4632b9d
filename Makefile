# The project's interface: make site | test | check [FILE=…] | verify | serve | summary [BASE=…] | bench
# Every target sets up what it needs: a virtual environment with the pinned packages and, for the
# browser tests, Debian's chromium (installed when missing and we are root).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat requirements.txt | md5sum | cut -c1-8)
FILE ?= philosophy.yml
BASE ?=
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: setup site test check verify serve summary bench schema system-deps clean

$(STAMP): requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@rm -f $(VENV)/.installed-* && touch $(STAMP)

setup: $(STAMP)

# Debian packages the browser, HTML and Lighthouse checks need (chromium, Java for vnu, Node for npm tools).
system-deps:
	@missing=""; \
	  [ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	  command -v java >/dev/null || missing="$$missing default-jre-headless"; \
	  command -v npm >/dev/null || missing="$$missing npm"; \
	  fc-list 2>/dev/null | grep -qi dejavu || missing="$$missing fonts-dejavu-core"; \
	  if [ -n "$$missing" ]; then \
	    if [ "$$(id -u)" = 0 ]; then \
	      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	    else echo "missing Debian packages:$$missing (run: sudo apt-get install$$missing)"; exit 1; fi; \
	  fi
	@test -f node_modules/vnu-jar/package.json || npm ci --silent --no-audit --no-fund

site: $(STAMP)
	$(PY) -m publish build

test: $(STAMP) system-deps
	$(PY) -m pytest

check: $(STAMP)
	$(PY) -m philosophy check $(FILE)

# The one check for editors, pre-commit and CI: validate, build both sites aside, leak guard.
verify: $(STAMP)
	$(PY) -m philosophy check $(FILE) && $(PY) -m publish verify --file $(FILE)

serve: $(STAMP)
	$(PY) -m publish.serve

summary: $(STAMP)
	$(PY) -m philosophy summary $(if $(BASE),--base $(BASE),)

bench: $(STAMP) system-deps
	$(PY) -m benchmarks

schema: $(STAMP)
	$(PY) -m philosophy schema

clean:
	rm -rf site .pytest_cache test-artifacts benchmarks/out
