# diurna: `make demo` and `make test` do all the set-up on a fresh machine.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
DB     ?= diurna.duckdb
OUT    ?= out

.PHONY: demo test install bench bench-scale bench-events bench-timex bench-pubdate lock clean

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	rm -f $(DB)
	$(VENV)/bin/diurna run examples/ --db $(DB)
	$(VENV)/bin/diurna timeline --db $(DB) --html $(OUT)/report.html

test: $(STAMP)
	$(PY) -m pytest

# Regenerate requirements.lock from pyproject.toml (needs pip-tools; network to PyPI).
lock:
	$(PY) -m pip install --quiet pip-tools
	$(VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --extra test -o requirements.lock pyproject.toml

clean:
	rm -rf $(VENV) $(OUT) $(DB) build src/*.egg-info

bench: $(STAMP)
	$(VENV)/bin/diurna bench throughput --workers 1 --workers 2 --repeat 2
	$(VENV)/bin/diurna bench profile

# memory and speed on a generated corpus of 1,000 600-word articles (2 workers)
bench-scale: $(STAMP)
	$(VENV)/bin/diurna bench throughput --generate 1000 --workers 2

bench-events: $(STAMP)
	$(VENV)/bin/diurna eval events

bench-timex: $(STAMP)
	$(VENV)/bin/diurna eval timex

bench-pubdate: $(STAMP)
	$(VENV)/bin/diurna eval pubdate
