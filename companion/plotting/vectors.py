"""Vectors as arrows, in 2-D and 3-D axes, and 3-D axes with equal scales.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from .style import COLORS

__all__ = ["draw_vector", "equal_axes_3d"]


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
