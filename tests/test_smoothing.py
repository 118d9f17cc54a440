"""Tests of what the smoothing page adds: companion.surfaces.mesh_volume (exact
cases, the sign convention, independence of the origin, convergence on the
icosphere, every failure path) and companion.plotting.evolving_mesh_figure
(validated by plotly, failure paths)."""

from __future__ import annotations

import numpy as np
import pytest

from companion.discrete import grid_mesh, sphere_mesh
from companion.plotting import evolving_mesh_figure
from companion.surfaces import bumpy_sphere, mesh_volume, torus_mesh

# The unit cube, two triangles per face, counter-clockwise seen from outside.
CUBE_VERTICES = np.array([[x, y, z] for z in (0, 1) for y in (0, 1) for x in (0, 1)], dtype=float)
CUBE_FACES = np.array([
    [0, 2, 3], [0, 3, 1], [4, 5, 7], [4, 7, 6], [0, 1, 5], [0, 5, 4],
    [2, 6, 7], [2, 7, 3], [0, 4, 6], [0, 6, 2], [1, 3, 7], [1, 7, 5],
])


def test_cube_volume_is_one_and_reversed_faces_give_minus_one():
    assert mesh_volume(CUBE_VERTICES, CUBE_FACES) == pytest.approx(1.0, rel=1e-15)
    assert mesh_volume(CUBE_VERTICES, CUBE_FACES[:, ::-1]) == pytest.approx(-1.0, rel=1e-15)


def test_box_volume_scales_with_each_side():
    sides = np.array([2.0, 0.5, 3.0])
    assert mesh_volume(CUBE_VERTICES * sides, CUBE_FACES) == pytest.approx(3.0, rel=1e-14)


@pytest.mark.parametrize("shift", [(10.0, -3.0, 2.0), (-1e3, 0.0, 5e2)])
def test_volume_does_not_depend_on_the_origin(shift):
    vertices, faces = bumpy_sphere(2, 0.3, np.random.default_rng(1))
    moved = mesh_volume(vertices + np.array(shift), faces)
    assert moved == pytest.approx(mesh_volume(vertices, faces), rel=1e-9)


def test_rotation_keeps_the_volume():
    vertices, faces = bumpy_sphere(2, 0.3, np.random.default_rng(2))
    c, s = np.cos(0.7), np.sin(0.7)
    rotation = np.array([[c, -s, 0.0], [s, c, 0.0], [0.0, 0.0, 1.0]])
    assert mesh_volume(vertices @ rotation.T, faces) == pytest.approx(mesh_volume(vertices, faces),
                                                                      rel=1e-12)


def test_icosphere_volume_converges_to_the_ball_from_below():
    errors = []
    for level in (2, 3, 4):
        vertices, faces = sphere_mesh(level)
        errors.append(4 * np.pi / 3 - mesh_volume(vertices, faces))
    errors = np.array(errors)
    assert np.all(errors > 0)  # the mesh is inscribed in the sphere
    assert np.allclose(errors[:-1] / errors[1:], 4.0, rtol=0.03)  # O(h^2)


def test_torus_volume_approaches_pappus():
    R, r = 2.0, 0.5
    volume = mesh_volume(*torus_mesh(R, r, 128, 64))
    exact = 2 * np.pi**2 * R * r**2  # Pappus: tube cross-section times the path of its centre
    assert 0 < exact - volume < 3e-3 * exact


def test_planar_mesh_is_rejected():
    vertices, faces = grid_mesh(3, 3)
    with pytest.raises(ValueError, match=r"shape \(V, 3\)"):
        mesh_volume(vertices[:, :2], faces)


def test_open_mesh_is_rejected():
    with pytest.raises(ValueError, match="must be closed.*boundary"):
        mesh_volume(CUBE_VERTICES, CUBE_FACES[:-2])


def test_bad_faces_are_rejected():
    with pytest.raises(ValueError, match="degenerate"):
        mesh_volume(CUBE_VERTICES, [[0, 0, 1]])
    with pytest.raises(ValueError, match="does not exist"):
        mesh_volume(CUBE_VERTICES, [[0, 1, 9]])
    with pytest.raises(TypeError, match="integer"):
        mesh_volume(CUBE_VERTICES, CUBE_FACES.astype(float))


# --------------------------------------------------------------------------
# The figure.

def _frames():
    vertices, faces = sphere_mesh(1)
    radii = np.array([1.0, 0.9, 0.7])
    return radii[:, None, None] * vertices, faces, np.outer(radii, np.ones(len(vertices)))


def test_figure_is_valid_plotly_with_one_frame_per_state():
    go = pytest.importorskip("plotly.graph_objects")
    positions, faces, values = _frames()
    fig = evolving_mesh_figure(positions, faces, values, ["0", "1", "2"], prefix="step ",
                               colorbar="radius")
    checked = go.Figure(fig)  # validates every trace, frame and layout key
    assert len(checked.frames) == 3
    assert checked.data[0].type == "mesh3d"
    np.testing.assert_allclose(checked.frames[2].data[0].x, positions[2, :, 0])
    assert (checked.data[0].cmin, checked.data[0].cmax) == (0.7, 1.0)
    assert list(checked.layout.scene.xaxis.range) == [positions.min(), positions.max()]
    steps = checked.layout.sliders[0].steps
    assert [step.label for step in steps] == ["0", "1", "2"]


def test_figure_goes_through_interactive_figure():
    from companion.plotting import interactive_figure

    positions, faces, values = _frames()
    out = interactive_figure(evolving_mesh_figure(positions, faces, values, ["a", "b", "c"]),
                             "test-evolving-mesh")
    assert len(out.spec["frames"]) == 3 and out.png[:4] == b"\x89PNG"


@pytest.mark.parametrize("change, message", [
    (lambda p, f, v, lab: (p[:, :, :2], f, v, lab), r"positions must have shape"),
    (lambda p, f, v, lab: (p, f.astype(float), v, lab), r"faces must be integer"),
    (lambda p, f, v, lab: (p, f + 100, v, lab), r"faces must index"),
    (lambda p, f, v, lab: (p, f, v[:, :-1], lab), r"values must have shape"),
    (lambda p, f, v, lab: (p, f, np.where(v > 0.95, np.nan, v), lab), r"finite"),
    (lambda p, f, v, lab: (p, f, v, lab[:2]), r"one label per frame"),
])
def test_figure_rejects_bad_input(change, message):
    positions, faces, values = _frames()
    with pytest.raises(ValueError, match=message):
        evolving_mesh_figure(*change(positions, faces, values, ["0", "1", "2"]))


def test_figure_rejects_bad_style():
    positions, faces, values = _frames()
    with pytest.raises(ValueError, match="colorscale"):
        evolving_mesh_figure(positions, faces, values, ["0", "1", "2"], colorscale="Jet")
    with pytest.raises(ValueError, match="height"):
        evolving_mesh_figure(positions, faces, values, ["0", "1", "2"], height=100)
