"""Helpers for the book's pages: glue computed results into the prose.

Every number or formula the prose states comes from the page's computation
through myst-nb's ``glue``; these wrappers cover the cases plain ``glue``
does not (inline math from a SymPy result).
"""

from __future__ import annotations

from typing import Any


def glue_math(name: str, expr: Any) -> None:
    """Glue ``expr`` as inline math, for ``{glue:md}`name:myst``` in a Markdown cell.

    ``expr`` is typeset with :func:`sympy.latex` (a string is used as
    LaTeX as it is). Nothing is displayed in the notebook itself.

    Examples
    --------
    >>> import sympy as sp
    >>> glue_math("demo", sp.Symbol("r")**2)  # doctest: +SKIP
    """
    import sympy as sp
    from IPython.display import Markdown
    from myst_nb import glue

    latex = expr if isinstance(expr, str) else sp.latex(expr)
    glue(name, Markdown(f"${latex}$"), display=False)


def glue(name: str, value: Any, display: bool = False) -> None:
    """``myst_nb.glue`` for computed numbers, hidden from the notebook by default.

    NumPy scalars are converted to Python numbers first: since NumPy 2 their
    text form is ``np.float64(...)``, which ``{glue:text}`name:.3f``` cannot
    format.

    Examples
    --------
    >>> import numpy as np
    >>> glue("demo", np.float64(0.5))  # doctest: +SKIP
    """
    import numpy as np
    from myst_nb import glue as myst_glue

    if isinstance(value, np.generic):
        value = value.item()
    myst_glue(name, value, display=display)
