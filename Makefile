# Two commands do everything on a fresh Debian machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HTMX_VERSION := $(shell sed -n 's/^HTMX_VERSION = "\(.*\)"/\1/p' config.py)
HTMX_FILE := vendor/node_modules/htmx.org/dist/htmx.min.js
TOOLBAR_VERSION := $(shell sed -n 's/^TOOLBAR_VERSION = "\(.*\)"/\1/p' config.py)
TOOLBAR_FILE := vendor/node_modules/@github/markdown-toolbar-element/dist/index.js
AXE_VERSION := 4.14.1
AXE_FILE := vendor/node_modules/axe-core/axe.min.js
export FLASK_APP := app
# Where make run serves: make run PORT=8080 for another port.
HOST ?= 127.0.0.1
PORT ?= 5000
SETTINGS := $(or $(UPR_SETTINGS),instance/settings.env)

.PHONY: run test lint serve bench translations translations-update clean postgresql-server deploy-tools fonts screenshots

run: $(VENV)/.runtime translations fonts $(SETTINGS)
	$(BIN)/flask init-db
	$(BIN)/flask seed-demo --if-empty
	@echo "Serving http://$(HOST):$(PORT) (make run PORT=8080 for another port; Ctrl-C stops it)."
	$(BIN)/flask run --host $(HOST) --port $(PORT)

# The first `make run` makes this a trial copy: every flask command here then finds these settings. A server
# gets its settings from deploy/settings.env.example instead. An existing file is never overwritten.
$(SETTINGS):
	@mkdir -p $(@D)
	@printf '%s\n' \
		'# A trial copy of the UPR Coalition Editor on this computer, written by the first `make run`.' \
		'# A server uses deploy/settings.env.example instead (production, its own SECRET_KEY, PostgreSQL).' \
		'UPR_ENV=development' > $@
	@echo "Wrote $@ (UPR_ENV=development: a trial copy on this computer)."

# In parallel (pytest-xdist): one worker a core, four at most (each has its own Chromium and PostgreSQL server);
# make test TEST_WORKERS=0 runs in one process. A test file stays on one worker (its module fixtures build once).
TEST_WORKERS ?= $(shell n=$$(nproc); echo $$(( n < 4 ? n : 4 )))
test: lint $(VENV)/.test translations fonts $(HTMX_FILE) $(TOOLBAR_FILE) $(AXE_FILE) /usr/bin/chromium postgresql-server deploy-tools
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadfile

# The rules are pyproject.toml's [tool.ruff]; `make test` runs this first.
lint: $(VENV)/.test
	$(BIN)/ruff check .

# Figures, not pass/fail: printed and appended to bench/results.md (BENCH_QUICK=1 for a rough, short run).
bench: $(VENV)/.test translations fonts $(HTMX_FILE) /usr/bin/chromium postgresql-server deploy-tools
	$(BIN)/python -m bench.merge_bench
	$(BIN)/python -m bench.pdf_bench
	$(BIN)/python -m bench.layout_density
	$(BIN)/python -m bench.cpu_bench
	$(BIN)/python -m bench.run
	$(BIN)/python -m bench.slow_links

serve: $(VENV)/.runtime translations fonts
	$(BIN)/flask init-db
	$(BIN)/gunicorn --workers $${WORKERS:-4} --bind $${BIND:-127.0.0.1:8000} 'app:create_app()'

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# The project itself is installed in place (pyproject.toml), so that the benchmarks and scripts import it as
# any program would; its dependencies are the pinned ones, installed first.
$(VENV)/.runtime: requirements.txt pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.test: requirements.txt requirements-test.txt pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install --quiet -r requirements-test.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@ $(VENV)/.runtime

# Compiled catalogues are build output, made from the committed .po files.
translations: $(VENV)/.runtime
	$(BIN)/pybabel compile --statistics -d translations

# After adding or changing interface strings: refresh the template and the catalogues, then translate.
translations-update: $(VENV)/.runtime
	$(BIN)/pybabel extract -F babel.cfg -k _l --no-location --sort-output \
		--project="UPR Coalition Editor" -o translations/messages.pot .
	$(BIN)/pybabel update -i translations/messages.pot -d translations --no-fuzzy-matching --ignore-obsolete

# Browser tests serve these npm copies of htmx and the editor's toolbar in place of the CDN, so the real SRI
# checks run offline, and inject axe-core to check each page's accessibility. One install for all three (a grouped
# target): a --no-save install removes whatever else is in vendor/, having no package.json to keep it.
$(HTMX_FILE) $(TOOLBAR_FILE) $(AXE_FILE) &:
	npm install --silent --no-save --no-audit --no-fund --prefix vendor \
		htmx.org@$(HTMX_VERSION) @github/markdown-toolbar-element@$(TOOLBAR_VERSION) axe-core@$(AXE_VERSION)

/usr/bin/chromium:
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

# The PDF's fonts for what the shipped DejaVu lacks (static/pdf.css): Debian's Noto for Latin, Cyrillic, Greek,
# Chinese, Japanese, Korean and symbols, and Symbola for emoji, all found by family name through fontconfig (whose
# fc-list export/glyphs.py asks). Not fonts-noto-color-emoji: WeasyPrint prints its bitmaps, but named in the
# stacks it took over digits, and a submission wants no colour pictures. DejaVu for the screen too: the stylesheet
# names DejaVu Sans Mono for logins and hashes, which the screenshot tests compare.
FONT_PACKAGES := fontconfig fonts-dejavu-core fonts-noto-core fonts-noto-cjk fonts-symbola
fonts:
	@dpkg -s $(FONT_PACKAGES) >/dev/null 2>&1 || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(FONT_PACKAGES); }

# The database tests run on SQLite and on a throwaway PostgreSQL server (tests/postgres.py) made
# with Debian's server binaries; nothing of the package's own cluster is used.
postgresql-server:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; }

# The deployment tests (tests/deploy) and the slow-link benchmark run Debian's nginx as this user, with a config
# of their own on a loopback port, and make a throwaway certificate with openssl; the package's own service is
# not used (its install starts it only when port 80 is free and policy-rc.d allows).
deploy-tools:
	@test -x /usr/sbin/nginx -a -x /usr/bin/openssl || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx openssl; }

clean:
	rm -rf $(VENV) vendor

# The screenshot tests' references (tests/screenshots/) and the README's pictures (docs/screenshots/), of the
# demo coalition on throwaway databases: after an intended change of layout; look at them, then commit them.
screenshots: $(VENV)/.test translations fonts $(HTMX_FILE) $(TOOLBAR_FILE) $(AXE_FILE) /usr/bin/chromium
	$(BIN)/pytest -q -n 2 --dist loadfile tests/browser/test_screenshots_*.py --update-screenshots
	$(BIN)/python -m scripts.screenshots
