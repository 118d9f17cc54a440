"""Discrete Laplacians: the 5-point stencil on a grid and the cotangent
Laplacian on a triangle mesh.

The chapter on the Laplacian uses:

* :func:`grid_laplacian` applies the 3-point (1-D) or 5-point (2-D) stencil
  to samples on a regular grid; it approximates ``+Delta u`` with an error of
  order ``h**2`` and returns values at the *interior* points only.
* :func:`cotan_laplacian` builds the cotangent Laplacian ``L`` of a triangle
  mesh and :func:`mass_matrix` the lumped (barycentric) vertex areas ``m``;
  ``(L @ f) / m`` approximates ``Delta f`` at the vertices.
* :class:`SparseMatrix` is the small sparse matrix that ``L`` comes in
  (SciPy is not part of the book's environment): products ``L @ f``,
  ``.toarray()`` for the dense solves of small examples, ``.diagonal()``,
  ``.row_sums()``, ``.T``.
* :func:`grid_mesh`, :func:`jittered_grid_mesh`, :func:`sphere_mesh` and
  :func:`mesh_boundary` make the meshes of the examples and find their
  boundary vertices.

Conventions: ``vertices`` is a float array of shape ``(V, 2)`` or ``(V, 3)``
(planar meshes may omit z) and ``faces`` an integer array of shape ``(F, 3)``
whose rows index ``vertices``. ``L`` has libigl's sign: symmetric, zero row
sums, negative semidefinite, so that ``(L @ f) / m`` is ``+Delta f`` (not
``-Delta f``, the "positive" Laplacian of some texts).
"""

from __future__ import annotations

import operator
from dataclasses import dataclass
from typing import Any

import numpy as np

from companion._checks import as_matrix, check_count, check_positive

__all__ = [
    "MAX_DENSE_ROWS",
    "SparseMatrix",
    "cotan_laplacian",
    "grid_laplacian",
    "grid_mesh",
    "jittered_grid_mesh",
    "mass_matrix",
    "mesh_boundary",
    "sphere_mesh",
]

#: :meth:`SparseMatrix.toarray` refuses matrices with more rows than this: a
#: dense 5000 x 5000 float array already takes 200 MB.
MAX_DENSE_ROWS = 5000

# A triangle whose area is below this fraction of its longest edge squared is
# degenerate: its cotangents would be ~1 / this, pure rounding noise.
_DEGENERATE_RTOL = 1e-10

# Icosphere subdivision quadruples the faces; level 8 has 655,362 vertices,
# beyond any example in the book. The cap stops a typo from eating the memory.
_MAX_SUBDIVISIONS = 8


# --------------------------------------------------------------------------
# The sparse matrix.

@dataclass(frozen=True, eq=False, repr=False)
class SparseMatrix:
    """A real sparse matrix in coordinate form, built with NumPy only.

    Entry ``(rows[k], cols[k])`` holds ``data[k]``. On construction the
    triplets are put in canonical order (sorted by row, then column) and
    duplicates are summed, so ``nnz`` counts distinct stored positions
    (explicit zeros included: the cotangent Laplacian stores one entry per
    vertex and two per edge, even where a weight is 0). The arrays are
    read-only.

    Parameters
    ----------
    rows, cols : array_like of int
        Row and column index of each entry.
    data : array_like of float
        The values, finite.
    shape : tuple of int
        ``(n_rows, n_cols)``, both positive.

    Examples
    --------
    >>> A = SparseMatrix([0, 1, 1, 0], [0, 1, 0, 0], [2.0, 3.0, -1.0, 1.0], (2, 2))
    >>> A
    SparseMatrix(shape=(2, 2), nnz=3)
    >>> A.toarray()
    array([[ 3.,  0.],
           [-1.,  3.]])
    >>> A @ np.array([1.0, 1.0])
    array([3., 2.])
    >>> A.T.toarray()
    array([[ 3., -1.],
           [ 0.,  3.]])
    >>> A.diagonal(), A.row_sums()
    (array([3., 3.]), array([3., 2.]))
    """

    rows: np.ndarray
    cols: np.ndarray
    data: np.ndarray
    shape: tuple[int, int]

    # Make ``ndarray @ SparseMatrix`` call __rmatmul__ instead of NumPy
    # trying (and failing) to treat the matrix as an array of objects.
    __array_ufunc__ = None

    def __post_init__(self) -> None:
        shape = _check_shape(self.shape)
        rows = _index_array(self.rows, "rows")
        cols = _index_array(self.cols, "cols")
        data = np.asarray(self.data, dtype=float)
        if data.ndim != 1:
            raise ValueError(f"data must be a 1-D array, got shape {data.shape}")
        if not (rows.size == cols.size == data.size):
            raise ValueError(
                "rows, cols and data must have the same length, got "
                f"{rows.size}, {cols.size} and {data.size}"
            )
        if not np.all(np.isfinite(data)):
            raise ValueError("data must be finite")
        for index, name, size in ((rows, "rows", shape[0]), (cols, "cols", shape[1])):
            if index.size and (index.min() < 0 or index.max() >= size):
                raise ValueError(f"{name} must lie in 0..{size - 1} for shape {shape}")
        # One int64 key per position: np.unique sorts the keys (row-major
        # order) and bincount sums the values that share one.
        keys, where = np.unique(rows * shape[1] + cols, return_inverse=True)
        summed = np.bincount(where.reshape(-1), weights=data, minlength=keys.size)
        for name, value in zip(("rows", "cols", "data"),
                               (*np.divmod(keys, shape[1]), summed)):
            value.flags.writeable = False
            object.__setattr__(self, name, value)
        object.__setattr__(self, "shape", shape)

    def __repr__(self) -> str:
        return f"SparseMatrix(shape={self.shape}, nnz={self.nnz})"

    @property
    def nnz(self) -> int:
        """Number of stored entries."""
        return int(self.data.size)

    @property
    def T(self) -> SparseMatrix:
        """The transpose."""
        return SparseMatrix(self.cols, self.rows, self.data, self.shape[::-1])

    def __matmul__(self, x: Any) -> np.ndarray:
        """``A @ x`` for ``x`` of shape ``(n_cols,)`` or ``(n_cols, k)``."""
        x = _operand(x, self.shape[1], "A @ x")
        if x.ndim == 1:
            return np.bincount(self.rows, weights=self.data * x[self.cols],
                               minlength=self.shape[0])
        # All k columns in one bincount: entry (r, c) of the product goes to
        # flat position r * k + c.
        k = x.shape[1]
        flat = (self.rows[:, None] * k + np.arange(k)).reshape(-1)
        products = (self.data[:, None] * x[self.cols]).reshape(-1)
        return np.bincount(flat, weights=products,
                           minlength=self.shape[0] * k).reshape(self.shape[0], k)

    def __rmatmul__(self, x: Any) -> np.ndarray:
        """``x @ A`` for ``x`` of shape ``(n_rows,)`` or ``(k, n_rows)``."""
        x = _operand(x, self.shape[0], "x @ A", rows_last=True)
        return (self.T @ x.T).T

    def toarray(self) -> np.ndarray:
        """The dense ``numpy.ndarray``; refused above ``MAX_DENSE_ROWS`` rows."""
        if self.shape[0] > MAX_DENSE_ROWS:
            megabytes = self.shape[0] * self.shape[1] * 8 / 1e6
            raise ValueError(
                f"toarray() would allocate a dense {self.shape[0]} x {self.shape[1]} "
                f"matrix ({megabytes:,.0f} MB); it is limited to {MAX_DENSE_ROWS} rows. "
                "Use the product A @ x, which stays sparse, or a smaller mesh."
            )
        dense = np.zeros(self.shape)
        dense[self.rows, self.cols] = self.data  # positions are distinct
        return dense

    def diagonal(self) -> np.ndarray:
        """The main diagonal, shape ``(min(n_rows, n_cols),)``."""
        on = self.rows == self.cols
        return np.bincount(self.rows[on], weights=self.data[on],
                           minlength=min(self.shape))

    def row_sums(self) -> np.ndarray:
        """The sum of each row, shape ``(n_rows,)`` (``A @ ones``)."""
        return np.bincount(self.rows, weights=self.data, minlength=self.shape[0])


def _check_shape(shape: Any) -> tuple[int, int]:
    try:
        n_rows, n_cols = (operator.index(n) for n in shape)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"shape must be a pair of integers, got {shape!r}") from exc
    if n_rows < 1 or n_cols < 1:
        raise ValueError(f"shape must be a pair of positive integers, got {shape!r}")
    return n_rows, n_cols


def _index_array(value: Any, name: str) -> np.ndarray:
    arr = np.asarray(value)
    if arr.ndim != 1:
        raise ValueError(f"{name} must be a 1-D array, got shape {arr.shape}")
    if arr.size == 0:  # np.asarray([]) is float; no index is still no index
        return np.zeros(0, dtype=np.int64)
    if arr.dtype.kind not in "iu":
        raise TypeError(f"{name} must hold integer indices, got dtype {arr.dtype}")
    return arr.astype(np.int64, copy=False)


def _operand(x: Any, n: int, expression: str, rows_last: bool = False) -> np.ndarray:
    try:
        arr = np.asarray(x, dtype=float)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"x in {expression} must be an array of numbers") from exc
    length = arr.shape[-1 if rows_last else 0] if arr.ndim in (1, 2) else None
    if length != n:
        wanted = f"({n},) or " + (f"(k, {n})" if rows_last else f"({n}, k)")
        raise ValueError(f"x in {expression} must have shape {wanted}, got {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"x in {expression} must be finite")
    return arr


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
    points, faces, _ = _check_mesh(vertices, faces)
    n = len(points)
    ends = np.sort(np.stack([faces, np.roll(faces, -1, axis=1)], axis=2), axis=2)
    keys, counts = np.unique(ends[..., 0] * n + ends[..., 1], return_counts=True)
    boundary = np.zeros(n, dtype=bool)
    boundary[np.concatenate(np.divmod(keys[counts == 1], n))] = True
    return boundary


def cotan_laplacian(vertices: Any, faces: Any) -> SparseMatrix:
    """The cotangent Laplacian of a triangle mesh (libigl's sign convention).

    For an edge ``ij``, ``L[i, j] = (cot alpha_ij + cot beta_ij) / 2`` where
    ``alpha_ij`` and ``beta_ij`` are the angles opposite the edge in its two
    triangles (one term on a boundary edge); ``L[i, i] = -sum_j L[i, j]``.
    So ``L`` is symmetric, its rows sum to zero (constants are in its
    kernel) and it is negative semidefinite: it is minus the stiffness matrix
    of piecewise-linear finite elements, and ``f @ L @ f = -(integral of
    |grad f|**2)`` for the piecewise-linear ``f``. With the lumped mass ``m``
    of :func:`mass_matrix`, ``(L @ f) / m`` approximates ``+Delta f``
    (the Laplace-Beltrami operator on a curved surface).

    Parameters
    ----------
    vertices : array_like
        Shape ``(V, 2)`` or ``(V, 3)``, finite.
    faces : array_like of int
        Shape ``(F, 3)``, indices into ``vertices``; no repeated vertex in a
        face and no triangle of (numerically) zero area.

    Returns
    -------
    SparseMatrix
        Shape ``(V, V)``; one stored entry per vertex and two per edge.

    Raises
    ------
    ValueError
        If ``faces`` is not of shape ``(F, 3)`` (triangles only), indexes a
        vertex that does not exist, or holds a degenerate triangle (the
        message names the face), or ``vertices`` is not finite of shape
        ``(V, 2)`` or ``(V, 3)``.
    TypeError
        If ``faces`` does not hold integers.

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
    the subdivision pattern changes). Pointwise, the cotangent Laplacian is
    consistent only on meshes regular enough; averaged quantities, such as
    the eigenvalues of ``L v = lambda M v``, converge regardless.

    Examples
    --------
    On a grid of spacing 1, the row of the centre vertex is the 5-point
    stencil; the diagonal edges weigh 0 because the angles opposite them are
    right angles:

    >>> vertices, faces = grid_mesh(3, 3, width=2.0, height=2.0)
    >>> L = cotan_laplacian(vertices, faces)
    >>> L
    SparseMatrix(shape=(9, 9), nnz=41)
    >>> L.toarray()[4]
    array([ 0.,  1.,  0.,  1., -4.,  1.,  0.,  1.,  0.])
    >>> bool(np.allclose(L.row_sums(), 0.0))
    True
    """
    points, faces, double_area = _check_mesh(vertices, faces)
    corners = points[faces]                       # (F, 3, 3)
    # At each corner c, the edges to the next and the previous corner; their
    # cross product has length 2 * area whichever corner we stand at.
    to_next = np.roll(corners, -1, axis=1) - corners
    to_prev = np.roll(corners, 1, axis=1) - corners
    cot = np.einsum("fcd,fcd->fc", to_next, to_prev) / double_area[:, None]
    weight = (cot / 2.0).reshape(-1)
    # The angle at corner c is opposite the edge between the other two.
    i = np.roll(faces, -1, axis=1).reshape(-1)
    j = np.roll(faces, 1, axis=1).reshape(-1)
    n = len(points)
    return SparseMatrix(np.concatenate([i, j, i, j]), np.concatenate([j, i, i, j]),
                        np.concatenate([weight, weight, -weight, -weight]), (n, n))


def mass_matrix(vertices: Any, faces: Any) -> np.ndarray:
    """The lumped (barycentric) mass matrix, as the 1-D array of its diagonal.

    ``m[i]`` is one third of the total area of the triangles at vertex ``i``:
    the area of the vertex's barycentric cell. ``M = diag(m)``, so ``M^-1 L f``
    is written ``(L @ f) / m``, and ``m.sum()`` is the area of the mesh.

    Parameters
    ----------
    vertices, faces : array_like
        As :func:`cotan_laplacian`. Every vertex must belong to a triangle.

    Returns
    -------
    numpy.ndarray
        Shape ``(V,)``, positive.

    Raises
    ------
    ValueError
        As :func:`cotan_laplacian`, and if a vertex belongs to no triangle
        (its mass would be 0 and ``(L @ f) / m`` undefined there).
    TypeError
        If ``faces`` does not hold integers.

    Examples
    --------
    On the unit square, cut into two triangles of area 1/2, the corners on
    the diagonal touch both:

    >>> vertices, faces = grid_mesh(2, 2)
    >>> m = mass_matrix(vertices, faces)
    >>> m * 6
    array([2., 1., 1., 2.])
    >>> float(m.sum())
    1.0
    """
    points, faces, double_area = _check_mesh(vertices, faces)
    mass = np.bincount(faces.reshape(-1), weights=np.repeat(double_area / 6.0, 3),
                       minlength=len(points))
    lonely = np.flatnonzero(mass == 0)
    if lonely.size:
        raise ValueError(
            f"vertex {lonely[0]} belongs to no triangle ({lonely.size} such vertices), "
            "so its mass would be 0; remove unreferenced vertices"
        )
    return mass


# --------------------------------------------------------------------------
# Private checks.


def _check_mesh(vertices: Any, faces: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Validated ``(points (V, 3), faces (F, 3) int64, 2 * area (F,))``."""
    try:
        points = np.asarray(vertices, dtype=float)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"vertices must be an array of numbers, got {vertices!r}") from exc
    if points.ndim != 2 or points.shape[1] not in (2, 3) or len(points) == 0:
        raise ValueError(f"vertices must have shape (V, 2) or (V, 3), got {points.shape}")
    bad = np.flatnonzero(~np.all(np.isfinite(points), axis=1))
    if bad.size:
        raise ValueError(
            f"vertices must be finite; vertices[{bad[0]}] = {points[bad[0]].tolist()}"
        )
    points = as_matrix(points, "vertices")
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
    bad = np.flatnonzero(np.any((faces < 0) | (faces >= n), axis=1))
    if bad.size:
        raise ValueError(
            f"faces[{bad[0]}] = {faces[bad[0]].tolist()} refers to a vertex that does "
            f"not exist: vertices has {n} rows (indices 0..{n - 1})"
        )
    repeated = (faces[:, 0] == faces[:, 1]) | (faces[:, 1] == faces[:, 2]) \
        | (faces[:, 2] == faces[:, 0])
    bad = np.flatnonzero(repeated)
    if bad.size:
        raise ValueError(
            f"faces[{bad[0]}] = {faces[bad[0]].tolist()} is a degenerate triangle: "
            "it repeats a vertex"
        )
    corners = points[faces]
    edges = np.roll(corners, -1, axis=1) - corners
    double_area = np.linalg.norm(np.cross(edges[:, 0], -edges[:, 2]), axis=1)
    longest = np.max(np.einsum("fcd,fcd->fc", edges, edges), axis=1)
    bad = np.flatnonzero(double_area <= 2.0 * _DEGENERATE_RTOL * longest)
    if bad.size:
        raise ValueError(
            f"faces[{bad[0]}] = {faces[bad[0]].tolist()} is a degenerate triangle: its "
            f"area {double_area[bad[0]] / 2:.3g} is zero relative to its longest edge "
            "squared, so its angles' cotangents are undefined"
        )
    return points, faces, double_area
