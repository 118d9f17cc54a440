"""Tests of companion.discrete: the 5-point stencil, the cotangent Laplacian
and the lumped mass on the meshes of chapter 6 (SciPy sparse matrices,
checked against a dense per-triangle assembly written here and against
values printed by libigl), the Poisson solve and its refusal of singular
systems, the convergence orders the chapter quotes, and every failure path.

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

import math

import numpy as np
import pytest
import scipy.sparse as sparse
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.sparse import linalg as sparse_linalg

from companion.discrete import (
    cotan_laplacian,
    grid_laplacian,
    grid_mesh,
    jittered_grid_mesh,
    mass_matrix,
    mesh_boundary,
    solve_poisson,
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


def masses(vertices, faces) -> np.ndarray:
    """The diagonal of the mass matrix."""
    return mass_matrix(vertices, faces).diagonal()


def dense_reference(vertices, faces) -> tuple[np.ndarray, np.ndarray]:
    """L and the lumped masses assembled densely, one triangle and one corner
    at a time, from the angles themselves (atan2, then 1 / tan): independent
    of the companion's vectorised dot-product formulation."""
    P = np.asarray(vertices, dtype=float)
    if P.shape[1] == 2:
        P = np.column_stack([P, np.zeros(len(P))])
    L = np.zeros((len(P), len(P)))
    m = np.zeros(len(P))
    for face in np.asarray(faces):
        for c in range(3):
            i, j, k = face[c], face[(c + 1) % 3], face[(c + 2) % 3]
            a, b = P[j] - P[i], P[k] - P[i]
            angle = math.atan2(np.linalg.norm(np.cross(a, b)), float(a @ b))
            w = 0.5 / math.tan(angle)  # half the cotangent, on the opposite edge jk
            L[j, k] += w
            L[k, j] += w
            L[j, j] -= w
            L[k, k] -= w
        area = np.linalg.norm(np.cross(P[face[1]] - P[face[0]], P[face[2]] - P[face[0]])) / 2
        m[face] += area / 3
    return L, m


def check_sparse_type(A, n: int) -> None:
    """A SciPy sparse array, CSC, float64, (n, n), canonical."""
    assert sparse.issparse(A) and isinstance(A, sparse.sparray)
    assert A.format == "csc" and A.dtype == np.float64 and A.shape == (n, n)
    assert A.has_canonical_format


def check_laplacian_invariants(vertices, faces, dense: bool = True) -> None:
    L = cotan_laplacian(vertices, faces)
    check_sparse_type(L, len(vertices))
    A = L.toarray()
    scale = np.max(np.abs(A))
    # Each off-diagonal entry sums the same two numbers in either order.
    assert np.array_equal(A, A.T)
    assert (L != L.T).nnz == 0
    assert np.max(np.abs(L.sum(axis=1))) <= 1e-12 * scale
    assert L.nnz == len(vertices) + 2 * len(edges(faces))
    # libigl's sign: the diagonal is minus the sum of the row's other entries.
    assert np.all(np.diagonal(A) <= 0)
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
    check_sparse_type(L, 10_242)
    assert np.max(np.abs(L.sum(axis=1))) <= 1e-12 * np.max(np.abs(L.data))
    # Symmetry: the transpose, in the same canonical format, stores the same entries.
    T = L.T.tocsc()
    T.sort_indices()
    assert np.array_equal(T.indptr, L.indptr) and np.array_equal(T.indices, L.indices)
    assert np.array_equal(T.data, L.data)
    # The mass matrix is diagonal.
    M = mass_matrix(vertices, faces)
    check_sparse_type(M, 10_242)
    assert M.nnz == 10_242 and np.all(M.diagonal() > 0)
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
    np.testing.assert_allclose(masses(moved, faces), s**2 * masses(vertices, faces), rtol=1e-9)


def test_planar_vertices_may_omit_z():
    vertices, faces = jittered_grid(5, 4, seed=3)
    L2, L3 = cotan_laplacian(vertices[:, :2], faces), cotan_laplacian(vertices, faces)
    assert np.array_equal(L2.toarray(), L3.toarray())
    assert np.array_equal(masses(vertices[:, :2], faces), masses(vertices, faces))


def test_mass_matrix_sums_to_the_area():
    assert masses(*grid_mesh(5, 7, width=2.0, height=3.0)).sum() == pytest.approx(6.0)
    m = masses(*jittered_grid(6, 6, seed=7))
    assert m.sum() == pytest.approx(1.0) and np.all(m > 0)
    # The inscribed polyhedron's area approaches 4 pi from below.
    areas = [masses(*sphere_mesh(s)).sum() for s in (2, 3, 4)]
    assert areas[0] < areas[1] < areas[2] < 4 * np.pi
    assert 4 * np.pi - areas[2] < 0.02


# --------------------------------------------------------------------------
# The grid: the cotangent Laplacian is the 5-point stencil.

@pytest.mark.parametrize("h", [1.0, 0.1, 0.37])
def test_cotan_laplacian_is_the_5_point_stencil_on_the_grid(h):
    nx, ny = 7, 6
    vertices, faces = grid(nx, ny, h)
    m = masses(vertices, faces)
    inside = ~mesh_boundary(vertices, faces)
    # Six triangles of area h^2 / 2 meet at an interior vertex.
    np.testing.assert_allclose(m[inside], h**2, rtol=1e-12)
    L = cotan_laplacian(vertices, faces)
    # Weights: 1 on axis edges, 0 on diagonals (opposite angles are 90 deg).
    C = L.tocoo()
    rows, cols = C.coords
    off = rows != cols
    horizontal_or_vertical = np.isclose(vertices[rows, 0], vertices[cols, 0]) \
        | np.isclose(vertices[rows, 1], vertices[cols, 1])
    interior_edge = inside[rows] | inside[cols]
    np.testing.assert_allclose(C.data[off & horizontal_or_vertical & interior_edge], 1.0,
                               rtol=1e-14)
    np.testing.assert_allclose(C.data[off & ~horizontal_or_vertical], 0.0, atol=1e-15)

    f = np.random.default_rng(2).standard_normal(nx * ny)
    stencil = grid_laplacian(f.reshape(ny, nx), h)
    cotan = ((L @ f) / m).reshape(ny, nx)[1:-1, 1:-1]
    np.testing.assert_allclose(cotan, stencil, rtol=0, atol=1e-12 * np.max(np.abs(stencil)))


def test_cotan_laplacian_of_r_squared_is_4_at_interior_vertices():
    vertices, faces = grid(9, 8, 0.125)
    inside = ~mesh_boundary(vertices, faces)
    f = vertices[:, 0] ** 2 + vertices[:, 1] ** 2
    delta = cotan_laplacian(vertices, faces) @ f / masses(vertices, faces)
    np.testing.assert_allclose(delta[inside], 4.0, rtol=1e-12)


# --------------------------------------------------------------------------
# The sphere: Delta z = -2 z.

def test_sphere_z_is_an_eigenfunction_in_the_mean_and_converges():
    medians, rms, worst = [], [], []
    for s in (3, 4, 5):
        vertices, faces = sphere_mesh(s)
        L, m = cotan_laplacian(vertices, faces), masses(vertices, faces)
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
        L, m = cotan_laplacian(vertices, faces), masses(vertices, faces)
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
    L, m = cotan_laplacian(vertices, faces), masses(vertices, faces)
    z = vertices[:, 2]
    assert (z @ (L @ z)) / (z @ (m * z)) == pytest.approx(-2.0, rel=1e-12)


# --------------------------------------------------------------------------
# Against a dense per-triangle assembly, and against libigl.

def bumpy_sphere(subdivisions: int, seed: int, amount: float):
    """An icosphere whose vertices move radially at random: a closed, curved,
    irregular mesh."""
    vertices, faces = sphere_mesh(subdivisions)
    radii = 1.0 + np.random.default_rng(seed).uniform(-amount, amount, len(vertices))
    return vertices * radii[:, None], faces


@PROPERTY
@given(st.integers(3, 7), st.integers(3, 7), st.integers(0, 2**32 - 1), st.booleans())
def test_agrees_with_a_dense_assembly_on_irregular_meshes(nx, ny, seed, lift):
    vertices, faces = jittered_grid(nx, ny, seed, lift)
    L_dense, m_dense = dense_reference(vertices, faces)
    L = cotan_laplacian(vertices, faces)
    scale = np.max(np.abs(L_dense))
    np.testing.assert_allclose(L.toarray(), L_dense, rtol=0, atol=1e-13 * scale)
    np.testing.assert_allclose(masses(vertices, faces), m_dense, rtol=1e-13)


@PROPERTY
@given(st.integers(0, 2), st.integers(0, 2**32 - 1), st.floats(0.0, 0.3))
def test_agrees_with_a_dense_assembly_on_bumpy_spheres(subdivisions, seed, amount):
    vertices, faces = bumpy_sphere(subdivisions, seed, amount)
    L_dense, m_dense = dense_reference(vertices, faces)
    L = cotan_laplacian(vertices, faces)
    np.testing.assert_allclose(L.toarray(), L_dense, rtol=0,
                               atol=1e-13 * np.max(np.abs(L_dense)))
    np.testing.assert_allclose(masses(vertices, faces), m_dense, rtol=1e-13)
    check_laplacian_invariants(vertices, faces)


# Printed by libigl 2.6.3 (pip install libigl): igl.cotmatrix(v, f).toarray()
# and igl.massmatrix(v, f, igl.MASSMATRIX_TYPE_BARYCENTRIC).diagonal().
IGL_TETRAHEDRON = (
    np.array([[0.0, 0.0, 0.0], [1.0, 0.1, 0.0], [0.3, 0.9, 0.2], [0.2, 0.3, 0.8]]),
    np.array([[0, 2, 1], [0, 1, 3], [1, 2, 3], [0, 3, 2]]),
    np.array([[-1.9552073064620992, 0.6251221669376252, 0.5484751392670802, 0.7816100002573935],
              [0.6251221669376252, -1.3945430191612826, 0.4690987329583871, 0.3003221192652701],
              [0.5484751392670802, 0.4690987329583871, -1.8712723401839975, 0.85369846795853],
              [0.7816100002573935, 0.3003221192652701, 0.85369846795853, -1.9356305874811937]]),
    np.array([0.406625646263039, 0.43696081239030715, 0.41098307502762266, 0.40405562447775434]),
)
# A planar fan with obtuse angles, hence negative weights.
IGL_OBTUSE_FAN = (
    np.array([[0.0, 0.0], [2.0, 0.0], [1.0, 0.3], [1.2, 1.5]]),
    np.array([[0, 1, 2], [0, 2, 3], [2, 1, 3]]),
    np.array([[-1.5574561403508769, -0.7583333333333329, 2.561403508771929, -0.24561403508771926],
              [-0.7583333333333329, -1.4956349206349202, 2.3174603174603168, -0.06349206349206346],
              [2.561403508771929, 2.3174603174603168, -6.098579782790308, 1.219715956558062],
              [-0.24561403508771926, -0.06349206349206346, 1.219715956558062, -0.9106098579782793]]),
    np.array([0.29000000000000004, 0.31000000000000005, 0.5, 0.39999999999999997]),
)


@pytest.mark.parametrize("vertices, faces, L_igl, m_igl", [IGL_TETRAHEDRON, IGL_OBTUSE_FAN])
def test_agrees_with_libigl(vertices, faces, L_igl, m_igl):
    L, M = cotan_laplacian(vertices, faces), mass_matrix(vertices, faces)
    np.testing.assert_allclose(L.toarray(), L_igl, rtol=0, atol=1e-14 * np.max(np.abs(L_igl)))
    np.testing.assert_allclose(M.toarray(), np.diag(m_igl), rtol=1e-14, atol=0)
    np.testing.assert_allclose(dense_reference(vertices, faces)[0], L_igl, rtol=0,
                               atol=1e-14 * np.max(np.abs(L_igl)))


def test_mass_matrix_is_a_sparse_diagonal_matrix():
    vertices, faces = jittered_grid(5, 6, seed=4, lift=True)
    M = mass_matrix(vertices, faces)
    check_sparse_type(M, len(vertices))
    assert M.nnz == len(vertices)
    assert np.array_equal(M.toarray(), np.diag(M.diagonal()))
    assert np.all(M.diagonal() > 0)
    # As an operator, M @ f multiplies by the masses.
    f = np.arange(len(vertices), dtype=float)
    np.testing.assert_allclose(M @ f, M.diagonal() * f, rtol=1e-15)


def test_scipy_solvers_take_both_matrices_without_conversion():
    # pytestmark turns warnings into errors: splu would warn (a
    # SparseEfficiencyWarning) if it had to convert its input to CSC.
    vertices, faces = sphere_mesh(2)
    L, M = cotan_laplacian(vertices, faces), mass_matrix(vertices, faces)
    step = sparse_linalg.splu(M - 0.01 * L)
    u0 = vertices[:, 2]
    u1 = step.solve(M @ u0)
    np.testing.assert_allclose((M - 0.01 * L) @ u1, M @ u0, atol=1e-12)
    # L v = lambda M v, shift-invert near 0 (L - sigma M is then definite).
    values = sparse_linalg.eigsh(L, k=4, M=M, sigma=1e-3, which="LM",
                                 return_eigenvectors=False)
    values = np.sort(values)[::-1]
    scale = 1 / np.sqrt(M.diagonal())
    dense = np.linalg.eigvalsh(scale[:, None] * L.toarray() * scale[None, :])[::-1][:4]
    np.testing.assert_allclose(values, dense, rtol=0, atol=1e-9)
    assert abs(values[0]) < 1e-9 and -2.0 < values[1] < -1.999  # -2 + 9.2e-5


# --------------------------------------------------------------------------
# solve_poisson.

@PROPERTY
@given(st.integers(3, 7), st.integers(3, 7), st.integers(0, 2**32 - 1),
       st.floats(-2, 2), st.floats(-2, 2), st.floats(-2, 2))
def test_solve_poisson_reproduces_linear_functions(nx, ny, seed, a, b, c):
    # -Delta u = 0 with u = a x + b y + c on the boundary: the finite-element
    # solution is the linear function itself, at every vertex.
    vertices, faces = jittered_grid(nx, ny, seed)
    L, M = cotan_laplacian(vertices, faces), mass_matrix(vertices, faces)
    exact = a * vertices[:, 0] + b * vertices[:, 1] + c
    u = solve_poisson(L, M, np.zeros(len(vertices)), mesh_boundary(vertices, faces),
                      values=exact)
    np.testing.assert_allclose(u, exact, rtol=0, atol=1e-12 * (abs(a) + abs(b) + abs(c) + 1))


def test_solve_poisson_agrees_with_a_dense_solve():
    vertices, faces = jittered_grid(7, 6, seed=9, lift=True)
    L, M = cotan_laplacian(vertices, faces), mass_matrix(vertices, faces)
    rng = np.random.default_rng(9)
    f = rng.standard_normal((len(vertices), 2))
    fixed = np.array([0, 5, 20])
    g = rng.standard_normal(len(vertices))
    u = solve_poisson(L, M, f, fixed, values=g)
    assert u.shape == f.shape
    # The same equations, written densely: rows of -L u = M f at the free
    # vertices, u = g at the fixed ones.
    A = -L.toarray()
    rhs = M.toarray() @ f
    A[fixed] = 0.0
    A[fixed, fixed] = 1.0
    rhs[fixed] = g[fixed, None]
    np.testing.assert_allclose(u, np.linalg.solve(A, rhs), rtol=0, atol=1e-11)
    # One column at a time, a mask instead of indices, the masses instead of M.
    mask = np.zeros(len(vertices), dtype=bool)
    mask[fixed] = True
    u0 = solve_poisson(L, M.diagonal(), f[:, 0], mask, values=g)
    np.testing.assert_allclose(u0, u[:, 0], rtol=0, atol=1e-13)


def test_solve_poisson_is_second_order_on_the_grid():
    errors = []
    for n in (9, 17, 33):
        vertices, faces = grid_mesh(n, n)
        L, M = cotan_laplacian(vertices, faces), mass_matrix(vertices, faces)
        exact = np.sin(np.pi * vertices[:, 0]) * np.sin(np.pi * vertices[:, 1])
        u = solve_poisson(L, M, 2 * np.pi**2 * exact, mesh_boundary(vertices, faces))
        errors.append(np.max(np.abs(u - exact)))
    orders = slopes(errors)
    assert np.all((orders > 1.9) & (orders < 2.1)), orders


def test_solve_poisson_with_every_vertex_fixed_returns_the_values():
    vertices, faces = grid_mesh(3, 3)
    L, M = cotan_laplacian(vertices, faces), mass_matrix(vertices, faces)
    g = np.arange(9.0)
    assert np.array_equal(solve_poisson(L, M, np.ones(9), np.arange(9), values=g), g)


@pytest.mark.parametrize("fixed", [[], np.zeros(0, dtype=int), np.zeros(162, dtype=bool)])
def test_solve_poisson_refuses_the_pure_neumann_problem(fixed):
    # The closed sphere, no fixed value: L's kernel holds the constants.
    vertices, faces = sphere_mesh(2)
    L, M = cotan_laplacian(vertices, faces), mass_matrix(vertices, faces)
    f = vertices[:, 2]  # integrates to 0, so solutions exist, but not a unique one
    with pytest.raises(ValueError, match=r"the system is singular: no vertex is fixed.*"
                                         r"pure Neumann problem"):
        solve_poisson(L, M, f, fixed)


def test_solve_poisson_refuses_a_piece_without_a_fixed_vertex():
    # Two separate squares; only the first has a fixed vertex.
    vertices, faces = grid_mesh(3, 3)
    both = np.vstack([vertices, vertices + [5.0, 0.0, 0.0]]), np.vstack([faces, faces + 9])
    L, M = cotan_laplacian(*both), mass_matrix(*both)
    with pytest.raises(ValueError, match=r"the system is singular: the connected piece of the "
                                         r"mesh containing vertex 9 has no fixed vertex.*"
                                         r"2 pieces, 1 with a fixed vertex"):
        solve_poisson(L, M, np.ones(18), fixed=[0])
    u = solve_poisson(L, M, np.ones(18), fixed=[0, 9])  # one in each piece: fine
    np.testing.assert_allclose(u[:9], u[9:], atol=1e-12)


def test_solve_poisson_refuses_a_numerically_singular_matrix():
    # Connected, one vertex fixed, yet the free block [[1, 1], [1, 1]] is singular.
    L = -np.array([[1.0, 1.0, 0.5], [1.0, 1.0, 0.5], [0.5, 0.5, 1.0]])
    with pytest.raises(ValueError, match=r"the system is singular: the sparse LU "
                                         r"factorisation failed \(Factor is exactly singular\)"):
        solve_poisson(L, np.ones(3), np.ones(3), fixed=[2])
    # Not exactly singular, but so close that the solution overflows: never inf or NaN.
    L = -np.array([[1e-300, 0.0, 1e-300], [0.0, 1.0, 0.5], [1e-300, 0.5, 1.0]])
    with pytest.raises(ValueError, match=r"the system is singular \(numerically\): the sparse "
                                         r"LU solve gave non-finite values"):
        solve_poisson(L, np.ones(3), [1e10, 1.0, 1.0], fixed=[2])


GOOD_L = -sparse.csc_array(np.array([[2.0, -1.0, -1.0], [-1.0, 2.0, -1.0], [-1.0, -1.0, 2.0]]))


@pytest.mark.parametrize("args, error, message", [
    ((np.ones((3, 2)), np.ones(3), np.ones(3), [0]), ValueError,
     r"L must be a square matrix, got shape \(3, 2\)"),
    ((np.ones(3), np.ones(3), np.ones(3), [0]), ValueError, r"L must be a 2-D matrix, got an array of shape \(3,\)"),
    (([["a"]], np.ones(1), np.ones(1), [0]), TypeError, "L must be a matrix of numbers"),
    ((GOOD_L * np.nan, np.ones(3), np.ones(3), [0]), ValueError, "L must be finite"),
    ((GOOD_L, np.ones(4), np.ones(3), [0]), ValueError,
     r"M must have shape \(3, 3\) or \(3,\) to match L, got \(4,\)"),
    ((GOOD_L, np.eye(4), np.ones(3), [0]), ValueError, r"M must have shape \(3, 3\)"),
    ((GOOD_L, [1.0, np.inf, 1.0], np.ones(3), [0]), ValueError, "M must be finite"),
    ((GOOD_L, np.ones(3), np.ones(4), [0]), ValueError,
     r"f must have shape \(3,\) or \(3, k\) to match L, got \(4,\)"),
    ((GOOD_L, np.ones(3), [1.0, np.nan, 0.0], [0]), ValueError, "f must be finite"),
    ((GOOD_L, np.ones(3), ["a", "b", "c"], [0]), TypeError, "f must be an array of numbers"),
    ((GOOD_L, np.ones(3), np.ones(3), [3]), ValueError,
     r"fixed holds 3, not a vertex: indices must lie in 0..2"),
    ((GOOD_L, np.ones(3), np.ones(3), [-1]), ValueError, "fixed holds -1, not a vertex"),
    ((GOOD_L, np.ones(3), np.ones(3), [0.0]), TypeError, "fixed must hold vertex indices"),
    ((GOOD_L, np.ones(3), np.ones(3), [True, False]), ValueError,
     r"fixed, as a boolean mask, must have shape \(3,\)"),
    ((GOOD_L, np.ones(3), np.ones(3), [[0]]), ValueError, "fixed must be a 1-D array"),
    ((GOOD_L, np.ones(3), np.ones(3), [0], [1.0, 2.0]), ValueError,
     r"values must be a number or an array of shape \(3,\), got shape \(2,\)"),
    ((GOOD_L, np.ones(3), np.ones(3), [0], np.nan), ValueError,
     "values must be finite at the fixed vertices"),
])
def test_solve_poisson_rejects_bad_arguments(args, error, message):
    with pytest.raises(error, match=message):
        solve_poisson(*args)


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
    with pytest.raises(ValueError, match=r"vertices\[4\] belongs to no triangle of faces "
                                         r"\(1 such vertices\), so its mass would be 0"):
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


def test_scipy_is_imported_lazily():
    # Start-up is budgeted: importing the package and this module loads no SciPy.
    import subprocess
    import sys

    code = ("import sys, companion, companion.discrete; "
            "loaded = [m for m in sys.modules if m.split('.')[0] == 'scipy']; "
            "assert not loaded, loaded")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_cotan_weight_is_the_hat_functions_stiffness_on_a_general_triangle() -> None:
    """On the triangle (0, 0), (a, 0), (b, c): int grad phi_i . grad phi_j = -cot(theta_k) / 2, exactly.

    The discrete page checks this in exact rational arithmetic on given
    triangles; here SymPy checks it for every triangle at once.
    """
    import sympy as sp

    a, c = sp.symbols("a c", positive=True)
    b = sp.Symbol("b", real=True)
    triangle = sp.Matrix([[0, 0], [a, 0], [b, c]])
    corner_matrix = sp.Matrix.hstack(sp.ones(3, 1), triangle)
    gradients = (corner_matrix.adjugate() / corner_matrix.det())[1:, :]  # column i: grad phi_i
    stiffness = a * c / 2 * gradients.T * gradients

    def cot_at(k: int) -> sp.Expr:
        u = triangle.row((k + 1) % 3) - triangle.row(k)
        w = triangle.row((k + 2) % 3) - triangle.row(k)
        return u.dot(w) / (u[0] * w[1] - u[1] * w[0])

    for i, j, k in ((0, 1, 2), (1, 2, 0), (2, 0, 1)):
        assert sp.cancel(stiffness[i, j] + cot_at(k) / 2) == 0
        assert sp.cancel(stiffness[i, i] - (cot_at(j) + cot_at(k)) / 2) == 0
    numbers = {a: 4, b: 1, c: 1}
    L = cotan_laplacian(np.array(triangle.subs(numbers), dtype=float), np.array([[0, 1, 2]]))
    assert np.allclose(L.toarray(), -np.array(stiffness.subs(numbers), dtype=float), rtol=1e-12, atol=1e-15)


# --- The Voronoi mass ---------------------------------------------------------------

def test_voronoi_masses_add_up_to_the_area_on_acute_and_obtuse_meshes():
    for vertices, faces in (sphere_mesh(2), jittered_grid_mesh(9, 0.25, np.random.default_rng(4))):
        barycentric = mass_matrix(vertices, faces).diagonal()
        voronoi = mass_matrix(vertices, faces, kind="voronoi").diagonal()
        assert np.isclose(voronoi.sum(), barycentric.sum(), rtol=1e-13, atol=0)
        assert np.all(voronoi > 0)


def test_voronoi_mass_of_one_acute_and_one_obtuse_triangle():
    # acute (equilateral): a third each; obtuse at corner 0: half there, a quarter elsewhere
    equilateral = np.array([[0.0, 0.0], [1.0, 0.0], [0.5, np.sqrt(3) / 2]])
    obtuse = np.array([[0.0, 0.0], [1.0, 0.1], [-1.0, 0.1]])
    for points, expected in ((equilateral, [1 / 3, 1 / 3, 1 / 3]), (obtuse, [0.5, 0.25, 0.25])):
        (ax, ay), (bx, by) = points[1] - points[0], points[2] - points[0]
        area = 0.5 * abs(ax * by - ay * bx)
        m = mass_matrix(points, np.array([[0, 1, 2]]), kind="voronoi").diagonal()
        assert np.allclose(m, np.array(expected) * area, rtol=1e-12, atol=0)


def test_with_the_voronoi_mass_the_icosphere_has_no_bad_vertices():
    # The barycentric mass misses H = 1 by about 14% at the 12 vertices where five
    # triangles meet; the Voronoi mass does not (every icosphere triangle is acute).
    vertices, faces = sphere_mesh(3)
    L = cotan_laplacian(vertices, faces)
    for kind, worst in (("barycentric", (0.13, 0.15)), ("voronoi", (0.0, 1e-4))):
        m = mass_matrix(vertices, faces, kind=kind).diagonal()
        H = np.linalg.norm(-(L @ vertices) / (2 * m[:, None]), axis=1)
        assert worst[0] <= np.abs(H[:12] - 1).max() <= worst[1]


def test_voronoi_mass_agrees_with_libigl():
    igl = pytest.importorskip("igl")
    vertices, faces = jittered_grid_mesh(12, 0.25, np.random.default_rng(3))
    points = np.ascontiguousarray(np.column_stack([vertices, np.zeros(len(vertices))])
                                  if vertices.shape[1] == 2 else vertices)
    theirs = igl.massmatrix(points, np.ascontiguousarray(faces), igl.MASSMATRIX_TYPE_VORONOI).diagonal()
    assert np.allclose(mass_matrix(vertices, faces, kind="voronoi").diagonal(), theirs, rtol=1e-12, atol=0)


def test_mass_matrix_refuses_an_unknown_kind():
    vertices, faces = grid_mesh(2, 2)
    with pytest.raises(ValueError, match="kind must be 'barycentric' or 'voronoi', got 'cotangent'"):
        mass_matrix(vertices, faces, kind="cotangent")
