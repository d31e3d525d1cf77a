# On a fresh machine (Python 3.11+):
#   make demo   serve the demo shop at http://127.0.0.1:8000
#   make test   run the test suite
#   make docs   build the documentation into docs/_build/html (warnings fail, no network)
# Each creates or reuses ./.venv and installs what it needs.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: demo test test-dj61 docs worker beat lint typecheck messages compilemessages

# The newest supported Django on the newest supported Python, in its own venv (CI's third pass).
# pyenv provides python3.13 on this kind of machine; point PYTHON313 at another interpreter elsewhere.
PYTHON313 ?= $(shell command -v python3.13 2>/dev/null || echo $(HOME)/.pyenv/versions/3.13.0/bin/python3.13)
DJANGO61 ?= 6.1.3
VENV61 ?= .venv-dj61

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -r requirements.txt
	touch $@

$(VENV61)/.installed: requirements.txt
	PYENV_VERSION=$${PYENV_VERSION:-3.13.0} $(PYTHON313) -m venv $(VENV61)
	$(VENV61)/bin/pip install --quiet --upgrade pip
	sed 's/^Django==.*/Django==$(DJANGO61)/' requirements.txt > $(VENV61)/requirements.txt
	$(VENV61)/bin/pip install --quiet -r $(VENV61)/requirements.txt
	touch $@

# axe-core for the browser tests' accessibility checks, vendored from npm.
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --silent --no-audit --no-fund && touch $@; \
	else echo "npm not found: browser accessibility checks will be skipped"; fi

demo: $(VENV)/.installed
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo --if-empty --customers 50 --orders-per-customer 6 --seed 1
	$(PY) manage.py runserver 127.0.0.1:8000

test: $(VENV)/.installed node_modules/.installed
	$(PY) -m pytest $(PYTEST_ARGS)

test-dj61: $(VENV61)/.installed node_modules/.installed
	$(VENV61)/bin/python -m pytest $(PYTEST_ARGS)

# -E: a fresh environment each time, so pages generated from the code (settings, regimes) are rebuilt.
docs: $(VENV)/.installed
	$(VENV)/bin/sphinx-build -W -E -q -b html docs docs/_build/html
	@echo "docs/_build/html/index.html"

worker: $(VENV)/.installed
	$(VENV)/bin/celery -A shop_demo worker --loglevel=info

beat: $(VENV)/.installed
	$(VENV)/bin/celery -A shop_demo beat --loglevel=info

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .

# mypy with django-stubs over the modules listed in pyproject.toml's [tool.mypy] files.
typecheck: $(VENV)/.installed
	$(VENV)/bin/mypy

# Translation catalogs (procedure: docs/translations.md):
#   privacy_center/locale/<lang>/LC_MESSAGES/django{,js}.po  everything under privacy_center/ (ships in the wheel)
#   shop_demo/locale/<lang>/LC_MESSAGES/django{,js}.po       shop_demo/ and the root templates/
# `make messages` brings every catalog up to date with the code; `make compilemessages` writes the .mo files
# (committed). Both run the project's own Python, so they need nothing but gettext (msgfmt, xgettext).
LOCALES ?= sv vi zh_Hans
MAKEMESSAGES_FLAGS = $(foreach l,$(LOCALES),-l $(l)) --no-obsolete --no-wrap --add-location=file
PC_IGNORE = --ignore=locale --ignore='*/locale/*'
SHOP_IGNORE = --ignore=.venv --ignore=node_modules --ignore=privacy_center --ignore=tests --ignore=bench \
	--ignore=docs --ignore=var --ignore=staticfiles --ignore=build --ignore=dist --ignore='*.egg-info'

messages:
	cd privacy_center && ../$(PY) ../manage.py makemessages -d django $(MAKEMESSAGES_FLAGS) $(PC_IGNORE)
	cd privacy_center && ../$(PY) ../manage.py makemessages -d djangojs $(MAKEMESSAGES_FLAGS) $(PC_IGNORE)
	$(PY) manage.py makemessages -d django $(MAKEMESSAGES_FLAGS) $(SHOP_IGNORE)
	$(PY) manage.py makemessages -d djangojs $(MAKEMESSAGES_FLAGS) $(SHOP_IGNORE)

# Run inside privacy_center/ so that its locale/ is found; LOCALE_PATHS adds shop_demo/locale.
compilemessages:
	cd privacy_center && ../$(PY) ../manage.py compilemessages
