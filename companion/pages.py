"""Helpers for the book's pages: glue computed results into the prose.

Every number or formula the prose states comes from the page's computation
through myst-nb's ``glue``; these wrappers cover the cases plain ``glue``
does not (inline math from a SymPy result).

Stored outputs must be portable
-------------------------------
A notebook's outputs are committed and strict nbval compares them on every
machine, but the last bits of a float differ between CPUs, BLAS kernels and
libm builds. So a glued float is stored with :data:`DIGITS` significant
digits (``digits=`` asks for more, up to :data:`MAX_DIGITS`, when the prose
shows more): what the reader sees, never a float's last digits. The tests
check that no stored float has more than :data:`MAX_DIGITS` significant
digits and that no ``{glue:text}`` format shows more digits than were glued.
Values that measure rounding itself (error floors, best steps) differ between
machines in their leading digits: they are glued in cells tagged
``nbval-ignore-output`` that assert bounds instead.
"""

from __future__ import annotations

import math
import numbers
from typing import Any

#: Significant digits a glued float keeps unless ``digits=`` says otherwise.
#: Enough for any prose (it shows at most 4-6), far from the ~16th digit where
#: machines differ.
DIGITS = 8

#: The most significant digits a stored float may carry: about 4 digits
#: short of double precision, so rounding differences of a few units in the
#: last place change a stored value only on the rare tie.
MAX_DIGITS = 12


def portable(value: Any, digits: int = DIGITS) -> Any:
    """Return ``value`` rounded to ``digits`` significant digits if it is a float.

    Python and NumPy floats (and complex numbers, part by part) are rounded;
    integers, booleans and everything else pass unchanged. This is what
    :func:`glue` stores.

    Parameters
    ----------
    value : object
        The value to glue.
    digits : int
        Significant digits to keep, from 1 to :data:`MAX_DIGITS`.

    Returns
    -------
    object
        A Python ``float`` or ``complex`` for floating-point input,
        otherwise ``value`` itself (a NumPy integer becomes a Python ``int``).

    Raises
    ------
    ValueError
        If ``digits`` is out of range, or the float is not finite (a NaN or
        an infinity in the prose is always a mistake).

    Examples
    --------
    >>> portable(565.8110761579491)
    565.81108
    >>> portable(0.1 + 0.2, digits=3)
    0.3
    >>> portable(7)
    7
    >>> portable(float("nan"))
    Traceback (most recent call last):
    ...
    ValueError: value must be a finite number, got nan
    """
    import numpy as np

    if isinstance(digits, bool) or not isinstance(digits, numbers.Integral) \
            or not 1 <= digits <= MAX_DIGITS:
        raise ValueError(f"digits must be a whole number from 1 to {MAX_DIGITS}, got {digits!r}")
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, bool) or isinstance(value, numbers.Integral):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"value must be a finite number, got {value!r}")
        # The shortest repr of the rounded decimal: 565.81108, not 565.8110800000001.
        return float(f"{value:.{digits}g}")
    if isinstance(value, complex):
        return complex(portable(value.real, digits), portable(value.imag, digits))
    return value


# myst-nb finds glued values by this prefix on the output's MIME types and by
# the "scrapbook" entry of its metadata (the protocol papermill's scrapbook
# introduced). Writing those outputs directly, rather than through
# myst_nb.glue, saves every page the ~2 s that importing myst_nb.ext.glue
# costs (it pulls in nbformat and jsonschema).
GLUE_PREFIX = "application/papermill.record/"


def glue(name: str, value: Any, display: bool = False, digits: int = DIGITS) -> None:
    """Store ``value`` under ``name`` for ``{glue}`` roles in the page's prose.

    Equivalent to ``myst_nb.glue`` (same output format), with three
    differences: hidden by default; NumPy scalars are converted to Python
    numbers first, because since NumPy 2 their text form is
    ``np.float64(...)``, which ``{glue:text}`name:.3f``` cannot format; and
    a float is stored with ``digits`` significant digits (see
    :func:`portable`), so that the stored output is the same on every
    machine. Ask for more digits only when the prose shows more than
    :data:`DIGITS`; the tests check every ``{glue:text}`` format against it.

    Parameters
    ----------
    name : str
        The name the prose refers to.
    value : object
        A number, a string, a figure, ``IPython.display.Markdown``, ...
    display : bool
        Also show the value in the notebook.
    digits : int
        Significant digits of a float, from 1 to :data:`MAX_DIGITS`.

    Examples
    --------
    >>> import numpy as np
    >>> glue("demo", np.float64(0.5))  # doctest: +SKIP
    """
    from IPython.core.formatters import format_display_data
    from IPython.display import display as show

    if not isinstance(name, str) or not name:
        raise ValueError(f"name must be a non-empty string, got {name!r}")
    stored = portable(value, digits)
    bundle, metadata = format_display_data(stored)
    prefix = "" if display else GLUE_PREFIX
    scrapbook = {"name": name, "mime_prefix": prefix}
    if isinstance(stored, (float, complex)):
        # Read by the tests: a {glue:text} format may show at most this many.
        scrapbook["digits"] = digits
    metadata = {**metadata, "scrapbook": scrapbook}
    show({prefix + mime: data for mime, data in bundle.items()}, raw=True, metadata=metadata)


def glue_math(name: str, expr: Any, digits: int = DIGITS) -> None:
    """Glue ``expr`` as inline math, for ``{glue:md}`name:myst``` in a Markdown cell.

    ``expr`` is typeset with :func:`sympy.latex` (a string is used as
    LaTeX as it is), its floating-point numbers (``sympy.Float``) rounded
    to ``digits`` significant digits as :func:`glue` rounds floats. Nothing
    is displayed in the notebook itself.

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

        portable(0.0, digits)  # checks digits
        expr = sp.sympify(expr)
        expr = expr.xreplace({f: sp.Float(portable(float(f), digits), digits)
                              for f in expr.atoms(sp.Float)})
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
    """LaTeX for ``value`` as mantissa times a power of ten, ``digits`` after the point.

    Examples
    --------
    >>> scientific_latex(-0.000123, digits=2)
    '-1.23 \\\\times 10^{-4}'
    >>> scientific_latex(float("inf"))
    Traceback (most recent call last):
    ...
    ValueError: value must be a finite number, got inf
    """
    portable(float(value))  # a NaN or infinity is never a number to print
    if isinstance(digits, bool) or not isinstance(digits, numbers.Integral) \
            or not 0 <= digits <= MAX_DIGITS - 1:
        raise ValueError(f"digits must be a whole number from 0 to {MAX_DIGITS - 1}, got {digits!r}")
    mantissa, exponent = f"{float(value):.{digits}e}".split("e")
    return rf"{mantissa} \times 10^{{{int(exponent)}}}"
