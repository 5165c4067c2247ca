# Two entry points: `make run` and `make test`. Both build .venv themselves.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	@mkdir -p out
	@for f in examples/*.txt; do \
		name=$$(basename "$$f" .txt); \
		$(BIN)/juesuan read "$$f" -o "out/$$name.json" && \
		$(BIN)/juesuan read "$$f" --format csv -o "out/$$name.csv" && \
		echo "read $$f -> out/$$name.json, out/$$name.csv ($$(($$(wc -l < "out/$$name.csv") - 1)) cells)"; \
	done
	$(BIN)/juesuan check examples/*.txt

test: $(STAMP)
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python bench/read_speed.py
	$(BIN)/python bench/check_speed.py
	$(BIN)/python bench/table_mutations.py
	$(BIN)/python bench/narrative_mutations.py

clean:
	rm -rf $(VENV) build out src/*.egg-info
