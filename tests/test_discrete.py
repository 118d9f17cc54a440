"""Tests of companion.discrete: the 5-point stencil, the cotangent Laplacian
and the lumped mass on the meshes of chapter 6, the small sparse matrix, the
convergence orders the chapter quotes, and every failure path.

Measured orders (asserted below):
* grid_laplacian on sin(2x) e^y over [0, 1]^2, h = 1/16, 1/32, 1/64: max
  error slopes 1.95, 1.98 (1.91 from h = 1/8); on sin(3x), h = 0.1, 0.05,
  0.025: 2.00, 2.00.
* icosphere, f = z (Delta f = -2 z), levels 3 -> 4 -> 5: median vertex error
  slope 2.0, 2.1; mass-weighted RMS error slope 1.01, 1.01; the largest error
  (at the 12 valence-5 vertices) stays at 0.243, 0.247, 0.248. The first
  nonzero eigenvalue of L v = lambda M v is -2 + 7.9e-4, 9.2e-5, 8.1e-6 at
  levels 1, 2, 3 (slopes 3.1, 3.5).
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from companion.discrete import (
    MAX_DENSE_ROWS,
    SparseMatrix,
    cotan_laplacian,
    grid_laplacian,
    grid_mesh,
    jittered_grid_mesh,
    mass_matrix,
    mesh_boundary,
    sphere_mesh,
)

pytestmark = pytest.mark.filterwarnings("error")

PROPERTY = settings(max_examples=40, deadline=None)


# --------------------------------------------------------------------------
# Helpers.

def grid(nx: int, ny: int, h: float):
    """grid_mesh with spacing h in both directions."""
    return grid_mesh(nx, ny, width=(nx - 1) * h, height=(ny - 1) * h)


def jittered_grid(nx: int, ny: int, seed: int, lift: bool = False):
    """A 1 x 1 grid whose interior vertices move by up to h/5 per axis: an
    irregular planar mesh (no triangle flips), or a bumpy surface if lift."""
    vertices, faces = grid_mesh(nx, ny)
    rng = np.random.default_rng(seed)
    h = min(1.0 / (nx - 1), 1.0 / (ny - 1))
    inside = ~mesh_boundary(vertices, faces)
    vertices[inside, :2] += rng.uniform(-0.2 * h, 0.2 * h, (inside.sum(), 2))
    if lift:
        vertices[:, 2] = rng.uniform(-0.5 * h, 0.5 * h, len(vertices))
    return vertices, faces


def edges(faces: np.ndarray) -> np.ndarray:
    """The undirected edges, one row (i < j) each."""
    pairs = np.concatenate([faces[:, [0, 1]], faces[:, [1, 2]], faces[:, [2, 0]]])
    return np.unique(np.sort(pairs, axis=1), axis=0)


def slopes(errors, ratio: float = 2.0) -> np.ndarray:
    """Observed orders log(e_k / e_{k+1}) / log(ratio)."""
    errors = np.asarray(errors)
    return np.log(errors[:-1] / errors[1:]) / np.log(ratio)


def check_laplacian_invariants(vertices, faces, dense: bool = True) -> None:
    L = cotan_laplacian(vertices, faces)
    A = L.toarray()
    scale = np.max(np.abs(A))
    # Each off-diagonal entry sums the same two numbers in either order.
    assert np.array_equal(A, A.T)
    assert np.max(np.abs(L.row_sums())) <= 1e-12 * scale
    assert L.nnz == len(vertices) + 2 * len(edges(faces))
    if dense:
        assert np.max(np.linalg.eigvalsh(A)) <= 1e-10 * scale


# --------------------------------------------------------------------------
# grid_laplacian.

def test_grid_laplacian_returns_the_interior_only():
    assert grid_laplacian(np.zeros((5, 7)), 0.1).shape == (3, 5)
    assert grid_laplacian(np.zeros(6), 0.1).shape == (4,)
    assert grid_laplacian(np.zeros((3, 3)), 1.0).shape == (1, 1)


def test_grid_laplacian_matches_the_stencil_entry_by_entry():
    u = np.random.default_rng(0).standard_normal((4, 5))
    out = grid_laplacian(u, 0.5)
    i, j = 2, 3  # out[i - 1, j - 1] belongs to u[i, j]
    expected = (u[i + 1, j] + u[i - 1, j] + u[i, j + 1] + u[i, j - 1] - 4 * u[i, j]) / 0.25
    assert out[i - 1, j - 1] == pytest.approx(expected, rel=1e-14)


@PROPERTY
@given(st.floats(-3, 3), st.floats(-3, 3), st.floats(-3, 3), st.floats(-3, 3),
       st.floats(0.05, 2.0))
def test_grid_laplacian_is_exact_on_quadratics(a, b, c, d, h):
    X, Y = np.meshgrid(np.arange(6) * h, np.arange(5) * h)
    u = a * X**2 + b * Y**2 + c * X * Y + d * X - Y + 1.0
    # Rounding in the samples, divided by h^2, is the only error.
    atol = 1e-13 * (np.max(np.abs(u)) / h**2 + 1.0)
    np.testing.assert_allclose(grid_laplacian(u, h), 2 * a + 2 * b, rtol=0, atol=atol)


def test_grid_laplacian_is_second_order():
    def max_error(h):
        n = round(1 / h) + 1
        X, Y = np.meshgrid(np.linspace(0, 1, n), np.linspace(0, 1, n))
        u = np.sin(2 * X) * np.exp(Y)
        exact = -3 * u  # (-4 + 1) sin(2x) e^y
        return np.max(np.abs(grid_laplacian(u, h) - exact[1:-1, 1:-1]))

    orders = slopes([max_error(h) for h in (1 / 16, 1 / 32, 1 / 64)])
    assert np.all((orders > 1.9) & (orders < 2.1)), orders


def test_grid_laplacian_1d_is_second_order():
    def max_error(h):
        x = np.arange(0, 2 + h / 2, h)
        return np.max(np.abs(grid_laplacian(np.sin(3 * x), h) + 9 * np.sin(3 * x[1:-1])))

    orders = slopes([max_error(h) for h in (0.1, 0.05, 0.025)])
    assert np.all((orders > 1.9) & (orders < 2.1)), orders


@pytest.mark.parametrize("u, message", [
    (np.zeros((2, 5)), "at least 3 points along each axis"),
    (np.zeros((5, 2)), "at least 3 points along each axis"),
    (np.zeros(2), "at least 3 points"),
    (np.zeros((3, 3, 3)), "1-D or 2-D"),
    (1.0, "1-D or 2-D"),
    ([[0, 1, 2], [0, np.nan, 2], [0, 1, 2]], "u must be finite"),
    (np.full(4, np.inf), "u must be finite"),
])
def test_grid_laplacian_rejects_bad_samples(u, message):
    with pytest.raises(ValueError, match=message):
        grid_laplacian(u, 0.1)


@pytest.mark.parametrize("h", [0, -0.1, np.nan, np.inf])
def test_grid_laplacian_rejects_bad_spacing(h):
    with pytest.raises(ValueError, match="h must be a positive finite number"):
        grid_laplacian(np.zeros((4, 4)), h)


def test_grid_laplacian_rejects_non_numbers():
    with pytest.raises(TypeError, match="u must be an array of numbers"):
        grid_laplacian([["a", "b", "c"]] * 3, 0.1)


# --------------------------------------------------------------------------
# Mesh builders and the boundary.

def test_grid_mesh_layout():
    nx, ny = 4, 3
    vertices, faces = grid_mesh(nx, ny, width=3.0, height=4.0)
    assert vertices.shape == (12, 3) and faces.shape == (12, 3)
    assert faces.dtype.kind == "i"
    i, j = 2, 1
    np.testing.assert_allclose(vertices[j * nx + i], [2.0, 2.0, 0.0])
    # Counter-clockwise from +z, so all signed areas are positive.
    p = vertices[faces]
    signed = np.cross(p[:, 1] - p[:, 0], p[:, 2] - p[:, 0])[:, 2]
    assert np.all(signed > 0)
    np.testing.assert_allclose(signed / 2, 3.0 * 4.0 / len(faces))


def test_grid_mesh_triangles_are_right_isosceles_for_equal_spacing():
    vertices, faces = grid(5, 4, 0.25)
    p = vertices[faces]
    sides = np.sort(np.linalg.norm(p - np.roll(p, 1, axis=1), axis=2), axis=1)
    np.testing.assert_allclose(sides, np.tile([0.25, 0.25, 0.25 * np.sqrt(2)], (len(faces), 1)))


def test_grid_mesh_boundary():
    nx, ny = 5, 4
    vertices, faces = grid_mesh(nx, ny)
    j, i = np.divmod(np.arange(nx * ny), nx)
    expected = (i == 0) | (i == nx - 1) | (j == 0) | (j == ny - 1)
    assert np.array_equal(mesh_boundary(vertices, faces), expected)


@pytest.mark.parametrize("subdivisions", [0, 1, 2, 3])
def test_sphere_mesh_is_a_closed_outward_unit_sphere(subdivisions):
    vertices, faces = sphere_mesh(subdivisions)
    assert vertices.shape == (10 * 4**subdivisions + 2, 3)
    assert faces.shape == (20 * 4**subdivisions, 3)
    np.testing.assert_allclose(np.linalg.norm(vertices, axis=1), 1.0, rtol=1e-14)
    E = edges(faces)
    assert len(vertices) - len(E) + len(faces) == 2  # Euler characteristic
    # Closed and manifold: every directed edge appears once, its reverse once.
    directed = np.concatenate([faces[:, [0, 1]], faces[:, [1, 2]], faces[:, [2, 0]]])
    assert len(np.unique(directed, axis=0)) == len(directed) == 2 * len(E)
    assert not mesh_boundary(vertices, faces).any()
    p = vertices[faces]
    normals = np.cross(p[:, 1] - p[:, 0], p[:, 2] - p[:, 0])
    assert np.all(np.einsum("fd,fd->f", normals, p.mean(axis=1)) > 0)


def test_sphere_mesh_level_5_has_10242_vertices():
    vertices, faces = sphere_mesh(5)
    assert len(vertices) == 10_242 and len(faces) == 20_480


@pytest.mark.parametrize("call, error, message", [
    (lambda: grid_mesh(1, 3), ValueError, "nx must be an integer at least 2, got 1"),
    (lambda: grid_mesh(3, 0), ValueError, "ny must be an integer at least 2"),
    (lambda: grid_mesh(3.0, 3), TypeError, "nx must be an integer"),
    (lambda: grid_mesh(True, 3), TypeError, "nx must be an integer"),
    (lambda: grid_mesh(3, 3, width=0.0), ValueError, "width must be a positive"),
    (lambda: grid_mesh(3, 3, height=-1.0), ValueError, "height must be a positive"),
    (lambda: sphere_mesh(-1), ValueError, "subdivisions must be an integer between 0 and 8"),
    (lambda: sphere_mesh(9), ValueError, "subdivisions must be an integer between 0 and 8"),
    (lambda: sphere_mesh(2.0), TypeError, "subdivisions must be an integer"),
])
def test_mesh_builders_reject_bad_arguments(call, error, message):
    with pytest.raises(error, match=message):
        call()


# --------------------------------------------------------------------------
# The cotangent Laplacian and the lumped mass: invariants.

def test_invariants_on_the_grid():
    check_laplacian_invariants(*grid_mesh(6, 5, width=2.0, height=1.0))


@pytest.mark.parametrize("subdivisions", [0, 1, 2])
def test_invariants_on_the_sphere(subdivisions):
    check_laplacian_invariants(*sphere_mesh(subdivisions))


def test_invariants_on_the_level_5_sphere_without_dense_algebra():
    vertices, faces = sphere_mesh(5)
    L = cotan_laplacian(vertices, faces)
    assert L.shape == (10_242, 10_242)
    assert np.max(np.abs(L.row_sums())) <= 1e-12 * np.max(np.abs(L.data))
    # Symmetry: the transpose stores the same entries.
    assert np.array_equal(L.T.rows, L.rows) and np.array_equal(L.T.cols, L.cols)
    assert np.array_equal(L.T.data, L.data)
    # Negative semidefinite on random vectors (f @ L @ f = -|grad f|^2 area).
    f = np.random.default_rng(1).standard_normal((len(vertices), 5))
    assert np.all(np.einsum("vk,vk->k", f, L @ f) < 0)


@PROPERTY
@given(st.integers(3, 6), st.integers(3, 6), st.integers(0, 2**32 - 1), st.booleans())
def test_invariants_on_irregular_meshes(nx, ny, seed, lift):
    check_laplacian_invariants(*jittered_grid(nx, ny, seed, lift))


@PROPERTY
@given(st.integers(3, 7), st.integers(3, 7), st.integers(0, 2**32 - 1),
       st.floats(-2, 2), st.floats(-2, 2), st.floats(-2, 2))
def test_linear_functions_are_harmonic_at_interior_vertices(nx, ny, seed, a, b, c):
    vertices, faces = jittered_grid(nx, ny, seed)
    inside = ~mesh_boundary(vertices, faces)
    f = a * vertices[:, 0] + b * vertices[:, 1] + c
    L = cotan_laplacian(vertices, faces)
    scale = np.max(np.abs(L.data)) * (abs(a) + abs(b) + abs(c) + 1)
    assert np.max(np.abs((L @ f)[inside])) <= 1e-12 * scale


@PROPERTY
@given(st.integers(0, 2**32 - 1), st.floats(0.1, 10.0))
def test_invariant_under_rigid_motion_and_scaling(seed, s):
    vertices, faces = jittered_grid(4, 5, seed, lift=True)
    rng = np.random.default_rng(seed)
    Q, _ = np.linalg.qr(rng.standard_normal((3, 3)))
    moved = s * vertices @ Q.T + rng.standard_normal(3)
    # Angles, hence cotangents, do not change; areas scale by s^2.
    np.testing.assert_allclose(cotan_laplacian(moved, faces).data,
                               cotan_laplacian(vertices, faces).data, atol=1e-9)
    np.testing.assert_allclose(mass_matrix(moved, faces),
                               s**2 * mass_matrix(vertices, faces), rtol=1e-9)


def test_planar_vertices_may_omit_z():
    vertices, faces = jittered_grid(5, 4, seed=3)
    L2, L3 = cotan_laplacian(vertices[:, :2], faces), cotan_laplacian(vertices, faces)
    assert np.array_equal(L2.toarray(), L3.toarray())
    assert np.array_equal(mass_matrix(vertices[:, :2], faces), mass_matrix(vertices, faces))


def test_mass_matrix_sums_to_the_area():
    assert mass_matrix(*grid_mesh(5, 7, width=2.0, height=3.0)).sum() == pytest.approx(6.0)
    m = mass_matrix(*jittered_grid(6, 6, seed=7))
    assert m.sum() == pytest.approx(1.0) and np.all(m > 0)
    # The inscribed polyhedron's area approaches 4 pi from below.
    areas = [mass_matrix(*sphere_mesh(s)).sum() for s in (2, 3, 4)]
    assert areas[0] < areas[1] < areas[2] < 4 * np.pi
    assert 4 * np.pi - areas[2] < 0.02


# --------------------------------------------------------------------------
# The grid: the cotangent Laplacian is the 5-point stencil.

@pytest.mark.parametrize("h", [1.0, 0.1, 0.37])
def test_cotan_laplacian_is_the_5_point_stencil_on_the_grid(h):
    nx, ny = 7, 6
    vertices, faces = grid(nx, ny, h)
    m = mass_matrix(vertices, faces)
    inside = ~mesh_boundary(vertices, faces)
    # Six triangles of area h^2 / 2 meet at an interior vertex.
    np.testing.assert_allclose(m[inside], h**2, rtol=1e-12)
    L = cotan_laplacian(vertices, faces)
    # Weights: 1 on axis edges, 0 on diagonals (opposite angles are 90 deg).
    off = L.rows != L.cols
    horizontal_or_vertical = np.isclose(vertices[L.rows, 0], vertices[L.cols, 0]) \
        | np.isclose(vertices[L.rows, 1], vertices[L.cols, 1])
    interior_edge = inside[L.rows] | inside[L.cols]
    np.testing.assert_allclose(L.data[off & horizontal_or_vertical & interior_edge], 1.0,
                               rtol=1e-14)
    np.testing.assert_allclose(L.data[off & ~horizontal_or_vertical], 0.0, atol=1e-15)

    f = np.random.default_rng(2).standard_normal(nx * ny)
    stencil = grid_laplacian(f.reshape(ny, nx), h)
    cotan = ((L @ f) / m).reshape(ny, nx)[1:-1, 1:-1]
    np.testing.assert_allclose(cotan, stencil, rtol=0, atol=1e-12 * np.max(np.abs(stencil)))


def test_cotan_laplacian_of_r_squared_is_4_at_interior_vertices():
    vertices, faces = grid(9, 8, 0.125)
    inside = ~mesh_boundary(vertices, faces)
    f = vertices[:, 0] ** 2 + vertices[:, 1] ** 2
    delta = cotan_laplacian(vertices, faces) @ f / mass_matrix(vertices, faces)
    np.testing.assert_allclose(delta[inside], 4.0, rtol=1e-12)


# --------------------------------------------------------------------------
# The sphere: Delta z = -2 z.

def test_sphere_z_is_an_eigenfunction_in_the_mean_and_converges():
    medians, rms, worst = [], [], []
    for s in (3, 4, 5):
        vertices, faces = sphere_mesh(s)
        L, m = cotan_laplacian(vertices, faces), mass_matrix(vertices, faces)
        z = vertices[:, 2]
        r = np.abs((L @ z) / m + 2 * z)
        medians.append(np.median(r))
        rms.append(np.sqrt(np.sum(m * r**2) / m.sum()))
        worst.append(r.max())
        # The largest error sits at one of the 12 valence-5 vertices.
        assert np.argmax(r) < 12
    # Edge lengths halve from level to level.
    assert np.all(slopes(medians) > 1.9), slopes(medians)
    assert np.all((slopes(rms) > 0.95) & (slopes(rms) < 1.05)), slopes(rms)
    assert rms[-1] < 0.006
    # The documented limitation: pointwise, no convergence at those vertices.
    np.testing.assert_allclose(worst, [0.243, 0.247, 0.248], atol=0.002)


def test_sphere_first_eigenvalue_converges_to_minus_2():
    gaps = []
    for s in (1, 2):
        vertices, faces = sphere_mesh(s)
        L, m = cotan_laplacian(vertices, faces), mass_matrix(vertices, faces)
        # L v = lambda M v as a symmetric problem in M^(1/2) v.
        A = L.toarray() / np.sqrt(np.outer(m, m))
        eigenvalues = np.sort(np.linalg.eigvalsh(A))[::-1]
        assert abs(eigenvalues[0]) < 1e-12 * abs(eigenvalues[-1])  # constants
        np.testing.assert_allclose(eigenvalues[1:4], eigenvalues[1], rtol=1e-10)
        gaps.append(eigenvalues[1] + 2)
    assert 0 < gaps[1] < gaps[0] / 8 and gaps[1] < 1e-4


def test_sphere_rayleigh_quotient_of_z_is_exactly_minus_2():
    # sum over x, y, z of f @ L @ f is -2 * area (the tangent gradients'
    # squares add to 2), sum of f @ M @ f is the area (|vertex| = 1), and the
    # icosahedral symmetry shares both equally among x, y and z.
    vertices, faces = sphere_mesh(3)
    L, m = cotan_laplacian(vertices, faces), mass_matrix(vertices, faces)
    z = vertices[:, 2]
    assert (z @ (L @ z)) / (z @ (m * z)) == pytest.approx(-2.0, rel=1e-12)


# --------------------------------------------------------------------------
# SparseMatrix.

@PROPERTY
@given(st.integers(1, 6), st.integers(1, 6), st.integers(0, 30), st.integers(0, 2**32 - 1))
def test_sparse_matrix_agrees_with_dense(n_rows, n_cols, count, seed):
    rng = np.random.default_rng(seed)
    rows, cols = rng.integers(0, n_rows, count), rng.integers(0, n_cols, count)
    data = rng.standard_normal(count)
    dense = np.zeros((n_rows, n_cols))
    np.add.at(dense, (rows, cols), data)
    A = SparseMatrix(rows, cols, data, (n_rows, n_cols))
    np.testing.assert_allclose(A.toarray(), dense, atol=1e-12)
    assert A.nnz == len(set(zip(rows.tolist(), cols.tolist())))
    x, X = rng.standard_normal(n_cols), rng.standard_normal((n_cols, 3))
    np.testing.assert_allclose(A @ x, dense @ x, atol=1e-12)
    np.testing.assert_allclose(A @ X, dense @ X, atol=1e-12)
    y, Y = rng.standard_normal(n_rows), rng.standard_normal((2, n_rows))
    np.testing.assert_allclose(y @ A, y @ dense, atol=1e-12)
    np.testing.assert_allclose(Y @ A, Y @ dense, atol=1e-12)
    np.testing.assert_allclose(A.T.toarray(), dense.T, atol=1e-12)
    np.testing.assert_allclose(A.diagonal(), np.diagonal(dense), atol=1e-12)
    np.testing.assert_allclose(A.row_sums(), dense.sum(axis=1), atol=1e-12)


def test_sparse_matrix_is_canonical_and_read_only():
    A = SparseMatrix([1, 0, 1, 0], [0, 1, 0, 0], [1.0, 2.0, 3.0, 4.0], (2, 2))
    assert A.rows.tolist() == [0, 0, 1] and A.cols.tolist() == [0, 1, 0]
    assert A.data.tolist() == [4.0, 2.0, 4.0]
    assert repr(A) == "SparseMatrix(shape=(2, 2), nnz=3)"
    with pytest.raises(ValueError):
        A.data[0] = 1.0
    with pytest.raises(dataclasses.FrozenInstanceError):
        A.shape = (3, 3)


def test_empty_sparse_matrix_is_zero():
    A = SparseMatrix([], [], [], (3, 2))
    assert A.nnz == 0
    assert np.array_equal(A @ np.ones(2), np.zeros(3))
    assert np.array_equal(A.toarray(), np.zeros((3, 2)))


def test_toarray_refuses_a_huge_matrix():
    n = MAX_DENSE_ROWS + 1
    A = SparseMatrix([0], [0], [1.0], (n, n))
    with pytest.raises(ValueError, match=r"toarray\(\) would allocate a dense 5001 x 5001"
                                         r".*Use the product A @ x"):
        A.toarray()
    vertices, faces = grid_mesh(100, 100)
    with pytest.raises(ValueError, match="limited to 5000 rows"):
        cotan_laplacian(vertices, faces).toarray()


@pytest.mark.parametrize("x, message", [
    (np.ones(4), r"x in A @ x must have shape \(3,\) or \(3, k\), got \(4,\)"),
    (np.ones((2, 3)), r"must have shape \(3,\) or \(3, k\), got \(2, 3\)"),
    (np.ones((3, 1, 1)), r"must have shape"),
    (2.0, r"must have shape"),
    (np.array([1.0, np.nan, 0.0]), "x in A @ x must be finite"),
])
def test_matmul_rejects_bad_operands(x, message):
    A = SparseMatrix([0, 1, 2], [0, 1, 2], [1.0, 1.0, 1.0], (3, 3))
    with pytest.raises(ValueError, match=message):
        A @ x


def test_rmatmul_rejects_bad_operands():
    A = SparseMatrix([0], [0], [1.0], (3, 2))
    with pytest.raises(ValueError, match=r"x in x @ A must have shape \(3,\) or \(k, 3\)"):
        np.ones(2) @ A


@pytest.mark.parametrize("args, error, message", [
    (([0], [3], [1.0], (2, 2)), ValueError, r"cols must lie in 0..1"),
    (([-1], [0], [1.0], (2, 2)), ValueError, r"rows must lie in 0..1"),
    (([0.0], [0], [1.0], (2, 2)), TypeError, "rows must hold integer indices"),
    (([0, 1], [0], [1.0], (2, 2)), ValueError, "same length"),
    (([0], [0], [np.inf], (2, 2)), ValueError, "data must be finite"),
    (([0], [0], [1.0], (0, 2)), ValueError, "pair of positive integers"),
    (([0], [0], [1.0], (2.0, 2)), TypeError, "pair of integers"),
    (([[0]], [[0]], [1.0], (2, 2)), ValueError, "rows must be a 1-D array"),
    (([0], [0], [[1.0]], (2, 2)), ValueError, "data must be a 1-D array"),
])
def test_sparse_matrix_rejects_bad_triplets(args, error, message):
    with pytest.raises(error, match=message):
        SparseMatrix(*args)


# --------------------------------------------------------------------------
# Bad meshes: every mesh function gives the same clear message.

MESH_FUNCTIONS = [cotan_laplacian, mass_matrix, mesh_boundary]
SQUARE = np.array([[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]])


@pytest.mark.parametrize("func", MESH_FUNCTIONS)
@pytest.mark.parametrize("vertices, faces, error, message", [
    (SQUARE, [[0, 1, 2, 3]], ValueError,
     r"faces must be triangles, an array of shape \(F, 3\), got shape \(1, 4\)"),
    (SQUARE, [0, 1, 2], ValueError, r"faces must be triangles.*got shape \(3,\)"),
    (SQUARE, np.zeros((0, 3), dtype=int), ValueError, "at least one triangle"),
    (SQUARE, [[0.0, 1.0, 2.0]], TypeError, "faces must hold integer vertex indices"),
    (SQUARE, [[0, 1, 2], [0, 2, 4]], ValueError,
     r"faces\[1\] = \[0, 2, 4\] refers to a vertex that does not exist: "
     r"vertices has 4 rows \(indices 0..3\)"),
    (SQUARE, [[0, 1, 2], [-1, 2, 3]], ValueError, r"faces\[1\] = \[-1, 2, 3\] refers"),
    (SQUARE, [[0, 1, 2], [0, 2, 2]], ValueError,
     r"faces\[1\] = \[0, 2, 2\] is a degenerate triangle: it repeats a vertex"),
    ([[0, 0], [1, 0], [2, 0], [0, 1]], [[0, 1, 3], [0, 1, 2]], ValueError,
     r"faces\[1\] = \[0, 1, 2\] is a degenerate triangle: its area 0 is zero"),
    ([[0, 0], [1, 0], [0.5, 1e-12], [0, 1]], [[0, 1, 3], [0, 1, 2]], ValueError,
     r"faces\[1\] = \[0, 1, 2\] is a degenerate triangle"),
    ([[0, 0], [1, 0], [np.nan, 1]], [[0, 1, 2]], ValueError,
     r"vertices must be finite; vertices\[2\] = \[nan, 1.0\]"),
    ([[0, 0, 0, 0], [1, 0, 0, 0], [0, 1, 0, 0]], [[0, 1, 2]], ValueError,
     r"vertices must have shape \(V, 2\) or \(V, 3\), got \(3, 4\)"),
    ([0.0, 1.0, 2.0], [[0, 1, 2]], ValueError, "vertices must have shape"),
    ([["a", "b"]], [[0, 1, 2]], TypeError, "vertices must be an array of numbers"),
])
def test_mesh_functions_reject_bad_meshes(func, vertices, faces, error, message):
    with pytest.raises(error, match=message):
        func(vertices, faces)


def test_a_small_but_valid_triangle_is_accepted():
    # Relative tolerance: a tiny, well-shaped triangle is fine.
    vertices = np.array([[0.0, 0.0], [1e-9, 0.0], [0.0, 1e-9]])
    L = cotan_laplacian(vertices, [[0, 1, 2]])
    np.testing.assert_allclose(L.toarray()[0], [-1.0, 0.5, 0.5], rtol=1e-12)


def test_mass_matrix_refuses_a_vertex_in_no_triangle():
    vertices = np.vstack([SQUARE, [[2.0, 2.0]]])
    faces = [[0, 1, 2], [0, 2, 3]]
    with pytest.raises(ValueError, match="vertex 4 belongs to no triangle"):
        mass_matrix(vertices, faces)
    # The Laplacian itself is fine: an isolated vertex has a zero row.
    assert np.array_equal(cotan_laplacian(vertices, faces).toarray()[4], np.zeros(5))


# --------------------------------------------------------------------------
# jittered_grid_mesh


def signed_double_areas(vertices, faces):
    corners = vertices[faces][:, :, :2]
    a, b = corners[:, 1] - corners[:, 0], corners[:, 2] - corners[:, 0]
    return a[:, 0] * b[:, 1] - a[:, 1] * b[:, 0]


@settings(max_examples=40, deadline=None)
@given(n=st.integers(2, 12), amount=st.floats(0.0, 0.25), seed=st.integers(0, 2**32 - 1))
def test_jittered_grid_mesh_moves_only_interior_vertices_and_keeps_orientation(n, amount, seed):
    vertices, faces = jittered_grid_mesh(n, amount, np.random.default_rng(seed))
    grid_vertices, grid_faces = grid_mesh(n, n)
    np.testing.assert_array_equal(faces, grid_faces)
    boundary = mesh_boundary(grid_vertices, grid_faces)
    np.testing.assert_array_equal(vertices[boundary], grid_vertices[boundary])
    # the offsets are added to grid points of size <= 1: rounding adds up to an ulp of 1
    assert np.all(np.abs(vertices - grid_vertices) <= amount / (n - 1) * (1 + 1e-12) + 2 * np.spacing(1.0))
    assert np.all(vertices[:, 2] == 0)
    assert np.all(signed_double_areas(vertices, faces) > 0)  # no triangle turned over


def test_jittered_grid_mesh_worst_case_corners():
    # The docstring's argument: over the box of displacements the signed area is
    # smallest at a corner of the box; at amount 1/4 that minimum is exactly 0.
    import itertools

    for amount, expected_min in ((0.2, 0.2), (0.25, 0.0), (0.3, -0.2)):  # 1 - 4 amount
        for triangle in (((0, 0), (1, 0), (1, 1)), ((0, 0), (1, 1), (0, 1))):
            smallest = min(
                signed_double_areas(np.array([[p[0] + d[2 * k], p[1] + d[2 * k + 1], 0.0]
                                              for k, p in enumerate(triangle)]), np.array([[0, 1, 2]]))[0]
                for d in itertools.product((-amount, amount), repeat=6))
            assert np.isclose(smallest, expected_min, rtol=0, atol=1e-12)


def test_jittered_grid_mesh_is_reproducible_and_zero_amount_is_the_grid():
    first = jittered_grid_mesh(9, 0.25, np.random.default_rng(5))
    second = jittered_grid_mesh(9, 0.25, np.random.default_rng(5))
    np.testing.assert_array_equal(first[0], second[0])
    np.testing.assert_array_equal(jittered_grid_mesh(9, 0.0, np.random.default_rng(5))[0], grid_mesh(9, 9)[0])


@pytest.mark.parametrize(
    "args, error, match",
    [
        ((1, 0.1, np.random.default_rng(0)), ValueError, "n"),
        ((2.5, 0.1, np.random.default_rng(0)), TypeError, "n"),
        ((5, -0.1, np.random.default_rng(0)), ValueError, r"amount must be in \[0, 1/4\]"),
        ((5, 0.3, np.random.default_rng(0)), ValueError, r"amount must be in \[0, 1/4\]"),
        ((5, float("nan"), np.random.default_rng(0)), ValueError, "amount"),
        ((5, "big", np.random.default_rng(0)), TypeError, "amount must be a number"),
        ((5, 0.1, 0), TypeError, "rng must be a numpy.random.Generator"),
    ],
)
def test_jittered_grid_mesh_rejects_bad_input(args, error, match):
    with pytest.raises(error, match=match):
        jittered_grid_mesh(*args)
