# The commands a person types. `make demo` and `make test` are the README's two commands.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
JS     := interop/js
DEMO   := demo-out

.PHONY: install demo test lint typecheck unit bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

$(JS)/node_modules/.installed: $(JS)/package.json $(JS)/package-lock.json
	cd $(JS) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(STAMP) $(JS)/node_modules/.installed

# Make a key, issue a bilingual sample credential, verify it, bake it into an image and verify that.
demo: $(STAMP)
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
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

unit: install
	$(BIN)/pytest -n 2

test: install lint typecheck unit

bench: install
	$(BIN)/python bench/bench_proofs.py

clean:
	rm -rf $(VENV) $(JS)/node_modules $(DEMO) .pytest_cache .mypy_cache .ruff_cache
