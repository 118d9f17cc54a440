"""Softmax, log-sum-exp and cross-entropy: the last layer of a classifier.

A classifier's network ends in a vector of *logits* z, one real score per
class. :func:`softmax` turns it into a probability vector
``p_i = exp(z_i) / sum_j exp(z_j)``; :func:`cross_entropy` scores it against
the true class y as ``-log p_y`` (averaged over a batch) and returns, with
the loss, its gradient with respect to the logits, ``(P - Y) / m`` for m
examples, where Y holds the labels one-hot. :func:`softmax_jacobian` is the
derivative of softmax, ``diag(p) - p p^T``.

.. rubric:: The log-sum-exp shift

Every function here computes through :func:`logsumexp`,
``log sum_j exp(z_j) = c + log sum_j exp(z_j - c)`` with ``c = max_j z_j``.
The identity is exact (the factor ``exp(c)`` comes out of every term of the
sum, and its logarithm is c), so the shift changes nothing mathematically;
softmax itself is unchanged by adding any constant to every logit. It
changes everything numerically: without it, ``exp(1000)`` overflows to
infinity and ``exp(-1000)`` underflows to zero, and the quotient of two
infinities or two zeros is NaN. After the shift every exponent is at most 0,
so no term overflows, and the largest term is ``exp(0) = 1``, so the sum lies
between 1 and n and its logarithm is finite.

Only NumPy is imported.

.. rubric:: Examples

>>> import numpy as np
>>> p = softmax([0.0, np.log(2.0), np.log(3.0)])
>>> np.round(p * 6, 12)
array([1., 2., 3.])
>>> result = cross_entropy([[0.0, np.log(2.0), np.log(3.0)]], [0])
>>> bool(abs(result.loss - np.log(6.0)) < 1e-14)  # -log(1/6)
True
>>> np.round(result.gradient * 6, 12)
array([[-5.,  2.,  3.]])
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = ["PROBABILITY_TOLERANCE", "CrossEntropy", "cross_entropy", "log_softmax", "logsumexp", "one_hot",
           "softmax", "softmax_jacobian"]

#: How far the entries of a probability vector may sum from 1 for
#: :func:`softmax_jacobian`: a few hundred roundings of the sum, far below
#: any probability a page or a test uses.
PROBABILITY_TOLERANCE = 1e-10


def _logits(z: Any, name: str = "z") -> np.ndarray:
    """``z`` as a float array with at least one dimension, finite, or raise naming it."""
    if z is None:
        raise TypeError(f"{name} must be an array of numbers, got None")
    try:
        arr = np.asarray(z, dtype=float)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{name} must be an array of numbers, got {z!r}") from exc
    if arr.ndim == 0:
        raise ValueError(f"{name} must have at least one axis (a vector of logits), got a scalar")
    if arr.size == 0:
        raise ValueError(f"{name} must not be empty, got an array of shape {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite, got non-finite entries in {arr}")
    return arr


def _axis(axis: Any, ndim: int) -> int:
    if isinstance(axis, bool) or not isinstance(axis, numbers.Integral):
        raise TypeError(f"axis must be an integer, got {axis!r}")
    if not -ndim <= axis < ndim:
        raise ValueError(f"axis must be between {-ndim} and {ndim - 1} for an array of {ndim} axes, got {axis}")
    return int(axis) % ndim


def _shifted(z: np.ndarray, axis: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``z - max``, the weights ``exp(z - max)`` and their sums along ``axis`` (kept, length 1)."""
    shifted = z - np.max(z, axis=axis, keepdims=True)  # every entry <= 0, the largest exactly 0
    weights = np.exp(shifted)
    return shifted, weights, np.sum(weights, axis=axis, keepdims=True)


def _shifted_logsumexp(z: np.ndarray, axis: int) -> np.ndarray:
    """log sum exp along ``axis``, kept as an axis of length 1 (for broadcasting)."""
    _, _, totals = _shifted(z, axis)
    return np.max(z, axis=axis, keepdims=True) + np.log(totals)


def logsumexp(z: Any, axis: int = -1) -> Any:
    """``log(sum(exp(z)))`` along ``axis``, without overflow or underflow.

    Computed as ``c + log(sum(exp(z - c)))`` with ``c = max(z)``: the same
    number mathematically, but every exponent is at most 0 and the largest
    term is 1 (see the module notes).

    Parameters
    ----------
    z : array_like
        Finite logits with at least one axis.
    axis : int
        The axis to reduce (the last by default).

    Returns
    -------
    float or numpy.ndarray
        A float for a 1-D ``z``, otherwise an array with ``axis`` removed.

    Raises
    ------
    ValueError
        If ``z`` is a scalar, empty, or has a non-finite entry, or ``axis``
        is out of range.

    Examples
    --------
    >>> round(logsumexp([1000.0, 1000.0]) - 1000.0, 12) == round(float(np.log(2.0)), 12)
    True
    >>> logsumexp([[0.0, 0.0], [1.0, 1.0]], axis=1) - np.log(2.0)
    array([0., 1.])
    >>> logsumexp([1.0, np.inf])
    Traceback (most recent call last):
    ...
    ValueError: z must be finite, got non-finite entries in [ 1. inf]
    """
    arr = _logits(z)
    ax = _axis(axis, arr.ndim)
    result = np.squeeze(_shifted_logsumexp(arr, ax), axis=ax)
    return float(result) if result.ndim == 0 else result


def softmax(z: Any, axis: int = -1) -> np.ndarray:
    """The probabilities ``exp(z_i) / sum_j exp(z_j)`` along ``axis``.

    Each slice along ``axis`` is a probability vector: positive entries that
    sum to 1. Adding the same constant to every logit of a slice does not
    change it; the maximum is subtracted before exponentiating, so logits of
    any size stay finite.

    Parameters
    ----------
    z : array_like
        Finite logits with at least one axis.
    axis : int
        The axis along which the entries sum to 1 (the last by default).

    Returns
    -------
    numpy.ndarray
        Same shape as ``z``.

    Raises
    ------
    ValueError
        If ``z`` is a scalar, empty or not finite, or ``axis`` is out of range.

    Examples
    --------
    >>> softmax([1000.0, 1000.0])
    array([0.5, 0.5])
    >>> softmax([[0.0, 0.0], [0.0, np.log(3.0)]]) * 4
    array([[2., 2.],
           [1., 3.]])
    >>> softmax([1.0, float("nan")])
    Traceback (most recent call last):
    ...
    ValueError: z must be finite, got non-finite entries in [ 1. nan]
    """
    arr = _logits(z)
    ax = _axis(axis, arr.ndim)
    _, weights, totals = _shifted(arr, ax)
    return weights / totals


def log_softmax(z: Any, axis: int = -1) -> np.ndarray:
    """``log(softmax(z))`` computed as ``z - logsumexp(z)``.

    Taking the logarithm of :func:`softmax` would turn a probability that
    underflowed to 0 into ``-inf``; the difference stays finite and exact.

    Parameters
    ----------
    z : array_like
        Finite logits with at least one axis.
    axis : int
        The axis of the classes (the last by default).

    Returns
    -------
    numpy.ndarray
        Same shape as ``z``; every entry is at most 0.

    Raises
    ------
    ValueError
        If ``z`` is a scalar, empty or not finite, or ``axis`` is out of range.

    Examples
    --------
    >>> log_softmax([0.0, 2000.0])  # the probability exp(-2000) underflows; its log does not
    array([-2000.,     0.])
    """
    arr = _logits(z)
    ax = _axis(axis, arr.ndim)
    # (z - max) - log(sum): the shifted logits are exact where they matter, so this is
    # accurate to rounding relative to the result, not to the size of the logits.
    shifted, _, totals = _shifted(arr, ax)
    return shifted - np.log(totals)


def softmax_jacobian(p: Any) -> np.ndarray:
    """The Jacobian ``diag(p) - p p^T`` of softmax, given its output ``p``.

    Entry (i, j) is ``d p_i / d z_j = p_i (delta_ij - p_j)``. The matrix is
    symmetric, its rows and columns sum to 0 (the ones vector spans its null
    space), and its rank is ``n - 1`` when every ``p_i > 0``, as softmax of
    finite logits always gives.

    Parameters
    ----------
    p : array_like
        A probability vector of length n: finite, non-negative entries that
        sum to 1 (within :data:`PROBABILITY_TOLERANCE`), such as
        ``softmax(z)``.

    Returns
    -------
    numpy.ndarray
        The symmetric (n, n) matrix.

    Raises
    ------
    ValueError
        If ``p`` is not a 1-D vector, is not finite, has a negative entry or
        does not sum to 1.

    Examples
    --------
    >>> softmax_jacobian([0.5, 0.5])
    array([[ 0.25, -0.25],
           [-0.25,  0.25]])
    >>> softmax_jacobian([0.5, 0.6])
    Traceback (most recent call last):
    ...
    ValueError: p must sum to 1 (a probability vector such as softmax(z)), got a sum of 1.1
    """
    probs = _logits(p, "p")
    if probs.ndim != 1:
        raise ValueError(f"p must be a 1-D probability vector, got an array of shape {probs.shape}")
    if np.any(probs < 0):
        raise ValueError(f"p must have non-negative entries, got {probs}")
    total = float(np.sum(probs))
    if abs(total - 1.0) > PROBABILITY_TOLERANCE:
        raise ValueError(f"p must sum to 1 (a probability vector such as softmax(z)), got a sum of {total:.12g}")
    return np.diag(probs) - np.outer(probs, probs)


def _labels(labels: Any, m: int, n: int) -> np.ndarray:
    """``labels`` as an integer array of shape (m,) with entries in [0, n), or raise."""
    arr = np.asarray(labels)
    if arr.dtype == bool or not np.issubdtype(arr.dtype, np.integer):
        raise ValueError(f"labels must be integers (class indices 0 to {n - 1}), got {labels!r}")
    if arr.shape != (m,):
        raise ValueError(f"labels must have shape ({m},), one per row of logits, got shape {arr.shape}")
    if np.any(arr < 0) or np.any(arr >= n):
        raise ValueError(f"labels must lie in 0 to {n - 1} (one per class), got {arr}")
    return arr.astype(np.intp)


def one_hot(labels: Any, n_classes: int) -> np.ndarray:
    """The (m, n_classes) matrix with a 1 in column ``labels[i]`` of row i.

    Parameters
    ----------
    labels : array_like of int
        Class indices, shape (m,), each in ``[0, n_classes)``.
    n_classes : int
        The number of classes.

    Returns
    -------
    numpy.ndarray
        Float array of shape (m, n_classes).

    Raises
    ------
    ValueError
        If the labels are not integers or are out of range, or
        ``n_classes`` is not a positive integer.

    Examples
    --------
    >>> one_hot([2, 0], 3)
    array([[0., 0., 1.],
           [1., 0., 0.]])
    """
    if isinstance(n_classes, bool) or not isinstance(n_classes, numbers.Integral) or n_classes < 1:
        raise ValueError(f"n_classes must be a positive integer, got {n_classes!r}")
    arr = np.asarray(labels)
    if arr.ndim != 1:
        raise ValueError(f"labels must be a 1-D array of class indices, got shape {arr.shape}")
    idx = _labels(arr, arr.shape[0], int(n_classes))
    out = np.zeros((idx.shape[0], int(n_classes)))
    out[np.arange(idx.shape[0]), idx] = 1.0
    return out


@dataclass(frozen=True)
class CrossEntropy:
    """The mean cross-entropy of a batch, with what its gradient is made of.

    Attributes
    ----------
    loss : float
        ``mean_i -log P[i, labels[i]]``.
    losses : numpy.ndarray
        The per-example losses, shape (m,).
    probabilities : numpy.ndarray
        ``P = softmax(logits)``, shape (m, n).
    gradient : numpy.ndarray
        ``(P - Y) / m``, the gradient of ``loss`` with respect to the
        logits, shape (m, n).
    """

    loss: float
    losses: np.ndarray
    probabilities: np.ndarray
    gradient: np.ndarray


def cross_entropy(logits: Any, labels: Any) -> CrossEntropy:
    """Mean cross-entropy of softmax(logits) against integer labels, and its gradient.

    For a batch of m examples with logits ``Z`` (m, n) and labels
    ``y_i in {0, ..., n - 1}``, the loss is ``L = (1/m) sum_i -log p_{i, y_i}``
    with ``-log p_{i, y} = logsumexp(Z[i]) - Z[i, y]`` (exact and overflow-free),
    and its gradient with respect to ``Z`` is ``(P - Y) / m``, where
    ``P = softmax(Z)`` row by row and ``Y`` is :func:`one_hot` of the labels.

    Parameters
    ----------
    logits : array_like
        Finite logits, shape (m, n) with n >= 1.
    labels : array_like of int
        Class indices, shape (m,), each in ``[0, n)``. NumPy or Python
        integers; floats (even 1.0) and booleans are refused.

    Returns
    -------
    CrossEntropy
        ``.loss`` (float), ``.losses`` (m,), ``.probabilities`` (m, n) and
        ``.gradient`` (m, n).

    Raises
    ------
    ValueError
        If ``logits`` is not a finite (m, n) matrix, the labels are not
        integers, do not have shape (m,), or lie outside ``[0, n)``.

    Examples
    --------
    >>> result = cross_entropy([[2.0, 0.0], [0.0, 0.0]], [0, 1])
    >>> result.losses.round(6)
    array([0.126928, 0.693147])
    >>> result.gradient.round(6)  # rows of (P - Y) / 2
    array([[-0.059601,  0.059601],
           [ 0.25    , -0.25    ]])
    >>> cross_entropy([[2.0, 0.0]], [2])
    Traceback (most recent call last):
    ...
    ValueError: labels must lie in 0 to 1 (one per class), got [2]
    """
    Z = _logits(logits, "logits")
    if Z.ndim != 2:
        raise ValueError(f"logits must be a 2-D matrix (one row per example), got shape {Z.shape}")
    m, n = Z.shape
    y = _labels(labels, m, n)
    shifted, weights, totals = _shifted(Z, 1)
    rows = np.arange(m)
    losses = np.log(totals[:, 0]) - shifted[rows, y]
    # P by normalising the weights, as softmax does, not as exp(log p): then the entry
    # p_y - 1 of the gradient is accurate to rounding even when p_y is close to 1.
    P = weights / totals
    gradient = P.copy()
    gradient[rows, y] -= 1.0
    gradient /= m
    return CrossEntropy(loss=float(np.mean(losses)), losses=losses, probabilities=P, gradient=gradient)
