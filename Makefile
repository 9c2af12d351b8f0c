# newsgraph — every target sets up what it needs from scratch (a fresh machine has nothing).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
DB ?= newsgraph.db
SHARED ?= ../shared/data

WEB_STAMP := web/node_modules/.installed-stamp

.PHONY: install browser java demo serve test test-fast lint bench eval clean dictionaries

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip>=24"
	$(PY) -m pip install --quiet -c constraints.txt -e ".[dev,spark]"
	touch $(STAMP)

# The web explorer's front-end libraries, exactly as web/package-lock.json pins them.
$(WEB_STAMP): web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund --loglevel=error
	touch $(WEB_STAMP)

install: $(STAMP) $(WEB_STAMP)

## Debian's Chromium and ChromeDriver for the browser tests (skipped where there is none).
browser:
	@if [ -x /usr/bin/chromium ]; then echo "chromium: $$(/usr/bin/chromium --version)"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; \
	else echo "no /usr/bin/chromium and cannot install it: browser tests will be skipped"; fi

## Debian's Java 17 for Spark (`newsgraph spark decode` and its tests, skipped where there is none).
java:
	@if command -v java >/dev/null; then echo "java: $$(java -version 2>&1 | head -1)"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless >/dev/null; \
	else echo "no java and cannot install it: Spark tests will be skipped"; fi

## Decode the bundled samples/ into $(DB) and print a summary.
demo: install
	$(VENV)/bin/newsgraph decode samples --db $(DB)

## The whole test suite (both cores).
test: install browser java
	$(PY) -m pytest -n 2 -q

## The web explorer and JSON API on $(DB) at http://127.0.0.1:8000 (schema at /openapi.json).
serve: install
	$(VENV)/bin/newsgraph serve --db $(DB)

## Tests that do not load the spaCy model.
test-fast: install
	$(PY) -m pytest -q -m "not model"

lint: install
	$(VENV)/bin/ruff check newsgraph tests eval bench
	$(VENV)/bin/mypy

## Speed: decode against bare nlp.pipe on a sample of ../shared (bench/results.json); the
## record's queries on a synthetic store of 1M events and 200k actors (bench/scale.json);
## the command's start-up on the demo store (bench/startup.json); Spark local[1] and
## local[2] against plain decode (bench/spark.json); WARC records through extraction against
## bare FastWARC + trafilatura, memory on a large WARC, and a watch cycle over unchanged
## feeds on the wire (bench/live.json); story
## grouping with 10k, 100k and 1M articles in the store (bench/stories.json).
bench: install
	$(PY) bench/decode_speed.py --out bench/results.json
	$(PY) bench/startup.py --out bench/startup.json
	$(PY) bench/record_scale.py --out bench/scale.json
	$(PY) bench/web_speed.py --out bench/web.json
	$(PY) bench/spark_speed.py --out bench/spark.json
	$(PY) bench/live.py --out bench/live.json
	$(PY) bench/stories_scale.py --out bench/stories.json

## Converted dictionaries: PETRARCH2's CAMEO verb dictionary (MIT) -> newsgraph/data/events/
## petrarch_triggers.tsv; Phoenix's actor and agent dictionaries (MIT) and CAMEO's ethnic and
## religious group codes -> newsgraph/data/kb/phoenix_*.tsv, cameo_groups.tsv (committed; this
## reproduces them from $(SHARED)).
dictionaries: install
	$(PY) -m newsgraph.nlp.events.petrarch $(SHARED)/events/petrarch2/dictionaries/CAMEO.2.0.txt \
		$(SHARED)/events/plover/CAMEO2PLOVER-2021.txt newsgraph/data/events/petrarch_triggers.tsv
	$(PY) -m newsgraph.nlp.actors.phoenix $(SHARED)/events/petrarch2/dictionaries \
		$(SHARED)/events/cameo newsgraph/data/kb

## Quality against gold data in ../shared; fails if a figure falls below eval/floors.json.
eval: install
	$(PY) eval/extraction.py --out eval/results/extraction.json
	$(PY) eval/damage.py --out eval/results/damage.json
	$(PY) eval/actors.py --out eval/results/actors.json
	$(PY) eval/coref.py --out eval/results/coref.json
	$(PY) eval/quotes.py --out eval/results/quotes.json
	$(PY) eval/events.py --out eval/results/events.json
	$(PY) eval/when_where.py --out eval/results/when_where.json
	$(PY) eval/stories.py --out eval/results/stories.json
	$(PY) eval/check_floors.py eval/floors.json eval/results

clean:
	rm -rf $(VENV) web/node_modules $(DB) $(DB)-wal $(DB)-shm .pytest_cache .mypy_cache .ruff_cache
