"""Discrete Laplacians: the 5-point stencil on a grid and the cotangent
Laplacian on a triangle mesh.

The chapter on the Laplacian uses:

* :func:`grid_laplacian` applies the 3-point (1-D) or 5-point (2-D) stencil
  to samples on a regular grid; it approximates ``+Delta u`` with an error of
  order ``h**2`` and returns values at the *interior* points only.
* :func:`cotan_laplacian` builds the cotangent Laplacian ``L`` of a triangle
  mesh and :func:`mass_matrix` the lumped (barycentric) mass matrix ``M``,
  both as SciPy sparse matrices (``scipy.sparse.csc_array``, the format
  libigl returns and SciPy's sparse solvers factorise without conversion);
  ``(L @ f) / M.diagonal()`` approximates ``Delta f`` at the vertices.
* :func:`solve_poisson` solves ``-Delta u = f`` on a mesh with fixed values
  at some vertices, and refuses (with "singular" in the message) a system
  that has no unique solution, such as the pure Neumann problem.
* :func:`grid_mesh`, :func:`jittered_grid_mesh`, :func:`sphere_mesh` and
  :func:`mesh_boundary` make the meshes of the examples and find their
  boundary vertices.

Conventions: ``vertices`` is a float array of shape ``(V, 2)`` or ``(V, 3)``
(planar meshes may omit z) and ``faces`` an integer array of shape ``(F, 3)``
whose rows index ``vertices``. ``L`` has libigl's sign: symmetric, zero row
sums, negative semidefinite, so that ``(L @ f) / m`` is ``+Delta f`` (not
``-Delta f``, the "positive" Laplacian of some texts). The results agree with
libigl's ``igl.cotmatrix`` and ``igl.massmatrix`` (barycentric) to rounding.

SciPy is imported inside the functions that need it, so that ``import
companion`` costs only NumPy and SymPy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from companion._checks import as_matrix, check_count, check_positive

if TYPE_CHECKING:  # for the annotations only: SciPy is imported lazily
    from scipy.sparse import csc_array

__all__ = [
    "cotan_laplacian",
    "grid_laplacian",
    "grid_mesh",
    "jittered_grid_mesh",
    "mass_matrix",
    "mesh_boundary",
    "solve_poisson",
    "sphere_mesh",
]

# A triangle whose area is below this fraction of its longest edge squared is
# degenerate: its cotangents would be ~1 / this, pure rounding noise.
_DEGENERATE_RTOL = 1e-10

# Icosphere subdivision quadruples the faces; level 8 has 655,362 vertices,
# beyond any example in the book. The cap stops a typo from eating the memory.
_MAX_SUBDIVISIONS = 8

# solve_poisson: a relative residual above this after the sparse LU solve
# means the system was numerically singular.
_RESIDUAL_RTOL = 1e-8


# --------------------------------------------------------------------------
# Grids.

def grid_laplacian(u: Any, h: float) -> np.ndarray:
    """The 5-point (2-D) or 3-point (1-D) finite-difference Laplacian.

    In 2-D, ``(u[i+1, j] + u[i-1, j] + u[i, j+1] + u[i, j-1] - 4 u[i, j]) / h**2``;
    in 1-D, ``(u[i+1] - 2 u[i] + u[i-1]) / h**2``. For samples ``u`` of a
    smooth function on a grid of spacing ``h`` (the same along both axes) this
    approximates ``+Delta u`` with an error ``O(h**2)``.

    Parameters
    ----------
    u : array_like
        Finite samples, 1-D with at least 3 points or 2-D with at least 3
        points along each axis.
    h : float
        The grid spacing, > 0.

    Returns
    -------
    numpy.ndarray
        The stencil at the interior points only: shape ``(n - 2,)`` for
        ``u`` of shape ``(n,)``, ``(n - 2, m - 2)`` for ``(n, m)``. Entry
        ``[i, j]`` belongs to the sample ``u[i + 1, j + 1]``; the stencil has
        no value on the boundary, so none is returned (no NaN padding).

    Raises
    ------
    ValueError
        If ``u`` is not 1-D or 2-D, has fewer than 3 points along an axis or
        is not finite, or ``h`` is not positive.

    Examples
    --------
    On ``x**2`` the 3-point stencil is exact, 2 everywhere:

    >>> x = np.linspace(0.0, 1.0, 5)
    >>> grid_laplacian(x**2, h=0.25)
    array([2., 2., 2.])

    On ``x**2 + y**2`` (Laplacian 4) sampled with spacing 0.5:

    >>> X, Y = np.meshgrid(np.linspace(0, 2, 5), np.linspace(0, 1.5, 4))
    >>> grid_laplacian(X**2 + Y**2, h=0.5)
    array([[4., 4., 4.],
           [4., 4., 4.]])
    """
    h = check_positive(h, "h")
    try:
        arr = np.asarray(u, dtype=float)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"u must be an array of numbers, got {u!r}") from exc
    if arr.ndim not in (1, 2):
        raise ValueError(f"u must be a 1-D or 2-D array of samples, got shape {arr.shape}")
    if min(arr.shape) < 3:
        raise ValueError(
            "u must have at least 3 points along each axis (the stencil needs a "
            f"neighbour on both sides), got shape {arr.shape}"
        )
    if not np.all(np.isfinite(arr)):
        raise ValueError("u must be finite")
    if arr.ndim == 1:
        return (arr[2:] - 2.0 * arr[1:-1] + arr[:-2]) / h**2
    centre = arr[1:-1, 1:-1]
    return (arr[2:, 1:-1] + arr[:-2, 1:-1] + arr[1:-1, 2:] + arr[1:-1, :-2]
            - 4.0 * centre) / h**2


def grid_mesh(nx: int, ny: int, width: float = 1.0,
              height: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    """A flat regular grid on ``[0, width] x [0, height]``, triangulated.

    Vertex ``(i, j)``, at ``x = i * width / (nx - 1)``, ``y = j * height /
    (ny - 1)``, has index ``j * nx + i``; so ``f.reshape(ny, nx)`` turns values
    at the vertices into a grid array with y along the rows (the layout of
    ``numpy.meshgrid``), ready for :func:`grid_laplacian`. Every cell is cut
    along the same diagonal, from ``(i, j)`` to ``(i + 1, j + 1)``, into two
    right triangles, both counter-clockwise seen from +z. With equal spacings
    ``h`` in x and y the triangles are right-isosceles, and then the cotangent
    Laplacian divided by the lumped mass is exactly the 5-point stencil at the
    interior vertices.

    Parameters
    ----------
    nx, ny : int
        Number of vertices along x and along y, each at least 2.
    width, height : float, optional
        Side lengths of the rectangle, > 0.

    Returns
    -------
    vertices : numpy.ndarray
        Shape ``(nx * ny, 3)``, z = 0.
    faces : numpy.ndarray
        Shape ``(2 * (nx - 1) * (ny - 1), 3)``, integer.

    Raises
    ------
    ValueError
        If ``nx`` or ``ny`` is below 2, or ``width`` or ``height`` not positive.
    TypeError
        If ``nx`` or ``ny`` is not an integer.

    Examples
    --------
    >>> vertices, faces = grid_mesh(3, 2, width=2.0)
    >>> vertices
    array([[0., 0., 0.],
           [1., 0., 0.],
           [2., 0., 0.],
           [0., 1., 0.],
           [1., 1., 0.],
           [2., 1., 0.]])
    >>> faces
    array([[0, 1, 4],
           [0, 4, 3],
           [1, 2, 5],
           [1, 5, 4]])
    """
    nx = check_count(nx, "nx", 2)
    ny = check_count(ny, "ny", 2)
    width = check_positive(width, "width")
    height = check_positive(height, "height")
    X, Y = np.meshgrid(np.linspace(0.0, width, nx), np.linspace(0.0, height, ny))
    vertices = np.column_stack([X.ravel(), Y.ravel(), np.zeros(nx * ny)])
    # Lower-left corner of every cell, cells in the same order as vertices.
    corner = (np.arange(ny - 1)[:, None] * nx + np.arange(nx - 1)).ravel()
    right, up, diagonal = corner + 1, corner + nx, corner + nx + 1
    faces = np.empty((2 * corner.size, 3), dtype=np.int64)
    faces[0::2] = np.column_stack([corner, right, diagonal])
    faces[1::2] = np.column_stack([corner, diagonal, up])
    return vertices, faces


def jittered_grid_mesh(n: int, amount: float,
                       rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """:func:`grid_mesh` on the unit square with its interior vertices moved at random.

    Every interior vertex moves in x and in y by independent amounts drawn
    uniformly from ``[-amount * h, amount * h)``, where ``h = 1 / (n - 1)`` is
    the grid spacing; the boundary vertices stay, so the mesh still covers
    the square exactly. The faces are those of ``grid_mesh(n, n)``.

    Why ``amount <= 1/4``: a triangle's signed area is a multilinear function
    of its corners' displacements, so over the box of allowed displacements
    it is smallest at a corner of the box. At those corners, for both of the
    grid's triangle shapes, twice the area is at least ``(1 - 4 * amount) *
    h**2``: positive for ``amount < 1/4``, and 0 at ``1/4`` only when the
    displacements take their extreme values. Below 1/4 no triangle can turn
    over or degenerate; at 1/4 a random draw does so with probability zero.

    Parameters
    ----------
    n : int
        Vertices along each side, at least 2.
    amount : float
        The largest move, as a fraction of the spacing, in ``[0, 1/4]``.
    rng : numpy.random.Generator
        The source of randomness (``numpy.random.default_rng(seed)``), so
        that a page's mesh is the same at every run.

    Returns
    -------
    vertices : numpy.ndarray
        Shape ``(n * n, 3)``, z = 0.
    faces : numpy.ndarray
        Shape ``(2 * (n - 1) ** 2, 3)``, counter-clockwise seen from +z.

    Raises
    ------
    ValueError
        If ``n`` is below 2 or ``amount`` is not in ``[0, 1/4]``.
    TypeError
        If ``n`` is not an integer, ``amount`` not a number, or ``rng`` not a
        ``numpy.random.Generator``.

    Examples
    --------
    >>> vertices, faces = jittered_grid_mesh(3, 0.25, np.random.default_rng(1))
    >>> bool(np.all(vertices[[0, 1, 2, 3, 5, 6, 7, 8]] == grid_mesh(3, 3)[0][[0, 1, 2, 3, 5, 6, 7, 8]]))
    True
    >>> bool(np.all(np.abs(vertices[4, :2] - 0.5) <= 0.25 * 0.5))  # the one interior vertex
    True
    """
    try:
        amount = float(amount)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"amount must be a number, got {amount!r}") from exc
    if not 0.0 <= amount <= 0.25:  # also rejects nan
        raise ValueError(f"amount must be in [0, 1/4] (a fraction of the grid spacing; larger "
                         f"moves can turn triangles over), got {amount!r}")
    if not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be a numpy.random.Generator, e.g. numpy.random.default_rng(0), "
                        f"got {rng!r}")
    vertices, faces = grid_mesh(n, n)
    inner = ~mesh_boundary(vertices, faces)
    vertices[inner, :2] += amount / (n - 1) * rng.uniform(-1, 1, size=(inner.sum(), 2))
    return vertices, faces


# --------------------------------------------------------------------------
# Triangle meshes.

# The regular icosahedron: vertices (0, +-1, +-phi) and cyclic permutations,
# faces counter-clockwise seen from outside.
_PHI = (1.0 + 5.0**0.5) / 2.0
_ICOSAHEDRON_VERTICES = np.array([
    [-1, _PHI, 0], [1, _PHI, 0], [-1, -_PHI, 0], [1, -_PHI, 0],
    [0, -1, _PHI], [0, 1, _PHI], [0, -1, -_PHI], [0, 1, -_PHI],
    [_PHI, 0, -1], [_PHI, 0, 1], [-_PHI, 0, -1], [-_PHI, 0, 1],
])
_ICOSAHEDRON_FACES = np.array([
    [0, 11, 5], [0, 5, 1], [0, 1, 7], [0, 7, 10], [0, 10, 11],
    [1, 5, 9], [5, 11, 4], [11, 10, 2], [10, 7, 6], [7, 1, 8],
    [3, 9, 4], [3, 4, 2], [3, 2, 6], [3, 6, 8], [3, 8, 9],
    [4, 9, 5], [2, 4, 11], [6, 2, 10], [8, 6, 7], [9, 8, 1],
])


def sphere_mesh(subdivisions: int) -> tuple[np.ndarray, np.ndarray]:
    """An icosphere: the icosahedron, subdivided and projected to the unit sphere.

    Each subdivision cuts every triangle into four at its edge midpoints and
    pushes the new vertices out to the unit sphere, so level ``s`` has
    ``10 * 4**s + 2`` vertices and ``20 * 4**s`` faces (level 5: 10,242
    vertices). Faces are counter-clockwise seen from outside. The original
    vertices keep their indices; each level appends its midpoints.

    Parameters
    ----------
    subdivisions : int
        Number of subdivisions, 0 (the icosahedron) to 8.

    Returns
    -------
    vertices : numpy.ndarray
        Shape ``(V, 3)``, unit vectors.
    faces : numpy.ndarray
        Shape ``(F, 3)``, integer.

    Raises
    ------
    ValueError
        If ``subdivisions`` is negative or above 8.
    TypeError
        If ``subdivisions`` is not an integer.

    Examples
    --------
    >>> vertices, faces = sphere_mesh(2)
    >>> vertices.shape, faces.shape
    ((162, 3), (320, 3))
    >>> bool(np.allclose(np.linalg.norm(vertices, axis=1), 1.0))
    True
    """
    subdivisions = check_count(subdivisions, "subdivisions", 0, _MAX_SUBDIVISIONS)
    vertices = _ICOSAHEDRON_VERTICES / np.linalg.norm(_ICOSAHEDRON_VERTICES[0])
    faces = _ICOSAHEDRON_FACES.astype(np.int64)
    for _ in range(subdivisions):
        n = len(vertices)
        # Each face's edges (0-1, 1-2, 2-0), numbered once per undirected edge.
        ends = np.sort(np.stack([faces, np.roll(faces, -1, axis=1)], axis=2), axis=2)
        keys, edge = np.unique(ends[..., 0] * n + ends[..., 1], return_inverse=True)
        first, second = np.divmod(keys, n)
        middle = vertices[first] + vertices[second]
        middle /= np.linalg.norm(middle, axis=1, keepdims=True)
        vertices = np.vstack([vertices, middle])
        m01, m12, m20 = (n + edge.reshape(-1, 3)).T
        a, b, c = faces.T
        faces = np.stack([
            np.column_stack([a, m01, m20]),
            np.column_stack([b, m12, m01]),
            np.column_stack([c, m20, m12]),
            np.column_stack([m01, m12, m20]),
        ], axis=1).reshape(-1, 3)
    return vertices, faces


def mesh_boundary(vertices: Any, faces: Any) -> np.ndarray:
    """Which vertices lie on the boundary of a triangle mesh.

    A boundary edge belongs to exactly one triangle; a boundary vertex is an
    end of a boundary edge.

    Parameters
    ----------
    vertices : array_like
        Shape ``(V, 2)`` or ``(V, 3)``, finite (only ``V`` is used, plus the
        checks).
    faces : array_like of int
        Shape ``(F, 3)``, indices into ``vertices``, non-degenerate triangles.

    Returns
    -------
    numpy.ndarray
        Boolean mask of shape ``(V,)``, True on the boundary. A closed mesh
        (a sphere) has none.

    Raises
    ------
    ValueError, TypeError
        As :func:`cotan_laplacian`.

    Examples
    --------
    The 3 x 3 grid has one interior vertex, its centre:

    >>> vertices, faces = grid_mesh(3, 3)
    >>> np.flatnonzero(~mesh_boundary(vertices, faces))
    array([4])
    """
    points, faces, _ = _check_mesh(vertices, faces, edges=False)
    n = len(points)
    ends = np.sort(np.stack([faces, np.roll(faces, -1, axis=1)], axis=2), axis=2)
    keys, counts = np.unique(ends[..., 0] * n + ends[..., 1], return_counts=True)
    boundary = np.zeros(n, dtype=bool)
    boundary[np.concatenate(np.divmod(keys[counts == 1], n))] = True
    return boundary


def cotan_laplacian(vertices: Any, faces: Any) -> csc_array:
    """The cotangent Laplacian of a triangle mesh (libigl's sign convention).

    For an edge ``ij``, ``L[i, j] = (cot alpha_ij + cot beta_ij) / 2`` where
    ``alpha_ij`` and ``beta_ij`` are the angles opposite the edge in its two
    triangles (one term on a boundary edge); ``L[i, i] = -sum_j L[i, j]``.
    So ``L`` is symmetric, its rows sum to zero (constants are in its
    kernel) and it is negative semidefinite: it is minus the stiffness matrix
    of piecewise-linear finite elements, and ``f @ L @ f = -(integral of
    |grad f|**2)`` for the piecewise-linear ``f``. With the lumped mass
    matrix ``M`` of :func:`mass_matrix`, ``(L @ f) / M.diagonal()``
    approximates ``+Delta f`` (the Laplace-Beltrami operator on a curved
    surface). This is ``igl.cotmatrix(vertices, faces)``, to rounding.

    Parameters
    ----------
    vertices : array_like
        Shape ``(V, 2)`` or ``(V, 3)``, finite.
    faces : array_like of int
        Shape ``(F, 3)``, indices into ``vertices``; no repeated vertex in a
        face and no triangle of (numerically) zero area.

    Returns
    -------
    scipy.sparse.csc_array
        Shape ``(V, V)``, float64, in canonical form (sorted indices, no
        duplicates): one stored entry per vertex (the diagonal, 0 for a
        vertex in no triangle) and two per edge, even where a weight is 0.
        Use it as SciPy's sparse arrays are used: ``L @ f``, ``L.diagonal()``,
        ``L.sum(axis=1)``, ``L.toarray()`` for a small mesh, and
        ``scipy.sparse.linalg`` to solve with it.

    Raises
    ------
    ValueError
        If ``faces`` is not of shape ``(F, 3)`` (triangles only), indexes a
        vertex that does not exist, or holds a degenerate triangle (the
        message names the face), or ``vertices`` is not finite of shape
        ``(V, 2)`` or ``(V, 3)`` (the message names the vertex).
    TypeError
        If ``faces`` does not hold integers or ``vertices`` not numbers.

    Notes
    -----
    How well ``(L @ f) / m`` approximates ``Delta f`` depends on the mesh. On
    the flat grid of :func:`grid_mesh` it is the 5-point stencil, error
    ``O(h**2)``. On the icosphere of :func:`sphere_mesh`, for ``f = z``
    (``Delta f = -2 z``) the median vertex error falls roughly like
    ``h**2`` and the mass-weighted error ``sqrt(sum(m * r**2) / sum(m))``
    like ``h``, but the largest error does not go to zero: it stays near
    0.25 at the 12 vertices of the original icosahedron, where five triangles
    meet instead of six (and near 0.005 along the icosahedron's edges, where
    the subdivision pattern changes). On the icosphere that error comes from
    the barycentric mass, not from ``L``: with the Voronoi mass
    (``mass_matrix(..., kind="voronoi")``) it vanishes at those vertices. On
    irregular meshes in general, ``(L @ f) / m`` need not converge at every
    vertex; averaged quantities, such as the eigenvalues of
    ``L v = lambda M v``, converge regardless.

    The assembly is vectorised: the half-cotangents of all corners at once,
    six off-diagonal triplets per triangle plus the diagonal, summed into
    compressed sparse columns by SciPy (the COO to CSC conversion sums
    duplicates). On the 163,842-vertex icosphere it takes about as long as
    ``igl.cotmatrix`` (``make bench`` prints the ratio).

    Examples
    --------
    On a grid of spacing 1, the row of the centre vertex is the 5-point
    stencil; the diagonal edges weigh 0 because the angles opposite them are
    right angles:

    >>> vertices, faces = grid_mesh(3, 3, width=2.0, height=2.0)
    >>> L = cotan_laplacian(vertices, faces)
    >>> L.shape, L.nnz, L.format
    ((9, 9), 41, 'csc')
    >>> L.toarray()[4]
    array([ 0.,  1.,  0.,  1., -4.,  1.,  0.,  1.,  0.])
    >>> bool(np.allclose(L.sum(axis=1), 0.0)), bool((L != L.T).nnz == 0)
    (True, True)
    """
    from scipy import sparse

    points, faces, tri = _check_mesh(vertices, faces)
    n = len(points)
    # The angle at corner c lies between the edges to the other two corners;
    # its cotangent is their dot product over twice the triangle's area, and
    # it is opposite the edge (c + 1, c + 2). tri.edges[c] runs from corner
    # c + 1 to corner c + 2, so the two edges at corner c are -edges[c + 1]
    # and edges[c + 2].
    e0, e1, e2 = tri.edges
    half_cot = np.empty((3, len(faces)))
    half_cot[0] = _dot(e1, e2)
    half_cot[1] = _dot(e2, e0)
    half_cot[2] = _dot(e0, e1)
    half_cot *= -0.5 / tri.double_area
    f0, f1, f2 = faces.T
    # Off the diagonal: (c + 1, c + 2) and (c + 2, c + 1) for every corner c.
    rows = np.concatenate([f1, f2, f0, f2, f0, f1, np.arange(n)])
    cols = np.concatenate([f2, f0, f1, f1, f2, f0, np.arange(n)])
    weights = np.concatenate([half_cot.reshape(-1), half_cot.reshape(-1)])
    diagonal = -np.bincount(rows[: weights.size], weights=weights, minlength=n)
    data = np.concatenate([weights, diagonal])
    # coo -> csc sums the duplicates (an interior edge's two half-cotangents).
    return sparse.coo_array((data, (rows, cols)), shape=(n, n)).tocsc()


def mass_matrix(vertices: Any, faces: Any, kind: str = "barycentric") -> csc_array:
    """The lumped (barycentric or Voronoi) mass matrix, a sparse diagonal matrix.

    ``M[i, i] = m[i]`` is one third of the total area of the triangles at
    vertex ``i``: the area of the vertex's barycentric cell; ``M`` is
    ``igl.massmatrix(vertices, faces, igl.MASSMATRIX_TYPE_BARYCENTRIC)``, to
    rounding. ``m = M.diagonal()`` is the 1-D array of masses, so ``M^-1 L
    f`` is written ``(L @ f) / m``, and ``m.sum()`` is the area of the mesh.
    ``M`` itself is what ``scipy.sparse.linalg`` wants for the generalised
    eigenproblem ``L v = lambda M v`` (``eigsh(L, M=M, ...)``) and for the
    implicit heat step ``(M - tau L) u_new = M u``.

    With ``kind="voronoi"``, ``m[i]`` is instead the area of the part of
    each triangle closer to vertex ``i`` than to the others (its Voronoi
    cell), with the usual repair for obtuse triangles (the obtuse corner
    takes half the triangle, the other two a quarter each): libigl's
    ``MASSMATRIX_TYPE_VORONOI``. The masses still add up to the area. Where
    the triangles are acute this is the mass for which ``(L @ f) / m`` is
    consistent at irregular vertices too: on the icosphere the barycentric
    mass makes ``(L @ f) / m`` miss ``Delta f`` by about 14% at the 12
    vertices where five triangles meet, the Voronoi mass does not (there the
    barycentric cell is 0.875 times the Voronoi one).

    Parameters
    ----------
    vertices, faces : array_like
        As :func:`cotan_laplacian`. Every vertex must belong to a triangle.
    kind : {"barycentric", "voronoi"}, optional
        Which lumped mass.

    Returns
    -------
    scipy.sparse.csc_array
        Shape ``(V, V)``, diagonal, positive on the diagonal.

    Raises
    ------
    ValueError
        As :func:`cotan_laplacian`, and if a vertex belongs to no triangle
        (its mass would be 0, ``M`` singular and ``(L @ f) / m`` undefined
        there).
    TypeError
        If ``faces`` does not hold integers or ``vertices`` not numbers.

    Examples
    --------
    On the unit square, cut into two triangles of area 1/2, the corners on
    the diagonal touch both:

    >>> vertices, faces = grid_mesh(2, 2)
    >>> M = mass_matrix(vertices, faces)
    >>> M.shape, M.nnz, M.format
    ((4, 4), 4, 'csc')
    >>> m = M.diagonal()
    >>> m * 6
    array([2., 1., 1., 2.])
    >>> float(m.sum())
    1.0

    Right triangles are the edge case of the Voronoi rule (their right
    corner takes half), and the total is the area again:

    >>> m_voronoi = mass_matrix(vertices, faces, kind="voronoi").diagonal()
    >>> m_voronoi * 4
    array([1., 1., 1., 1.])
    """
    from scipy import sparse

    if kind not in ("barycentric", "voronoi"):
        raise ValueError(f"kind must be 'barycentric' or 'voronoi', got {kind!r}")
    points, faces, tri = _check_mesh(vertices, faces, edges=False)
    n = len(points)
    if kind == "barycentric":
        third = tri.double_area / 6.0
        shares = np.column_stack([third, third, third])
    else:
        shares = _voronoi_shares(points, faces, tri.double_area / 2.0)
    mass = np.bincount(faces[:, 0], weights=shares[:, 0], minlength=n)
    mass += np.bincount(faces[:, 1], weights=shares[:, 1], minlength=n)
    mass += np.bincount(faces[:, 2], weights=shares[:, 2], minlength=n)
    lonely = np.flatnonzero(mass == 0)
    if lonely.size:
        raise ValueError(
            f"vertices[{lonely[0]}] belongs to no triangle of faces ({lonely.size} such "
            "vertices), so its mass would be 0 and the mass matrix singular; remove "
            "the unreferenced vertices (and renumber faces)"
        )
    index = np.arange(n + 1)
    return sparse.csc_array((mass, index[:-1], index), shape=(n, n))


def _voronoi_shares(points: np.ndarray, faces: np.ndarray, area: np.ndarray) -> np.ndarray:
    """(F, 3): each corner's part of its triangle in the mixed Voronoi rule."""
    corners = points[faces]                                  # (F, 3, 3)
    # the edge opposite corner c, and the squared lengths of the two edges at c
    after, before = np.roll(corners, -1, axis=1), np.roll(corners, 1, axis=1)
    to_after, to_before = after - corners, before - corners
    dots = np.einsum("fcx,fcx->fc", to_after, to_before)     # |a||b| cos(angle at c)
    cot = dots / (2.0 * area[:, None])                       # cot(angle at c) = a.b / |a x b|
    length2 = np.einsum("fcx,fcx->fc", to_after, to_after)   # |corner c -> corner c+1|^2
    # corner c's Voronoi part: (|c c+1|^2 cot(angle at c+2) + |c c+2|^2 cot(angle at c+1)) / 8
    shares = (length2 * np.roll(cot, -2, axis=1) + np.roll(length2, 1, axis=1) * np.roll(cot, -1, axis=1)) / 8.0
    obtuse = dots < 0                                        # the angle at c is above 90 degrees
    any_obtuse = obtuse.any(axis=1)
    shares[any_obtuse] = np.where(obtuse[any_obtuse], 0.5, 0.25) * area[any_obtuse, None]
    return shares


def solve_poisson(L: Any, M: Any, f: Any, fixed: Any, values: Any = 0.0) -> np.ndarray:
    """Solve the Poisson equation ``-Delta u = f`` on a mesh, with fixed values.

    With the cotangent Laplacian ``L`` and the mass matrix ``M`` of a mesh,
    the finite-element equations are ``-(L @ u)[i] = (M @ f)[i]`` at every
    free vertex ``i``, and ``u[i] = values[i]`` at the fixed ones (a
    Dirichlet condition). Moving the known values to the right-hand side
    leaves a sparse symmetric positive definite system in the free values,
    factorised once with ``scipy.sparse.linalg.splu`` (SuperLU) and solved
    for every column of ``f``.

    Without a fixed vertex (the pure Neumann problem, or a closed surface
    such as the sphere) the system is singular: ``L`` has the constants in
    its kernel, so ``u + c`` solves it whenever ``u`` does. The same holds
    for each connected piece of the mesh that has no fixed vertex. This
    function refuses such a system with a ``ValueError`` whose message says
    "singular", rather than return NaN or an arbitrary solution.

    Parameters
    ----------
    L : sparse matrix or array_like
        Shape ``(V, V)``: :func:`cotan_laplacian` (libigl's sign, negative
        semidefinite), or another matrix of the same kind.
    M : sparse matrix or array_like
        Shape ``(V, V)`` (:func:`mass_matrix`), or its diagonal, shape ``(V,)``.
    f : array_like
        The right-hand side at the vertices, shape ``(V,)``, or ``(V, k)``
        for ``k`` problems solved with one factorisation; finite.
    fixed : array_like of int or bool
        The vertices whose value is given: indices, or a boolean mask of
        shape ``(V,)`` (for example ``mesh_boundary(vertices, faces)``).
    values : float or array_like, optional
        The given values: one number for all fixed vertices (default 0), or
        an array of shape ``(V,)`` whose entries at the fixed vertices are
        used (the others are ignored).

    Returns
    -------
    numpy.ndarray
        ``u``, shape ``(V,)`` or ``(V, k)`` as ``f``, equal to ``values`` at
        the fixed vertices.

    Raises
    ------
    ValueError
        If the system is singular ("singular" in the message): no fixed
        vertex, a connected piece of the mesh without one (the message names
        a vertex of it), or a factorisation or solve that fails numerically.
        Also if a shape does not match, an index is out of range, or ``L``,
        ``M``, ``f`` or ``values`` is not finite.
    TypeError
        If ``fixed`` holds neither integers nor booleans.

    Examples
    --------
    On the unit square with ``u = 0`` on the boundary, ``f = 2 pi**2 sin(pi x)
    sin(pi y)`` has the solution ``u = sin(pi x) sin(pi y)``:

    >>> vertices, faces = grid_mesh(33, 33)
    >>> L, M = cotan_laplacian(vertices, faces), mass_matrix(vertices, faces)
    >>> x, y = vertices[:, 0], vertices[:, 1]
    >>> exact = np.sin(np.pi * x) * np.sin(np.pi * y)
    >>> u = solve_poisson(L, M, 2 * np.pi**2 * exact, fixed=mesh_boundary(vertices, faces))
    >>> bool(np.max(np.abs(u - exact)) < 1e-3)
    True

    Without a fixed value the solution is not unique:

    >>> solve_poisson(L, M, np.zeros(len(vertices)), fixed=[])
    Traceback (most recent call last):
    ...
    ValueError: the system is singular: no vertex is fixed, ...
    """
    from scipy import sparse
    from scipy.sparse import csgraph
    from scipy.sparse import linalg as sparse_linalg

    L = _as_sparse_square(L, "L")
    n = L.shape[0]
    M = _as_mass(M, n)
    try:
        rhs = np.asarray(f, dtype=float)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"f must be an array of numbers, got {f!r}") from exc
    if rhs.ndim not in (1, 2) or rhs.shape[0] != n:
        raise ValueError(f"f must have shape ({n},) or ({n}, k) to match L, got {rhs.shape}")
    if not np.all(np.isfinite(rhs)):
        raise ValueError("f must be finite")
    is_fixed = _fixed_mask(fixed, n)
    given = np.asarray(values, dtype=float)
    if given.ndim == 0:
        given = np.full(n, float(given))
    elif given.shape != (n,):
        raise ValueError(f"values must be a number or an array of shape ({n},), "
                         f"got shape {given.shape}")
    if not np.all(np.isfinite(given[is_fixed])):
        raise ValueError("values must be finite at the fixed vertices")

    if not is_fixed.any():
        raise ValueError(
            "the system is singular: no vertex is fixed, so u + c solves -L u = M f "
            "whenever u does (the pure Neumann problem; L's rows sum to 0). Fix the "
            "value at one vertex at least, e.g. fixed=[0]"
        )
    # Also singular: a connected piece of the mesh with no fixed vertex.
    # Explicit zeros count as edges (a right angle's weight is 0, yet its
    # triangle still connects the vertices).
    count, label = csgraph.connected_components(L, directed=False)
    pinned = np.zeros(count, dtype=bool)
    pinned[label[is_fixed]] = True
    if not pinned.all():
        loose = int(np.flatnonzero(~pinned[label])[0])
        raise ValueError(
            f"the system is singular: the connected piece of the mesh containing vertex "
            f"{loose} has no fixed vertex, so a constant can be added to u there; fix a "
            f"vertex in every piece ({count} pieces, {int(pinned.sum())} with a fixed vertex)"
        )

    free = ~is_fixed
    u = np.empty(rhs.shape)
    u[is_fixed] = given[is_fixed] if rhs.ndim == 1 else given[is_fixed, None]
    if not free.any():
        return u
    A = -L[free][:, free]
    b = (M @ rhs)[free] + L[free][:, is_fixed] @ u[is_fixed]
    try:
        lu = sparse_linalg.splu(sparse.csc_array(A))
    except RuntimeError as exc:  # SuperLU: "Factor is exactly singular"
        raise ValueError(f"the system is singular: the sparse LU factorisation failed ({exc})") \
            from exc
    with np.errstate(all="ignore"):
        solution = lu.solve(b)
        size = max(float(np.linalg.norm(b)), np.finfo(float).tiny)
        relative_residual = float(np.linalg.norm(A @ solution - b)) / size
    if not np.all(np.isfinite(solution)) or not relative_residual <= _RESIDUAL_RTOL:
        found = ("non-finite values" if not np.all(np.isfinite(solution))
                 else f"a relative residual of {relative_residual:.1e}")
        raise ValueError(
            f"the system is singular (numerically): the sparse LU solve gave {found}; "
            "check that L is the Laplacian of a mesh with non-degenerate triangles"
        )
    u[free] = solution
    return u


# --------------------------------------------------------------------------
# Private checks.


class _Triangles:
    """Per-face geometry computed by :func:`_check_mesh` and reused."""

    __slots__ = ("double_area", "edges")

    def __init__(self, double_area: np.ndarray, edges: tuple[np.ndarray, ...]) -> None:
        self.double_area = double_area
        self.edges = edges


def _dot(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Row-wise dot products of two (F, 3) arrays."""
    return a[:, 0] * b[:, 0] + a[:, 1] * b[:, 1] + a[:, 2] * b[:, 2]


def _check_mesh(vertices: Any, faces: Any,
                edges: bool = True) -> tuple[np.ndarray, np.ndarray, _Triangles]:
    """Validated ``(points (V, 3), faces (F, 3) int64, triangle geometry)``.

    ``edges[c]`` (each (F, 3)) runs from corner ``c + 1`` to corner ``c + 2``
    (indices mod 3): the edge opposite corner ``c``. With ``edges=False``
    they are not kept (the mass matrix needs only the areas).
    """
    try:
        points = np.asarray(vertices, dtype=float)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"vertices must be an array of numbers, got {vertices!r}") from exc
    if points.ndim != 2 or points.shape[1] not in (2, 3) or len(points) == 0:
        raise ValueError(f"vertices must have shape (V, 2) or (V, 3), got {points.shape}")
    if not np.isfinite(points).all():
        bad = np.flatnonzero(~np.all(np.isfinite(points), axis=1))[0]
        raise ValueError(f"vertices must be finite; vertices[{bad}] = {points[bad].tolist()}")
    if points.shape[1] == 2:  # planar mesh: z = 0
        points = np.column_stack([points, np.zeros(len(points))])

    faces = np.asarray(faces)
    if faces.ndim != 2 or faces.shape[1] != 3:
        raise ValueError(f"faces must be triangles, an array of shape (F, 3), got shape "
                         f"{faces.shape}")
    if len(faces) == 0:
        raise ValueError("faces must hold at least one triangle, got shape (0, 3)")
    if faces.dtype.kind not in "iu":
        raise TypeError(f"faces must hold integer vertex indices, got dtype {faces.dtype}")
    faces = faces.astype(np.int64, copy=False)
    n = len(points)
    if faces.min() < 0 or faces.max() >= n:
        bad = np.flatnonzero(np.any((faces < 0) | (faces >= n), axis=1))[0]
        raise ValueError(
            f"faces[{bad}] = {faces[bad].tolist()} refers to a vertex that does "
            f"not exist: vertices has {n} rows (indices 0..{n - 1})"
        )
    f0, f1, f2 = faces[:, 0], faces[:, 1], faces[:, 2]
    repeated = (f0 == f1) | (f1 == f2) | (f2 == f0)
    if repeated.any():
        bad = np.flatnonzero(repeated)[0]
        raise ValueError(
            f"faces[{bad}] = {faces[bad].tolist()} is a degenerate triangle: "
            "it repeats a vertex"
        )
    p0, p1, p2 = points[f0], points[f1], points[f2]
    e0, e1, e2 = p2 - p1, p0 - p2, p1 - p0
    # |e1 x e2| = twice the area, whichever pair of edges we take.
    cx = e1[:, 1] * e2[:, 2] - e1[:, 2] * e2[:, 1]
    cy = e1[:, 2] * e2[:, 0] - e1[:, 0] * e2[:, 2]
    cz = e1[:, 0] * e2[:, 1] - e1[:, 1] * e2[:, 0]
    double_area = np.sqrt(cx * cx + cy * cy + cz * cz)
    longest = np.maximum(np.maximum(_dot(e0, e0), _dot(e1, e1)), _dot(e2, e2))
    degenerate = double_area <= 2.0 * _DEGENERATE_RTOL * longest
    if degenerate.any():
        bad = np.flatnonzero(degenerate)[0]
        raise ValueError(
            f"faces[{bad}] = {faces[bad].tolist()} is a degenerate triangle: its "
            f"area {double_area[bad] / 2:.3g} is zero relative to its longest edge "
            "squared, so its angles' cotangents are undefined"
        )
    return points, faces, _Triangles(double_area, (e0, e1, e2) if edges else ())


def _as_sparse_square(A: Any, name: str) -> Any:
    """``A`` as a finite square ``scipy.sparse.csc_array``, or raise naming ``name``."""
    from scipy import sparse

    if not sparse.issparse(A):
        A = as_matrix(A, name, square=True)  # the dense checks every module shares
    if A.shape[0] != A.shape[1]:
        raise ValueError(f"{name} must be a square matrix, got shape {A.shape}")
    A = sparse.csc_array(A, dtype=float)
    if not np.all(np.isfinite(A.data)):
        raise ValueError(f"{name} must be finite")
    return A


def _as_mass(M: Any, n: int) -> Any:
    """The mass matrix as a sparse (n, n) array, from a matrix or its diagonal."""
    from scipy import sparse

    if not sparse.issparse(M) and np.ndim(M) == 1:
        m = np.asarray(M, dtype=float)
        if m.shape != (n,):
            raise ValueError(f"M must have shape ({n}, {n}) or ({n},) to match L, got {m.shape}")
        if not np.all(np.isfinite(m)):
            raise ValueError("M must be finite")
        return sparse.diags_array(m, format="csc")
    M = _as_sparse_square(M, "M")
    if M.shape != (n, n):
        raise ValueError(f"M must have shape ({n}, {n}) or ({n},) to match L, got {M.shape}")
    return M


def _fixed_mask(fixed: Any, n: int) -> np.ndarray:
    """The fixed vertices as a boolean mask of shape (n,)."""
    arr = np.asarray(fixed)
    if arr.dtype == bool:
        if arr.shape != (n,):
            raise ValueError(f"fixed, as a boolean mask, must have shape ({n},), got {arr.shape}")
        return arr.copy()
    if arr.size == 0:
        return np.zeros(n, dtype=bool)
    if arr.dtype.kind not in "iu":
        raise TypeError(f"fixed must hold vertex indices (integers) or be a boolean mask, "
                        f"got dtype {arr.dtype}")
    if arr.ndim != 1:
        raise ValueError(f"fixed must be a 1-D array of vertex indices, got shape {arr.shape}")
    if arr.min() < 0 or arr.max() >= n:
        bad = arr[(arr < 0) | (arr >= n)][0]
        raise ValueError(f"fixed holds {bad}, not a vertex: indices must lie in 0..{n - 1}")
    mask = np.zeros(n, dtype=bool)
    mask[arr] = True
    return mask
