"""One sentence at the top of every notebook page: its numbers are computed and checked.

The pages keep their checks (asserts, and the glue calls that carry computed
numbers into the prose) in collapsed cells labelled "Checks", so the reading
flow shows only the code a reader would write. This note, added once per
notebook page below its title, tells the reader that and how to see them,
without every page repeating the sentence in its source.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes

NOTE = ("Every number in this page's text is computed by its code and checked each time the "
        "book is built and tested. The checks (the asserts, and the glue that carries each number "
        "into the text) sit in collapsed cells: open a “Checks” toggle to see them, or run the "
        "notebook yourself.")


def _add_note(app: Any, doctree: nodes.document) -> None:
    if not str(app.env.doc2path(app.env.docname)).endswith(".ipynb"):
        return
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None or not section.children or not isinstance(section[0], nodes.title):
        return
    paragraph = nodes.paragraph(classes=["checks-note"])
    paragraph += nodes.emphasis(text=NOTE)
    section.insert(1, paragraph)


def setup(app: Any) -> dict[str, Any]:
    app.connect("doctree-read", _add_note)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
