# `make demo` and `make test` bootstrap everything from a machine with only python3.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
# Debian packages the tests and the demo use (fonts for Korean PDFs, socat for serial
# pty pairs, poppler for PDF checks, xvfb for screenshots, PostgreSQL for central; the
# libxcb-* set is what Qt's xcb platform needs for a real window on X / Xvfb).
DEB_PACKAGES := socat fonts-nanum poppler-utils xvfb xauth libegl1 libgl1 libxkbcommon0 \
	libfontconfig1 libdbus-1-3 postgresql libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 \
	libxkbcommon-x11-0 libxcb-image0 libxcb-render-util0 libxcb-xinerama0 libxcb-randr0 \
	libxcb-shape0

.PHONY: demo test lint sysdeps venv bench clean translations bundle

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	$(MAKE) translations
	touch $(STAMP)

# Compiled catalogues (.qm) are build output; the app also compiles missing ones at start.
translations:
	for ts in resources/i18n/*.ts; do $(VENV)/bin/pyside6-lrelease -silent $$ts; done

venv: $(STAMP)

sysdeps:
	@missing=""; for p in $(DEB_PACKAGES); do \
		dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing Debian packages:$$missing"; \
		SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(PY) tools/lint_imports.py
	$(PY) tools/namespace.py --check

test: sysdeps $(STAMP) lint
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/pytest -q -p no:cacheprovider

demo: sysdeps $(STAMP)
	$(VENV)/bin/deungdae demo

bench: $(STAMP)
	$(PY) bench/ingest.py
	QT_QPA_PLATFORM=offscreen $(PY) bench/gui.py

clean:
	rm -rf $(VENV) build dist installer/build-icons *.egg-info

# The one-folder bundle (installer/deungdae.spec) and dist/deungdae-<version>-linux-x86_64.tar.gz,
# then its self-test from outside the checkout; prints size, largest parts and build time.
bundle: sysdeps $(STAMP)
	$(PY) -m pip install --quiet -e '.[bundle]'
	$(PY) installer/build_bundle.py
