"""Figures a reader can turn and play: plotly figures on a page, offline.

A page builds a figure, as plotly's figure dictionary (what the book's builders
return: no plotly import on the page) or a :class:`plotly.graph_objects.Figure`,
and hands it to :func:`interactive_figure`, which returns an :class:`Interactive`: the figure as
plotly's own JSON (the ``application/vnd.plotly.v1+json`` output that
JupyterLab draws with plotly's extension and the book's site draws with its
own copy of plotly.js) and a static PNG of its first state in the same output
bundle, drawn with matplotlib, for the PDF edition and wherever scripts do
not run.

Stored outputs must not depend on the machine (strict nbval compares them):
every float in the figure is rounded to ``digits`` significant digits of its
array's largest magnitude, which is far below what a reader can see and far
above the last-bit differences between processors. The figure's name fixes
its HTML id, so that outputs are byte-identical from run to run.

Colours follow the book's palette (:data:`companion.plotting.style.COLORS`); the
backgrounds are transparent and the site's script recolours text and grid
lines for dark mode.
"""

from __future__ import annotations

import base64
import io
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

__all__ = ["PLOTLY_MIME", "FONT", "Interactive", "interactive_figure", "frame_slider", "scene",
           "static_figure"]

#: The MIME type of a plotly figure in a notebook output.
PLOTLY_MIME = "application/vnd.plotly.v1+json"

#: The site's own font stack (plotly's default, Open Sans, is not served offline).
FONT = ("-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, "
        "'Helvetica Neue', Arial, sans-serif")

_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,60}$")

#: What the page's toolbar offers: no plotly logo, no link to plotly's
#: online editor, no lasso or box select (nothing on a page is selectable).
CONFIG = {
    "responsive": True,
    "displaylogo": False,
    "scrollZoom": False,
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "sendDataToCloud"],
}


@dataclass(frozen=True)
class Interactive:
    """A figure ready for a page: plotly JSON, a static PNG and a fixed name.

    Displaying it (the last expression of a cell) emits one output with three
    MIME types: plotly's JSON, ``image/png`` and a line of ``text/plain``.

    Attributes
    ----------
    name : str
        Lower-case letters, digits and hyphens; the figure's HTML id is
        ``"cv-fig-" + name``.
    spec : dict
        ``{"data", "layout", "frames", "config"}`` as plotly.js reads them,
        with every float rounded.
    png : bytes
        The static picture of the figure's first state.
    """

    name: str
    spec: dict = field(repr=False)
    png: bytes = field(repr=False)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> tuple[dict, dict]:
        frames = len(self.spec.get("frames", []))
        text = f"Interactive figure {self.name!r}: {len(self.spec['data'])} traces"
        if frames:
            text += f", {frames} frames"
        data = {
            PLOTLY_MIME: self.spec,
            "image/png": base64.b64encode(self.png).decode("ascii"),
            "text/plain": text,
        }
        return data, {PLOTLY_MIME: {"name": self.name}}


def interactive_figure(figure: Any, name: str, digits: int = 4,
                       static_size: tuple[float, float] = (6.4, 4.0),
                       static_frame: int | None = None) -> Interactive:
    """Prepare a plotly figure for a page.

    Parameters
    ----------
    figure : plotly.graph_objects.Figure or dict
        The figure, with its frames and sliders if it moves. Its ``data``
        (not a frame) is what the static picture shows, so it should be the
        state the slider starts at.
    name : str
        A short id, unique in the book: lower-case letters, digits, hyphens.
    digits : int, optional
        Significant digits kept in every float array (relative to the array's
        largest magnitude), 2 to 8.
    static_size : (float, float), optional
        Width and height of the static picture in inches (at 100 dpi).
    static_frame : int, optional
        Draw the static picture from this frame (an index into the figure's
        frames; -1 is the last) instead of the first state: for a figure that
        plays from an empty start, the end is the better printed picture.

    Returns
    -------
    Interactive

    Raises
    ------
    ValueError
        If `name` is not a valid id, `digits` is out of range, `static_frame`
        does not index a frame, or the figure holds a value that is not finite
        where a number is expected.
    TypeError
        If `figure` is neither a plotly figure nor a dict with ``data``.

    Examples
    --------
    >>> import plotly.graph_objects as go
    >>> fig = go.Figure(go.Scatter(x=[0, 1/3, 1], y=[0, 1/9, 1], mode="lines"))
    >>> out = interactive_figure(fig, "parabola")
    >>> out.spec["data"][0]["x"]
    [0.0, 0.333, 1.0]
    >>> out.png[:4] == b"\\x89PNG"
    True
    >>> interactive_figure(fig, "Not a name")
    Traceback (most recent call last):
    ...
    ValueError: name must be lower-case letters, digits and hyphens (at most 61), got 'Not a name'
    """
    if not isinstance(name, str) or not _NAME.match(name):
        raise ValueError("name must be lower-case letters, digits and hyphens "
                         f"(at most 61), got {name!r}")
    if isinstance(digits, bool) or not isinstance(digits, int) or not 2 <= digits <= 8:
        raise ValueError(f"digits must be an integer from 2 to 8, got {digits!r}")
    if hasattr(figure, "to_plotly_json"):
        raw = figure.to_plotly_json()
    elif isinstance(figure, dict) and "data" in figure:
        raw = figure
    else:
        raise TypeError("figure must be a plotly Figure or a dict with 'data', "
                        f"got {type(figure).__name__}")
    spec = {
        "data": [_rounded(trace, digits, "data") for trace in raw.get("data", [])],
        "layout": _rounded(_with_defaults(raw.get("layout", {})), digits, "layout"),
    }
    if raw.get("frames"):
        spec["frames"] = [_rounded(frame, digits, "frames") for frame in raw["frames"]]
    spec["config"] = dict(CONFIG)
    shown = spec
    if static_frame is not None:
        frames = spec.get("frames", [])
        if isinstance(static_frame, bool) or not isinstance(static_frame, int) \
                or not -len(frames) <= static_frame < len(frames):
            raise ValueError(f"static_frame must index the figure's {len(frames)} frames, "
                             f"got {static_frame!r}")
        shown = _with_frame(spec, frames[static_frame])
    png = _png(static_figure(shown, static_size))
    return Interactive(name=name, spec=spec, png=png)


def _with_frame(spec: dict, frame: dict) -> dict:
    """The figure as it looks once `frame` has been applied (as plotly.animate does)."""
    data = [dict(trace) for trace in spec["data"]]
    targets = frame.get("traces", list(range(len(frame.get("data", [])))))
    for index, update in zip(targets, frame.get("data", [])):
        data[index] = {**data[index], **update}
    layout = {**spec.get("layout", {}), **frame.get("layout", {})}
    return {**spec, "data": data, "layout": layout}


def _with_defaults(layout: dict) -> dict:
    """The book's look: transparent backgrounds, the site's font, no plotly template."""
    layout = dict(layout)
    layout.pop("template", None)
    font = dict(layout.get("font", {}))
    font.setdefault("family", FONT)
    font.setdefault("size", 13)
    font.setdefault("color", "#222222")
    layout["font"] = font
    layout.setdefault("paper_bgcolor", "rgba(0,0,0,0)")
    layout.setdefault("plot_bgcolor", "rgba(0,0,0,0)")
    # A slider and its buttons sit in the bottom margin: leave them room.
    bottom = 175 if layout.get("sliders") else 10
    layout.setdefault("margin", {"l": 10, "r": 10, "t": 30, "b": bottom})
    layout.setdefault("autosize", True)
    return layout


def _significant(values: np.ndarray, digits: int) -> np.ndarray:
    finite = values[np.isfinite(values)]
    scale = float(np.max(np.abs(finite))) if finite.size else 0.0
    if scale == 0.0:
        return values
    decimals = digits - 1 - math.floor(math.log10(scale))
    return np.round(values, decimals) + 0.0   # + 0.0 turns -0.0 into 0.0


def _rounded(value: Any, digits: int, where: str) -> Any:
    """`value` as plain JSON: arrays to lists, floats rounded, NaN to None (a gap)."""
    if isinstance(value, dict):
        if "bdata" in value:
            # plotly encodes NumPy arrays as base64 binary; store them as numbers.
            return _rounded(_decoded(value), digits, where)
        return {key: _rounded(item, digits, f"{where}.{key}") for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        numbers = [v for v in value if isinstance(v, (int, float)) and not isinstance(v, bool)]
        if value and len(numbers) == len(value) and any(isinstance(v, float) for v in value):
            return _rounded(np.asarray(value, dtype=float), digits, where)
        return [_rounded(item, digits, where) for item in value]
    if isinstance(value, np.ndarray):
        if value.dtype.kind == "f":
            if np.isinf(value).any():
                raise ValueError(f"{where}: an array holds an infinity")
            return _nan_to_none(_significant(value, digits).tolist())
        if value.dtype.kind in "iub":
            return value.tolist()
        return [_rounded(item, digits, where) for item in value.tolist()]
    if isinstance(value, (float, np.floating)) and not isinstance(value, bool):
        number = float(value)
        if not math.isfinite(number):
            raise ValueError(f"{where}: a number is not finite ({number})")
        return float(_significant(np.array([number]), max(digits, 6))[0])
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.bool_):
        return bool(value)
    return value


def _decoded(encoded: dict) -> np.ndarray:
    array = np.frombuffer(base64.b64decode(encoded["bdata"]), dtype=np.dtype(encoded["dtype"]))
    shape = encoded.get("shape")
    if shape:
        dims = [int(n) for n in str(shape).split(",")] if isinstance(shape, str) else list(shape)
        array = array.reshape(dims)
    return array


def _nan_to_none(value: Any) -> Any:
    if isinstance(value, list):
        return [_nan_to_none(item) for item in value]
    return None if isinstance(value, float) and math.isnan(value) else value


def frame_slider(names: Sequence[str], labels: Sequence[str] | None = None,
                 prefix: str = "", active: int = 0, play: bool = True,
                 duration: int = 400) -> dict:
    """Layout for a slider over a figure's frames, and a Play/Pause pair.

    Parameters
    ----------
    names : sequence of str
        The frames' names, in order (``go.Frame(name=...)``).
    labels : sequence of str, optional
        What the slider shows under each step (default: the names).
    prefix : str, optional
        Text before the current value ("step size α = ").
    active : int, optional
        The step the slider starts at; the figure's ``data`` should show it.
    play : bool, optional
        Add a Play button (frames one after another) and a Pause button.
    duration : int, optional
        Milliseconds per frame when playing.

    Returns
    -------
    dict
        ``sliders``, and ``updatemenus`` with `play`: layout keys, to merge
        into a figure's layout (``{**layout, **frame_slider(...)}``).

    Examples
    --------
    >>> layout = frame_slider(["0", "1", "2"], prefix="k = ")
    >>> [step["label"] for step in layout["sliders"][0]["steps"]]
    ['0', '1', '2']
    >>> layout["updatemenus"][0]["buttons"][0]["label"]
    'Play'
    """
    names = [str(name) for name in names]
    if not names:
        raise ValueError("names must hold at least one frame name")
    labels = names if labels is None else [str(label) for label in labels]
    if len(labels) != len(names):
        raise ValueError(f"labels must match names: {len(labels)} labels for {len(names)} frames")
    if not 0 <= active < len(names):
        raise ValueError(f"active must index a frame (0 to {len(names) - 1}), got {active}")
    still = {"mode": "immediate", "frame": {"duration": 0, "redraw": True},
             "transition": {"duration": 0}}
    steps = [{"label": label, "method": "animate", "args": [[name], still]}
             for name, label in zip(names, labels)]
    # Below the plot, in the figure's bottom margin (see _with_defaults): the
    # slider across the full width, the buttons in a row under its tick
    # labels, so that neither covers the other or the x-axis title on a
    # 390 px phone.
    layout: dict[str, Any] = {"sliders": [{
        "active": active, "steps": steps, "pad": {"t": 50, "l": 0, "r": 10},
        "x": 0.0, "len": 1.0, "y": 0.0, "yanchor": "top",
        "currentvalue": {"prefix": prefix, "visible": True},
    }]}
    if play:
        moving = {"mode": "immediate", "fromcurrent": True,
                  "frame": {"duration": duration, "redraw": True}, "transition": {"duration": 0}}
        layout["updatemenus"] = [{
            "type": "buttons", "direction": "left", "showactive": False,
            "x": 0.0, "xanchor": "left", "y": 0.0, "yanchor": "top", "pad": {"t": 130},
            "buttons": [{"label": "Play", "method": "animate", "args": [None, moving]},
                        {"label": "Pause", "method": "animate", "args": [[None], still]}],
        }]
    return layout


def scene(x: str = "x", y: str = "y", z: str = "z",
          eye: tuple[float, float, float] = (1.6, -1.6, 1.0),
          aspect: tuple[float, float, float] | None = None) -> dict:
    """A 3-D scene's layout: axis titles, the camera, and the box's proportions.

    Parameters
    ----------
    x, y, z : str, optional
        Axis titles.
    eye : (float, float, float), optional
        Where the camera sits, looking at the centre (plotly's ``camera.eye``).
    aspect : (float, float, float), optional
        The box's proportions; by default those of the data ("data").

    Returns
    -------
    dict
        For ``fig.update_layout(scene=...)`` (or ``scene2=...``).

    Examples
    --------
    >>> scene(z="f(x, y)", aspect=(1, 1, 0.6))["aspectratio"]
    {'x': 1, 'y': 1, 'z': 0.6}
    """
    layout: dict[str, Any] = {
        "xaxis": {"title": {"text": x}}, "yaxis": {"title": {"text": y}},
        "zaxis": {"title": {"text": z}},
        "camera": {"eye": dict(zip("xyz", eye))},
    }
    if aspect is None:
        layout["aspectmode"] = "data"
    else:
        layout["aspectmode"] = "manual"
        layout["aspectratio"] = dict(zip("xyz", aspect))
    return layout


# ----------------------------------------------------------------------------
# The static picture: the figure's first state drawn with matplotlib.

_DASHES = {"dash": (0, (5, 3)), "dot": (0, (1, 2)), "dashdot": (0, (5, 2, 1, 2)),
           "longdash": (0, (9, 3)), "solid": "-"}
_MARKERS = {"circle": "o", "square": "s", "diamond": "D", "cross": "P", "x": "X",
            "circle-open": "o", "square-open": "s", "diamond-open": "D",
            "triangle-up": "^", "star": "*"}


def _cmap(colorscale: Any) -> Any:
    import matplotlib as mpl
    from matplotlib.colors import LinearSegmentedColormap

    if colorscale is None:
        return mpl.colormaps["viridis"]
    if isinstance(colorscale, str):
        key = colorscale.lower()
        reverse = key.endswith("_r")
        key = key.removesuffix("_r")
        names = {"viridis": "viridis", "cividis": "cividis", "plasma": "plasma",
                 "inferno": "inferno", "magma": "magma", "rdbu": "RdBu", "blues": "Blues",
                 "greys": "Greys", "balance": "RdBu_r", "piyg": "PiYG", "puor": "PuOr"}
        cmap = mpl.colormaps[names.get(key, "viridis")]
        return cmap.reversed() if reverse else cmap
    return LinearSegmentedColormap.from_list("plotly", [(float(s), c) for s, c in colorscale])


def _domain(layout: dict, key: str) -> tuple[list[float], list[float]]:
    if key.startswith("scene"):
        dom = layout.get(key, {}).get("domain", {})
        return dom.get("x", [0, 1]), dom.get("y", [0, 1])
    xkey, ykey = key.split("|")
    return (layout.get(xkey, {}).get("domain", [0, 1]),
            layout.get(ykey, {}).get("domain", [0, 1]))


def _axis_name(short: str) -> str:
    # "x" -> "xaxis", "x2" -> "xaxis2"
    return short[0] + "axis" + short[1:]


def _title(axis: dict) -> str:
    title = axis.get("title", "")
    return title.get("text", "") if isinstance(title, dict) else str(title or "")


def _plain(text: str) -> str:
    """plotly's small HTML subset in labels, as matplotlib text."""
    text = re.sub(r"<br\s*/?>", "\n", text or "")
    text = re.sub(r"<sup>(.*?)</sup>", r"$^{\1}$", text)
    text = re.sub(r"<sub>(.*?)</sub>", r"$_{\1}$", text)
    return re.sub(r"<[^>]+>", "", text)


def static_figure(spec: dict, size: tuple[float, float] = (6.4, 4.0)) -> Any:
    """Draw a figure's first state (its ``data``) with matplotlib.

    Understands the traces the book uses: ``scatter``, ``scatter3d``,
    ``surface``, ``mesh3d``, ``cone`` and ``contour``, on 2-D axes and 3-D
    scenes placed by their domains, with axis titles, ranges, equal aspect
    (``scaleanchor``), the camera's direction and subplot titles; a surface's
    level curves projected on the floor (``contours.z`` with ``project.z``
    and a ``size``) and text at the points of a scatter whose mode has
    ``"text"``.

    Parameters
    ----------
    spec : dict
        ``{"data", "layout"}`` as :func:`interactive_figure` stores them.
    size : (float, float), optional
        Width and height in inches.

    Returns
    -------
    matplotlib.figure.Figure
        Not attached to pyplot (it never shows up as a second output).

    Raises
    ------
    ValueError
        For a trace type it does not draw.

    Examples
    --------
    >>> fig = static_figure({"data": [{"type": "scatter", "x": [0, 1], "y": [1, 0]}],
    ...                      "layout": {"xaxis": {"title": {"text": "x"}}}})
    >>> fig.axes[0].get_xlabel()
    'x'
    """
    from matplotlib.figure import Figure

    layout = spec.get("layout", {})
    fig = Figure(figsize=size, dpi=100, facecolor="white", layout="none")  # axes placed by hand
    axes: dict[str, Any] = {}

    def axes_for(trace: dict) -> Any:
        kind = trace.get("type", "scatter")
        if kind in ("scatter3d", "surface", "mesh3d", "cone"):
            key = trace.get("scene", "scene")
        elif kind in ("scatter", "contour", "heatmap"):
            key = _axis_name(trace.get("xaxis", "x")) + "|" + _axis_name(trace.get("yaxis", "y"))
        else:
            raise ValueError(f"static_figure does not draw {kind!r} traces")
        if key not in axes:
            xs, ys = _domain(layout, key)
            if key.startswith("scene"):
                rect = [xs[0] + 0.06 * (xs[1] - xs[0]), ys[0] + 0.1 * (ys[1] - ys[0]),
                        0.9 * (xs[1] - xs[0]), 0.8 * (ys[1] - ys[0])]
            else:
                # room for tick labels and axis titles: 0.75 in left, 0.55 in below
                left, bottom = 0.75 / size[0], 0.55 / size[1]
                rect = [xs[0] + left, ys[0] + bottom, (xs[1] - xs[0]) - left - 0.15 / size[0],
                        (ys[1] - ys[0]) - bottom - 0.35 / size[1]]
            if key.startswith("scene"):
                ax = fig.add_axes(rect, projection="3d")
                # draw in trace order, lines and markers last (zorder below): a
                # diagram's marks stay on top of the surfaces they lie on
                ax.computed_zorder = False
            else:
                ax = fig.add_axes(rect)
            axes[key] = ax
        return axes[key]

    legend_axes = set()
    # the data's extent per 3-D scene: matplotlib would scale to the last trace drawn
    extents: dict[int, list[np.ndarray]] = {}
    for trace in spec.get("data", []):
        if trace.get("visible") in (False, "legendonly"):
            continue
        ax = axes_for(trace)
        kind = trace.get("type", "scatter")
        if kind in ("scatter3d", "surface", "mesh3d", "cone"):
            extents.setdefault(id(ax), []).append(_trace_points(trace))
        label = trace.get("name") if trace.get("showlegend", kind in ("scatter", "scatter3d")) else None
        if label:
            legend_axes.add(id(ax))
        if kind in ("scatter", "scatter3d"):
            _draw_scatter(ax, trace, kind == "scatter3d", label)
        elif kind == "surface":
            x, y, z = _surface_grid(trace)
            color = np.array(trace.get("surfacecolor", z), dtype=float)
            cmap = _cmap(trace.get("colorscale"))
            lo = trace.get("cmin", np.nanmin(color))
            hi = trace.get("cmax", np.nanmax(color))
            style = {"rstride": 1, "cstride": 1, "linewidth": 0, "antialiased": False,
                     "shade": False, "alpha": trace.get("opacity", 1.0)}
            if "surfacecolor" in trace:
                style["facecolors"] = cmap((color - lo) / ((hi - lo) or 1.0))
            else:  # coloured by height: matplotlib maps the faces itself, much faster
                style.update(cmap=cmap, vmin=lo, vmax=hi)
            ax.plot_surface(x, y, z, **style)
            level = trace.get("contours", {}).get("z", {})
            if level.get("show") and level.get("project", {}).get("z") and "size" in level:
                # level curves projected on the floor of the box, as plotly draws them
                floor = layout.get(trace.get("scene", "scene"), {}).get("zaxis", {}).get(
                    "range", [np.nanmin(z)])[0]
                levels = np.arange(level.get("start", np.nanmin(z)),
                                   level.get("end", np.nanmax(z)) + level["size"] / 2, level["size"])
                ax.contour(x, y, z, levels=levels, zdir="z", offset=floor, cmap=cmap,
                           linewidths=0.8)
        elif kind == "mesh3d":
            x, y, z = (np.array(trace[c], dtype=float) for c in "xyz")
            tri = np.column_stack([trace["i"], trace["j"], trace["k"]])
            from mpl_toolkits.mplot3d.art3d import Poly3DCollection
            polys = np.stack([x, y, z], axis=1)[tri]
            if "intensity" in trace:
                values = np.array(trace["intensity"], dtype=float)
                values = values[tri].mean(axis=1) if values.size == x.size else values
                lo = trace.get("cmin", values.min())
                hi = trace.get("cmax", values.max())
                faces = _cmap(trace.get("colorscale"))((values - lo) / ((hi - lo) or 1.0))
            else:
                faces = trace.get("color", "#56B4E9")
            ax.add_collection3d(Poly3DCollection(polys, facecolors=faces, edgecolors="none",
                                                 alpha=trace.get("opacity", 1.0)))
            ax.auto_scale_xyz(x, y, z)
        elif kind == "cone":
            x, y, z, u, v, w = (np.array(trace[c], dtype=float) for c in "xyzuvw")
            color = trace.get("colorscale", [[0, "#000000"], [1, "#000000"]])[0][1]
            ax.quiver(x, y, z, u, v, w, color=color, arrow_length_ratio=0.4)
        elif kind in ("contour", "heatmap"):
            z = np.array(trace["z"], dtype=float)
            x = np.array(trace.get("x", np.arange(z.shape[1])), dtype=float)
            y = np.array(trace.get("y", np.arange(z.shape[0])), dtype=float)
            if kind == "heatmap":
                ax.pcolormesh(x, y, z, cmap=_cmap(trace.get("colorscale")), shading="auto")
            else:
                contours = trace.get("contours", {})
                levels = None
                if "start" in contours and "size" in contours:
                    levels = np.arange(contours["start"], contours.get("end", np.nanmax(z))
                                       + contours["size"] / 2, contours["size"])
                elif trace.get("ncontours"):
                    levels = int(trace["ncontours"])
                filled = contours.get("coloring", "fill") != "lines"
                draw = ax.contourf if filled else ax.contour
                style = {"cmap": _cmap(trace.get("colorscale"))}
                if not filled and trace.get("line", {}).get("color"):
                    style = {"colors": trace["line"]["color"]}
                if not filled:
                    style["linewidths"] = 0.8
                draw(x, y, z, levels=levels, **style)

    for key, ax in axes.items():
        if key.startswith("scene"):
            scene = layout.get(key, {})
            points = np.concatenate(extents.get(id(ax), [np.zeros((0, 3))]))
            points = points[np.all(np.isfinite(points), axis=1)]
            for column, letter in enumerate("xyz"):
                axis = scene.get(f"{letter}axis", {})
                getattr(ax, f"set_{letter}label")(_plain(_title(axis)))
                if "range" in axis:
                    getattr(ax, f"set_{letter}lim")(*axis["range"])
                elif len(points):
                    low, high = float(points[:, column].min()), float(points[:, column].max())
                    pad = 0.02 * (high - low) or 0.5
                    getattr(ax, f"set_{letter}lim")(low - pad, high + pad)
            eye = scene.get("camera", {}).get("eye", {"x": 1.25, "y": 1.25, "z": 1.25})
            ax.view_init(elev=math.degrees(math.atan2(eye["z"], math.hypot(eye["x"], eye["y"]))),
                         azim=math.degrees(math.atan2(eye["y"], eye["x"])))
            mode = scene.get("aspectmode", "auto")
            if mode == "manual" and "aspectratio" in scene:
                ratio = scene["aspectratio"]
                ax.set_box_aspect((ratio["x"], ratio["y"], ratio["z"]))
            elif mode in ("data", "cube"):
                ax.set_box_aspect(None if mode == "cube" else
                                  tuple(np.ptp(lim) for lim in (ax.get_xlim(), ax.get_ylim(), ax.get_zlim())))
        else:
            xkey, ykey = key.split("|")
            xaxis, yaxis = layout.get(xkey, {}), layout.get(ykey, {})
            ax.set_xlabel(_plain(_title(xaxis)))
            ax.set_ylabel(_plain(_title(yaxis)))
            if "range" in xaxis:
                ax.set_xlim(*xaxis["range"])
            if "range" in yaxis:
                ax.set_ylim(*yaxis["range"])
            if yaxis.get("scaleanchor") or xaxis.get("scaleanchor"):
                ax.set_aspect("equal", adjustable="box")
            if yaxis.get("type") == "log":
                ax.set_yscale("log")
        if id(ax) in legend_axes and layout.get("showlegend", True):
            ax.legend(fontsize=8, frameon=False)
    for note in layout.get("annotations", []):
        if note.get("xref", "paper") == "paper" and note.get("yref", "paper") == "paper":
            fig.text(note["x"], min(note["y"], 0.97), _plain(note.get("text", "")),
                     ha="center", va="bottom", fontsize=10)
    title = layout.get("title", {})
    title = title.get("text", "") if isinstance(title, dict) else str(title or "")
    if title:
        fig.suptitle(_plain(title), fontsize=11)
    return fig


def _column(trace: dict, name: str) -> np.ndarray:
    """A trace's coordinate as a flat float array, plotly's null (a gap) as NaN."""
    values = trace.get(name)
    if values is None:
        return np.zeros(0)
    return np.array([np.nan if e is None else e for e in np.ravel(np.array(values, dtype=object))],
                    dtype=float)


def _surface_grid(trace: dict) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A surface trace's x, y, z as 2-D grids (plotly allows 1-D x and y)."""
    z = np.array(trace["z"], dtype=float)
    x = np.array(trace.get("x", np.arange(z.shape[1])), dtype=float)
    y = np.array(trace.get("y", np.arange(z.shape[0])), dtype=float)
    if x.ndim == 1:
        x, y = np.meshgrid(x, y)
    return x, y, z


def _trace_points(trace: dict) -> np.ndarray:
    """(N, 3): the points a 3-D trace draws (a cone's tips included)."""
    if trace.get("type") == "surface":
        return np.column_stack([grid.ravel() for grid in _surface_grid(trace)])
    x, y, z = (_column(trace, c) for c in "xyz")
    points = np.column_stack([x, y, z]) if x.size == y.size == z.size else np.zeros((0, 3))
    if trace.get("type") == "cone" and points.size:
        points = np.concatenate([points, points + np.column_stack([_column(trace, c) for c in "uvw"])])
    return points


def _draw_scatter(ax: Any, trace: dict, three_d: bool, label: str | None) -> None:
    coords = [_column(trace, c) for c in ("xyz" if three_d else "xy")]
    mode = trace.get("mode", "lines+markers")
    line = trace.get("line", {})
    marker = trace.get("marker", {})
    color = line.get("color") or marker.get("color")
    if isinstance(color, (list, tuple)):
        color = None
    style: dict[str, Any] = {"label": label}
    if "lines" in mode:
        style.update(linestyle=_DASHES.get(line.get("dash", "solid"), "-"),
                     linewidth=0.75 * line.get("width", 2))
    else:
        style["linestyle"] = "none"
    if "markers" in mode:
        symbol = str(marker.get("symbol", "circle"))
        style.update(marker=_MARKERS.get(symbol, "o"), markersize=0.6 * marker.get("size", 6))
        if symbol.endswith("-open"):
            style["markerfacecolor"] = "none"
    if color:
        style["color"] = color
    if three_d:
        style["zorder"] = 10
    ax.plot(*coords, **style)
    if "text" in mode and trace.get("text") is not None:
        # Labels at the points (mode "text" or "lines+text"), coloured as in plotly.
        texts = trace["text"]
        texts = [texts] * coords[0].size if isinstance(texts, str) else list(texts)
        font = trace.get("textfont", {})
        colors = font.get("color")
        colors = colors if isinstance(colors, (list, tuple)) else [colors] * len(texts)
        for point, text, text_color in zip(zip(*coords), texts, colors):
            if text and not any(np.isnan(point)):
                ax.text(*point, _plain(str(text)), color=text_color or color or "#222222",
                        fontsize=0.75 * font.get("size", 12), ha="center", va="center", zorder=10)


def _png(fig: Any) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig)
    buffer = io.BytesIO()
    # No software/version stamp: the PNG's bytes depend only on the drawing.
    fig.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()
