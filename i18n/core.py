"""The units a translation is made of, their hashes, and the translation files.

A *unit* is one piece of English text that is translated as a whole:

* in a notebook, one Markdown cell (keyed by its cell id), and the caption and
  alt text kept in a code cell's ``mystnb`` metadata (``<cell id>/caption``,
  ``<cell id>/alt``);
* in a Markdown page, one section: a heading with the text up to the next
  heading (keyed by the section's label, such as ``chapter-norms``, or else
  by the heading's slug); text before the first heading is ``_preamble``.

A translation file, ``i18n/<lang>/<page path>.yml``, maps each key to
``{hash, en, ko}``: the hash of the English text the translation was made
from, that English text itself (so a stale entry can be shown as a diff),
and the Korean. A unit is *translated* when its entry's hash equals the hash
of the current English text and its ``ko`` is not empty, *stale* when the
hashes differ, *missing* when there is no entry or ``ko`` is empty. An entry
whose key no longer exists in the English page is *orphaned*.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import yaml

ROOT = Path(__file__).resolve().parent.parent
LANG = "ko"


def text_hash(text: str) -> str:
    """12 hex digits of the SHA-256 of the text, ignoring trailing whitespace."""
    normalised = "\n".join(line.rstrip() for line in text.strip("\n").splitlines())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:12]


def toc_pages(root: Path = ROOT) -> list[Path]:
    """Every page of ``_toc.yml``, in order, as paths relative to the root."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    names: list[str] = [toc["root"]]

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if "file" in node:
                names.append(node["file"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(toc.get("parts", toc.get("chapters", [])))
    pages = []
    for name in names:
        for suffix in (".ipynb", ".md"):
            if (root / (name + suffix)).is_file():
                pages.append(Path(name + suffix))
                break
        else:
            raise FileNotFoundError(f"_toc.yml names {name}, which has no .ipynb or .md file")
    return pages


# --- Markdown pages: sections ---------------------------------------------------

_FENCE = re.compile(r"^\s*(`{3,}|:{3,}|~{3,})(.*)$")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_LABEL = re.compile(r"^\((?P<label>[^()\s]+)\)=\s*$")


def _slug(text: str) -> str:
    text = re.sub(r"\{[^}]*\}`([^`]*)`", r"\1", text)
    text = re.sub(r"[^\w\s-]", "", text.lower())
    return re.sub(r"[\s_]+", "-", text).strip("-") or "section"


def markdown_sections(text: str) -> list[tuple[str, str]]:
    """Split a MyST page into (key, text) sections at headings outside fences.

    A label line ``(name)=`` just before a heading belongs to that heading's
    section and names it. The front matter (if any) is not a section: it is
    returned with the key ``_frontmatter`` and never translated.
    """
    lines = text.splitlines(keepends=True)
    sections: list[tuple[str, list[str]]] = []
    start = 0
    if lines and lines[0].strip() == "---":
        for i in range(1, len(lines)):
            if lines[i].strip() == "---":
                sections.append(("_frontmatter", lines[: i + 1]))
                start = i + 1
                break
    current_key, current = "_preamble", []
    fences: list[tuple[str, int]] = []
    pending_label: list[str] = []
    for line in lines[start:]:
        fence = _FENCE.match(line)
        if fence:
            mark, info = fence.group(1), fence.group(2).strip()
            if fences and not info and mark[0] == fences[-1][0] and len(mark) >= fences[-1][1]:
                fences.pop()
            else:
                fences.append((mark[0], len(mark)))
        elif not fences:
            label = _LABEL.match(line)
            heading = _HEADING.match(line)
            if label:
                pending_label.append(line)
                continue
            if heading:
                sections.append((current_key, current))
                name = _LABEL.match(pending_label[-1]).group("label") if pending_label else None
                current_key = name or _slug(heading.group(2))
                current = pending_label + [line]
                pending_label = []
                continue
        if pending_label:
            current.extend(pending_label)
            pending_label = []
        current.append(line)
    current.extend(pending_label)
    sections.append((current_key, current))
    result: list[tuple[str, str]] = []
    seen: dict[str, int] = {}
    for key, body in sections:
        if key == "_preamble" and not "".join(body).strip():
            continue
        seen[key] = seen.get(key, 0) + 1
        result.append((key if seen[key] == 1 else f"{key}-{seen[key]}", "".join(body)))
    return result


# --- Units of a page ------------------------------------------------------------

@dataclass
class Unit:
    key: str
    text: str
    kind: str  # "markdown" (a cell or a section), "caption" or "alt"

    @property
    def hash(self) -> str:
        return text_hash(self.text)


def cell_source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def page_units(page: Path, root: Path = ROOT) -> list[Unit]:
    """The translatable units of one page, in reading order."""
    path = root / page
    if page.suffix == ".md":
        return [Unit(key, body, "markdown") for key, body in markdown_sections(path.read_text(encoding="utf-8"))
                if key != "_frontmatter"]
    notebook = json.loads(path.read_text(encoding="utf-8"))
    units = []
    for cell in notebook["cells"]:
        if cell["cell_type"] == "markdown":
            units.append(Unit(cell["id"], cell_source(cell), "markdown"))
        elif cell["cell_type"] == "code":
            mystnb = cell.get("metadata", {}).get("mystnb", {})
            caption = mystnb.get("figure", {}).get("caption")
            alt = mystnb.get("image", {}).get("alt")
            if caption:
                units.append(Unit(f"{cell['id']}/caption", caption, "caption"))
            if alt:
                units.append(Unit(f"{cell['id']}/alt", alt, "alt"))
    return units


# --- Translation files ----------------------------------------------------------

def translation_path(page: Path, lang: str = LANG, root: Path = ROOT) -> Path:
    return root / "i18n" / lang / page.with_suffix(".yml")


def load_translations(page: Path, lang: str = LANG, root: Path = ROOT) -> dict[str, dict]:
    path = translation_path(page, lang, root)
    if not path.is_file():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return data.get("units", {}) or {}


class _Literal(str):
    pass


def _literal_representer(dumper: yaml.Dumper, value: _Literal) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")


yaml.SafeDumper.add_representer(_Literal, _literal_representer)


def _block(text: str) -> str:
    # YAML's literal block keeps every line as written, if no line ends in
    # whitespace (PyYAML would otherwise fall back to a quoted string).
    text = "\n".join(line.rstrip() for line in text.strip("\n").splitlines()) + "\n"
    return _Literal(text)


def save_translations(page: Path, units: dict[str, dict], lang: str = LANG, root: Path = ROOT) -> Path:
    path = translation_path(page, lang, root)
    path.parent.mkdir(parents=True, exist_ok=True)
    out = {}
    for key, entry in units.items():
        out[key] = {"hash": entry["hash"], "en": _block(entry.get("en") or ""),
                    "ko": _block(entry["ko"]) if entry.get("ko") else ""}
    header = (f"# Korean translation of {page.as_posix()}: one entry per unit (Markdown cell,\n"
              "# caption, alt text or section), keyed by cell id or section label. `hash` and\n"
              "# `en` are the English the translation was made from; see i18n/README in the\n"
              "# repository README (\"The Korean edition\").\n")
    body = yaml.safe_dump({"page": page.as_posix(), "units": out}, allow_unicode=True,
                          sort_keys=False, width=100000)
    path.write_text(header + body, encoding="utf-8")
    return path


# --- Status ---------------------------------------------------------------------

@dataclass
class PageStatus:
    page: Path
    units: list[Unit]
    translated: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    orphaned: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.stale and not self.missing


def page_status(page: Path, lang: str = LANG, root: Path = ROOT) -> PageStatus:
    units = page_units(page, root)
    entries = load_translations(page, lang, root)
    status = PageStatus(page, units)
    for unit in units:
        entry = entries.get(unit.key)
        if not entry or not (entry.get("ko") or "").strip():
            status.missing.append(unit.key)
        elif entry.get("hash") != unit.hash:
            status.stale.append(unit.key)
        else:
            status.translated.append(unit.key)
    keys = {unit.key for unit in units}
    status.orphaned = [key for key in entries if key not in keys]
    return status


def book_status(lang: str = LANG, root: Path = ROOT) -> list[PageStatus]:
    return [page_status(page, lang, root) for page in toc_pages(root)]


def iter_totals(statuses: list[PageStatus]) -> Iterator[tuple[str, int]]:
    for name in ("translated", "stale", "missing", "orphaned"):
        yield name, sum(len(getattr(s, name)) for s in statuses)
