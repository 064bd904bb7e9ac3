# `make run` and `make test` do all set-up on a fresh machine (a virtualenv in .venv).
VENV   ?= .venv
BIN    := $(VENV)/bin
PYTHON ?= python3

.PHONY: setup run test test-fast test-browser test-sets test-hardening fuzz-atheris index clean

setup: $(VENV)/.installed

$(VENV)/.installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q -r requirements.txt
	$(BIN)/pip install -q --no-deps --no-build-isolation -e .
	touch $@

# The sample index, rebuilt when the bundled reference corpus changes.
# Also exports the stance model's ONNX graph into the cache now, not during the first check.
index/default/manifest.json: $(VENV)/.installed $(wildcard seeds/reference/*)
	$(BIN)/factcheck index build seeds/reference --index index/default
	echo '{"claim": "warm-up", "passage": "warm-up"}' | $(BIN)/factcheck stance - > /dev/null

index: index/default/manifest.json

run: index
	$(BIN)/streamlit run app.py

# The whole suite, including the real-browser test of the page (it installs Debian's chromium
# if /usr/bin/chromium is missing). `make test-fast` leaves the browser test out.
test: setup
	$(BIN)/python -m pytest -q

test-fast: setup
	$(BIN)/python -m pytest -q -m "not browser"

# The example-set floors on every set in seeds/sets/, the latest ones too (the default run leaves
# those out to stay short).
test-sets: setup
	FACTCHECK_MORE_SETS=1 $(BIN)/python -m pytest -q tests/verify/test_example_sets.py

# Only the browser test, with its timings and a fresh docs/screenshots/page.png.
test-browser: setup
	$(BIN)/python -m pytest -q -s -m browser

# Property, fuzz, crash and concurrency tests at full strength (many more generated inputs, kills
# and users than the default run).
test-hardening: setup
	HYPOTHESIS_PROFILE=hardening $(BIN)/python -m pytest -q tests/hardening tests/extract/test_extract_properties.py tests/verify/test_slots_properties.py

# Coverage-guided fuzzing of ingestion (atheris/libFuzzer) for FUZZ_SECONDS; the corpus grows in
# runs/atheris-corpus, a failing input is saved as crash-*/oom-*/timeout-* in the current folder.
FUZZ_SECONDS ?= 60
fuzz-atheris: setup
	mkdir -p runs
	$(BIN)/python tests/hardening/atheris_ingest.py -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=1024 -timeout=20 \
		-print_final_stats=1 runs/atheris-corpus

clean:
	rm -rf index/default index/.default.lock .pytest_cache
