"""Tests of companion.plotting.elements: the spherical volume element as a mesh and a figure."""

from __future__ import annotations

import math

import numpy as np
import pytest

from companion.coordinates import spherical
from companion.plotting.elements import (enclosed_volume, spherical_cell, spherical_cell_volume,
                                         spherical_element_figure, spherical_point)

go = pytest.importorskip("plotly.graph_objects")

from validated import validated  # noqa: E402

spherical_element_figure = validated(spherical_element_figure)


def test_spherical_point_follows_the_books_convention():
    # phi from +z, theta the azimuth: the same map as companion.coordinates.spherical.
    import sympy as sp

    F = sp.lambdify(spherical.variables, list(spherical.expressions), modules="numpy")
    rng = np.random.default_rng(0)
    for rho, phi, theta in rng.uniform([0.1, 0.0, 0.0], [3.0, np.pi, 2 * np.pi], (10, 3)):
        assert np.allclose(spherical_point(rho, phi, theta), F(rho, phi, theta), rtol=1e-14, atol=1e-14)


def test_mesh_is_closed_and_outward():
    vertices, faces = spherical_cell(1.0, 0.4, 0.3, 0.2, 0.3, 0.5, samples=3)
    assert enclosed_volume(vertices, faces) > 0
    # Closed: every edge, with its coincident vertices merged, is shared by two triangles.
    keys = np.round(vertices, 12)
    _, ids = np.unique(keys, axis=0, return_inverse=True)
    tri = ids.ravel()[faces]
    edges = np.sort(np.concatenate([tri[:, [0, 1]], tri[:, [1, 2]], tri[:, [2, 0]]]), axis=1)
    _, counts = np.unique(edges, axis=0, return_counts=True)
    assert np.all(counts == 2)


@pytest.mark.parametrize("phi", [0.0, 0.3, math.pi / 2, 2.5])
def test_mesh_volume_converges_to_the_exact_volume(phi):
    box = (0.8, phi, 1.0, 0.3, 0.4, 0.6)
    exact = spherical_cell_volume(*box)
    errors = [abs(enclosed_volume(*spherical_cell(*box, samples=m)) - exact) for m in (4, 8, 16)]
    assert errors[-1] < 1e-3 * exact
    # Second order in the mesh size: halving it quarters the error.
    assert 3.5 < errors[0] / errors[1] < 4.5 and 3.5 < errors[1] / errors[2] < 4.5


def test_exact_volume_is_the_integral_of_the_determinant_and_tends_to_the_element():
    import sympy as sp

    rho, phi, theta = spherical.variables
    exact = sp.integrate(spherical.det(), (rho, 1, sp.Rational(6, 5)), (phi, sp.pi / 3, sp.pi / 2),
                         (theta, 0, sp.Rational(1, 2)))
    assert math.isclose(spherical_cell_volume(1.0, math.pi / 3, 0.0, 0.2, math.pi / 6, 0.5),
                        float(exact), rel_tol=1e-13)
    for d in (1e-2, 1e-4, 1e-6):
        element = 2.0**2 * math.sin(1.0) * d**3
        ratio = spherical_cell_volume(2.0, 1.0, 0.0, d, d, d) / element
        assert abs(ratio - 1) < 2 * d


def test_figure_frames_show_the_box_at_each_phi():
    phis = np.radians([0, 45, 90, 135])
    fig = spherical_element_figure(1.0, 0.5, math.radians(30), math.radians(30), phis,
                                   theta=0.5, active=2)
    assert [frame.name for frame in fig.frames] == ["0", "45", "90", "135"]
    assert fig.layout.sliders[0].active == 2
    assert [trace.type for trace in fig.data] == ["surface", "mesh3d", "scatter3d", "scatter3d",
                                                  "scatter3d", "scatter3d"]
    for phi, frame in zip(phis, fig.frames):
        box = frame.data[0]
        vertices = np.column_stack([box.x, box.y, box.z])
        faces = np.column_stack([box.i, box.j, box.k])
        exact = spherical_cell_volume(1.0, phi, 0.5, 0.5, math.radians(30), math.radians(30))
        assert math.isclose(enclosed_volume(vertices, faces), exact, rel_tol=0.02)
        # The three edges from the corner (rho, phi, theta) have the labelled lengths.
        lengths = [np.sum(np.linalg.norm(np.diff(np.column_stack([e.x, e.y, e.z]), axis=0), axis=1))
                   for e in frame.data[1:4]]
        assert np.allclose(lengths, [0.5, math.radians(30), math.sin(phi) * math.radians(30)],
                           rtol=2e-3, atol=1e-12)
        assert list(frame.data[4].text) == ["dρ", "ρ dφ", "ρ sin φ dθ"]
    # data is the active frame's state
    assert np.allclose(fig.data[1].x, fig.frames[2].data[0].x)
    # The sphere has radius rho.
    sphere = fig.data[0]
    assert np.allclose(np.sqrt(np.asarray(sphere.x)**2 + np.asarray(sphere.y)**2
                               + np.asarray(sphere.z)**2), 1.0)


def test_figure_is_valid_for_plotly():
    # The figure is built without plotly's validation (page time); validate it here.
    fig = spherical_element_figure(1.0, 0.5, 0.5, 0.5, np.radians([0, 60, 120]), active=1)
    checked = go.Figure(fig.to_dict())
    assert len(checked.frames) == 3 and checked.layout.scene.aspectmode == "manual"
    assert checked.layout.updatemenus[0].buttons[0].label == "Play"


@pytest.mark.parametrize("args, message", [
    ((float("nan"), 0.1, 0.0, 0.1, 0.1, 0.1), "rho must be a finite number"),
    ((-1.0, 0.1, 0.0, 0.1, 0.1, 0.1), "rho must be at least 0"),
    ((1.0, 0.1, 0.0, 0.0, 0.1, 0.1), "drho must be positive"),
    ((1.0, 0.1, 0.0, 0.1, -0.1, 0.1), "dphi must be positive"),
    ((1.0, 3.0, 0.0, 0.1, 0.5, 0.1), r"phi and phi \+ dphi must lie in \[0, pi\]"),
    ((1.0, 0.1, 0.0, 0.1, 0.1, 7.0), "dtheta must be at most 2 pi"),
    ((1.0, "a", 0.0, 0.1, 0.1, 0.1), "phi must be a finite number"),
])
def test_bad_boxes_are_rejected(args, message):
    with pytest.raises(ValueError, match=message):
        spherical_cell(*args)
    with pytest.raises(ValueError, match=message):
        spherical_cell_volume(*args)


def test_bad_samples_and_meshes_are_rejected():
    with pytest.raises(ValueError, match="samples must be an integer from 1 to 60"):
        spherical_cell(1.0, 0.1, 0.0, 0.1, 0.1, 0.1, samples=0)
    with pytest.raises(ValueError, match=r"vertices must have shape \(n, 3\)"):
        enclosed_volume(np.zeros((3, 2)), [[0, 1, 2]])
    with pytest.raises(ValueError, match="faces must be integers"):
        enclosed_volume(np.zeros((3, 3)), [[0.0, 1.0, 2.0]])
    with pytest.raises(ValueError, match="faces must index vertices"):
        enclosed_volume(np.zeros((3, 3)), [[0, 1, 3]])


def test_bad_figure_arguments_are_rejected():
    d = math.radians(30)
    with pytest.raises(ValueError, match="phis must hold 1 to 25 angles"):
        spherical_element_figure(1.0, 0.5, d, d, [])
    with pytest.raises(ValueError, match="rho must be positive"):
        spherical_element_figure(0.0, 0.5, d, d, [0.5])
    with pytest.raises(ValueError, match=r"active must index phis \(0 to 1\)"):
        spherical_element_figure(1.0, 0.5, d, d, [0.5, 1.0], active=2)
    with pytest.raises(ValueError, match=r"phi and phi \+ dphi"):
        spherical_element_figure(1.0, 0.5, d, d, [3.0])
