"""Tests of companion.spectra (the vibration modes of a mesh) and of the figure that
shows them, companion.plotting.surfaces.mesh_modes_figure: the sphere's spectrum
l(l + 1) with multiplicity 2l + 1, M-orthonormality, symmetry, and every failure path."""

from __future__ import annotations

import numpy as np
import pytest

from companion.discrete import cotan_laplacian, mass_matrix, sphere_mesh
from companion.spectra import (EigenvalueClusters, LaplacianModes, canonical_modes, eigenvalue_clusters,
                               laplacian_modes)
from companion.surfaces import torus_mesh


@pytest.fixture(scope="module")
def sphere3() -> tuple[np.ndarray, np.ndarray]:
    return sphere_mesh(3)


def test_sphere_spectrum_clusters_into_odd_multiplicities(sphere3):
    modes = laplacian_modes(*sphere3, k=30)  # a margin: Lanczos can miss a copy at the end
    assert isinstance(modes, LaplacianModes)
    values = modes.values[:25]
    fine = eigenvalue_clusters(values, rtol=1e-6)
    assert fine.sizes.tolist() == [1, 3, 5, 4, 3, 4, 5]  # the icosahedron's irreducible dimensions
    # l = 3 and l = 4 split into 4 + 3 and 5 + 4 under the icosahedron's symmetry,
    # but by far less than the gaps between the l's: a looser tolerance merges them.
    merged = eigenvalue_clusters(values, rtol=0.02)
    assert merged.sizes.tolist() == [1, 3, 5, 7, 9], merged.sizes
    exact = np.array([l * (l + 1) for l in range(5)])
    assert np.allclose(merged.means, exact, rtol=0.03, atol=1e-9)
    assert np.all(merged.spreads < 0.01 * np.diff(np.append(merged.means, np.inf)))


def test_modes_are_m_orthonormal_and_solve_the_eigenproblem(sphere3):
    V, F = sphere3
    modes = laplacian_modes(V, F, k=6, mass="voronoi")
    L, M = cotan_laplacian(V, F), mass_matrix(V, F, kind="voronoi")
    assert np.allclose(modes.mass, M.diagonal())
    gram = modes.vectors.T @ (modes.mass[:, None] * modes.vectors)
    assert np.allclose(gram, np.eye(6), atol=1e-10)
    residual = -(L @ modes.vectors) - (M @ modes.vectors) * modes.values
    assert np.abs(residual).max() < 1e-8 * np.abs(modes.values).max()
    assert np.all(np.diff(modes.values) >= 0) and abs(modes.values[0]) < 1e-10


def test_l1_eigenspace_holds_the_coordinates(sphere3):
    V, F = sphere3
    modes = laplacian_modes(V, F, k=6)
    U, m = modes.vectors[:, 1:4], modes.mass
    coefficients = U.T @ (m[:, None] * V)          # M-projection of x, y, z
    rest = V - U @ coefficients
    assert np.sqrt(np.sum(m[:, None] * rest**2) / np.sum(m[:, None] * V**2)) < 1e-3


def test_scaling_divides_eigenvalues_by_the_square(sphere3):
    V, F = sphere3
    small, large = laplacian_modes(V, F, k=12), laplacian_modes(3.0 * V, F, k=12)
    assert np.allclose(large.values[:9], small.values[:9] / 9.0, rtol=1e-9, atol=1e-12)


def test_torus_pairs_come_from_its_rotations():
    V, F = torus_mesh(2.0, 1.0, 24, 12)
    values = laplacian_modes(V, F, k=8).values
    c = eigenvalue_clusters(values, rtol=1e-6)
    assert c.sizes.tolist()[:3] == [1, 2, 2]


def test_canonical_modes_ignore_rotations_inside_an_eigenspace():
    V, F = torus_mesh(2.0, 1.0, 24, 12)
    full = laplacian_modes(V, F, k=7)             # 7 for a margin; keep 0 and two pairs (k = 1, 2)
    modes = LaplacianModes(full.values[:5], full.vectors[:, :5], full.mass)
    assert eigenvalue_clusters(modes.values, rtol=1e-6).sizes.tolist() == [1, 2, 2]
    turn = np.array([[np.cos(0.7), -np.sin(0.7)], [np.sin(0.7), np.cos(0.7)]])
    vectors = modes.vectors.copy()
    vectors[:, 1:3] = vectors[:, 1:3] @ turn      # another basis of the same pair
    vectors[:, 0] *= -1
    other = LaplacianModes(modes.values, vectors, modes.mass)
    a, b = canonical_modes(modes), canonical_modes(other)
    assert np.allclose(a.vectors, b.vectors, atol=1e-8)
    gram = a.vectors.T @ (a.mass[:, None] * a.vectors)
    assert np.allclose(gram, np.eye(5), atol=1e-10)
    with pytest.raises(TypeError, match="LaplacianModes"):
        canonical_modes(modes.vectors)


def test_clusters_of_a_simple_list():
    c = eigenvalue_clusters([0.0, 1.0, 1.0, 3.0])
    assert isinstance(c, EigenvalueClusters)
    assert c.starts.tolist() == [0, 1, 3] and c.sizes.tolist() == [1, 2, 1]
    assert c.spreads.tolist() == [0.0, 0.0, 0.0]
    assert eigenvalue_clusters([5.0]).sizes.tolist() == [1]


@pytest.mark.parametrize("kwargs, message", [
    (dict(k=0), "k must be"),
    (dict(k=161), "k must be"),
    (dict(k=3, mass="lumped"), "mass must be"),
    (dict(k=3, shift=0.0), "shift must be"),
    (dict(k=3, shift=float("nan")), "shift must be"),
])
def test_laplacian_modes_refuses_bad_input(kwargs, message):
    with pytest.raises(ValueError, match=message):
        laplacian_modes(*sphere_mesh(2), **kwargs)


def test_laplacian_modes_refuses_a_bad_mesh():
    with pytest.raises(ValueError, match="faces"):
        laplacian_modes(np.array([[0.0, 0, 0], [1, 0, 0]]), np.zeros((0, 3), dtype=int), k=1)


@pytest.mark.parametrize("values, kwargs, message", [
    ([], {}, "at least one"),
    ([1.0, np.nan], {}, "finite"),
    ([2.0, 1.0], {}, "ascending"),
    ([1.0, 2.0], dict(rtol=-0.1), "rtol must be"),
    ([1.0, 2.0], dict(atol=np.inf), "atol must be"),
    ([1.0, 2.0], dict(rtol=0.0, atol=0.0), "not both be 0"),
])
def test_eigenvalue_clusters_refuses_bad_input(values, kwargs, message):
    with pytest.raises(ValueError, match=message):
        eigenvalue_clusters(values, **kwargs)


# --- the figure ------------------------------------------------------------------

def test_mesh_modes_figure_validates_and_scales_each_frame():
    pytest.importorskip("plotly")
    from validated import validated

    from companion.plotting import mesh_modes_figure

    V, F = sphere_mesh(1)
    modes = np.column_stack([V[:, 0], 3.0 * V[:, 2], V[:, 0] * V[:, 1]])
    fig = validated(mesh_modes_figure)(V, F, modes, ["x", "3z", "xy"], prefix="mode ")  # plotly validates it
    assert len(fig.frames) == 3 and fig.data[0].type == "mesh3d"
    assert np.allclose(fig.data[0].intensity, V[:, 0] / np.abs(V[:, 0]).max())
    for frame, column in zip(fig.frames, modes.T):
        intensity = np.asarray(frame.data[0].intensity)
        assert np.isclose(np.abs(intensity).max(), 1.0)
        assert np.allclose(intensity * np.abs(column).max(), column)
    steps = fig.layout.sliders[0].steps
    assert [s.label for s in steps] == ["x", "3z", "xy"]
    assert (fig.data[0].cmin, fig.data[0].cmax) == (-1.0, 1.0)


@pytest.mark.parametrize("change, message", [
    (dict(vertices=np.zeros((4, 2))), "vertices must be"),
    (dict(faces=np.array([[0, 1, 2.0]])), "faces must be an integer"),
    (dict(faces=np.array([[0, 1, 7]])), "faces must index"),
    (dict(modes=np.ones((3, 1))), "modes must have shape"),
    (dict(modes=np.array([[1.0], [np.inf], [0], [0]])), "modes must be finite"),
    (dict(modes=np.array([[1.0, 0], [0, 0], [0, 0], [0, 0]])), "is zero everywhere"),
    (dict(labels=["a", "b"]), "labels must have one entry"),
])
def test_mesh_modes_figure_refuses_bad_input(change, message):
    from companion.plotting import mesh_modes_figure

    args = dict(vertices=np.array([[0, 0, 0], [1, 0, 0], [0, 1, 0], [0, 0, 1]], dtype=float),
                faces=np.array([[0, 2, 1], [0, 1, 3], [0, 3, 2], [1, 2, 3]]),
                modes=np.array([[1.0], [0.0], [0.0], [0.0]]), labels=["a"])
    args.update(change)
    with pytest.raises(ValueError, match=message):
        mesh_modes_figure(args["vertices"], args["faces"], args["modes"], args["labels"])
