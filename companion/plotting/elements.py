"""Volume and area elements of coordinate systems, drawn as small curved boxes.

A coordinate box ``rho..rho + drho``, ``phi..phi + dphi``,
``theta..theta + dtheta`` of spherical coordinates is a curved solid whose
edges have lengths close to ``drho``, ``rho dphi`` and ``rho sin(phi) dtheta``,
so its volume is close to ``rho**2 sin(phi) drho dphi dtheta``: the
determinant of the coordinate map, seen as a shape.

The book's convention (:data:`companion.coordinates.spherical`): ``phi`` is
the polar angle from the positive ``z`` axis, in ``[0, pi]``; ``theta`` the
azimuth in the ``xy``-plane::

    (x, y, z) = (rho sin(phi) cos(theta), rho sin(phi) sin(theta), rho cos(phi))
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from .style import COLORS

__all__ = ["spherical_point", "spherical_cell", "spherical_cell_volume", "enclosed_volume",
           "spherical_element_figure"]


def spherical_point(rho: Any, phi: Any, theta: Any) -> np.ndarray:
    """Cartesian points of spherical coordinates, stacked on the last axis.

    Examples
    --------
    >>> spherical_point(2.0, np.pi / 2, 0.0).round(12).tolist()
    [2.0, 0.0, 0.0]
    """
    rho, phi, theta = np.broadcast_arrays(*(np.asarray(a, dtype=float) for a in (rho, phi, theta)))
    return np.stack([rho * np.sin(phi) * np.cos(theta), rho * np.sin(phi) * np.sin(theta),
                     rho * np.cos(phi)], axis=-1)


def _check_cell(rho: float, phi: float, theta: float, drho: float, dphi: float,
                dtheta: float) -> None:
    values = {"rho": rho, "phi": phi, "theta": theta, "drho": drho, "dphi": dphi, "dtheta": dtheta}
    for name, value in values.items():
        if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)) \
                or not math.isfinite(value):
            raise ValueError(f"{name} must be a finite number, got {value!r}")
    if rho < 0:
        raise ValueError(f"rho must be at least 0, got {rho}")
    for name in ("drho", "dphi", "dtheta"):
        if values[name] <= 0:
            raise ValueError(f"{name} must be positive, got {values[name]}")
    if phi < 0 or phi + dphi > math.pi * (1 + 1e-12):
        raise ValueError(f"phi and phi + dphi must lie in [0, pi] (phi from the +z axis), "
                         f"got phi = {phi}, dphi = {dphi}")
    if dtheta > 2 * math.pi * (1 + 1e-12):
        raise ValueError(f"dtheta must be at most 2 pi, got {dtheta}")


def spherical_cell(rho: float, phi: float, theta: float, drho: float, dphi: float,
                   dtheta: float, samples: int = 4) -> tuple[np.ndarray, np.ndarray]:
    """A triangle mesh of the boundary of a spherical coordinate box.

    The box is ``rho <= rho' <= rho + drho``, ``phi <= phi' <= phi + dphi``,
    ``theta <= theta' <= theta + dtheta``; each of its six faces is a
    ``samples x samples`` grid of coordinate values, split into triangles.

    Parameters
    ----------
    rho, phi, theta : float
        The corner with the smallest coordinates (``rho >= 0``; ``phi`` from
        the ``+z`` axis).
    drho, dphi, dtheta : float
        The box's extent in each coordinate, positive, with ``phi + dphi <= pi``.
    samples : int, optional
        Segments along each edge of a face, 1 to 60.

    Returns
    -------
    vertices : ndarray, shape (6 (samples + 1)**2, 3)
        Cartesian points (each face has its own, so edges are repeated).
    faces : ndarray of int, shape (12 samples**2, 3)
        Triangles, ordered so that their normals point out of the box (the
        coordinate map has a positive determinant, ``rho**2 sin(phi)``, inside).

    Raises
    ------
    ValueError
        For a non-finite value, a negative ``rho``, a non-positive extent,
        angles outside ``[0, pi]`` for ``phi``, or a bad `samples`.

    Examples
    --------
    >>> vertices, faces = spherical_cell(1.0, 0.5, 0.0, 0.1, 0.1, 0.1, samples=2)
    >>> vertices.shape, faces.shape
    ((54, 3), (48, 3))
    """
    _check_cell(rho, phi, theta, drho, dphi, dtheta)
    if isinstance(samples, bool) or not isinstance(samples, (int, np.integer)) \
            or not 1 <= samples <= 60:
        raise ValueError(f"samples must be an integer from 1 to 60, got {samples!r}")
    low = np.array([rho, phi, theta], dtype=float)
    size = np.array([drho, dphi, dtheta], dtype=float)
    s = np.linspace(0.0, 1.0, samples + 1)
    a, b = (g.ravel() for g in np.meshgrid(s, s, indexing="ij"))
    m = samples + 1
    # Two triangles per square of the (a, b) grid, counter-clockwise in (a, b).
    corner = (np.arange(samples)[:, None] * m + np.arange(samples)[None, :]).ravel()
    quads = np.concatenate([np.column_stack([corner, corner + m, corner + m + 1]),
                            np.column_stack([corner, corner + m + 1, corner + 1])])
    vertices, faces = [], []
    for k in range(3):
        i, j = (k + 1) % 3, (k + 2) % 3   # (e_i, e_j, e_k) is right-handed
        for side in (0.0, 1.0):
            unit = np.empty((a.size, 3))
            unit[:, k], unit[:, i], unit[:, j] = side, a, b
            coords = low + size * unit
            vertices.append(spherical_point(*coords.T))
            tri = quads if side == 1.0 else quads[:, ::-1]   # outward: +e_k on the far side
            faces.append(tri + m * m * len(faces))
    return np.concatenate(vertices), np.concatenate(faces)


def enclosed_volume(vertices: Any, faces: Any) -> float:
    """The volume inside a closed triangle mesh with outward normals.

    By the divergence theorem with the field ``x / 3`` (divergence 1): the
    sum over triangles of ``v0 . (v1 x v2) / 6``. Exact for a closed
    polyhedral surface; negative if the normals point inwards.

    Examples
    --------
    >>> cube = np.array([[0, 0, 0], [1, 0, 0], [0, 1, 0], [0, 0, 1]], dtype=float)
    >>> enclosed_volume(cube, [[0, 2, 1], [0, 1, 3], [0, 3, 2], [1, 2, 3]])   # a tetrahedron
    0.16666666666666666
    """
    vertices = np.asarray(vertices, dtype=float)
    faces = np.asarray(faces)
    if vertices.ndim != 2 or vertices.shape[1] != 3:
        raise ValueError(f"vertices must have shape (n, 3), got {vertices.shape}")
    if faces.ndim != 2 or faces.shape[1] != 3 or faces.dtype.kind not in "iu":
        raise ValueError(f"faces must be integers of shape (m, 3), got {faces.dtype} {faces.shape}")
    if faces.size and (faces.min() < 0 or faces.max() >= len(vertices)):
        raise ValueError("faces must index vertices (0 to n - 1)")
    v0, v1, v2 = (vertices[faces[:, c]] for c in range(3))
    return float(np.sum(v0 * np.cross(v1, v2)) / 6.0)


def spherical_cell_volume(rho: float, phi: float, theta: float, drho: float, dphi: float,
                          dtheta: float) -> float:
    """The exact volume of a spherical coordinate box.

    ``((rho + drho)**3 - rho**3) / 3 * (cos(phi) - cos(phi + dphi)) * dtheta``,
    the integral of ``rho**2 sin(phi)`` over the box.

    Examples
    --------
    >>> round(spherical_cell_volume(0.0, 0.0, 0.0, 1.0, np.pi, 2 * np.pi), 12)   # the unit ball
    4.18879020479
    """
    _check_cell(rho, phi, theta, drho, dphi, dtheta)
    radial = ((rho + drho) ** 3 - rho**3) / 3.0
    # cos(phi) - cos(phi + dphi), written without cancellation for tiny dphi.
    polar = 2.0 * math.sin(phi + dphi / 2.0) * math.sin(dphi / 2.0)
    return radial * polar * dtheta


def spherical_element_figure(rho: float, drho: float, dphi: float, dtheta: float,
                             phis: Sequence[float], theta: float = 0.0, active: int = 0,
                             samples: int = 4) -> dict:
    """The spherical volume element as a curved box on a sphere, with a slider on ``phi`` (plotly).

    One 3-D scene: a faint sphere of radius ``rho``, and on it the box
    ``rho..rho + drho``, ``phi..phi + dphi``, ``theta..theta + dtheta`` as a
    ``mesh3d``, with its three edges from the corner ``(rho, phi, theta)``
    drawn and labelled ``dρ`` (radial), ``ρ dφ`` (along a meridian) and
    ``ρ sin φ dθ`` (along a circle of latitude). The slider moves ``phi``
    through `phis`: the box narrows towards the poles, where ``sin phi -> 0``.

    Parameters
    ----------
    rho : float
        The inner radius, positive.
    drho, dphi, dtheta : float
        The box's extent, positive; ``phi + dphi <= pi`` for every ``phi``.
    phis : sequence of float
        The polar angles (radians, from the ``+z`` axis) of the frames, 1 to 25.
    theta : float, optional
        The azimuth of the box's first side.
    active : int, optional
        The frame the slider starts at; ``data`` shows it.
    samples : int, optional
        Segments along each edge of each face of the box's mesh.

    Returns
    -------
    dict
        plotly's figure dictionary (``data``, ``layout``, ``frames``), for
        :func:`~companion.plotting.interactive.interactive_figure` or ``go.Figure(fig)``. Traces: the
        sphere, the box, the three edges, their labels. Frame ``k`` is named
        by ``phis[k]`` in whole degrees.

    Raises
    ------
    ValueError
        For a bad box (as :func:`spherical_cell`), ``rho`` not positive, or
        `phis` empty, longer than 25, or `active` not one of its indices.

    Examples
    --------
    >>> fig = spherical_element_figure(1.0, 0.3, 0.3, 0.4, phis=[0.3, 1.2], active=1)
    >>> [frame["name"] for frame in fig["frames"]], fig["data"][1]["type"]
    (['17', '69'], 'mesh3d')
    """
    from .interactive import frame_slider, scene

    phis = np.asarray(phis, dtype=float).ravel()
    if not 1 <= phis.size <= 25:
        raise ValueError(f"phis must hold 1 to 25 angles, got {phis.size}")
    if not isinstance(rho, (int, float, np.integer, np.floating)) or not rho > 0:
        raise ValueError(f"rho must be positive, got {rho!r}")
    for phi in phis:
        _check_cell(rho, float(phi), theta, drho, dphi, dtheta)
    if isinstance(active, bool) or not isinstance(active, (int, np.integer)) \
            or not 0 <= active < phis.size:
        raise ValueError(f"active must index phis (0 to {phis.size - 1}), got {active!r}")

    # The sphere: a coarse, faint, single-coloured surface.
    u, v = np.meshgrid(np.linspace(0, np.pi, 10), np.linspace(0, 2 * np.pi, 19), indexing="ij")
    ball = spherical_point(rho, u, v)
    grey = [[0, COLORS["grey"]], [1, COLORS["grey"]]]
    # Traces as plain dicts, checked once by plotly at the end (the tests
    # check them with plotly's validation; skipping it here saves page time).
    sphere = dict(type="surface", x=ball[..., 0], y=ball[..., 1], z=ball[..., 2], colorscale=grey,
                  showscale=False, opacity=0.18, hoverinfo="skip", name="sphere")
    edge_style = [("dρ", COLORS["blue"], "solid"), ("ρ dφ", COLORS["vermillion"], "dash"),
                  ("ρ sin φ dθ", COLORS["green"], "dot")]
    t = np.linspace(0.0, 1.0, 9)

    def state(phi: float) -> list[Any]:
        vertices, faces = spherical_cell(rho, phi, theta, drho, dphi, dtheta, samples)
        box = dict(type="mesh3d", x=vertices[:, 0], y=vertices[:, 1], z=vertices[:, 2],
                   i=faces[:, 0], j=faces[:, 1], k=faces[:, 2], color=COLORS["orange"],
                   opacity=0.45, flatshading=True, name="the box", hoverinfo="skip")
        corner = np.array([rho, phi, theta])
        traces, label_points = [], []
        for axis, (label, color, dash) in enumerate(edge_style):
            coords = np.tile(corner, (t.size, 1))
            coords[:, axis] += t * (drho, dphi, dtheta)[axis]
            points = spherical_point(*coords.T)
            traces.append(dict(type="scatter3d", x=points[:, 0], y=points[:, 1], z=points[:, 2],
                               mode="lines", name=label, hoverinfo="skip",
                               line=dict(color=color, width=7, dash=dash)))
            _, phi_m, theta_m = coords[t.size // 2]
            # Each label sits outside the box, apart from the others: the
            # radial edge's just past its outer end, the meridian's off its
            # middle beside the side theta = const (along -e_theta), the
            # latitude's off its middle above the face phi = const (along
            # -e_phi, towards the +z pole).
            e_theta = np.array([-math.sin(theta_m), math.cos(theta_m), 0.0])
            e_phi = np.array([math.cos(phi_m) * math.cos(theta_m),
                              math.cos(phi_m) * math.sin(theta_m), -math.sin(phi_m)])
            if axis == 0:
                label_points.append(points[-1] * (1 + 0.15 * rho / (rho + drho)))
            else:
                label_points.append(points[t.size // 2] - 0.3 * rho * (e_theta, e_phi)[axis - 1])
        label_points = np.array(label_points)
        labels = dict(type="scatter3d", x=label_points[:, 0], y=label_points[:, 1],
                      z=label_points[:, 2], mode="text", text=[label for label, _, _ in edge_style],
                      textfont=dict(size=15, color=[c for _, c, _ in edge_style]),
                      hoverinfo="skip", showlegend=False)
        return [box, *traces, labels]

    names = [f"{math.degrees(phi):.0f}" for phi in phis]
    states = [state(float(phi)) for phi in phis]
    reach = 1.05 * (rho + drho)
    # Seen from outside the box at the slider's start, above it and off its
    # side theta = const, far enough out for the whole scene to show: the
    # faces along its three labelled edges (theta = const, phi = const) face
    # the camera, and the box is see-through enough for the inner face's.
    th, ph = theta + dtheta / 2, float(phis[active]) + dphi / 2
    e_r = spherical_point(1.0, ph, th)
    e_th = np.array([-math.sin(th), math.cos(th), 0.0])
    e_ph = np.array([math.cos(ph) * math.cos(th), math.cos(ph) * math.sin(th), -math.sin(ph)])
    eye = 0.5 * e_r - 0.8 * e_th - 0.8 * e_ph
    eye = 2.1 * eye / np.linalg.norm(eye)
    layout_scene = scene(eye=tuple(float(c) for c in eye), aspect=(1, 1, 1))
    for axis in ("xaxis", "yaxis", "zaxis"):
        layout_scene[axis]["range"] = [-reach, reach]
    layout = dict(height=500, scene=layout_scene, showlegend=False,
                  margin=dict(l=12, r=0, t=10, b=10),  # room for the slider's label
                  **frame_slider(names, prefix="φ (degrees) = ", active=active))
    frames = [dict(data=s, name=name, traces=list(range(1, 6))) for s, name in zip(states, names)]
    # A plain dictionary: building a plotly Figure (importing plotly and
    # validating) costs a page a few tenths of a second; the tests validate
    # the same figure with go.Figure (tests/test_plotting_elements.py).
    return dict(data=[sphere, *states[active]], layout=layout, frames=frames)
