"""Checks of the built site in a real browser (run after the book build).

Every HTML page of ``_build/html`` is opened in headless Chromium (Debian's
package, driven by Playwright from PyPI) and must:

* render all its math with the site's own MathJax: as many ``mjx-container``
  elements as the page has math elements, no ``mjx-merror``, nothing in red;
* log no JavaScript error to the console;
* request nothing from another host (the site works offline).

Statically, over the same files: every internal link and anchor resolves,
every image has meaningful alt text, and every figure has an opaque
background (dark mode would otherwise show dark text on a dark page).

One screenshot per chapter page, in light and in dark mode, is written to
``_build/screenshots/`` for a person to review.
"""

from __future__ import annotations

import re
import shutil
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

pytestmark = pytest.mark.site

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "_build" / "html"
SCREENSHOTS = ROOT / "_build" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
# Pages Sphinx generates for navigation; they hold no book content.
GENERATED = {"genindex.html", "search.html", "py-modindex.html", "prf-prf.html"}


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    pytest.fail("headless Chromium is needed for the site check: apt-get install chromium")


def pages() -> list[Path]:
    if not SITE.is_dir():
        pytest.fail(f"{SITE} does not exist: build the book first (make site-build)")
    found = sorted(p for p in SITE.rglob("*.html")
                   if "_static" not in p.parts and "_sources" not in p.parts)
    assert found, f"no HTML pages under {SITE}"
    return found


def is_redirect(page: Path) -> bool:
    """Jupyter Book writes the root index.html as a stub that redirects to the intro."""
    head = page.read_text(encoding="utf-8")[:2000].lower()
    return 'http-equiv="refresh"' in head


def chapter_pages() -> list[Path]:
    return [p for p in pages() if p.relative_to(SITE).parts[0] == "book"]


class _Page(HTMLParser):
    """What the static checks need from one HTML file."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.resources: list[str] = []
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.images: list[dict[str, str | None]] = []
        self.math = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "script" and a.get("src"):
            self.resources.append(a["src"])
        if tag == "link" and "stylesheet" in (a.get("rel") or "") and a.get("href"):
            self.resources.append(a["href"])
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if tag == "img":
            self.images.append(a)
        if tag in ("span", "div") and "math" in (a.get("class") or "").split():
            self.math += 1


@lru_cache(maxsize=None)
def parsed(page: Path) -> _Page:
    parser = _Page()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def is_external(url: str) -> bool:
    return bool(re.match(r"^(https?:)?//", url.strip(), re.IGNORECASE))


@lru_cache(maxsize=1)
def browsed() -> dict[Path, dict]:
    """Open every page once; return its console errors, requests and math counts."""
    from playwright.sync_api import sync_playwright

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    results: dict[Path, dict] = {}
    chapters = set(chapter_pages())
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        for page_path in pages():
            if is_redirect(page_path):
                continue  # its target is checked as a page of its own
            page = context.new_page()
            found: dict = {"errors": [], "requests": []}
            page.on("console", lambda m, f=found: f["errors"].append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e, f=found: f["errors"].append(str(e)))
            page.on("request", lambda r, f=found: f["requests"].append(r.url))
            page.goto(page_path.as_uri(), wait_until="load")
            # MathJax typesets asynchronously; its startup promise settles when done.
            page.evaluate("""async () => {
                if (window.MathJax && MathJax.startup && MathJax.startup.promise) {
                    await MathJax.startup.promise; }
            }""")
            found["containers"] = page.evaluate("document.querySelectorAll('mjx-container').length")
            found["merrors"] = page.evaluate("document.querySelectorAll('mjx-merror').length")
            found["red"] = page.evaluate(
                "[...document.querySelectorAll('mjx-container [style*=\"color: red\"], "
                "mjx-container [mathcolor=\"red\"]')].length")
            if page_path in chapters:
                name = "_".join(page_path.relative_to(SITE).with_suffix("").parts[1:])
                page.screenshot(path=str(SCREENSHOTS / f"{name}-light.png"))
                page.evaluate("""() => { document.documentElement.dataset.mode = 'dark';
                                         document.documentElement.dataset.theme = 'dark'; }""")
                page.wait_for_timeout(100)
                page.screenshot(path=str(SCREENSHOTS / f"{name}-dark.png"))
            page.close()
            results[page_path] = found
        browser.close()
    return results


def test_the_root_redirects_to_the_introduction():
    root = SITE / "index.html"
    assert is_redirect(root) and "book/intro.html" in root.read_text(encoding="utf-8")


def test_the_site_has_the_chapter_pages():
    names = {p.relative_to(SITE).as_posix() for p in pages()}
    assert "book/intro.html" in names
    assert "book/jacobian/change_of_variables.html" in names
    assert {"book/reference/glossary.html", "book/reference/notation.html",
            "book/reference/api.html", "genindex.html"} <= names


def test_mathjax_is_served_by_the_site():
    assert (SITE / "_static" / "mathjax" / "tex-chtml.js").is_file()


def test_no_script_or_stylesheet_in_the_html_comes_from_another_host():
    offenders = [f"{p.relative_to(SITE)}: {url}" for p in pages()
                 for url in parsed(p).resources if is_external(url)]
    assert not offenders, "resources from other hosts:\n" + "\n".join(offenders)


def test_no_page_requests_anything_from_another_host():
    offenders = [f"{p.relative_to(SITE)}: {url}" for p, found in browsed().items()
                 for url in found["requests"]
                 if not url.startswith(("file:", "data:", "blob:", "about:"))]
    assert not offenders, "requests to other hosts:\n" + "\n".join(offenders)


def test_no_javascript_errors_in_the_console():
    offenders = [f"{p.relative_to(SITE)}: {e}" for p, found in browsed().items()
                 for e in found["errors"]]
    assert not offenders, "console errors:\n" + "\n".join(offenders)


def test_math_is_rendered_without_errors_on_every_page():
    problems = []
    math_pages = 0
    for page, found in browsed().items():
        name = page.relative_to(SITE)
        expected = parsed(page).math
        if expected:
            math_pages += 1
            if found["containers"] < expected:
                problems.append(f"{name}: {found['containers']} rendered of {expected} math elements")
        if found["merrors"]:
            problems.append(f"{name}: {found['merrors']} MathJax errors (mjx-merror)")
        if found["red"]:
            problems.append(f"{name}: {found['red']} pieces of math in red (unknown macro?)")
    assert math_pages >= 3, f"only {math_pages} pages with math were found"
    assert not problems, "\n".join(problems)


def test_every_internal_link_and_anchor_resolves():
    broken = []
    for page in pages():
        for href in parsed(page).links:
            parts = urlsplit(href)
            if parts.scheme or href.startswith(("//", "mailto:", "javascript:")):
                continue
            target = page if not parts.path else (page.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(SITE)}: {href} (no such file)")
                continue
            if parts.fragment and target.suffix == ".html" and target.is_relative_to(SITE):
                if unquote(parts.fragment) not in parsed(target).ids:
                    broken.append(f"{page.relative_to(SITE)}: {href} (no such anchor)")
    assert not broken, "broken links:\n" + "\n".join(broken)


def test_every_image_has_meaningful_alt_text():
    missing = []
    for page in pages():
        for image in parsed(page).images:
            alt = (image.get("alt") or "").strip()
            if len(alt) < 15 or alt.startswith("<") or "Figure size" in alt:
                missing.append(f"{page.relative_to(SITE)}: {image.get('src')} alt={alt!r}")
    assert not missing, "images without meaningful alt text:\n" + "\n".join(missing)


def test_figures_have_an_opaque_background_for_dark_mode():
    from PIL import Image

    transparent = []
    for png in sorted((SITE / "_images").glob("*.png")) if (SITE / "_images").is_dir() else []:
        with Image.open(png) as image:
            if image.mode in ("RGBA", "LA") and image.getchannel("A").getextrema()[0] < 255:
                transparent.append(png.name)
    assert not transparent, "figures with transparent pixels:\n" + "\n".join(transparent)


def test_a_light_and_a_dark_screenshot_of_every_chapter_page():
    browsed()
    for page in chapter_pages():
        name = "_".join(page.relative_to(SITE).with_suffix("").parts[1:])
        for mode in ("light", "dark"):
            shot = SCREENSHOTS / f"{name}-{mode}.png"
            assert shot.is_file() and shot.stat().st_size > 10_000, shot
