"""Fields that evolve in time: a sequence of grid values played as a surface (plotly)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from .style import _colour_range

__all__ = ["evolving_surface_figure"]


def evolving_surface_figure(x: Any, y: Any, values: Any, times: Sequence[float],
                            active: int = 0, z: str = "u", time_label: str = "t = ",
                            colorscale: str = "Viridis", height: int = 480,
                            eye: tuple[float, float, float] = (1.5, -1.5, 1.0)) -> dict:
    """A field on a grid at several times, as a surface with a slider and Play.

    Every frame draws ``values[f]`` as the surface ``z = u(x, y)`` coloured
    by its height, with one colour range and one z range for all frames (the
    smallest and largest value over all of them), so that a peak flattening
    out looks lower *and* paler from frame to frame.

    Parameters
    ----------
    x : array_like, shape (nx,)
        Increasing grid coordinates along x.
    y : array_like, shape (ny,)
        Increasing grid coordinates along y.
    values : array_like, shape (frames, ny, nx)
        The field at each time, y along the rows (as ``numpy.meshgrid``).
    times : sequence of float
        The time of each frame, increasing; shown by the slider.
    active : int, optional
        The frame the slider starts at, and the figure's ``data`` shows.
    z : str, optional
        The vertical axis' title.
    time_label : str, optional
        Text before the time on the slider.
    colorscale : str, optional
        "Viridis" or "Cividis".
    height : int, optional
        In pixels.
    eye : (float, float, float), optional
        The camera's position (plotly's ``camera.eye``).

    Returns
    -------
    dict
        plotly's figure dictionary (``data``, ``layout``, ``frames``), for
        :func:`~companion.plotting.interactive.interactive_figure` or
        ``go.Figure(fig)``. One ``surface`` trace; frame ``f`` is named
        ``str(f)`` and replaces its heights ``z`` by ``values[f]``.

    Raises
    ------
    ValueError
        If `x` or `y` is not increasing and finite, `values` does not have
        shape ``(len(times), len(y), len(x))`` or holds a value that is not
        finite, `times` is empty or not increasing, `active` indexes no frame,
        `colorscale` is not one of the two, or `height` is below 200.

    Examples
    --------
    >>> x = y = np.linspace(0.0, 1.0, 5)
    >>> X, Y = np.meshgrid(x, y)
    >>> bump = np.exp(-10 * ((X - 0.5) ** 2 + (Y - 0.5) ** 2))
    >>> fig = evolving_surface_figure(x, y, [bump, 0.5 * bump, 0.25 * bump], [0.0, 0.1, 0.2])
    >>> len(fig["frames"]), fig["data"][0]["cmax"], fig["layout"]["scene"]["zaxis"]["range"][1]
    (3, 1.0, 1.0)
    """
    from .interactive import frame_slider, scene

    x = _axis(x, "x")
    y = _axis(y, "y")
    times = np.asarray(times, dtype=float)
    if times.ndim != 1 or times.size == 0 or not np.all(np.isfinite(times)):
        raise ValueError("times must be a non-empty sequence of finite numbers")
    if np.any(np.diff(times) <= 0):
        raise ValueError("times must increase")
    values = np.asarray(values, dtype=float)
    if values.shape != (times.size, y.size, x.size):
        raise ValueError(f"values must have shape (len(times), len(y), len(x)) = "
                         f"{(times.size, y.size, x.size)}, got {values.shape}")
    if not np.all(np.isfinite(values)):
        raise ValueError("values must be finite")
    if isinstance(active, bool) or not isinstance(active, (int, np.integer)) \
            or not 0 <= active < times.size:
        raise ValueError(f"active must index a frame (0 to {times.size - 1}), got {active!r}")
    low, high = _colour_range(values, colorscale, height)

    def surface(u: np.ndarray) -> dict:
        return {"type": "surface", "x": x, "y": y, "z": u, "cmin": low, "cmax": high,
                "colorscale": colorscale, "showscale": False, "name": z,
                "hovertemplate": "x %{x:.2f}, y %{y:.2f}<br>" + z + " %{z:.3f}<extra></extra>"}

    names = [str(f) for f in range(times.size)]
    labels = [f"{t:.3g}" for t in times]
    # A frame carries only the heights: plotly keeps the trace's grid and colour range.
    frames = [{"name": name, "data": [{"type": "surface", "z": u}], "traces": [0]}
              for name, u in zip(names, values)]
    box = scene("x", "y", z, eye=eye, aspect=(1, 1, 0.6))
    box["xaxis"]["range"] = [float(x[0]), float(x[-1])]
    box["yaxis"]["range"] = [float(y[0]), float(y[-1])]
    box["zaxis"]["range"] = [low, high]
    controls = frame_slider(names, labels, prefix=time_label, active=active)
    layout = {"scene": box, "height": height, "showlegend": False,
              "margin": {"l": 10, "r": 0, "t": 10, "b": 10}, **controls}
    # A plain dictionary: building a plotly Figure (importing plotly and
    # validating) costs a page a few tenths of a second; the tests validate
    # the same figure with go.Figure (tests/test_plotting_diffusion.py).
    return {"data": [surface(values[active])], "layout": layout, "frames": frames}


def _axis(values: Any, name: str) -> np.ndarray:
    axis = np.asarray(values, dtype=float)
    if axis.ndim != 1 or axis.size < 2 or not np.all(np.isfinite(axis)) \
            or np.any(np.diff(axis) <= 0):
        raise ValueError(f"{name} must be an increasing sequence of at least 2 finite numbers")
    return axis
