"""Maps of the plane: grids and regions drawn with their images under a map
``F``, against its linearisation, and how it scales area.

Maps are given as vectorised callables ``F(x, y) -> (X, Y)`` taking and
returning NumPy arrays of equal shape (the type ``Map2D``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from .style import COLORS

__all__ = [
    "grid_lines",
    "draw_mapped_grid",
    "draw_polygon",
    "linearization_figure",
    "area_scaling_figure",
]


Map2D = Callable[[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]


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
