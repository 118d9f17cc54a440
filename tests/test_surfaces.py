"""Tests of companion.surfaces: exact cases, convergence on refined meshes,
the adjoint identities, libigl cross-checks (where igl is installed) and
every failure path."""

from __future__ import annotations

import numpy as np
import pytest

from companion.discrete import cotan_laplacian, mass_matrix, sphere_mesh
from companion.surfaces import (
    HeatGeodesics,
    bumpy_sphere,
    face_areas,
    face_gradient,
    face_normals,
    heat_geodesic_distance,
    heat_geodesics,
    mean_curvature_normal,
    read_mesh,
    torus_mesh,
    vertex_divergence,
    vertex_normals,
)

# The unit cube, two triangles per face, counter-clockwise seen from outside.
CUBE_VERTICES = np.array([[x, y, z] for z in (0, 1) for y in (0, 1) for x in (0, 1)], dtype=float)
CUBE_FACES = np.array([
    [0, 2, 3], [0, 3, 1],  # z = 0, normal -z
    [4, 5, 7], [4, 7, 6],  # z = 1, +z
    [0, 1, 5], [0, 5, 4],  # y = 0, -y
    [2, 6, 7], [2, 7, 3],  # y = 1, +y
    [0, 4, 6], [0, 6, 2],  # x = 0, -x
    [1, 3, 7], [1, 7, 5],  # x = 1, +x
])
CUBE_NORMALS = np.repeat([[0, 0, -1], [0, 0, 1], [0, -1, 0], [0, 1, 0], [-1, 0, 0], [1, 0, 0]],
                         2, axis=0)


def great_circle(vertices: np.ndarray, source: int) -> np.ndarray:
    return np.arccos(np.clip(vertices @ vertices[source], -1.0, 1.0))


# --------------------------------------------------------------------------
# Exact cases.

def test_cube_face_normals_and_areas_are_exact():
    np.testing.assert_array_equal(face_normals(CUBE_VERTICES, CUBE_FACES), CUBE_NORMALS)
    np.testing.assert_array_equal(face_areas(CUBE_VERTICES, CUBE_FACES), np.full(12, 0.5))
    corner = vertex_normals(CUBE_VERTICES, CUBE_FACES)
    # Each corner of the cube: the three faces meet it with areas 1/2 or 1 (one or two
    # triangles), but by symmetry of the whole the normals point away from the centre.
    away = CUBE_VERTICES - 0.5
    assert np.all(np.sum(corner * away, axis=1) > 0)
    np.testing.assert_allclose(np.linalg.norm(corner, axis=1), 1.0, rtol=1e-15)


def test_single_triangle_gradient_is_exact():
    # A general triangle in 3-D: the gradient of a linear function restricted to it
    # is the tangential part of the function's gradient.
    p = np.array([[0.3, -0.2, 1.0], [2.0, 0.5, 0.1], [0.4, 1.7, 0.9]])
    G = face_gradient(p, [[0, 1, 2]]).toarray()
    a = np.array([1.5, -2.0, 0.7])
    n = np.cross(p[1] - p[0], p[2] - p[0])
    n /= np.linalg.norm(n)
    np.testing.assert_allclose(G @ (p @ a), a - (a @ n) * n, rtol=1e-13, atol=1e-14)
    # grad phi_0: perpendicular to the opposite edge, length 1 / height.
    g0 = G[:, 0]
    edge = p[2] - p[1]
    assert abs(g0 @ edge) < 1e-14
    height = 2 * face_areas(p, [[0, 1, 2]])[0] / np.linalg.norm(edge)
    assert abs(np.linalg.norm(g0) - 1 / height) < 1e-13
    assert g0 @ (p[0] - p[1]) > 0  # towards corner 0
    np.testing.assert_allclose(G.sum(axis=1), 0.0, atol=1e-14)  # constants


def test_gradient_layout_is_face_then_axis():
    vertices, faces = sphere_mesh(1)
    G = face_gradient(vertices, faces)
    assert G.shape == (3 * len(faces), len(vertices)) and G.format == "csc"
    g = (G @ vertices[:, 2]).reshape(-1, 3)
    # z restricted to each face: tangent to the face.
    assert np.allclose(np.sum(g * face_normals(vertices, faces), axis=1), 0.0, atol=1e-14)


# --------------------------------------------------------------------------
# Identities.

@pytest.mark.parametrize("mesh", ["sphere", "torus", "bumpy"])
def test_divergence_of_gradient_is_the_cotan_laplacian(mesh):
    vertices, faces = {
        "sphere": lambda: sphere_mesh(3),
        "torus": lambda: torus_mesh(2.0, 0.7, 20, 9),
        "bumpy": lambda: bumpy_sphere(3, 0.3, np.random.default_rng(3)),
    }[mesh]()
    L = cotan_laplacian(vertices, faces)
    DG = vertex_divergence(vertices, faces) @ face_gradient(vertices, faces)
    assert abs(DG - L).max() <= 1e-12 * abs(L).max()


def test_divergence_is_the_negative_adjoint_of_the_gradient():
    vertices, faces = bumpy_sphere(2, 0.2, np.random.default_rng(0))
    rng = np.random.default_rng(1)
    f = rng.normal(size=len(vertices))
    X = rng.normal(size=(len(faces), 3))
    G, D = face_gradient(vertices, faces), vertex_divergence(vertices, faces)
    areas = face_areas(vertices, faces)
    left = f @ (D @ X.reshape(-1))
    right = -np.sum(areas * np.sum((G @ f).reshape(-1, 3) * X, axis=1))
    assert abs(left - right) <= 1e-12 * np.sum(areas * np.abs(X).sum(axis=1)) * np.abs(f).max()
    # Divergence theorem on a closed surface: the total divergence is 0.
    assert abs((D @ X.reshape(-1)).sum()) < 1e-12 * np.abs(D @ X.reshape(-1)).sum()


# --------------------------------------------------------------------------
# Convergence on refined meshes.

def test_sphere_area_converges_at_second_order():
    errors = [abs(face_areas(*sphere_mesh(s)).sum() - 4 * np.pi) / (4 * np.pi) for s in (3, 4, 5)]
    # As the docstring states: 4.8e-3, 1.2e-3, 3.0e-4.
    np.testing.assert_allclose(errors, [4.8e-3, 1.2e-3, 3.0e-4], rtol=0.02)
    orders = np.log2(np.array(errors[:-1]) / np.array(errors[1:])) / 1.0  # h halves per level
    assert np.all(np.abs(orders - 2.0) < 0.02)


def test_torus_area_converges_to_4_pi_squared_R_r():
    R, r = 2.0, 0.5
    errors = [abs(face_areas(*torus_mesh(R, r, 2 * n, n)).sum() - 4 * np.pi**2 * R * r)
              / (4 * np.pi**2 * R * r) for n in (16, 32, 64)]
    np.testing.assert_allclose(errors, [1.04e-2, 2.61e-3, 6.52e-4], rtol=0.01)
    assert np.all(np.abs(np.log2(np.array(errors[:-1]) / errors[1:]) - 2.0) < 0.05)


def test_torus_is_closed_and_outward():
    R, r = 3.0, 1.0
    vertices, faces = torus_mesh(R, r, 30, 12)
    edges = np.sort(np.stack([faces, np.roll(faces, -1, axis=1)], axis=2), axis=2).reshape(-1, 2)
    _, counts = np.unique(edges, axis=0, return_counts=True)
    assert np.all(counts == 2)
    centres = vertices[faces].mean(axis=1)
    u = np.arctan2(centres[:, 1], centres[:, 0])
    core = np.column_stack([R * np.cos(u), R * np.sin(u), np.zeros_like(u)])
    assert np.all(np.sum(face_normals(vertices, faces) * (centres - core), axis=1) > 0)


def test_vertex_normals_converge_on_the_sphere_and_torus():
    angles = []
    for s in (3, 4, 5):
        vertices, faces = sphere_mesh(s)
        cosine = np.sum(vertex_normals(vertices, faces) * vertices, axis=1)
        angles.append(np.degrees(np.arccos(np.clip(cosine, -1, 1))).max())
    np.testing.assert_allclose(angles, [0.68, 0.34, 0.17], rtol=0.02)
    for n, bound in ((16, 0.53), (32, 0.14), (64, 0.034)):
        vertices, faces = torus_mesh(2.0, 0.5, 2 * n, n)
        u = np.arctan2(vertices[:, 1], vertices[:, 0])
        exact = (vertices - np.column_stack([2 * np.cos(u), 2 * np.sin(u), 0 * u])) / 0.5
        cosine = np.sum(vertex_normals(vertices, faces) * exact, axis=1)
        assert np.degrees(np.arccos(np.clip(cosine, -1, 1))).max() < bound


def test_mean_curvature_on_the_sphere_is_one_over_R():
    R = 2.5
    errors, worst = [], []
    for s in (3, 4, 5):
        vertices, faces = sphere_mesh(s)
        curvature = mean_curvature_normal(R * vertices, faces)
        m = mass_matrix(vertices, faces).diagonal()
        error = np.abs(R * curvature.H - 1.0)
        errors.append(np.sum(m * error) / m.sum())
        worst.append(error.max())
        # The 12 icosahedron vertices (valence 5) carry the largest error.
        assert np.argmax(error) < 12
        # H n points inward along -n: H n = H * (outward unit normal).
        np.testing.assert_allclose(curvature.normal, curvature.H[:, None] * vertices,
                                   atol=0.2 / R)
        assert np.all(curvature.H > 0)
    np.testing.assert_allclose(errors, [4.1e-3, 1.2e-3, 3.2e-4], rtol=0.05)
    assert errors[0] / errors[1] > 3.4 and errors[1] / errors[2] > 3.4
    assert all(0.13 < w < 0.15 for w in worst)  # does not fall: stated in the docstring


def test_mean_curvature_is_signed_by_the_orientation():
    vertices, faces = sphere_mesh(3)
    flipped = mean_curvature_normal(vertices, faces[:, ::-1])
    assert np.all(flipped.H < 0)  # the normal now points inward


def test_mean_curvature_matches_igl_principal_curvature_normal():
    igl = pytest.importorskip("igl")
    vertices, faces = bumpy_sphere(3, 0.2, np.random.default_rng(2))
    L = igl.cotmatrix(vertices, faces)
    M = igl.massmatrix(vertices, faces, igl.MASSMATRIX_TYPE_BARYCENTRIC)
    hn_igl = -(L @ vertices) / M.diagonal()[:, None]  # libigl tutorial's HN = -M^-1 L V
    ours = mean_curvature_normal(vertices, faces)
    np.testing.assert_allclose(ours.normal, hn_igl / 2, rtol=1e-10, atol=1e-12)


# --------------------------------------------------------------------------
# Heat-method geodesics.

@pytest.mark.parametrize("level, mean_bound", [(4, 1.2e-2), (5, 7.5e-3)])
def test_heat_geodesics_against_great_circles(level, mean_bound):
    vertices, faces = sphere_mesh(level)
    d = heat_geodesic_distance(vertices, faces, 0)
    exact = great_circle(vertices, 0)
    relative = np.abs(d[1:] - exact[1:]) / exact[1:]
    assert d[0] == 0.0
    assert relative.mean() < mean_bound  # docstring: 1.12e-2 and 6.96e-3
    assert relative.max() < 0.2  # docstring: 0.19, next to the source


def test_heat_geodesics_reuse_and_several_sources():
    vertices, faces = sphere_mesh(3)
    solver = heat_geodesics(vertices, faces)
    assert isinstance(solver, HeatGeodesics)
    with pytest.raises(AttributeError):
        solver.t = 1.0  # frozen
    edges = np.linalg.norm(vertices[faces] - vertices[np.roll(faces, -1, axis=1)], axis=2)
    assert solver.t == pytest.approx(edges.mean() ** 2, rel=1e-12)
    for source in (0, 5, 100):
        np.testing.assert_allclose(solver.distance(source),
                                   heat_geodesic_distance(vertices, faces, source), atol=1e-12)
    both = solver.distance([0, 3])  # 3 is 0's antipode
    exact = np.minimum(great_circle(vertices, 0), great_circle(vertices, 3))
    assert np.mean(np.abs(both - exact)) < 0.05
    assert both.max() < 1.7  # nowhere farther than about pi/2 from one of them


def test_heat_geodesics_cholesky_matches_superlu():
    # heat_geodesics factorises with cholespy's sparse Cholesky (issue 18's
    # benchmark); SciPy's LU of the same two matrices, which it used before,
    # gives the same distances to rounding.
    from scipy import sparse
    from scipy.sparse import linalg as sparse_linalg

    for vertices, faces in (sphere_mesh(4), bumpy_sphere(3, 0.2, np.random.default_rng(2))):
        solver = heat_geodesics(vertices, faces)
        L, M = cotan_laplacian(vertices, faces), mass_matrix(vertices, faces)
        reference = HeatGeodesics(
            t=solver.t, gradient=face_gradient(vertices, faces),
            divergence=vertex_divergence(vertices, faces),
            heat=sparse_linalg.splu(sparse.csc_array(M - solver.t * L)),
            poisson=sparse_linalg.splu(sparse.csc_array(-L[1:, 1:])), mass=M.diagonal())
        assert abs(solver.gradient - reference.gradient).max() == 0.0
        assert abs(solver.divergence - reference.divergence).max() == 0.0
        np.testing.assert_array_equal(solver.mass, reference.mass)
        impulse = np.zeros(len(vertices))
        impulse[[0, 5]] = 1.0
        heat = reference.heat.solve(impulse)
        assert np.abs(solver.heat.solve(impulse) - heat).max() <= 1e-12 * np.abs(heat).max()
        for source in (0, 7, [1, 50]):
            ours, theirs = solver.distance(source), reference.distance(source)
            assert np.abs(ours - theirs).max() <= 1e-10 * np.abs(theirs).max()


def test_heat_geodesics_match_igl():
    igl = pytest.importorskip("igl")
    vertices, faces = sphere_mesh(4)
    ours = heat_geodesics(vertices, faces)
    data = igl.HeatGeodesicsData()
    igl.heat_geodesics_precompute(vertices, faces, ours.t, data)
    theirs = igl.heat_geodesics_solve(data, np.array([0]))
    assert np.abs(ours.distance(0) - theirs).max() < 2e-3
    exact = great_circle(vertices, 0)
    rel_ours = np.mean(np.abs(ours.distance(0)[1:] - exact[1:]) / exact[1:])
    rel_igl = np.mean(np.abs(theirs[1:] - exact[1:]) / exact[1:])
    assert abs(rel_ours - rel_igl) < 0.05 * rel_igl


# --------------------------------------------------------------------------
# libigl cross-checks.

def test_normals_areas_and_gradient_match_igl():
    igl = pytest.importorskip("igl")
    vertices, faces = bumpy_sphere(3, 0.3, np.random.default_rng(5))
    np.testing.assert_allclose(face_areas(vertices, faces), igl.doublearea(vertices, faces) / 2,
                               rtol=1e-13)
    np.testing.assert_allclose(face_normals(vertices, faces),
                               igl.per_face_normals(vertices, faces, np.zeros(3)), atol=1e-14)
    area_weighted = igl.per_vertex_normals(
        vertices, faces, igl.PER_VERTEX_NORMALS_WEIGHTING_TYPE_AREA)
    np.testing.assert_allclose(vertex_normals(vertices, faces), area_weighted, atol=1e-13)
    G = face_gradient(vertices, faces)
    nf = len(faces)
    # igl stacks the x components of all faces, then y, then z.
    order = (3 * np.arange(nf)[None, :] + np.arange(3)[:, None]).reshape(-1)
    G_igl = igl.grad(vertices, faces)
    assert abs(G[order] - G_igl).max() <= 1e-12 * abs(G_igl).max()


# --------------------------------------------------------------------------
# Generated meshes.

def test_bumpy_sphere_is_seeded_and_bounded():
    a = bumpy_sphere(2, 0.25, np.random.default_rng(11))
    b = bumpy_sphere(2, 0.25, np.random.default_rng(11))
    c = bumpy_sphere(2, 0.25, np.random.default_rng(12))
    np.testing.assert_array_equal(a[0], b[0])
    assert not np.allclose(a[0], c[0])
    radius = np.linalg.norm(a[0], axis=1)
    assert 0.75 <= radius.min() and radius.max() <= 1.25
    np.testing.assert_array_equal(a[1], sphere_mesh(2)[1])
    np.testing.assert_array_equal(bumpy_sphere(2, 0.0, np.random.default_rng(0))[0],
                                  sphere_mesh(2)[0])
    # Still outward: every face normal points away from the origin.
    centres = a[0][a[1]].mean(axis=1)
    assert np.all(np.sum(face_normals(*a) * centres, axis=1) > 0)


# --------------------------------------------------------------------------
# Reading files.

def test_read_mesh_obj_and_ply(tmp_path):
    obj = tmp_path / "cube.obj"
    obj.write_text("# unit cube\n"
                   + "".join(f"v {x:g} {y:g} {z:g}\n" for x, y, z in CUBE_VERTICES)
                   + "".join(f"f {a + 1} {b + 1} {c + 1}\n" for a, b, c in CUBE_FACES))
    vertices, faces = read_mesh(obj)
    np.testing.assert_array_equal(vertices, CUBE_VERTICES)
    np.testing.assert_array_equal(faces, CUBE_FACES)
    assert faces.dtype == np.int64

    ply = tmp_path / "cube.ply"
    ply.write_text("ply\nformat ascii 1.0\n"
                   f"element vertex {len(CUBE_VERTICES)}\n"
                   "property float x\nproperty float y\nproperty float z\n"
                   f"element face {len(CUBE_FACES)}\n"
                   "property list uchar int vertex_indices\nend_header\n"
                   + "".join(f"{x:g} {y:g} {z:g}\n" for x, y, z in CUBE_VERTICES)
                   + "".join(f"3 {a} {b} {c}\n" for a, b, c in CUBE_FACES))
    vertices, faces = read_mesh(str(ply))
    np.testing.assert_array_equal(vertices, CUBE_VERTICES)
    np.testing.assert_array_equal(faces, CUBE_FACES)
    np.testing.assert_array_equal(face_normals(vertices, faces), CUBE_NORMALS)


def test_read_mesh_refuses_quads_point_clouds_and_unknown_files(tmp_path):
    quads = tmp_path / "square.obj"
    quads.write_text("v 0 0 0\nv 1 0 0\nv 1 1 0\nv 0 1 0\nf 1 2 3 4\n")
    with pytest.raises(ValueError, match="holds quad cells; only triangle meshes"):
        read_mesh(quads)
    cloud = tmp_path / "points.obj"
    cloud.write_text("v 0 0 0\nv 1 0 0\n")
    with pytest.raises(ValueError, match="holds no triangles"):
        read_mesh(cloud)
    unknown = tmp_path / "mesh.xyz123"
    unknown.write_text("nothing")
    with pytest.raises(ValueError, match="path: meshio cannot read"):
        read_mesh(unknown)
    with pytest.raises(FileNotFoundError, match="path: no such file"):
        read_mesh(tmp_path / "missing.obj")
    degenerate = tmp_path / "flat.obj"
    degenerate.write_text("v 0 0 0\nv 1 0 0\nv 2 0 0\nf 1 2 3\n")
    with pytest.raises(ValueError, match=r"faces\[0\] .* is a degenerate triangle"):
        read_mesh(degenerate)


# --------------------------------------------------------------------------
# Bad input.

TRIANGLE = np.array([[0.0, 0, 0], [1, 0, 0], [0, 1, 0]])


@pytest.mark.parametrize("function", [face_areas, face_normals, vertex_normals, face_gradient,
                                      vertex_divergence, mean_curvature_normal, heat_geodesics])
@pytest.mark.parametrize(
    "vertices, faces, error, match",
    [
        (TRIANGLE, [[0, 1, 3]], ValueError, r"faces\[0\] = \[0, 1, 3\] refers to a vertex that does not exist"),
        (TRIANGLE, [[0, 1, -1]], ValueError, "refers to a vertex that does not exist"),
        ([[0, 0, 0], [1, 0, 0], [2, 0, 0]], [[0, 1, 2]], ValueError, r"faces\[0\] .* degenerate triangle"),
        (TRIANGLE, [[0, 1, 1]], ValueError, "degenerate triangle: it repeats a vertex"),
        ([[0, 0, 0], [1, 0, np.nan], [0, 1, 0]], [[0, 1, 2]], ValueError, r"vertices must be finite; vertices\[1\]"),
        ([[0, 0, 0], [1, 0, np.inf], [0, 1, 0]], [[0, 1, 2]], ValueError, "vertices must be finite"),
        (TRIANGLE, [[0, 1, 2, 0]], ValueError, "faces must be triangles"),
        (TRIANGLE, [[0.0, 1.0, 2.0]], TypeError, "faces must hold integer vertex indices"),
    ],
)
def test_bad_meshes_are_refused(function, vertices, faces, error, match):
    with pytest.raises(error, match=match):
        function(vertices, faces)


def test_degenerate_triangle_is_named_by_index():
    vertices = np.vstack([TRIANGLE, [[2.0, 0, 0]]])
    with pytest.raises(ValueError, match=r"faces\[1\] = \[0, 1, 3\] is a degenerate triangle"):
        face_areas(vertices, [[0, 1, 2], [0, 1, 3]])


# Three triangles on one edge (0, 1): a "book" with three pages.
BOOK_VERTICES = np.array([[0.0, 0, 0], [1, 0, 0], [0.5, 1, 0], [0.5, -1, 0], [0.5, 0, 1]])
BOOK_FACES = np.array([[0, 1, 2], [1, 0, 3], [0, 1, 4]])


@pytest.mark.parametrize("function", [mean_curvature_normal, heat_geodesics])
def test_non_manifold_edge_is_refused(function):
    with pytest.raises(ValueError, match=r"needs a manifold mesh, but the edge \(0, 1\) is "
                                         r"non-manifold: it belongs to 3 faces, \[0, 1, 2\]"):
        function(BOOK_VERTICES, BOOK_FACES)


def test_inconsistent_orientation_is_refused_by_mean_curvature():
    vertices, faces = sphere_mesh(1)
    faces = faces.copy()
    faces[7] = faces[7, ::-1]
    with pytest.raises(ValueError, match=r"consistently oriented mesh, but faces \[.*7.*\] both run"):
        mean_curvature_normal(vertices, faces)


def test_vertex_normals_refuse_lonely_and_cancelling_vertices():
    with pytest.raises(ValueError, match=r"vertices\[3\] belongs to no triangle"):
        vertex_normals(np.vstack([TRIANGLE, [[5.0, 5, 5]]]), [[0, 1, 2]])
    # The same triangle twice, once each way: the normals at its corners cancel.
    with pytest.raises(ValueError, match=r"normals of the triangles at vertices\[0\] cancel"):
        vertex_normals(TRIANGLE, [[0, 1, 2], [0, 2, 1]])


def test_heat_geodesics_refuse_bad_sources_time_and_pieces():
    vertices, faces = sphere_mesh(1)
    solver = heat_geodesics(vertices, faces)
    n = len(vertices)
    with pytest.raises(ValueError, match=rf"source holds {n}, not a vertex: indices must lie in 0..{n - 1}"):
        solver.distance(n)
    with pytest.raises(ValueError, match="source holds -1, not a vertex"):
        heat_geodesic_distance(vertices, faces, [0, -1])
    with pytest.raises(TypeError, match="source must be a vertex index"):
        solver.distance(1.5)
    with pytest.raises(TypeError, match="source must be a vertex index"):
        solver.distance([])
    for t in (0.0, -1.0, float("nan")):
        with pytest.raises(ValueError, match="t must be a positive finite number"):
            heat_geodesics(vertices, faces, t=t)
    two = np.vstack([vertices, vertices + 3.0])
    with pytest.raises(ValueError, match=r"needs a connected mesh: vertex 42 is not connected"):
        heat_geodesics(two, np.vstack([faces, faces + n]))


@pytest.mark.parametrize(
    "args, error, match",
    [
        ((1.0, 1.0, 8, 8), ValueError, "R must be larger than r"),
        ((1.0, 0.0, 8, 8), ValueError, "r must be a positive finite number"),
        ((-1.0, 0.5, 8, 8), ValueError, "R must be a positive finite number"),
        ((2.0, 0.5, 2, 8), ValueError, "n_major must be an integer between 3 and 2000"),
        ((2.0, 0.5, 8, 2001), ValueError, "n_minor must be an integer between 3 and 2000"),
        ((2.0, 0.5, 8.0, 8), TypeError, "n_major"),
    ],
)
def test_torus_mesh_rejects_bad_input(args, error, match):
    with pytest.raises(error, match=match):
        torus_mesh(*args)


@pytest.mark.parametrize(
    "args, error, match",
    [
        ((2, 0.6, np.random.default_rng(0)), ValueError, r"amplitude must be in \[0, 1/2\]"),
        ((2, -0.1, np.random.default_rng(0)), ValueError, "amplitude"),
        ((2, float("nan"), np.random.default_rng(0)), ValueError, "amplitude"),
        ((2, "big", np.random.default_rng(0)), TypeError, "amplitude must be a number"),
        ((2, 0.1, 0), TypeError, "rng must be a numpy.random.Generator"),
        ((9, 0.1, np.random.default_rng(0)), ValueError, "subdivisions"),
    ],
)
def test_bumpy_sphere_rejects_bad_input(args, error, match):
    with pytest.raises(error, match=match):
        bumpy_sphere(*args)


def test_bumpy_sphere_rejects_zero_bumps():
    with pytest.raises(ValueError, match="bumps must be a positive integer"):
        bumpy_sphere(1, 0.1, np.random.default_rng(0), bumps=0)


def test_scipy_meshio_and_cholespy_are_imported_lazily():
    import subprocess
    import sys

    code = ("import sys, companion, companion.surfaces; "
            "loaded = sorted({m.split('.')[0] for m in sys.modules} "
            "& {'scipy', 'meshio', 'rich', 'cholespy'}); "
            "assert not loaded, loaded")
    subprocess.run([sys.executable, "-c", code], check=True)
