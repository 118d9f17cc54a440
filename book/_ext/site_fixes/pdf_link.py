"""The site's links to the PDF edition, once ``make pdf`` has built it.

``make pdf`` writes ``_build/latex/book.pdf`` and then builds the site again
(from Jupyter Book's cache: nothing is executed). An HTML build that finds
the PDF copies it into the site as ``vector-calculus.pdf``, offers it in every
page's download menu, and fills the ``{pdf-edition}`` directive (on the
introduction) with a sentence linking it. Without the PDF the site has no
link to it, and the directive renders nothing: a link that resolves or none.

Whether the PDF exists is a configuration value with "html" rebuild, so that
its appearance rewrites every page (the menu is on each) without re-reading
any.

The Korean edition does the same with the Korean PDF: ``make ko-pdf`` writes
``_build/ko_latex/book.pdf`` and rebuilds the Korean site, whose project
(``i18n/generate.py``) names that file in ``book_pdf_file``; the sentence and
the menu entry are then in Korean.
"""

from __future__ import annotations

import posixpath
import shutil
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

logger = logging.getLogger(__name__)

SITE_NAME = "vector-calculus.pdf"

# The sentence on the introduction and the download menu's entry, by language.
TEXTS = {
    "en": {
        "before": "The whole book is also one PDF, to print and annotate: ",
        "link": "download the book as a PDF",
        "after": ". Every page's download menu offers it too.",
        "menu": "the whole book (.pdf)",
        "tooltip": "The whole book as one PDF, to print or annotate",
    },
    "ko": {
        "before": "책 전체를 PDF 파일 하나로도 받을 수 있습니다. 인쇄하거나 메모하며 읽기에 좋습니다: ",
        "link": "책 전체를 PDF로 받기",
        "after": ". 모든 쪽의 내려받기 메뉴에서도 받을 수 있습니다.",
        "menu": "책 전체 (.pdf)",
        "tooltip": "책 전체를 PDF 파일 하나로: 인쇄하거나 메모하며 읽기",
    },
}


def _texts(app: Any) -> dict[str, str]:
    return TEXTS.get(app.config.language, TEXTS["en"])


class pdf_edition(nodes.General, nodes.Element):
    """Where the sentence linking the PDF goes (filled when the page is written)."""


def _built_pdf(app: Any) -> Path:
    if app.config.book_pdf_file:
        return Path(app.config.book_pdf_file)
    # Jupyter Book writes the HTML to _build/html and the LaTeX to _build/latex.
    return Path(app.outdir).parent / "latex" / "book.pdf"


def _note_pdf(app: Any, config: Any) -> None:
    config.book_pdf = "built" if _built_pdf(app).is_file() else ""


class PdfEditionDirective(SphinxDirective):
    """``{pdf-edition}``: a paragraph linking the PDF, if it was built."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        return [pdf_edition()]


def _fill(app: Any, doctree: nodes.document, docname: str) -> None:
    for placeholder in list(doctree.findall(pdf_edition)):
        if app.builder.format != "html" or not app.config.book_pdf:
            placeholder.parent.remove(placeholder)
            continue
        texts = _texts(app)
        paragraph = nodes.paragraph()
        paragraph += nodes.Text(texts["before"])
        paragraph += nodes.reference("", texts["link"], internal=True,
                                     refuri=_relative_url(app, docname),
                                     classes=["book-pdf"])
        paragraph += nodes.Text(texts["after"])
        placeholder.replace_self(paragraph)


def _relative_url(app: Any, docname: str) -> str:
    page = app.builder.get_target_uri(docname)
    return posixpath.relpath(SITE_NAME, posixpath.dirname(page) or ".")


def _download_menu_entry(app: Any, pagename: str, templatename: str, context: dict,
                         doctree: Any) -> None:
    if not app.config.book_pdf:
        return
    for group in context.get("header_buttons", []):
        if group.get("label") == "download-buttons":
            group["buttons"].insert(len(group["buttons"]) - 1, {
                "type": "link",
                "url": posixpath.relpath(SITE_NAME, posixpath.dirname(pagename) or "."),
                "text": _texts(app)["menu"],
                "tooltip": _texts(app)["tooltip"],
                "icon": "fas fa-book",
                "label": "download-book-pdf-button",
            })


def _copy_pdf(app: Any, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html" or not app.config.book_pdf:
        return
    shutil.copyfile(_built_pdf(app), Path(app.outdir) / SITE_NAME)
    logger.info("PDF edition: %s", Path(app.outdir) / SITE_NAME)


def setup(app: Any) -> None:
    app.add_config_value("book_pdf", "", "html")
    # The built PDF to link, if not _build/latex/book.pdf beside _build/html.
    app.add_config_value("book_pdf_file", "", "html")
    app.add_node(pdf_edition, html=(lambda self, node: None, lambda self, node: None),
                 latex=(lambda self, node: None, lambda self, node: None))
    app.add_directive("pdf-edition", PdfEditionDirective)
    app.connect("config-inited", _note_pdf)
    app.connect("doctree-resolved", _fill)
    # After archive.py's entry (600), before the print button.
    app.connect("html-page-context", _download_menu_entry, priority=601)
    app.connect("build-finished", _copy_pdf)
