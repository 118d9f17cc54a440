"""Integrity of the Korean edition's translations (i18n/ko/), without a build.

A translation never blocks an English change: a stale or missing unit is
counted and reported (``make ko-release-check`` is what requires none). What
*is* an error is a translation that says something else than its English in
the parts a build resolves: every label, cross-reference target, glued
number, directive, display formula, inline formula and code block of a
translated unit must be those of the English text it was made from; no entry
may name a unit the English page no longer has; and the generated Korean
project must carry every code cell of the English one unchanged, outputs
included.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

import pytest

# The i18n package sits at the repository root (run as `python -m pytest` the
# root is on sys.path already; a bare `pytest` needs this).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from i18n.core import ROOT, book_status, cell_source, iter_totals, load_translations, text_hash, toc_pages
from i18n.generate import generate

PAGES = toc_pages()
TRANSLATED_PAGES = [page for page in PAGES if load_translations(page)]

_REF = re.compile(r"\{(ref|numref|eq|prf:ref|doc|term|cite|cite:p|cite:t|download)\}`([^`]*)`")
_GLUE = re.compile(r"\{glue(?::(?:text|md|any|figure|math))?\}`([^`:]*)")
_LABEL = re.compile(r"^\(([^()\s]+)\)=\s*$|^:(?:label|name):\s*(\S+)", re.M)
_DIRECTIVE = re.compile(r"^\s*(?:`{3,}|:{3,})\{([^}]+)\}", re.M)
_FENCE_LINE = re.compile(r"^\s*(`{3,})(.*)$")
_DISPLAY_MATH = re.compile(r"\$\$(.+?)\$\$", re.S)
_INLINE_MATH = re.compile(r"(?<![\$\\])\$(?!\$)(.+?)(?<![\\])\$")
# `**{term}`x`**을`: a closing ** (or *) between punctuation and a letter is not
# right-flanking, so Markdown prints the asterisks (put the particle inside).
_BOLD_PARTICLE = re.compile(r"[`)\]}.,:;!?'\"’”]\*{1,2}[\uac00-\ud7a3]")


def _target(kind: str, text: str) -> str:
    match = re.search(r"<([^<>]+)>\s*$", text)
    target = match.group(1) if match else text
    return target.strip().lower() if kind == "term" else target.strip()


def code_blocks(text: str) -> list[str]:
    """The bodies of the fenced code blocks (not the directives) of a Markdown text.

    Read line by line, because a directive can also be fenced with backticks
    (```` ```{solution-start} ````, closed by a bare ```` ``` ````): a pattern that
    pairs fences would take that closing fence for the opening of a code block.
    """
    blocks, open_fences, body = [], [], None        # fences as (length, is_directive)
    for line in text.splitlines(keepends=True):
        match = _FENCE_LINE.match(line)
        fence, info = (len(match.group(1)), match.group(2).strip()) if match else (0, "")
        if body is not None:                          # inside a code block: only its closing fence counts
            if fence >= open_fences[-1][0] and not info:
                blocks.append("".join(body))
                body = None
                open_fences.pop()
            else:
                body.append(line)
        elif fence and not info and open_fences and fence >= open_fences[-1][0]:
            open_fences.pop()                         # a bare fence as long closes the innermost directive
        elif fence:
            directive = info.startswith("{")
            open_fences.append((fence, directive))
            body = None if directive else []
    return blocks


def test_code_blocks_tells_directives_from_code():
    text = "```{solution-start} ex\n```\nprose with `x`\n\n```python\nx = 1\n```\n```{solution-end}\n```\n"
    assert code_blocks(text) == ["x = 1\n"]
    assert code_blocks("````{note}\n```\ncode\n```\n````\n") == ["code\n"]


def fingerprint(text: str) -> dict[str, object]:
    """What must be the same in a unit and its translation (words in math's \\text{} may differ)."""
    text = re.sub(r"\\text\{[^{}]*\}", "", text)
    without_display = _DISPLAY_MATH.sub(" ", text)
    without_code = re.sub(r"`[^`\n]*`", " ", without_display)
    return {
        "labels": Counter(a or b for a, b in _LABEL.findall(text)),
        "references": Counter((kind, _target(kind, body)) for kind, body in _REF.findall(text)),
        "glue": Counter(_GLUE.findall(text)),
        "directives": Counter(name.strip() for name in _DIRECTIVE.findall(text)),
        "display math": Counter("".join(m.split()) for m in _DISPLAY_MATH.findall(text)),
        "inline math": set("".join(m.split()) for m in _INLINE_MATH.findall(without_code)),
        "code blocks": Counter(code_blocks(text)),
    }


def test_the_status_is_reported(capsys):
    totals = dict(iter_totals(book_status()))
    with capsys.disabled():
        print(f"\nKorean edition: {totals['translated']} units translated, {totals['stale']} stale, "
              f"{totals['missing']} missing ({len(TRANSLATED_PAGES)} of {len(PAGES)} pages started); "
              "`make ko-status` lists them per page")
    assert sum(totals.values()) > 0


@pytest.mark.parametrize("page", TRANSLATED_PAGES, ids=lambda p: p.as_posix())
def test_no_orphaned_translation(page):
    from i18n.core import page_status
    orphaned = page_status(page).orphaned
    assert not orphaned, (f"{page}: entries for units the English page no longer has: {orphaned} "
                          f"(run `python -m i18n todo {page}` and delete them)")


@pytest.mark.parametrize("page", TRANSLATED_PAGES, ids=lambda p: p.as_posix())
def test_each_entry_records_the_english_it_translates(page):
    wrong = [key for key, entry in load_translations(page).items()
             if text_hash(entry.get("en") or "") != entry.get("hash")]
    assert not wrong, f"{page}: hash and `en` disagree in {wrong} (use `python -m i18n accept`)"


@pytest.mark.parametrize("page", TRANSLATED_PAGES, ids=lambda p: p.as_posix())
def test_a_translation_keeps_the_labels_references_glue_directives_math_and_code(page):
    problems = []
    for key, entry in load_translations(page).items():
        korean = (entry.get("ko") or "").strip()
        if not korean:
            continue
        english, translated = fingerprint(entry.get("en") or ""), fingerprint(korean)
        for part, value in english.items():
            if translated[part] != value:
                only_en = value - translated[part]
                only_ko = translated[part] - value
                problems.append(f"{key}: {part} differ: only in the English {sorted(only_en)}, "
                                f"only in the Korean {sorted(only_ko)}")
        for match in _BOLD_PARTICLE.finditer(korean):
            problems.append(f"{key}: a particle after the closing ** or * ({match.group(0)!r}): "
                            "Markdown prints the asterisks; put the particle inside")
    assert not problems, f"{page}:\n" + "\n".join(problems)


@pytest.fixture(scope="module")
def korean_project(tmp_path_factory) -> Path:
    return generate(tmp_path_factory.mktemp("ko_src"))


def _without_translated_metadata(cell: dict) -> dict:
    cell = json.loads(json.dumps(cell))
    mystnb = cell.get("metadata", {}).get("mystnb", {})
    mystnb.get("figure", {}).pop("caption", None)
    mystnb.get("image", {}).pop("alt", None)
    mystnb.pop("code_prompt_show", None)
    mystnb.pop("code_prompt_hide", None)
    return cell


def test_the_generated_project_has_every_page_and_a_korean_config(korean_project):
    import yaml
    for page in PAGES:
        assert (korean_project / page).is_file(), f"{page} was not generated"
    config = yaml.safe_load((korean_project / "_config.yml").read_text(encoding="utf-8"))
    assert config["sphinx"]["config"]["language"] == "ko"
    assert config["execute"]["execute_notebooks"] == "off"
    assert "editions" in config["sphinx"]["extra_extensions"]


@pytest.mark.parametrize("page", [p for p in PAGES if p.suffix == ".ipynb"], ids=lambda p: p.as_posix())
def test_code_cells_and_outputs_are_the_english_ones(korean_project, page):
    english = json.loads((ROOT / page).read_text(encoding="utf-8"))["cells"]
    korean = json.loads((korean_project / page).read_text(encoding="utf-8"))["cells"]
    assert [c["id"] for c in korean] == [c["id"] for c in english], f"{page}: cells differ"
    for en, ko in zip(english, korean):
        assert en["cell_type"] == ko["cell_type"]
        if en["cell_type"] == "code":
            assert _without_translated_metadata(ko) == _without_translated_metadata(en), \
                f"{page}: code cell {en['id']} differs from the English one"


@pytest.mark.parametrize("page", TRANSLATED_PAGES, ids=lambda p: p.as_posix())
def test_a_current_translation_is_what_the_korean_page_shows(korean_project, page):
    from i18n.core import page_status
    status = page_status(page)
    entries = load_translations(page)
    generated = (korean_project / page).read_text(encoding="utf-8")
    if page.suffix == ".ipynb":
        generated = "\n".join(cell_source(c) if c["cell_type"] == "markdown" else json.dumps(c["metadata"], ensure_ascii=False)
                              for c in json.loads(generated)["cells"])
    for key in status.translated:
        first_line = entries[key]["ko"].strip().splitlines()[-1]
        if page.suffix == ".ipynb" and "/" in key:
            first_line = json.dumps(first_line, ensure_ascii=False)[1:-1]
        assert first_line in generated, f"{page}: the translation of {key} is not on the Korean page"
    if status.missing or status.stale:
        assert "translation-notice" in generated, f"{page}: no notice of the untranslated units"
    else:
        assert "translation-notice" not in generated


def test_the_release_check_counts_stale_and_missing_units(tmp_path, monkeypatch):
    """A stale unit is reported, not fatal: only the release check fails on it."""
    from i18n import core
    page = Path("book/page.md")
    (tmp_path / "book").mkdir()
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: book/page\n", encoding="utf-8")
    english = "(sec-a)=\n# A page\n\nText with $x^2$ and {ref}`sec-a`.\n"
    (tmp_path / page).write_text(english, encoding="utf-8")
    section = core.markdown_sections(english)[0][1]
    core.save_translations(page, {"sec-a": {"hash": core.text_hash(section), "en": section,
                                            "ko": "(sec-a)=\n# 한 쪽\n\n$x^2$와 {ref}`sec-a`가 있는 글.\n"}},
                           root=tmp_path)
    assert core.page_status(page, root=tmp_path).translated == ["sec-a"]
    (tmp_path / page).write_text(english.replace("Text", "Some text"), encoding="utf-8")
    status = core.page_status(page, root=tmp_path)
    assert status.stale == ["sec-a"] and not status.complete
