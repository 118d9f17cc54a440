"""Tests of what the harmonic deformation page adds: ``surfaces.cylinder_mesh``."""

import numpy as np
import pytest

from companion.discrete import cotan_laplacian, mesh_boundary, solve_poisson
from companion.surfaces import cylinder_mesh, face_areas, face_normals


@pytest.mark.parametrize("n_around, n_up", [(3, 2), (8, 5), (24, 13)])
def test_cylinder_shapes_rings_and_radius(n_around, n_up):
    vertices, faces = cylinder_mesh(1.5, 2.0, n_around, n_up)
    assert vertices.shape == (n_around * n_up, 3)
    assert faces.shape == (2 * (n_up - 1) * n_around, 3) and faces.dtype.kind == "i"
    assert np.allclose(np.hypot(vertices[:, 0], vertices[:, 1]), 1.5, rtol=0, atol=1e-14)
    rings = vertices[:, 2].reshape(n_up, n_around)
    assert np.allclose(rings, np.linspace(0.0, 2.0, n_up)[:, None], rtol=0, atol=1e-14)
    # every vertex is used and every face has three distinct corners
    assert np.unique(faces).size == len(vertices)
    assert np.all((faces[:, 0] != faces[:, 1]) & (faces[:, 1] != faces[:, 2]) & (faces[:, 0] != faces[:, 2]))


def test_cylinder_normals_point_away_from_the_axis():
    vertices, faces = cylinder_mesh(1.0, 3.0, 12, 7)
    centres = vertices[faces].mean(axis=1)
    outward = np.sum(face_normals(vertices, faces)[:, :2] * centres[:, :2], axis=1)
    assert np.all(outward > 0.9)


def test_cylinder_edges_are_shared_in_opposite_directions():
    vertices, faces = cylinder_mesh(1.0, 1.0, 10, 4)
    directed = np.concatenate([faces[:, [0, 1]], faces[:, [1, 2]], faces[:, [2, 0]]])
    as_set = {tuple(e) for e in directed.tolist()}
    assert len(as_set) == len(directed)  # no directed edge twice: consistently oriented
    boundary_edges = [e for e in as_set if (e[1], e[0]) not in as_set]
    assert len(boundary_edges) == 2 * 10  # the two rings


def test_cylinder_boundary_is_the_bottom_and_top_rings():
    vertices, faces = cylinder_mesh(1.0, 2.0, 16, 6)
    boundary = np.flatnonzero(mesh_boundary(vertices, faces))
    assert np.array_equal(boundary, np.r_[0:16, 80:96])


def test_cylinder_area_converges():
    errors = [2 * np.pi * 2.0 - face_areas(*cylinder_mesh(1.0, 2.0, n, n)).sum() for n in (16, 32, 64)]
    # The staggered (Schwarz lantern) triangles are tilted, so the mesh's area exceeds the
    # cylinder's; with as many rings as vertices per ring the excess still falls like h**2.
    errors = -np.array(errors)
    assert np.all(errors > 0)
    ratios = errors[:-1] / errors[1:]
    assert np.all((ratios > 3.0) & (ratios < 4.5)) and ratios[1] > ratios[0]


def test_cylinder_weights_positive_when_rings_are_far_enough_apart():
    radius, n_around = 1.0, 24
    for n_up, positive in ((13, True), (40, False)):  # dz = 0.167 and 0.051 against sin(pi/24) = 0.131
        L = cotan_laplacian(*cylinder_mesh(radius, 2.0, n_around, n_up)).toarray()
        off = L[~np.eye(len(L), dtype=bool) & (L != 0)]
        assert (off.min() > 0) == positive


def test_cylinder_height_is_discrete_harmonic():
    # z is linear along the axis; by the mesh's symmetry L z = 0 at every inner vertex.
    vertices, faces = cylinder_mesh(0.7, 1.3, 20, 9)
    Lz = cotan_laplacian(vertices, faces) @ vertices[:, 2]
    assert np.abs(Lz[20:-20]).max() < 1e-13
    rings = np.r_[0:20, 160:180]
    u = solve_poisson(cotan_laplacian(vertices, faces), np.ones(len(vertices)), np.zeros(len(vertices)),
                      fixed=rings, values=vertices[:, 2] / 1.3)
    assert np.allclose(u, vertices[:, 2] / 1.3, rtol=0, atol=1e-12)


@pytest.mark.parametrize(
    "args, error, match",
    [
        ((0.0, 1.0, 8, 3), ValueError, "radius must be a positive finite number"),
        ((1.0, -2.0, 8, 3), ValueError, "height must be a positive finite number"),
        ((1.0, float("inf"), 8, 3), ValueError, "height"),
        ((1.0, 1.0, 2, 3), ValueError, "n_around"),
        ((1.0, 1.0, 8, 1), ValueError, "n_up"),
        ((1.0, 1.0, 8.0, 3), TypeError, "n_around"),
        ((1.0, 1.0, 8, True), TypeError, "n_up"),
    ],
)
def test_cylinder_rejects_bad_input(args, error, match):
    with pytest.raises(error, match=match):
        cylinder_mesh(*args)
