# Two entry points: `make run` and `make test`. Both build .venv themselves.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB := out/juesuan.duckdb

.PHONY: run test lint bench clean system-deps

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,ocr]'
	touch $(STAMP)

run: $(STAMP)
	@mkdir -p out
	@for f in examples/*.txt; do \
		name=$$(basename "$$f" .txt); \
		$(BIN)/juesuan read "$$f" -o "out/$$name.json" && \
		$(BIN)/juesuan read "$$f" --format csv -o "out/$$name.csv" && \
		echo "read $$f -> out/$$name.json, out/$$name.csv ($$(($$(wc -l < "out/$$name.csv") - 1)) cells)"; \
	done
	@$(BIN)/juesuan check examples/*.txt; status=$$?; [ $$status -le 1 ]  # 1 = findings: shown, not a failure
	@rm -f $(DB) $(DB).wal
	$(BIN)/juesuan ingest examples --db $(DB)
	$(BIN)/juesuan serve --db $(DB) --host 127.0.0.1 --port 8000

test: $(STAMP) system-deps lint
	$(BIN)/pytest

# Lint, format and types: ruff over the tree, mypy over src/juesuan (strict on model/ and profiles/)
lint: $(STAMP)
	$(BIN)/ruff check
	$(BIN)/ruff format --check
	$(BIN)/mypy

# The browser tests drive Debian's chromium (with CJK fonts); juesuan render's PDF uses it too
# and its tests draw pages with pdftoppm (poppler-utils). Installed when root.
system-deps:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	fc-list 2>/dev/null | grep -q "Noto Sans CJK" || missing="$$missing fonts-noto-cjk"; \
	command -v pdftoppm >/dev/null 2>&1 || missing="$$missing poppler-utils"; \
	if [ -z "$$missing" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "installing$$missing for the browser tests (apt-get)"; \
		{ DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
		  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; } || \
		echo "could not install$$missing: the browser tests will be skipped"; \
	else \
		echo "missing$$missing (needs root and apt-get to install): the browser tests will be skipped"; \
	fi

bench: $(STAMP)
	$(BIN)/python bench/read_speed.py
	$(BIN)/python bench/check_speed.py
	$(BIN)/python bench/table_mutations.py
	$(BIN)/python bench/narrative_mutations.py
	$(BIN)/python bench/across.py
	$(BIN)/python bench/render.py
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/budget_speed.py
	$(BIN)/python bench/ocr.py

clean:
	rm -rf $(VENV) build out src/*.egg-info
