"""Fixes and additions to the HTML that Jupyter Book 1 emits.

Everything the site needs beyond the theme is wired here, once, rather than
page by page:

* one copy of every script: sphinx-thebe registers its inline configuration
  script once per ``env-before-read-docs`` event, and a Jupyter Book build
  fires that event more than once, so every page declared
  ``const THEBE_JS_URL`` twice and the browser logged a SyntaxError;
* the site's own stylesheet and script (``static/``): a visible scroll
  affordance on wide equations and code, wrapping API signatures, the
  download links, the dark-mode search highlight;
* every content image is a link to the image file, so that a reader on a
  phone can open a figure at full size with a tap;
* the download menu offers the archive of all notebooks (``archive.py``);
* every notebook page says once, below its title, that its numbers are
  computed and checked, and where the collapsed checks are (``checks_note.py``);
* interactive figures (``interactive.py``): plotly outputs drawn by the
  site's own plotly.js, loaded only on the pages that have one;
* search: pages whose title matches the query rank first
  (``search_scorer.js``), and the search page has one search field;
* the PDF edition (``make pdf``): what the LaTeX builder needs to print the
  book as a book (``latex.py``), and the site's links to the PDF
  (``pdf_link.py``).
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.util.osutil import relative_uri

from . import archive, checks_note, interactive, latex, pdf_link

STATIC = Path(__file__).resolve().parent / "static"


def _unique_scripts(app: Any, pagename: str, templatename: str, context: dict,
                    doctree: Any) -> None:
    scripts = context.get("script_files")
    if not scripts:
        return
    seen: set[tuple[str, str]] = set()
    unique = []
    for script in scripts:
        # The two copies differ only in filename None versus "": compare the
        # normalised filename and the attributes (which hold the body).
        filename = getattr(script, "filename", script) or ""
        attributes = getattr(script, "attributes", {}) or {}
        key = (str(filename), repr(sorted(attributes.items())))
        if key not in seen:
            seen.add(key)
            unique.append(script)
    context["script_files"] = unique


def _configure(app: Any, config: Any) -> None:
    config.html_static_path.append(str(STATIC))
    if not config.html_search_scorer:
        config.html_search_scorer = str(STATIC.parent / "search_scorer.js")


def _image_candidate(image: nodes.image, builder: Any) -> str | None:
    """The file the builder will copy for this image (as its post-processing picks it)."""
    candidates = image.get("candidates", {})
    if "?" in candidates:  # a remote image: leave it alone
        return None
    if "*" in candidates:
        return image["uri"]
    for mimetype in builder.supported_image_types:
        if mimetype in candidates:
            return candidates[mimetype]
    return None


def _link_images_to_full_size(app: Any, doctree: nodes.document, docname: str) -> None:
    """Wrap every image that is not already a link in a link to its file.

    Sphinx does this itself only for images given a width or scale
    (``html_scaled_image_link``); notebook figures have neither, yet on a
    phone they are shrunk to the column.
    """
    builder = app.builder
    if builder.format != "html" or not hasattr(builder, "imagedir"):
        return
    imgpath = relative_uri(builder.get_target_uri(docname), builder.imagedir)
    for image in list(doctree.findall(nodes.image)):
        if isinstance(image.parent, nodes.reference):
            continue
        candidate = _image_candidate(image, builder)
        if candidate is None or candidate not in app.env.images:
            continue
        link = nodes.reference(
            "", "", internal=True,
            refuri=posixpath.join(imgpath, app.env.images[candidate][1]),
            reftitle="Open the figure at full size",
            classes=["image-reference", "full-size-image"])
        image.replace_self(link)
        link.append(image)


def _one_search_field_on_the_search_page(app: Any, pagename: str, templatename: str,
                                         context: dict, doctree: Any) -> None:
    # The search page has its own field; the sidebar's would be a second one.
    if pagename == "search" and context.get("sidebars"):
        context["sidebars"] = [name for name in context["sidebars"]
                               if name != "search-button-field.html"]


def setup(app: Any) -> dict[str, Any]:
    app.connect("config-inited", _configure)
    app.add_css_file("site.css")
    app.add_js_file("site.js", loading_method="defer")
    app.connect("doctree-resolved", _link_images_to_full_size)
    app.connect("html-page-context", _unique_scripts, priority=900)
    app.connect("html-page-context", _one_search_field_on_the_search_page)
    archive.setup(app)
    checks_note.setup(app)
    interactive.setup(app)
    latex.setup(app)
    pdf_link.setup(app)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
