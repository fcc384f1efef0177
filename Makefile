# Two commands for a newcomer: `make run` (install + a short ProRL training run) and `make test` (the full suite).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-verl install lint typecheck bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev,train,trl,serve,ray,hub]" "torch==2.13.0"
	touch $(STAMP)

install: $(STAMP)

# A real training run on CPU (~5 min): tiny model, five-domain mix, ProRL steps, pass@k before/after.
# The scoring demo is `$(BIN)/prorl-gym demo`.
run: install
	$(BIN)/prorl-gym train

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy

test: lint typecheck
	$(BIN)/python -m pytest
	$(MAKE) test-verl

# verl 0.9 cannot share .venv (it needs transformers<5.11 and antlr 4.9.3 for hydra/omegaconf), so its
# adapter tests and the math suite (under antlr 4.9.3; .venv has 4.13.2) run in a venv of their own.
VERL_VENV ?= .venv-verl
VERL_STAMP := $(VERL_VENV)/.installed

$(VERL_STAMP): pyproject.toml
	$(PYTHON) -m venv $(VERL_VENV)
	$(VERL_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(VERL_VENV)/bin/python -m pip install --quiet -e ".[dev,verl]" "torch==2.13.0" "transformers<5.11"
	touch $(VERL_STAMP)

test-verl: $(VERL_STAMP)
	PRORL_GYM_REQUIRE=verl $(VERL_VENV)/bin/python -m pytest tests/test_verl_adapter.py tests/test_adapter_antlr.py tests/test_math_*.py

bench: install
	for b in bench/bench_*.py; do m=bench.$$(basename $$b .py); echo "== $$m"; $(BIN)/python -m $$m || exit 1; done

clean:
	rm -rf $(VENV) $(VERL_VENV) .pytest_cache .mypy_cache .ruff_cache *.egg-info
