# akimkg: the two commands of the README.
#   make app    set everything up, sync the default corpus, build, run the explorer
#   make test   set everything up and run the whole test suite (what .ci/run runs)
VENV ?= .venv
PY := $(VENV)/bin/python
# The default corpus: the client's copy beside the repository when present,
# else the public mirror (needs the network).
SHARED_BUNDLE := ../shared/corpus/kazakhstan-law-codes.bundle
AKIMKG_CORPUS_SOURCE ?= $(if $(wildcard $(SHARED_BUNDLE)),$(SHARED_BUNDLE),https://github.com/kazakhstan-law/codes)
export AKIMKG_CORPUS_SOURCE
PYTEST_ARGS ?= -n 2 -q

.PHONY: install app build test bench clean
install: $(VENV)/.installed
$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $@

build: install
	$(VENV)/bin/akimkg corpus sync
	$(VENV)/bin/akimkg build

app: build
	$(VENV)/bin/akimkg app

test: install
	$(PY) -m pytest $(PYTEST_ARGS)

bench: build
	$(PY) scripts/bench_parse.py
	$(PY) scripts/bench_graph.py
	$(PY) scripts/bench_search.py

clean:
	rm -rf data .pytest_cache
