"""Classifiers in the plane: the decision boundary of a network, played over training.

One figure a reader can play (plotly; hand it to
:func:`~companion.plotting.interactive.interactive_figure`):

- :func:`decision_boundary_figure`: the probability that a network gives to
  class 1, as filled level sets over a coarse grid of the plane, with the
  data points on top; one frame per recorded network of a training run
  (``run.snapshots`` of :func:`companion.learning.train`), with a slider and Play.

The probability runs from blue (class 0 certain) through white (a coin
toss, the decision boundary ``p = 1/2``) to orange (class 1 certain), the
colours of the two classes' points.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from companion._checks import check_count, check_interval

from .interactive import frame_slider
from .style import COLORS

__all__ = ["decision_boundary_figure", "BOUNDARY_MAX_FRAMES"]

#: The most frames :func:`decision_boundary_figure` draws: each holds a grid of probabilities, and a page's
#: stored figure must stay small.
BOUNDARY_MAX_FRAMES = 12

#: Class 0 blue, a coin toss white, class 1 orange (lighter than the points, which stay visible on top).
_COLORSCALE = [[0.0, "#7FB8D9"], [0.5, "#F7F7F7"], [1.0, "#F3CF7F"]]



def decision_boundary_figure(snapshots: Sequence[tuple[int, Any]], X: Any, labels: Any,
                             xlim: Sequence[float], ylim: Sequence[float], *, grid: int = 41,
                             height: int = 460, duration: int = 600) -> dict:
    """The class-1 probability of a network over the plane, one frame per recorded network.

    Parameters
    ----------
    snapshots : sequence of (int, Network)
        ``(step, network)`` pairs with increasing steps, at most
        :data:`BOUNDARY_MAX_FRAMES`, such as ``run.snapshots`` of
        :func:`companion.learning.train`; two-input, two-class networks.
    X : array_like
        The data points, shape (m, 2).
    labels : array_like of int
        Their classes, 0 or 1, shape (m,).
    xlim, ylim : pair of float
        The view, and the extent of the grid.
    grid : int, optional
        Grid points per side, 5 to 81.
    height : int, optional
        The figure's height in pixels.
    duration : int, optional
        Milliseconds per frame when playing.

    Returns
    -------
    dict
        plotly's figure dictionary (``data``, ``layout``, ``frames``). Traces:
        the filled level sets of the probability (levels 0, 0.1, ..., 1),
        then the points of class 0 and of class 1. Frames are named
        ``str(step)`` and replace the first trace and the title (the step
        and the training accuracy); ``data`` shows the first snapshot.

    Raises
    ------
    ValueError
        If there are no snapshots or more than :data:`BOUNDARY_MAX_FRAMES`, the steps
        do not increase, a network does not map 2 inputs to 2 classes, ``X``
        or ``labels`` have the wrong shape or values, or a limit pair or
        ``grid`` is out of range.

    Examples
    --------
    >>> import numpy as np
    >>> from companion.learning import init_network, make_moons, train
    >>> rng = np.random.default_rng(0)
    >>> X, labels = make_moons(20, rng)
    >>> run = train(init_network([2, 4, 2], rng), X, labels, step=0.5, steps=20, record_every=10)
    >>> fig = decision_boundary_figure(run.snapshots, X, labels, (-1.5, 2.5), (-1.0, 1.5), grid=11)
    >>> [frame["name"] for frame in fig["frames"]], np.shape(fig["data"][0]["z"])
    (['0', '10', '20'], (11, 11))
    """
    from companion.learning import Network, accuracy, predict_proba

    pairs = list(snapshots)
    if not 1 <= len(pairs) <= BOUNDARY_MAX_FRAMES:
        raise ValueError(f"snapshots must hold 1 to {BOUNDARY_MAX_FRAMES} (step, network) pairs, got {len(pairs)}")
    steps = []
    for index, pair in enumerate(pairs):
        if not (isinstance(pair, tuple) and len(pair) == 2 and isinstance(pair[1], Network)):
            raise ValueError(f"snapshots[{index}] must be a (step, Network) pair, got {pair!r}")
        if pair[1].sizes[0] != 2 or pair[1].sizes[-1] != 2:
            raise ValueError(f"snapshots[{index}] must be a network from 2 inputs to 2 classes, "
                             f"got sizes {pair[1].sizes}")
        steps.append(check_count(pair[0], f"snapshots[{index}] step", 0))
    if any(b <= a for a, b in zip(steps, steps[1:])):
        raise ValueError(f"the snapshots' steps must increase, got {steps}")
    points = np.asarray(X, dtype=float)
    if points.ndim != 2 or points.shape[1] != 2 or not np.isfinite(points).all():
        raise ValueError(f"X must be finite points of shape (m, 2), got shape {points.shape}")
    classes = np.asarray(labels)
    if classes.shape != (points.shape[0],) or not np.isin(classes, (0, 1)).all():
        raise ValueError(f"labels must be {points.shape[0]} classes 0 or 1, one per point")
    xlim, ylim = check_interval(xlim, "xlim"), check_interval(ylim, "ylim")
    grid = check_count(grid, "grid", 5, 81)

    xs, ys = np.linspace(*xlim, grid), np.linspace(*ylim, grid)
    GX, GY = np.meshgrid(xs, ys)
    plane = np.column_stack([GX.ravel(), GY.ravel()])

    def state(step: int, network: Any) -> tuple[dict, dict]:
        z = predict_proba(network, plane)[:, 1].reshape(GX.shape)
        share = accuracy(network, points, classes)
        title = {"text": f"after {step} steps: {100 * share:.0f}% of the training points right",
                 "y": 0.98, "yanchor": "top", "font": {"size": 13}}
        return {"type": "contour", "x": xs, "y": ys, "z": z, "zmin": 0.0, "zmax": 1.0,
                "contours": {"start": 0.0, "end": 1.0, "size": 0.1, "coloring": "fill"},
                "colorscale": _COLORSCALE, "line": {"width": 0.5, "color": "#FFFFFF"},
                "showscale": False,
                "hovertemplate": "(%{x:.2f}, %{y:.2f}): P(class 1) = %{z:.2f}<extra></extra>",
                "name": "P(class 1)"}, title

    def dots(cls: int, color: str, symbol: str) -> dict:
        chosen = points[classes == cls]
        return {"type": "scatter", "x": chosen[:, 0], "y": chosen[:, 1], "mode": "markers",
                "name": f"class {cls}", "hoverinfo": "skip",
                "marker": {"color": color, "symbol": symbol, "size": 7,
                           "line": {"color": COLORS["black"], "width": 0.5}}}

    states = [state(step, network) for step, network in pairs]
    data = [states[0][0], dots(0, COLORS["blue"], "circle"), dots(1, COLORS["orange"], "diamond")]
    layout = {
        "title": states[0][1],
        "xaxis": {"title": {"text": "x₁"}, "range": list(xlim), "zeroline": False, "constrain": "domain"},
        "yaxis": {"title": {"text": "x₂"}, "range": list(ylim), "zeroline": False,
                  "scaleanchor": "x", "scaleratio": 1, "constrain": "domain"},
        "height": height,
        # the title at the top of the figure, the legend between it and the plot
        "margin": {"l": 50, "r": 10, "t": 75, "b": 10},
        "legend": {"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom"},
        **frame_slider([str(step) for step in steps], prefix="step ", duration=duration),
    }
    frames = [{"name": str(step), "traces": [0], "data": [trace], "layout": {"title": title}}
              for step, (trace, title) in zip(steps, states)]
    return {"data": data, "layout": layout, "frames": frames}
