# wgdesk developer commands. `make run` and `make test` are all a new user needs.
# Python 3.11: python3.11 where it is installed under that name, else python3 (Debian 12).
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The read-only reference data (real list files, HS nomenclature, eval sets).
WGDESK_SHARED ?= $(abspath ../shared)
export WGDESK_SHARED

.PHONY: install system-packages run test lint bench clean

# Compiled translation catalogues are built here, not committed (polib: no gettext needed).
PO_FILES := $(wildcard wgdesk/web/locale/*/LC_MESSAGES/django.po)
MO_FILES := $(PO_FILES:.po=.mo)

install: system-packages $(STAMP) $(MO_FILES)
	@# rigour's person-name symbols as a table on disk, built once per rigour release.
	@$(BIN)/python -m wgdesk.screening.name_table
	@# The screening engine's hot path compiled with mypyc (a no-op when current; without a
	@# C compiler the engine runs as pure Python). See docs/screening.md, "Compiled engine".
	@$(BIN)/wgdesk engine build --optional

# The Debian packages (Chromium, CJK fonts, Pango, gettext...), installed when missing;
# a no-op when they are all there. See scripts/system-packages.sh.
system-packages:
	@scripts/system-packages.sh

%.mo: %.po $(STAMP)
	$(BIN)/python -m wgdesk.web.i18n.build

# Re-install only when the project metadata changes, so `make install` is a no-op otherwise.
$(STAMP): pyproject.toml | system-packages
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,browser]'
	touch $(STAMP)

PORT ?= 8000

# The desk on SQLite with the demo working group, as in production (DEBUG off: no debug
# pages, translated error pages) except that it serves plain http to this machine only:
# WGDESK_LOCAL_HTTP drops just the cookies' Secure flag and HSTS (see docs/web.md).
# The sanctions lists are downloaded on first run; offline, they are loaded from the
# shared reference folder when it is there. A machine with neither still gets the desk.
run: install
	-$(BIN)/wgdesk lists ensure --fallback "$(WGDESK_SHARED)/data/sanctions"
	$(BIN)/wgdesk manage migrate --noinput -v0
	$(BIN)/wgdesk demo
	@echo "Serving the desk on http://127.0.0.1:$(PORT)/ (Ctrl-C to stop)"
	WGDESK_LOCAL_HTTP=1 $(BIN)/wgdesk manage runserver --noreload 127.0.0.1:$(PORT)

test: install
	$(BIN)/python -m pytest -q -n auto
	@# The desk's tests again on PostgreSQL when a server is given (CI sets it).
	if [ -n "$${TEST_DATABASE_URL:-}" ]; then \
	  DATABASE_URL="$$TEST_DATABASE_URL" $(BIN)/python -m pytest -q -n auto tests/web; fi

lint: install
	$(BIN)/ruff check wgdesk tests benchmarks
	$(BIN)/ruff format --check wgdesk tests benchmarks
	$(BIN)/mypy wgdesk/screening wgdesk/rules wgdesk/config.py wgdesk/runtime.py wgdesk/bulk.py wgdesk/backup.py wgdesk/mdtext.py wgdesk/yamlio.py wgdesk/cli wgdesk/web

bench: install
	$(BIN)/python benchmarks/run_all.py

clean:
	-test -x $(BIN)/wgdesk && $(BIN)/wgdesk engine clean
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
