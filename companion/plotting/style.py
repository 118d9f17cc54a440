"""The book's figure style: its colours, its matplotlib settings, and plain-text
labels for log axes.

The style uses the Okabe-Ito palette (distinguishable with the common
colour-vision deficiencies) on an opaque white background, so that figures
stay readable when the site is shown in dark mode.
"""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = ["COLORS", "use_style", "power_of_ten_label", "log_ticks"]


#: Okabe-Ito colours, by role in the book's figures.
COLORS = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
    "grey": "#8C8C8C",
}


def use_style() -> None:
    """Apply the book's matplotlib style (call once, in a page's first cell).

    Figures are laid out by matplotlib's constrained layout unless a page
    asks otherwise (some pages fix their margins with ``layout="none"``,
    which draws faster). In a notebook the inline backend is told to save
    figures as drawn: its default ``bbox_inches="tight"`` would lay each
    figure out a second time to crop margins that the layout has already
    made tight, which cost about 40% of the time a figure takes.

    In a notebook it also calls ``gc.freeze()``: the page's imports
    (NumPy, SymPy, matplotlib) leave about 140,000 long-lived objects,
    which every full garbage collection and the kernel's shutdown would
    otherwise scan again; that cost 0.2-0.3 s a page.

    Examples
    --------
    >>> use_style()
    >>> import matplotlib as mpl
    >>> mpl.rcParams["figure.facecolor"]
    'white'
    >>> mpl.rcParams["figure.constrained_layout.use"]
    True
    """
    import matplotlib as mpl
    from cycler import cycler

    _settle_notebook()

    mpl.rcParams.update({
        "figure.facecolor": "white",
        "savefig.facecolor": "white",
        "axes.facecolor": "white",
        "figure.dpi": 100,
        "figure.figsize": (6.4, 4.0),
        "axes.prop_cycle": cycler(color=[COLORS[c] for c in (
            "blue", "orange", "green", "vermillion", "sky", "purple", "black")]),
        "axes.grid": True,
        "grid.color": "#DDDDDD",
        "grid.linewidth": 0.6,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "font.size": 10,
        "axes.titlesize": 11,
        "legend.frameon": False,
        "lines.linewidth": 1.6,
        # Reproducible output: no timestamp or random ids in saved files.
        "svg.hashsalt": "companion",
        "figure.constrained_layout.use": True,
    })


def _settle_notebook() -> None:
    """In IPython: freeze the imports' objects; with the inline backend, show figures without a tight crop."""
    import gc
    import sys

    if "IPython" not in sys.modules:
        return
    from IPython import get_ipython

    if get_ipython() is None:
        return
    # Importing pyplot activates the inline backend, which would reset the
    # figure formatter if it happened after the call below.
    import matplotlib.pyplot as plt

    gc.freeze()

    if "inline" not in plt.get_backend():
        return
    from matplotlib_inline.backend_inline import set_matplotlib_formats

    set_matplotlib_formats("png", bbox_inches=None)


_SUPERSCRIPTS = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def power_of_ten_label(value: float) -> str:
    """A tick label in plain text: ``10⁻⁴`` for a power of ten, else ``%g``.

    Examples
    --------
    >>> power_of_ten_label(1e-4), power_of_ten_label(1000.0), power_of_ten_label(0.5)
    ('10⁻⁴', '10³', '0.5')
    """
    if value > 0:
        exponent = round(float(np.log10(value)))
        if np.isclose(value, 10.0**exponent, rtol=1e-9, atol=0):
            return "10" + str(exponent).translate(_SUPERSCRIPTS)
    return f"{value:g}"


def log_ticks(ax: Any, axis: str = "y", numticks: int | None = None) -> None:
    """Label a log-scaled axis ``10⁻⁴, 10⁻², …`` in plain text, without minor ticks.

    matplotlib's default labels for log axes are mathtext (``$10^{-4}$``),
    which it parses again for every figure; on a page of log-log plots that
    parsing and the minor ticks were a large share of the drawing time.

    Parameters
    ----------
    ax : matplotlib Axes
        Axes whose ``axis`` has a log scale.
    axis : {"x", "y", "both"}
        Which axis (or both) to label.
    numticks : int, optional
        At most this many major ticks (matplotlib chooses by default).

    Raises
    ------
    ValueError
        If ``axis`` is not "x", "y" or "both", if the axis is not log-scaled
        (call ``set_xscale("log")`` or ``loglog`` first), or if ``numticks``
        is less than 2.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> _ = ax.loglog([1e-6, 1.0], [1e-3, 1e3])
    >>> log_ticks(ax, "both", numticks=4)
    >>> ax.yaxis.get_major_formatter()(1e-3, 0)
    '10⁻³'
    >>> plt.close(fig)
    """
    import matplotlib.ticker as mticker

    axes = {"x": [ax.xaxis], "y": [ax.yaxis], "both": [ax.xaxis, ax.yaxis]}
    if axis not in axes:
        raise ValueError(f"axis must be 'x', 'y' or 'both', got {axis!r}")
    if numticks is not None and (isinstance(numticks, bool) or not isinstance(numticks, int)
                                 or numticks < 2):
        raise ValueError(f"numticks must be an integer of at least 2, got {numticks!r}")
    for which in axes[axis]:
        if which.get_scale() != "log":
            raise ValueError(f"the {which.axis_name}-axis has scale {which.get_scale()!r}, "
                             "not 'log': set the log scale before labelling it")
        if numticks is not None:
            which.set_major_locator(mticker.LogLocator(numticks=numticks))
        which.set_major_formatter(mticker.FuncFormatter(lambda value, _: power_of_ten_label(value)))
        which.set_minor_locator(mticker.NullLocator())


def _colour_range(values: Any, colorscale: str, height: Any) -> tuple[float, float]:
    """Check a surface figure's colour scale and height; the values' range for its colours.

    Shared by the figures that colour a surface by a value over frames: one
    range for every frame (so a fading colour looks paler), widened when the
    values are constant, where plotly would otherwise divide by zero.
    """
    if colorscale not in ("Viridis", "Cividis"):
        raise ValueError(f"colorscale must be 'Viridis' or 'Cividis', got {colorscale!r}")
    if isinstance(height, bool) or not isinstance(height, int) or height < 200:
        raise ValueError(f"height must be an integer of at least 200 pixels, got {height!r}")
    low, high = float(np.min(values)), float(np.max(values))
    return low, (high if high > low else low + 1.0)
