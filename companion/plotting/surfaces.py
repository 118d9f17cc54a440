"""Graphs of functions f(x, y) as surfaces in 3-D, for plotly figures a reader can turn.

- :func:`critical_points_scene`: the kinds of critical point in one scene,
  switched by buttons, with the level curves projected below each graph and
  the Hessian's eigenvalues in the title;
- :func:`directional_derivative_figure`: a graph, its tangent plane at a
  point, the gradient under it, and a slider turning the direction whose
  slope on the tangent plane is the directional derivative;
- :func:`tangent_frame_figure`: a parametrised surface, its tangent vectors
  and normal at a point, the parallelogram they span and the curved patch it
  approximates.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from .style import COLORS
from .vectors import _degrees_label

__all__ = ["critical_points_scene", "directional_derivative_figure", "tangent_frame_figure"]

Surface = Callable[[np.ndarray, np.ndarray], np.ndarray]


def _grid(f: Surface, xlim: Sequence[float], ylim: Sequence[float], n: int,
          name: str = "f") -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or not 3 <= n <= 101:
        raise ValueError(f"n must be an integer from 3 to 101, got {n!r}")
    for label, lim in (("xlim", xlim), ("ylim", ylim)):
        if len(lim) != 2 or not np.all(np.isfinite(lim)) or not lim[0] < lim[1]:
            raise ValueError(f"{label} must be (low, high) with low < high, got {lim!r}")
    x = np.linspace(float(xlim[0]), float(xlim[1]), int(n))
    y = np.linspace(float(ylim[0]), float(ylim[1]), int(n))
    Z = np.broadcast_to(np.asarray(f(*np.meshgrid(x, y)), dtype=float), (int(n), int(n)))
    if not np.all(np.isfinite(Z)):
        raise ValueError(f"{name} must be finite on the grid (a function of arrays X, Y)")
    return x, y, np.array(Z)


def _floor_arrow(vector: np.ndarray, origin: np.ndarray, height: float, color: str,
                 label: str, dash: str, head: float) -> dict:
    """An arrow lying in the plane z = height: one line trace, shaft and a two-stroke head.

    (A cone would be sized in the scene's own units and look distorted when the
    z axis is squeezed; strokes in the floor plane keep their shape.)
    """
    start, end = np.asarray(origin, dtype=float), np.asarray(origin, dtype=float) + vector
    back = -vector / np.linalg.norm(vector) * head
    side = np.array([-back[1], back[0]]) * 0.5
    left, right = end + back + side, end + back - side
    xs = [start[0], end[0], None, left[0], end[0], right[0]]
    ys = [start[1], end[1], None, left[1], end[1], right[1]]
    return {"type": "scatter3d", "mode": "lines+text", "x": xs, "y": ys, "z": [height] * 6,
            "text": ["", label, "", "", "", ""], "textposition": "top center",
            "textfont": {"color": color, "size": 15}, "name": label,
            "line": {"color": color, "width": 6, "dash": dash},
            "showlegend": False, "hoverinfo": "skip"}


def _number(value: float) -> str:
    """Eigenvalues as a reader writes them: 2, -0.5, 1.41 (a true minus sign)."""
    text = f"{value:.3g}"
    return ("0" if text in ("0", "-0") else text).replace("-", "−")


def critical_points_scene(cases: Sequence[tuple[str, Surface, Any]],
                          xlim: Sequence[float] = (-1.0, 1.0),
                          ylim: Sequence[float] = (-1.0, 1.0), n: int = 31,
                          active: int = 0, levels: int = 12) -> dict:
    """Critical points at the origin as surfaces in one scene, one button per case.

    Each case is drawn as its graph over the rectangle, coloured by height,
    with its level curves projected on the floor of the box (plotly's
    ``contours.z`` with ``project.z``) and a black dot at the critical point
    ``(0, 0, f(0, 0))``. A row of buttons switches the case; the title names it
    and gives the eigenvalues of its Hessian at the origin.

    Parameters
    ----------
    cases : sequence of (str, callable, array_like)
        ``(title, f, H)``: a title such as ``"saddle: x² − y²"`` (the button
        shows the part before the colon), ``f(X, Y)`` vectorised over arrays,
        and the 2 x 2 symmetric Hessian at the origin.
    xlim, ylim : (float, float), optional
        The rectangle the graphs are drawn over; it must contain the origin.
    n : int, optional
        Grid points per side.
    active : int, optional
        The case shown first (and in the static picture).
    levels : int, optional
        Roughly how many level curves each case gets; the level through the
        critical point is always one of them.

    Returns
    -------
    dict
        plotly's figure dictionary (``data``, ``layout``), for
        :func:`~companion.plotting.interactive.interactive_figure` or ``go.Figure(fig)``. Traces: the
        surface, then the dot. ``layout.updatemenus[0].buttons`` hold one
        ``update`` per case, whose title carries the eigenvalues.

    Raises
    ------
    ValueError
        If `cases` is empty, a Hessian is not a finite symmetric 2 x 2
        matrix, a function is not finite on the grid, the rectangle misses
        the origin, or `n`, `levels` or `active` is out of range.

    Examples
    --------
    >>> fig = critical_points_scene([("minimum: x² + y²", lambda X, Y: X**2 + Y**2, [[2, 0], [0, 2]]),
    ...                              ("saddle: x² − y²", lambda X, Y: X**2 - Y**2, [[2, 0], [0, -2]])],
    ...                             n=5)
    >>> [button["label"] for button in fig["layout"]["updatemenus"][0]["buttons"]]
    ['minimum', 'saddle']
    >>> fig["layout"]["title"]["text"]
    'minimum: x² + y²<br>Hessian eigenvalues 2, 2'
    """
    from .interactive import scene

    if not len(cases):
        raise ValueError("cases must hold at least one (title, f, H)")
    if not (xlim[0] <= 0 <= xlim[1] and ylim[0] <= 0 <= ylim[1]):
        raise ValueError("xlim and ylim must contain the origin, where the critical point is")
    if isinstance(levels, bool) or not isinstance(levels, int) or not 2 <= levels <= 40:
        raise ValueError(f"levels must be an integer from 2 to 40, got {levels!r}")
    if not 0 <= active < len(cases):
        raise ValueError(f"active must index a case (0 to {len(cases) - 1}), got {active}")
    states = []
    for title, f, H in cases:
        H = np.asarray(H, dtype=float)
        if H.shape != (2, 2) or not np.all(np.isfinite(H)) or not np.allclose(H, H.T):
            raise ValueError(f"the Hessian of {title!r} must be a finite symmetric 2 x 2 matrix")
        x, y, Z = _grid(f, xlim, ylim, n, name=f"the function of {title!r}")
        centre = float(np.asarray(f(np.zeros(1), np.zeros(1)), dtype=float).ravel()[0])
        low, high = float(Z.min()), float(Z.max())
        step = (high - low) / levels or 1.0
        floor = low - 0.35 * (high - low or 1.0)
        eigenvalues = np.sort(np.linalg.eigvalsh(H))[::-1]
        heading = f"{title}<br>Hessian eigenvalues " + ", ".join(_number(e) for e in eigenvalues)
        contours = {"z": {"show": True, "project": {"z": True}, "usecolormap": True,
                          "start": centre + step * np.ceil((low - centre) / step),
                          "end": high, "size": step, "width": 2}}
        states.append({"title": title, "label": title.split(":")[0], "z": Z, "centre": centre,
                       "contours": contours, "heading": heading, "range": [floor, high],
                       "eigenvalues": eigenvalues})

    def surface(state: dict) -> dict:
        return {"type": "surface", "x": x, "y": y, "z": state["z"], "colorscale": "Viridis",
                "showscale": False, "contours": state["contours"], "opacity": 0.95,
                "hoverinfo": "skip", "name": state["title"]}

    def dot(state: dict) -> dict:
        return {"type": "scatter3d", "mode": "markers", "x": [0.0], "y": [0.0],
                "z": [state["centre"]], "marker": {"color": COLORS["black"], "size": 5},
                "showlegend": False, "name": "critical point"}

    first = states[active]
    box = scene("x", "y", "z", eye=(1.5, -1.5, 0.8), aspect=(1, 1, 0.8))
    box["zaxis"]["range"] = first["range"]
    buttons = [{"label": state["label"], "method": "update",
                "args": [{"z": [state["z"], [state["centre"]]],
                          "contours": [state["contours"], None], "name": [state["title"], "critical point"]},
                         {"title.text": state["heading"], "scene.zaxis.range": state["range"]}]}
               for state in states]
    layout = dict(
        scene=box, height=480, showlegend=False,
        title={"text": first["heading"], "x": 0.5, "xanchor": "center", "y": 0.97,
               "yanchor": "top", "font": {"size": 14}},
        margin={"l": 0, "r": 0, "t": 60, "b": 50},
        updatemenus=[{"type": "buttons", "direction": "right", "active": active,
                      "showactive": True, "buttons": buttons, "x": 0.5, "xanchor": "center",
                      # light buttons in both modes: the site keeps their text dark
                      "bgcolor": "#f4f4f4",
                      "y": 0.0, "yanchor": "top", "pad": {"t": 4}}])
    # A plain dictionary: building a plotly Figure (importing plotly and
    # validating) costs a page a few tenths of a second; the tests validate
    # the same figure with go.Figure (tests/test_plotting_surfaces.py).
    return {"data": [surface(first), dot(first)], "layout": layout}


def directional_derivative_figure(f: Surface, gradient: Sequence[float], point: Sequence[float],
                                  angles: Sequence[float], xlim: Sequence[float],
                                  ylim: Sequence[float], n: int = 31, active: int = 0,
                                  radius: float = 0.6, arrow_scale: float = 0.1) -> dict:
    """A graph z = f(x, y), its tangent plane at a point, and a slider on the direction.

    At ``p = point`` the figure draws the graph, the tangent plane
    ``z = f(p) + g . (x - p)`` with ``g = gradient`` (a disc of radius
    ``radius`` around p), and, on the floor of the box, ``arrow_scale * g``
    from p. For each angle ``phi`` a frame draws an arrow of length ``radius``
    along ``u = (cos phi, sin phi)`` on the floor, the line on the tangent plane
    above it, ``(p + t u, f(p) + t g . u)`` for ``|t| <= radius``, whose slope
    is the directional derivative ``g . u``, and the curve the vertical plane
    through p along u cuts from the graph, which that line touches.

    Parameters
    ----------
    f : callable
        ``f(X, Y)``, vectorised over arrays.
    gradient : array_like, shape (2,)
        The gradient of f at `point`; it is checked against a central
        difference of `f`.
    point : array_like, shape (2,)
        Where the plane touches; inside the rectangle, at least `radius` from its edges.
    angles : sequence of float
        The directions phi, in radians, one frame each.
    xlim, ylim : (float, float)
        The rectangle the graph is drawn over.
    n : int, optional
        Grid points per side.
    active : int, optional
        The frame the slider starts at (and the static picture shows).
    radius : float, optional
        The radius of the tangent disc and the half-length of the line.
    arrow_scale : float, optional
        The factor the gradient is drawn at (its label says so).

    Returns
    -------
    dict
        plotly's figure dictionary (``data``, ``layout``, ``frames``), for
        :func:`~companion.plotting.interactive.interactive_figure` or ``go.Figure(fig)``. Traces: the graph,
        the tangent disc, the gradient (an arrow on the
        floor), the point, then the moving ones: the direction u (an arrow on
        the floor), the line on the plane, the curve on the graph. Frames are named by phi in
        degrees; each frame's title gives the slope ``g . u``.

    Raises
    ------
    ValueError
        If `gradient` does not match `f` at `point`, the point is too close
        to the rectangle's edge, `angles` is empty or not finite, or
        `n`, `radius`, `arrow_scale` or `active` is out of range.

    Examples
    --------
    >>> import numpy as np
    >>> fig = directional_derivative_figure(lambda X, Y: X**2 + Y**2, [2.0, 0.0], [1.0, 0.0],
    ...                                     np.radians([0, 90]), (0, 2), (-1, 1), n=5)
    >>> [frame["name"] for frame in fig["frames"]]
    ['0', '90']
    >>> line = fig["frames"][0]["data"][1]   # the line on the tangent plane: slope g . u = 2
    >>> round(float((line["z"][-1] - line["z"][0]) / (line["x"][-1] - line["x"][0])), 12)
    2.0
    """
    from .interactive import frame_slider, scene

    g = np.asarray(gradient, dtype=float)
    p = np.asarray(point, dtype=float)
    if g.shape != (2,) or not np.all(np.isfinite(g)):
        raise ValueError(f"gradient must be a finite vector of shape (2,), got {gradient!r}")
    if p.shape != (2,) or not np.all(np.isfinite(p)):
        raise ValueError(f"point must be a finite vector of shape (2,), got {point!r}")
    if not (np.isfinite(radius) and radius > 0):
        raise ValueError(f"radius must be positive, got {radius!r}")
    if not (np.isfinite(arrow_scale) and arrow_scale > 0):
        raise ValueError(f"arrow_scale must be positive, got {arrow_scale!r}")
    x, y, Z = _grid(f, xlim, ylim, n)
    if not (xlim[0] + radius <= p[0] <= xlim[1] - radius
            and ylim[0] + radius <= p[1] <= ylim[1] - radius):
        raise ValueError("point must lie inside xlim x ylim, at least radius from the edges")
    angles = np.asarray(angles, dtype=float)
    if angles.ndim != 1 or angles.size == 0 or not np.all(np.isfinite(angles)):
        raise ValueError("angles must be a non-empty sequence of finite numbers (radians)")
    if not 0 <= active < angles.size:
        raise ValueError(f"active must index an angle (0 to {angles.size - 1}), got {active}")

    def height(q: np.ndarray) -> np.ndarray:
        q = np.atleast_2d(q)
        return np.asarray(f(q[:, 0], q[:, 1]), dtype=float) * np.ones(len(q))

    h = 1e-5 * max(1.0, float(np.max(np.abs(p))))
    by_difference = np.array([(height(p + h * e) - height(p - h * e))[0] / (2 * h) for e in np.eye(2)])
    if not np.allclose(by_difference, g, rtol=1e-5, atol=1e-5 * max(1.0, float(np.abs(g).max()))):
        raise ValueError(f"gradient {g.tolist()} does not match f at point: central differences "
                         f"give {np.round(by_difference, 6).tolist()}")
    top = float(height(p)[0])

    # The tangent plane over a disc around p: polar grid, 2 radii x 41 angles.
    rho, turn = np.meshgrid([0.0, radius], np.linspace(0, 2 * np.pi, 41))
    disc_x, disc_y = p[0] + rho * np.cos(turn), p[1] + rho * np.sin(turn)
    disc_z = top + g[0] * (disc_x - p[0]) + g[1] * (disc_y - p[1])
    low = min(float(Z.min()), float(disc_z.min()))
    high = max(float(Z.max()), float(disc_z.max()))
    floor = low - 0.15 * (high - low)
    C = COLORS
    graph = {"type": "surface", "x": x, "y": y, "z": Z, "colorscale": "Viridis",
             "showscale": False, "opacity": 0.6, "hoverinfo": "skip", "name": "graph of f"}
    plane = {"type": "surface", "x": disc_x, "y": disc_y, "z": disc_z,
             "colorscale": [[0, C["grey"]], [1, C["grey"]]], "showscale": False,
             "opacity": 0.7, "hoverinfo": "skip", "name": "tangent plane"}
    label = "∇f(p)" if arrow_scale == 1 else f"{arrow_scale:g} ∇f(p)"
    grad_arrow = _floor_arrow(arrow_scale * g, p, floor, C["vermillion"], label, "solid",
                              head=0.2 * radius)
    marker = {"type": "scatter3d", "mode": "markers+lines", "x": [p[0], p[0]],
              "y": [p[1], p[1]], "z": [floor, top], "name": "p",
              "marker": {"color": C["black"], "size": 4},
              "line": {"color": C["black"], "width": 2, "dash": "dot"},
              "showlegend": False, "hoverinfo": "skip"}
    t = np.linspace(-radius, radius, 2)
    s = np.linspace(-1.6 * radius, 1.6 * radius, 25)
    lift = 0.015 * (high - low)
    names = [_degrees_label(phi) for phi in angles]

    def moving(phi: float) -> list[dict]:
        u = np.array([np.cos(phi), np.sin(phi)])
        slope = float(g @ u)
        along = p + np.outer(t, u)
        curve = p + np.outer(s, u)
        inside = ((curve[:, 0] >= xlim[0]) & (curve[:, 0] <= xlim[1])
                  & (curve[:, 1] >= ylim[0]) & (curve[:, 1] <= ylim[1]))
        curve_z = np.where(inside, height(curve), np.nan)
        # a hair above the plane it lies in, so that the plane does not hide it
        line = {"type": "scatter3d", "mode": "lines", "x": along[:, 0], "y": along[:, 1],
                "z": top + slope * t + lift, "line": {"color": C["orange"], "width": 9},
                "name": "slope ∇f·u", "showlegend": False, "hoverinfo": "skip"}
        cut = {"type": "scatter3d", "mode": "lines", "x": curve[:, 0], "y": curve[:, 1],
               "z": curve_z, "line": {"color": C["black"], "width": 4, "dash": "dash"},
               "name": "f along u", "showlegend": False, "hoverinfo": "skip"}
        return [_floor_arrow(radius * u, p, floor, C["orange"], "u", "dash", head=0.2 * radius),
                line, cut]

    def title(phi: float, name: str) -> dict:
        slope = float(g @ np.array([np.cos(phi), np.sin(phi)]))
        return {"text": f"φ = {name}°: slope ∇f(p)·u = {round(slope, 2) + 0.0:.2f}".replace("-", "−"),
                "x": 0.5, "xanchor": "center", "font": {"size": 14}}

    fixed = [graph, plane, grad_arrow, marker]
    start = len(fixed)
    frames = [dict(name=name, data=moving(phi), traces=list(range(start, start + 3)),
                   layout={"title": title(phi, name)}) for name, phi in zip(names, angles)]
    # the camera looks across the gradient, so that the line along it shows its true steepness
    across = np.array([-g[1], g[0]]) / np.linalg.norm(g)
    box = scene("x", "y", "z", eye=(-2.1 * across[0], -2.1 * across[1], 0.8), aspect=(1, 1, 0.9))
    box["xaxis"]["range"] = [float(xlim[0]), float(xlim[1])]
    box["yaxis"]["range"] = [float(ylim[0]), float(ylim[1])]
    box["zaxis"]["range"] = [floor, high]
    layout = dict(scene=box, height=520, showlegend=False, title=title(angles[active], names[active]),
                  margin={"l": 12, "r": 0, "t": 40, "b": 40},
                  **frame_slider(names, [f"{name}°" for name in names], prefix="φ = ",
                                 active=active))
    # A plain dictionary: building a plotly Figure (importing plotly and
    # validating) costs a page a few tenths of a second; the tests validate
    # the same figure with go.Figure (tests/test_plotting_surfaces.py).
    return dict(data=[*fixed, *moving(angles[active])], layout=layout, frames=frames)


ParametricSurface = Callable[[np.ndarray, np.ndarray], Sequence[np.ndarray]]


def tangent_frame_figure(X: ParametricSurface, point: Sequence[float],
                         tangents: Sequence[Sequence[float]], u_range: Sequence[float],
                         v_range: Sequence[float], step: float = 0.5,
                         n: tuple[int, int] = (49, 25)) -> dict:
    """A parametrised surface with ``h X_u``, ``h X_v`` and ``h^2 X_u x X_v`` at a point.

    At ``p = X(u0, v0)`` the figure draws the arrows ``h X_u`` and ``h X_v``
    (``h = step``), the parallelogram they span, its normal
    ``(h X_u) x (h X_v)``, whose length is the parallelogram's area, and the
    outline of the curved patch ``X([u0, u0 + h] x [v0, v0 + h])`` that the
    parallelogram approximates.

    Parameters
    ----------
    X : callable
        ``X(u, v)`` for arrays ``u, v`` of one shape, returning the three
        coordinate arrays ``(x, y, z)`` of that shape.
    point : (float, float)
        The parameters ``(u0, v0)``.
    tangents : (array_like, array_like)
        ``X_u`` and ``X_v`` at the point, each of shape (3,).
    u_range, v_range : (float, float)
        The parameter rectangle drawn.
    step : float, optional
        The side ``h`` of the parameter square.
    n : (int, int), optional
        Grid points along u and along v.

    Returns
    -------
    dict
        plotly's figure dictionary (``data``, ``layout``), for
        :func:`~companion.plotting.interactive.interactive_figure` or ``go.Figure(fig)``. Traces: the
        surface, the parallelogram (``mesh3d``), the patch's
        outline, then ``h X_u``, ``h X_v`` and the normal as arrows (shaft and
        cone each; see :func:`~companion.plotting.vectors.arrow_traces`).

    Raises
    ------
    ValueError
        If a tangent is not a finite 3-vector, the tangents are parallel or
        ``step`` is not positive.

    Examples
    --------
    >>> import numpy as np
    >>> plane = lambda u, v: (u, v, 0 * u)
    >>> fig = tangent_frame_figure(plane, (0.0, 0.0), ([1, 0, 0], [0, 1, 0]), (-1, 1), (-1, 1))
    >>> normal = fig["data"][7]   # the normal's shaft, from p to p + h^2 X_u x X_v
    >>> [float(normal["x"][1]), float(normal["y"][1]), float(normal["z"][1])]
    [0.0, 0.0, 0.25]
    """
    from .interactive import scene
    from .vectors import _vector3, arrow_traces

    Xu, Xv = (_vector3(t, name) for t, name in zip(tangents, ("X_u", "X_v")))
    step = float(step)
    if not np.isfinite(step) or step <= 0:
        raise ValueError(f"step must be positive, got {step}")
    if np.linalg.norm(np.cross(Xu, Xv)) <= 1e-12 * np.linalg.norm(Xu) * np.linalg.norm(Xv):
        raise ValueError("the tangents X_u and X_v must not be parallel (a regular point)")
    u0, v0 = (float(c) for c in point)
    p = np.array([float(np.asarray(c)) for c in X(np.float64(u0), np.float64(v0))])
    a, b = step * Xu, step * Xv
    normal = np.cross(a, b)
    C = COLORS
    uu, vv = np.meshgrid(np.linspace(*u_range, n[0]), np.linspace(*v_range, n[1]), indexing="ij")
    xs, ys, zs = (np.broadcast_to(c, uu.shape) for c in X(uu, vv))
    surface = {"type": "surface", "x": xs, "y": ys, "z": zs, "opacity": 0.55,
               "colorscale": [[0, C["grey"]], [1, C["grey"]]], "showscale": False,
               "hoverinfo": "skip", "name": "X(u, v)"}
    corners = np.array([p, p + a, p + a + b, p + b])
    sheet = {"type": "mesh3d", "x": corners[:, 0], "y": corners[:, 1], "z": corners[:, 2],
             "i": [0, 0], "j": [1, 2], "k": [2, 3], "color": C["sky"], "opacity": 0.7,
             "name": "parallelogram", "hoverinfo": "skip", "flatshading": True}
    t = np.linspace(0.0, step, 13)
    edge_u = np.concatenate([u0 + t, np.full(13, u0 + step), u0 + step - t, np.full(13, u0)])
    edge_v = np.concatenate([np.full(13, v0), v0 + t, np.full(13, v0 + step), v0 + step - t])
    outline = np.array([np.broadcast_to(c, edge_u.shape) for c in X(edge_u, edge_v)])
    patch = {"type": "scatter3d", "mode": "lines", "x": outline[0], "y": outline[1],
             "z": outline[2], "line": {"color": C["vermillion"], "width": 5},
             "showlegend": False, "hoverinfo": "skip", "name": "curved patch"}
    arrows = [*arrow_traces(a, p, color=C["blue"], label="h X_u", head=0.15 * step),
              *arrow_traces(b, p, color=C["orange"], label="h X_v", head=0.15 * step),
              *arrow_traces(normal, p, color=C["green"], label="normal", width=8,
                            head=0.15 * step)]
    layout = {"scene": scene("x", "y", "z"), "height": 480, "showlegend": False,
              "margin": {"l": 0, "r": 0, "t": 10, "b": 10}}
    # A plain dictionary: building a plotly Figure (importing plotly and
    # validating) costs a page a few tenths of a second; the tests validate
    # the same figure with go.Figure (tests/test_plotting_tangent_frame.py).
    return {"data": [surface, sheet, patch, *arrows], "layout": layout}
