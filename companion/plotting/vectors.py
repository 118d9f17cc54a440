"""Vectors as arrows, in 2-D and 3-D axes, and 3-D axes with equal scales.

For plotly: 3-D arrows (:func:`arrow_traces`) and the cross product of two
vectors with their parallelogram, one of them turning (:func:`cross_product_figure`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from .style import COLORS

__all__ = ["draw_vector", "equal_axes_3d", "arrow_traces", "cross_product_figure"]


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


def arrow_traces(tip: Sequence[float], origin: Sequence[float] | None = None,
                 color: str | None = None, label: str = "", dash: str = "solid",
                 width: float = 6.0, head: float = 0.25) -> list[dict]:
    """A 3-D arrow for a plotly figure: a line (the shaft) and a cone (the head).

    The head has a fixed length ``head`` (in data units) whatever the arrow's
    length, so short and long arrows stay readable; a zero vector gives a
    shaft of length zero and a head of size zero, which plotly does not draw
    (useful in a frame where a vector vanishes).

    Parameters
    ----------
    tip : array_like, shape (3,)
        The arrow, as a vector from ``origin``.
    origin : array_like, shape (3,), optional
        Where the arrow starts (default: the origin).
    color : str, optional
        Default: the book's blue.
    label : str, optional
        Text written at the tip (and the traces' name).
    dash : str, optional
        The shaft's dash ("solid", "dash", "dot", ...).
    width : float, optional
        The shaft's width in pixels.
    head : float, optional
        The head's length in data units, at most half the arrow.

    Returns
    -------
    list of dict
        Two traces, ``scatter3d`` then ``cone``, for ``go.Figure(data=...)``
        or a frame.

    Examples
    --------
    >>> shaft, cone = arrow_traces([0.0, 0.0, 2.0], label="k")
    >>> shaft["z"], cone["w"], cone["z"]
    ([0.0, 2.0], [0.25], [1.75])
    """
    vector = np.asarray(tip, dtype=float)
    start = np.zeros(3) if origin is None else np.asarray(origin, dtype=float)
    if vector.shape != (3,) or start.shape != (3,):
        raise ValueError(f"tip and origin must have shape (3,), got {vector.shape} and {start.shape}")
    color = COLORS["blue"] if color is None else color
    length = float(np.linalg.norm(vector))
    step = np.zeros(3) if length == 0.0 else vector * min(head, length / 2) / length
    end = start + vector
    shaft = {"type": "scatter3d", "mode": "lines+text" if label else "lines", "name": label,
             "x": [float(start[0]), float(end[0])], "y": [float(start[1]), float(end[1])],
             "z": [float(start[2]), float(end[2])], "text": ["", label],
             "textposition": "top center", "textfont": {"color": color, "size": 15},
             "line": {"color": color, "width": width, "dash": dash},
             "showlegend": False, "hoverinfo": "skip"}
    base = end - step
    cone = {"type": "cone", "name": label, "x": [float(base[0])], "y": [float(base[1])],
            "z": [float(base[2])], "u": [float(step[0])], "v": [float(step[1])],
            "w": [float(step[2])], "anchor": "tail", "sizemode": "absolute", "sizeref": 1.0,
            "colorscale": [[0, color], [1, color]], "showscale": False, "hoverinfo": "skip"}
    return [shaft, cone]


def cross_product_figure(u: Sequence[float], w: Sequence[float], angles: Sequence[float],
                         length: float | None = None, active: int = 0) -> Any:
    """u, a vector v turning in a fixed plane, their parallelogram and u x v, with a slider.

    ``v`` starts along ``u`` and turns by the angle ``theta`` about the axis
    ``n = u x w / |u x w|``, towards ``w``:
    ``v(theta) = length (cos(theta) u_hat + sin(theta) w_perp)``, where
    ``w_perp`` is the unit vector of ``w``'s part perpendicular to ``u``. So the
    angle between u and v is ``theta`` for ``theta <= pi`` and
    ``2 pi - theta`` past it; ``u x v = |u| length sin(theta) n``, whose length is
    the parallelogram's area and which points along ``-n`` once ``theta``
    passes ``pi``. One frame per angle; the figure's data show ``angles[active]``.

    Parameters
    ----------
    u, w : array_like, shape (3,)
        The fixed vector and a vector fixing the plane v turns in (not parallel to u).
    angles : sequence of float
        The turning angles, in radians, increasing, within [0, 2 pi].
    length : float, optional
        The length of v (default: ``|w|``).
    active : int, optional
        The frame the slider starts at.

    Returns
    -------
    dict
        plotly's figure dictionary (``data``, ``layout``, ``frames``), for
        :func:`~companion.plotting.interactive.interactive_figure` or ``go.Figure(fig)``. Traces: the
        parallelogram (``mesh3d``), then u, v and u x v as
        arrows (shaft and cone each; see :func:`arrow_traces`), then the
        circle v's tip runs on. Frames are named by the angle in degrees.

    Raises
    ------
    ValueError
        If u or w is not a finite 3-vector, they are parallel, `angles` is
        empty, not increasing or outside [0, 2 pi], `length` is not positive
        or `active` indexes no angle.

    Examples
    --------
    >>> import numpy as np
    >>> fig = cross_product_figure([1, 0, 0], [0, 1, 0], np.radians([0, 90, 180]), active=1)
    >>> len(fig["frames"]), [frame["name"] for frame in fig["frames"]]
    (3, ['0', '90', '180'])
    >>> normal = fig["data"][5]   # the shaft of u x v, from the origin to u x v
    >>> [float(normal["x"][1]), float(normal["y"][1]), float(normal["z"][1])]
    [0.0, 0.0, 1.0]
    """
    from .interactive import frame_slider, scene

    u = _vector3(u, "u")
    w = _vector3(w, "w")
    normal = np.cross(u, w)
    if np.linalg.norm(normal) <= 1e-12 * np.linalg.norm(u) * np.linalg.norm(w):
        raise ValueError("u and w must not be parallel (they fix the plane v turns in)")
    angles = np.asarray(angles, dtype=float)
    if angles.ndim != 1 or angles.size == 0 or not np.all(np.isfinite(angles)):
        raise ValueError("angles must be a non-empty sequence of finite numbers (radians)")
    if np.any(np.diff(angles) <= 0) or angles[0] < 0 or angles[-1] > 2 * np.pi + 1e-12:
        raise ValueError("angles must increase and lie within [0, 2 pi] (radians)")
    length = float(np.linalg.norm(w)) if length is None else float(length)
    if not np.isfinite(length) or length <= 0:
        raise ValueError(f"length must be positive, got {length}")
    if not 0 <= active < angles.size:
        raise ValueError(f"active must index an angle (0 to {angles.size - 1}), got {active}")
    u_hat = u / np.linalg.norm(u)
    w_perp = w - (w @ u_hat) * u_hat
    w_perp /= np.linalg.norm(w_perp)

    def v_at(theta: float) -> np.ndarray:
        return length * (np.cos(theta) * u_hat + np.sin(theta) * w_perp)

    def moving(theta: float) -> list[dict]:
        v = v_at(theta)
        n = np.cross(u, v)
        corners = np.array([np.zeros(3), u, u + v, v])
        sheet = {"type": "mesh3d", "x": corners[:, 0], "y": corners[:, 1], "z": corners[:, 2],
                 "i": [0, 0], "j": [1, 2], "k": [2, 3], "color": COLORS["sky"], "opacity": 0.55,
                 "name": "parallelogram", "hoverinfo": "skip", "flatshading": True}
        return [sheet, *arrow_traces(v, color=COLORS["orange"], label="v", dash="dash"),
                *arrow_traces(n, color=COLORS["green"], label="u × v", width=8)]

    C = COLORS
    circle = np.array([v_at(t) for t in np.linspace(0, 2 * np.pi, 73)])
    ring = {"type": "scatter3d", "mode": "lines", "x": circle[:, 0], "y": circle[:, 1],
            "z": circle[:, 2], "line": {"color": C["grey"], "width": 2, "dash": "dot"},
            "showlegend": False, "hoverinfo": "skip", "name": "where v's tip runs"}

    def ordered(traces: list[dict]) -> list[dict]:
        # parallelogram, u (shaft, cone), v (shaft, cone), u x v (shaft, cone), circle
        return [traces[0], *arrow_traces(u, color=C["blue"], label="u"), *traces[1:]]

    names = [_degrees_label(theta) for theta in angles]

    def title(theta: float, name: str) -> dict:
        area = np.linalg.norm(u) * length * abs(np.sin(theta))
        return {"text": f"θ = {name}°: area |u × v| = {area:.2f}",
                "x": 0.5, "xanchor": "center", "font": {"size": 14}}

    frames = [dict(name=name, data=ordered(moving(theta))[:7], traces=list(range(7)),
                   layout={"title": title(theta, name)}) for name, theta in zip(names, angles)]
    # Equal scales, and a box just large enough for every frame: the circle,
    # the far corner u + v on its shifted copy, and u x v at its longest, both ways.
    n_hat = normal / np.linalg.norm(normal)
    reach = np.vstack([circle, circle + u, u, np.outer([-1, 1], np.linalg.norm(u) * length * n_hat),
                       np.zeros((1, 3))])
    low, high = reach.min(axis=0), reach.max(axis=0)
    pad = 0.05 * float(np.max(high - low))
    low, high = low - pad, high + pad
    spans = (high - low) / float(np.max(high - low))
    # The camera looks at the plane at about 55 degrees from its normal n
    # (from the side of the default view, (1.25, -1.4, 0.75)): the
    # parallelogram shows as a slanted sheet and u x v, nearly full length,
    # standing off it at a right angle, not foreshortened to a stub.
    side = np.array([1.25, -1.4, 0.75])
    side -= (side @ n_hat) * n_hat
    eye = 0.45 * n_hat + side / np.linalg.norm(side) + np.array([0.0, 0.0, 0.25])   # a little above
    eye *= 2.1 / np.linalg.norm(eye)
    box = scene("x", "y", "z", eye=tuple(float(c) for c in eye),
                aspect=tuple(float(a) for a in spans))
    for letter, lo, hi in zip("xyz", low, high):
        box[f"{letter}axis"].update(range=[float(lo), float(hi)], nticks=5)   # few ticks: legible on a phone
    layout = dict(scene=box, height=500, showlegend=False, title=title(angles[active], names[active]),
                  margin={"l": 12, "r": 0, "t": 40, "b": 40},
                  **frame_slider(names, [f"{name}°" for name in names], prefix="θ = ",
                                 active=active))
    # A plain dictionary: building a plotly Figure (importing plotly and
    # validating) costs a page a few tenths of a second; the tests validate
    # the same figure with go.Figure (tests/test_plotting_vectors.py).
    return dict(data=[*ordered(moving(angles[active])), ring], layout=layout, frames=frames)


def _degrees_label(theta: float) -> str:
    text = f"{np.degrees(theta):.1f}"
    return text[:-2] if text.endswith(".0") else text


def _vector3(value: Sequence[float], name: str) -> np.ndarray:
    vector = np.asarray(value, dtype=float)
    if vector.shape != (3,) or not np.all(np.isfinite(vector)):
        raise ValueError(f"{name} must be a finite vector of shape (3,), got {value!r}")
    if not np.any(vector):
        raise ValueError(f"{name} must not be the zero vector")
    return vector
