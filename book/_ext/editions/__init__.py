"""The English and Korean editions of the site, side by side.

Both builds load this extension (the English ``_config.yml`` names it; the
Korean project's, written by ``i18n/generate.py``, too). It tells the two
apart by ``language``:

* every page of both editions starts with a language switch, "한국어 /
  English", whose link reaches the same page in the other edition by a
  relative URL (the Korean site is the folder ``ko/`` of the English one, so
  the links work from ``file://`` too);
* the Korean edition: Hangul breaks between words only (``word-break:
  keep-all``) and is drawn with a Korean font the site names first (Debian's
  fonts-nanum: NanumGothic); the sentence that site_fixes adds under a
  notebook page's title, sphinx-proof's "Proof." (in the doctree, so the
  Korean PDF has it too) and the figures' link title are given in Korean;
* Korean search: Sphinx 7.4 has no Korean language, and its index holds whole
  words, so "원판" never finds "원판은". The Korean index also holds each
  Hangul word's prefixes of two syllables or more (a query word is then found
  inside its particles and endings).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.search import SearchLanguage

STATIC = Path(__file__).resolve().parent / "static"
KOREAN_FOLDER = "ko"

CHECKS_NOTE_KO = ("이 쪽 본문의 모든 수는 코드가 계산한 값이며, 책을 빌드하고 테스트할 때마다 다시 "
                  "검사됩니다. 검사(assert와, 각 수를 본문으로 옮기는 glue)는 접힌 셀에 들어 있습니다. "
                  "“검사” 토글을 열어 보거나 노트북을 직접 실행해 보세요.")

# Interface words that the extensions write into the page body in English,
# whatever the language (site_fixes' figure link title).
KOREAN_BODY_STRINGS = {
    'title="Open the figure at full size"': 'title="그림을 원래 크기로 열기"',
}

# Interface strings that the themes and myst-nb write into the page without
# a message catalog (as literal text of their templates and writers), by the
# exact HTML around them; replaced in every rendered Korean page.
KOREAN_PAGE_STRINGS = {
    # sphinx-book-theme's header buttons and landmarks
    'title="Toggle primary sidebar"': 'title="책 목차 열기/닫기"',
    'title="Toggle secondary sidebar"': 'title="이 쪽의 차례 열기/닫기"',
    '<nav class="bd-links bd-docs-nav" aria-label="Main">':
        '<nav class="bd-links bd-docs-nav" aria-label="책 목차">',
    '<nav aria-label="Page">': '<nav aria-label="이 쪽">',
    # myst-nb's collapsed cells
    '<summary aria-label="Toggle hidden content">': '<summary aria-label="숨긴 내용 펼치기/접기">',
}
# The same words where a script writes them (sphinx-togglebutton's buttons):
# static/editions-ko.js, loaded by the Korean pages only.
KOREAN_SCRIPT = "editions-ko.js"

# sphinx-proof starts every proof's text with "Proof. ", in English whatever
# the language; in the doctree, so that the site and the PDF both say "증명.".
PROOF_EN, PROOF_KO = "Proof. ", "증명. "

# Theme strings that neither Sphinx's Korean catalog nor the themes' translate
# (pydata-sphinx-theme ships no Korean) or translate badly, by message catalog. They are added to the loaded catalogs when the
# builder starts, over whatever those say.
KOREAN_THEME_STRINGS = {
    "sphinx": {
        "Skip to main content": "본문으로 건너뛰기",
        "Back to top": "맨 위로",
        "Link to this heading": "이 제목으로 가는 링크",
        "Link to this equation": "이 식으로 가는 링크",
        "Link to this image": "이 그림으로 가는 링크",
        "Link to this definition": "이 정의로 가는 링크",
        "Link to this term": "이 용어로 가는 링크",
        "previous page": "이전 쪽",
        "next page": "다음 쪽",
        "Color mode": "색 모드",
        "Light": "밝게",
        "Dark": "어둡게",
        "System Settings": "시스템 설정",
        # pydata-sphinx-theme's
        "Version warning": "버전 경고",
        "© Copyright %(copyright)s.": "저작권 © %(copyright)s.",
        # (its search page's; Sphinx's Korean has it with another line break)
        "Please activate JavaScript to enable the search functionality.":
            "검색 기능을 쓰려면 브라우저에서 JavaScript를 켜 주세요.",
    },
    # sphinx-book-theme's Korean catalog: "By" is "으로", "Contents" "내용",
    # "Fullscreen mode" "전체 화면으로보기", and "page" is "페이지" where this
    # edition says "쪽".
    "booktheme": {
        "By": "지은이:",
        "Contents": "차례",
        "Fullscreen mode": "전체 화면",
        "Download this page": "이 쪽 내려받기",
        "Download source file": "원본 파일 내려받기",
        "Download notebook file": "노트북 파일 내려받기",
        "previous page": "이전 쪽",
        "next page": "다음 쪽",
    },
}

_HANGUL_WORD = re.compile(r"[\uac00-\ud7a3]{3,}")


class SearchKorean(SearchLanguage):
    """Whole words as Sphinx splits them, plus every Hangul word's prefixes.

    A Korean word carries its particles and endings ("원판은", "원판의"): the
    prefixes of two syllables or more put "원판" in the index as well. The
    JavaScript side needs nothing new: query words are looked up as typed
    (the base class's stemmer leaves them unchanged).
    """

    lang = "ko"
    language_name = "Korean"

    def split(self, input: str) -> list[str]:
        words = super().split(input)
        extra = [match[:n] for word in words for match in _HANGUL_WORD.findall(word)
                 for n in range(2, len(match))]
        return words + extra


def _depth(pagename: str) -> int:
    return pagename.count("/")


def other_edition_url(pagename: str, language: str) -> str:
    """The relative URL of this page in the other edition."""
    up = "../" * _depth(pagename)
    if language == "ko":
        return f"{up}../{pagename}.html"
    return f"{up}{KOREAN_FOLDER}/{pagename}.html"


def _language_switch(app: Any, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    if app.builder.format != "html" or "body" not in context:
        return
    korean = app.config.language == "ko"
    other = other_edition_url(pagename, "ko" if korean else "en")
    if korean:
        inner = (f'<span class="edition-current" lang="ko" aria-current="true">한국어</span> / '
                 f'<a class="edition-other" lang="en" hreflang="en" href="{other}">English</a>')
    else:
        inner = (f'<a class="edition-other" lang="ko" hreflang="ko" href="{other}">한국어</a> / '
                 f'<span class="edition-current" lang="en" aria-current="true">English</span>')
    label = "언어" if korean else "Language"
    body = context["body"]
    if korean:
        for english, hangul in KOREAN_BODY_STRINGS.items():
            body = body.replace(english, hangul)
    context["body"] = f'<nav class="edition-switch" aria-label="{label}">{inner}</nav>\n' + body


def _korean_page_strings(app: Any) -> None:
    """Translate KOREAN_PAGE_STRINGS in every page the Korean HTML builder renders."""
    if app.config.language != "ko" or app.builder.format != "html":
        return
    templates = app.builder.templates
    render = templates.render

    def render_korean(template: str, context: dict) -> str:
        page = render(template, context)
        for english, hangul in KOREAN_PAGE_STRINGS.items():
            page = page.replace(english, hangul)
        return page

    templates.render = render_korean


def _korean_checks_note(app: Any, doctree: nodes.document) -> None:
    if app.config.language != "ko":
        return
    for paragraph in doctree.findall(nodes.paragraph):
        if "checks-note" in paragraph.get("classes", []):
            paragraph.children = []
            paragraph += nodes.emphasis(text=CHECKS_NOTE_KO)


def _korean_proofs(app: Any, doctree: nodes.document) -> None:
    if app.config.language != "ko":
        return
    for admonition in doctree.findall(nodes.admonition):
        if "proof" not in admonition.get("classes", []):
            continue
        paragraph = next(iter(admonition.findall(nodes.paragraph)), None)
        first = next(iter(paragraph.findall(nodes.Text)), None) if paragraph is not None else None
        if first is not None and str(first).startswith(PROOF_EN):
            first.parent.replace(first, nodes.Text(PROOF_KO + str(first)[len(PROOF_EN):]))


def _korean_theme_strings(app: Any) -> None:
    if app.config.language != "ko":
        return
    from sphinx import locale
    for catalog, strings in KOREAN_THEME_STRINGS.items():
        translator = locale.translators.get(("general", catalog))
        if translator is not None and hasattr(translator, "_catalog"):
            translator._catalog.update(strings)


def _configure(app: Any, config: Any) -> None:
    config.html_static_path.append(str(STATIC))
    if config.language == "ko":
        # After sphinx-togglebutton's script: its DOMContentLoaded handler runs first.
        app.add_js_file(KOREAN_SCRIPT)


def setup(app: Any) -> dict[str, Any]:
    app.add_search_language(SearchKorean)
    app.connect("config-inited", _configure)
    app.add_css_file("editions.css")
    app.connect("html-page-context", _language_switch)
    app.connect("builder-inited", _korean_theme_strings)
    app.connect("builder-inited", _korean_page_strings)
    # After site_fixes' checks_note (priority 500) has added its sentence.
    app.connect("doctree-read", _korean_checks_note, priority=600)
    app.connect("doctree-read", _korean_proofs)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
