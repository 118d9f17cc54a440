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

The second half of the module is a small dense network for the pages on
layers: :func:`init_network` makes the weights, :func:`forward` runs a
batch through them keeping what the backward pass needs, and
:func:`backward` returns the gradient of the mean cross-entropy with
respect to every weight and bias, vectorised over the batch.

Then :func:`train` repeats forward and backward passes as gradient descent,
on the whole training set or on the seeded minibatches of
:func:`minibatches` (stochastic gradient descent), and returns a
:class:`TrainingRun`; a run whose loss stops being finite or grows past
:data:`DIVERGENCE_FACTOR` times its first loss is stopped and reported as
diverged, with the step. :func:`predict_proba` and :func:`accuracy` use a
trained network.

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

__all__ = ["ACTIVATIONS", "DIVERGENCE_FACTOR", "HVP_STEP", "PROBABILITY_TOLERANCE", "CrossEntropy", "EigenEstimate", "ForwardPass",
           "Gradients", "Network", "hessian_vector_product", "top_eigenvalue",
           "backward", "cross_entropy", "forward", "init_network", "log_softmax", "logsumexp", "make_moons", "one_hot",
           "softmax", "softmax_jacobian", "TrainingRun", "accuracy", "minibatches", "predict_proba", "train"]

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
    # (the array methods, not np.max and np.sum: the same reductions without their dispatch,
    # which is most of the cost on a training step's small arrays)
    shifted = z - z.max(axis=axis, keepdims=True)  # every entry <= 0, the largest exactly 0
    weights = np.exp(shifted)
    return shifted, weights, weights.sum(axis=axis, keepdims=True)


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
    return _cross_entropy(Z, _labels(labels, m, n))


def _cross_entropy(Z: np.ndarray, y: np.ndarray) -> CrossEntropy:
    """:func:`cross_entropy` of a finite float (m, n) matrix and checked labels, without the checks."""
    m = Z.shape[0]
    shifted, weights, totals = _shifted(Z, 1)
    rows = np.arange(m)
    losses = np.log(totals[:, 0]) - shifted[rows, y]
    # P by normalising the weights, as softmax does, not as exp(log p): then the entry
    # p_y - 1 of the gradient is accurate to rounding even when p_y is close to 1.
    P = weights / totals
    gradient = P.copy()
    gradient[rows, y] -= 1.0
    gradient /= m
    return CrossEntropy(loss=float(losses.mean()), losses=losses, probabilities=P, gradient=gradient)


# --- a dense network, vectorised over a batch ------------------------------------

#: The hidden-layer activations :class:`Network` accepts.
ACTIVATIONS = ("tanh", "relu")


def _parameter(value: Any, name: str, ndim: int) -> np.ndarray:
    """``value`` as a finite float array with ``ndim`` axes, or raise naming it."""
    try:
        arr = np.array(value, dtype=float)  # a copy: the frozen network owns its arrays
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{name} must be an array of numbers, got {value!r}") from exc
    if arr.ndim != ndim:
        raise ValueError(f"{name} must have {ndim} axes, got shape {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite, got non-finite entries (a diverged training run?)")
    arr.setflags(write=False)
    return arr


def _owned(part: np.ndarray) -> np.ndarray:
    """A read-only copy of an already checked parameter array (what :func:`_parameter` returns)."""
    arr = np.array(part, dtype=float)
    arr.setflags(write=False)
    return arr


@dataclass(frozen=True)
class Network:
    """The weights and biases of a dense network, checked when it is made.

    Layer k (k = 1, ..., L) maps a batch ``A`` with one example per row,
    shape (m, n_{k-1}), to ``A @ W_k.T + b_k``, shape (m, n_k): the weight
    ``W_k`` has shape (n_k, n_{k-1}), one row per output unit, as in
    ``y = W x + b`` for a single column ``x``. Every layer but the last is
    followed by the activation; the last layer's outputs are the logits.

    Attributes
    ----------
    weights : tuple of numpy.ndarray
        ``W_1, ..., W_L``, read-only, ``W_k`` of shape (n_k, n_{k-1}).
    biases : tuple of numpy.ndarray
        ``b_1, ..., b_L``, read-only, ``b_k`` of shape (n_k,).
    activation : str
        ``"tanh"`` or ``"relu"``, applied after every hidden layer.

    Raises
    ------
    ValueError
        If there are no layers, the numbers of weights and biases differ,
        consecutive layers do not fit (columns of ``W_k`` against rows of
        ``W_{k-1}``, or ``b_k`` against ``W_k``), an entry is not finite, or
        the activation is unknown.

    Examples
    --------
    >>> net = Network(weights=[[[1.0, 2.0]]], biases=[[0.5]])
    >>> net.sizes
    (2, 1)
    >>> Network(weights=[np.ones((3, 2)), np.ones((1, 4))], biases=[np.zeros(3), np.zeros(1)])
    Traceback (most recent call last):
    ...
    ValueError: weights[1] must have 3 columns, one per output of layer 0, got shape (1, 4)
    """

    weights: tuple[np.ndarray, ...]
    biases: tuple[np.ndarray, ...]
    activation: str = "tanh"

    def __post_init__(self) -> None:
        weights = tuple(_parameter(W, f"weights[{k}]", 2) for k, W in enumerate(self.weights))
        biases = tuple(_parameter(b, f"biases[{k}]", 1) for k, b in enumerate(self.biases))
        if not weights:
            raise ValueError("weights must hold at least one layer, got none")
        if len(biases) != len(weights):
            raise ValueError(f"biases must have one entry per layer ({len(weights)}), got {len(biases)}")
        for k, (W, b) in enumerate(zip(weights, biases)):
            if k > 0 and W.shape[1] != weights[k - 1].shape[0]:
                raise ValueError(f"weights[{k}] must have {weights[k - 1].shape[0]} columns, one per output of "
                                 f"layer {k - 1}, got shape {W.shape}")
            if b.shape != (W.shape[0],):
                raise ValueError(f"biases[{k}] must have shape ({W.shape[0]},), one per row of weights[{k}], "
                                 f"got shape {b.shape}")
        if self.activation not in ACTIVATIONS:
            raise ValueError(f"activation must be one of {ACTIVATIONS}, got {self.activation!r}")
        object.__setattr__(self, "weights", weights)
        object.__setattr__(self, "biases", biases)

    @property
    def sizes(self) -> tuple[int, ...]:
        """The widths ``(n_0, n_1, ..., n_L)``, input first."""
        return (self.weights[0].shape[1],) + tuple(W.shape[0] for W in self.weights)

    def vector(self) -> np.ndarray:
        """All parameters in one vector: ``W_1`` row by row, ``b_1``, ``W_2``, ``b_2``, ...

        Examples
        --------
        >>> Network(weights=[[[1.0, 2.0]]], biases=[[0.5]]).vector()
        array([1. , 2. , 0.5])
        """
        return np.concatenate([part for W, b in zip(self.weights, self.biases) for part in (W.ravel(), b)])

    def from_vector(self, theta: Any) -> Network:
        """A network of the same sizes and activation with the parameters ``theta``.

        The inverse of :meth:`vector`; ``theta`` must have ``len(self.vector())`` entries.

        Examples
        --------
        >>> net = Network(weights=[[[1.0, 2.0]]], biases=[[0.5]])
        >>> net.from_vector([3.0, 4.0, 5.0]).weights[0]
        array([[3., 4.]])
        """
        flat = _parameter(theta, "theta", 1)
        total = sum(W.size + b.size for W, b in zip(self.weights, self.biases))
        if flat.size != total:
            raise ValueError(f"theta must have {total} entries, one per parameter, got {flat.size}")
        return self._unchecked_from_vector(flat)

    def _unchecked_from_vector(self, flat: np.ndarray) -> Network:
        """:meth:`from_vector` of a finite float vector of the right length, without the checks.

        The training loop calls this every step with a vector it has just
        checked; skipping the second check of every entry halves a step's cost.
        """
        weights, biases, start = [], [], 0
        for W, b in zip(self.weights, self.biases):
            # each part its own array, as Network() makes them, so that every product downstream is
            # computed from the same memory layout as in a checked network (the same bits)
            weights.append(_owned(flat[start:start + W.size].reshape(W.shape)))
            start += W.size
            biases.append(_owned(flat[start:start + b.size]))
            start += b.size
        network = object.__new__(Network)
        object.__setattr__(network, "weights", tuple(weights))
        object.__setattr__(network, "biases", tuple(biases))
        object.__setattr__(network, "activation", self.activation)
        return network


def init_network(sizes: Any, rng: np.random.Generator, activation: str = "tanh") -> Network:
    """Random weights for a dense network of the given widths, zero biases.

    ``W_k`` has independent normal entries with standard deviation
    ``1 / sqrt(n_{k-1})``, so that each unit's pre-activation has a spread of
    about 1 when the inputs do (neither saturating tanh nor vanishing).

    Parameters
    ----------
    sizes : sequence of int
        ``(n_0, n_1, ..., n_L)``: input width, hidden widths, number of
        classes; at least two entries, each positive.
    rng : numpy.random.Generator
        The seeded source of randomness, e.g. ``np.random.default_rng(0)``.
    activation : {"tanh", "relu"}
        The hidden-layer activation.

    Returns
    -------
    Network

    Raises
    ------
    ValueError
        If ``sizes`` has fewer than two entries or one is not a positive integer.
    TypeError
        If ``rng`` is not a ``numpy.random.Generator``.

    Examples
    --------
    >>> net = init_network([2, 5, 4, 3], np.random.default_rng(0))
    >>> net.sizes, [W.shape for W in net.weights]
    ((2, 5, 4, 3), [(5, 2), (4, 5), (3, 4)])
    >>> init_network([2], np.random.default_rng(0))
    Traceback (most recent call last):
    ...
    ValueError: sizes must hold at least two widths (input and output), got [2]
    """
    widths = list(sizes)
    if len(widths) < 2:
        raise ValueError(f"sizes must hold at least two widths (input and output), got {widths}")
    for w in widths:
        if isinstance(w, bool) or not isinstance(w, numbers.Integral) or w < 1:
            raise ValueError(f"sizes must be positive integers, got {widths}")
    if not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be a numpy.random.Generator (np.random.default_rng(seed)), got {rng!r}")
    weights = tuple(rng.normal(scale=1.0 / np.sqrt(n_in), size=(n_out, n_in))
                    for n_in, n_out in zip(widths[:-1], widths[1:]))
    biases = tuple(np.zeros(n_out) for n_out in widths[1:])
    return Network(weights=weights, biases=biases, activation=activation)


def _activate(Z: np.ndarray, activation: str) -> np.ndarray:
    return np.tanh(Z) if activation == "tanh" else np.maximum(Z, 0.0)


def _activation_slope(Z: np.ndarray, A: np.ndarray, activation: str) -> np.ndarray:
    """The diagonal of the activation's Jacobian, entry by entry: tanh' = 1 - tanh^2, relu' = [z > 0]."""
    return 1.0 - A**2 if activation == "tanh" else (Z > 0).astype(float)


@dataclass(frozen=True)
class ForwardPass:
    """What one forward pass computed, kept for the backward pass.

    Attributes
    ----------
    network : Network
        The parameters used.
    activations : tuple of numpy.ndarray
        ``A_0 = X, A_1, ..., A_{L-1}``: the input and every hidden layer's
        output, each (m, n_k).
    pre_activations : tuple of numpy.ndarray
        ``Z_1, ..., Z_L`` with ``Z_k = A_{k-1} W_k^T + b_k``; ``Z_L`` are the logits.
    loss : CrossEntropy
        The mean cross-entropy of the logits against the labels, with its
        gradient ``(P - Y) / m`` with respect to the logits.
    """

    network: Network
    activations: tuple[np.ndarray, ...]
    pre_activations: tuple[np.ndarray, ...]
    loss: CrossEntropy


def forward(network: Network, X: Any, labels: Any) -> ForwardPass:
    """Run a batch through the network and score it with the mean cross-entropy.

    Parameters
    ----------
    network : Network
        The parameters.
    X : array_like
        Finite inputs, shape (m, n_0), one example per row.
    labels : array_like of int
        Class indices, shape (m,), each in ``[0, n_L)``.

    Returns
    -------
    ForwardPass
        The loss and every intermediate value :func:`backward` needs.

    Raises
    ------
    TypeError
        If ``network`` is not a :class:`Network`.
    ValueError
        If ``X`` is not a finite (m, n_0) matrix, or the labels are not
        integers of shape (m,) in range.

    Examples
    --------
    >>> net = Network(weights=[np.zeros((3, 2))], biases=[np.zeros(3)])
    >>> round(forward(net, [[1.0, 2.0]], [0]).loss.loss, 12) == round(float(np.log(3.0)), 12)
    True
    >>> forward(net, [[1.0, 2.0, 3.0]], [0])
    Traceback (most recent call last):
    ...
    ValueError: X must have 2 columns, one per input of the network, got shape (1, 3)
    """
    A = _inputs(network, X)
    return _forward(network, A, _labels(labels, A.shape[0], network.sizes[-1]))


def _inputs(network: Network, X: Any) -> np.ndarray:
    """``X`` as a finite float (m, n_0) matrix for ``network``, or raise naming what is wrong."""
    if not isinstance(network, Network):
        raise TypeError(f"network must be a Network (see init_network), got {type(network).__name__}")
    A = _logits(X, "X")
    if A.ndim != 2:
        raise ValueError(f"X must be a 2-D matrix (one row per example), got shape {A.shape}")
    if A.shape[1] != network.sizes[0]:
        raise ValueError(f"X must have {network.sizes[0]} columns, one per input of the network, got shape {A.shape}")
    return A


def _forward(network: Network, A: np.ndarray, y: np.ndarray) -> ForwardPass:
    """:func:`forward` of a checked finite (m, n_0) float matrix and checked labels.

    Only the logits are checked (finite parameters can still overflow them);
    the training loop calls this on data it checked once, once a step (twice with minibatches).
    """
    activations, pre_activations = [A], []
    last = len(network.weights) - 1
    for k, (W, b) in enumerate(zip(network.weights, network.biases)):
        Z = A @ W.T + b
        pre_activations.append(Z)
        if k < last:
            A = _activate(Z, network.activation)
            activations.append(A)
    logits = pre_activations[-1]
    if not np.isfinite(logits).all():
        raise ValueError(f"logits must be finite, got non-finite entries in {logits}")
    return ForwardPass(network=network, activations=tuple(activations),
                       pre_activations=tuple(pre_activations), loss=_cross_entropy(logits, y))


@dataclass(frozen=True)
class Gradients:
    """The gradient of the loss with respect to every weight and bias.

    Attributes
    ----------
    weights : tuple of numpy.ndarray
        ``dL/dW_k``, each the shape of ``W_k``.
    biases : tuple of numpy.ndarray
        ``dL/db_k``, each the shape of ``b_k``.
    """

    weights: tuple[np.ndarray, ...]
    biases: tuple[np.ndarray, ...]

    def vector(self) -> np.ndarray:
        """All entries in the order of :meth:`Network.vector`."""
        return np.concatenate([part for W, b in zip(self.weights, self.biases) for part in (W.ravel(), b)])


def backward(cache: ForwardPass) -> Gradients:
    """Backpropagation: the gradients of the mean cross-entropy, from a forward pass.

    A chain of vector-Jacobian products over the whole batch. Start from
    ``G = dL/dZ_L = (P - Y) / m``; for each layer k = L, ..., 1 read off
    ``dL/dW_k = G^T A_{k-1}`` (the outer products ``g_s a_s^T`` summed over
    the examples) and ``dL/db_k = G^T 1`` (the column sums of G), then pass G
    back through the layer, ``G -> (G @ W_k) * act'(Z_{k-1})`` (the product entry by
    entry: the activation's Jacobian is diagonal).

    Parameters
    ----------
    cache : ForwardPass
        The result of :func:`forward`.

    Returns
    -------
    Gradients
        Shaped like the network's weights and biases.

    Raises
    ------
    TypeError
        If ``cache`` is not a :class:`ForwardPass`.

    Examples
    --------
    >>> net = Network(weights=[[[1.0, 0.0], [0.0, 1.0]]], biases=[[0.0, 0.0]])
    >>> grads = backward(forward(net, [[0.0, 0.0]], [0]))  # P = (1/2, 1/2), Y = (1, 0)
    >>> grads.biases[0], grads.weights[0]
    (array([-0.5,  0.5]), array([[0., 0.],
           [0., 0.]]))
    """
    if not isinstance(cache, ForwardPass):
        raise TypeError(f"cache must be the ForwardPass that forward returned, got {type(cache).__name__}")
    net = cache.network
    G = cache.loss.gradient
    grad_W: list[np.ndarray] = []
    grad_b: list[np.ndarray] = []
    for k in range(len(net.weights) - 1, -1, -1):
        grad_W.append(G.T @ cache.activations[k])
        grad_b.append(G.sum(axis=0))
        if k > 0:  # the gradient with respect to the input X itself is not needed
            slope = _activation_slope(cache.pre_activations[k - 1], cache.activations[k], net.activation)
            G = (G @ net.weights[k]) * slope
    return Gradients(weights=tuple(reversed(grad_W)), biases=tuple(reversed(grad_b)))


def make_moons(m: int, rng: np.random.Generator, noise: float = 0.1) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaved half circles in the plane, a two-class data set no line separates.

    Class 0 lies near the upper half of the unit circle, ``(cos t, sin t)``;
    class 1 near the lower half circle ``(1 - cos t, 1/2 - sin t)``, shifted so
    that each half reaches into the other's hollow; t is uniform on ``[0, pi]``,
    and normal noise of standard deviation ``noise`` is added to both
    coordinates. The labels alternate, 0, 1, 0, 1, ...

    Parameters
    ----------
    m : int
        The number of points, at least 2.
    rng : numpy.random.Generator
        The seeded source of randomness.
    noise : float
        The standard deviation of the added noise, finite and >= 0.

    Returns
    -------
    X : numpy.ndarray
        Shape (m, 2), one point per row.
    labels : numpy.ndarray
        Shape (m,), integers 0 and 1.

    Raises
    ------
    ValueError
        If ``m`` is not an integer >= 2 or ``noise`` is negative or not finite.
    TypeError
        If ``rng`` is not a ``numpy.random.Generator``.

    Examples
    --------
    >>> X, labels = make_moons(4, np.random.default_rng(0), noise=0.0)
    >>> X.shape, labels
    ((4, 2), array([0, 1, 0, 1]))
    >>> bool(np.allclose(np.hypot(X[0, 0], X[0, 1]), 1.0))  # class 0 on the unit circle
    True
    """
    if isinstance(m, bool) or not isinstance(m, numbers.Integral) or m < 2:
        raise ValueError(f"m must be an integer >= 2, got {m!r}")
    if not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be a numpy.random.Generator (np.random.default_rng(seed)), got {rng!r}")
    if not (isinstance(noise, numbers.Real) and np.isfinite(noise) and noise >= 0):
        raise ValueError(f"noise must be a finite number >= 0, got {noise!r}")
    labels = np.arange(int(m)) % 2
    t = rng.uniform(0.0, np.pi, size=int(m))
    upper = np.stack([np.cos(t), np.sin(t)], axis=1)
    lower = np.stack([1.0 - np.cos(t), 0.5 - np.sin(t)], axis=1)
    X = np.where(labels[:, None] == 0, upper, lower) + rng.normal(scale=float(noise), size=(int(m), 2))
    return X, labels


# --- Curvature of the loss: Hessian-vector products and power iteration -------------------------------------

#: The default relative step of :func:`hessian_vector_product`. The central difference of two gradients has a
#: truncation error of order ``eps**2`` (times third derivatives of the loss) and a rounding error of order
#: ``eps_machine * |g| / eps``; the two balance near ``eps_machine ** (1/3)``, about 6e-6, so 1e-5 leaves both
#: near 1e-10 relative to the size of the gradient and the Hessian on the book's small networks.
HVP_STEP = 1e-5


def _gradient_at(network: Network, theta: np.ndarray, X: Any, labels: Any) -> np.ndarray:
    return backward(forward(network.from_vector(theta), X, labels)).vector()


def hessian_vector_product(network: Network, X: Any, labels: Any, v: Any, eps: float = HVP_STEP) -> np.ndarray:
    """``H v``, the Hessian of the mean cross-entropy in the parameters times ``v``, from two gradients.

    With ``u = v / |v|`` and the parameter vector ``theta = network.vector()``,
    ``H v = |v| (g(theta + eps u) - g(theta - eps u)) / (2 eps)`` where g is the
    gradient that :func:`backward` returns. The cost is two gradients, never the
    Hessian itself. Accuracy: the truncation error is O(eps**2) (third
    derivatives of the loss) and the rounding error about
    ``eps_machine * |g| / eps``; the default :data:`HVP_STEP` = 1e-5 sits near
    their balance point ``eps_machine ** (1/3)``, giving about 1e-10 relative
    to the size of the gradient. The result is linear and symmetric in
    ``v`` only up to that error.

    Parameters
    ----------
    network : Network
        The point at which the Hessian is taken.
    X, labels : array_like
        The batch, as for :func:`forward`.
    v : array_like
        A direction with ``len(network.vector())`` finite entries.
    eps : float
        The step along the unit vector ``u``, positive and finite.

    Returns
    -------
    numpy.ndarray
        ``H v``, shaped like ``v``; zero when ``v`` is zero.

    Raises
    ------
    TypeError
        If ``network`` is not a :class:`Network`.
    ValueError
        If ``v`` has the wrong length or a non-finite entry, or ``eps`` is
        not a positive finite number.

    Examples
    --------
    >>> net = Network(weights=[[[0.0, 0.0], [0.0, 0.0]]], biases=[[0.0, 0.0]])
    >>> # one example x = 0: only the biases matter, and H = softmax_jacobian([1/2, 1/2]) on them
    >>> hessian_vector_product(net, [[0.0, 0.0]], [0], [0, 0, 0, 0, 1.0, 0.0]).round(8)
    array([ 0.  ,  0.  ,  0.  ,  0.  ,  0.25, -0.25])
    """
    if not isinstance(network, Network):
        raise TypeError(f"network must be a Network, got {type(network).__name__}")
    if isinstance(eps, bool) or not isinstance(eps, numbers.Real) or not np.isfinite(eps) or eps <= 0:
        raise ValueError(f"eps must be a positive finite number, got {eps!r}")
    theta = network.vector()
    direction = _parameter(v, "v", 1)
    if direction.size != theta.size:
        raise ValueError(f"v must have {theta.size} entries, one per parameter, got {direction.size}")
    size = float(np.linalg.norm(direction))
    if size == 0.0:
        return np.zeros_like(theta)
    u = direction / size
    plus = _gradient_at(network, theta + eps * u, X, labels)
    minus = _gradient_at(network, theta - eps * u, X, labels)
    return size * (plus - minus) / (2.0 * eps)


@dataclass(frozen=True)
class EigenEstimate:
    """The result of :func:`top_eigenvalue`.

    Attributes
    ----------
    value : float
        The Rayleigh quotient ``q^T H q`` at the last unit vector q.
    vector : numpy.ndarray
        That unit vector, the estimate of the eigenvector.
    iterations : int
        The number of products with H taken.
    converged : bool
        Whether two successive values agreed to ``tol`` (relative).
    history : tuple of float
        The value after every iteration.
    """

    value: float
    vector: np.ndarray
    iterations: int
    converged: bool
    history: tuple[float, ...]


def top_eigenvalue(hvp: Any, n: int, rng: np.random.Generator, iterations: int = 100,
                   tol: float = 1e-8) -> EigenEstimate:
    """The eigenvalue of largest magnitude of a symmetric matrix known only through ``v -> H v``.

    Power iteration: start from a random unit vector q, repeat
    ``w = H q``, ``value = q^T w``, ``q = w / |w|``. The error in the
    direction shrinks by ``|lambda_2 / lambda_1|`` per step and the value's
    error by its square, where ``lambda_1, lambda_2`` are the two
    eigenvalues of largest magnitude. It stops when two successive values
    differ by at most ``tol * |value|`` or after ``iterations`` products.
    For a Hessian near a minimum, whose eigenvalues are nearly all
    non-negative, this is the largest curvature L.

    Parameters
    ----------
    hvp : callable
        ``hvp(v)`` returns ``H v`` for a vector of length n.
    n : int
        The dimension, a positive integer.
    rng : numpy.random.Generator
        Draws the start vector.
    iterations : int
        The most products to take, a positive integer.
    tol : float
        The relative change of the value at which to stop, positive.

    Returns
    -------
    EigenEstimate

    Raises
    ------
    TypeError
        If ``hvp`` is not callable or ``rng`` is not a Generator.
    ValueError
        If ``n``, ``iterations`` or ``tol`` are out of range, ``hvp`` returns
        the wrong shape or a non-finite vector, or ``H q`` is zero.

    Examples
    --------
    >>> H = np.diag([3.0, 1.0, -0.5])
    >>> result = top_eigenvalue(lambda v: H @ v, 3, np.random.default_rng(0), iterations=200, tol=1e-12)
    >>> round(result.value, 9), result.converged
    (3.0, True)
    """
    if not callable(hvp):
        raise TypeError(f"hvp must be a function v -> H v, got {type(hvp).__name__}")
    if not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be a numpy.random.Generator, got {type(rng).__name__}")
    for name, value in (("n", n), ("iterations", iterations)):
        if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 1:
            raise ValueError(f"{name} must be a positive integer, got {value!r}")
    if isinstance(tol, bool) or not isinstance(tol, numbers.Real) or not np.isfinite(tol) or tol <= 0:
        raise ValueError(f"tol must be a positive finite number, got {tol!r}")
    q = rng.standard_normal(int(n))
    q /= np.linalg.norm(q)
    history: list[float] = []
    converged = False
    for _ in range(int(iterations)):
        w = np.asarray(hvp(q), dtype=float)
        if w.shape != q.shape:
            raise ValueError(f"hvp must return a vector of shape {q.shape}, got shape {w.shape}")
        if not np.all(np.isfinite(w)):
            raise ValueError("hvp returned a non-finite vector")
        value = float(q @ w)
        size = float(np.linalg.norm(w))
        if size == 0.0:
            raise ValueError("H q is zero: the start vector lies in the null space (or H is zero)")
        history.append(value)
        if len(history) > 1 and abs(history[-1] - history[-2]) <= tol * abs(history[-1]):
            converged = True
            break
        q = w / size
    return EigenEstimate(value=history[-1], vector=q, iterations=len(history), converged=converged,
                         history=tuple(history))


# --- Training: gradient descent and minibatch SGD, with divergence reported ------------------------------

#: :func:`train` stops a run as diverged when the loss exceeds this multiple of its first loss: for
#: cross-entropy, whose first loss is near ``log(n_classes)``, a loss ten times larger means that the
#: network now puts most of its confidence on wrong classes, which a descending run never does.
DIVERGENCE_FACTOR = 10.0


def predict_proba(network: Network, X: Any) -> np.ndarray:
    """The class probabilities ``softmax(logits)`` of a batch, one row per example.

    The forward pass of :func:`forward` without the labels and the loss.

    Parameters
    ----------
    network : Network
        The parameters.
    X : array_like
        Finite inputs, shape (m, n_0).

    Returns
    -------
    numpy.ndarray
        Shape (m, n_L); every row sums to 1.

    Raises
    ------
    TypeError
        If ``network`` is not a :class:`Network`.
    ValueError
        If ``X`` is not a finite (m, n_0) matrix.

    Examples
    --------
    >>> net = Network(weights=[[[1.0, 0.0], [0.0, 1.0]]], biases=[[0.0, 0.0]])
    >>> predict_proba(net, [[0.0, 0.0], [np.log(3.0), 0.0]])
    array([[0.5 , 0.5 ],
           [0.75, 0.25]])
    """
    if not isinstance(network, Network):
        raise TypeError(f"network must be a Network (see init_network), got {type(network).__name__}")
    A = _logits(X, "X")
    if A.ndim != 2 or A.shape[1] != network.sizes[0]:
        raise ValueError(f"X must be a matrix with {network.sizes[0]} columns, one per input of the network, "
                         f"got shape {A.shape}")
    last = len(network.weights) - 1
    for k, (W, b) in enumerate(zip(network.weights, network.biases)):
        A = A @ W.T + b
        if k < last:
            A = _activate(A, network.activation)
    return softmax(A, axis=1)


def accuracy(network: Network, X: Any, labels: Any) -> float:
    """The fraction of examples whose most probable class is their label.

    Examples
    --------
    >>> net = Network(weights=[[[1.0, 0.0], [0.0, 1.0]]], biases=[[0.0, 0.0]])
    >>> accuracy(net, [[1.0, 0.0], [0.0, 1.0], [2.0, 0.0]], [0, 1, 1])
    0.6666666666666666
    """
    P = predict_proba(network, X)
    y = _labels(labels, P.shape[0], P.shape[1])
    return float(np.mean(np.argmax(P, axis=1) == y))


def minibatches(m: int, batch_size: int, rng: np.random.Generator) -> list[np.ndarray]:
    """One epoch's minibatches: a random permutation of ``0, ..., m - 1`` cut into consecutive blocks.

    Every example lands in exactly one batch (the batches partition the set);
    all batches have ``batch_size`` examples except the last, which has the
    remainder when ``batch_size`` does not divide ``m``. Each batch's indices
    are sorted, so a batch holding every example lists them in the data's
    order.

    Parameters
    ----------
    m : int
        The number of examples, positive.
    batch_size : int
        Examples per batch, from 1 to ``m``.
    rng : numpy.random.Generator
        Draws the permutation.

    Returns
    -------
    list of numpy.ndarray
        Integer index arrays, ``ceil(m / batch_size)`` of them.

    Raises
    ------
    ValueError
        If ``m`` is not a positive integer or ``batch_size`` is not an integer from 1 to ``m``.
    TypeError
        If ``rng`` is not a ``numpy.random.Generator``.

    Examples
    --------
    >>> batches = minibatches(5, 2, np.random.default_rng(0))
    >>> [len(batch) for batch in batches]
    [2, 2, 1]
    >>> sorted(np.concatenate(batches).tolist())
    [0, 1, 2, 3, 4]
    """
    if isinstance(m, bool) or not isinstance(m, numbers.Integral) or m < 1:
        raise ValueError(f"m must be a positive integer, got {m!r}")
    _batch_size(batch_size, int(m))
    if not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be a numpy.random.Generator (np.random.default_rng(seed)), got {rng!r}")
    order = rng.permutation(int(m))
    return [np.sort(order[start:start + batch_size]) for start in range(0, int(m), int(batch_size))]


def _batch_size(batch_size: Any, m: int) -> int:
    if isinstance(batch_size, bool) or not isinstance(batch_size, numbers.Integral) or not 1 <= batch_size <= m:
        raise ValueError(f"batch_size must be an integer from 1 to the number of examples ({m}), "
                         f"got {batch_size!r}")
    return int(batch_size)


@dataclass(frozen=True)
class TrainingRun:
    """The result of :func:`train`.

    Steps are numbered from 1: step j takes the parameters after j - 1 steps
    to the parameters after j steps.

    Attributes
    ----------
    network : Network
        The parameters after ``steps_taken`` steps. For a diverged run these
        are the last parameters before the step that diverged: finite, never NaN.
    losses : numpy.ndarray
        ``losses[j]``, the mean cross-entropy of the whole training set after
        j steps, for j = 0, ..., ``steps_taken``: shape ``(steps_taken + 1,)``.
    batch_losses : numpy.ndarray
        ``batch_losses[j - 1]``, the mean cross-entropy of the batch that step
        j used, before the step: the whole set for gradient descent (then
        equal to ``losses[:-1]``), one minibatch for SGD. Shape ``(steps_taken,)``.
    accuracy : float
        The fraction of the training set that ``network`` classifies correctly.
    snapshots : tuple of (int, Network)
        ``(j, network after j steps)`` for j = 0 and every multiple of
        ``record_every``, and the last network, for figures of the run.
    steps_taken : int
        The steps kept: ``steps``, or one less than ``diverged_at``.
    diverged : bool
        Whether the run was stopped because it diverged.
    diverged_at : int or None
        The step that diverged, None for a run that did not.
    reason : str
        Why the run stopped, in words, with the step.
    """

    network: Network
    losses: np.ndarray
    batch_losses: np.ndarray
    accuracy: float
    snapshots: tuple[tuple[int, Network], ...]
    steps_taken: int
    diverged: bool
    diverged_at: int | None
    reason: str

    @property
    def final_loss(self) -> float:
        """The mean cross-entropy of the whole training set at ``network``, ``losses[-1]``."""
        return float(self.losses[-1])


def train(network: Network, X: Any, labels: Any, *, step: float, steps: int, batch_size: int | None = None,
          rng: np.random.Generator | None = None, record_every: int = 10,
          divergence_factor: float = DIVERGENCE_FACTOR) -> TrainingRun:
    """Train a network by gradient descent on the mean cross-entropy, full batch or in minibatches.

    Step k replaces the parameters ``theta`` by ``theta - step * g_k``, where
    ``g_k`` is the gradient (:func:`backward`) of the mean cross-entropy of a
    batch: the whole training set when ``batch_size`` is None (gradient
    descent), otherwise the next minibatch of :func:`minibatches`, a fresh
    shuffle at the start of every epoch (stochastic gradient descent).

    The run stops early, reported as diverged, when the loss of a batch is not
    finite or exceeds ``divergence_factor`` times the first loss, or when a
    step would make a parameter overflow; ``reason`` names the step, and the
    returned network is the last finite one. No NaN is ever returned.

    Parameters
    ----------
    network : Network
        The starting parameters (:func:`init_network`).
    X : array_like
        The training inputs, shape (m, n_0).
    labels : array_like of int
        The classes, shape (m,).
    step : float
        The step size, positive and finite.
    steps : int
        The number of steps, positive.
    batch_size : int, optional
        Examples per minibatch, from 1 to m; None for the whole set.
    rng : numpy.random.Generator, optional
        The seeded shuffle, required with ``batch_size``.
    record_every : int
        Keep a snapshot of the network every this many steps (and the last).
    divergence_factor : float
        The multiple of the first loss beyond which the run counts as
        diverged, greater than 1.

    Returns
    -------
    TrainingRun

    Raises
    ------
    ValueError
        If ``step`` is not a positive finite number, ``steps`` or
        ``record_every`` is not a positive integer, ``batch_size`` is out of
        range, ``divergence_factor`` is not a finite number above 1, or the
        data do not fit the network (as for :func:`forward`).
    TypeError
        If ``network`` is not a :class:`Network`, or ``batch_size`` is given
        without a ``numpy.random.Generator``.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> X, labels = make_moons(20, rng)
    >>> run = train(init_network([2, 4, 2], rng), X, labels, step=0.5, steps=30)
    >>> run.diverged, run.steps_taken, bool(run.final_loss < run.losses[0])
    (False, 30, True)
    >>> wild = train(init_network([2, 4, 2], rng), X, labels, step=1e4, steps=30)
    >>> wild.diverged, wild.diverged_at, bool(np.isfinite(wild.network.vector()).all())
    (True, 1, True)
    >>> train(run.network, X, labels, step=0.0, steps=10)
    Traceback (most recent call last):
    ...
    ValueError: step must be a positive finite number, got 0.0
    """
    data = _inputs(network, X)
    if isinstance(step, bool) or not isinstance(step, numbers.Real) or not np.isfinite(step) or step <= 0:
        raise ValueError(f"step must be a positive finite number, got {step!r}")
    for name, value in (("steps", steps), ("record_every", record_every)):
        if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 1:
            raise ValueError(f"{name} must be a positive integer, got {value!r}")
    if (isinstance(divergence_factor, bool) or not isinstance(divergence_factor, numbers.Real)
            or not np.isfinite(divergence_factor) or divergence_factor <= 1):
        raise ValueError(f"divergence_factor must be a finite number above 1, got {divergence_factor!r}")
    m = data.shape[0]
    y = _labels(labels, m, network.sizes[-1])
    if batch_size is not None:
        batch_size = _batch_size(batch_size, m)
        if not isinstance(rng, np.random.Generator):
            raise TypeError("rng must be a numpy.random.Generator (np.random.default_rng(seed)) when batch_size "
                            f"is given, got {rng!r}")
    step, steps, record_every = float(step), int(steps), int(record_every)

    current, theta_current = network, network.vector()
    whole = _forward(current, data, y)
    losses = [whole.loss.loss]
    batch_losses: list[float] = []
    snapshots: list[tuple[int, Network]] = [(0, current)]
    queue: list[np.ndarray] = []
    diverged_at, reason = None, f"completed {steps} steps"
    for j in range(1, steps + 1):
        if batch_size is None:
            cache = whole
        else:
            if not queue:
                queue = minibatches(m, batch_size, rng)[::-1]   # popped from the end: first batch first
            rows = queue.pop()
            cache = _forward(current, data[rows], y[rows])
        with np.errstate(over="ignore", invalid="ignore"):
            theta = theta_current - step * backward(cache).vector()
        if not np.all(np.isfinite(theta)):
            diverged_at, reason = j, f"diverged at step {j}: a parameter overflowed"
            break
        candidate = current._unchecked_from_vector(theta)   # theta was just checked
        try:
            with np.errstate(over="ignore", invalid="ignore"):
                whole = _forward(candidate, data, y)
        except ValueError:      # finite parameters whose logits overflow (the data were checked above)
            diverged_at, reason = j, f"diverged at step {j}: the logits overflowed"
            break
        loss = whole.loss.loss
        if not np.isfinite(loss):
            diverged_at, reason = j, f"diverged at step {j}: the loss is not finite"
            break
        if loss > divergence_factor * losses[0]:
            diverged_at = j
            reason = (f"diverged at step {j}: the loss {loss:.4g} exceeds {divergence_factor:g} times "
                      f"the first loss {losses[0]:.4g}")
            break
        batch_losses.append(cache.loss.loss)
        losses.append(loss)
        current, theta_current = candidate, theta
        if j % record_every == 0 or j == steps:
            snapshots.append((j, current))
    steps_taken = len(batch_losses)
    if snapshots[-1][0] != steps_taken:
        snapshots.append((steps_taken, current))
    return TrainingRun(network=current, losses=np.array(losses), batch_losses=np.array(batch_losses),
                       accuracy=accuracy(current, data, y), snapshots=tuple(snapshots),
                       steps_taken=steps_taken, diverged=diverged_at is not None, diverged_at=diverged_at,
                       reason=reason)
