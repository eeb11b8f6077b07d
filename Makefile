# Two commands set everything up on a fresh machine with Python 3.11 and make:
#   make run    start the web app on this computer (it prints its address)
#   make test   lint, type-check and run the whole test suite
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run practice check test lint eval bench docs clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,speech]'
	touch $(STAMP)

# make run PORT=8080 HOST=0.0.0.0 picks the address; the defaults are the app's own.
run: $(STAMP)
	$(BIN)/starcoach serve $(if $(PORT),--port $(PORT)) $(if $(HOST),--host $(HOST))

practice: $(STAMP)
	$(BIN)/starcoach practice

# make check ANSWER=answer.txt QUESTION="Tell me about a time you disagreed with your manager."
check: $(STAMP)
	$(BIN)/starcoach check $(or $(ANSWER),--example) $(if $(QUESTION),--question "$(QUESTION)")

lint: $(STAMP)
	$(BIN)/ruff check src tests bench eval
	$(BIN)/ruff format --check src tests bench eval
	$(BIN)/mypy

# The browser tests' accessibility check runs axe-core, installed here (git-ignored) when npm exists.
AXE := .cache/axe/node_modules/axe-core/axe.min.js
$(AXE):
	@if command -v npm >/dev/null 2>&1; then \
	  npm install --no-save --no-audit --no-fund --prefix .cache/axe axe-core@4; \
	else echo "npm not found: the accessibility checks in the browser tests will be skipped"; fi

test: lint $(AXE)
	$(BIN)/pytest

docs: $(STAMP)
	$(BIN)/python -m starcoach.render.rules_doc > docs/rules.md

eval: $(STAMP)
	$(BIN)/python -m eval.run

bench: $(STAMP)
	$(BIN)/python -m bench.run

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .mypy_cache .ruff_cache .cache
