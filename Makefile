# Set-up and the two jobs of the README: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench serve clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

# Order 550 as reconstructed (before) and consolidated with Order 192 (after).
demo: $(STAMP)
	$(BIN)/consolidate apply base_orders/550 -o output/550
	$(BIN)/consolidate apply base_orders/550 amendments/192 -o output/550-192
	$(BIN)/consolidate import tests/corpus/acts/ministerial-146340-kaz/kaz.md -o output/146340
	$(BIN)/consolidate apply base_orders/146340 amendments/900 -o output/146340-900
	$(BIN)/consolidate apply base_orders/146340 amendments/900 --lang ru -o output/146340-900-rus
	@echo "Wrote output/550 (before) and output/550-192 (after Order 192);"
	@echo "output/146340 (a real act imported) and output/146340-900, -rus (after an order of our own making):"
	@ls output/550 output/550-192 output/146340 output/146340-900 output/146340-900-rus

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m pytest

# The local web page over base_orders/ and amendments/: http://127.0.0.1:8000/ (docs/serve.md).
serve: $(STAMP)
	$(BIN)/consolidate serve

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_pipeline.py

clean:
	rm -rf $(VENV) output/550 output/550-192 output/146340 output/146340-900 output/146340-900-rus
