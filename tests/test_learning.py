"""Tests of companion.learning: softmax, log-sum-exp, cross-entropy and the
softmax Jacobian.

Identities as property tests (hypothesis) over random logits; agreement with
independent implementations (SciPy's ``softmax``/``logsumexp`` and JAX's
``jax.nn.softmax``, ``jax.nn.log_softmax``, ``jax.grad``, ``jax.jacobian``,
in float64 on the CPU);
the worked example of the book's page exactly with SymPy; and every failure
path.
"""

from __future__ import annotations

import dataclasses
import subprocess
import sys

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from companion import learning, numeric
from companion.learning import (
    CrossEntropy,
    cross_entropy,
    log_softmax,
    logsumexp,
    one_hot,
    softmax,
    softmax_jacobian,
)

pytestmark = pytest.mark.filterwarnings("error")

moderate = st.floats(min_value=-30.0, max_value=30.0, allow_nan=False)


def logit_vectors(min_size: int = 1, max_size: int = 6, elements=moderate):
    return st.lists(elements, min_size=min_size, max_size=max_size).map(np.array)


@st.composite
def batches(draw, max_rows: int = 4, max_classes: int = 5):
    """(logits (m, n), integer labels (m,)) with moderate logits."""
    m = draw(st.integers(1, max_rows))
    n = draw(st.integers(1, max_classes))
    Z = np.array([[draw(moderate) for _ in range(n)] for _ in range(m)])
    labels = np.array([draw(st.integers(0, n - 1)) for _ in range(m)])
    return Z, labels


@pytest.fixture(scope="module")
def jax():
    jax = pytest.importorskip("jax")
    jax.config.update("jax_platforms", "cpu")
    jax.config.update("jax_enable_x64", True)
    return jax


# --- identities ---------------------------------------------------------------

@settings(deadline=None)  # no time limit per example: the machine may be loaded
@given(logit_vectors())
def test_softmax_is_a_probability_vector(z):
    p = softmax(z)
    assert p.shape == z.shape
    assert np.all(p >= 0) and np.all(p <= 1)
    assert abs(np.sum(p) - 1.0) <= 1e-14


@settings(deadline=None)  # no time limit per example: the machine may be loaded
@given(logit_vectors(), st.floats(-100.0, 100.0, allow_nan=False))
def test_softmax_is_shift_invariant(z, c):
    # z + c is rounded, by at most eps * |c| per entry, so p moves by that much relatively.
    assert np.allclose(softmax(z + c), softmax(z), rtol=1e-12, atol=1e-14)
    assert np.allclose(log_softmax(z + c), log_softmax(z), rtol=0, atol=1e-12)


@settings(deadline=None)  # no time limit per example: the machine may be loaded
@given(logit_vectors(elements=st.floats(-1e4, 1e4, allow_nan=False)))
def test_large_logits_stay_finite(z):
    p = softmax(z)
    assert np.all(np.isfinite(p)) and abs(np.sum(p) - 1.0) <= 1e-14
    assert np.isfinite(logsumexp(z))
    assert np.all(np.isfinite(log_softmax(z)))
    assert logsumexp(z) >= np.max(z)
    assert logsumexp(z) <= np.max(z) + np.log(len(z)) + 1e-12 * max(1.0, abs(np.max(z)))


def test_logits_of_1e4_where_naive_softmax_breaks():
    z = np.array([1e4, 1e4 - 1.0, -1e4])
    with np.errstate(over="ignore", invalid="ignore"):
        naive = np.exp(z) / np.sum(np.exp(z))
    assert np.all(np.isnan(naive[:2]))
    p = softmax(z)
    assert np.allclose(p, [1 / (1 + np.exp(-1.0)), np.exp(-1.0) / (1 + np.exp(-1.0)), 0.0], rtol=1e-15, atol=0)
    assert np.isclose(logsumexp(z), 1e4 + np.log1p(np.exp(-1.0)), rtol=1e-15, atol=0)


@settings(deadline=None)  # no time limit per example: the machine may be loaded
@given(logit_vectors())
def test_log_softmax_is_log_of_softmax(z):
    assert np.allclose(log_softmax(z), np.log(softmax(z)), rtol=1e-13, atol=1e-13)
    assert np.allclose(log_softmax(z), z - logsumexp(z), rtol=0, atol=1e-13)


def test_axis_is_honoured():
    rng = np.random.default_rng(3)
    Z = rng.normal(size=(3, 4))
    assert np.allclose(softmax(Z, axis=0), softmax(Z.T).T, rtol=1e-15, atol=0)
    assert np.allclose(logsumexp(Z, axis=0), logsumexp(Z.T), rtol=1e-15, atol=0)
    assert np.allclose(log_softmax(Z, axis=0), log_softmax(Z.T).T, rtol=1e-15, atol=1e-15)
    assert logsumexp(Z).shape == (3,) and isinstance(logsumexp(Z[0]), float)


@settings(deadline=None)  # no time limit per example: the machine may be loaded
@given(logit_vectors(min_size=2))
def test_jacobian_is_symmetric_rank_n_minus_1_with_ones_in_null_space(z):
    p = softmax(z)
    J = softmax_jacobian(p)
    n = len(z)
    assert J.shape == (n, n)
    assert np.array_equal(J, J.T)
    assert np.allclose(J @ np.ones(n), 0.0, rtol=0, atol=1e-15)
    eigenvalues = np.linalg.eigvalsh(J)
    # positive semidefinite: J is the covariance of the one-hot vector e_I, I ~ p
    assert eigenvalues[0] >= -1e-15 and eigenvalues[-1] <= 0.5 + 1e-15
    # rank n - 1: diag(p) - p p^T is a rank-one downdate of diag(p), so its eigenvalues
    # interlace the p_i; all but the smallest (0, for the ones vector) are >= min p > 0
    assert abs(eigenvalues[0]) <= 1e-15
    assert eigenvalues[1] >= np.min(p) * (1 - 1e-12) - 1e-15
    if np.min(p) > 1e-6:  # numerically the gap is then clear of any rounding
        assert np.linalg.matrix_rank(J, tol=1e-9) == n - 1


def test_jacobian_rank_exactly_on_the_worked_example():
    # z = (0, log 2, log 3) gives p = (1/6, 1/3, 1/2): J is rational.
    p = sp.Matrix([sp.Rational(1, 6), sp.Rational(1, 3), sp.Rational(1, 2)])
    J = sp.diag(*p) - p * p.T
    assert J == sp.Matrix([[5, -2, -3], [-2, 8, -6], [-3, -6, 9]]) / 36
    assert J.rank() == 2
    assert J.nullspace() == [sp.Matrix([1, 1, 1])]
    numeric_J = softmax_jacobian(softmax([0.0, np.log(2.0), np.log(3.0)]))
    assert np.allclose(numeric_J, np.array(J, dtype=float), rtol=0, atol=1e-15)


def test_jacobian_matches_sympy_symbolically():
    z = sp.symbols("z0:3", real=True)
    total = sum(sp.exp(v) for v in z)
    p = sp.Matrix([sp.exp(v) / total for v in z])
    J = p.jacobian(z)
    difference = J - (sp.diag(*p) - p * p.T)
    assert all(sp.cancel(entry) == 0 for entry in difference)


@settings(max_examples=40, deadline=None)
@given(logit_vectors(min_size=2, max_size=5, elements=st.floats(-5.0, 5.0)))
def test_jacobian_matches_finite_differences(z):
    J = softmax_jacobian(softmax(z))
    assert np.allclose(numeric.jacobian(softmax, z), J, rtol=1e-9, atol=1e-11)


@settings(deadline=None)  # no time limit per example: the machine may be loaded
@given(batches())
def test_cross_entropy_gradient_is_p_minus_y_over_m(batch):
    Z, labels = batch
    result = cross_entropy(Z, labels)
    m, n = Z.shape
    P = softmax(Z)
    assert np.allclose(result.probabilities, P, rtol=1e-13, atol=1e-15)
    assert np.allclose(result.gradient, (P - one_hot(labels, n)) / m, rtol=1e-13, atol=1e-15)
    assert np.allclose(result.losses, -log_softmax(Z)[np.arange(m), labels], rtol=1e-14, atol=1e-14)
    assert np.isclose(result.loss, np.mean(result.losses), rtol=1e-15, atol=0)
    assert np.all(result.losses >= 0)
    # every row of P - Y sums to 0: the gradient never moves the sum of a row's logits
    assert np.allclose(result.gradient.sum(axis=1), 0.0, rtol=0, atol=1e-14)


@settings(deadline=None)  # no time limit per example: the machine may be loaded
@given(logit_vectors(min_size=2, max_size=5), st.data())
def test_chain_rule_through_the_jacobian_gives_p_minus_y(z, data):
    y = data.draw(st.integers(0, len(z) - 1))
    p = softmax(z)
    # gradient of -log p_y with respect to p is -e_y / p_y; pull it back through J^T
    outer = np.zeros_like(p)
    outer[y] = -1.0 / p[y]
    e_y = np.eye(len(z))[y]
    if p[y] > 1e-8:  # J^T (-e_y / p_y) divides by p_y: fine unless p_y is tiny
        assert np.allclose(softmax_jacobian(p).T @ outer, p - e_y, rtol=1e-9, atol=1e-12)


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_cross_entropy_gradient_matches_finite_differences(seed):
    rng = np.random.default_rng(seed)
    m, n = rng.integers(1, 5), rng.integers(2, 5)
    Z = rng.normal(scale=3.0, size=(m, n))
    labels = rng.integers(0, n, size=m)

    def loss(flat):
        return cross_entropy(flat.reshape(m, n), labels).loss

    result = cross_entropy(Z, labels)
    assert np.allclose(numeric.gradient(loss, Z.ravel()).reshape(m, n), result.gradient,
                       rtol=1e-9, atol=1e-11)


def test_cross_entropy_worked_example_exactly():
    z = sp.symbols("z0:3", real=True)
    loss = -sp.log(sp.exp(z[0]) / sum(sp.exp(v) for v in z))
    at = {z[0]: 0, z[1]: sp.log(2), z[2]: sp.log(3)}
    gradient = [sp.nsimplify(sp.simplify(sp.diff(loss, v).subs(at))) for v in z]
    assert gradient == [sp.Rational(-5, 6), sp.Rational(1, 3), sp.Rational(1, 2)]
    assert sp.simplify(loss.subs(at) - sp.log(6)) == 0
    result = cross_entropy([[0.0, np.log(2.0), np.log(3.0)]], [0])
    assert np.isclose(result.loss, np.log(6.0), rtol=1e-15, atol=0)
    assert np.allclose(result.gradient, [[-5 / 6, 1 / 3, 1 / 2]], rtol=1e-14, atol=0)


def test_a_gradient_step_lowers_the_loss():
    rng = np.random.default_rng(11)
    Z = rng.normal(size=(4, 3))
    labels = np.array([0, 2, 1, 1])
    before = cross_entropy(Z, labels)
    after = cross_entropy(Z - 1.0 * before.gradient, labels)
    assert after.loss < before.loss


# --- independent libraries -----------------------------------------------------

@settings(deadline=None)  # the first example pays for importing scipy.special
@given(logit_vectors(elements=st.floats(-1e4, 1e4, allow_nan=False)))
def test_agrees_with_scipy(z):
    scipy_special = pytest.importorskip("scipy.special")
    assert np.allclose(softmax(z), scipy_special.softmax(z), rtol=1e-12, atol=1e-300)
    assert np.isclose(logsumexp(z), scipy_special.logsumexp(z), rtol=1e-14, atol=1e-14)
    assert np.allclose(log_softmax(z), scipy_special.log_softmax(z), rtol=1e-12, atol=1e-10)


def test_batch_agrees_with_scipy():
    scipy_special = pytest.importorskip("scipy.special")
    Z = np.random.default_rng(5).normal(scale=10.0, size=(6, 4))
    for axis in (0, 1, -1):
        assert np.allclose(softmax(Z, axis=axis), scipy_special.softmax(Z, axis=axis), rtol=1e-13, atol=0)
        assert np.allclose(logsumexp(Z, axis=axis), scipy_special.logsumexp(Z, axis=axis), rtol=1e-14, atol=0)


def test_agrees_with_jax(jax):
    import jax.numpy as jnp

    rng = np.random.default_rng(17)
    for n in (2, 3, 7):
        z = rng.normal(scale=4.0, size=n)
        p = softmax(z)
        assert np.allclose(p, np.asarray(jax.nn.softmax(z)), rtol=1e-14, atol=1e-16)
        assert np.isclose(logsumexp(z), float(jax.scipy.special.logsumexp(z)), rtol=1e-14, atol=0)
        J_jax = np.asarray(jax.jacobian(jax.nn.softmax)(z))  # the page's line
        assert np.allclose(softmax_jacobian(p), J_jax, rtol=1e-13, atol=1e-16)

        # the page's single-example line, verbatim: the gradient of -log p_y is p - one-hot y
        for y in range(n):
            grad = jax.grad(lambda v: -jax.nn.log_softmax(v)[y])(jnp.asarray(z))
            assert np.allclose(np.asarray(grad), p - one_hot([y], n)[0], rtol=1e-13, atol=1e-15)
            assert np.allclose(np.asarray(grad), cross_entropy(z[None, :], [y]).gradient[0], rtol=1e-13, atol=1e-15)

    large = np.array([1e4, 1e4 - 1.0, -1e4, 0.0])
    assert np.allclose(softmax(large), np.asarray(jax.nn.softmax(large)), rtol=1e-14, atol=1e-300)
    assert np.isclose(logsumexp(large), float(jax.scipy.special.logsumexp(large)), rtol=1e-15, atol=0)
    # log-probabilities down to -2e4: finite where softmax itself underflows to 0
    assert np.allclose(log_softmax(large), np.asarray(jax.nn.log_softmax(large)), rtol=1e-15, atol=1e-12)

    m, n = 5, 4
    Z = rng.normal(scale=3.0, size=(m, n))
    labels = rng.integers(0, n, size=m)

    def loss(logits):
        log_p = jax.nn.log_softmax(logits, axis=-1)
        return -jnp.mean(log_p[jnp.arange(m), labels])

    result = cross_entropy(Z, labels)
    assert np.isclose(result.loss, float(loss(jnp.asarray(Z))), rtol=1e-14, atol=0)
    assert np.allclose(result.gradient, np.asarray(jax.grad(loss)(jnp.asarray(Z))), rtol=1e-12, atol=1e-15)
    # the page's batch line, verbatim
    batch_grad = jax.grad(lambda W: -jnp.mean(jax.nn.log_softmax(W)[jnp.arange(len(labels)), labels]))(Z)
    assert np.allclose(result.gradient, np.asarray(batch_grad), rtol=1e-12, atol=1e-15)


# --- shapes and results -------------------------------------------------------

def test_result_is_a_frozen_dataclass():
    result = cross_entropy([[1.0, 2.0]], [1])
    assert isinstance(result, CrossEntropy) and isinstance(result.loss, float)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.loss = 0.0


def test_one_class_has_zero_loss():
    result = cross_entropy([[3.0], [-2.0]], [0, 0])
    assert result.loss == 0.0 and np.all(result.gradient == 0.0)


def test_one_hot():
    assert np.array_equal(one_hot(np.array([1, 0], dtype=np.int8), 2), [[0.0, 1.0], [1.0, 0.0]])


def test_importing_learning_loads_only_numpy():
    code = ("import sys, companion, companion.learning; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & "
            "{'scipy', 'sympy', 'jax', 'matplotlib', 'IPython'}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# --- failure paths --------------------------------------------------------------

@pytest.mark.parametrize("func", [softmax, log_softmax, logsumexp])
@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_non_finite_logits_are_refused(func, bad):
    with pytest.raises(ValueError, match="z must be finite"):
        func([0.0, bad])


def test_non_finite_logits_in_cross_entropy():
    with pytest.raises(ValueError, match="logits must be finite"):
        cross_entropy([[0.0, np.inf]], [0])


@pytest.mark.parametrize("func", [softmax, log_softmax, logsumexp])
def test_scalar_empty_and_non_numeric_logits(func):
    with pytest.raises(ValueError, match="at least one axis"):
        func(3.0)
    with pytest.raises(ValueError, match="must not be empty"):
        func([])
    with pytest.raises(TypeError, match="array of numbers"):
        func(["a", "b"])
    with pytest.raises(TypeError, match="got None"):
        func(None)


def test_bad_axis():
    with pytest.raises(ValueError, match="axis must be between -1 and 0"):
        softmax([1.0, 2.0], axis=1)
    with pytest.raises(TypeError, match="axis must be an integer"):
        logsumexp([1.0, 2.0], axis=0.0)


@pytest.mark.parametrize("labels", [[2], [-1]])
def test_labels_out_of_range(labels):
    with pytest.raises(ValueError, match="labels must lie in 0 to 1"):
        cross_entropy([[0.0, 1.0]], labels)


@pytest.mark.parametrize("labels", [[1.0], [True], ["1"], [0.5]])
def test_labels_must_be_integers(labels):
    with pytest.raises(ValueError, match="labels must be integers"):
        cross_entropy([[0.0, 1.0]], labels)


def test_labels_shape_must_match_logits():
    with pytest.raises(ValueError, match=r"labels must have shape \(2,\)"):
        cross_entropy([[0.0, 1.0], [1.0, 0.0]], [0])
    with pytest.raises(ValueError, match=r"labels must have shape \(1,\)"):
        cross_entropy([[0.0, 1.0]], 0)


def test_logits_must_be_a_matrix():
    with pytest.raises(ValueError, match="logits must be a 2-D matrix"):
        cross_entropy([0.0, 1.0], [0])


@pytest.mark.parametrize("p, message", [
    ([0.5, 0.6], "must sum to 1"),
    ([1.5, -0.5], "non-negative"),
    ([[0.5, 0.5]], "1-D probability vector"),
    ([0.5, np.nan], "p must be finite"),
])
def test_softmax_jacobian_refuses_what_is_not_a_probability_vector(p, message):
    with pytest.raises(ValueError, match=message):
        softmax_jacobian(p)


def test_one_hot_failures():
    with pytest.raises(ValueError, match="n_classes must be a positive integer"):
        one_hot([0], 0)
    with pytest.raises(ValueError, match="labels must lie in 0 to 2"):
        one_hot([3], 3)
    with pytest.raises(ValueError, match="1-D array"):
        one_hot([[0]], 3)


def test_probability_tolerance_is_documented():
    assert 0 < learning.PROBABILITY_TOLERANCE < 1e-6


def test_accuracy_does_not_depend_on_the_size_of_the_logits():
    # p_y - 1 = -1 / (1 + e^20) for logits (c, c - 20), whatever c is: accurate to the
    # rounding of p_y near 1 (eps / 2 absolute). Computing p as exp(z - logsumexp(z))
    # would carry an error of eps * |c| into it, 1e-12 at c = 1e4.
    for c in (0.0, 16.0, 1e4):
        result = cross_entropy([[c, c - 20.0]], [0])
        expected = 1.0 / (1.0 + np.exp(20.0))
        assert np.allclose(result.gradient, [[-expected, expected]], rtol=0, atol=5e-16)
        assert np.allclose(log_softmax([c, c - 1.0]), [-np.log1p(np.exp(-1.0)), -1.0 - np.log1p(np.exp(-1.0))],
                           rtol=1e-14, atol=0)


# --- the dense network: forward, backward -------------------------------------

from companion.learning import ForwardPass, Gradients, Network, backward, forward, init_network  # noqa: E402


def _network_case(seed: int, activation: str = "tanh", sizes=(3, 5, 4, 3), m: int = 6):
    """A network with random (non-zero) biases, a batch and labels."""
    rng = np.random.default_rng(seed)
    net = init_network(sizes, rng, activation=activation)
    net = net.from_vector(net.vector() + rng.normal(scale=0.3, size=net.vector().size))
    X = rng.normal(size=(m, sizes[0]))
    labels = rng.integers(0, sizes[-1], size=m)
    return net, X, labels


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("activation", ["tanh", "relu"])
def test_backward_matches_central_differences(seed, activation):
    net, X, labels = _network_case(seed, activation)
    theta = net.vector()
    if activation == "relu":
        # central differences straddle a kink only if a pre-activation lies within a step of 0
        assert min(np.min(np.abs(Z)) for Z in forward(net, X, labels).pre_activations[:-1]) > 1e-4

    def loss(vector):
        return forward(net.from_vector(vector), X, labels).loss.loss

    grad = backward(forward(net, X, labels)).vector()
    # central differences with h = eps^(1/3) ~ 6e-6: truncation error ~ h^2 * (third derivative)
    # ~ 1e-10 here, plus rounding ~ eps / h ~ 4e-11: 1e-8 absolute leaves a wide margin.
    grad_fd = numeric.gradient(loss, theta, method="central")
    assert np.allclose(grad, grad_fd, rtol=0, atol=1e-8)
    if activation == "tanh":
        # Richardson extrapolation, about 1e-11 (its larger base steps would cross ReLU's kinks)
        assert np.allclose(grad, numeric.gradient(loss, theta), rtol=0, atol=1e-10)


def test_gradient_of_a_linear_layer_is_G_transpose_X_and_column_sums():
    rng = np.random.default_rng(4)
    W, b = rng.normal(size=(3, 2)), rng.normal(size=3)
    X, labels = rng.normal(size=(5, 2)), np.array([0, 2, 1, 1, 0])
    cache = forward(Network(weights=[W], biases=[b]), X, labels)
    G = cross_entropy(X @ W.T + b, labels).gradient
    grads = backward(cache)
    assert np.allclose(grads.weights[0], G.T @ X, rtol=1e-14, atol=1e-16)
    assert np.allclose(grads.weights[0], sum(np.outer(g, x) for g, x in zip(G, X)), rtol=1e-13, atol=1e-16)
    assert np.allclose(grads.biases[0], G.sum(axis=0), rtol=1e-14, atol=1e-16)


def test_backward_agrees_with_jax(jax):
    import jax.numpy as jnp

    for seed, activation in ((0, "tanh"), (1, "relu"), (2, "tanh")):
        net, X, labels = _network_case(seed, activation, sizes=(2, 6, 5, 4), m=7)
        act = jnp.tanh if activation == "tanh" else (lambda z: jnp.maximum(z, 0.0))

        def loss(weights, biases):
            A = jnp.asarray(X)
            for k, (W, b) in enumerate(zip(weights, biases)):
                A = A @ W.T + b
                if k < len(weights) - 1:
                    A = act(A)
            log_p = jax.nn.log_softmax(A, axis=-1)
            return -jnp.mean(log_p[jnp.arange(len(labels)), labels])

        weights = [jnp.asarray(W) for W in net.weights]
        biases = [jnp.asarray(b) for b in net.biases]
        cache = forward(net, X, labels)
        assert np.isclose(cache.loss.loss, float(loss(weights, biases)), rtol=1e-14, atol=0)
        grad_W, grad_b = jax.grad(loss, argnums=(0, 1))(weights, biases)
        grads = backward(cache)
        for ours, theirs in zip(grads.weights + grads.biases, list(grad_W) + list(grad_b)):
            assert ours.shape == theirs.shape
            assert np.allclose(ours, np.asarray(theirs), rtol=1e-12, atol=1e-15)


def test_network_results_are_frozen_and_read_only():
    net, X, labels = _network_case(0)
    cache = forward(net, X, labels)
    assert isinstance(cache, ForwardPass) and isinstance(backward(cache), Gradients)
    with pytest.raises(dataclasses.FrozenInstanceError):
        net.activation = "relu"
    with pytest.raises(ValueError):
        net.weights[0][0, 0] = 1.0
    assert np.array_equal(net.from_vector(net.vector()).vector(), net.vector())
    assert [A.shape for A in cache.activations] == [(6, 3), (6, 5), (6, 4)]
    assert [Z.shape for Z in cache.pre_activations] == [(6, 5), (6, 4), (6, 3)]


def test_init_network_is_seeded():
    a = init_network([2, 4, 3], np.random.default_rng(7))
    b = init_network([2, 4, 3], np.random.default_rng(7))
    assert np.array_equal(a.vector(), b.vector())
    assert all(np.all(bias == 0) for bias in a.biases)


# --- the dense network: failure paths -------------------------------------------

def test_layers_that_do_not_fit_are_refused():
    with pytest.raises(ValueError, match=r"weights\[1\] must have 4 columns"):
        Network(weights=[np.ones((4, 2)), np.ones((3, 5))], biases=[np.zeros(4), np.zeros(3)])
    with pytest.raises(ValueError, match=r"biases\[0\] must have shape \(4,\)"):
        Network(weights=[np.ones((4, 2))], biases=[np.zeros(3)])
    with pytest.raises(ValueError, match="one entry per layer"):
        Network(weights=[np.ones((4, 2))], biases=[])
    with pytest.raises(ValueError, match="at least one layer"):
        Network(weights=[], biases=[])
    with pytest.raises(ValueError, match="activation must be one of"):
        Network(weights=[np.ones((4, 2))], biases=[np.zeros(4)], activation="sigmoid")
    with pytest.raises(ValueError, match=r"weights\[0\] must have 2 axes"):
        Network(weights=[np.ones(4)], biases=[np.zeros(4)])


def test_data_that_does_not_fit_the_network_is_refused():
    net, X, labels = _network_case(0)
    with pytest.raises(ValueError, match="X must have 3 columns"):
        forward(net, X[:, :2], labels)
    with pytest.raises(ValueError, match="X must be a 2-D matrix"):
        forward(net, X[0], labels[:1])
    with pytest.raises(ValueError, match=r"labels must have shape \(6,\)"):
        forward(net, X, labels[:4])
    with pytest.raises(ValueError, match="theta must have"):
        net.from_vector(np.zeros(3))


@pytest.mark.parametrize("bad", [[0, 1, 2, 3, 0, 1], [0, 1, 2, -1, 0, 1]])
def test_network_labels_out_of_range(bad):
    net, X, _ = _network_case(0)  # three classes: 0, 1, 2
    with pytest.raises(ValueError, match="labels must lie in 0 to 2"):
        forward(net, X, np.array(bad))


@pytest.mark.parametrize("bad", [np.nan, np.inf])
def test_non_finite_parameters_and_data_are_refused(bad):
    net, X, labels = _network_case(0)
    theta = net.vector()
    theta[3] = bad
    with pytest.raises(ValueError, match="theta must be finite"):
        net.from_vector(theta)
    W = np.array(net.weights[1])
    W[0, 0] = bad
    with pytest.raises(ValueError, match=r"weights\[1\] must be finite"):
        Network(weights=[net.weights[0], W, net.weights[2]], biases=net.biases)
    with pytest.raises(ValueError, match=r"biases\[0\] must be finite"):
        Network(weights=net.weights[:1], biases=[np.full(5, bad)])
    X_bad = X.copy()
    X_bad[1, 1] = bad
    with pytest.raises(ValueError, match="X must be finite"):
        forward(net, X_bad, labels)


def test_bad_sizes_rng_and_arguments():
    with pytest.raises(ValueError, match="positive integers"):
        init_network([2, 0, 3], np.random.default_rng(0))
    with pytest.raises(ValueError, match="positive integers"):
        init_network([2, 2.5, 3], np.random.default_rng(0))
    with pytest.raises(TypeError, match="numpy.random.Generator"):
        init_network([2, 3], 0)
    with pytest.raises(TypeError, match="network must be a Network"):
        forward({"weights": []}, np.zeros((1, 2)), [0])
    with pytest.raises(TypeError, match="cache must be the ForwardPass"):
        backward(None)


# --- the moons data set ---------------------------------------------------------

from companion.learning import make_moons  # noqa: E402


def test_make_moons_is_seeded_and_on_its_curves():
    X, labels = make_moons(50, np.random.default_rng(1), noise=0.0)
    again, _ = make_moons(50, np.random.default_rng(1), noise=0.0)
    assert np.array_equal(X, again) and X.shape == (50, 2)
    assert np.array_equal(labels, np.arange(50) % 2)
    upper, lower = X[labels == 0], X[labels == 1]
    assert np.allclose(np.hypot(*upper.T), 1.0, rtol=0, atol=1e-15) and np.all(upper[:, 1] >= 0)
    assert np.allclose(np.hypot(1.0 - lower[:, 0], 0.5 - lower[:, 1]), 1.0, rtol=0, atol=1e-15)
    assert np.all(lower[:, 1] <= 0.5)


def test_make_moons_failures():
    with pytest.raises(ValueError, match="m must be an integer >= 2"):
        make_moons(1, np.random.default_rng(0))
    with pytest.raises(ValueError, match="noise must be a finite number"):
        make_moons(10, np.random.default_rng(0), noise=-0.1)
    with pytest.raises(ValueError, match="noise must be a finite number"):
        make_moons(10, np.random.default_rng(0), noise=np.nan)
    with pytest.raises(TypeError, match="numpy.random.Generator"):
        make_moons(10, 3)


def test_gradient_descent_on_the_moons_lowers_the_loss():
    rng = np.random.default_rng(0)
    X, labels = make_moons(40, rng, noise=0.1)
    net = init_network([2, 8, 8, 2], rng)
    losses = []
    for _ in range(60):
        cache = forward(net, X, labels)
        losses.append(cache.loss.loss)
        net = net.from_vector(net.vector() - 0.5 * backward(cache).vector())
    assert losses[-1] < 0.7 * losses[0]
