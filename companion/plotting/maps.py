"""Maps of the plane: grids and regions drawn with their images under a map
``F``, against its linearisation, and how it scales area; and one figure a
reader can play (plotly): the grid bending from the identity into ``F`` and
into its linearisation.

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
    "grid_deformation_figure",
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


def grid_deformation_figure(F: Map2D, J: Any, p: Sequence[float], radius: float,
                            n: int = 9, steps: int = 11, samples: int = 17,
                            active: int | None = None) -> dict:
    """A grid bending from the identity into ``F``, beside its linearisation (plotly).

    A slider ``t`` from 0 to 1 moves every point ``x`` of a grid of half-width
    ``radius`` around ``p`` to ``(1 - t) x + t F(x)`` (solid lines) and, on
    the same axes, to ``(1 - t) x + t L(x)`` with ``L(x) = F(p) + J (x - p)``
    the linearisation at ``p`` (dashed lines). At ``t = 1`` the solid grid is
    the image under ``F`` and the dashed one the image under ``L``: they agree
    near ``F(p)`` and part towards the edges.

    Parameters
    ----------
    F : callable
        The map, vectorised: ``F(x, y) -> (X, Y)`` on arrays (see ``Map2D``).
    J : array_like, shape (2, 2)
        The Jacobian matrix of ``F`` at ``p``.
    p : sequence of two floats
        The point of linearisation, the centre of the grid.
    radius : float
        Half the grid's width, positive.
    n : int, optional
        Grid lines in each direction, at least 2.
    steps : int, optional
        Frames from ``t = 0`` to ``t = 1`` inclusive, 2 to 25.
    samples : int, optional
        Points along each solid line (the dashed lines stay straight, so
        they are drawn through the ``n`` grid nodes only), at least 2.
    active : int, optional
        The frame the slider starts at (default: the last, ``t = 1``);
        ``data`` shows it.

    Returns
    -------
    dict
        plotly's figure dictionary (``data``, ``layout``, ``frames``), for
        :func:`~companion.plotting.interactive.interactive_figure` or ``go.Figure(fig)``. Traces: the grid
        under the blend with ``F`` (solid), under the blend
        with ``L`` (dashed), and the moving image of ``p``; ``data`` and the
        slider start at frame `active`. Frame ``k`` is named ``f"{t_k:g}"``.

    Raises
    ------
    ValueError
        If `J` is not a finite 2 x 2 matrix, `p` not two finite numbers,
        `radius` not positive, or `n`, `steps`, `samples`, `active` out of range.

    Examples
    --------
    >>> fig = grid_deformation_figure(lambda x, y: (x + y**2, y), [[1, 0], [0, 1]], (0, 0),
    ...                               radius=1.0, n=3, steps=5, samples=4)
    >>> [frame["name"] for frame in fig["frames"]]
    ['0', '0.25', '0.5', '0.75', '1']
    >>> fig["data"][2]["x"], fig["data"][2]["y"]   # F(p) at t = 1
    ([0.0], [0.0])
    """
    from .interactive import frame_slider

    J = np.asarray(J, dtype=float)
    if J.shape != (2, 2) or not np.all(np.isfinite(J)):
        raise ValueError(f"J must be a finite 2 x 2 matrix, got shape {J.shape}")
    p = np.asarray(p, dtype=float)
    if p.shape != (2,) or not np.all(np.isfinite(p)):
        raise ValueError(f"p must be two finite numbers, got {p.tolist()}")
    if not (np.isfinite(radius) and radius > 0):
        raise ValueError(f"radius must be a positive number, got {radius}")
    for name, value, low, high in (("n", n, 2, 41), ("steps", steps, 2, 25),
                                   ("samples", samples, 2, 200)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) \
                or not low <= value <= high:
            raise ValueError(f"{name} must be an integer from {low} to {high}, got {value!r}")
    active = steps - 1 if active is None else active
    if isinstance(active, bool) or not isinstance(active, (int, np.integer)) \
            or not 0 <= active < steps:
        raise ValueError(f"active must index a frame (0 to {steps - 1}), got {active!r}")
    L = _affine(F, J, p)
    xlim, ylim = (p[0] - radius, p[0] + radius), (p[1] - radius, p[1] + radius)

    def polyline(lines: list[np.ndarray], G: Map2D, t: float) -> tuple[np.ndarray, np.ndarray]:
        # All lines in one trace, separated by NaN (a gap): one trace per grid.
        xs, ys = [], []
        for line in lines:
            X, Y = (np.asarray(c, dtype=float) for c in G(line[:, 0], line[:, 1]))
            xs += [(1 - t) * line[:, 0] + t * X, [np.nan]]
            ys += [(1 - t) * line[:, 1] + t * Y, [np.nan]]
        return np.concatenate(xs[:-1]), np.concatenate(ys[:-1])

    curved, straight = grid_lines(xlim, ylim, n, samples), grid_lines(xlim, ylim, n, n)
    Fp = np.array(F(np.array(p[0]), np.array(p[1])), dtype=float)
    ts = np.linspace(0.0, 1.0, steps)
    states = []
    for t in ts:
        fx, fy = polyline(curved, F, t)
        lx, ly = polyline(straight, L, t)
        q = (1 - t) * p + t * Fp
        states.append([
            dict(type="scatter", x=fx, y=fy, mode="lines", name="F",
                 line=dict(color=COLORS["blue"], width=1.6)),
            dict(type="scatter", x=lx, y=ly, mode="lines", name="L, linearisation",
                 line=dict(color=COLORS["vermillion"], width=1.6, dash="dash")),
            dict(type="scatter", x=[float(q[0])], y=[float(q[1])], mode="markers",
                 name="image of p", marker=dict(color=COLORS["purple"], size=10)),
        ])
    names = [f"{t:g}" for t in ts]
    every = np.concatenate([np.concatenate([s["x"] for s in state[:2]]) for state in states])
    every_y = np.concatenate([np.concatenate([s["y"] for s in state[:2]]) for state in states])
    lo_x, hi_x, lo_y, hi_y = (np.nanmin(every), np.nanmax(every),
                              np.nanmin(every_y), np.nanmax(every_y))
    pad_x, pad_y = 0.05 * (hi_x - lo_x), 0.05 * (hi_y - lo_y)
    layout = dict(
        height=500,
        xaxis=dict(title=dict(text="first coordinate"), range=[lo_x - pad_x, hi_x + pad_x],
                   constrain="domain"),
        # Equal scales on both axes, as in the static panels: a square stays
        # square; the plot shrinks within its box to keep them equal.
        yaxis=dict(title=dict(text="second coordinate"), range=[lo_y - pad_y, hi_y + pad_y],
                   scaleanchor="x", scaleratio=1, constrain="domain"),
        # The legend above the plot: below it sit the slider and the buttons.
        legend=dict(orientation="h", x=0.0, y=1.01, yanchor="bottom"),
        margin=dict(l=50, r=10, t=40, b=10),
        **frame_slider(names, prefix="t = ", active=active),
    )
    # A plain dictionary: building a plotly Figure (importing plotly and
    # validating) costs a page a few tenths of a second; the tests validate
    # the same figure with go.Figure (tests/test_plotting_maps.py).
    return dict(data=states[active], layout=layout,
                frames=[dict(data=state, name=name) for state, name in zip(states, names)])
