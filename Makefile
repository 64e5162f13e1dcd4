# The commands a person types. `make demo` and `make test` are the README's two commands.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
JS     := interop/js
DEMO   := demo-out

MANAGE := $(BIN)/python manage.py
PG_URL ?= postgresql:///mixtape
DEMO_ENV := MIXTAPE_DEBUG=1 MIXTAPE_DATA_DIR=$(CURDIR)/var/demo

.PHONY: install demo demo-cli test lint typecheck checks messages unit unit-pg bench bench-scale clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,site]'
	touch $@

$(JS)/node_modules/.installed: $(JS)/package.json $(JS)/package-lock.json
	cd $(JS) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(STAMP) $(JS)/node_modules/.installed
	scripts/ensure-system-packages

# The platform with bilingual demo data on SQLite: http://localhost:8000
# (a task worker runs beside the web server for bulk issuing).
demo: $(STAMP)
	$(DEMO_ENV) $(MANAGE) migrate --no-input -v0
	$(DEMO_ENV) $(MANAGE) demo_data
	$(DEMO_ENV) $(MANAGE) serve_demo


# The core library alone: make a key, issue a bilingual sample credential, verify it,
# bake it into an image and verify that.
demo-cli: $(STAMP)
	@mkdir -p $(DEMO)
	@echo "== mixtape keys generate"
	$(BIN)/mixtape keys generate -o $(DEMO)/issuer-key.json --force
	@echo "== mixtape issue (from examples/describe/python-basics.yaml)"
	$(BIN)/mixtape issue --key $(DEMO)/issuer-key.json examples/describe/python-basics.yaml > $(DEMO)/credential.json
	@head -c 600 $(DEMO)/credential.json; echo " …"
	@echo "== mixtape verify"
	$(BIN)/mixtape verify $(DEMO)/credential.json
	@echo "== mixtape bake / verify the baked image"
	$(BIN)/mixtape bake examples/badge.svg $(DEMO)/credential.json -o $(DEMO)/badge.svg
	$(BIN)/mixtape verify $(DEMO)/badge.svg
	@echo "== a one-character change is caught"
	sed 's/Python basics/Python expert/' $(DEMO)/credential.json > $(DEMO)/tampered.json
	-$(BIN)/mixtape verify $(DEMO)/tampered.json
	@echo "Demo files are in $(DEMO)/"

lint: $(STAMP)
	$(BIN)/ruff check src tests bench scripts manage.py
	$(BIN)/ruff format --check src tests bench scripts manage.py

typecheck: $(STAMP)
	$(BIN)/mypy

# Migrations and translations must match the code.
checks: $(STAMP)
	MIXTAPE_DEBUG=1 $(MANAGE) makemigrations --check --dry-run -v0
	MIXTAPE_DEBUG=1 $(MANAGE) check --fail-level WARNING
	$(BIN)/python scripts/check_translations.py
	scripts/core-messages check

# Re-extract the strings into the French catalogue and compile it (after translating).
messages: $(STAMP)
	scripts/core-messages update
	cd src/mixtape_site && MIXTAPE_DEBUG=1 DJANGO_SETTINGS_MODULE=mixtape_site.config.settings \
	  ../../$(BIN)/python -m django makemessages -l fr --no-location --no-obsolete --ignore 'migrations/*'
	cd src/mixtape_site && MIXTAPE_DEBUG=1 DJANGO_SETTINGS_MODULE=mixtape_site.config.settings \
	  ../../$(BIN)/python -m django compilemessages -l fr

# Everything but the browser journeys on SQLite, in parallel.
unit: install
	$(BIN)/pytest -n 2 -m "not browser"

# The platform's tests again on PostgreSQL (CI requires it), with the browser journeys:
# they run once, on the production database.
unit-pg: install
	scripts/ensure-postgres
	DATABASE_URL=$(PG_URL) $(BIN)/pytest -n 2 tests/site tests/browser

test: install lint typecheck checks unit unit-pg

bench: install
	$(BIN)/python bench/bench_proofs.py
	$(BIN)/python bench/bench_canonical.py
	$(BIN)/python bench/bench_verify.py
	$(BIN)/python bench/bench_bulk.py
	$(BIN)/python bench/bench_play.py
	$(BIN)/python bench/bench_verify_api.py
	$(BIN)/python bench/bench_skills.py

# 10,000 against 1,000,000 issued credentials on PostgreSQL (about 7 minutes, 4 GB of disk).
bench-scale: install
	scripts/ensure-postgres
	$(BIN)/python bench/bench_scale.py

clean:
	rm -rf $(VENV) $(JS)/node_modules $(DEMO) var .pytest_cache .mypy_cache .ruff_cache
