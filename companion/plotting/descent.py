"""Iterative methods played on a contour plot: descent paths, step sizes, Newton.

Two figures a reader can move (plotly; hand them to
:func:`~companion.plotting.interactive.interactive_figure`):

- :func:`step_size_figure`: gradient descent from one start for several step
  sizes, one slider step per step size, each showing the whole path; the
  title names the regime (smooth, zigzag, divergent) from the largest
  curvature ``L``.
- :func:`iterates_figure`: one or more paths (iterates of
  :mod:`companion.optimize`), played iteration by iteration: a slider over
  chosen iteration numbers ``k`` and a Play button; every path is drawn up to
  its iterate ``k``.

Both draw the level curves of ``f`` on a grid of at most ``grid x grid``
points, as grey lines (a one-colour scale, the same on the site in light and
dark mode as in the static picture), so that the paths carry the colour. With
equal axes both axes are constrained to their domain: the drawn region is
exactly ``xlim x ylim`` on every screen.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from companion._checks import as_vector, check_count, check_interval, check_positive

from .interactive import frame_slider
from .style import COLORS

__all__ = ["step_size_figure", "iterates_figure", "trail_indices", "step_regime"]

_PATH_COLORS = ("blue", "vermillion", "green", "orange", "purple")
_PATH_DASHES = ("solid", "dash", "dot", "dashdot", "longdash")
_PATH_SYMBOLS = ("circle", "square", "diamond", "triangle-up", "x")



def _levels(value: Any) -> tuple[float, float, float] | None:
    if value is None:
        return None
    start, end, size = as_vector(value, "levels", dim=3)
    if not (start < end and size > 0):
        raise ValueError("levels must be (start, end, size) with start < end and size > 0, "
                         f"got ({start:g}, {end:g}, {size:g})")
    return float(start), float(end), float(size)


def _contour(f: Callable[[np.ndarray, np.ndarray], Any], xlim: tuple[float, float],
             ylim: tuple[float, float], grid: int, levels: tuple[float, float, float] | None,
             log_scale: bool) -> dict:
    if not callable(f):
        raise TypeError(f"f must be callable, got {f!r}")
    xs, ys = np.linspace(*xlim, grid), np.linspace(*ylim, grid)
    X, Y = np.meshgrid(xs, ys)
    Z = np.asarray(f(X, Y), dtype=float)
    if Z.shape != X.shape or not np.isfinite(Z).all():
        raise ValueError(f"f(X, Y) must return finite values of the grid's shape {X.shape}")
    if log_scale:
        if np.any(Z < 0):
            raise ValueError("log_scale needs f >= 0 on the grid")
        # log10(1 + f): levels evenly spaced on a log scale where f is large, defined at f = 0
        Z = np.log10(1 + Z)
    contours: dict[str, Any] = {"coloring": "lines", "showlabels": False}
    if levels is not None:
        contours.update(start=levels[0], end=levels[1], size=levels[2])
    # With coloring "lines" plotly colours the lines by the colorscale and ignores line.color;
    # a one-colour scale makes them the same mid grey on the site (light and dark mode) as in
    # the static picture, which draws line.color.
    grey = COLORS["grey"]
    trace = {"type": "contour", "x": xs, "y": ys, "z": Z, "contours": contours,
             "showscale": False, "hoverinfo": "skip", "colorscale": [[0, grey], [1, grey]],
             "line": {"color": grey, "width": 1}, "autocontour": levels is None,
             "showlegend": False, "name": "level curves of f"}
    if levels is None:
        trace["ncontours"] = 14
    return trace


def _plane_layout(xlim: tuple[float, float], ylim: tuple[float, float], equal_axes: bool,
                  height: int) -> dict:
    layout: dict[str, Any] = {
        "xaxis": {"title": {"text": "x"}, "range": list(xlim), "zeroline": False},
        "yaxis": {"title": {"text": "y"}, "range": list(ylim), "zeroline": False},
        "height": height,
        "margin": {"l": 50, "r": 10, "t": 40, "b": 10},
    }
    if equal_axes:
        # constrain="domain": to keep one unit as long on both axes plotly shrinks the plot
        # area rather than widening a range, so the view is exactly xlim x ylim on every
        # screen (a path cut where it leaves the view does leave the picture there)
        layout["yaxis"].update(scaleanchor="x", scaleratio=1, constrain="domain")
        layout["xaxis"].update(constrain="domain")
    return layout


def step_regime(step: float, curvature: float) -> str:
    """What fixed-step descent does on a quadratic with largest curvature ``L``.

    Along the Hessian's eigenvector of eigenvalue ``L`` one step multiplies the
    error by ``1 - step * L``; the other factors ``1 - step * lambda`` lie
    between it and 1.

    Parameters
    ----------
    step : float
        The step size alpha, > 0.
    curvature : float
        ``L``, the largest eigenvalue of the (positive definite) Hessian, > 0.

    Returns
    -------
    str
        ``"smooth"`` (``alpha L < 1``: every factor in (0, 1), no sign change),
        ``"onto the axis in one step"`` (``alpha L = 1``: the steep component
        is zero after the first step and stays zero, so the first iterate lands
        on the ellipses' flat principal axis and the path stays on it), ``"zigzag"`` (``1 < alpha L < 2``:
        the steep component flips sign and shrinks), ``"endless zigzag"``
        (``alpha L = 2``: it flips and keeps its size) or ``"diverges"``
        (``alpha L > 2``). Equality is judged to a relative ``1e-9``.

    Examples
    --------
    >>> [step_regime(a, 10.0) for a in (0.05, 0.1, 0.15, 0.2, 0.25)]
    ['smooth', 'onto the axis in one step', 'zigzag', 'endless zigzag', 'diverges']
    """
    product = check_positive(step, "step") * check_positive(curvature, "curvature")
    if math.isclose(product, 1.0, rel_tol=1e-9):
        return "onto the axis in one step"
    if math.isclose(product, 2.0, rel_tol=1e-9):
        return "endless zigzag"
    if product < 1:
        return "smooth"
    return "zigzag" if product < 2 else "diverges"


def _cut_at_exit(path: np.ndarray, xlim: tuple[float, float], ylim: tuple[float, float]) -> np.ndarray:
    """The path up to and including its first point outside the view box."""
    outside = ((path[:, 0] < xlim[0]) | (path[:, 0] > xlim[1])
               | (path[:, 1] < ylim[0]) | (path[:, 1] > ylim[1]))
    exits = np.flatnonzero(outside)
    return path if exits.size == 0 else path[: exits[0] + 1]


def step_size_figure(f: Callable[[np.ndarray, np.ndarray], Any],
                     grad: Callable[[np.ndarray], Any], x0: Any, steps: Sequence[float],
                     xlim: Sequence[float], ylim: Sequence[float], *, curvature: float,
                     iterations: int = 15, active: int = 0,
                     levels: Sequence[float] | None = None, log_scale: bool = False,
                     grid: int = 41, height: int = 500) -> dict:
    """Gradient descent for several step sizes, one slider step each.

    Each step size ``alpha`` is run with :func:`companion.optimize.gradient_descent`
    from ``x0`` for at most ``iterations`` steps; its frame shows the whole
    path, cut after its first iterate outside the view (a diverging path leaves
    the picture there; the rest would only inflate the figure). The title names
    the regime, :func:`step_regime` of ``alpha`` and ``curvature``.

    Parameters
    ----------
    f : callable
        Vectorised ``f(X, Y)``, for the level curves.
    grad : callable
        ``grad(x)`` for a point ``x`` of shape ``(2,)``, as the descent takes it.
    x0 : array_like
        The start, two numbers.
    steps : sequence of float
        The step sizes, positive and increasing.
    xlim, ylim : pair of float
        The view; the axes are equal (lengths matter here).
    curvature : float
        ``L``, the largest eigenvalue of the Hessian, for the titles.
    iterations : int, optional
        Steps of each run (the descent's ``maxiter``; it stops earlier only at a
        gradient below ``1e-12``).
    active : int, optional
        The index of the step size shown first (and in the static picture).
    levels : (start, end, size), optional
        Contour levels of f (of ``log10(1 + f)`` with ``log_scale``); by default
        14 chosen by plotly.
    log_scale : bool, optional
        Contour ``log10(1 + f)`` (f must be >= 0), for functions with steep walls.
    grid : int, optional
        Grid points per side for the contours, 5 to 81.
    height : int, optional
        The figure's height in pixels.

    Returns
    -------
    dict
        plotly's figure dictionary (``data``, ``layout``, ``frames``), for
        :func:`~companion.plotting.interactive.interactive_figure` or
        ``go.Figure(fig)``. Traces: the level curves, the path (frames replace
        it), the start. One frame per step size, named by its index, with the
        title of its regime.

    Raises
    ------
    ValueError
        If ``steps`` is empty, not positive or not increasing, ``active`` does
        not index it, a limit pair is not increasing, ``x0`` is not two finite
        numbers, or ``iterations``, ``grid``, ``levels`` or ``curvature`` are
        out of range.

    Examples
    --------
    >>> import numpy as np
    >>> fig = step_size_figure(lambda X, Y: (X**2 + 10 * Y**2) / 2,
    ...                        lambda v: np.array([1.0, 10.0]) * v, [1.0, 1.0],
    ...                        [0.05, 0.15, 0.25], (-1.2, 1.2), (-1.4, 1.4), curvature=10.0)
    >>> len(fig["frames"]), fig["layout"]["title"]["text"]
    (3, 'α = 0.05 < 1/L: smooth')
    >>> fig["frames"][2]["layout"]["title"]["text"]
    'α = 0.25 > 2/L: diverges'
    """
    from companion.optimize import gradient_descent

    start = as_vector(x0, "x0", dim=2)
    alphas = as_vector(steps, "steps")
    if alphas.size == 0 or np.any(alphas <= 0) or np.any(np.diff(alphas) <= 0):
        raise ValueError(f"steps must be positive and increasing, got {alphas.tolist()}")
    if not 0 <= active < alphas.size:
        raise ValueError(f"active must index steps (0 to {alphas.size - 1}), got {active}")
    L = check_positive(curvature, "curvature")
    iterations = check_count(iterations, "iterations", 1, 200)
    grid = check_count(grid, "grid", 5, 81)
    xlim, ylim = check_interval(xlim, "xlim"), check_interval(ylim, "ylim")

    titles = {"smooth": "< 1/L: smooth", "onto the axis in one step": "= 1/L: onto the axis in one step",
              "zigzag": "between 1/L and 2/L: zigzag", "endless zigzag": "= 2/L: endless zigzag",
              "diverges": "> 2/L: diverges"}
    runs = [gradient_descent(grad, start, step=float(a), tol=1e-12, maxiter=iterations)
            for a in alphas]
    paths = [_cut_at_exit(run.history, xlim, ylim) for run in runs]
    style = {"mode": "lines+markers", "line": {"color": COLORS["blue"], "width": 2},
             "marker": {"color": COLORS["blue"], "size": 6}, "name": "iterates",
             "showlegend": False, "hovertemplate": "(%{x:.3f}, %{y:.3f})<extra></extra>"}

    def title(i: int) -> str:
        return f"α = {alphas[i]:g} {titles[step_regime(float(alphas[i]), L)]}"

    contour = _contour(f, xlim, ylim, grid, _levels(levels), log_scale)
    data = [contour,
            {"type": "scatter", "x": paths[active][:, 0], "y": paths[active][:, 1], **style},
            {"type": "scatter", "x": [start[0]], "y": [start[1]], "mode": "markers",
             "name": "start", "showlegend": False, "hoverinfo": "skip",
             "marker": {"symbol": "circle-open", "size": 12, "color": COLORS["black"],
                        "line": {"width": 2}}}]
    frames = [{"name": str(i), "traces": [1],
               "data": [{"type": "scatter", "x": path[:, 0], "y": path[:, 1], **style}],
               "layout": {"title": {"text": title(i)}}}
              for i, path in enumerate(paths)]
    layout = {**_plane_layout(xlim, ylim, True, height),
              "title": {"text": title(active), "x": 0.02, "font": {"size": 14}},
              "showlegend": False,
              **frame_slider([str(i) for i in range(alphas.size)],
                             [f"{a:g}" for a in alphas], prefix="α = ",
                             active=active, play=False)}
    # A plain dictionary: building a plotly Figure (importing plotly and
    # validating) costs a page a few tenths of a second; the tests validate
    # the same figure with go.Figure (tests/test_plotting_descent.py).
    return {"data": data, "layout": layout, "frames": frames}


def trail_indices(k: int, points: int = 120) -> np.ndarray:
    """Which iterates 0..k to draw of a long path: all early ones, then spaced out.

    The first ``points // 3`` iterates are all kept (early steps are large and
    each one shows), the rest are spaced geometrically up to ``k``, which is
    always included; at most ``points`` indices in all.

    Examples
    --------
    >>> trail_indices(5).tolist()
    [0, 1, 2, 3, 4, 5]
    >>> idx = trail_indices(40000, points=60)
    >>> len(idx) <= 60, idx[:3].tolist(), int(idx[-1])
    (True, [0, 1, 2], 40000)
    """
    k = check_count(k, "k", 0)
    points = check_count(points, "points", 4)
    if k + 1 <= points:
        return np.arange(k + 1)
    dense = points // 3
    spaced = np.unique(np.geomspace(dense, k, points - dense).round().astype(int))
    return np.concatenate([np.arange(dense), spaced])


def iterates_figure(f: Callable[[np.ndarray, np.ndarray], Any], paths: Mapping[str, Any],
                    frames: Sequence[int], xlim: Sequence[float], ylim: Sequence[float], *,
                    markers: bool | Sequence[bool] = False,
                    levels: Sequence[float] | None = None, log_scale: bool = False,
                    grid: int = 41, trail: int = 120, equal_axes: bool = True,
                    target: Sequence[float] | None = None, height: int = 480,
                    duration: int = 500) -> dict:
    """Paths of iterates played step by step on the level curves of f.

    Frame ``k`` shows each path's iterates ``0 .. min(k, last)`` (a long
    trail thinned by :func:`trail_indices`) and a large marker on iterate
    ``min(k, last)``: a path that has stopped stays at its last iterate.

    Parameters
    ----------
    f : callable
        Vectorised ``f(X, Y)``, for the level curves.
    paths : mapping of str to array_like
        Legend label -> iterates, shape ``(m + 1, 2)`` (``result.history`` of
        :mod:`companion.optimize`). At most five paths; colour, dash and
        marker shape tell them apart.
    frames : sequence of int
        The iteration numbers the slider visits, increasing, >= 0 (about 25 at
        most; sample a long run).
    xlim, ylim : pair of float
        The view.
    markers : bool or sequence of bool, optional
        Mark every drawn iterate of a path (for short paths such as Newton's).
    levels : (start, end, size), optional
        Contour levels of f (of ``log10(1 + f)`` with ``log_scale``).
    log_scale : bool, optional
        Contour ``log10(1 + f)`` (f must be >= 0).
    grid : int, optional
        Grid points per side for the contours, 5 to 81.
    trail : int, optional
        The most iterates drawn per path and frame.
    equal_axes : bool, optional
        One unit is as long on both axes (``scaleanchor``).
    target : pair of float, optional
        A point to mark with a star (the minimiser).
    height : int, optional
        The figure's height in pixels.
    duration : int, optional
        Milliseconds per frame when playing.

    Returns
    -------
    dict
        plotly's figure dictionary (``data``, ``layout``, ``frames``), for
        :func:`~companion.plotting.interactive.interactive_figure` or
        ``go.Figure(fig)``. Traces: the level curves, then per path its trail
        and its current iterate, then the target. Frames are named ``str(k)``;
        the figure's ``data`` shows the first frame.

    Raises
    ------
    ValueError
        If a path is not an ``(m + 1, 2)`` array of finite numbers, there are
        no paths or more than five, ``frames`` is empty, negative or not
        increasing, ``markers`` has the wrong length, or a limit pair,
        ``levels``, ``grid`` or ``trail`` is out of range.

    Examples
    --------
    >>> import numpy as np
    >>> from companion.optimize import gradient_descent
    >>> run = gradient_descent(lambda v: np.array([1.0, 10.0]) * v, [1.0, 1.0], step=0.15)
    >>> fig = iterates_figure(lambda X, Y: X**2 + 10 * Y**2, {"descent": run.history},
    ...                       [0, 1, 2, 5], (-1.2, 1.2), (-1.2, 1.2))
    >>> [frame["name"] for frame in fig["frames"]]
    ['0', '1', '2', '5']
    >>> bool(np.allclose(fig["frames"][3]["data"][0]["x"], run.history[:6, 0]))  # the trail, k <= 5
    True
    """
    if not isinstance(paths, Mapping) or not 1 <= len(paths) <= len(_PATH_COLORS):
        raise ValueError(f"paths must map 1 to {len(_PATH_COLORS)} labels to iterates, "
                         f"got {type(paths).__name__} of {len(paths) if hasattr(paths, '__len__') else '?'}")
    arrays = {}
    for label, value in paths.items():
        try:
            arr = np.asarray(value, dtype=float)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"paths[{label!r}] must be an array of numbers") from exc
        if arr.ndim != 2 or arr.shape[1] != 2 or arr.shape[0] == 0 or not np.isfinite(arr).all():
            raise ValueError(f"paths[{label!r}] must be finite iterates of shape (m + 1, 2), "
                             f"got shape {arr.shape}")
        arrays[str(label)] = arr
    ks = [check_count(k, "frames", 0) for k in frames]
    if not ks or any(b <= a for a, b in zip(ks, ks[1:])):
        raise ValueError(f"frames must be increasing iteration numbers >= 0, got {list(frames)}")
    marks = [bool(markers)] * len(arrays) if isinstance(markers, bool) else [bool(m) for m in markers]
    if len(marks) != len(arrays):
        raise ValueError(f"markers must be one bool or one per path ({len(arrays)}), got {len(marks)}")
    grid = check_count(grid, "grid", 5, 81)
    trail = check_count(trail, "trail", 4)
    xlim, ylim = check_interval(xlim, "xlim"), check_interval(ylim, "ylim")

    def traces(k: int) -> list:
        out = []
        for i, ((label, path), mark) in enumerate(zip(arrays.items(), marks)):
            last = min(k, len(path) - 1)
            shown = path[trail_indices(last, trail)]
            color = COLORS[_PATH_COLORS[i]]
            out.append(dict(
                type="scatter", x=shown[:, 0], y=shown[:, 1], mode="lines+markers" if mark else "lines",
                name=label, legendgroup=label,
                line={"color": color, "width": 2, "dash": _PATH_DASHES[i]},
                marker={"color": color, "size": 6, "symbol": _PATH_SYMBOLS[i]},
                hoverinfo="skip"))
            out.append(dict(
                type="scatter", x=[path[last, 0]], y=[path[last, 1]], mode="markers", name=f"{label}: x_k",
                legendgroup=label, showlegend=False,
                marker={"color": color, "size": 12, "symbol": _PATH_SYMBOLS[i],
                        "line": {"color": "#ffffff", "width": 1}},
                hovertemplate=f"{label}, k = {last}: " + "(%{x:.4f}, %{y:.4f})<extra></extra>"))
        return out

    data = [_contour(f, xlim, ylim, grid, _levels(levels), log_scale), *traces(ks[0])]
    if target is not None:
        star = as_vector(target, "target", dim=2)
        data.append(dict(type="scatter", x=[star[0]], y=[star[1]], mode="markers", name="minimum",
                               showlegend=False, hoverinfo="skip",
                               marker={"symbol": "star", "size": 13, "color": COLORS["black"]}))
    moving = list(range(1, 1 + 2 * len(arrays)))
    layout = {**_plane_layout(xlim, ylim, equal_axes, height),
              "legend": {"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom"},
              **frame_slider([str(k) for k in ks], prefix="iteration k = ", duration=duration)}
    # A plain dictionary: building a plotly Figure (importing plotly and
    # validating) costs a page a few tenths of a second; the tests validate
    # the same figure with go.Figure (tests/test_plotting_descent.py).
    return {"data": data, "layout": layout,
            "frames": [{"name": str(k), "traces": moving, "data": traces(k)} for k in ks]}
