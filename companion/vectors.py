"""Vectors: norms, inner products, angles and the products of 3-space.

The functions of chapters 1 and 2 of the book. A vector is a 1-D array of
coordinates. The metric functions (`norm`, `inner`, `angle`, `project`) take
an optional Gram matrix ``G``, the symmetric positive-definite matrix of
inner products of the basis vectors, ``G[i, j] = <b_i, b_j>``. A vector's
coordinates ``c`` in that basis then have the length ``sqrt(c^T G c)``, which
is ``sqrt(c . c)`` only when the basis is orthonormal (``G`` the identity).

.. rubric:: Conventions

- Scalars come back as Python ``float``, vectors and matrices as NumPy
  arrays of floats.
- `cross` of two 3-vectors is a 3-vector; of two 2-vectors it is the scalar
  ``u1 v2 - u2 v1``, the z-component of the cross product of the vectors
  lifted into the plane z = 0 (positive when v is counter-clockwise from u).
- `rotate` turns by the right-hand rule: counter-clockwise when the axis
  points at the viewer, so a quarter turn about +z takes x to y.
- Bad input raises ``ValueError`` (or ``TypeError`` for non-numbers) naming
  the argument and what was expected; nothing returns a silent NaN.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from ._checks import as_matrix, as_vector

__all__ = [
    "angle",
    "cross",
    "hat",
    "inner",
    "norm",
    "project",
    "rotate",
    "triple",
    "vee",
]

# A matrix counts as symmetric (G) or skew-symmetric (M) when its entries
# break that symmetry by at most this fraction of its largest entry: room
# for the rounding of a computed matrix such as B.T @ B (~1e-16 relative),
# while a mistyped entry still fails.
_SYMMETRY_RTOL = 1e-9


def _vector(value: Any, name: str, *, dim: int | None = None) -> np.ndarray:
    """`as_vector`, refusing also the empty vector (it has no length)."""
    arr = as_vector(value, name, dim=dim)
    if arr.size == 0:
        raise ValueError(f"{name} must have at least 1 component, got an empty vector")
    return arr


def _gram(G: Any, n: int) -> np.ndarray:
    """Return ``G`` as an n x n symmetric positive-definite matrix, or raise."""
    G = as_matrix(G, "G", square=True, shape=(n, n))
    scale = float(np.max(np.abs(G)))
    asymmetry = float(np.max(np.abs(G - G.T)))
    if asymmetry > _SYMMETRY_RTOL * scale:
        raise ValueError(
            "G must be symmetric positive definite, but it is not symmetric: "
            f"max |G[i, j] - G[j, i]| = {asymmetry:.6g}"
        )
    # Use the exact symmetric part, so that inner(u, v, G) == inner(v, u, G).
    G = 0.5 * (G + G.T)
    eigenvalues = np.linalg.eigvalsh(G)
    # An eigenvalue at rounding level of the largest one is a zero eigenvalue
    # in disguise (a singular G, e.g. from linearly dependent basis vectors).
    floor = n * np.finfo(float).eps * float(np.max(np.abs(eigenvalues)))
    if eigenvalues[0] <= floor:
        # Show rounding-level eigenvalues as the zeros they stand for.
        shown = np.where(np.abs(eigenvalues) <= floor, 0.0, eigenvalues)
        listed = ", ".join(f"{lam:.6g}" for lam in shown)
        raise ValueError(
            f"G must be symmetric positive definite, but not all its eigenvalues are > 0: {listed}"
        )
    return G


def _norm_order(p: Any) -> float:
    """Return ``p`` if it is 1, 2 or inf, else raise."""
    # bool is an int in Python, but norm(u, p=True) is surely a mistake.
    is_number = isinstance(p, (int, float, np.integer, np.floating)) and not isinstance(
        p, (bool, np.bool_)
    )
    if not is_number or p not in (1, 2, np.inf):
        raise ValueError(f"p must be 1, 2 or numpy.inf, got {p!r}")
    return float(p)


def _split_scale(u: np.ndarray) -> tuple[float, np.ndarray]:
    """Write ``u = s * c`` with ``s = max |u_i|`` (so max |c_i| = 1).

    Lengths and angles computed from ``c`` neither overflow for huge nor
    underflow to zero for tiny (but nonzero) vectors.
    """
    s = float(np.max(np.abs(u)))
    return s, (u / s if s > 0 else u)


def _length(c: np.ndarray, G: np.ndarray | None) -> float:
    """sqrt(c^T G c) (G None: the identity), for an already checked c and G."""
    squared = float(c @ c) if G is None else float(c @ G @ c)
    # c^T G c >= 0 for positive-definite G; rounding may still dip below 0.
    return float(np.sqrt(max(squared, 0.0)))


def norm(u: ArrayLike, G: ArrayLike | None = None, p: float = 2) -> float:
    """Length of the vector with coordinates ``u``.

    Parameters
    ----------
    u : array_like, shape (n,)
        Coordinates of the vector.
    G : array_like, shape (n, n), optional
        Gram matrix of the basis ``u`` is written in (symmetric positive
        definite). Default: the identity, an orthonormal basis.
    p : {1, 2, numpy.inf}, default 2
        Which p-norm: ``sum |u_i|``, ``sqrt(sum u_i^2)`` or ``max |u_i|``.
        With ``G`` only ``p=2`` is defined.

    Returns
    -------
    float
        ``sqrt(u^T G u)`` with ``G``, else the p-norm of ``u``.

    Raises
    ------
    ValueError
        If ``u`` is not a finite 1-D vector, ``p`` is not 1, 2 or inf,
        ``p != 2`` with ``G``, or ``G`` is not an n x n symmetric
        positive-definite matrix.

    Examples
    --------
    >>> norm([3, 4]), norm([3, 4], p=1), norm([3, 4], p=np.inf)
    (5.0, 7.0, 4.0)

    The coordinates (1, 1) in the basis b1 = (1, 0), b2 = (1, 1)/sqrt(2) are
    not a vector of length sqrt(2): the Gram matrix of that basis says so.

    >>> G = [[1, 1 / np.sqrt(2)], [1 / np.sqrt(2), 1]]
    >>> print(f"{norm([1, 1]):.6f} {norm([1, 1], G):.6f}")
    1.414214 1.847759
    """
    u = _vector(u, "u")
    p = _norm_order(p)
    if G is not None:
        if p != 2:
            raise ValueError(
                f"p must be 2 when a Gram matrix G is given (G defines a 2-norm), got p={p:g}"
            )
        G = _gram(G, u.size)
    if p == 1:
        return float(np.sum(np.abs(u)))
    if p == np.inf:
        return float(np.max(np.abs(u)))
    s, c = _split_scale(u)
    return s * _length(c, G)


def inner(u: ArrayLike, v: ArrayLike, G: ArrayLike | None = None) -> float:
    """Inner product ``u^T G v`` of two vectors given by their coordinates.

    Parameters
    ----------
    u, v : array_like, shape (n,)
        Coordinates of the two vectors in the same basis.
    G : array_like, shape (n, n), optional
        Gram matrix of that basis (symmetric positive definite).
        Default: the identity, giving the dot product.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        If ``u`` or ``v`` is not a finite 1-D vector, their lengths differ,
        or ``G`` is not an n x n symmetric positive-definite matrix.

    Examples
    --------
    >>> inner([1, 2, 3], [4, 5, 6])
    32.0

    The inner product <u, v> = 2 u1 v1 + u1 v2 + u2 v1 + 3 u2 v2:

    >>> G = [[2, 1], [1, 3]]
    >>> inner([1, 0], [0, 1], G), inner([1, 1], [1, 1], G)
    (1.0, 7.0)
    >>> inner([1, 0], [0, 1], [[1, 2], [2, 1]])
    Traceback (most recent call last):
    ...
    ValueError: G must be symmetric positive definite, but not all its eigenvalues are > 0: -1, 3
    """
    u = _vector(u, "u")
    v = _vector(v, "v", dim=u.size)
    if G is None:
        return float(u @ v)
    return float(u @ _gram(G, u.size) @ v)


def angle(u: ArrayLike, v: ArrayLike, G: ArrayLike | None = None) -> float:
    """Angle between two nonzero vectors, in radians in [0, pi].

    Mathematically ``arccos(<u, v> / (|u| |v|))``; computed as
    ``2 atan2(|x - y|, |x + y|)`` with ``x = u/|u|``, ``y = v/|v|``, which
    is the same angle but stays accurate for nearly parallel or opposite
    vectors, where the arccos of a rounded cosine loses half the digits.

    Parameters
    ----------
    u, v : array_like, shape (n,)
        Coordinates of the two vectors in the same basis; neither zero.
    G : array_like, shape (n, n), optional
        Gram matrix of that basis (symmetric positive definite).

    Returns
    -------
    float
        The angle, in [0, pi].

    Raises
    ------
    ValueError
        If either vector is zero (the angle is undefined), the vectors are
        not finite 1-D vectors of the same length, or ``G`` is invalid.

    Examples
    --------
    >>> print(f"{angle([1, 0], [1, 1]) / np.pi:.6f}")
    0.250000
    >>> angle([1, 0, 0], [-2, 0, 0]) == np.pi
    True

    The basis vectors b1 = (1, 0) and b2 = (1, 1)/sqrt(2) have coordinates
    (1, 0) and (0, 1) in their own basis; they are not perpendicular:

    >>> G = [[1, 1 / np.sqrt(2)], [1 / np.sqrt(2), 1]]
    >>> print(f"{np.degrees(angle([1, 0], [0, 1], G)):.6f}")
    45.000000
    """
    u = _vector(u, "u")
    v = _vector(v, "v", dim=u.size)
    if G is not None:
        G = _gram(G, u.size)
    for name, w in (("u", u), ("v", v)):
        if not np.any(w):
            raise ValueError(
                f"{name} must be a nonzero vector: the angle with a zero vector is undefined"
            )
    # The angle does not depend on the lengths, so scale them away first.
    x = _split_scale(u)[1]
    y = _split_scale(v)[1]
    x = x / _length(x, G)
    y = y / _length(y, G)
    return float(2.0 * np.arctan2(_length(x - y, G), _length(x + y, G)))


def project(u: ArrayLike, v: ArrayLike, G: ArrayLike | None = None) -> np.ndarray:
    """Orthogonal projection of ``u`` onto the line spanned by ``v``.

    ``(<u, v> / <v, v>) v``, so that ``u - project(u, v)`` is orthogonal to
    ``v`` in the inner product given by ``G``.

    Parameters
    ----------
    u : array_like, shape (n,)
        Coordinates of the vector to project.
    v : array_like, shape (n,)
        Coordinates of a nonzero vector along the line.
    G : array_like, shape (n, n), optional
        Gram matrix of the basis (symmetric positive definite).

    Returns
    -------
    numpy.ndarray, shape (n,)
        Coordinates of the projection, in the same basis.

    Raises
    ------
    ValueError
        If ``v`` is zero (it spans no line), the vectors are not finite 1-D
        vectors of the same length, or ``G`` is invalid.

    Examples
    --------
    >>> project([2, 3], [1, 0])
    array([2., 0.])
    >>> project([1, 2, 3], [1, 1, 1])
    array([2., 2., 2.])
    """
    u = _vector(u, "u")
    v = _vector(v, "v", dim=u.size)
    if G is not None:
        G = _gram(G, u.size)
    if not np.any(v):
        raise ValueError("v must be a nonzero vector: a zero vector spans no line to project onto")
    # The line depends only on v's direction: scaling v to max |v_i| = 1
    # keeps <v, v> from underflowing to 0 (or overflowing) for extreme v.
    w = _split_scale(v)[1]
    if G is None:
        return (u @ w) / (w @ w) * w
    return (u @ G @ w) / (w @ G @ w) * w


def cross(u: ArrayLike, v: ArrayLike) -> np.ndarray | float:
    """Cross product: a 3-vector for 3-vectors, a number for 2-vectors.

    For 2-vectors the result is ``u1 v2 - u2 v1``, the z-component of the
    cross product of (u1, u2, 0) and (v1, v2, 0): positive when ``v`` turns
    counter-clockwise from ``u``, the signed area of their parallelogram.

    Parameters
    ----------
    u, v : array_like, both shape (3,) or both shape (2,)

    Returns
    -------
    numpy.ndarray of shape (3,), or float
        ``u x v`` for 3-vectors; its z-component for 2-vectors.

    Raises
    ------
    ValueError
        If ``u`` does not have 2 or 3 components, ``v`` does not have as
        many as ``u``, or either is not a finite 1-D vector.

    Examples
    --------
    >>> cross([1, 0, 0], [0, 1, 0])
    array([0., 0., 1.])
    >>> cross([1, 0], [0, 1]), cross([0, 1], [1, 0])
    (1.0, -1.0)
    """
    u = _vector(u, "u")
    if u.size not in (2, 3):
        raise ValueError(
            "u must have shape (2,) or (3,) (the cross product lives in 2-D and 3-D), "
            f"got shape {u.shape}"
        )
    v = _vector(v, "v")
    if v.shape != u.shape:
        raise ValueError(f"v must have shape {u.shape} like u, got shape {v.shape}")
    # Written out rather than np.cross, which deprecates 2-D input (NumPy 2).
    if u.size == 2:
        return float(u[0] * v[1] - u[1] * v[0])
    return np.array([
        u[1] * v[2] - u[2] * v[1],
        u[2] * v[0] - u[0] * v[2],
        u[0] * v[1] - u[1] * v[0],
    ])


def hat(u: ArrayLike) -> np.ndarray:
    """Cross-product matrix of a 3-vector: ``hat(u) @ v == cross(u, v)``.

    Parameters
    ----------
    u : array_like, shape (3,)

    Returns
    -------
    numpy.ndarray, shape (3, 3)
        The skew-symmetric matrix ``[[0, -u3, u2], [u3, 0, -u1], [-u2, u1, 0]]``.

    Raises
    ------
    ValueError
        If ``u`` is not a finite vector with 3 components.

    Examples
    --------
    >>> hat([1, 2, 3])
    array([[ 0., -3.,  2.],
           [ 3.,  0., -1.],
           [-2.,  1.,  0.]])
    >>> hat([1, 2, 3]) @ np.array([4, 5, 6]), cross([1, 2, 3], [4, 5, 6])
    (array([-3.,  6., -3.]), array([-3.,  6., -3.]))
    """
    u = _vector(u, "u", dim=3)
    return np.array([
        [0.0, -u[2], u[1]],
        [u[2], 0.0, -u[0]],
        [-u[1], u[0], 0.0],
    ])


def vee(M: ArrayLike) -> np.ndarray:
    """The 3-vector of a skew-symmetric matrix: the inverse of `hat`.

    Parameters
    ----------
    M : array_like, shape (3, 3)
        A skew-symmetric matrix, ``M == -M.T`` up to a relative tolerance
        of 1e-9 of its largest entry (room for rounding).

    Returns
    -------
    numpy.ndarray, shape (3,)
        ``(M[2, 1], M[0, 2], M[1, 0])``, so that ``vee(hat(u)) == u``
        exactly.

    Raises
    ------
    ValueError
        If ``M`` is not a finite 3 x 3 matrix or is not skew-symmetric.

    Examples
    --------
    >>> vee([[0, -3, 2], [3, 0, -1], [-2, 1, 0]])
    array([1., 2., 3.])
    >>> vee(np.eye(3))
    Traceback (most recent call last):
    ...
    ValueError: M must be skew-symmetric (M == -M.T), but max |M + M.T| = 2
    """
    M = as_matrix(M, "M", shape=(3, 3))
    scale = float(np.max(np.abs(M)))
    asymmetry = float(np.max(np.abs(M + M.T)))
    if asymmetry > _SYMMETRY_RTOL * scale:
        raise ValueError(
            f"M must be skew-symmetric (M == -M.T), but max |M + M.T| = {asymmetry:.6g}"
        )
    return np.array([M[2, 1], M[0, 2], M[1, 0]])


def triple(u: ArrayLike, v: ArrayLike, w: ArrayLike) -> float:
    """Scalar triple product ``(u x v) . w = det[u v w]`` of three 3-vectors.

    The signed volume of the parallelepiped spanned by ``u, v, w``:
    positive when they form a right-handed system, zero when they lie in a
    plane. Unchanged by cyclic permutations of the three vectors.

    Parameters
    ----------
    u, v, w : array_like, shape (3,)

    Returns
    -------
    float

    Raises
    ------
    ValueError
        If any argument is not a finite vector with 3 components.

    Examples
    --------
    >>> triple([1, 0, 0], [0, 1, 0], [0, 0, 1])
    1.0
    >>> triple([0, 1, 0], [1, 0, 0], [0, 0, 1])
    -1.0
    >>> triple([1, 2, 3], [4, 5, 6], [5, 7, 9])
    0.0
    """
    u = _vector(u, "u", dim=3)
    v = _vector(v, "v", dim=3)
    w = _vector(w, "w", dim=3)
    return float(cross(u, v) @ w)


def rotate(u: ArrayLike, axis: ArrayLike, theta: float) -> np.ndarray:
    """Rotate the 3-vector ``u`` about ``axis`` by the angle ``theta``.

    Rodrigues' formula, with ``k = axis / |axis|``::

        u cos(theta) + (k x u) sin(theta) + k (k . u) (1 - cos(theta))

    The sense is the right-hand rule: with the thumb along ``axis`` the
    fingers curl in the direction of positive ``theta`` (counter-clockwise
    when the axis points at the viewer).

    Parameters
    ----------
    u : array_like, shape (3,)
        The vector to rotate.
    axis : array_like, shape (3,)
        Direction of the rotation axis, any nonzero length.
    theta : float
        Angle in radians.

    Returns
    -------
    numpy.ndarray, shape (3,)

    Raises
    ------
    ValueError
        If ``u`` or ``axis`` is not a finite 3-vector, ``axis`` is zero, or
        ``theta`` is not finite.
    TypeError
        If ``theta`` is not a number.

    Examples
    --------
    A quarter turn about +z takes x to y (``+ 0.0`` turns a rounded -0.0
    into 0.0 for printing):

    >>> np.round(rotate([1, 0, 0], [0, 0, 1], np.pi / 2), 12) + 0.0
    array([0., 1., 0.])
    >>> np.round(rotate([1, 0, 0], [1, 1, 1], 2 * np.pi / 3), 12) + 0.0
    array([0., 1., 0.])
    """
    u = _vector(u, "u", dim=3)
    axis = _vector(axis, "axis", dim=3)
    try:
        theta = float(theta)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"theta must be a number (an angle in radians), got {theta!r}") from exc
    if not np.isfinite(theta):
        raise ValueError(f"theta must be a finite angle in radians, got {theta!r}")
    if not np.any(axis):
        raise ValueError(
            "axis must be a nonzero vector: a zero axis has no direction to rotate about"
        )
    k = _split_scale(axis)[1]
    k = k / _length(k, None)
    c, s = np.cos(theta), np.sin(theta)
    return u * c + cross(k, u) * s + k * ((k @ u) * (1.0 - c))
