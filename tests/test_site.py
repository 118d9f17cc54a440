"""Checks of the built site in headless Chromium (run after the book build).

For every HTML page of ``_build/html``: MathJax, served by the site itself,
has rendered every page that has math (at least one ``mjx-container`` and as
many as the page has math elements, no ``mjx-merror``, nothing typeset in
red), and no script or stylesheet is loaded from another host.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

import pytest

pytestmark = pytest.mark.site

SITE = Path(__file__).resolve().parent.parent / "_build" / "html"
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--virtual-time-budget=10000", "--dump-dom",
]


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    pytest.fail("headless Chromium is needed for the site check: apt-get install chromium")


def pages() -> list[Path]:
    if not SITE.is_dir():
        pytest.fail(f"{SITE} does not exist: build the book first (make site-build)")
    found = sorted(p for p in SITE.rglob("*.html") if "_static" not in p.parts)
    assert found, f"no HTML pages under {SITE}"
    return found


class _Resources(HTMLParser):
    """Collects script sources, stylesheet links and math elements of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.math = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "script" and a.get("src"):
            self.urls.append(a["src"])
        if tag == "link" and "stylesheet" in (a.get("rel") or "") and a.get("href"):
            self.urls.append(a["href"])
        if tag in ("span", "div") and "math" in (a.get("class") or "").split():
            self.math += 1


def resources(html: str) -> _Resources:
    parser = _Resources()
    parser.feed(html)
    return parser


def is_external(url: str) -> bool:
    return bool(re.match(r"^(https?:)?//", url.strip(), re.IGNORECASE))


@lru_cache(maxsize=1)
def rendered() -> dict[Path, str]:
    """The DOM of every page after its scripts ran, two pages at a time."""
    browser = chromium()

    def dump(page: Path) -> str:
        with tempfile.TemporaryDirectory() as profile:
            result = subprocess.run(
                [browser, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", page.as_uri()],
                capture_output=True, text=True, timeout=120, check=False)
        assert result.returncode == 0, f"chromium failed on {page}: {result.stderr[-500:]}"
        return result.stdout

    all_pages = pages()
    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(zip(all_pages, pool.map(dump, all_pages)))


def test_the_site_has_the_chapter_pages():
    names = {p.relative_to(SITE).as_posix() for p in pages()}
    assert "index.html" in names or "book/intro.html" in names
    assert "book/jacobian/change_of_variables.html" in names


def test_no_script_or_stylesheet_comes_from_another_host():
    offenders = []
    for page in pages():
        for url in resources(page.read_text(encoding="utf-8")).urls:
            if is_external(url):
                offenders.append(f"{page.relative_to(SITE)}: {url}")
    for page, dom in rendered().items():
        for url in resources(dom).urls:
            if is_external(url):
                offenders.append(f"{page.relative_to(SITE)} (after scripts ran): {url}")
    assert not offenders, "resources loaded from other hosts:\n" + "\n".join(offenders)


def test_mathjax_is_served_by_the_site():
    assert (SITE / "_static" / "mathjax" / "tex-chtml.js").is_file()


def test_math_is_rendered_without_errors_on_every_page():
    problems = []
    math_pages = 0
    for page, dom in rendered().items():
        name = page.relative_to(SITE)
        expected = resources(page.read_text(encoding="utf-8")).math
        containers = dom.count("<mjx-container")
        if expected:
            math_pages += 1
            if containers < expected:
                problems.append(f"{name}: {containers} rendered of {expected} math elements")
        if "<mjx-merror" in dom:
            problems.append(f"{name}: MathJax reported an error (mjx-merror)")
        if 'mathcolor="red"' in dom:
            problems.append(f"{name}: math typeset in red (unknown macro?)")
    assert math_pages >= 3, f"only {math_pages} pages with math were found"
    assert not problems, "\n".join(problems)
