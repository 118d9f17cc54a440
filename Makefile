# The README's two commands: `make book` builds the site, `make test` proves
# every page still tells the truth. Everything runs from the pinned .venv.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
MATHJAX_VERSION := 3.2.2
MATHJAX := _vendor/mathjax/tex-chtml.js
PLOTLY_JS := _vendor/plotly/plotly.min.js
NOTEBOOKS := $(shell find book -name '*.ipynb' -not -path '*/.ipynb_checkpoints/*' -not -path '*/_build/*')
BUILD_FLAGS := -W -n --keep-going

.PHONY: book test unit notebooks site-build site-check pdf pdf-check print-tex-packages lab outputs bench clean setup \
	ko-build ko-status ko-release-check ko-pdf
BENCH_LIBS := .bench-libs

setup: $(VENV)/.installed $(MATHJAX) $(PLOTLY_JS)

# The environment: exact pins, then the test peer of the spatial arm
# (tests/requirements-peer.txt, with --no-deps: it cannot move a pin above),
# then the companion itself as an editable install (the notebooks' kernels
# find it that way, not through sys.path).
$(VENV)/.installed: requirements.txt tests/requirements-peer.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -r tests/requirements-peer.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

# MathJax 3 from the npm registry, served by the site itself so that it
# renders math offline (nothing is loaded from a CDN).
$(MATHJAX):
	rm -rf _vendor/mathjax _vendor/.npm-tmp
	mkdir -p _vendor/.npm-tmp
	cd _vendor/.npm-tmp && npm pack --silent mathjax@$(MATHJAX_VERSION) >/dev/null 2>&1 && tar -xzf mathjax-$(MATHJAX_VERSION).tgz
	mkdir -p _vendor/mathjax/output
	# Only the TeX-to-CommonHTML component and what it loads on demand.
	cd _vendor/.npm-tmp/package/es5 && cp -r tex-chtml.js input a11y ui sre adaptors ../../../mathjax/ \
	    && cp -r output/chtml output/chtml.js ../../../mathjax/output/
	rm -rf _vendor/.npm-tmp
	test -f $@

# plotly.js from the pinned plotly package (the one that wrote the figures'
# JSON), served by the site itself and loaded only on pages with an
# interactive figure (book/_ext/site_fixes/interactive.py).
$(PLOTLY_JS): $(VENV)/.installed
	mkdir -p $(dir $@)
	cp "$$($(PY) -c 'import plotly, pathlib; print(pathlib.Path(plotly.__file__).parent / "package_data" / "plotly.min.js")')" $@
	test -s $@

## book: execute every notebook and write the site to _build/html
book: setup
	$(BIN)/jupyter-book build . $(BUILD_FLAGS)
	$(MAKE) --no-print-directory ko-build
	@echo "Open _build/html/index.html (the Korean edition: _build/html/ko/book/intro.html)"

## ko-build: the Korean edition into _build/html/ko (after the English build)
# i18n/generate.py writes a second Jupyter Book project, _build/ko_src, from the
# English sources and the translations in i18n/ko/ (regenerated every time);
# it is built with execution off from the English outputs, into _build/ko_out,
# and copied into the English site as its folder ko/.
KO_SRC := _build/ko_src
KO_OUT := _build/ko_out
ko-build: setup
	$(PY) -m i18n generate
	rm -rf $(KO_OUT)/_build/html _build/html/ko
	$(BIN)/jupyter-book build $(KO_SRC) --path-output $(KO_OUT) $(BUILD_FLAGS)
	mkdir -p _build/html
	mv $(KO_OUT)/_build/html _build/html/ko
	rm -rf $(KO_OUT)

## ko-status: how much of the Korean edition is translated, stale or missing
ko-status: setup
	$(PY) -m i18n status

## ko-release-check: fails if any page has a stale or missing translation
ko-release-check: setup
	$(PY) -m i18n status --strict

## test: unit tests and doctests, strict nbval (twice: here and as another machine),
## a clean -W -n build, the PDF and its check, site check
test: unit notebooks site-build pdf-check site-check

unit: setup
	$(PY) -m pytest -q -m "not site and not pdf" --doctest-modules tests companion

NBVAL := $(PY) -m pytest -q -p no:cacheprovider --nbval --nbval-current-env \
	    --nbval-sanitize-with tests/sanitize.cfg

# The portability run: the same committed outputs must pass on a machine that
# did not write them. Two switches make this one compute like another: OpenBLAS's
# kernels for an old SSE3 processor instead of the ones for this CPU, and
# NumPy's loops without AVX2/AVX-512 (its exp, sin, ... then round differently
# in the last bits, as on a processor without them). Both are x86-64 names.
ifeq ($(shell uname -m),x86_64)
PORTABLE_ENV := OPENBLAS_CORETYPE=Prescott NPY_DISABLE_CPU_FEATURES=X86_V3,X86_V4,AVX512_ICL,AVX512_SPR
endif

notebooks: setup
	$(NBVAL) book
ifdef PORTABLE_ENV
	@echo "Portability run: the same outputs under $(PORTABLE_ENV)"
	env $(PORTABLE_ENV) $(NBVAL) book
else
	@echo "Portability run skipped: its switches name x86-64 kernels, and this machine is $(shell uname -m)"
endif

# Tests build clean: edits to companion/ do not invalidate Jupyter Book's cache.
site-build: setup
	rm -rf _build
	$(BIN)/jupyter-book build . $(BUILD_FLAGS)
	$(MAKE) --no-print-directory ko-build

site-check: setup
	$(PY) -m pytest -q -m site tests

## pdf: the whole book as one PDF, _build/latex/book.pdf (needs TeX: see README)
# The LaTeX builder reads the notebooks from Jupyter Book's cache, so after
# `make book` nothing is executed again (a notebook missing from the cache is
# executed once, as by `make book`). latexmk runs xelatex until the
# references settle. The site is then built again, from the same cache, to
# link the PDF (book/_ext/site_fixes/pdf_link.py).
TEX_TOOLS := xelatex latexmk makeindex
TEX_MISSING = $(strip $(foreach tool,$(TEX_TOOLS),$(if $(shell command -v $(tool) 2>/dev/null),,$(tool))))
TEX_PACKAGES := texlive-xetex texlive-fonts-recommended latexmk fonts-freefont-otf fonts-nanum fonts-dejavu-core poppler-utils

pdf: setup
ifneq ($(TEX_MISSING),)
	@echo "make pdf: TeX is not installed (missing: $(TEX_MISSING))."
	@echo "On Debian: apt-get install --no-install-recommends $(TEX_PACKAGES)"
	@exit 1
endif
	rm -rf _build/latex
	$(BIN)/jupyter-book build . --builder latex $(BUILD_FLAGS)
	# -xelatex: each pass writes only .xdv, and the PDF is made once at the end.
	$(MAKE) -C _build/latex all-pdf LATEXMKOPTS="-xelatex -silent" \
	    LATEXOPTS="-interaction=nonstopmode -halt-on-error" >/dev/null \
	    || { grep -a -A6 '^!' _build/latex/book.log; exit 1; }
	@echo "The PDF: _build/latex/book.pdf"
	if [ -d _build/html ]; then $(BIN)/jupyter-book build . $(BUILD_FLAGS); fi

## ko-pdf: the Korean edition as one PDF, _build/ko_latex/book.pdf
# From the generated Korean project (execution off, like ko-build), with the
# same LaTeX setup; book/_ext/site_fixes/latex.py adds the Korean fonts and
# line breaking. The Korean site is then built again to link it (if the
# English site is there: it is the Korean site's parent).
KO_LATEX := _build/ko_latex
ko-pdf: setup
ifneq ($(TEX_MISSING),)
	@echo "make ko-pdf: TeX is not installed (missing: $(TEX_MISSING))."
	@echo "On Debian: apt-get install --no-install-recommends $(TEX_PACKAGES)"
	@exit 1
endif
	$(PY) -m i18n generate
	rm -rf $(KO_LATEX) _build/ko_pdf
	$(BIN)/jupyter-book build $(KO_SRC) --path-output _build/ko_pdf --builder latex $(BUILD_FLAGS)
	mv _build/ko_pdf/_build/latex $(KO_LATEX)
	rm -rf _build/ko_pdf
	$(MAKE) -C $(KO_LATEX) all-pdf LATEXMKOPTS="-xelatex -silent" \
	    LATEXOPTS="-interaction=nonstopmode -halt-on-error" >/dev/null \
	    || { grep -a -A6 '^!' $(KO_LATEX)/book.log; exit 1; }
	@echo "The Korean PDF: $(KO_LATEX)/book.pdf"
	if [ -d _build/html ]; then $(MAKE) --no-print-directory ko-build; fi

# The Debian packages, for .ci/run.
print-tex-packages:
	@echo $(TEX_PACKAGES)

# In `make test`: build the PDFs, English and Korean, and check them
# (tests/test_pdf.py). Without TeX
# both are skipped, saying so; CI (.ci/run) always installs TeX.
pdf-check: setup
ifneq ($(TEX_MISSING),)
	@echo "PDF SKIPPED: TeX is not installed (missing: $(TEX_MISSING)), so the PDF"
	@echo "edition was neither built nor checked. .ci/run installs it; by hand:"
	@echo "apt-get install --no-install-recommends $(TEX_PACKAGES)"
	@if [ -n "$$CI" ]; then echo "CI must build the PDF."; exit 1; fi
else
	$(MAKE) pdf
	$(MAKE) ko-pdf
	$(PY) -m pytest -q -m pdf tests
endif

## lab: open the notebooks in JupyterLab from the pinned environment
lab: setup
	$(BIN)/jupyter lab book

## outputs: re-execute every notebook in place (after changing one, commit its outputs)
outputs: setup
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace \
	    --ExecutePreprocessor.record_timing=False $(NOTEBOOKS)

## bench: the build/execution/start-up budget, numerical derivatives against
## numdifftools and scipy.differentiate, the cotangent Laplacian, mass
## matrix and a Poisson solve against libigl and cholespy, and heat-method
## geodesics against potpourri3d (times and errors), and the 7-joint arm's
## Jacobian and inverse kinematics against the Robotics Toolbox for Python
# The benchmark's extra packages go into their own folder, never into the
# book's pinned environment (numpy and scipy come from .venv, hence --no-deps).
$(BENCH_LIBS)/.installed: benchmarks/requirements.txt $(VENV)/.installed
	rm -rf $(BENCH_LIBS)
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --target $(BENCH_LIBS) -r benchmarks/requirements.txt
	touch $@

bench: setup $(BENCH_LIBS)/.installed
	$(PY) benchmarks/build_budget.py $(BUDGET_ARGS)
	@echo
	PYTHONPATH=$(BENCH_LIBS) $(PY) benchmarks/numeric_derivatives.py $(BENCH_ARGS)
	@echo
	PYTHONPATH=$(BENCH_LIBS) $(PY) benchmarks/sparse_laplacian.py $(BENCH_ARGS)
	@echo
	PYTHONPATH=$(BENCH_LIBS) $(PY) benchmarks/heat_geodesics.py $(BENCH_ARGS)
	@echo
	$(PY) benchmarks/spatial_ik.py $(BENCH_ARGS)

clean:
	rm -rf _build .pytest_cache .hypothesis $(BENCH_LIBS)
