"""Triangle meshes, in 2-D and 3-D axes, coloured by a function on their
vertices or faces.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from .style import COLORS, _colour_range
from .vectors import equal_axes_3d

__all__ = ["draw_mesh", "evolving_mesh_figure"]


def draw_mesh(ax: Any, vertices: Any, faces: Any, values: Any = None, on: str = "vertices",
              cmap: str = "viridis", vmin: float | None = None, vmax: float | None = None,
              edgecolor: str | None = None, linewidth: float = 0.3,
              shading: str = "gouraud") -> Any:
    """Draw a triangle mesh, optionally coloured by a function on it.

    In 2-D axes the mesh is drawn in the xy-plane (a z column is ignored):
    the values by ``tripcolor`` and the edges on top. Values at the vertices
    are interpolated linearly over each triangle with ``shading="gouraud"``,
    or give each triangle the mean of its corners with ``"flat"``. In 3-D
    axes (``projection="3d"``) each triangle is a flat polygon, coloured by
    its own value or by the mean of the values at its corners, and the axes
    get equal scales (:func:`.equal_axes_3d`).

    Parameters
    ----------
    ax : matplotlib Axes or Axes3D
    vertices : array_like, shape (V, 2) or (V, 3)
    faces : array_like of int, shape (F, 3)
        Rows index ``vertices``.
    values : array_like, optional
        The function: shape ``(V,)`` with ``on="vertices"``, ``(F,)`` with
        ``on="faces"``. Without it only the edges are drawn.
    on : {"vertices", "faces"}
        Where ``values`` live.
    cmap : str
        A matplotlib colour map; the default, viridis, is readable in grey
        and by colour-blind readers.
    vmin, vmax : float, optional
        The range of values the colour map spans; default the values' range.
    edgecolor : str, optional
        Colour of the edges; default grey over colours, the book's blue alone.
        ``"none"`` hides them.
    linewidth : float
        Width of the edges.
    shading : {"gouraud", "flat"}
        How 2-D axes colour the triangles from values at the vertices.

    Returns
    -------
    matplotlib.cm.ScalarMappable or None
        For ``fig.colorbar``; None when ``values`` is None.

    Raises
    ------
    ValueError
        If ``on`` is not "vertices" or "faces", or ``values`` does not hold
        one number per vertex (per face).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from companion.discrete import grid_mesh
    >>> vertices, faces = grid_mesh(3, 3)
    >>> fig, ax = plt.subplots()
    >>> colours = draw_mesh(ax, vertices, faces, values=vertices[:, 0])
    >>> [float(v) for v in colours.get_clim()]
    [0.0, 1.0]
    >>> fig3d = plt.figure()
    >>> ax3d = fig3d.add_subplot(projection="3d")
    >>> colours = draw_mesh(ax3d, vertices, faces, values=np.arange(8.0), on="faces", vmin=-1.0)
    >>> [float(v) for v in colours.get_clim()]
    [-1.0, 7.0]
    >>> plt.close("all")
    """
    import matplotlib as mpl

    points = np.asarray(vertices, dtype=float)
    faces = np.asarray(faces)
    if on not in ("vertices", "faces"):
        raise ValueError(f'on must be "vertices" or "faces", got {on!r}')
    if values is not None:
        values = np.asarray(values, dtype=float)
        count = len(points) if on == "vertices" else len(faces)
        if values.shape != (count,):
            raise ValueError(f"values must have shape ({count},), one per {on[:-1]} "
                             f"(on={on!r}), got {values.shape}")
        vmin = float(values.min()) if vmin is None else vmin
        vmax = float(values.max()) if vmax is None else vmax
    if edgecolor is None:
        edgecolor = COLORS["blue"] if values is None else COLORS["grey"]
    if getattr(ax, "name", "") == "3d":
        from mpl_toolkits.mplot3d.art3d import Poly3DCollection

        if points.shape[1] == 2:
            points = np.column_stack([points, np.zeros(len(points))])
        mappable = None
        facecolors = "none"
        if values is not None:
            mappable = mpl.cm.ScalarMappable(mpl.colors.Normalize(vmin, vmax), cmap)
            mappable.set_array(values)
            per_face = values if on == "faces" else values[faces].mean(axis=1)
            facecolors = mappable.to_rgba(per_face)
        ax.add_collection3d(Poly3DCollection(points[faces], facecolors=facecolors,
                                             edgecolors=edgecolor, linewidths=linewidth))
        equal_axes_3d(ax, points, margin=0.0)
        return mappable
    mappable = None
    if values is not None:
        if on == "faces":
            mappable = ax.tripcolor(points[:, 0], points[:, 1], faces, facecolors=values,
                                    cmap=cmap, vmin=vmin, vmax=vmax)
        else:
            mappable = ax.tripcolor(points[:, 0], points[:, 1], faces, values, cmap=cmap,
                                    vmin=vmin, vmax=vmax, shading=shading)
    if edgecolor != "none":
        ax.triplot(points[:, 0], points[:, 1], faces, color=edgecolor, lw=linewidth)
    ax.set_aspect("equal")
    return mappable


def evolving_mesh_figure(positions: Any, faces: Any, values: Any, labels: Sequence[str],
                         prefix: str = "", colorbar: str = "", colorscale: str = "Viridis",
                         height: int = 460,
                         eye: tuple[float, float, float] = (1.4, -1.4, 0.9)) -> dict:
    """A triangle mesh whose vertices move, as a rotatable plotly figure with a slider and Play.

    Frame ``f`` puts the vertices at ``positions[f]`` and colours them by
    ``values[f]``; the faces stay the same. One colour range and one box
    (the smallest and largest coordinate over all frames, the same on the
    three axes) serve every frame, so a shrinking mesh looks smaller and a
    fading colour looks paler.

    Parameters
    ----------
    positions : array_like, shape (frames, V, 3)
        The vertices in each frame.
    faces : array_like of int, shape (F, 3)
        Indices into the vertices.
    values : array_like, shape (frames, V)
        A number per vertex and frame, for the colour.
    labels : sequence of str
        What the slider shows for each frame.
    prefix : str, optional
        Text before the slider's label ("step ").
    colorbar : str, optional
        The colour bar's title.
    colorscale : str, optional
        "Viridis" or "Cividis".
    height : int, optional
        In pixels, at least 200.
    eye : (float, float, float), optional
        The camera's position (plotly's ``camera.eye``).

    Returns
    -------
    dict
        ``data`` (one ``mesh3d`` trace showing frame 0), ``layout`` and
        ``frames`` (named ``"0"``, ``"1"``, ...; each replaces the trace's
        ``x``, ``y``, ``z`` and ``intensity``), as plotly reads them, for
        :func:`~companion.plotting.interactive.interactive_figure`. Built
        without plotly's validation (the tests validate it), so that a page
        does not import plotly.

    Raises
    ------
    ValueError
        If the shapes do not match, a value is not finite, a face indexes a
        missing vertex, `labels` has not one label per frame, `colorscale` is
        not one of the two, or `height` is below 200.

    Examples
    --------
    >>> from companion.discrete import sphere_mesh
    >>> vertices, faces = sphere_mesh(1)
    >>> radii = np.array([1.0, 0.8, 0.6])
    >>> fig = evolving_mesh_figure(radii[:, None, None] * vertices, faces,
    ...                            np.outer(radii, np.ones(len(vertices))), ["0", "1", "2"])
    >>> len(fig["frames"]), fig["data"][0]["type"], fig["data"][0]["cmax"]
    (3, 'mesh3d', 1.0)
    """
    from .interactive import frame_slider, scene

    positions = np.asarray(positions, dtype=float)
    if positions.ndim != 3 or positions.shape[2] != 3 or positions.shape[0] == 0 \
            or positions.shape[1] == 0:
        raise ValueError(f"positions must have shape (frames, V, 3), got {positions.shape}")
    frames, n = positions.shape[:2]
    faces = np.asarray(faces)
    if faces.ndim != 2 or faces.shape[1] != 3 or len(faces) == 0 or faces.dtype.kind not in "iu":
        raise ValueError(f"faces must be integer triangles of shape (F, 3), got shape "
                         f"{faces.shape} and dtype {faces.dtype}")
    if faces.min() < 0 or faces.max() >= n:
        raise ValueError(f"faces must index the {n} vertices, got indices from {faces.min()} "
                         f"to {faces.max()}")
    values = np.asarray(values, dtype=float)
    if values.shape != (frames, n):
        raise ValueError(f"values must have shape (frames, V) = {(frames, n)}, got {values.shape}")
    if not (np.all(np.isfinite(positions)) and np.all(np.isfinite(values))):
        raise ValueError("positions and values must be finite")
    labels = [str(label) for label in labels]
    if len(labels) != frames:
        raise ValueError(f"labels must hold one label per frame ({frames}), got {len(labels)}")
    low, high = _colour_range(values, colorscale, height)

    def moving(f: int) -> dict:
        return {"type": "mesh3d", "x": positions[f, :, 0], "y": positions[f, :, 1],
                "z": positions[f, :, 2], "intensity": values[f]}

    trace = {**moving(0), "i": faces[:, 0], "j": faces[:, 1], "k": faces[:, 2], "cmin": low,
             "cmax": high, "colorscale": colorscale, "flatshading": False,
             "colorbar": {"title": {"text": colorbar}, "thickness": 14},
             "hoverinfo": "skip", "name": "mesh"}
    box = scene(eye=eye, aspect=(1, 1, 1))
    lo, hi = float(positions.min()), float(positions.max())
    for axis in ("xaxis", "yaxis", "zaxis"):
        box[axis]["range"] = [lo, hi]
    names = [str(f) for f in range(frames)]
    layout = {"scene": box, "height": height, "showlegend": False,
              "margin": {"l": 0, "r": 0, "t": 10, "b": 10},
              **frame_slider(names, labels, prefix=prefix)}
    return {"data": [trace], "layout": layout,
            "frames": [{"name": name, "traces": [0], "data": [moving(f)]}
                       for f, name in enumerate(names)]}
