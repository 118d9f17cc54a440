"""The book's figures: one style, and the drawings several pages share.

matplotlib is imported inside the functions, so that ``import companion``
stays cheap for pages without figures.

The style uses the Okabe-Ito palette (distinguishable with the common
colour-vision deficiencies) on an opaque white background, so that figures
stay readable when the site is shown in dark mode.

Maps are given as vectorised callables ``F(x, y) -> (X, Y)`` taking and
returning NumPy arrays of equal shape.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

__all__ = [
    "COLORS",
    "use_style",
    "grid_lines",
    "draw_mapped_grid",
    "draw_polygon",
    "linearization_figure",
    "area_scaling_figure",
]

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

Map2D = Callable[[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]


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


__all__ += ["power_of_ten_label", "log_ticks"]


def grid_lines(xlim: Sequence[float], ylim: Sequence[float], n: int = 9,
               samples: int = 60) -> list[np.ndarray]:
    """Polylines of an ``n x n`` grid on a rectangle, each finely sampled.

    Returns a list of ``(samples, 2)`` arrays: ``n`` vertical then ``n``
    horizontal lines, so that their images under a nonlinear map are drawn
    as smooth curves.

    Examples
    --------
    >>> lines = grid_lines((0, 1), (0, 2), n=3, samples=5)
    >>> len(lines), lines[0].shape
    (6, (5, 2))
    """
    xs = np.linspace(*xlim, n)
    ys = np.linspace(*ylim, n)
    t_x = np.linspace(*xlim, samples)
    t_y = np.linspace(*ylim, samples)
    vertical = [np.column_stack([np.full(samples, x), t_y]) for x in xs]
    horizontal = [np.column_stack([t_x, np.full(samples, y)]) for y in ys]
    return vertical + horizontal


def draw_mapped_grid(ax: Any, F: Map2D | None, xlim: Sequence[float], ylim: Sequence[float],
                     n: int = 9, **style: Any) -> None:
    """Draw the image of a grid under ``F`` (the grid itself if ``F`` is None)."""
    style = {"color": COLORS["blue"], "lw": 0.9, **style}
    for line in grid_lines(xlim, ylim, n):
        X, Y = (line[:, 0], line[:, 1]) if F is None else F(line[:, 0], line[:, 1])
        ax.plot(X, Y, **style)
        style.pop("label", None)  # label the first line only, for the legend


def draw_polygon(ax: Any, points: np.ndarray, **style: Any) -> None:
    """Draw a closed, filled polygon through ``points`` (shape ``(k, 2)``)."""
    from matplotlib.patches import Polygon

    style = {"facecolor": COLORS["orange"], "edgecolor": COLORS["black"], "alpha": 0.55,
             "lw": 1.0, **style}
    ax.add_patch(Polygon(np.asarray(points), closed=True, **style))


def _affine(F: Map2D, J: np.ndarray, p: np.ndarray) -> Map2D:
    Fp = np.array(F(np.array(p[0]), np.array(p[1])), dtype=float)

    def L(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        dx, dy = x - p[0], y - p[1]
        return Fp[0] + J[0, 0] * dx + J[0, 1] * dy, Fp[1] + J[1, 0] * dx + J[1, 1] * dy

    return L


def linearization_figure(F: Map2D, J: np.ndarray, p: Sequence[float], radius: float,
                         zoom: float = 0.15, n: int = 9) -> Any:
    """Side by side: a grid around ``p`` under ``F`` and under its linearisation.

    Left: the whole neighbourhood of half-width ``radius``: ``F`` bends the
    grid, ``F(p) + J (x - p)`` keeps it straight. Right: the same at half-width
    ``zoom * radius``, where the two grids nearly coincide.

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt

    p = np.asarray(p, dtype=float)
    J = np.asarray(J, dtype=float)
    L = _affine(F, J, p)
    # Fixed margins (in inches) instead of constrained layout, which measures
    # every tick label once more only to find margins that these panels fix.
    width, height = 9.0, 4.2
    fig, axes = plt.subplots(1, 2, figsize=(width, height), layout="none", gridspec_kw={
        "left": 0.7 / width, "right": 1 - 0.15 / width, "bottom": 0.85 / height,
        "top": 1 - 0.3 / height, "wspace": 0.22})
    for ax, half in zip(axes, (radius, zoom * radius)):
        xlim, ylim = (p[0] - half, p[0] + half), (p[1] - half, p[1] + half)
        draw_mapped_grid(ax, F, xlim, ylim, n, color=COLORS["blue"], label="image under F")
        draw_mapped_grid(ax, L, xlim, ylim, n, color=COLORS["vermillion"], ls="--",
                         label="image under F(p) + J(p)(x - p)")
        Fp = F(np.array(p[0]), np.array(p[1]))
        ax.plot(*Fp, "o", color=COLORS["black"], ms=4, label="F(p)")
        ax.set_aspect("equal", adjustable="datalim")
        ax.set_xlabel("first output")
        ax.set_ylabel("second output")
        ax.set_title(f"grid of half-width {half:g} around p")
        ax.locator_params(nbins=6)  # fixed tick counts: cheaper to lay out than "auto"
    # One legend below both panels, where it hides no part of either grid.
    fig.legend(*axes[0].get_legend_handles_labels(), loc="lower center", ncols=3,
               fontsize=9)
    return fig


def area_scaling_figure(F: Map2D, p: Sequence[float], h: float) -> Any:
    """The square of side ``h`` centred at ``p`` (left) and its image under ``F`` (right).

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt

    p = np.asarray(p, dtype=float)
    t = np.linspace(0.0, 1.0, 30)
    # The square's boundary, finely sampled so that its image is drawn curved.
    edge = np.concatenate([np.column_stack([t, 0 * t]), np.column_stack([1 + 0 * t, t]),
                           np.column_stack([1 - t, 1 + 0 * t]), np.column_stack([0 * t, 1 - t])])
    square = p + h * (edge - 0.5)
    image = np.column_stack(F(square[:, 0], square[:, 1]))
    # Fixed margins (in inches): cheaper than constrained layout, as above.
    width, height = 9.0, 4.0
    fig, axes = plt.subplots(1, 2, figsize=(width, height), layout="none", gridspec_kw={
        "left": 0.7 / width, "right": 1 - 0.15 / width, "bottom": 0.6 / height,
        "top": 1 - 0.3 / height, "wspace": 0.22})
    draw_polygon(axes[0], square, facecolor=COLORS["sky"])
    draw_polygon(axes[1], image)
    centre = f"({p[0]:g}, {p[1]:g})"
    for ax, pts, title in ((axes[0], square, f"square of side {h:g} centred at {centre}"),
                           (axes[1], image, "its image")):
        ax.update_datalim(pts)
        ax.autoscale_view()
        ax.margins(0.15)
        ax.set_aspect("equal", adjustable="datalim")
        ax.set_title(title)
        ax.locator_params(nbins=6)  # fixed tick counts: cheaper to lay out than "auto"
    axes[0].set_xlabel("x")
    axes[0].set_ylabel("y")
    axes[1].set_xlabel("first output")
    axes[1].set_ylabel("second output")
    return fig


def draw_vector(ax: Any, vector: Sequence[float], origin: Sequence[float] | None = None,
                label: str | None = None, color: str | None = None,
                label_offset: Sequence[float] = (4.0, 4.0), **style: Any) -> None:
    """Draw ``vector`` as an arrow from ``origin`` (default: the origin), in 2-D or 3-D.

    In 2-D axes the arrow is an annotation with a filled head, and the data
    limits are updated so that autoscaling includes it; ``label_offset`` is
    the label's shift from the tip in points. In 3-D axes (``projection="3d"``)
    the arrow is a ``quiver`` and ``label_offset`` is a shift in data units
    (its first three entries; a 2-entry offset means no shift).

    Parameters
    ----------
    ax : matplotlib Axes or Axes3D
    vector, origin : array_like, shape (2,) or (3,)
    label : str, optional
        Text written next to the arrow's tip.
    color : str, optional
        Default: the book's blue.
    label_offset : sequence of float
        Where the label goes, relative to the tip.
    **style
        Passed on to the arrow (for instance ``lw``, ``ls``, ``alpha``).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> draw_vector(ax, [1, 2], label="u")
    >>> bool(ax.get_xlim()[1] >= 1 and ax.get_ylim()[1] >= 2)
    True
    >>> plt.close(fig)
    """
    vector = np.asarray(vector, dtype=float)
    origin = np.zeros_like(vector) if origin is None else np.asarray(origin, dtype=float)
    tip = origin + vector
    color = COLORS["blue"] if color is None else color
    lw = style.pop("lw", 1.8)
    if getattr(ax, "name", "") == "3d":
        ax.quiver(*origin, *vector, color=color, lw=lw, arrow_length_ratio=0.12, **style)
        if label is not None:
            shift = np.zeros(3)
            if len(label_offset) == 3:
                shift = np.asarray(label_offset, dtype=float)
            ax.text(*(tip + shift), label, color=color, fontsize=11)
        return
    ax.annotate("", xy=tip, xytext=origin,
                arrowprops={"arrowstyle": "-|>", "color": color, "lw": lw,
                            "shrinkA": 0, "shrinkB": 0, "mutation_scale": 14, **style})
    ax.update_datalim(np.array([origin, tip]))
    ax.autoscale_view()
    if label is not None:
        ax.annotate(label, xy=tip, xytext=tuple(label_offset), textcoords="offset points",
                    color=color, fontsize=11)


def equal_axes_3d(ax: Any, points: np.ndarray, margin: float = 0.1) -> None:
    """Give a 3-D axes equal scales on x, y and z, just large enough for ``points``.

    Without this, matplotlib stretches each 3-D axis to its own data range,
    and right angles and lengths look wrong.

    Parameters
    ----------
    ax : Axes3D
    points : array_like, shape (k, 3)
        The points the view must contain.
    margin : float
        Extra room on each side, as a fraction of the largest range.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> fig = plt.figure()
    >>> ax = fig.add_subplot(projection="3d")
    >>> equal_axes_3d(ax, [[0, 0, 0], [2, 1, 0.5]], margin=0)
    >>> [tuple(round(float(v), 6) for v in lim) for lim in (ax.get_xlim(), ax.get_ylim(), ax.get_zlim())]
    [(0.0, 2.0), (-0.5, 1.5), (-0.75, 1.25)]
    >>> plt.close(fig)
    """
    points = np.asarray(points, dtype=float).reshape(-1, 3)
    lo, hi = points.min(axis=0), points.max(axis=0)
    centre = (lo + hi) / 2
    half = (1 + 2 * margin) * float(np.max(hi - lo)) / 2
    ax.set_xlim(centre[0] - half, centre[0] + half)
    ax.set_ylim(centre[1] - half, centre[1] + half)
    ax.set_zlim(centre[2] - half, centre[2] + half)
    ax.set_box_aspect((1, 1, 1))


__all__ += ["draw_vector", "equal_axes_3d"]


def draw_contours(ax: Any, f: Callable[[np.ndarray, np.ndarray], np.ndarray],
                  xlim: Sequence[float], ylim: Sequence[float], levels: Any = 12,
                  samples: int = 201, **style: Any) -> Any:
    """Draw contour lines (level curves) of a scalar function of two variables.

    Parameters
    ----------
    ax : matplotlib Axes
    f : callable
        Vectorised: ``f(X, Y)`` takes two arrays of equal shape and returns
        the values of f at those points, an array of the same shape.
    xlim, ylim : pair of float
        The rectangle on which f is sampled.
    levels : int or sequence of float
        The number of levels (chosen by matplotlib) or the levels themselves.
    samples : int
        Grid points per side; the contours are interpolated on this grid.
    **style
        Passed on to ``ax.contour`` (for instance ``cmap``, ``colors``,
        ``linewidths``).

    Returns
    -------
    matplotlib.contour.QuadContourSet
        The contours, for ``ax.clabel`` or a colour bar.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> cs = draw_contours(ax, lambda x, y: x**2 + y**2, (-1, 1), (-1, 1), levels=[0.25, 0.5])
    >>> [float(v) for v in cs.levels]
    [0.25, 0.5]
    >>> plt.close(fig)
    """
    X, Y = np.meshgrid(np.linspace(*xlim, samples), np.linspace(*ylim, samples))
    Z = np.asarray(f(X, Y), dtype=float)
    style = {"cmap": "viridis", "linewidths": 1.0, **style}
    if "colors" in style:
        style.pop("cmap")
    return ax.contour(X, Y, Z, levels=levels, **style)


def draw_gradient_field(ax: Any, grad: Callable[[np.ndarray, np.ndarray], Any],
                        xlim: Sequence[float], ylim: Sequence[float], n: int = 15,
                        normalize: bool = True, length: float = 0.7, **style: Any) -> Any:
    """Draw the gradient field of a function of two variables as arrows on a grid.

    Parameters
    ----------
    ax : matplotlib Axes
    grad : callable
        Vectorised: ``grad(X, Y)`` returns the pair ``(f_x, f_y)`` of arrays
        of the same shape as ``X``.
    xlim, ylim : pair of float
        The rectangle; arrows start at the points of an ``n x n`` grid on it.
    n : int
        Arrows per side.
    normalize : bool
        If True (default), every arrow has the same length and shows only
        the direction of the gradient; points where the gradient is zero get
        no arrow. If False, arrow lengths are proportional to ``|grad f|``,
        the longest one ``length`` grid spacings long.
    length : float
        Arrow length as a fraction of the grid spacing (the longest arrow's
        length if ``normalize`` is False).
    **style
        Passed on to ``ax.quiver`` (for instance ``color``, ``label``).

    Returns
    -------
    matplotlib.quiver.Quiver

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> q = draw_gradient_field(ax, lambda x, y: (2 * x, 2 * y), (-1, 1), (-1, 1), n=5)
    >>> q.N  # one arrow per grid point
    25
    >>> plt.close(fig)
    """
    X, Y = np.meshgrid(np.linspace(*xlim, n), np.linspace(*ylim, n))
    GX, GY = (np.broadcast_to(np.asarray(g, dtype=float), X.shape) for g in grad(X, Y))
    size = np.hypot(GX, GY)
    spacing = min(np.ptp(xlim), np.ptp(ylim)) / max(n - 1, 1)
    scale = np.zeros_like(size)
    if normalize:
        np.divide(length * spacing, size, out=scale, where=size > 0)
    elif size.max() > 0:
        scale[:] = length * spacing / size.max()
    style = {"color": COLORS["vermillion"], "width": 0.004, **style}
    # Arrows in data units, so that their directions are true angles on
    # axes with equal scales (where a right angle looks like one).
    return ax.quiver(X, Y, GX * scale, GY * scale, angles="xy", scale_units="xy", scale=1,
                     **style)


def draw_path(ax: Any, path: Any, label: str | None = None, color: str | None = None,
              markevery: Any = 1, **style: Any) -> None:
    """Draw the iterates of an optimiser as a polyline from a start to an end marker.

    Parameters
    ----------
    ax : matplotlib Axes
    path : array_like, shape (k, 2)
        The iterates in order, for instance ``OptimizeResult.history``.
    label : str, optional
        Legend entry for the path.
    color : str, optional
        Default: the book's blue.
    markevery : int or slice or sequence, optional
        Which iterates get a dot (``matplotlib``'s ``markevery``); ``None``
        draws the line only.
    **style
        Passed on to ``ax.plot`` (for instance ``lw``, ``ms``, ``ls``).

    Notes
    -----
    The start is drawn as an open circle and the last iterate as a cross,
    neither of them in the legend.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> draw_path(ax, [[1.0, 1.0], [0.5, 0.2], [0.0, 0.0]], label="descent")
    >>> len(ax.lines)  # the path, its start, its end
    3
    >>> plt.close(fig)
    """
    path = np.asarray(path, dtype=float).reshape(-1, 2)
    color = COLORS["blue"] if color is None else color
    style = {"lw": 1.2, "ms": 3, **style}
    marker = "o" if markevery is not None else None
    ax.plot(path[:, 0], path[:, 1], color=color, marker=marker, markevery=markevery,
            label=label, **style)
    ax.plot(*path[0], "o", color=color, mfc="white", ms=7, mew=1.5)
    ax.plot(*path[-1], "X", color=color, ms=8, mec="white", mew=0.8)


__all__ += ["draw_contours", "draw_gradient_field", "draw_path"]


def critical_point_figure(cases: Sequence[tuple[str, Callable[[np.ndarray, np.ndarray], Any]]],
                          xlim: Sequence[float] = (-1.0, 1.0),
                          ylim: Sequence[float] = (-1.0, 1.0),
                          point: Sequence[float] = (0.0, 0.0), samples: int = 25,
                          levels: int = 11) -> Any:
    """Graphs (top row) and contour lines (bottom row) of functions near a critical point.

    One column per case. The surface and the contour lines of a case share
    one colour scale, so a colour means the same height in both; the critical
    point is marked with a black dot in both panels.

    Parameters
    ----------
    cases : sequence of (str, callable)
        A title and a vectorised ``f(X, Y)`` (arrays in, array of the same
        shape out) for each column.
    xlim, ylim : pair of float
        The rectangle shown.
    point : pair of float
        The critical point to mark.
    samples : int
        Grid points per side for the surfaces. 3-D rendering is slow, so keep
        it small; the contour lines are drawn from a grid four times finer.
    levels : int
        Number of contour levels, equally spaced strictly between the
        smallest and largest value on the rectangle. With an odd number and
        values symmetric about 0, the level 0 is drawn: through a saddle
        point it is the pair of curves crossing there.

    Returns
    -------
    matplotlib.figure.Figure
        Its ``axes`` are the 3-D surfaces first, then the contour panels,
        each in the order of ``cases``.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> fig = critical_point_figure([("minimum", lambda x, y: x**2 + y**2),
    ...                              ("saddle", lambda x, y: x**2 - y**2)], samples=9)
    >>> [ax.name for ax in fig.axes]
    ['3d', '3d', 'rectilinear', 'rectilinear']
    >>> plt.close(fig)
    """
    import matplotlib.pyplot as plt

    n = len(cases)
    if n == 0:
        raise ValueError("cases must hold at least one (title, f) pair")
    px, py = (float(v) for v in point)
    width, height = 3.1 * n, 5.6
    # Fixed margins (in inches) instead of constrained layout: measuring the
    # tick labels of 3-D axes for the layout cost about a third of the time
    # the figure takes, and a fixed grid fits these panels well.
    fig = plt.figure(figsize=(width, height), layout="none")
    grid = fig.add_gridspec(2, n, left=0.65 / width, right=1 - 0.3 / width,
                            bottom=0.6 / height, top=1 - 0.3 / height,
                            wspace=0.35, hspace=0.12)
    surfaces = [fig.add_subplot(grid[0, k], projection="3d") for k in range(n)]
    flats = [fig.add_subplot(grid[1, k]) for k in range(n)]
    X, Y = np.meshgrid(np.linspace(*xlim, samples), np.linspace(*ylim, samples))
    for (title, f), ax3, ax in zip(cases, surfaces, flats):
        Z = np.broadcast_to(np.asarray(f(X, Y), dtype=float), X.shape)
        low, high = float(Z.min()), float(Z.max())
        scale = {"cmap": "viridis", "vmin": low, "vmax": high}
        ax3.plot_surface(X, Y, Z, edgecolor=(0, 0, 0, 0.25), linewidth=0.3, **scale)
        # Draw the marker last and on top: mplot3d's depth sort would often
        # bury it under the surface it sits on.
        ax3.computed_zorder = False
        fp = float(np.asarray(f(np.array(px), np.array(py)), dtype=float))
        ax3.scatter([px], [py], [fp], color=COLORS["black"], s=18, depthshade=False, zorder=5)
        ax3.set_title(title)
        ax3.set_xlabel("x", labelpad=-3)
        ax3.set_ylabel("y", labelpad=-3)
        ax3.set_zlabel("f", labelpad=-6)
        ax3.tick_params(labelsize=7, pad=-2)
        ax3.locator_params(nbins=3)   # few ticks: each 3-D tick is slow to draw
        draw_contours(ax, f, xlim, ylim, levels=np.linspace(low, high, levels + 2)[1:-1],
                      samples=4 * samples, **scale)
        ax.plot(px, py, "o", color=COLORS["black"], ms=5)
        ax.set_aspect("equal")
        ax.locator_params(nbins=5)
        ax.set_xlabel("x")
        ax.set_ylabel("y")
    return fig


__all__ += ["critical_point_figure"]


def draw_mesh(ax: Any, vertices: Any, faces: Any, values: Any = None, on: str = "vertices",
              cmap: str = "viridis", vmin: float | None = None, vmax: float | None = None,
              edgecolor: str | None = None, linewidth: float = 0.3,
              shading: str = "gouraud") -> Any:
    """Draw a triangle mesh, optionally coloured by a function on it.

    In 2-D axes the mesh is drawn in the xy-plane (a z column is ignored):
    the values by ``tripcolor`` and the edges on top. Values at the vertices
    are interpolated linearly over each triangle with ``shading="gouraud"``,
    or give each triangle the mean of its corners with ``"flat"``. In 3-D
    axes (``projection="3d"``) each triangle is a flat polygon, coloured by
    its own value or by the mean of the values at its corners, and the axes
    get equal scales (:func:`equal_axes_3d`).

    Parameters
    ----------
    ax : matplotlib Axes or Axes3D
    vertices : array_like, shape (V, 2) or (V, 3)
    faces : array_like of int, shape (F, 3)
        Rows index ``vertices``.
    values : array_like, optional
        The function: shape ``(V,)`` with ``on="vertices"``, ``(F,)`` with
        ``on="faces"``. Without it only the edges are drawn.
    on : {"vertices", "faces"}
        Where ``values`` live.
    cmap : str
        A matplotlib colour map; the default, viridis, is readable in grey
        and by colour-blind readers.
    vmin, vmax : float, optional
        The range of values the colour map spans; default the values' range.
    edgecolor : str, optional
        Colour of the edges; default grey over colours, the book's blue alone.
        ``"none"`` hides them.
    linewidth : float
        Width of the edges.
    shading : {"gouraud", "flat"}
        How 2-D axes colour the triangles from values at the vertices.

    Returns
    -------
    matplotlib.cm.ScalarMappable or None
        For ``fig.colorbar``; None when ``values`` is None.

    Raises
    ------
    ValueError
        If ``on`` is not "vertices" or "faces", or ``values`` does not hold
        one number per vertex (per face).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from companion.discrete import grid_mesh
    >>> vertices, faces = grid_mesh(3, 3)
    >>> fig, ax = plt.subplots()
    >>> colours = draw_mesh(ax, vertices, faces, values=vertices[:, 0])
    >>> [float(v) for v in colours.get_clim()]
    [0.0, 1.0]
    >>> fig3d = plt.figure()
    >>> ax3d = fig3d.add_subplot(projection="3d")
    >>> colours = draw_mesh(ax3d, vertices, faces, values=np.arange(8.0), on="faces", vmin=-1.0)
    >>> [float(v) for v in colours.get_clim()]
    [-1.0, 7.0]
    >>> plt.close("all")
    """
    import matplotlib as mpl

    points = np.asarray(vertices, dtype=float)
    faces = np.asarray(faces)
    if on not in ("vertices", "faces"):
        raise ValueError(f'on must be "vertices" or "faces", got {on!r}')
    if values is not None:
        values = np.asarray(values, dtype=float)
        count = len(points) if on == "vertices" else len(faces)
        if values.shape != (count,):
            raise ValueError(f"values must have shape ({count},), one per {on[:-1]} "
                             f"(on={on!r}), got {values.shape}")
        vmin = float(values.min()) if vmin is None else vmin
        vmax = float(values.max()) if vmax is None else vmax
    if edgecolor is None:
        edgecolor = COLORS["blue"] if values is None else COLORS["grey"]
    if getattr(ax, "name", "") == "3d":
        from mpl_toolkits.mplot3d.art3d import Poly3DCollection

        if points.shape[1] == 2:
            points = np.column_stack([points, np.zeros(len(points))])
        mappable = None
        facecolors = "none"
        if values is not None:
            mappable = mpl.cm.ScalarMappable(mpl.colors.Normalize(vmin, vmax), cmap)
            mappable.set_array(values)
            per_face = values if on == "faces" else values[faces].mean(axis=1)
            facecolors = mappable.to_rgba(per_face)
        ax.add_collection3d(Poly3DCollection(points[faces], facecolors=facecolors,
                                             edgecolors=edgecolor, linewidths=linewidth))
        equal_axes_3d(ax, points, margin=0.0)
        return mappable
    mappable = None
    if values is not None:
        if on == "faces":
            mappable = ax.tripcolor(points[:, 0], points[:, 1], faces, facecolors=values,
                                    cmap=cmap, vmin=vmin, vmax=vmax)
        else:
            mappable = ax.tripcolor(points[:, 0], points[:, 1], faces, values, cmap=cmap,
                                    vmin=vmin, vmax=vmax, shading=shading)
    if edgecolor != "none":
        ax.triplot(points[:, 0], points[:, 1], faces, color=edgecolor, lw=linewidth)
    ax.set_aspect("equal")
    return mappable

__all__ += ["draw_mesh"]


def draw_arm(ax: Any, arm: Any, q: Sequence[float], color: str | None = None,
             label: str | None = None, **style: Any) -> np.ndarray:
    """Draw one pose of a planar arm: links as thick segments, joints as dots.

    The base is a black square, each joint an open circle and the end
    effector (the hand) a filled dot of the arm's colour.

    Parameters
    ----------
    ax : matplotlib Axes
    arm : companion.robotics.PlanarArm
        Anything with a ``joints(q)`` method returning the ``(n + 1, 2)``
        positions of the base, the joints and the end effector.
    q : sequence of float
        The joint angles of the pose.
    color : str, optional
        Default: the book's blue.
    label : str, optional
        Legend entry for the pose.
    **style
        Passed on to the links' ``ax.plot`` (for instance ``lw``, ``alpha``,
        ``ls``).

    Returns
    -------
    numpy.ndarray
        The points drawn, ``arm.joints(q)``, shape ``(n + 1, 2)``.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from companion.robotics import PlanarArm
    >>> fig, ax = plt.subplots()
    >>> points = draw_arm(ax, PlanarArm([1.0, 1.0]), [0.0, np.pi / 2], label="elbow up")
    >>> points.round(12).tolist()
    [[0.0, 0.0], [1.0, 0.0], [1.0, 1.0]]
    >>> len(ax.lines)  # links, joints, hand, base
    4
    >>> plt.close(fig)
    """
    points = np.asarray(arm.joints(q), dtype=float)
    color = COLORS["blue"] if color is None else color
    style = {"lw": 3.0, "solid_capstyle": "round", **style}
    alpha = style.get("alpha", 1.0)
    ax.plot(points[:, 0], points[:, 1], color=color, label=label, zorder=2, **style)
    ax.plot(points[1:-1, 0], points[1:-1, 1], "o", color=color, mfc="white", ms=6, mew=1.5,
            alpha=alpha, zorder=3)
    ax.plot(*points[-1], "o", color=color, ms=7, alpha=alpha, zorder=3)
    ax.plot(*points[0], "s", color=COLORS["black"], ms=8, zorder=4)
    return points


def velocity_ellipse(J: Any, center: Sequence[float] = (0.0, 0.0), scale: float = 1.0,
                     samples: int = 201) -> np.ndarray:
    """Points of the ellipse ``{center + scale * J qdot : |qdot| = 1}`` in the plane.

    For a 2 x n Jacobian J with singular values ``s1 >= s2`` and left
    singular vectors ``u1, u2``, the joint speeds of unit norm are sent onto
    (and, for n > 2, inside) the ellipse with semi-axes ``s1 u1`` and
    ``s2 u2``; its area is ``pi s1 s2``, pi times the manipulability. At a
    singular pose ``s2 = 0`` and the ellipse is a segment, traced twice.

    Parameters
    ----------
    J : array_like, shape (2, n)
    center : pair of float
        Where to put the ellipse, usually the end effector.
    scale : float
        Multiplies the ellipse, so that it fits a drawing of the arm.
    samples : int
        Number of points; the first and the last coincide.

    Returns
    -------
    numpy.ndarray
        Shape ``(samples, 2)``.

    Raises
    ------
    ValueError
        If ``J`` does not have two rows.

    Examples
    --------
    The semi-axes of ``diag(2, 0.5)`` are 2 and 0.5 long:

    >>> points = velocity_ellipse([[2.0, 0.0], [0.0, 0.5]], samples=9)
    >>> radii = np.linalg.norm(points, axis=1)
    >>> round(float(radii.max()), 12), round(float(radii.min()), 12)
    (2.0, 0.5)
    """
    J = np.asarray(J, dtype=float)
    if J.ndim != 2 or J.shape[0] != 2:
        raise ValueError(f"J must have shape (2, n), got {J.shape}")
    U, s, _ = np.linalg.svd(J)
    s = np.concatenate([s, np.zeros(2 - s.size)])  # one joint: s2 = 0
    t = np.linspace(0.0, 2 * np.pi, samples)
    circle = np.vstack([np.cos(t), np.sin(t)])
    return np.asarray(center, dtype=float) + scale * (U @ (s[:, None] * circle)).T


def draw_velocity_ellipse(ax: Any, J: Any, center: Sequence[float] = (0.0, 0.0),
                          scale: float = 1.0, color: str | None = None,
                          label: str | None = None, **style: Any) -> np.ndarray:
    """Draw the velocity ellipse of :func:`velocity_ellipse`, lightly filled.

    Parameters
    ----------
    ax : matplotlib Axes
    J, center, scale
        As in :func:`velocity_ellipse`.
    color : str, optional
        Default: the book's vermillion.
    label : str, optional
        Legend entry.
    **style
        Passed on to the outline's ``ax.plot``.

    Returns
    -------
    numpy.ndarray
        The outline's points, shape ``(201, 2)``.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> outline = draw_velocity_ellipse(ax, [[1.0, 0.5], [0.0, 0.5]], center=[2.0, 0.0])
    >>> outline.shape
    (201, 2)
    >>> plt.close(fig)
    """
    points = velocity_ellipse(J, center, scale)
    color = COLORS["vermillion"] if color is None else color
    ax.fill(points[:, 0], points[:, 1], color=color, alpha=0.15, lw=0)
    ax.plot(points[:, 0], points[:, 1], color=color, label=label, **{"lw": 1.4, **style})
    return points


def arm_figure(arm: Any, poses: Sequence[Sequence[float]], labels: Sequence[str] | None = None,
               ax: Any = None, ellipse_scale: float | None = None, reach: bool = True,
               legend: bool = True) -> Any:
    """Several poses of one planar arm in one panel, optionally with velocity ellipses.

    Parameters
    ----------
    arm : companion.robotics.PlanarArm
    poses : sequence of joint-angle vectors
        Drawn in the book's colour cycle.
    labels : sequence of str, optional
        One legend entry per pose.
    ax : matplotlib Axes, optional
        Draw into this panel; default a new figure.
    ellipse_scale : float, optional
        If given, draw each pose's velocity ellipse at the end effector,
        multiplied by this factor (:func:`draw_velocity_ellipse`).
    reach : bool
        Draw the circle of radius ``arm.reach`` the end effector cannot leave.
    legend : bool
        Add a legend (when there are labels).

    Returns
    -------
    matplotlib.figure.Figure
        The figure of ``ax`` (or the new one).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from companion.robotics import PlanarArm
    >>> fig = arm_figure(PlanarArm([1.0, 0.5]), [[0.3, 0.8], [1.0, -0.6]], labels=["a", "b"])
    >>> [text.get_text() for text in fig.axes[0].get_legend().get_texts()]
    ['a', 'b']
    >>> plt.close(fig)
    """
    import matplotlib.pyplot as plt

    if ax is None:
        fig, ax = plt.subplots(figsize=(5, 5), layout="constrained")
    else:
        fig = ax.figure
    order = ("blue", "orange", "green", "vermillion", "sky", "purple")
    labels = [None] * len(poses) if labels is None else list(labels)
    if len(labels) != len(poses):
        raise ValueError(f"labels must have one entry per pose ({len(poses)}), got {len(labels)}")
    if reach:
        t = np.linspace(0.0, 2 * np.pi, 241)
        ax.plot(arm.reach * np.cos(t), arm.reach * np.sin(t), color=COLORS["grey"], lw=0.8,
                ls="--", zorder=1)
    for k, (q, label) in enumerate(zip(poses, labels)):
        color = COLORS[order[k % len(order)]]
        points = draw_arm(ax, arm, q, color=color, label=label)
        if ellipse_scale is not None:
            draw_velocity_ellipse(ax, arm.jacobian(q), points[-1], ellipse_scale, color=color)
    ax.set_aspect("equal")
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    if legend and any(label is not None for label in labels):
        ax.legend(fontsize=9)
    return fig


__all__ += ["draw_arm", "velocity_ellipse", "draw_velocity_ellipse", "arm_figure"]
