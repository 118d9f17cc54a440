"""Checks of the PDF edition (run after ``make pdf``; ``make test`` does both).

``make pdf`` writes ``_build/latex/book.pdf`` with xelatex. Its text, as
poppler's ``pdftotext`` reads it, and xelatex's log must show a complete
book:

* no unresolved reference ("??") anywhere, and no undefined reference or
  citation in the log;
* no glyph missing from a font (xelatex only logs it and prints nothing);
* every chapter and page of ``_toc.yml``, by its title; the numbered
  chapters numbered 1, 2, ... in the table of contents, the reference pages
  not, as on the site;
* theorems, definitions and exercises numbered per chapter as on the site
  (Theorem 5.2, not 5.5.1);
* every Korean word of the glossary, as text (a font that lacks Hangul would
  leave empty boxes, or nothing);
* interactive figures printed as their picture, not as a placeholder text;
  no "Proof Index"; a title page without a date; the bibliography labelled
  as the text cites it.

Without TeX these tests are skipped, saying why; CI (``.ci/run``) installs
it, and there a missing TeX is a failure.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

import pytest
import yaml

pytestmark = pytest.mark.pdf

ROOT = Path(__file__).resolve().parent.parent
LATEX = ROOT / "_build" / "latex"
PDF = LATEX / "book.pdf"
LOG = LATEX / "book.log"
TOOLS = ("xelatex", "latexmk", "pdftotext")
HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]+")


@pytest.fixture(scope="module", autouse=True)
def built_pdf() -> Path:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        message = (f"PDF not checked: TeX is not installed (missing {', '.join(missing)}); "
                   "see the README's section on the PDF")
        if os.environ.get("CI"):
            pytest.fail(message + " (CI must check the PDF)")
        pytest.skip(message)
    if not PDF.is_file():
        pytest.skip("PDF not checked: _build/latex/book.pdf is not built (run make pdf)")
    return PDF


@lru_cache(maxsize=None)
def pages() -> tuple[str, ...]:
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(PDF), "-"], check=True,
                          capture_output=True, text=True).stdout
    return tuple(text.split("\f"))


def flat(text: str) -> str:
    """Words separated by single spaces, hyphenation at line ends undone."""
    return re.sub(r"\s+", " ", re.sub(r"(\w)-\n(\w)", r"\1\2", text))


@lru_cache(maxsize=None)
def book_text() -> str:
    return flat("\n".join(pages()))


def log_text() -> str:
    return LOG.read_text(encoding="utf-8", errors="replace")


def page_title(docname: str) -> str:
    """A page's title: the first heading of its Markdown file or notebook."""
    path = ROOT / f"{docname}.md"
    if path.exists():
        lines = path.read_text(encoding="utf-8").splitlines()
    else:
        notebook = json.loads((ROOT / f"{docname}.ipynb").read_text(encoding="utf-8"))
        lines = [line for cell in notebook["cells"] if cell["cell_type"] == "markdown"
                 for line in "".join(cell["source"]).splitlines()]
    for line in lines:
        if line.startswith("# "):
            return line[2:].strip()
    raise AssertionError(f"{docname} has no title")


def toc_parts() -> list[tuple[bool, list[tuple[str, list[str]]]]]:
    """(numbered, [(chapter, [its pages])]) for each part of _toc.yml."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    return [(bool(part.get("numbered")),
             [(chapter["file"], [section["file"] for section in chapter.get("sections", [])])
              for chapter in part["chapters"]])
            for part in toc["parts"]]


def plain_title(title: str) -> str:
    """The title as pdftotext reads it: typographic apostrophe, no Markdown."""
    return re.sub(r"[`*]", "", title).replace("'", "\u2019")


def test_no_unresolved_references():
    unresolved = [number for number, page in enumerate(pages(), 1) if "??" in page]
    assert not unresolved, f"'??' (an unresolved reference) on PDF pages {unresolved}"
    undefined = sorted(set(re.findall(
        r"LaTeX Warning: (?:Hyper reference|Reference|Citation) `([^']+)'", log_text())))
    assert not undefined, f"undefined in the LaTeX log: {undefined}"


def test_no_missing_glyphs():
    missing = sorted(set(re.findall(r"Missing character: There is no (.+?) in font",
                                    log_text())))
    assert not missing, f"glyphs missing from the fonts: {missing}"


def test_every_chapter_and_page_is_present():
    toc = (LATEX / "book.toc").read_text(encoding="utf-8", errors="replace")
    chapter_entries = re.findall(r"\\contentsline\s*\{chapter\}\{(.*)\}\{\d+\}\{", toc)
    number = 0
    for numbered, chapters in toc_parts():
        for chapter, sections in chapters:
            title = plain_title(page_title(chapter))
            assert title in book_text(), f"chapter {title!r} ({chapter}) is not in the PDF"
            entry = next((entry for entry in chapter_entries
                          if flat(re.sub(r"\\[a-zA-Z]+\s*(\{\})?|[{}]", "", entry))
                          .replace("'", "\u2019").endswith(title)), None)
            assert entry is not None, f"chapter {title!r} is not a chapter of the contents"
            if numbered:
                number += 1
                assert f"\\numberline {{{number}}}" in entry, \
                    f"chapter {title!r} should be numbered {number}: {entry}"
            else:
                assert "\\numberline" not in entry, \
                    f"reference page {title!r} is numbered in the PDF but not on the site"
            for section in sections:
                assert plain_title(page_title(section)) in book_text(), \
                    f"page {section} ({page_title(section)!r}) is not in the PDF"


def test_numbered_per_chapter_as_on_the_site():
    kinds = r"(?:Theorem|Definition|Lemma|Algorithm|Example|Exercise|Corollary|Proposition)"
    deep = sorted(set(re.findall(rf"\b{kinds} \d+\.\d+\.\d+\b", book_text())))
    assert not deep, f"numbered per section, not per chapter as on the site: {deep[:10]}"
    assert re.search(r"\bExercise 1\.1\b", book_text())
    assert re.search(r"\bTheorem \d+\.\d+\b", book_text())


def test_korean_glossary_words_are_text():
    glossary = (ROOT / "book" / "reference" / "glossary.md").read_text(encoding="utf-8")
    words = sorted(set(HANGUL.findall(glossary)))
    assert len(words) > 20, "the glossary should give Korean names"
    text = book_text().replace(" ", "")
    missing = [word for word in words if word not in text]
    assert not missing, f"Korean words of the glossary not found as text in the PDF: {missing}"


def test_interactive_figures_print_as_pictures():
    # The text/plain of an interactive output, or IPython's placeholder,
    # would mean the PDF printed the output's text instead of its PNG.
    placeholders = re.findall(r"Interactive figure '[a-z0-9-]+'|<IPython\.core\.display\.\w+ object>",
                              book_text())
    assert not placeholders, f"outputs printed as text, not pictures: {placeholders[:5]}"


def test_book_matter():
    title_page = flat(pages()[0])
    assert "Vector Calculus" in title_page
    months = r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
    assert not re.search(rf"\b(?:{months})[a-z]*\.? \d{{1,2}}, \d{{4}}\b|\b\d{{4}}-\d\d-\d\d\b",
                         title_page), f"the title page carries a date: {title_page!r}"
    assert "Proof Index" not in book_text()
    assert "projectnamenotset" not in " ".join(path.name for path in LATEX.iterdir())


def test_bibliography_is_labelled_as_cited():
    tex = (LATEX / "book.tex").read_text(encoding="utf-8")
    labels = re.findall(r"\\bibitem\[([^\]]+)\]", tex)
    assert labels, "the PDF has no bibliography"
    # Labelled as the text cites them ("Buss, 2004"), each cited in the text
    # and listed in the bibliography: at least twice in the PDF.
    for label in labels:
        form = re.fullmatch(r"(.+), (\d{4}[a-z]?)", label)
        assert form, f"bibliography label {label!r} is not author-year"
        # Cited "[Buss, 2004]" or, in a sentence, "Pieper [1968]".
        as_cited = book_text().count(label) + book_text().count(f"{form[1]} [{form[2]}]")
        assert as_cited >= 2, f"{label!r} is not both cited and listed"
    # The list is in the Bibliography chapter, not after the index.
    assert tex.index(r"\begin{sphinxthebibliography}") > tex.index(r"\chapter{Bibliography}")
    assert tex.index(r"\begin{sphinxthebibliography}") < tex.index(r"\printindex")


def test_the_site_links_the_pdf():
    site = ROOT / "_build" / "html"
    if not (site / "index.html").exists():
        pytest.skip("the site is not built (make book); make pdf links the PDF from it")
    copy = site / "vector-calculus.pdf"
    assert copy.is_file() and copy.read_bytes() == PDF.read_bytes(), \
        "the site should carry the PDF that make pdf built (run make pdf after make book)"
    intro = (site / "book" / "intro.html").read_text(encoding="utf-8")
    assert 'href="../vector-calculus.pdf"' in intro, "the introduction should link the PDF"
    pages = list((site / "book").rglob("*.html"))
    without = [str(page.relative_to(site)) for page in pages
               if "download-book-pdf-button" not in page.read_text(encoding="utf-8")]
    assert not without, f"pages whose download menu does not offer the PDF: {without[:5]}"
