"""Planar robot arms: poses drawn as links and joints, and the velocity
ellipses of their Jacobians.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from .style import COLORS

__all__ = ["draw_arm", "velocity_ellipse", "draw_velocity_ellipse", "arm_figure"]


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
