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

run: $(STAMP)
	$(BIN)/starcoach serve

practice: $(STAMP)
	$(BIN)/starcoach practice

check: $(STAMP)
	$(BIN)/starcoach check $(or $(ANSWER),--example)

lint: $(STAMP)
	$(BIN)/ruff check src tests bench eval
	$(BIN)/ruff format --check src tests bench eval
	$(BIN)/mypy

test: lint
	$(BIN)/pytest

docs: $(STAMP)
	$(BIN)/python -m starcoach.render.rules_doc > docs/rules.md

eval: $(STAMP)
	$(BIN)/python -m eval.run

bench: $(STAMP)
	$(BIN)/python -m bench.run

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
