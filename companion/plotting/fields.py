"""Functions of two variables: contour lines, gradient fields, an optimiser's
path across them, and the graphs of functions near a critical point.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from .style import COLORS

__all__ = ["draw_contours", "draw_gradient_field", "draw_path", "critical_point_figure"]


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
