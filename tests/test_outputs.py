"""The stored outputs of the notebooks are portable (issue: checks on every machine).

Strict nbval compares every stored output on every machine that runs the
tests, and the last digits of a float differ between CPUs, BLAS kernels and
libm builds. The convention (``companion.pages`` and the README):

* no float in a compared output carries more than ``MAX_DIGITS`` significant
  digits, whether glued, printed or shown as a cell's result;
* a ``{glue:text}`` format in the prose shows no more significant digits than
  its value was glued with (``glue(..., digits=n)``; 8 by default), so the
  prose never shows digits that were rounded away;
* a cell whose outputs measure rounding itself is tagged
  ``nbval-ignore-output`` and asserts bounds instead.

These are static checks of the committed notebooks: they take well under a
second and run with the unit tests.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from companion.pages import DIGITS, GLUE_PREFIX, MAX_DIGITS

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted(p for p in (ROOT / "book").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
IGNORE = "nbval-ignore-output"

# A decimal number with a fractional part or an exponent: 0.125, 1.5e-08, 3e-16.
FLOAT = re.compile(r"(?<![\w.])[-+]?(?:\d+\.\d*|\.\d+|\d+(?=[eE]))(?:[eE][-+]?\d+)?")
GLUE_TEXT = re.compile(r"\{glue:text\}`([^`:]+)(?::([^`]*))?`")


def significant_digits(number: str) -> int:
    """Significant digits written in ``number``: '0.0450' -> 3, '565.81108' -> 8, '3e-16' -> 1."""
    mantissa = re.split(r"[eE]", number.lstrip("+-"))[0]
    digits = mantissa.replace(".", "").lstrip("0")
    return len(digits) if "." in mantissa else len(digits.rstrip("0")) or 1


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def compared_texts(cell: dict) -> list[tuple[str, str]]:
    """(kind, text) of every text output nbval compares in a code cell."""
    texts = []
    for output in cell.get("outputs", []):
        if output.get("output_type") == "stream":
            texts.append(("printed", "".join(output.get("text", ""))))
        for mime, value in output.get("data", {}).items():
            if mime.startswith("image/") or mime.endswith(("image/png", "image/jpeg")):
                continue
            text = "".join(value) if isinstance(value, list) else str(value)
            if mime in ("text/html", "application/vnd.plotly.v1+json") or mime.endswith("text/html"):
                continue
            texts.append((mime, text))
    return texts


def glued(notebook: dict) -> dict[str, tuple[str, int | None, bool]]:
    """name -> (stored text/plain, digits glued with or None, in an ignored cell)."""
    found = {}
    for cell in notebook["cells"]:
        if cell["cell_type"] != "code":
            continue
        ignored = IGNORE in cell.get("metadata", {}).get("tags", [])
        for output in cell.get("outputs", []):
            scrapbook = output.get("metadata", {}).get("scrapbook")
            if not scrapbook:
                continue
            plain = output.get("data", {}).get(scrapbook.get("mime_prefix", "") + "text/plain")
            text = "".join(plain) if isinstance(plain, list) else (plain or "")
            found[scrapbook["name"]] = (text, scrapbook.get("digits"), ignored)
    return found


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT / "book")))
def test_no_stored_float_beyond_the_convention(path: Path) -> None:
    """No compared output holds a float's last digits, however it got there."""
    offending = []
    for index, cell in enumerate(c for c in load(path)["cells"] if c["cell_type"] == "code"):
        if IGNORE in cell.get("metadata", {}).get("tags", []):
            continue
        for kind, text in compared_texts(cell):
            for number in FLOAT.findall(text):
                if significant_digits(number) > MAX_DIGITS:
                    offending.append(f"code cell {index}, {kind}: {number}")
    assert not offending, (
        f"floats with more than {MAX_DIGITS} significant digits are stored in compared outputs "
        f"(glue them with companion.pages.glue, print them rounded): {offending[:10]}")


def displayed_digits(value: float, spec: str) -> int:
    """Significant digits that ``format(value, spec)`` shows."""
    shown = format(value, spec)
    numbers = FLOAT.findall(shown.replace(",", "")) or re.findall(r"[-+]?\d+", shown.replace(",", ""))
    return significant_digits(numbers[0]) if numbers else 0


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT / "book")))
def test_prose_shows_no_digit_that_was_not_glued(path: Path) -> None:
    """A `{glue:text}` format may show at most the digits the value was glued with."""
    notebook = load(path)
    values = glued(notebook)
    prose = "\n".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "markdown")
    problems = []
    for name, spec in GLUE_TEXT.findall(prose):
        assert name in values, f"{{glue:text}}`{name}` has no glue on this page"
        text, digits, _ = values[name]
        if digits is None or not spec:
            continue  # not a glued float, or shown exactly as stored
        value = ast.literal_eval(text)
        shown = displayed_digits(value, spec)
        # A value that is exactly a short decimal (0.5 glued as 0.5) may be padded with zeros.
        if shown > digits:
            problems.append(f"{name}:{spec} shows {shown} digits, glued with {digits}")
    assert not problems, (
        "the prose shows digits that glue rounded away; pass digits= to glue "
        f"(at most {MAX_DIGITS}): {problems}")


@pytest.mark.parametrize("path", NOTEBOOKS + sorted((ROOT / "book").rglob("*.md")),
                         ids=lambda p: str(p.relative_to(ROOT / "book")))
def test_display_math_starts_a_block(path: Path) -> None:
    """A ``$$`` display opens after a blank line (or a directive's option line).

    Directly after a line of text MyST reads the ``$$`` as two inline dollars:
    the site and the PDF then show a raw "$" and the formula as inline maths
    with the following sentence swallowed into it (seen on six pages).
    """
    if path.suffix == ".ipynb":
        texts = ["".join(c["source"]) for c in load(path)["cells"] if c["cell_type"] == "markdown"]
    else:
        texts = [path.read_text(encoding="utf-8")]
    problems = []
    for text in texts:
        lines, inside, fence = text.split("\n"), False, False
        for before, line in zip([""] + lines, lines):
            stripped = line.strip()
            if stripped.startswith("```"):
                fence = not fence
            if fence or not stripped.startswith("$$"):
                continue
            if inside:
                inside = False
                continue
            previous = before.strip()
            if previous and not previous.startswith((":", "```")):
                problems.append(f"{previous[:60]!r} -> {stripped[:20]!r}")
            inside = not (len(stripped) > 2 and stripped.endswith("$$"))
    assert not problems, f"add a blank line before these $$ displays: {problems}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT / "book")))
def test_uncompared_cells_assert_bounds(path: Path) -> None:
    """A cell whose output is not compared must check its results some other way.

    The asserts may sit in the cell itself or in the collapsed checks cell that
    follows it (id ``<cell id>-checks``), which is then uncompared too.
    """
    code = [c for c in load(path)["cells"] if c["cell_type"] == "code"]
    asserts = [bool(re.search(r"^\s*assert\b", "".join(c["source"]), re.M)) for c in code]
    for index, cell in enumerate(code):
        if IGNORE not in cell.get("metadata", {}).get("tags", []):
            continue
        checks = code[index + 1] if index + 1 < len(code) else None
        paired = (checks is not None and checks.get("id") == f"{cell.get('id')}-checks"
                  and IGNORE in checks.get("metadata", {}).get("tags", []) and asserts[index + 1])
        assert asserts[index] or paired, (
            f"code cell {index} is tagged {IGNORE} but asserts nothing: "
            "a measured value needs a bound that holds on every IEEE-754 machine")


HIDDEN = {"hide-cell", "hide-input", "remove-cell", "remove-input"}
GLUE_CALL = re.compile(r"\bglue(?:_math|_sci)?\(")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT / "book")))
def test_glue_calls_sit_in_collapsed_cells(path: Path) -> None:
    """The reader sees the computation; glue (bookkeeping) is one click away."""
    visible = []
    for index, cell in enumerate(c for c in load(path)["cells"] if c["cell_type"] == "code"):
        if HIDDEN & set(cell.get("metadata", {}).get("tags", [])):
            continue
        visible += [f"code cell {index}: {line.strip()}" for line in "".join(cell["source"]).splitlines()
                    if GLUE_CALL.search(line)]
    assert not visible, ("glue calls in cells the reader sees: move them into the collapsed "
                         f"checks cell that follows (tag hide-cell): {visible[:5]}")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT / "book")))
def test_pages_that_draw_with_pyplot_use_the_book_style(path: Path) -> None:
    """A page that imports pyplot applies the book's style in that cell: the white
    background that keeps a figure readable in dark mode, the palette, and the
    inline backend's settings that halve the time a figure takes."""
    for cell in load(path)["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] == "code" and re.search(r"^import matplotlib\.pyplot", source, re.M):
            assert "cp.plotting.use_style()" in source, (
                "this page imports matplotlib.pyplot but its imports cell does not call cp.plotting.use_style()")


def test_digits_convention_is_sane() -> None:
    assert 1 <= DIGITS <= MAX_DIGITS <= 13
    assert GLUE_PREFIX.startswith("application/")
    assert significant_digits("0.0450") == 3
    assert significant_digits("565.81108") == 8
    assert significant_digits("3e-16") == 1
    assert significant_digits("1.02e-08") == 3
    assert significant_digits("-0.45497476446080587") == 17
    assert displayed_digits(565.81108, ".4f") == 7
    assert displayed_digits(0.5, ".2e") == 3
    assert displayed_digits(0.26211785, ".1%") == 3


ALT_MAX_CHARS = 250
ALT_MAX_SENTENCES = 2
# A sentence ends at '.', '!' or '?' followed by a space or the end: '0.5' and '(1, 1).' count right.
SENTENCE_END = re.compile(r"[.!?](?=\s|$)")


def figure_cells(notebook: dict) -> list[tuple[int, dict]]:
    """(index among all cells, cell) of every cell that MyST-NB renders as a figure or image."""
    return [(index, cell) for index, cell in enumerate(notebook["cells"])
            if {"figure", "image"} & set(cell.get("metadata", {}).get("mystnb", {}))]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT / "book")))
def test_figure_alt_text_is_short(path: Path) -> None:
    """Every figure has an alt text a screen reader can read out: one or two sentences.

    The quantitative description belongs in the caption or the prose, where
    every reader sees it; the alt text says what the picture shows.
    """
    problems = []
    for index, cell in figure_cells(load(path)):
        meta = cell["metadata"]["mystnb"]
        name = meta.get("figure", {}).get("name", f"cell {index}")
        alt = meta.get("image", {}).get("alt", "")
        alt = alt.strip() if isinstance(alt, str) else ""
        if not alt:
            problems.append(f"{name}: no alt text")
            continue
        sentences = len(SENTENCE_END.findall(alt)) or 1
        if len(alt) > ALT_MAX_CHARS or sentences > ALT_MAX_SENTENCES:
            problems.append(f"{name}: {len(alt)} characters, {sentences} sentences")
    assert not problems, (
        f"alt texts must be at most {ALT_MAX_CHARS} characters and {ALT_MAX_SENTENCES} sentences "
        f"(move the numbers into the caption): {problems}")


def test_alt_text_sentence_count() -> None:
    assert len(SENTENCE_END.findall("A curve at 0.5 ends at (1, 1). Another one rises.")) == 2
    assert len(SENTENCE_END.findall("Left: a bowl; right: a saddle")) == 0


# --- Interactive figures (companion.plotting.interactive) -----------------------

PLOTLY = "application/vnd.plotly.v1+json"
#: Significant digits an interactive figure keeps at most (its ``digits`` limit).
FIGURE_DIGITS = 8
#: Figure data one notebook may store, and the whole book (issue 17's budget).
NOTEBOOK_FIGURE_BYTES = 1_000_000
BOOK_FIGURE_BYTES = 5_000_000


def plotly_outputs(notebook: dict) -> list[tuple[int, dict, dict]]:
    """(index among all cells, cell, output) of every interactive figure."""
    return [(index, cell, output) for index, cell in enumerate(notebook["cells"])
            if cell["cell_type"] == "code"
            for output in cell.get("outputs", []) if PLOTLY in output.get("data", {})]


def floats_in(value) -> list[float]:
    if isinstance(value, dict):
        return [x for item in value.values() for x in floats_in(item)]
    if isinstance(value, list):
        return [x for item in value for x in floats_in(item)]
    return [value] if isinstance(value, float) else []


def figure_bytes(output: dict) -> int:
    return sum(len(json.dumps(value)) for value in output["data"].values())


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT / "book")))
def test_interactive_figures_are_portable_named_and_described(path: Path) -> None:
    """Each interactive figure: rounded floats, a fixed name, a PNG, a caption and alt text."""
    problems = []
    for index, cell, output in plotly_outputs(load(path)):
        data, meta = output["data"], cell["metadata"].get("mystnb", {})
        where = f"cell {index}"
        long = [x for x in floats_in(data[PLOTLY]) if significant_digits(repr(x)) > FIGURE_DIGITS]
        if long:
            problems.append(f"{where}: unrounded floats such as {long[:3]}")
        if not output.get("metadata", {}).get(PLOTLY, {}).get("name"):
            problems.append(f"{where}: no name (make it with companion.plotting.interactive)")
        if "image/png" not in data:
            problems.append(f"{where}: no static PNG in the output")
        if not meta.get("figure", {}).get("caption") or not meta.get("figure", {}).get("name"):
            problems.append(f"{where}: no figure caption and name in the cell's mystnb metadata")
        if not meta.get("image", {}).get("alt"):
            problems.append(f"{where}: no alt text")
        if IGNORE in cell.get("metadata", {}).get("tags", []):
            problems.append(f"{where}: tagged {IGNORE}; a figure's data is compared like any output")
    assert not problems, problems


def test_interactive_figure_names_are_unique_and_the_data_within_budget() -> None:
    names: dict[str, str] = {}
    duplicated, heavy, total = [], [], 0
    for path in NOTEBOOKS:
        size = 0
        for _, _, output in plotly_outputs(load(path)):
            name = output.get("metadata", {}).get(PLOTLY, {}).get("name", "")
            if name in names:
                duplicated.append(f"{name}: {names[name]} and {path.name}")
            names[name] = path.name
            size += figure_bytes(output)
        if size > NOTEBOOK_FIGURE_BYTES:
            heavy.append(f"{path.relative_to(ROOT)}: {size} bytes")
        total += size
    assert not duplicated, f"figure names (HTML ids) used twice: {duplicated}"
    assert not heavy, f"notebooks storing more than {NOTEBOOK_FIGURE_BYTES} bytes of figures: {heavy}"
    assert total <= BOOK_FIGURE_BYTES, f"interactive figures store {total} bytes in all"
