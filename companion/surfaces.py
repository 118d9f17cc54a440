"""Surfaces as triangle meshes: normals, areas, the per-face gradient and its
adjoint divergence, the mean curvature normal and geodesic distance.

The chapter on surfaces and meshes uses:

* :func:`torus_mesh` and :func:`bumpy_sphere` make closed, consistently
  oriented meshes with outward normals; the icosphere is
  :func:`companion.discrete.sphere_mesh`. :func:`read_mesh` reads a
  reader's own OBJ, PLY, OFF or STL file (with meshio).
* :func:`face_areas`, :func:`face_normals` and :func:`vertex_normals`: the
  cross product of two edges of a triangle is its normal times twice its
  area.
* :func:`face_gradient` is the sparse operator ``G`` that maps values at the
  vertices (a piecewise-linear function) to its gradient, constant on each
  face; :func:`vertex_divergence` is its adjoint ``D = -G.T @ A_f``, so that
  ``D @ G`` is the cotangent Laplacian ``L`` of
  :func:`companion.discrete.cotan_laplacian`.
* :func:`mean_curvature_normal` computes ``H n`` from ``L @ X``, and
  :func:`heat_geodesics` / :func:`heat_geodesic_distance` the heat method for
  geodesic distance (Crane, Weischedel and Wardetzky 2013).

Conventions are those of :mod:`companion.discrete`: ``vertices`` is a float
array of shape ``(V, 3)`` (or ``(V, 2)`` for a planar mesh, z = 0) and
``faces`` an integer array of shape ``(F, 3)``; a face's normal is the one
from which its corners are seen counter-clockwise (``(p1 - p0) x (p2 - p0)``),
as in libigl. ``L`` has libigl's sign: negative semidefinite, so that ``(L @
f) / m`` approximates ``+Delta f``. A per-face vector field is an array of
shape ``(F, 3)``; the sparse operators act on it flattened row by row
(``X.reshape(-1)``, entry ``3 * face + axis``). libigl's ``igl.grad`` orders
the same rows by axis first (``axis * F + face``).

SciPy and meshio are imported inside the functions that need them, so that
``import companion`` costs only NumPy and SymPy.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from companion._checks import check_count, check_positive
from companion.discrete import _check_mesh, sphere_mesh

if TYPE_CHECKING:  # for the annotations only: SciPy is imported lazily
    from scipy.sparse import csc_array

__all__ = [
    "HeatGeodesics",
    "MeanCurvature",
    "bumpy_sphere",
    "cylinder_mesh",
    "face_areas",
    "face_gradient",
    "face_normals",
    "heat_geodesic_distance",
    "heat_geodesics",
    "mean_curvature_normal",
    "mesh_volume",
    "read_mesh",
    "torus_mesh",
    "vertex_divergence",
    "vertex_normals",
]

# A grid around the torus finer than this is beyond any example in the book.
_MAX_TORUS_SIDE = 2000

# bumpy_sphere: largest relative height of a bump (the radius stays within
# [1 - amplitude, 1 + amplitude], so the surface stays star-shaped).
_MAX_AMPLITUDE = 0.5


# --------------------------------------------------------------------------
# Generated meshes.

def torus_mesh(R: float, r: float, n_major: int,
               n_minor: int) -> tuple[np.ndarray, np.ndarray]:
    """A torus of revolution around the z axis, triangulated.

    The point at angles ``(u, v)`` is ``((R + r cos v) cos u, (R + r cos v)
    sin u, r sin v)``: ``u`` goes around the z axis (the major circle, radius
    ``R``), ``v`` around the tube (radius ``r``). Both angles are sampled
    uniformly, ``u_i = 2 pi i / n_major``, ``v_j = 2 pi j / n_minor``, vertex
    ``(i, j)`` has index ``i * n_minor + j``, and each grid cell is cut into
    two triangles along the same diagonal. The mesh is closed (every edge in
    two triangles) and every face is counter-clockwise seen from outside, so
    its normal points away from the tube's core circle.

    The exact area is ``4 pi**2 R r``; the mesh's area falls short of it by
    ``O(1 / n_major**2 + 1 / n_minor**2)``, measured with ``R = 2, r = 1/2,
    n_major = 2 n_minor``: relative error 1.04e-2, 2.61e-3, 6.52e-4 for
    ``n_minor`` = 16, 32, 64.

    Parameters
    ----------
    R : float
        Distance from the z axis to the centre of the tube, > ``r``.
    r : float
        Radius of the tube, > 0.
    n_major, n_minor : int
        Vertices around the major circle and around the tube, 3 to 2000.

    Returns
    -------
    vertices : numpy.ndarray
        Shape ``(n_major * n_minor, 3)``.
    faces : numpy.ndarray
        Shape ``(2 * n_major * n_minor, 3)``, integer.

    Raises
    ------
    ValueError
        If ``r`` is not positive, ``R`` not larger than ``r`` (the surface
        would cross itself), or a count is out of range.
    TypeError
        If a count is not an integer.

    Examples
    --------
    >>> vertices, faces = torus_mesh(2.0, 0.5, 24, 12)
    >>> vertices.shape, faces.shape
    ((288, 3), (576, 3))
    >>> area = face_areas(vertices, faces).sum()
    >>> print(f"{area:.3f} of {4 * np.pi**2 * 2.0 * 0.5:.3f}")
    38.751 of 39.478
    """
    R = check_positive(R, "R")
    r = check_positive(r, "r")
    if not R > r:
        raise ValueError(f"R must be larger than r (a torus of revolution with R <= r crosses "
                         f"itself), got R={R!r}, r={r!r}")
    n_major = check_count(n_major, "n_major", 3, _MAX_TORUS_SIDE)
    n_minor = check_count(n_minor, "n_minor", 3, _MAX_TORUS_SIDE)
    u = 2.0 * np.pi * np.arange(n_major) / n_major
    v = 2.0 * np.pi * np.arange(n_minor) / n_minor
    U, Vv = np.meshgrid(u, v, indexing="ij")
    ring = R + r * np.cos(Vv)
    vertices = np.column_stack([(ring * np.cos(U)).ravel(), (ring * np.sin(U)).ravel(),
                                (r * np.sin(Vv)).ravel()])
    i, j = np.meshgrid(np.arange(n_major), np.arange(n_minor), indexing="ij")
    i, j = i.ravel(), j.ravel()
    i1, j1 = (i + 1) % n_major, (j + 1) % n_minor
    here, step_u = i * n_minor + j, i1 * n_minor + j
    step_v, both = i * n_minor + j1, i1 * n_minor + j1
    # (X_u x X_v) points outward, so u then v is counter-clockwise from outside.
    faces = np.empty((2 * here.size, 3), dtype=np.int64)
    faces[0::2] = np.column_stack([here, step_u, both])
    faces[1::2] = np.column_stack([here, both, step_v])
    return vertices, faces


def bumpy_sphere(subdivisions: int, amplitude: float, rng: np.random.Generator,
                 bumps: int = 6) -> tuple[np.ndarray, np.ndarray]:
    """An icosphere with smooth random bumps: a less symmetric closed surface.

    Each vertex ``x`` of :func:`companion.discrete.sphere_mesh` moves to
    ``(1 + amplitude * h(x)) x``, where ``h`` is a smooth random function
    with values in ``[-1, 1]``: the sum of ``bumps`` waves ``c_k cos(3 w_k .
    x + phi_k)``, directions ``w_k`` uniform on the sphere, phases uniform,
    weights ``c_k`` uniform in ``[0, 1]`` and scaled to sum to 1. The faces
    are the icosphere's, still counter-clockwise seen from outside (the
    surface stays star-shaped around the origin).

    Parameters
    ----------
    subdivisions : int
        Icosphere level, 0 to 8 (level 4: 2,562 vertices).
    amplitude : float
        Largest relative height of the bumps, in ``[0, 1/2]``.
    rng : numpy.random.Generator
        The source of randomness (``numpy.random.default_rng(seed)``), so
        that a page's surface is the same at every run.
    bumps : int, optional
        Number of waves summed, at least 1.

    Returns
    -------
    vertices : numpy.ndarray
        Shape ``(10 * 4**subdivisions + 2, 3)``.
    faces : numpy.ndarray
        Shape ``(20 * 4**subdivisions, 3)``, integer.

    Raises
    ------
    ValueError
        If ``amplitude`` is not in ``[0, 1/2]`` or a count is out of range.
    TypeError
        If ``rng`` is not a ``numpy.random.Generator`` or a count not an integer.

    Examples
    --------
    >>> vertices, faces = bumpy_sphere(3, 0.2, np.random.default_rng(7))
    >>> radius = np.linalg.norm(vertices, axis=1)
    >>> bool(0.8 <= radius.min() < 1.0 < radius.max() <= 1.2)
    True
    """
    try:
        amplitude = float(amplitude)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"amplitude must be a number, got {amplitude!r}") from exc
    if not 0.0 <= amplitude <= _MAX_AMPLITUDE:  # also rejects nan
        raise ValueError(f"amplitude must be in [0, 1/2] (a fraction of the radius), "
                         f"got {amplitude!r}")
    if not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be a numpy.random.Generator, e.g. numpy.random.default_rng(0), "
                        f"got {rng!r}")
    bumps = check_count(bumps, "bumps")
    vertices, faces = sphere_mesh(subdivisions)
    directions = rng.normal(size=(bumps, 3))
    directions /= np.linalg.norm(directions, axis=1, keepdims=True)
    phases = rng.uniform(0.0, 2.0 * np.pi, size=bumps)
    weights = rng.uniform(0.0, 1.0, size=bumps)
    weights /= weights.sum()
    height = np.cos(3.0 * vertices @ directions.T + phases) @ weights
    return vertices * (1.0 + amplitude * height)[:, None], faces


# --------------------------------------------------------------------------
# Normals and areas.

def _cross_normals(vertices: Any, faces: Any) -> tuple[np.ndarray, np.ndarray, Any, np.ndarray]:
    """Validated points, faces, geometry and each face's ``(p1 - p0) x (p2 - p0)``."""
    points, faces, tri = _check_mesh(vertices, faces)
    _, e1, e2 = tri.edges  # e1 = p0 - p2, e2 = p1 - p0: e1 x e2 = (p1 - p0) x (p2 - p0)
    return points, faces, tri, np.cross(e1, e2)


def face_areas(vertices: Any, faces: Any) -> np.ndarray:
    """The area of every triangle, half the length of the cross product of two edges.

    Parameters
    ----------
    vertices : array_like
        Shape ``(V, 2)`` or ``(V, 3)``, finite.
    faces : array_like of int
        Shape ``(F, 3)``, indices into ``vertices``, no degenerate triangle.

    Returns
    -------
    numpy.ndarray
        Shape ``(F,)``, positive. ``igl.doublearea(vertices, faces) / 2``, to
        rounding.

    Raises
    ------
    ValueError, TypeError
        As :func:`companion.discrete.cotan_laplacian`: the message names a
        degenerate (zero-area) triangle, a face that indexes a missing vertex,
        or a non-finite vertex.

    Notes
    -----
    Accuracy: each area has a relative error of a few units of rounding. On
    the icosphere of :func:`companion.discrete.sphere_mesh` the total area
    falls short of ``4 pi`` by ``O(h**2)`` (``h`` the mean edge length),
    measured: relative error 4.8e-3 at level 3, 1.2e-3 at level 4, 3.0e-4 at
    level 5, 7.5e-5 at level 6 (a ratio of 4.0 per subdivision).

    Examples
    --------
    >>> face_areas([[0, 0, 0], [2, 0, 0], [0, 3, 0]], [[0, 1, 2]])
    array([3.])
    """
    _, _, tri = _check_mesh(vertices, faces, edges=False)
    return tri.double_area / 2.0


def face_normals(vertices: Any, faces: Any) -> np.ndarray:
    """The unit normal of every triangle, ``(p1 - p0) x (p2 - p0)`` normalised.

    The normal is the side from which the corners ``p0, p1, p2`` are seen
    counter-clockwise: outward for the meshes of this module and of
    :func:`companion.discrete.sphere_mesh`.

    Parameters
    ----------
    vertices, faces : array_like
        As :func:`face_areas`.

    Returns
    -------
    numpy.ndarray
        Shape ``(F, 3)``, unit rows. ``igl.per_face_normals``, to rounding.

    Raises
    ------
    ValueError, TypeError
        As :func:`face_areas`.

    Examples
    --------
    A triangle in the xy-plane, counter-clockwise seen from +z:

    >>> face_normals([[0, 0, 0], [1, 0, 0], [0, 1, 0]], [[0, 1, 2]])
    array([[0., 0., 1.]])
    """
    _, _, tri, normal = _cross_normals(vertices, faces)
    return normal / tri.double_area[:, None]


def vertex_normals(vertices: Any, faces: Any) -> np.ndarray:
    """Area-weighted vertex normals: the sum of the cross products at a vertex, normalised.

    The face normals of the triangles at a vertex are averaged with their
    areas as weights; since ``(p1 - p0) x (p2 - p0)`` is the unit normal times
    twice the area, that is the sum of the unnormalised cross products. The
    faces should be consistently oriented (otherwise opposite normals cancel).

    Parameters
    ----------
    vertices, faces : array_like
        As :func:`face_areas`; every vertex must belong to a triangle.

    Returns
    -------
    numpy.ndarray
        Shape ``(V, 3)``, unit rows. ``igl.per_vertex_normals`` with area
        weighting, to rounding.

    Raises
    ------
    ValueError
        As :func:`face_areas`, and if a vertex belongs to no triangle or its
        triangles' normals cancel (the message names the vertex).
    TypeError
        As :func:`face_areas`.

    Notes
    -----
    Accuracy, measured against the exact normals: on the icosphere the
    largest angle is 0.68 degrees at level 3, 0.34 at level 4, 0.17 at level
    5 (``O(h)``); on :func:`torus_mesh` with ``n_major = 2 n_minor`` it is
    0.52, 0.13 and 0.033 degrees for ``n_minor`` = 16, 32, 64
    (``O(h**2)``, the regular grid's errors cancelling).

    Examples
    --------
    Two faces of a cube, each cut into two triangles, meeting along the edge
    from vertex 0 to vertex 1: the vertices of that edge get the diagonal
    direction, a vertex of the top face only gets +z.

    >>> vertices = [[0, 0, 0], [1, 0, 0], [1, 1, 0], [0, 1, 0], [0, 0, -1], [1, 0, -1]]
    >>> n = vertex_normals(vertices, [[0, 1, 2], [0, 2, 3], [0, 4, 5], [0, 5, 1]])
    >>> np.round(n[[0, 2]], 4)
    array([[ 0.    , -0.7071,  0.7071],
           [ 0.    ,  0.    ,  1.    ]])
    """
    points, faces, _, normal = _cross_normals(vertices, faces)
    n = len(points)
    total = np.zeros((n, 3))
    for corner in range(3):
        for axis in range(3):
            total[:, axis] += np.bincount(faces[:, corner], weights=normal[:, axis], minlength=n)
    length = np.linalg.norm(total, axis=1)
    used = np.zeros(n, dtype=bool)
    used[faces.ravel()] = True
    if not used.all():
        bad = np.flatnonzero(~used)
        raise ValueError(f"vertices[{bad[0]}] belongs to no triangle of faces ({bad.size} such "
                         "vertices), so it has no normal; remove the unreferenced vertices")
    scale = np.max(length)
    flat = length <= 1e-12 * scale
    if flat.any():
        bad = int(np.flatnonzero(flat)[0])
        raise ValueError(f"the normals of the triangles at vertices[{bad}] cancel, so it has no "
                         "normal; are the faces consistently oriented?")
    return total / length[:, None]


# --------------------------------------------------------------------------
# Gradient and divergence.

def face_gradient(vertices: Any, faces: Any) -> csc_array:
    """The gradient of piecewise-linear functions: values at the vertices to one vector per face.

    A function with values ``f`` at the vertices, linear on each triangle,
    has a constant gradient on each triangle: ``grad f = sum_i f_i grad
    phi_i``, where the hat function ``phi_i`` is 1 at corner ``i`` and 0 at
    the other two. Its gradient is perpendicular to the opposite edge ``e_i``
    (from corner ``i + 1`` to corner ``i + 2``), points towards corner ``i``
    and has length one over the height there: ``grad phi_i = n x e_i / (2
    A)``, with ``n`` the unit normal and ``A`` the area. ``G`` collects these
    vectors, so that ``(G @ f).reshape(-1, 3)`` is the gradient on each face,
    tangent to it.

    Parameters
    ----------
    vertices, faces : array_like
        As :func:`face_areas`.

    Returns
    -------
    scipy.sparse.csc_array
        Shape ``(3 F, V)``: row ``3 * face + axis``, three stored entries per
        row. This is ``igl.grad(vertices, faces)`` with its rows reordered
        (igl stacks all x components first, then y, then z).

    Raises
    ------
    ValueError, TypeError
        As :func:`face_areas`.

    Notes
    -----
    Accuracy: exact for linear functions (to rounding, relative error of a
    few ``1e-16`` times the triangle's aspect ratio); for a smooth ``f`` the
    per-face gradient is first-order accurate, ``O(h)``. ``G`` of a constant
    is zero to rounding.

    Examples
    --------
    On the right triangle with legs 2 (along x) and 1 (along y), ``f = x +
    3 y`` has the gradient ``(1, 3, 0)``:

    >>> vertices = [[0, 0, 0], [2, 0, 0], [0, 1, 0]]
    >>> G = face_gradient(vertices, [[0, 1, 2]])
    >>> G.shape
    (3, 3)
    >>> G @ np.array([0.0, 2.0, 3.0])
    array([1., 3., 0.])
    """
    from scipy import sparse

    points, faces, tri, normal = _cross_normals(vertices, faces)
    # n x e_i / (2 A) = N x e_i / (2 A)**2 with N the unnormalised normal, |N| = 2 A.
    scale = 1.0 / tri.double_area**2
    nface = len(faces)
    data = np.empty((nface, 3, 3))  # [face, axis, corner]
    for corner in range(3):
        data[:, :, corner] = np.cross(normal, tri.edges[corner]) * scale[:, None]
    rows = np.repeat(np.arange(3 * nface), 3)
    cols = np.repeat(faces[:, None, :], 3, axis=1).reshape(-1)
    return sparse.csc_array((data.reshape(-1), (rows, cols)), shape=(3 * nface, len(points)))


def vertex_divergence(vertices: Any, faces: Any) -> csc_array:
    """The divergence of a per-face vector field, integrated over each vertex's cell.

    ``D = -G.T @ A_f``, where ``G`` is :func:`face_gradient` and ``A_f`` the
    ``3 F x 3 F`` diagonal matrix of the face areas (each repeated for the
    three axes). It is defined as the negative adjoint of the gradient, as
    the divergence theorem asks: for any vertex values ``f`` and face field
    ``X``, ``f @ (D @ X) = -sum over faces of A (grad f . X)``, the discrete
    ``integral of f div X = -integral of grad f . X`` on a closed surface.
    ``(D @ X)[i]`` is an integral over vertex ``i``'s cell; divide by the
    masses of :func:`companion.discrete.mass_matrix` for a value per unit
    area. And ``D @ G`` is the cotangent Laplacian ``L`` of
    :func:`companion.discrete.cotan_laplacian`: ``div grad = Delta``.

    Parameters
    ----------
    vertices, faces : array_like
        As :func:`face_areas`.

    Returns
    -------
    scipy.sparse.csc_array
        Shape ``(V, 3 F)``; it acts on ``X.reshape(-1)`` for ``X`` of shape
        ``(F, 3)``.

    Raises
    ------
    ValueError, TypeError
        As :func:`face_areas`.

    Notes
    -----
    Accuracy: ``D @ G`` equals ``cotan_laplacian`` to a relative error of
    about ``1e-15`` (entry by entry, relative to the largest entry); the
    tests hold it to ``1e-12``.

    Examples
    --------
    >>> from companion.discrete import cotan_laplacian, sphere_mesh
    >>> vertices, faces = sphere_mesh(2)
    >>> G, D = face_gradient(vertices, faces), vertex_divergence(vertices, faces)
    >>> D.shape
    (162, 960)
    >>> L = cotan_laplacian(vertices, faces)
    >>> bool(abs(D @ G - L).max() < 1e-12 * abs(L).max())
    True
    """
    return _divergence(face_gradient(vertices, faces), face_areas(vertices, faces))


def _divergence(G: Any, areas: np.ndarray) -> csc_array:
    """``-G.T @ A_f`` from the gradient ``G`` and the face areas (:func:`vertex_divergence`)."""
    from scipy import sparse

    return sparse.csc_array(-(G.T @ sparse.diags_array(np.repeat(areas, 3))))


# --------------------------------------------------------------------------
# Curvature.

@dataclass(frozen=True)
class MeanCurvature:
    """The mean curvature of a mesh at its vertices (from :func:`mean_curvature_normal`).

    Attributes
    ----------
    normal : numpy.ndarray
        Shape ``(V, 3)``: the mean curvature normal ``H n``, ``-(L @ X) /
        (2 m)`` with ``X`` the vertex positions.
    H : numpy.ndarray
        Shape ``(V,)``: the signed mean curvature, ``|H n|`` with the sign of
        ``(H n) . n_v`` (``n_v`` the area-weighted vertex normal); positive
        where the surface bends away from its outward normal, as on a sphere
        (``H = 1/R``).
    """

    normal: np.ndarray
    H: np.ndarray


def mean_curvature_normal(vertices: Any, faces: Any) -> MeanCurvature:
    """The mean curvature normal ``H n`` and the signed mean curvature ``H`` at every vertex.

    The Laplace-Beltrami operator of the position on a surface is the mean
    curvature normal, ``Delta X = -2 H n`` (with ``H`` the mean of the
    principal curvatures and ``n`` the outward normal; ``H = 1/R`` on a
    sphere of radius ``R``). With the cotangent Laplacian ``L`` and the
    lumped masses ``m`` of :mod:`companion.discrete` (libigl's sign: ``L``
    negative semidefinite, ``(L @ f) / m ~ +Delta f``), ``(L @ X) / m =
    M^-1 L X`` is therefore about ``-2 H n``, and this function returns ``H n
    = -(L @ X) / (2 m)``. libigl's tutorial computes ``HN = -M^-1 L V``,
    which is ``2 H n``, and reports its length (with Voronoi masses); sign
    conventions differ between texts (some put the minus sign into ``L``,
    some call ``2 H`` the mean curvature), so compare with care.

    Parameters
    ----------
    vertices, faces : array_like
        As :func:`face_areas`; the mesh must be an oriented manifold (every
        edge in at most two triangles, ordered oppositely in them) in which
        every vertex belongs to a triangle.

    Returns
    -------
    MeanCurvature
        ``.normal`` (``H n``, shape ``(V, 3)``) and ``.H`` (shape ``(V,)``).

    Raises
    ------
    ValueError
        As :func:`face_areas`; if an edge belongs to more than two triangles
        or two triangles order a shared edge the same way (the message names
        the edge and the faces), or a vertex belongs to no triangle.
    TypeError
        As :func:`face_areas`.

    Notes
    -----
    Accuracy, on the icosphere of radius ``R`` (``H = 1/R``), measured: the
    mass-weighted mean of ``|R H - 1|`` is 4.1e-3 at level 3, 1.2e-3 at
    level 4, 3.2e-4 at level 5 and 8.8e-5 at level 6 (falling like ``h**2``,
    a ratio of 3.6 per subdivision), but the largest error does not fall: it
    stays near 0.14 at the 12 vertices where five triangles meet. That is
    the barycentric mass, not ``L``: there the barycentric cell is 0.875
    times the Voronoi cell, and with ``mass_matrix(..., kind="voronoi")`` the
    error at those vertices vanishes (see :func:`companion.discrete.mass_matrix`). On a
    boundary vertex the result is not the curvature (the Laplacian there is
    missing half of its ring); use interior vertices only.

    Examples
    --------
    On the unit icosphere, H is close to 1 at the typical vertex:

    >>> from companion.discrete import sphere_mesh
    >>> vertices, faces = sphere_mesh(4)
    >>> curvature = mean_curvature_normal(2.0 * vertices, faces)  # radius 2
    >>> print(f"{np.median(curvature.H):.3f}")
    0.500
    """
    from companion.discrete import cotan_laplacian, mass_matrix

    points, faces, _ = _check_mesh(vertices, faces, edges=False)
    _check_manifold(faces, len(points), "mean_curvature_normal")
    L = cotan_laplacian(points, faces)
    m = mass_matrix(points, faces).diagonal()
    hn = -(L @ points) / (2.0 * m[:, None])
    outward = vertex_normals(points, faces)
    sign = np.where(np.einsum("ij,ij->i", hn, outward) < 0, -1.0, 1.0)
    return MeanCurvature(normal=hn, H=sign * np.linalg.norm(hn, axis=1))


# --------------------------------------------------------------------------
# Geodesic distance by the heat method.

@dataclass(frozen=True)
class HeatGeodesics:
    """The heat method set up on one mesh, ready for many sources (:func:`heat_geodesics`).

    Attributes
    ----------
    t : float
        The time of the heat flow.
    gradient, divergence : scipy.sparse.csc_array
        :func:`face_gradient` and :func:`vertex_divergence` of the mesh.
    heat : object with ``solve(b) -> x``
        The sparse Cholesky factorisation of ``M - t L`` (one backward Euler
        step of the heat equation), by cholespy; ``heat.solve(b)`` returns
        the solution as a new array, as SciPy's ``SuperLU.solve`` does.
    poisson : object with ``solve(b) -> x``
        The same for ``-L`` with vertex 0's row and column removed (its
        value pinned to 0; the shift to the source comes after).
    mass : numpy.ndarray
        The lumped masses, shape ``(V,)``.

    Notes
    -----
    Both matrices are symmetric positive definite, so a Cholesky
    factorisation suffices; it gives the distances of SciPy's sparse LU to
    a relative difference of about ``1e-14`` (the tests hold it to
    ``1e-10``). Accuracy and times: as :func:`heat_geodesic_distance`.
    """

    t: float
    gradient: Any
    divergence: Any
    heat: Any
    poisson: Any
    mass: np.ndarray

    def distance(self, source: Any) -> np.ndarray:
        """Geodesic distance from ``source`` (a vertex index, or several) to every vertex.

        The three steps of the heat method: solve ``(M - t L) u = M delta``
        (heat spread from the source for time ``t``); on every face take
        ``X = -grad u / |grad u|``, the unit vector pointing away from the
        source; solve the Poisson equation ``L phi = D @ X``, whose solution
        has a gradient as close as possible to ``X`` (least squares over the
        faces, weighted by area). Then ``phi`` is shifted so that its
        smallest value at a source is 0.

        Parameters
        ----------
        source : int or array_like of int
            A vertex index, or several (distance to the nearest of them).

        Returns
        -------
        numpy.ndarray
            Shape ``(V,)``, the approximate geodesic distance.

        Raises
        ------
        ValueError
            If a source is not a vertex index in ``0..V-1``.
        TypeError
            If ``source`` does not hold integers.
        """
        n = len(self.mass)
        sources = np.atleast_1d(np.asarray(source))
        if sources.dtype.kind not in "iu" or sources.ndim != 1 or sources.size == 0:
            raise TypeError(f"source must be a vertex index or a 1-D array of vertex indices "
                            f"(integers), got {source!r}")
        if sources.min() < 0 or sources.max() >= n:
            bad = int(sources[(sources < 0) | (sources >= n)][0])
            raise ValueError(f"source holds {bad}, not a vertex: indices must lie in 0..{n - 1}")
        impulse = np.zeros(n)
        impulse[sources] = self.mass[sources]
        u = self.heat.solve(impulse)
        grad = (self.gradient @ u).reshape(-1, 3)
        length = np.linalg.norm(grad, axis=1)
        direction = np.zeros_like(grad)
        moving = length > 0
        direction[moving] = -grad[moving] / length[moving, None]
        b = self.divergence @ direction.reshape(-1)
        phi = np.zeros(n)
        # L phi = b, phi[0] = 0: row 0 holds because b sums to zero (D's columns do).
        phi[1:] = self.poisson.solve(-b[1:])
        return phi - phi[sources].min()


def heat_geodesics(vertices: Any, faces: Any, t: float | None = None) -> HeatGeodesics:
    """Set up the heat method for geodesic distance on a mesh (both factorisations).

    See :func:`heat_geodesic_distance` for the method; this function does
    the work that does not depend on the source (the operators and the two
    sparse Cholesky factorisations, by cholespy), and the result's
    ``.distance(source)`` does the rest, so that many sources cost one
    set-up.

    Parameters
    ----------
    vertices, faces : array_like
        As :func:`face_areas`; the mesh must be a connected manifold (every
        edge in at most two triangles) in which every vertex belongs to a
        triangle. On a mesh with boundary the Poisson step uses the natural
        (Neumann) condition, which bends the distance near the boundary.
    t : float, optional
        The time of the heat flow, > 0. Default: the mean edge length
        squared, as Crane, Weischedel and Wardetzky recommend (and libigl).

    Returns
    -------
    HeatGeodesics

    Raises
    ------
    ValueError
        As :func:`face_areas`; if an edge belongs to more than two triangles
        (non-manifold, the message names it), the mesh is not connected, a
        vertex belongs to no triangle, or ``t`` is not positive.

    Examples
    --------
    >>> from companion.discrete import sphere_mesh
    >>> vertices, faces = sphere_mesh(3)
    >>> solver = heat_geodesics(vertices, faces)
    >>> d = solver.distance(0)
    >>> exact = np.arccos(np.clip(vertices @ vertices[0], -1.0, 1.0))
    >>> bool(np.mean(np.abs(d[1:] - exact[1:]) / exact[1:]) < 0.05)
    True
    """
    from scipy.sparse import csgraph

    from companion.discrete import cotan_laplacian, mass_matrix

    points, faces, tri = _check_mesh(vertices, faces)
    _check_manifold(faces, len(points), "heat_geodesics", oriented=False)
    if t is None:
        t = float(np.mean([np.linalg.norm(e, axis=1).mean() for e in tri.edges])) ** 2
    else:
        t = check_positive(t, "t")
    L = cotan_laplacian(points, faces)
    M = mass_matrix(points, faces)
    count, label = csgraph.connected_components(L, directed=False)
    if count > 1:
        loose = int(np.flatnonzero(label != label[0])[0])
        raise ValueError(f"the heat method needs a connected mesh: vertex {loose} is not "
                         f"connected to vertex 0 ({count} pieces); split the mesh into its "
                         "pieces (scipy.sparse.csgraph.connected_components) first")
    # Both matrices are symmetric positive definite: a sparse Cholesky
    # (cholespy) rather than SciPy's LU. Measured on the 163,842-vertex
    # icosphere: about 2 s per factorisation against 4.5 s for splu with
    # COLAMD, its best ordering here (SymmetricMode was no faster;
    # MMD_AT_PLUS_A took 3x longer on 40,962 vertices, over a minute here).
    heat = _Cholesky(M - t * L)
    poisson = _Cholesky(-L[1:, 1:])
    G = face_gradient(points, faces)
    return HeatGeodesics(t=t, gradient=G, divergence=_divergence(G, tri.double_area / 2.0),
                         heat=heat, poisson=poisson, mass=M.diagonal())


class _Cholesky:
    """A sparse Cholesky factorisation of a symmetric positive definite matrix.

    cholespy's ``CholeskySolverD`` (CHOLMOD's supernodal Cholesky with its
    fill-reducing ordering, bundled in the wheel), with the ``solve(b) ->
    x`` of SciPy's ``SuperLU``. ``M - t L`` and ``L`` with one row and
    column removed are symmetric positive definite (``-L`` is the stiffness
    matrix of linear finite elements, positive semidefinite with only the
    constants in its kernel on a connected mesh), so they need neither
    pivoting nor an LU: on the 163,842-vertex icosphere cholespy factorises
    each in about 2 s where ``splu`` took 4.5 s (``make bench``).
    """

    __slots__ = ("_solver", "shape")

    def __init__(self, A: Any) -> None:
        import cholespy
        from scipy import sparse

        A = sparse.csc_array(A)
        A.sort_indices()
        self.shape = A.shape
        self._solver = cholespy.CholeskySolverD(
            A.shape[0], A.indptr.astype(np.int32), A.indices.astype(np.int32),
            np.ascontiguousarray(A.data, dtype=np.float64), cholespy.MatrixType.CSC)

    def solve(self, b: Any) -> np.ndarray:
        """The solution ``x`` of ``A x = b``, for ``b`` of shape ``(n,)`` or ``(n, k)``."""
        b = np.ascontiguousarray(b, dtype=np.float64)
        x = np.empty_like(b)
        self._solver.solve(b, x)
        return x


def heat_geodesic_distance(vertices: Any, faces: Any, source: Any,
                           t: float | None = None) -> np.ndarray:
    """Approximate geodesic distance from a source vertex by the heat method.

    Crane, Weischedel and Wardetzky (2013): heat spread from the source for
    a short time ``t`` is, by Varadhan's formula, a function of the distance
    alone to leading order, so its gradient points along geodesics. The
    method keeps only that direction: one backward Euler step of the heat
    equation, ``(M - t L) u = M delta_source``; the unit field ``X = -grad u
    / |grad u|`` on every face (:func:`face_gradient`); its divergence
    (:func:`vertex_divergence`); and the Poisson equation ``L phi = div X``,
    whose solution is the distance up to a constant, fixed by ``phi = 0`` at
    the source. For many sources on one mesh use :func:`heat_geodesics` once
    and its ``.distance(source)``.

    Parameters
    ----------
    vertices, faces : array_like
        As :func:`heat_geodesics`.
    source : int or array_like of int
        A vertex index, or several (distance to the nearest of them).
    t : float, optional
        As :func:`heat_geodesics` (default: mean edge length squared).

    Returns
    -------
    numpy.ndarray
        Shape ``(V,)``, 0 at the source (at the nearest source with several).

    Raises
    ------
    ValueError
        As :func:`heat_geodesics`, and if a source is not a vertex index.
    TypeError
        If ``source`` does not hold integers.

    Notes
    -----
    Accuracy on the unit icosphere, source at an original icosahedron vertex,
    default ``t``, against the great-circle distance (relative error over
    all other vertices), measured: mean 1.12e-2 at level 4 (2,562
    vertices), 6.96e-3 at level 5 (10,242), 4.92e-3 at level 6 (40,962),
    3.94e-3 at level 7 (163,842): it falls, but more slowly than ``h``. The
    largest relative error, 0.19 at every level, is on the ring of vertices
    next to the source, where the distance is a cone that the smoothed heat
    cannot follow. libigl's ``igl.heat_geodesics_solve`` with the same ``t``
    gives the same errors (the two agree to 1.4e-3 at level 4);
    potpourri3d's ``MeshHeatMethodDistanceSolver`` (geometry-central) with
    the same ``t`` has mean errors 7.10e-3, 5.50e-3 and 6.23e-3 at levels 5,
    6 and 7 (largest 0.19 too). Time at level 7, in ``make bench``
    (``benchmarks/heat_geodesics.py``) on this 2-core machine shared with
    other builds (load average 7-10), medians of runs alternating with
    potpourri3d's, in two runs: set-up 18.0 and 18.8 s against its 20.4
    and 39.8 s (0.88x, 0.47x), of which the two Cholesky factorisations
    take 85% (SciPy's ``splu`` took twice as long per factorisation); 0.28
    and 0.30 s per source against its 0.28 and 0.41 s (0.99x, 0.74x).

    Examples
    --------
    >>> from companion.discrete import sphere_mesh
    >>> vertices, faces = sphere_mesh(3)
    >>> d = heat_geodesic_distance(vertices, faces, source=0)
    >>> print(f"{d[0]:.1f} {d[3]:.2f}")  # vertex 3 is the antipode, pi = 3.14 away
    0.0 3.09
    """
    return heat_geodesics(vertices, faces, t).distance(source)


# --------------------------------------------------------------------------
# Reading meshes.

def read_mesh(path: Any) -> tuple[np.ndarray, np.ndarray]:
    """Read a triangle mesh from a file (OBJ, PLY, OFF, STL, ...) with meshio.

    The format is chosen by the file's extension, as ``meshio.read`` does.
    Only triangles are accepted: a file with other cells (quadrilaterals,
    polygons, tetrahedra) is refused rather than silently cut.

    Parameters
    ----------
    path : str or os.PathLike
        The file.

    Returns
    -------
    vertices : numpy.ndarray
        Shape ``(V, 3)``, float (z = 0 added for a planar file).
    faces : numpy.ndarray
        Shape ``(F, 3)``, int64, checked as by :func:`face_areas`.

    Raises
    ------
    FileNotFoundError
        If there is no such file.
    ValueError
        If meshio cannot read the file (unknown extension or a malformed
        file), it holds no triangles, it holds cells other than triangles
        (the message names their type), or its mesh fails the checks of
        :func:`face_areas` (a degenerate triangle or a missing vertex, named).

    Examples
    --------
    >>> import os, tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = os.path.join(folder, "triangle.obj")
    ...     with open(path, "w") as file:
    ...         _ = file.write("v 0 0 0\\nv 1 0 0\\nv 0 1 0\\nf 1 2 3\\n")
    ...     vertices, faces = read_mesh(path)
    >>> vertices.shape, faces
    ((3, 3), array([[0, 1, 2]]))
    """
    import os

    import meshio

    if not os.path.exists(path):
        raise FileNotFoundError(f"path: no such file {os.fspath(path)!r}")
    try:
        mesh = meshio.read(path)
    except meshio.ReadError as exc:
        raise ValueError(f"path: meshio cannot read {os.fspath(path)!r}: {exc}") from exc
    kinds = sorted({block.type for block in mesh.cells})
    others = [kind for kind in kinds if kind not in ("triangle", "vertex")]
    if others:
        raise ValueError(f"path: {os.fspath(path)!r} holds {', '.join(others)} cells; only "
                         "triangle meshes are read (triangulate the file first)")
    if "triangle" not in kinds:
        raise ValueError(f"path: {os.fspath(path)!r} holds no triangles (a point cloud or an "
                         "empty mesh)")
    faces = np.vstack([block.data for block in mesh.cells if block.type == "triangle"])
    points, faces, _ = _check_mesh(mesh.points, faces.astype(np.int64), edges=False)
    return points, faces


# --------------------------------------------------------------------------
# Private checks.

def _check_manifold(faces: np.ndarray, n: int, needed_by: str, oriented: bool = True) -> None:
    """Raise unless every edge is in at most two faces (and, if ``oriented``, oppositely)."""
    start = faces.reshape(-1)
    end = np.roll(faces, -1, axis=1).reshape(-1)
    low, high = np.minimum(start, end), np.maximum(start, end)
    keys, inverse, counts = np.unique(low * n + high, return_inverse=True,
                                      return_counts=True)
    crowded = np.flatnonzero(counts > 2)
    if crowded.size:
        key = crowded[0]
        a, b = divmod(int(keys[key]), n)
        owners = sorted({int(i) // 3 for i in np.flatnonzero(inverse == key)})
        raise ValueError(f"{needed_by} needs a manifold mesh, but the edge ({a}, {b}) is "
                         f"non-manifold: it belongs to {counts[key]} faces, {owners}")
    if oriented:
        directed = start * n + end
        same, where = np.unique(directed, return_index=True)
        if same.size < directed.size:
            repeated = np.setdiff1d(np.arange(directed.size), where)[0]
            a, b = int(start[repeated]), int(end[repeated])
            owners = sorted({int(i) // 3 for i in np.flatnonzero(directed == directed[repeated])})
            raise ValueError(f"{needed_by} needs a consistently oriented mesh, but faces "
                             f"{owners} both run along the edge from {a} to {b} (a shared edge "
                             "must run in opposite directions in its two faces)")


# --------------------------------------------------------------------------
# Enclosed volume.

def mesh_volume(vertices: Any, faces: Any) -> float:
    """The volume enclosed by a closed triangle mesh, by the divergence theorem.

    The field ``F(x) = x / 3`` has divergence 1, so the volume is the flux of
    ``F`` through the surface. On a flat triangle ``(p0, p1, p2)`` the flux is
    that of the cone from the origin: ``p0 . (p1 x p2) / 6``, the triple
    product over six. Summed over the faces of a closed mesh the cones cover
    the inside once, whatever point is taken as the origin.

    Parameters
    ----------
    vertices : array_like
        Shape ``(V, 3)``, finite.
    faces : array_like of int
        Shape ``(F, 3)``, indices into ``vertices``: a closed mesh (every edge
        in two triangles), consistently oriented, no degenerate triangle.

    Returns
    -------
    float
        Positive when the faces are counter-clockwise seen from outside (the
        outward normals of :func:`face_normals`), negative when every face is
        reversed.

    Raises
    ------
    ValueError
        If ``vertices`` is not of shape ``(V, 3)``, the mesh has a boundary
        (the sum would then depend on the origin; the message names a boundary
        vertex), or as :func:`face_areas` (a degenerate triangle, a face that
        indexes a missing vertex, a non-finite vertex).
    TypeError
        As :func:`face_areas`.

    Examples
    --------
    The tetrahedron with corners 0, e1, e2, e3 has volume 1/6:

    >>> corners = [[0, 0, 0], [1, 0, 0], [0, 1, 0], [0, 0, 1]]
    >>> outward = [[0, 2, 1], [0, 1, 3], [0, 3, 2], [1, 2, 3]]
    >>> round(mesh_volume(corners, outward), 12)
    0.166666666667
    >>> round(mesh_volume(corners, np.fliplr(outward)), 12)
    -0.166666666667
    """
    from companion.discrete import mesh_boundary

    points, faces, _ = _check_mesh(vertices, faces, edges=False)
    if np.shape(vertices)[1] != 3:  # _check_mesh accepts a planar (V, 2) mesh
        raise ValueError(f"vertices must have shape (V, 3) (a volume needs three dimensions), "
                         f"got {np.shape(vertices)}")
    boundary = mesh_boundary(points, faces)
    if boundary.any():
        bad = int(np.flatnonzero(boundary)[0])
        raise ValueError(f"the mesh must be closed to enclose a volume, but vertices[{bad}] lies "
                         f"on its boundary ({int(boundary.sum())} boundary vertices)")
    p0, p1, p2 = points[faces[:, 0]], points[faces[:, 1]], points[faces[:, 2]]
    return float(np.sum(p0 * np.cross(p1, p2)) / 6.0)


# --------------------------------------------------------------------------
# A generated mesh with boundary (the deformation page).

def cylinder_mesh(radius: float, height: float, n_around: int,
                  n_up: int) -> tuple[np.ndarray, np.ndarray]:
    """An open cylinder around the z axis (no caps), triangulated in staggered rings.

    Ring ``k`` (``k = 0, ..., n_up - 1``) lies at ``z = k * height / (n_up -
    1)`` and holds ``n_around`` vertices at the angles ``2 pi (j + k / 2) /
    n_around``: every ring is turned half a step against the one below, so
    each band between two rings is a strip of isosceles triangles, each with
    its apex above or below the middle of an edge of the next ring. Vertex
    ``(k, j)`` has index ``k * n_around + j``; ``vertices[:n_around]`` is the
    bottom ring and ``vertices[-n_around:]`` the top one. Every face is
    counter-clockwise seen from outside, so its normal points away from the
    axis.

    The triangles are acute, so every cotangent weight is positive (the
    mesh is Delaunay), when the spacing ``dz = height / (n_up - 1)`` of the
    rings exceeds ``radius * sin(pi / n_around)``. The mesh has two boundary
    loops, the bottom and the top ring. Its area differs from the cylinder's
    by a chord term that shrinks like ``1 / n_around**2`` and a term from
    the tilted triangles that grows with ``n_up / n_around**2``
    (Schwarz's lantern): 0.15 per cent short for ``(1.0, 2.0, 24, 13)``, in
    excess when the rings are much closer; refine both counts together, or
    the area need not converge.

    Parameters
    ----------
    radius, height : float
        Radius and height of the cylinder, each > 0.
    n_around : int
        Vertices on each ring, 3 to 2000.
    n_up : int
        Number of rings, 2 to 2000.

    Returns
    -------
    vertices : numpy.ndarray
        Shape ``(n_up * n_around, 3)``.
    faces : numpy.ndarray
        Shape ``(2 * (n_up - 1) * n_around, 3)``, integer.

    Raises
    ------
    ValueError
        If ``radius`` or ``height`` is not a positive finite number, or a
        count is out of range.
    TypeError
        If a count is not an integer.

    Examples
    --------
    >>> vertices, faces = cylinder_mesh(1.0, 2.0, 24, 13)
    >>> vertices.shape, faces.shape
    ((312, 3), (576, 3))
    >>> bool(np.allclose(vertices[-24:, 2], 2.0))
    True
    >>> area = face_areas(vertices, faces).sum()
    >>> print(f"{area:.4f} of {2 * np.pi * 1.0 * 2.0:.4f}")
    12.5470 of 12.5664
    """
    radius = check_positive(radius, "radius")
    height = check_positive(height, "height")
    n_around = check_count(n_around, "n_around", 3, _MAX_TORUS_SIDE)
    n_up = check_count(n_up, "n_up", 2, _MAX_TORUS_SIDE)
    k, j = np.meshgrid(np.arange(n_up), np.arange(n_around), indexing="ij")
    angle = 2.0 * np.pi * (j + 0.5 * k) / n_around
    vertices = np.column_stack([(radius * np.cos(angle)).ravel(), (radius * np.sin(angle)).ravel(),
                                (height * k / (n_up - 1)).ravel()])
    k, j = k[:-1].ravel(), j[:-1].ravel()
    j1 = (j + 1) % n_around
    here, next_here = k * n_around + j, k * n_around + j1
    above, next_above = (k + 1) * n_around + j, (k + 1) * n_around + j1
    # `above` sits over the middle of the edge here -> next_here, and
    # `next_here` under the middle of above -> next_above. Angles grow
    # counter-clockwise seen from +z, so (here, next_here, above) is
    # counter-clockwise seen from outside.
    faces = np.empty((2 * here.size, 3), dtype=np.int64)
    faces[0::2] = np.column_stack([here, next_here, above])
    faces[1::2] = np.column_stack([next_here, next_above, above])
    return vertices, faces
