"""Checks of the PDF editions (run after ``make pdf`` and ``make ko-pdf``;
``make test`` does all three).

``make pdf`` writes ``_build/latex/book.pdf`` with xelatex, ``make ko-pdf``
the Korean edition's ``_build/ko_latex/book.pdf`` (from the generated
project ``_build/ko_src``). Their text, as poppler's ``pdftotext`` reads it,
and xelatex's logs must show a complete book (each check below is run for
both editions, unless it says English or Korean):

* no unresolved reference ("??") anywhere, and no undefined reference or
  citation in the log;
* no glyph missing from a font (xelatex only logs it and prints nothing);
* every chapter and page of ``_toc.yml``, by its title; the numbered
  chapters numbered 1, 2, ... in the table of contents, the reference pages
  not, as on the site;
* theorems, definitions and exercises numbered per chapter as on the site
  (Theorem 5.2, not 5.5.1);
* English: every Korean word of the glossary, as text (a font that lacks
  Hangul would leave empty boxes, or nothing);
* interactive figures printed as their picture, not as a placeholder text;
  no "Proof Index"; a title page without a date (in the edition's title);
  the bibliography labelled as the text cites it;
* Korean: Hangul is text set in the Nanum fonts, a translated page's
  sentences are there, the book's own words are Korean ("차례", "제 1 장",
  "정리 1.1", "증명."), and no line with Hangul runs into the margin.

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
TOOLS = ("xelatex", "latexmk", "pdftotext")
HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]+")

# Each edition: where its LaTeX is built, the project it is built from, the
# target that builds it.
EDITIONS = {
    "en": (ROOT / "_build" / "latex", ROOT, "make pdf"),
    "ko": (ROOT / "_build" / "ko_latex", ROOT / "_build" / "ko_src", "make ko-pdf"),
}
# The theorem-like kinds as each edition names them (sphinx-proof's and
# sphinx-exercise's Korean catalogs).
KINDS = {
    "en": ("Theorem", "Definition", "Lemma", "Algorithm", "Example", "Exercise",
           "Corollary", "Proposition"),
    "ko": ("정리", "정의", "보조정리", "알고리즘", "예제", "연습", "따름정리", "명제"),
}

# The edition of the test being run (set by the ``edition`` fixture).
_current = {"edition": "en"}


def _check_tools() -> None:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        message = (f"PDF not checked: TeX is not installed (missing {', '.join(missing)}); "
                   "see the README's section on the PDF")
        if os.environ.get("CI"):
            pytest.fail(message + " (CI must check the PDF)")
        pytest.skip(message)


@pytest.fixture(params=sorted(EDITIONS))
def edition(request) -> str:
    """Each test taking it runs once per edition, skipped if that PDF is not built."""
    _check_tools()
    name = request.param
    latex, _, target = EDITIONS[name]
    if not (latex / "book.pdf").is_file():
        pytest.skip(f"PDF not checked: {latex.relative_to(ROOT)}/book.pdf is not built (run {target})")
    _current["edition"] = name
    return name


@pytest.fixture
def english() -> None:
    _check_tools()
    if not (EDITIONS["en"][0] / "book.pdf").is_file():
        pytest.skip("PDF not checked: _build/latex/book.pdf is not built (run make pdf)")
    _current["edition"] = "en"


@pytest.fixture
def korean() -> None:
    _check_tools()
    if not (EDITIONS["ko"][0] / "book.pdf").is_file():
        pytest.skip("PDF not checked: _build/ko_latex/book.pdf is not built (run make ko-pdf)")
    _current["edition"] = "ko"


def latex_dir(name: str | None = None) -> Path:
    return EDITIONS[name or _current["edition"]][0]


def project(name: str | None = None) -> Path:
    return EDITIONS[name or _current["edition"]][1]


def pages() -> tuple[str, ...]:
    return _pages(_current["edition"])


@lru_cache(maxsize=None)
def _pages(name: str) -> tuple[str, ...]:
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(latex_dir(name) / "book.pdf"), "-"],
                          check=True, capture_output=True, text=True).stdout
    return tuple(text.split("\f"))


def flat(text: str) -> str:
    """Words separated by single spaces, hyphenation at line ends undone."""
    return re.sub(r"\s+", " ", re.sub(r"(\w)-\n(\w)", r"\1\2", text))


def book_text() -> str:
    return _book_text(_current["edition"])


@lru_cache(maxsize=None)
def _book_text(name: str) -> str:
    return flat("\n".join(_pages(name)))


def log_text() -> str:
    return (latex_dir() / "book.log").read_text(encoding="utf-8", errors="replace")


def page_title(docname: str) -> str:
    """A page's title: the first heading of its Markdown file or notebook (in this edition)."""
    path = project() / f"{docname}.md"
    if path.exists():
        lines = path.read_text(encoding="utf-8").splitlines()
    else:
        notebook = json.loads((project() / f"{docname}.ipynb").read_text(encoding="utf-8"))
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


def test_no_unresolved_references(edition):
    unresolved = [number for number, page in enumerate(pages(), 1) if "??" in page]
    assert not unresolved, f"'??' (an unresolved reference) on PDF pages {unresolved}"
    undefined = sorted(set(re.findall(
        r"LaTeX Warning: (?:Hyper reference|Reference|Citation) `([^']+)'", log_text())))
    assert not undefined, f"undefined in the LaTeX log: {undefined}"


def test_no_missing_glyphs(edition):
    missing = sorted(set(re.findall(r"Missing character: There is no (.+?) in font",
                                    log_text())))
    assert not missing, f"glyphs missing from the fonts: {missing}"


def test_every_chapter_and_page_is_present(edition):
    toc = (latex_dir() / "book.toc").read_text(encoding="utf-8", errors="replace")
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


def test_numbered_per_chapter_as_on_the_site(edition):
    names = KINDS[edition]
    kinds = "(?:" + "|".join(names) + ")"
    deep = sorted(set(re.findall(rf"\b{kinds} \d+\.\d+\.\d+\b", book_text())))
    assert not deep, f"numbered per section, not per chapter as on the site: {deep[:10]}"
    exercise, theorem = names[names.index("Exercise" if edition == "en" else "연습")], names[0]
    assert re.search(rf"\b{exercise} 1\.1\b", book_text())
    assert re.search(rf"\b{theorem} \d+\.\d+\b", book_text())


def test_korean_glossary_words_are_text(english):
    glossary = (ROOT / "book" / "reference" / "glossary.md").read_text(encoding="utf-8")
    words = sorted(set(HANGUL.findall(glossary)))
    assert len(words) > 20, "the glossary should give Korean names"
    text = book_text().replace(" ", "")
    missing = [word for word in words if word not in text]
    assert not missing, f"Korean words of the glossary not found as text in the PDF: {missing}"


def test_interactive_figures_print_as_pictures(edition):
    # The text/plain of an interactive output, or IPython's placeholder,
    # would mean the PDF printed the output's text instead of its PNG.
    placeholders = re.findall(r"Interactive figure '[a-z0-9-]+'|<IPython\.core\.display\.\w+ object>",
                              book_text())
    assert not placeholders, f"outputs printed as text, not pictures: {placeholders[:5]}"


def test_book_matter(edition):
    title_page = flat(pages()[0])
    title = yaml.safe_load((project() / "_config.yml").read_text(encoding="utf-8"))["title"]
    assert flat(title).replace(" ", "") in title_page.replace(" ", ""), \
        f"the title page should carry the title {title!r}: {title_page!r}"
    months = r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
    assert not re.search(rf"\b(?:{months})[a-z]*\.? \d{{1,2}}, \d{{4}}\b|\b\d{{4}}-\d\d-\d\d\b"
                         r"|\d{4}년", title_page), f"the title page carries a date: {title_page!r}"
    assert "Proof Index" not in book_text()
    assert "projectnamenotset" not in " ".join(path.name for path in latex_dir().iterdir())


def test_bibliography_is_labelled_as_cited(edition):
    tex = (latex_dir() / "book.tex").read_text(encoding="utf-8")
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
    heading = rf"\chapter{{{page_title('book/reference/bibliography')}}}"
    assert tex.index(r"\begin{sphinxthebibliography}") > tex.index(heading)
    assert tex.index(r"\begin{sphinxthebibliography}") < tex.index(r"\printindex")


def test_the_site_links_the_pdf(edition):
    site = ROOT / "_build" / "html" / ("ko" if edition == "ko" else "")
    target = EDITIONS[edition][2]
    if not (site / "book" / "intro.html").exists():
        pytest.skip(f"the site is not built (make book); {target} links the PDF from it")
    copy = site / "vector-calculus.pdf"
    assert copy.is_file() and copy.read_bytes() == (latex_dir() / "book.pdf").read_bytes(), \
        f"the site should carry the PDF that {target} built (run {target} after make book)"
    intro = (site / "book" / "intro.html").read_text(encoding="utf-8")
    assert 'href="../vector-calculus.pdf"' in intro, "the introduction should link the PDF"
    pages = list((site / "book").rglob("*.html"))
    without = [str(page.relative_to(site)) for page in pages
               if "download-book-pdf-button" not in page.read_text(encoding="utf-8")]
    assert not without, f"pages whose download menu does not offer the PDF: {without[:5]}"


# --- The Korean PDF -----------------------------------------------------------

def test_hangul_is_text_in_the_korean_fonts(korean):
    syllables = sum(len(run) for run in HANGUL.findall(book_text()))
    assert syllables > 10_000, f"only {syllables} Hangul syllables as text in the Korean PDF"
    fonts = subprocess.run(["pdffonts", str(latex_dir() / "book.pdf")], check=True,
                           capture_output=True, text=True).stdout
    for font in ("NanumMyeongjo", "NanumGothic"):
        assert font in fonts, f"{font} is not in the Korean PDF:\n{fonts}"


def _plain_sentences(markdown: str) -> list[str]:
    """The paragraphs of Markdown that are plain text (no markup, math or code)."""
    paragraphs = [" ".join(block.split()) for block in markdown.split("\n\n")]
    return [paragraph for paragraph in paragraphs
            if HANGUL.search(paragraph) and not re.search(r"[`$*_\[\]{}<>#|:\\]", paragraph)
            and len(paragraph) > 40]


def test_a_translated_page_is_in_the_pdf_in_korean(korean):
    intro = (project() / "book" / "intro.md").read_text(encoding="utf-8")
    sentences = _plain_sentences(intro)
    assert sentences, "the Korean introduction has no plain paragraph to look for"
    text = book_text().replace(" ", "")
    missing = [sentence for sentence in sentences if sentence.replace(" ", "") not in text]
    assert not missing, f"paragraphs of the Korean introduction not in the PDF: {missing}"


def test_the_book_s_own_words_are_korean(korean):
    text = book_text()
    assert "차례" in flat(pages()[1] + pages()[2]), "the contents should be headed 차례"
    assert re.search(r"제 ?1 ?장", text), "chapter 1 should be announced as 제 1 장"
    # The footers said "Chapter 1. 노름과 내적" (the API's docstrings may say "Chapter 7 uses").
    assert not re.search(r"Chapter \d+\. ", text), "footers should read 제 N 장"
    assert re.search(r"정리 \d+\.\d+", text) and "증명." in text
    tex = (latex_dir() / "book.tex").read_text(encoding="utf-8")
    english = sorted(set(re.findall(r"\\begin\{sphinxadmonition\}\{note\}\{("
                                    + "|".join(KINDS["en"]) + r"|Solution)\b", tex)))
    assert not english, f"theorem-like titles left in English: {english}"
    assert "Proof. " not in tex


def test_no_line_with_hangul_runs_into_the_margin(korean):
    # xelatex logs each overfull line with the fonts it holds.
    overfull = [entry for entry in re.split(r"\n(?=Overfull \\hbox)", log_text())
                if entry.startswith("Overfull \\hbox") and "Nanum" in entry.split("\n\n")[0]]
    assert not overfull, f"{len(overfull)} lines with Hangul run into the margin: {overfull[:3]}"
