"""Write the Korean edition's Jupyter Book project from the English sources.

``python -m i18n generate`` (run by ``make ko-build`` before every Korean
build) writes ``_build/ko_src/``:

* ``_config.yml``: the English one with the Korean title, ``language: ko``,
  execution off (the code cells carry the English edition's outputs, which
  strict nbval proves equal to a fresh run), the interface strings of myst-nb
  in Korean, the vendored MathJax and plotly.js from the English tree, and
  the Korean PDF (``make ko-pdf``: ``_build/ko_latex/book.pdf``) for the
  site to link once it is built;
* ``_toc.yml`` (part captions in Korean), ``book/`` (pages and everything beside them), ``companion/``,
  ``pyproject.toml`` and ``requirements.txt`` (the notebook archive of the
  Korean site packs them, as the English site's does);
* every page of ``_toc.yml``: code cells copied verbatim with their outputs;
  each Markdown cell or section, caption and alt text replaced by its Korean
  translation only when the stored hash of its English text still matches;
  otherwise the English stays, and a notice under the page's title says how
  many of its units are untranslated or out of date.
"""

from __future__ import annotations

import copy
import json
import re
import shutil
from pathlib import Path

import yaml

from .core import (LANG, ROOT, Unit, cell_source, load_translations, markdown_sections,
                   page_status, text_hash, toc_pages)

OUT = ROOT / "_build" / f"{LANG}_src"
# The Korean PDF (make ko-pdf), which the Korean site links once it exists.
PDF = ROOT / "_build" / f"{LANG}_latex" / "book.pdf"
INTERFACE = ROOT / "i18n" / LANG / "_interface.yml"


def interface() -> dict:
    return yaml.safe_load(INTERFACE.read_text(encoding="utf-8"))


def _current(entry: dict | None, english: str) -> str | None:
    """The Korean of an entry if it translates this English text, else None."""
    if entry and (entry.get("ko") or "").strip() and entry.get("hash") == text_hash(english):
        return entry["ko"].rstrip("\n")
    return None


def _notice(strings: dict, total: int, missing: int, stale: int) -> str:
    parts = [strings[name].format(n=n) for name, n in (("notice_missing", missing), ("notice_stale", stale)) if n]
    body = strings["notice"].format(total=total, parts=strings["notice_and"].join(parts))
    if missing == total:
        body = strings["notice_untranslated"]
    return f":::{{note}}\n:class: translation-notice\n{body}\n:::\n"


def _insert_after_title(text: str, notice: str) -> str:
    """Put the notice right after the page's first heading line."""
    lines = text.splitlines(keepends=True)
    for i, line in enumerate(lines):
        if re.match(r"^#\s", line):
            return "".join(lines[: i + 1]) + "\n" + notice + "\n" + "".join(lines[i + 1:])
    return notice + "\n" + text


def translate_markdown_page(page: Path, strings: dict) -> str:
    text = (ROOT / page).read_text(encoding="utf-8")
    entries = load_translations(page)
    out = []
    missing = stale = total = 0
    for key, body in markdown_sections(text):
        if key == "_frontmatter":
            out.append(body)
            continue
        total += 1
        korean = _current(entries.get(key), body)
        if korean is None:
            out.append(body)
            if key in entries and (entries[key].get("ko") or "").strip():
                stale += 1
            else:
                missing += 1
        else:
            out.append(korean + "\n\n")
    result = "".join(out)
    if missing or stale:
        result = _insert_after_title(result, _notice(strings, total, missing, stale))
    return result


def translate_notebook(page: Path, strings: dict) -> dict:
    notebook = json.loads((ROOT / page).read_text(encoding="utf-8"))
    entries = load_translations(page)
    status = page_status(page)
    prompts = strings.get("code_prompts", {})
    for cell in notebook["cells"]:
        if cell["cell_type"] == "markdown":
            korean = _current(entries.get(cell["id"]), cell_source(cell))
            if korean is not None:
                cell["source"] = korean
        elif cell["cell_type"] == "code":
            mystnb = cell.get("metadata", {}).get("mystnb")
            if not mystnb:
                continue
            figure, image = mystnb.get("figure", {}), mystnb.get("image", {})
            if figure.get("caption"):
                korean = _current(entries.get(f"{cell['id']}/caption"), figure["caption"])
                if korean is not None:
                    figure["caption"] = korean
            if image.get("alt"):
                korean = _current(entries.get(f"{cell['id']}/alt"), image["alt"])
                if korean is not None:
                    image["alt"] = korean
            for name in ("code_prompt_show", "code_prompt_hide"):
                if mystnb.get(name) in prompts:
                    mystnb[name] = prompts[mystnb[name]]
    if status.missing or status.stale:
        notice = _notice(strings, len(status.units), len(status.missing), len(status.stale))
        for cell in notebook["cells"]:
            if cell["cell_type"] == "markdown" and re.search(r"^#\s", cell_source(cell), re.M):
                cell["source"] = _insert_after_title(cell_source(cell), notice)
                break
    return notebook


def korean_config(strings: dict) -> dict:
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    config["title"] = strings["title"]
    config["author"] = strings.get("author", config.get("author"))
    config.setdefault("execute", {})["execute_notebooks"] = "off"
    sphinx = config.setdefault("sphinx", {})
    extensions = sphinx.setdefault("extra_extensions", [])
    if "editions" not in extensions:
        extensions.append("editions")
    sphinx["local_extensions"] = {"site_fixes": "book/_ext"}
    settings = sphinx.setdefault("config", {})
    settings["language"] = LANG
    settings["html_static_path"] = [str(ROOT / path) for path in settings.get("html_static_path", [])]
    settings["book_pdf_file"] = str(PDF)
    _merge(settings, strings.get("sphinx_config", {}))
    return config


def _merge(target: dict, extra: dict) -> None:
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            _merge(target[key], value)
        else:
            target[key] = copy.deepcopy(value)


def korean_toc(strings: dict) -> dict:
    """The English table of contents with its part captions in Korean."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    captions = strings.get("toc_captions", {})
    for part in toc.get("parts", []):
        if part.get("caption") in captions:
            part["caption"] = captions[part["caption"]]
    return toc


def _copy_tree(source: Path, target: Path) -> None:
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(
        "__pycache__", ".ipynb_checkpoints", "_build", "*.pyc"))


def generate(out: Path = OUT) -> Path:
    """Write the Korean project into ``out`` (replacing what was there)."""
    strings = interface()
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    _copy_tree(ROOT / "book", out / "book")
    _copy_tree(ROOT / "companion", out / "companion")
    for name in ("pyproject.toml", "requirements.txt"):
        shutil.copyfile(ROOT / name, out / name)
    (out / "_toc.yml").write_text(
        "# Generated by i18n/generate.py from the English _toc.yml: do not edit.\n"
        + yaml.safe_dump(korean_toc(strings), allow_unicode=True, sort_keys=False), encoding="utf-8")
    (out / "_config.yml").write_text(
        "# Generated by i18n/generate.py from the English _config.yml: do not edit.\n"
        + yaml.safe_dump(korean_config(strings), allow_unicode=True, sort_keys=False),
        encoding="utf-8")
    for page in toc_pages():
        target = out / page
        if page.suffix == ".md":
            target.write_text(translate_markdown_page(page, strings), encoding="utf-8")
        else:
            notebook = translate_notebook(page, strings)
            target.write_text(json.dumps(notebook, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return out


__all__ = ["generate", "korean_config", "translate_markdown_page", "translate_notebook", "OUT", "Unit"]
