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

Read the way a reader does, on a laptop (1280 x 900) and a phone (390 x 844):

* on the phone, on every page, tapping the visible menu button puts the
  chapter list on screen, and the "on this page" button opens the page's
  contents; the page never scrolls sideways, and every display equation
  wider than the screen scrolls in its own box and shows that it does;
* every content figure is a link to its image file (a tap opens it at full
  size), and a tap on one really opens the image;
* the laptop layout has one search field, and its menu button collapses the
  sidebar; searching "Jacobian" puts a page with that word in its title
  first; the search highlight has a contrast of at least 4.5:1 in both modes;
* a page's ".ipynb" link downloads the notebook, and the archive of all
  notebooks is complete (unpacked, it holds every notebook of the table of
  contents, ``companion`` imports from it, and its README gives the commands).

Interactive figures (plotly, ``site_fixes/interactive.py``): every one is
drawn, in light and dark mode, at both widths, with no script error, its
frames play, plotly.js comes from the site and only on the pages that need
it, and no page carries more than 1 MB of figure data. Each is
screenshotted at both widths in both modes.

One screenshot per chapter page, in light and in dark mode, is written to
``_build/screenshots/`` for a person to review, and on the phone three pages
in both modes and one with the menu open.
"""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import subprocess
import sys
import threading
import zipfile
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
LAPTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
# Phone screenshots (light and dark) for a person to look at.
PHONE_SHOTS = ("book/intro.html", "book/derivatives/gradient_descent.html",
               "book/reference/api.html")
ARCHIVE = "vector-calculus-notebooks.zip"
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".svg", ".gif", ".webp"}


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


def browsed_pages() -> list[Path]:
    """The pages opened in Chromium: every English page, and the Korean pages
    that have some translated text (the rest are the English pages' HTML in
    the Korean site's frame: opening them all again cost 220 s here). Every
    Korean page still gets the static checks (links, anchors, alt text,
    resources from other hosts), which read files and cost little."""
    sys.path.insert(0, str(ROOT))
    from i18n.core import load_translations

    def translated(page: Path) -> bool:
        source = page.relative_to(SITE / "ko").with_suffix("")
        return any((entry.get("ko") or "").strip()
                   for suffix in (".ipynb", ".md")
                   for entry in load_translations(source.with_suffix(suffix)).values())

    korean = SITE / "ko"
    return [p for p in pages() if not p.is_relative_to(korean)
            or p.relative_to(korean).parts[0] != "book" or translated(p)]


class _Page(HTMLParser):
    """What the static checks need from one HTML file."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.resources: list[str] = []
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.images: list[dict[str, str | None]] = []
        self.math = 0
        self.interactive: list[str] = []
        self._open_links: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "script" and a.get("src"):
            self.resources.append(a["src"])
        if tag == "link" and "stylesheet" in (a.get("rel") or "") and a.get("href"):
            self.resources.append(a["href"])
        if tag == "a":
            self._open_links.append(a.get("href"))
            if a.get("href"):
                self.links.append(a["href"])
        if tag == "img":
            # The innermost link around the image, if any.
            self.images.append({**a, "link": self._open_links[-1] if self._open_links else None})
        if tag == "div" and "cv-interactive" in (a.get("class") or "").split():
            self.interactive.append(a.get("id") or "")
        if tag in ("span", "div") and "math" in (a.get("class") or "").split():
            self.math += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._open_links:
            self._open_links.pop()


@lru_cache(maxsize=None)
def parsed(page: Path) -> _Page:
    parser = _Page()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def is_external(url: str) -> bool:
    return bool(re.match(r"^(https?:)?//", url.strip(), re.IGNORECASE))


def name_of(page: Path) -> str:
    return "_".join(page.relative_to(SITE).with_suffix("").parts[1:]) or page.stem


def await_mathjax(page) -> None:
    # MathJax typesets asynchronously; its startup promise settles when done.
    page.evaluate("""async () => {
        if (window.MathJax && MathJax.startup && MathJax.startup.promise) {
            await MathJax.startup.promise; }
    }""")


def set_dark_mode(page) -> None:
    page.evaluate("""() => { document.documentElement.dataset.mode = 'dark';
                             document.documentElement.dataset.theme = 'dark'; }""")
    page.wait_for_timeout(100)


# Visible search fields: the sidebar's button-field, a page's own search form
# (not the one in the theme's closed search dialog).
VISIBLE_SEARCH_FIELDS = """() => [...document.querySelectorAll('.search-button-field, form.bd-search input')]
    .filter(e => { const r = e.getBoundingClientRect();
                   return r.width > 0 && r.height > 0 && !e.closest('dialog:not([open])')
                          && getComputedStyle(e).visibility !== 'hidden'; }).length"""


# Click the first visible element that matches (the theme also has hidden
# copies of its buttons); return how many are visible. A click in the page
# is what a tap or a mouse click delivers to the theme's handlers; real
# touch taps are checked on a few pages in on_a_phone.
CLICK_VISIBLE = """selector => {
    const visible = [...document.querySelectorAll(selector)].filter(e => {
        const r = e.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility === 'visible'; });
    if (visible.length) visible[0].click();
    return visible.length; }"""
# On the phone, after a tap on the menu button: the chapter list must be in
# an open dialog, on screen and readable.
CHAPTER_LIST_ON_SCREEN = """() => {
    const nav = document.querySelector('dialog[open] nav.bd-docs-nav');
    if (!nav) return 'no open dialog with the chapter list';
    const links = [...nav.querySelectorAll('a')].filter(a => {
        const r = a.getBoundingClientRect();
        return r.width > 0 && r.left >= 0 && r.right <= innerWidth && r.top >= 0 && r.bottom <= innerHeight
               && getComputedStyle(a).visibility === 'visible'; });
    return links.length >= 5 ? 'ok' : `only ${links.length} chapter links on screen`; }"""
PAGE_CONTENTS_ON_SCREEN = """() => {
    const toc = document.querySelector('dialog#pst-secondary-sidebar-modal[open]');
    if (!toc) return 'no open dialog with the page contents';
    const links = [...toc.querySelectorAll('a')].filter(a => {
        const r = a.getBoundingClientRect();
        return r.width > 0 && r.right <= innerWidth && r.left >= 0 && r.top < innerHeight; });
    return links.length ? 'ok' : 'no contents link on screen'; }"""
# Sideways: the page's width, and every display equation wider than its box
# must scroll in it and be marked (faded edge, position bar) by site.js.
PHONE_LAYOUT = """() => {
    const wide = [...document.querySelectorAll('mjx-container[display="true"]')]
        .filter(m => m.scrollWidth > m.clientWidth + 1);
    return {
        width: document.documentElement.scrollWidth,
        wide_equations: wide.length,
        unmarked: wide.filter(m => !['auto', 'scroll'].includes(getComputedStyle(m).overflowX)
                                   || !m.classList.contains('vc-scrollable')
                                   || !m.classList.contains('vc-more-right'))
                      .map(m => m.textContent.slice(0, 60)),
        figures: [...document.querySelectorAll('.bd-article img')].map(img => ({
            src: img.currentSrc, shown: img.getBoundingClientRect().width,
            natural: img.naturalWidth, link: img.closest('a') && img.closest('a').href })),
    }; }"""


# Interactive figures: wait (at most 20 s) until plotly has drawn every one,
# then report what each holds. A 3-D scene draws into a WebGL canvas, a 2-D
# plot into SVG (its traces are g.trace elements).
AWAIT_INTERACTIVE = """async () => {
    const all = () => [...document.querySelectorAll('div.cv-interactive')];
    for (let waited = 0; waited < 20000 && all().some(d => !d.classList.contains('cv-interactive-ready'));
         waited += 100) await new Promise(r => setTimeout(r, 100));
    return { figures: all().length,
             ready: all().filter(d => d.classList.contains('cv-interactive-ready')).length,
             drawn: all().filter(d => d.querySelector('svg.main-svg .trace, canvas')).map(d => d.id),
             static_hidden: [...document.querySelectorAll('.cv-interactive-static')].every(e => e.hidden
                              || e.closest('[hidden]')),
             plotly: [...document.scripts].filter(s => /plotly/.test(s.src)).map(s => s.src) }; }"""
# Animate every figure that has frames to its last frame: the drawn data must change
# (positions, or the values a surface is coloured by: a slider over vibration modes
# changes only the colours).
PLAY_FRAMES = """async () => {
    const played = {};
    for (const div of document.querySelectorAll('div.cv-interactive')) {
        const plot = div.querySelector('.js-plotly-plot');
        const frames = plot && plot._transitionData && plot._transitionData._frames || [];
        if (!frames.length) continue;
        const before = JSON.stringify(plot.data.map(t => [t.x, t.y, t.z, t.intensity, t.surfacecolor]));
        await Plotly.animate(plot, [frames[frames.length - 1].name],
                             {mode: 'immediate', frame: {duration: 0, redraw: true}, transition: {duration: 0}});
        played[div.id] = JSON.stringify(plot.data.map(t => [t.x, t.y, t.z, t.intensity, t.surfacecolor])) !== before;
    }
    return played; }"""
INTERACTIVE_SIZES = """() => [...document.querySelectorAll('div.cv-interactive')].map(d => {
    const r = d.getBoundingClientRect(); return {id: d.id, width: r.width, height: r.height}; })"""


def shoot_interactive(page, width: str) -> None:
    """Screenshots of each interactive figure, light and dark, for a person to look at."""
    for mode in ("light", "dark"):
        page.evaluate("""mode => { document.documentElement.dataset.mode = mode;
                                  document.documentElement.dataset.theme = mode; }""", mode)
        page.wait_for_timeout(150)
        for figure_id in page.evaluate("[...document.querySelectorAll('div.cv-interactive')].map(d => d.id)"):
            element = page.locator(f"#{figure_id}")
            element.scroll_into_view_if_needed()
            element.screenshot(path=str(SCREENSHOTS / f"interactive-{figure_id}-{width}-{mode}.png"))
    page.evaluate("""() => { document.documentElement.dataset.mode = 'light';
                             document.documentElement.dataset.theme = 'light'; }""")


def next_frame(page) -> None:
    """Let layout, resize observers and paint catch up (two animation frames)."""
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


@lru_cache(maxsize=1)
def browsed() -> dict[Path, dict]:
    """Open every page once, on the laptop layout, then narrowed to a phone.

    On the laptop: console errors, requests and math counts, the number of
    visible search fields, the notebook link's attributes, and whether the
    menu button collapses the sidebar. Narrowed to 390 x 844 (the same load,
    so MathJax typesets once): the page's width, its wide equations and
    figures, and what the menu and "on this page" buttons show. A touch
    phone is emulated in ``on_a_phone`` for a few pages.
    """
    from playwright.sync_api import sync_playwright

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    results: dict[Path, dict] = {}
    chapters = set(chapter_pages())
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport=LAPTOP)
        for page_path in browsed_pages():
            if is_redirect(page_path):
                continue  # its target is checked as a page of its own
            page = context.new_page()
            found: dict = {"errors": [], "requests": []}
            page.on("console", lambda m, f=found: f["errors"].append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e, f=found: f["errors"].append(str(e)))
            page.on("request", lambda r, f=found: f["requests"].append(r.url))
            page.goto(page_path.as_uri(), wait_until="load")
            await_mathjax(page)
            found["containers"] = page.evaluate("document.querySelectorAll('mjx-container').length")
            found["merrors"] = page.evaluate("document.querySelectorAll('mjx-merror').length")
            found["red"] = page.evaluate(
                "[...document.querySelectorAll('mjx-container [style*=\"color: red\"], "
                "mjx-container [mathcolor=\"red\"]')].length")
            found["search_fields"] = page.evaluate(VISIBLE_SEARCH_FIELDS)
            found["source_link"] = page.evaluate("""() => {
                const a = document.querySelector('a.btn-download-source-button');
                return a && {href: a.getAttribute('href'), download: a.hasAttribute('download'),
                             target: a.getAttribute('target')}; }""")
            found["interactive"] = page.evaluate(AWAIT_INTERACTIVE)
            if found["interactive"]["figures"]:
                found["interactive"]["played"] = page.evaluate(PLAY_FRAMES)
                shoot_interactive(page, "laptop")
            if page_path in chapters:
                name = name_of(page_path)
                page.screenshot(path=str(SCREENSHOTS / f"{name}-light.png"))
                set_dark_mode(page)
                page.screenshot(path=str(SCREENSHOTS / f"{name}-dark.png"))

            # The laptop's menu button folds the sidebar away (and back).
            found["menu_buttons"] = page.evaluate(CLICK_VISIBLE, ".primary-toggle")
            found["collapses"] = page.evaluate(
                "document.getElementById('pst-primary-sidebar').classList.contains('pst-sidebar-hidden')"
                " && !document.querySelector('dialog[open]')")
            page.evaluate(CLICK_VISIBLE, ".primary-toggle")

            page.set_viewport_size(PHONE)
            next_frame(page)
            phone = found["phone"] = page.evaluate(PHONE_LAYOUT)
            if found["interactive"]["figures"]:
                page.wait_for_timeout(300)  # plotly redraws on resize
                phone["interactive"] = page.evaluate(INTERACTIVE_SIZES)
                shoot_interactive(page, "phone")
            phone["menu_buttons"] = page.evaluate(CLICK_VISIBLE, ".primary-toggle")
            if phone["menu_buttons"]:
                phone["menu"] = page.evaluate(CHAPTER_LIST_ON_SCREEN)
                page.keyboard.press("Escape")
            if page.evaluate(CLICK_VISIBLE, ".secondary-toggle"):
                phone["contents"] = page.evaluate(PAGE_CONTENTS_ON_SCREEN)
                page.keyboard.press("Escape")
            page.close()
            results[page_path] = found
        browser.close()
    return results


@lru_cache(maxsize=1)
def on_a_phone() -> dict:
    """A touch phone (390 x 844), for the pages in PHONE_SHOTS.

    Screenshots in light and dark mode and with the menu open, a tap on the
    menu button, and a tap on a figure, which must open the image file.
    """
    from playwright.sync_api import sync_playwright

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    results: dict = {"menu": {}}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
        page = context.new_page()
        for rel in PHONE_SHOTS:
            page_path = SITE / rel
            name = name_of(page_path)
            page.goto(page_path.as_uri(), wait_until="load")
            await_mathjax(page)
            page.screenshot(path=str(SCREENSHOTS / f"phone-{name}-light.png"))
            page.locator(".primary-toggle").filter(visible=True).first.tap()
            results["menu"][rel] = page.evaluate(CHAPTER_LIST_ON_SCREEN)
            page.screenshot(path=str(SCREENSHOTS / f"phone-{name}-menu.png"))
            page.keyboard.press("Escape")
            page.wait_for_timeout(400)  # the sidebar slides out
            set_dark_mode(page)
            page.screenshot(path=str(SCREENSHOTS / f"phone-{name}-dark.png"))
            figure = page.locator(".bd-article img").first
            if "tapped_figure" not in results and figure.count():
                figure.scroll_into_view_if_needed()
                with page.expect_navigation():
                    figure.tap()
                results["tapped_figure"] = (rel, page.url)
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
        name = name_of(page)
        for mode in ("light", "dark"):
            shot = SCREENSHOTS / f"{name}-{mode}.png"
            assert shot.is_file() and shot.stat().st_size > 10_000, shot


# --- Reading on a phone ------------------------------------------------------

def phone_results() -> dict[Path, dict]:
    return {p: found["phone"] for p, found in browsed().items()}


def test_on_a_phone_the_menu_button_shows_the_chapter_list_on_every_page():
    problems = [f"{p.relative_to(SITE)}: {found.get('menu', 'no visible menu button')}"
                for p, found in phone_results().items()
                if found["menu_buttons"] != 1 or found.get("menu") != "ok"]
    # and with real touch taps on a touch phone
    problems += [f"{rel} (tap): {result}" for rel, result in on_a_phone()["menu"].items() if result != "ok"]
    assert not problems, "menu on the phone:\n" + "\n".join(problems)


def test_on_a_phone_the_contents_button_shows_the_page_contents():
    tried = {p: found["contents"] for p, found in phone_results().items() if "contents" in found}
    assert len(tried) >= 20, f"only {len(tried)} pages have a visible 'on this page' button"
    problems = [f"{p.relative_to(SITE)}: {result}" for p, result in tried.items() if result != "ok"]
    assert not problems, "'on this page' on the phone:\n" + "\n".join(problems)


def test_on_a_phone_no_page_scrolls_sideways():
    wide = [f"{p.relative_to(SITE)}: {found['width']} px"
            for p, found in phone_results().items() if found["width"] > PHONE["width"]]
    assert not wide, f"pages wider than the {PHONE['width']} px screen:\n" + "\n".join(wide)


def test_on_a_phone_wide_equations_scroll_in_their_own_box_and_show_it():
    results = phone_results()
    assert sum(found["wide_equations"] for found in results.values()) >= 1, \
        "no display equation is wider than a phone: the check checks nothing"
    problems = [f"{p.relative_to(SITE)}: {text!r}" for p, found in results.items()
                for text in found["unmarked"]]
    assert not problems, "wide equations without a scroll affordance:\n" + "\n".join(problems)


def test_every_content_figure_is_a_link_to_its_image_file():
    problems = []
    figures = 0
    for page in pages():
        for image in parsed(page).images:
            figures += 1
            src, link = image.get("src") or "", image.get("link")
            if not link:
                problems.append(f"{page.relative_to(SITE)}: {src} is not a link")
                continue
            target = (page.parent / unquote(urlsplit(link).path)).resolve()
            if target.suffix.lower() not in IMAGE_SUFFIXES or not target.is_file():
                problems.append(f"{page.relative_to(SITE)}: {src} links to {link}, not an image file")
            elif target != (page.parent / unquote(urlsplit(src).path)).resolve():
                problems.append(f"{page.relative_to(SITE)}: {src} links to another image, {link}")
    assert figures >= 10, f"only {figures} figures found"
    assert not problems, "figures a reader cannot open at full size:\n" + "\n".join(problems)


def test_on_a_phone_a_tap_on_a_figure_opens_it_at_full_size():
    results = on_a_phone()
    figures = [figure for found in phone_results().values() for figure in found["figures"]]
    assert figures and "tapped_figure" in results
    page, url = results["tapped_figure"]
    assert urlsplit(url).path.endswith(".png"), f"a tap on the first figure of {page} opened {url}"
    # The file opened is the figure itself, at its full width.
    shrunk = [f for f in figures if f["link"] != f["src"] or f["natural"] < f["shown"]]
    assert not shrunk, shrunk[:3]


# --- Interactive figures ---------------------------------------------------------

def interactive_pages() -> dict[Path, dict]:
    return {p: found["interactive"] for p, found in browsed().items() if found["interactive"]["figures"]}


def test_every_interactive_figure_is_drawn_and_replaces_its_static_picture():
    results = interactive_pages()
    figures = sum(found["figures"] for found in results.values())
    assert figures >= 10, f"only {figures} interactive figures in the book"
    problems = [f"{p.relative_to(SITE)}: {found}" for p, found in results.items()
                if not found["ready"] == len(found["drawn"]) == found["figures"]
                or not found["static_hidden"]]
    assert not problems, "interactive figures not drawn:\n" + "\n".join(problems)


def test_the_frames_of_every_moving_figure_play():
    played = {f"{p.relative_to(SITE)}#{name}": changed
              for p, found in interactive_pages().items() for name, changed in found["played"].items()}
    assert len(played) >= 5, f"only {len(played)} interactive figures have frames"
    assert all(played.values()), f"frames that change nothing: {[k for k, v in played.items() if not v]}"


def test_on_a_phone_interactive_figures_fit_the_screen():
    sizes = [size for p in interactive_pages() for size in browsed()[p]["phone"]["interactive"]]
    bad = [s for s in sizes if not (200 <= s["width"] <= PHONE["width"] and s["height"] >= 200)]
    assert sizes and not bad, f"interactive figures that do not fit a phone: {bad}"


def test_plotly_js_is_served_by_the_site_and_only_where_a_figure_needs_it():
    assert (SITE / "_static" / "plotly" / "plotly.min.js").is_file()
    problems = []
    for page in pages():
        scripts = [url for url in parsed(page).resources if "plotly" in url]
        has_figure = bool(parsed(page).interactive)
        if has_figure != bool(scripts):
            problems.append(f"{page.relative_to(SITE)}: figure {has_figure}, plotly.js {scripts}")
        problems += [f"{page.relative_to(SITE)}: {url}" for url in scripts
                     if is_external(url) or "_static/plotly/plotly.min.js" not in url]
    assert not problems, "\n".join(problems)


FIGURE_DATA = re.compile(r'<script type="application/json" class="cv-interactive-data"[^>]*>(.*?)</script>', re.S)


def test_no_page_carries_more_than_1_mb_of_figure_data():
    heavy = {}
    for page in pages():
        size = sum(len(m.encode("utf-8")) for m in FIGURE_DATA.findall(page.read_text(encoding="utf-8")))
        if size > 1_000_000:
            heavy[str(page.relative_to(SITE))] = size
    assert not heavy, f"pages with more than 1 MB of interactive figure data: {heavy}"


# --- The laptop layout ---------------------------------------------------------

def test_the_laptop_layout_has_one_search_field():
    problems = [f"{p.relative_to(SITE)}: {found['search_fields']}"
                for p, found in browsed().items() if found["search_fields"] != 1]
    assert not problems, "pages without exactly one visible search field:\n" + "\n".join(problems)


def test_on_the_laptop_the_menu_button_collapses_the_sidebar():
    problems = [f"{p.relative_to(SITE)}" for p, found in browsed().items()
                if found["menu_buttons"] != 1 or not found.get("collapses")]
    assert not problems, "the menu button does not collapse the sidebar:\n" + "\n".join(problems)


def test_the_notebook_download_links_download():
    links = {p: found["source_link"] for p, found in browsed().items()
             if found["source_link"] and found["source_link"]["href"].endswith(".ipynb")}
    assert len(links) >= 20, f"only {len(links)} pages offer their notebook"
    problems = [f"{p.relative_to(SITE)}: {link}" for p, link in links.items()
                if not link["download"] or link["target"]]
    assert not problems, "notebook links that open instead of downloading:\n" + "\n".join(problems)
    # Served over HTTP (file:// pages cannot force a download), a click saves the file.
    assert searched()["downloaded"].endswith(".ipynb"), searched()["downloaded"]


# --- Search --------------------------------------------------------------------

def contrast_ratio_js() -> str:
    """JS: WCAG contrast of every search highlight against its own background."""
    return """() => {
        const rgb = c => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
        const lum = c => { const [r, g, b] = rgb(c).map(v => { v /= 255;
            return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
            return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
        return [...document.querySelectorAll('span.highlighted')].map(s => {
            const [a, b] = [lum(getComputedStyle(s).color), lum(getComputedStyle(s).backgroundColor)];
            return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05); }); }"""


@lru_cache(maxsize=1)
def searched() -> dict:
    """Search for "Jacobian" (light and dark mode), and download a notebook over HTTP."""
    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(SITE)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    found: dict = {}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
            context = browser.new_context(viewport=LAPTOP, accept_downloads=True)
            page = context.new_page()
            page.goto((SITE / "search.html").as_uri() + "?q=Jacobian", wait_until="load")
            page.wait_for_selector("#search-results li", timeout=15_000)
            first = page.locator("#search-results li > a").first
            found["first"] = (first.inner_text(), first.get_attribute("href"))
            found["contrast"] = {"light": page.evaluate(contrast_ratio_js())}
            set_dark_mode(page)
            found["contrast"]["dark"] = page.evaluate(contrast_ratio_js())
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/book/jacobian/jacobian_matrix.html")
            page.click(".dropdown-download-buttons button")
            with page.expect_download(timeout=10_000) as download:
                page.click("a.btn-download-source-button")
            found["downloaded"] = download.value.suggested_filename
            browser.close()
    finally:
        server.shutdown()
    return found


def test_search_puts_a_page_whose_title_matches_first():
    title, href = searched()["first"]
    assert "jacobian" in title.lower() and "#" not in href, \
        f"first result for 'Jacobian': {title!r} ({href})"


def test_the_search_highlight_has_a_contrast_of_at_least_4_5_in_both_modes():
    for mode, ratios in searched()["contrast"].items():
        assert ratios, f"no highlighted search term in {mode} mode"
        assert min(ratios) >= 4.5, f"{mode} mode: contrast {min(ratios):.2f}:1"


# --- The archive of all notebooks ----------------------------------------------

def toc_notebooks() -> list[str]:
    """The notebooks the table of contents lists, relative to the repository."""
    # One reading of _toc.yml for the whole project: the Korean edition's.
    sys.path.insert(0, str(ROOT))
    from i18n.core import toc_pages

    return [page.as_posix() for page in toc_pages(ROOT) if page.suffix == ".ipynb"]


def test_the_notebook_archive_is_complete_and_companion_imports_from_it(tmp_path):
    archive = SITE / ARCHIVE
    assert archive.is_file(), f"{ARCHIVE} is not in the built site"
    with zipfile.ZipFile(archive) as zipped:
        zipped.extractall(tmp_path)
    (folder,) = tmp_path.iterdir()
    notebooks = toc_notebooks()
    assert len(notebooks) >= 20
    missing = [name for name in ("README.md", "requirements.txt", "pyproject.toml", *notebooks)
               if not (folder / name).is_file()]
    modules = [m.relative_to(ROOT) for m in (ROOT / "companion").rglob("*.py")]
    missing += [m.as_posix() for m in modules if not (folder / m).is_file()]
    assert not missing, f"missing from {ARCHIVE}: {missing}"
    for name in ("requirements.txt", "pyproject.toml"):
        assert (folder / name).read_bytes() == (ROOT / name).read_bytes(), f"{name} differs"
    readme = (folder / "README.md").read_text(encoding="utf-8")
    for command in ("-m venv", "pip install -r requirements.txt", "pip install -e .", "jupyter lab"):
        assert command in readme, f"the archive's README lacks {command!r}"
    run = subprocess.run(
        [sys.executable, "-c", "import sys; sys.path.insert(0, '.'); import companion, companion.calculus,"
                               " companion.plotting;"
                               " print(companion.__file__)"],
        cwd=folder, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert Path(run.stdout.strip()).resolve().is_relative_to(folder.resolve()), run.stdout


def test_the_archive_is_offered_by_the_intro_and_every_download_menu():
    def links_to_archive(page: Path) -> bool:
        return any((page.parent / unquote(urlsplit(href).path)).resolve() == (SITE / ARCHIVE).resolve()
                   for href in parsed(page).links if href.endswith(".zip"))

    assert links_to_archive(SITE / "book" / "intro.html")
    without = [p.relative_to(SITE) for p in chapter_pages() if not links_to_archive(p)]
    assert not without, f"pages whose download menu lacks the archive: {without}"


def test_every_glossary_entry_links_to_where_the_term_is_taught():
    glossary = SITE / "book" / "reference" / "glossary.html"
    html = glossary.read_text(encoding="utf-8")
    entries = re.findall(r"<dt[^>]*>(.*?)</dt>\s*<dd>(.*?)</dd>", html, re.DOTALL)
    assert len(entries) >= 20, f"only {len(entries)} glossary entries found"
    unlinked = []
    for term, definition in entries:
        chapters = [href for href in re.findall(r'href="([^"]+)"', definition)
                    if not href.startswith(("#", "http")) and "reference/" not in href]
        if not chapters:
            unlinked.append(re.sub(r"<[^>]+>", "", term).strip())
    assert not unlinked, f"glossary entries without a link to a chapter page: {unlinked}"


# --- The Korean edition (_build/html/ko, book/_ext/editions, i18n/) -------------
# The checks above open every page under _build/html, so the Korean pages are
# covered by them too (math rendered, nothing from another host, no console
# error, links and anchors resolve, alt text). What is the Korean edition's own:

KOREAN = SITE / "ko"


def _edition_switch(page: Path) -> str | None:
    match = re.search(r'<nav class="edition-switch"[^>]*>.*?<a class="edition-other"[^>]*href="([^"]+)"',
                      page.read_text(encoding="utf-8"), re.S)
    return match.group(1) if match else None


def test_the_korean_edition_has_every_english_page():
    assert KOREAN.is_dir(), f"{KOREAN} does not exist: build it (make ko-build)"
    english = {p.relative_to(SITE).as_posix() for p in chapter_pages()}
    korean = {p.relative_to(KOREAN).as_posix() for p in KOREAN.rglob("*.html")
              if p.relative_to(KOREAN).parts[0] == "book"}
    assert english <= korean, f"pages missing from the Korean edition: {sorted(english - korean)}"
    assert 'lang="ko"' in (KOREAN / "book" / "intro.html").read_text(encoding="utf-8")[:500]


def test_the_language_switch_reaches_the_same_page_in_the_other_edition_and_back():
    problems = []
    for page in chapter_pages():
        href = _edition_switch(page)
        if href is None:
            problems.append(f"{page.relative_to(SITE)}: no language switch")
            continue
        korean = (page.parent / href).resolve()
        if korean != (KOREAN / page.relative_to(SITE)).resolve() or not korean.is_file():
            problems.append(f"{page.relative_to(SITE)}: the switch leads to {href}")
            continue
        back = _edition_switch(korean)
        if back is None or (korean.parent / back).resolve() != page.resolve():
            problems.append(f"{korean.relative_to(SITE)}: the switch back leads to {back}")
    assert not problems, "\n".join(problems)


@lru_cache(maxsize=1)
def korean_in_the_browser() -> dict:
    """The fonts Chromium really draws Hangul with, and a Korean search, from file://."""
    from playwright.sync_api import sync_playwright

    found: dict = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport=LAPTOP)
        page = context.new_page()
        page.goto((KOREAN / "book" / "norms" / "index.html").as_uri(), wait_until="load")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "ko-norms_index-light.png"))
        found["word_break"] = page.evaluate(
            "getComputedStyle(document.querySelector('.bd-article p')).wordBreak")
        session = context.new_cdp_session(page)
        session.send("DOM.enable")
        session.send("CSS.enable")
        root = session.send("DOM.getDocument", {"depth": -1})["root"]
        heading = session.send("DOM.querySelector", {"nodeId": root["nodeId"], "selector": ".bd-article h1"})
        fonts = session.send("CSS.getPlatformFontsForNode", {"nodeId": heading["nodeId"]})["fonts"]
        found["fonts"] = {font["familyName"]: font["glyphCount"] for font in fonts}
        page.goto((KOREAN / "search.html").as_uri() + "?q=빗변", wait_until="load")
        page.wait_for_selector("#search-results li", timeout=15_000)
        found["search"] = page.eval_on_selector_all("#search-results li > a", "els => els.map(a => a.href)")
        browser.close()
    return found


def test_hangul_is_drawn_with_a_korean_font_and_breaks_between_words():
    found = korean_in_the_browser()
    korean_fonts = {name for name in found["fonts"] if "nanum" in name.lower() or "cjk kr" in name.lower()}
    assert korean_fonts, f"the Korean heading is drawn with {found['fonts']} (is fonts-nanum installed?)"
    assert found["word_break"] == "keep-all"


def test_korean_search_finds_a_word_inside_its_particles():
    # The dot product's page has "빗변입니다" ("is the hypotenuse"), never "빗변" alone.
    results = korean_in_the_browser()["search"]
    assert any("book/norms/dot_product" in url for url in results), f"'빗변' found {results}"


# The interface around the text: every string the theme, Sphinx, myst-nb,
# sphinx-togglebutton, sphinx-proof, sphinx-exercise and site_fixes write in
# English, as it appears in the English pages' HTML. None may be left on a
# Korean page (book/_ext/editions, i18n/ko/_interface.yml, site_fixes by
# language translate them). Each must still be found in the English site, so
# that a renamed string upstream shows here rather than passing unnoticed.
ENGLISH_INTERFACE_STRINGS = (
    # sphinx-book-theme / pydata-sphinx-theme: header, sidebars, footer
    'title="Toggle primary sidebar"', 'title="Toggle secondary sidebar"',
    'aria-label="Main"', '<nav aria-label="Page">', 'aria-label="Version warning"',
    "Skip to main content", "Back to top", "© Copyright",
    'title="previous page"', 'title="next page"', '"prev-next-subtitle">previous<',
    '"prev-next-subtitle">next<',
    "<h2> Contents </h2>", "</i> Contents", 'title="Color mode"', "System Settings",
    'aria-label="Search"', 'aria-label="Download this page"', 'title="Fullscreen mode"',
    'title="Print to PDF"', 'title="Download source file"',
    # Sphinx's permalinks
    'title="Link to this heading"', 'title="Link to this definition"', 'title="Link to this term"',
    # myst-nb's and sphinx-togglebutton's collapsed content
    'aria-label="Toggle hidden content"', "Click to show", "Click to hide",
    # the search page without JavaScript
    "Please activate JavaScript to enable the search functionality.",
    # sphinx-proof and sphinx-exercise
    'caption-number">Theorem ', 'caption-number">Definition ', 'caption-number">Algorithm ',
    'caption-number">Exercise ', 'admonition-title">Solution', "<p>Proof. ",
    # site_fixes: the notebook archive, the figure link, the checks' note
    "all notebooks (.zip)", "Every notebook with the companion package",
    'title="Open the figure at full size"', "Every number in this page's text",
)
# Only there when make pdf / make ko-pdf has built the PDF.
ENGLISH_PDF_STRINGS = ("the whole book (.pdf)", "download the book as a PDF")


def test_no_english_interface_string_is_left_on_a_korean_page():
    english_pages = chapter_pages() + [SITE / "search.html", SITE / "genindex.html"]
    english_site = "\n".join(page.read_text(encoding="utf-8") for page in english_pages)
    checked = ENGLISH_INTERFACE_STRINGS + tuple(s for s in ENGLISH_PDF_STRINGS if s in english_site)
    gone = [string for string in ENGLISH_INTERFACE_STRINGS if string not in english_site]
    assert not gone, f"no longer in the English pages (update this list): {gone}"
    left: dict[str, list[str]] = {}
    for page in KOREAN.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for string in checked:
            if string in html:
                left.setdefault(string, []).append(page.relative_to(KOREAN).as_posix())
    assert not left, "English interface strings on Korean pages:\n" + "\n".join(
        f"{string!r}: {len(where)} pages, e.g. {where[:3]}" for string, where in left.items())


def test_korean_pages_relabel_what_scripts_write():
    # sphinx-togglebutton labels its buttons in its script: editions-ko.js relabels them.
    script = KOREAN / "_static" / "editions-ko.js"
    assert "숨긴 내용 펼치기/접기" in script.read_text(encoding="utf-8")
    without = [p.relative_to(KOREAN).as_posix() for p in KOREAN.rglob("*.html")
               if "editions-ko.js" not in p.read_text(encoding="utf-8")
               and "togglebutton.js" in p.read_text(encoding="utf-8")]
    assert not without, f"Korean pages without editions-ko.js: {without[:5]}"
    english = (SITE / "book" / "intro.html").read_text(encoding="utf-8")
    assert "editions-ko.js" not in english
