"""One archive with everything needed to run the book's notebooks offline.

At the end of every HTML build, ``vector-calculus-notebooks.zip`` is written
into the site's root. It holds, under one folder of the same name, every
notebook of the table of contents (in its ``book/`` folder), the ``companion``
package, ``pyproject.toml``, the pinned ``requirements.txt`` and a short
README with the commands to run them. Entries carry a fixed date, so that an
unchanged book gives the same bytes.

The archive is offered in every page's download menu, and pages link to it
with the ``{notebooks-archive}`text``` role.
"""

from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxRole

logger = logging.getLogger(__name__)

NAME = "vector-calculus-notebooks"
ARCHIVE = f"{NAME}.zip"
# Files of the repository root the archive carries as they are.
PROJECT_FILES = ("pyproject.toml", "requirements.txt")
PACKAGE = "companion"
# The earliest date a zip entry can carry: a reproducible archive.
FIXED_DATE = (1980, 1, 1, 0, 0, 0)

README = """\
# {title}: the notebooks

Every page of the book is a Jupyter notebook in `book/`; they import the
small package `companion` from this folder. To run them you need Python 3.11.
In this folder (Linux and macOS; on Windows write `.venv\\Scripts\\` for
`.venv/bin/`):

```bash
# once: an environment with the pinned packages and companion
python3.11 -m venv .venv
.venv/bin/pip install -r requirements.txt && .venv/bin/pip install -e .
# then, each time: the notebooks in JupyterLab
.venv/bin/jupyter lab book
```

The set-up installs the exact versions the book was built and tested with
(`requirements.txt`) and `companion` into a virtual environment. After it,
nothing needs the network.

Notebooks:

{notebooks}
"""


def notebooks(app: Any) -> list[str]:
    """The notebooks of the table of contents, as paths relative to the project root."""
    root = Path(app.confdir)
    found = []
    for docname in sorted(app.env.found_docs):
        path = Path(app.env.doc2path(docname))
        if path.suffix == ".ipynb":
            found.append(path.resolve().relative_to(root).as_posix())
    return found


def _package_files(root: Path) -> list[str]:
    return sorted(path.relative_to(root).as_posix()
                  for path in (root / PACKAGE).rglob("*")
                  if path.is_file() and "__pycache__" not in path.parts
                  and path.suffix not in (".pyc", ".pyo"))


def _add(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(f"{NAME}/{name}", date_time=FIXED_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, data)


def write_archive(app: Any, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    root = Path(app.confdir)
    pages = notebooks(app)
    readme = README.format(title=app.config.html_title or app.config.project,
                           notebooks="\n".join(f"- `{page}`" for page in pages))
    target = Path(app.outdir) / ARCHIVE
    with zipfile.ZipFile(target, "w") as archive:
        _add(archive, "README.md", readme.encode("utf-8"))
        for name in (*PROJECT_FILES, *_package_files(root), *pages):
            _add(archive, name, (root / name).read_bytes())
    logger.info("notebook archive: %s (%d notebooks)", target, len(pages))


# The download menu's entry and its tooltip, by language (the Korean edition
# builds with language: ko).
MENU_TEXTS = {
    "en": ("all notebooks (.zip)", "Every notebook with the companion package, to run offline"),
    "ko": ("노트북 전체 (.zip)", "모든 노트북과 companion 패키지: 인터넷 없이 실행하기"),
}


def _relative_url(from_page: str, target: str = ARCHIVE) -> str:
    return posixpath.relpath(target, posixpath.dirname(from_page) or ".")


class NotebooksArchiveRole(SphinxRole):
    """``{notebooks-archive}`text```: a link to the archive of all notebooks."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        link = nodes.reference(self.rawtext, self.text, internal=True,
                               refuri=_relative_url(self.env.docname),
                               classes=["notebooks-archive"])
        return [link], []


def _download_menu_entry(app: Any, pagename: str, templatename: str, context: dict,
                         doctree: Any) -> None:
    # sphinx-book-theme fills header_buttons at priority 501; its download
    # group holds the page's source and the print button.
    for group in context.get("header_buttons", []):
        if group.get("label") == "download-buttons":
            group["buttons"].insert(len(group["buttons"]) - 1, {
                "type": "link",
                "url": _relative_url(pagename),
                "text": MENU_TEXTS.get(app.config.language, MENU_TEXTS["en"])[0],
                "tooltip": MENU_TEXTS.get(app.config.language, MENU_TEXTS["en"])[1],
                "icon": "fas fa-file-zipper",
                "label": "download-archive-button",
            })


def setup(app: Any) -> None:
    app.add_role("notebooks-archive", NotebooksArchiveRole())
    app.connect("html-page-context", _download_menu_entry, priority=600)
    app.connect("build-finished", write_archive)
