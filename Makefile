# Two commands from a fresh clone: `make run` and `make test`. Everything else here serves them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000

.PHONY: run serve test lint install install-dev chromium messages clean loadtest bench audit map npm

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Stamp files: reinstall only when a requirements file changes, so a second `make run` reuses the venv.
$(VENV)/.runtime-installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@ $(VENV)/.runtime-installed

install: $(VENV)/.runtime-installed
install-dev: $(VENV)/.dev-installed

# The development server, with DEBUG on (said here: manage.py itself never turns it on).
run: install
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py load_kb
	DEBUG=1 $(BIN)/python manage.py setup_roles
	@echo "Editors: create the first administrator account with  $(BIN)/python manage.py createsuperuser"
	@echo "         then add editors in /admin/ to the group Editors or Chief editors (see README)."
	@echo "Serving http://$(HOST)/ (stop with Ctrl+C)"
	DEBUG=1 $(BIN)/python manage.py runserver $(HOST)

# Production: the environment's settings (DEBUG off; SECRET_KEY and the rest as README.md, "Deployment", says),
# static files collected, migrations applied (without the readers' statement timeout: building an index over a
# large table takes minutes), then gunicorn (gunicorn.conf.py) on HOST.
serve: install
	$(BIN)/python manage.py check --deploy
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	DB_STATEMENT_TIMEOUT_MS=0 $(BIN)/python manage.py migrate --noinput
	HOST=$(HOST) exec $(BIN)/gunicorn --config gunicorn.conf.py

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The browser tests drive Debian's Chromium; Playwright's own browser download does not work here.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Chromium for the browser tests (apt-get install chromium)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# The front-end tools, pinned in package.json and its lock file: axe-core (the browser tests), Lighthouse
# (make audit) and the map data (make map).
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@
npm: node_modules/.package-lock.json

# The suite runs with DEBUG off, as in production; it needs a key, which is only a test key here.
test: install-dev lint chromium npm
	SECRET_KEY=$${SECRET_KEY:-tests-only-not-a-secret} DEBUG=0 STATIC_MANIFEST=0 $(BIN)/pytest

# Production settings on gunicorn (loopback), 64 readers for 60 s against a mix of public pages; prints
# requests/s, p50/p95/p99 and the errors, and stops by itself. Its own SQLite database in var/ unless
# DATABASE_URL is set (then that database is migrated and loaded first).
LOADTEST_CLIENTS ?= 64
LOADTEST_SECONDS ?= 60
loadtest: install
	$(BIN)/python -m osce_kb.loadtest --clients $(LOADTEST_CLIENTS) --seconds $(LOADTEST_SECONDS)

# Every public page type timed on gunicorn next to the floor page, on PostgreSQL (started if down), with the
# bundled content and with the synthetic records below added (kb_bench_large, reused while the sizes and the
# migrations stay the same); prints the table and the issue's targets, writes bench/results.json. README.md,
# "Performance". A quick run: BENCH_EVENTS=20000 BENCH_PEOPLE=2000 BENCH_TENURES=4000 BENCH_ROUNDS=5 make bench
BENCH_EVENTS ?= 1000000
BENCH_PEOPLE ?= 100000
BENCH_TENURES ?= 200000
BENCH_ROUNDS ?= 30
bench: install
	BENCH_EVENTS=$(BENCH_EVENTS) BENCH_PEOPLE=$(BENCH_PEOPLE) BENCH_TENURES=$(BENCH_TENURES) \
	BENCH_ROUNDS=$(BENCH_ROUNDS) $(BIN)/python -m osce_kb.bench

# Lighthouse on the site under production settings (gunicorn, loopback, the bundled content in var/audit.sqlite3):
# home, a list, a detail page, the timeline, the structure and a search, in Kazakh. Prints the scores; fails
# under Performance 95, Accessibility, Best Practices or SEO 100. Reports in var/lighthouse/.
audit: install chromium npm
	$(BIN)/python -m osce_kb.audit

# Rebuild the participating States map (osce_kb/data/states_map.json, committed) from the npm map data.
map: install npm
	$(BIN)/python manage.py build_map

# Refresh the message catalogues after changing interface strings (needs GNU gettext); the compiled
# .mo files are committed so that running the site never needs gettext.
messages: install-dev
	DEBUG=1 $(BIN)/python manage.py makemessages -l kk -l ru -l en --no-obsolete --ignore=.venv --ignore=var --ignore=node_modules
	DEBUG=1 $(BIN)/python manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
