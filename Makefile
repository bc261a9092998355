# GMG Registry — every habit is one command.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000

.PHONY: install run serve test test-fast lint format bench migrate seed clean messages

# The virtual environment is rebuilt whenever a requirements file changes.
$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

# The W3C Nu HTML checker (npm package vnu-jar, pinned in package-lock.json), run with the machine's
# Java by tests/html: every public page must be valid HTML.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The translation catalogues are compiled from the committed .po files (the .mo files are not committed).
install: $(VENV)/.installed node_modules/.installed
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v0

# Collect the interface strings into locale/<lang>/LC_MESSAGES/django.po for the five other UN languages.
LOCALES := -l fr -l es -l ar -l zh_Hans -l ru
messages: install
	$(PY) manage.py makemessages $(LOCALES) --ignore=.venv --ignore=node_modules --ignore=staticfiles --ignore=tests --ignore=bench --no-obsolete --add-location=file
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v0

migrate: install
	$(PY) manage.py migrate --noinput

seed: migrate
	$(PY) manage.py seed

run: seed
	$(PY) manage.py collectstatic --noinput -v0
	$(PY) manage.py bootstrap_admin
	$(PY) manage.py runserver $(HOST)

# Two runs: the browser and schemathesis suites drive a live server, whose transactional tests empty the
# database when they end; on their own they cannot disturb the rest of the suite.
test: install
	$(BIN)/pytest -m "not browser and not schemathesis"
	$(BIN)/pytest -m "browser or schemathesis"

test-fast: install
	$(BIN)/pytest -m "not browser and not schemathesis" -x -q

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# A load test (minutes; not part of `make test` or CI): gunicorn + wrk at scale 100, SQLite and PostgreSQL.
bench: install
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	$(PY) bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
