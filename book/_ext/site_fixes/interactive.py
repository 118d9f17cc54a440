"""Interactive figures on the site: plotly outputs drawn by the site's own plotly.js.

A page's interactive figure is one notebook output holding plotly's JSON
(``application/vnd.plotly.v1+json``) and a static PNG (see
``companion.plotting.interactive``). Here:

* :class:`PlotlyOutput` is a myst-nb mime renderer (registered as an entry
  point in ``pyproject.toml``, the only way myst-nb finds one): it turns the
  JSON into a ``div`` for the figure and the JSON itself in a
  ``<script type="application/json">``, which ``static/interactive.js``
  draws. In HTML it ranks above the PNG; other builders (the PDF) keep the PNG.
* :class:`KeepStaticPicture` keeps the PNG in the page as well, inside the
  figure's ``div``: it is what a reader sees until plotly has drawn, and where
  scripts do not run.
* plotly.js, copied from the pinned plotly package into ``_vendor/plotly`` at
  set-up (never from a CDN), and ``interactive.js`` are added only to the
  pages that have such a figure: 4.8 MB that the other pages never load.
"""

from __future__ import annotations

import html
import json
from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

MIME = "application/vnd.plotly.v1+json"
MARKER = "cv-interactive"
PLOTLY_JS = "plotly/plotly.min.js"


def _alt_text(metadata: dict) -> str:
    return str(metadata.get("mystnb", {}).get("image", {}).get("alt", ""))


class PlotlyOutput:
    """myst-nb mime renderer for plotly's JSON (HTML only)."""

    # Above text/html (30) and the images (40-60) in HTML; absent elsewhere,
    # so the LaTeX builder picks the PNG.
    mime_priority_overrides = [("html", MIME, 25), ("dirhtml", MIME, 25),
                               ("singlehtml", MIME, 25)]

    @staticmethod
    def handle_mime(renderer: Any, data: Any, inline: bool) -> list[nodes.Element] | None:
        if data.mime_type != MIME or inline:
            return None
        name = str(data.output_metadata.get(MIME, {}).get("name", ""))
        if not name:
            renderer.logger.warning(
                "a plotly output without a name: make it with companion.plotting.interactive",
                subtype="plotly", line=data.line)
            return []
        figure_id = f"cv-fig-{name}"
        # "</" may not appear inside a script element; JSON allows "<\/".
        payload = json.dumps(data.content, separators=(",", ":")).replace("</", "<\\/")
        alt = _alt_text(data.cell_metadata)
        label = f' role="img" aria-label="{html.escape(alt, quote=True)}"' if alt else ""
        markup = (f'<div class="{MARKER}" id="{figure_id}"{label}></div>\n'
                  f'<script type="application/json" class="{MARKER}-data" '
                  f'data-for="{figure_id}">{payload}</script>\n')
        return [nodes.raw(text=markup, format="html", classes=["output", f"{MARKER}-output"])]


class KeepStaticPicture(SphinxPostTransform):
    """In HTML, keep a plotly output's PNG next to the figure as its static picture."""

    default_priority = 3  # before myst-nb's SelectMimeType (4) drops the PNG
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        for bundle in list(self.document.findall(nodes.container)):
            if bundle.get("nb_element") != "mime_bundle":
                continue
            by_type = {child.get("mime_type"): child for child in bundle.children}
            plotly, png = by_type.get(MIME), by_type.get("image/png")
            if plotly is None or png is None:
                continue
            for image in list(png.findall(nodes.image)):
                image["classes"] = [*image.get("classes", []), f"{MARKER}-static"]
                plotly.append(image.deepcopy())


def _add_scripts(app: Any, pagename: str, templatename: str, context: dict,
                 doctree: Any) -> None:
    if doctree is None or f'class="{MARKER}"' not in context.get("body", ""):
        return
    # Added here, Sphinx puts them on this page only; "defer" keeps their
    # order (plotly.js first) and runs them once the page is parsed.
    app.add_js_file(PLOTLY_JS, loading_method="defer")
    app.add_js_file("interactive.js", loading_method="defer")


def setup(app: Any) -> None:
    app.add_post_transform(KeepStaticPicture)
    app.connect("html-page-context", _add_scripts)
