"""Vibration modes of a surface: the eigenpairs of the Laplace-Beltrami operator on a mesh.

* :func:`laplacian_modes` solves the generalised eigenproblem ``-L v = lambda
  M v`` of a triangle mesh (``L`` the cotangent Laplacian, ``M`` the lumped
  mass matrix of :mod:`companion.discrete`) for its ``k`` smallest
  eigenvalues, with the eigenvectors normalised in the ``M`` inner product;
* :func:`canonical_modes` picks, inside each eigenspace, a basis that does
  not depend on the solver's arbitrary choice (signs, rotations within a
  repeated eigenvalue), so that pictures of the modes are reproducible;
* :func:`eigenvalue_clusters` groups sorted eigenvalues that lie close
  together, to read off multiplicities (1, 3, 5, 7, ... on a sphere).

Sign convention: ``L`` is negative semidefinite (libigl's), so ``-L`` is
positive semidefinite and the eigenvalues ``lambda`` are ``>= 0``: they
approximate those of ``-Delta``, the constant function having ``lambda = 0``
on a closed surface.

SciPy is imported inside the functions, so ``import companion`` does not pay
for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from companion._checks import as_vector, check_count

__all__ = ["EigenvalueClusters", "LaplacianModes", "canonical_modes", "eigenvalue_clusters",
           "laplacian_modes"]


@dataclass(frozen=True)
class LaplacianModes:
    """The lowest vibration modes of a mesh (from :func:`laplacian_modes`).

    Attributes
    ----------
    values : numpy.ndarray
        Shape ``(k,)``, ascending: the eigenvalues ``lambda`` of ``-L v =
        lambda M v``, approximating those of ``-Delta``.
    vectors : numpy.ndarray
        Shape ``(V, k)``: column ``j`` is the mode of ``values[j]``, sampled
        at the vertices, normalised so that ``vectors.T @ M @ vectors`` is
        the identity (``M``-orthonormal).
    mass : numpy.ndarray
        Shape ``(V,)``: the diagonal of ``M``, so that the ``M`` inner
        product of ``f`` and ``g`` is ``np.sum(mass * f * g)``.
    """

    values: np.ndarray
    vectors: np.ndarray
    mass: np.ndarray


@dataclass(frozen=True)
class EigenvalueClusters:
    """Groups of nearly equal eigenvalues (from :func:`eigenvalue_clusters`).

    Attributes
    ----------
    starts : numpy.ndarray
        Shape ``(c,)``: the index of each cluster's first eigenvalue.
    sizes : numpy.ndarray
        Shape ``(c,)``: how many eigenvalues each cluster holds (the
        multiplicity the numbers suggest).
    means : numpy.ndarray
        Shape ``(c,)``: each cluster's mean eigenvalue.
    spreads : numpy.ndarray
        Shape ``(c,)``: each cluster's largest minus smallest eigenvalue.
    """

    starts: np.ndarray
    sizes: np.ndarray
    means: np.ndarray
    spreads: np.ndarray


def laplacian_modes(vertices: Any, faces: Any, k: int, mass: str = "barycentric",
                    shift: float = -0.01) -> LaplacianModes:
    """The ``k`` lowest eigenpairs of ``-L v = lambda M v`` on a triangle mesh.

    ``L`` is :func:`~companion.discrete.cotan_laplacian` and ``M``
    :func:`~companion.discrete.mass_matrix` of the given ``kind``. The
    eigenvalues nearest ``shift`` are found by SciPy's ``eigsh`` in
    shift-invert mode (``sigma=shift``, ``which="LM"``): a small negative
    shift lies below the smallest eigenvalue, 0, so that ``-L - shift M`` is
    positive definite and the ``k`` nearest are the ``k`` lowest. The
    Lanczos iteration behind ``eigsh`` can return a repeated eigenvalue one
    time too few and take the next one instead, at the end of the range: ask
    for a few more modes than you use (on the icosphere, 30 for the 25 of
    ``l <= 4``).

    Parameters
    ----------
    vertices, faces : array_like
        A triangle mesh, as :func:`~companion.discrete.cotan_laplacian`
        takes it.
    k : int
        How many modes, from 1 to ``V - 2`` (``eigsh`` needs ``k < V - 1``).
    mass : {"barycentric", "voronoi"}, optional
        Which lumped mass matrix.
    shift : float, optional
        The shift ``sigma``, negative and finite.

    Returns
    -------
    LaplacianModes
        ``values`` ascending, ``vectors`` ``M``-orthonormal, and ``mass``.

    Raises
    ------
    ValueError
        If ``k`` is not an integer from 1 to ``V - 2``, ``shift`` is not a
        negative finite number, ``mass`` is not one of the two kinds, or the
        mesh is bad (as :func:`~companion.discrete.cotan_laplacian` says).

    Examples
    --------
    On the unit icosphere the lowest eigenvalue is 0 (the constants) and the
    next three are close to 2, the eigenvalue ``l (l + 1)`` of the
    coordinate functions ``x, y, z`` (``l = 1``):

    >>> from companion.discrete import sphere_mesh
    >>> modes = laplacian_modes(*sphere_mesh(2), k=6)   # 6: a margin at the end
    >>> modes.values[:4].round(3)
    array([0., 2., 2., 2.])
    >>> gram = modes.vectors.T @ (modes.mass[:, None] * modes.vectors)
    >>> bool(np.allclose(gram, np.eye(6), atol=1e-10))
    True
    """
    from scipy.sparse.linalg import eigsh

    from companion.discrete import cotan_laplacian, mass_matrix

    if mass not in ("barycentric", "voronoi"):
        raise ValueError(f"mass must be 'barycentric' or 'voronoi', got {mass!r}")
    if isinstance(shift, bool) or not isinstance(shift, (int, float, np.floating, np.integer)) \
            or not np.isfinite(shift) or shift >= 0:
        raise ValueError(f"shift must be a negative finite number, got {shift!r}")
    L = cotan_laplacian(vertices, faces)
    n = L.shape[0]
    k = check_count(k, "k", low=1, high=n - 2)
    M = mass_matrix(vertices, faces, kind=mass)
    # A seeded start vector: the same run gives the same vectors (ARPACK's own is random).
    start = np.random.default_rng(0).standard_normal(n)
    values, vectors = eigsh(-L, k=k, M=M, sigma=float(shift), which="LM", v0=start)
    order = np.argsort(values)
    return LaplacianModes(values=values[order], vectors=vectors[:, order], mass=M.diagonal())


def eigenvalue_clusters(values: Any, rtol: float = 0.05, atol: float = 1e-8) -> EigenvalueClusters:
    """Group ascending eigenvalues into clusters of nearly equal ones.

    A new cluster starts at ``values[i]`` when ``values[i] - values[i - 1] >
    rtol * |values[i]| + atol``: the gap to the previous value is large
    against the value itself. Read the sizes as multiplicities only when the
    gaps inside the clusters are far smaller than those between them (compare
    ``spreads`` with ``np.diff(means)``).

    Parameters
    ----------
    values : array_like
        Shape ``(k,)``, finite and ascending (as
        :func:`laplacian_modes` returns them).
    rtol, atol : float, optional
        The relative and absolute gap that separates two clusters, both
        ``>= 0`` and not both 0.

    Returns
    -------
    EigenvalueClusters

    Raises
    ------
    ValueError
        If ``values`` is empty, not finite or not ascending, or the
        tolerances are negative, not finite or both 0.

    Examples
    --------
    >>> c = eigenvalue_clusters([0.0, 1.99, 2.0, 2.01, 5.9, 6.0])
    >>> c.sizes.tolist(), c.means.round(3).tolist()
    ([1, 3, 2], [0.0, 2.0, 5.95])
    >>> eigenvalue_clusters([2.0, 1.0])
    Traceback (most recent call last):
    ...
    ValueError: values must be ascending (sorted), got values[1] = 1.0 < values[0] = 2.0
    """
    values = as_vector(values, "values")
    if values.size == 0:
        raise ValueError("values must hold at least one eigenvalue")
    for name, tol in (("rtol", rtol), ("atol", atol)):
        if not np.isfinite(tol) or tol < 0:
            raise ValueError(f"{name} must be a finite number >= 0, got {tol!r}")
    if rtol == 0 and atol == 0:
        raise ValueError("rtol and atol must not both be 0 (every value would be its own cluster)")
    gaps = np.diff(values)
    if np.any(gaps < 0):
        i = int(np.flatnonzero(gaps < 0)[0]) + 1
        raise ValueError(f"values must be ascending (sorted), got values[{i}] = {float(values[i])!r} "
                         f"< values[{i - 1}] = {float(values[i - 1])!r}")
    new = gaps > rtol * np.abs(values[1:]) + atol
    starts = np.concatenate([[0], np.flatnonzero(new) + 1])
    stops = np.append(starts[1:], values.size)
    return EigenvalueClusters(
        starts=starts,
        sizes=stops - starts,
        means=np.array([values[a:b].mean() for a, b in zip(starts, stops)]),
        spreads=np.array([values[b - 1] - values[a] for a, b in zip(starts, stops)]),
    )


def canonical_modes(modes: LaplacianModes, rtol: float = 1e-6, atol: float = 1e-8,
                    seed: int = 0) -> LaplacianModes:
    """The same eigenspaces with a basis that does not depend on the solver.

    An eigensolver returns each eigenvector only up to its sign, and for a
    repeated eigenvalue any ``M``-orthonormal basis of the eigenspace; which
    one depends on rounding (the processor, the BLAS). This function groups
    the eigenvalues with :func:`eigenvalue_clusters` (``rtol``, ``atol``),
    projects fixed probe functions (seeded normal samples, one per
    dimension of the space) onto each eigenspace in the ``M`` inner product,
    and orthonormalises the projections in order (Gram-Schmidt, each probe
    having a positive inner product with its basis vector). The result
    depends only on the eigenspaces and the probes.

    Parameters
    ----------
    modes : LaplacianModes
        As :func:`laplacian_modes` returns them.
    rtol, atol : float, optional
        Which eigenvalues count as equal (see :func:`eigenvalue_clusters`).
    seed : int, optional
        The seed of the probe functions.

    Returns
    -------
    LaplacianModes
        The same ``values`` and ``mass``; new ``vectors``, ``M``-orthonormal,
        spanning the same eigenspaces.

    Raises
    ------
    TypeError
        If ``modes`` is not a :class:`LaplacianModes`.
    ValueError
        As :func:`eigenvalue_clusters`, for bad tolerances.

    Examples
    --------
    Flipping the signs of the vectors does not change the canonical ones:

    >>> from companion.discrete import sphere_mesh
    >>> modes = laplacian_modes(*sphere_mesh(2), k=6)
    >>> flipped = LaplacianModes(modes.values, -modes.vectors, modes.mass)
    >>> a, b = canonical_modes(modes).vectors, canonical_modes(flipped).vectors
    >>> bool(np.allclose(a, b, atol=1e-9))
    True
    """
    if not isinstance(modes, LaplacianModes):
        raise TypeError(f"modes must be a LaplacianModes, got {type(modes).__name__}")
    clusters = eigenvalue_clusters(modes.values, rtol=rtol, atol=atol)
    m, U = modes.mass, modes.vectors
    probes = np.random.default_rng(seed).standard_normal((U.shape[0], int(clusters.sizes.max())))
    columns = []
    for start, size in zip(clusters.starts, clusters.sizes):
        block = U[:, start:start + size]
        coefficients = block.T @ (m[:, None] * probes[:, :size])   # (size, size)
        q, r = np.linalg.qr(coefficients)
        q *= np.where(np.diag(r) < 0, -1.0, 1.0)                    # positive diagonal of r
        columns.append(block @ q)
    return LaplacianModes(values=modes.values, vectors=np.hstack(columns), mass=m)
