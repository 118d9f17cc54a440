"""Triangle meshes, in 2-D and 3-D axes, coloured by a function on their
vertices or faces.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .style import COLORS
from .vectors import equal_axes_3d

__all__ = ["draw_mesh"]


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
