"""Small fixes to the HTML that Jupyter Book 1 emits.

sphinx-thebe registers its inline configuration script once per
``env-before-read-docs`` event, and a Jupyter Book build fires that event
more than once, so every page declared ``const THEBE_JS_URL`` twice and the
browser logged a SyntaxError. Here each page keeps one copy of every script.
"""

from __future__ import annotations

from typing import Any


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


def setup(app: Any) -> dict[str, Any]:
    app.connect("html-page-context", _unique_scripts, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
