"""Helpers for the book's pages: glue computed results into the prose.

Every number or formula the prose states comes from the page's computation
through myst-nb's ``glue``; these wrappers cover the cases plain ``glue``
does not (inline math from a SymPy result).
"""

from __future__ import annotations

from typing import Any


# myst-nb finds glued values by this prefix on the output's MIME types and by
# the "scrapbook" entry of its metadata (the protocol papermill's scrapbook
# introduced). Writing those outputs directly, rather than through
# myst_nb.glue, saves every page the ~2 s that importing myst_nb.ext.glue
# costs (it pulls in nbformat and jsonschema).
GLUE_PREFIX = "application/papermill.record/"


def glue(name: str, value: Any, display: bool = False) -> None:
    """Store ``value`` under ``name`` for ``{glue}`` roles in the page's prose.

    Equivalent to ``myst_nb.glue`` (same output format), with two
    differences: hidden by default, and NumPy scalars are converted to
    Python numbers first, because since NumPy 2 their text form is
    ``np.float64(...)``, which ``{glue:text}`name:.3f``` cannot format.

    Examples
    --------
    >>> import numpy as np
    >>> glue("demo", np.float64(0.5))  # doctest: +SKIP
    """
    import numpy as np
    from IPython.core.formatters import format_display_data
    from IPython.display import display as show

    if isinstance(value, np.generic):
        value = value.item()
    bundle, metadata = format_display_data(value)
    prefix = "" if display else GLUE_PREFIX
    metadata = {**metadata, "scrapbook": {"name": name, "mime_prefix": prefix}}
    show({prefix + mime: data for mime, data in bundle.items()}, raw=True, metadata=metadata)


def glue_math(name: str, expr: Any) -> None:
    """Glue ``expr`` as inline math, for ``{glue:md}`name:myst``` in a Markdown cell.

    ``expr`` is typeset with :func:`sympy.latex` (a string is used as
    LaTeX as it is). Nothing is displayed in the notebook itself.

    Examples
    --------
    >>> import sympy as sp
    >>> glue_math("demo", sp.Symbol("r")**2)  # doctest: +SKIP
    """
    from IPython.display import Markdown

    if isinstance(expr, str):
        latex = expr
    else:
        # Only here: a page that glues ready-made LaTeX need not import SymPy.
        import sympy as sp

        latex = sp.latex(expr)
    glue(name, Markdown(f"${latex}$"))


def glue_sci(name: str, value: float, digits: int = 1) -> None:
    """Glue a number as inline math in scientific notation, ``2.2 \\times 10^{-16}``.

    For ``{glue:md}`name:myst``` in a Markdown cell: prose reads better
    with a real power of ten than with ``2.2e-16``.

    Examples
    --------
    >>> scientific_latex(2.2204e-16)
    '2.2 \\\\times 10^{-16}'
    """
    glue_math(name, scientific_latex(value, digits))


def scientific_latex(value: float, digits: int = 1) -> str:
    """LaTeX for ``value`` as mantissa times a power of ten, ``digits`` after the point."""
    mantissa, exponent = f"{float(value):.{digits}e}".split("e")
    return rf"{mantissa} \times 10^{{{int(exponent)}}}"
