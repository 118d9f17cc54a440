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

    Examples
    --------
    >>> use_style()
    >>> import matplotlib as mpl
    >>> mpl.rcParams["figure.facecolor"]
    'white'
    """
    import matplotlib as mpl
    from cycler import cycler

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
    })


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
    fig, axes = plt.subplots(1, 2, figsize=(9, 4.2), layout="constrained")
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
    # One legend below both panels, where it hides no part of either grid.
    fig.legend(*axes[0].get_legend_handles_labels(), loc="outside lower center", ncols=3,
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
    fig, axes = plt.subplots(1, 2, figsize=(9, 4), layout="constrained")
    draw_polygon(axes[0], square, facecolor=COLORS["sky"])
    draw_polygon(axes[1], image)
    for ax, pts, title in ((axes[0], square, f"square of side {h:g} centred at {tuple(p)}"),
                           (axes[1], image, "its image")):
        ax.update_datalim(pts)
        ax.autoscale_view()
        ax.margins(0.15)
        ax.set_aspect("equal", adjustable="datalim")
        ax.set_title(title)
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
