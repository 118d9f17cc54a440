"""Tests of the curvature tools in companion.learning: Hessian-vector products
by a central difference of gradients, and power iteration.

The products are checked for linearity and symmetry to the accuracy the
docstring states (about 1e-10 relative to the Hessian's size, asserted at
1e-7), against the full Hessian of a tiny network built column by column
from finite differences of ``backward`` and against JAX's ``jax.hessian`` of
the same loss; power iteration against ``numpy.linalg.eigvalsh``; and every
named error.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from companion.learning import (
    EigenEstimate,
    backward,
    forward,
    hessian_vector_product,
    init_network,
    make_moons,
    top_eigenvalue,
)

pytestmark = pytest.mark.filterwarnings("error")

TOL = 1e-7  # the products are accurate to ~1e-10 of the Hessian's size; this leaves a wide margin


@pytest.fixture(scope="module")
def problem():
    rng = np.random.default_rng(3)
    X, y = make_moons(12, rng)
    net = init_network([2, 3, 2], rng)
    return net, X, y


def full_hessian_by_differences(net, X, y, h=1e-5):
    theta = net.vector()
    n = theta.size
    H = np.empty((n, n))
    for j in range(n):
        e = np.zeros(n)
        e[j] = h
        gp = backward(forward(net.from_vector(theta + e), X, y)).vector()
        gm = backward(forward(net.from_vector(theta - e), X, y)).vector()
        H[:, j] = (gp - gm) / (2 * h)
    return (H + H.T) / 2


def test_linear_and_symmetric(problem):
    net, X, y = problem
    rng = np.random.default_rng(0)
    n = net.vector().size
    for _ in range(5):
        u, v = rng.standard_normal(n), rng.standard_normal(n)
        Hu = hessian_vector_product(net, X, y, u)
        Hv = hessian_vector_product(net, X, y, v)
        assert abs(u @ Hv - v @ Hu) <= TOL * np.linalg.norm(u) * np.linalg.norm(v)
        combo = hessian_vector_product(net, X, y, 2.0 * u - 3.0 * v)
        assert np.allclose(combo, 2.0 * Hu - 3.0 * Hv, rtol=0, atol=TOL * (2 * np.linalg.norm(u) + 3 * np.linalg.norm(v)))
    assert np.array_equal(hessian_vector_product(net, X, y, np.zeros(n)), np.zeros(n))


def test_against_full_hessian_and_eigvalsh(problem):
    net, X, y = problem
    H = full_hessian_by_differences(net, X, y)
    rng = np.random.default_rng(1)
    for _ in range(5):
        v = rng.standard_normal(H.shape[0])
        assert np.allclose(hessian_vector_product(net, X, y, v), H @ v, rtol=0, atol=TOL * np.linalg.norm(v))
    eigs = np.linalg.eigvalsh(H)
    top = eigs[np.argmax(np.abs(eigs))]
    result = top_eigenvalue(lambda v: hessian_vector_product(net, X, y, v), H.shape[0], rng,
                            iterations=2000, tol=1e-12)
    assert result.converged
    assert abs(result.value - top) <= 1e-6 * abs(top)
    assert np.isclose(abs(result.vector @ np.linalg.eigh(H)[1][:, np.argmax(np.abs(eigs))]), 1.0, atol=1e-3)


def test_against_jax_hessian(problem):
    jax = pytest.importorskip("jax")
    jax.config.update("jax_platforms", "cpu")
    jax.config.update("jax_enable_x64", True)
    import jax.numpy as jnp

    net, X, y = problem
    template = net

    def loss(theta):
        n_in, n_hid, n_out = template.sizes
        W1 = theta[:n_hid * n_in].reshape(n_hid, n_in)
        b1 = theta[n_hid * n_in:n_hid * n_in + n_hid]
        start = n_hid * n_in + n_hid
        W2 = theta[start:start + n_out * n_hid].reshape(n_out, n_hid)
        b2 = theta[start + n_out * n_hid:]
        Z = jnp.tanh(X @ W1.T + b1) @ W2.T + b2
        return -jnp.mean(jax.nn.log_softmax(Z)[jnp.arange(len(y)), y])

    theta = net.vector()
    assert np.isclose(float(loss(jnp.asarray(theta))), forward(net, X, y).loss.loss, rtol=1e-13)
    H = np.asarray(jax.hessian(loss)(jnp.asarray(theta)))
    rng = np.random.default_rng(2)
    for _ in range(5):
        v = rng.standard_normal(theta.size)
        assert np.allclose(hessian_vector_product(net, X, y, v), H @ v, rtol=0, atol=TOL * np.linalg.norm(v))


def test_power_iteration_on_matrices():
    rng = np.random.default_rng(4)
    Q, _ = np.linalg.qr(rng.standard_normal((6, 6)))
    eigs = np.array([5.0, 2.0, 1.0, 0.5, -0.3, -1.0])
    A = Q @ np.diag(eigs) @ Q.T
    result = top_eigenvalue(lambda v: A @ v, 6, rng, iterations=500, tol=1e-14)
    assert isinstance(result, EigenEstimate)
    assert result.converged and abs(result.value - 5.0) < 1e-12
    assert result.iterations == len(result.history)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.value = 0.0  # type: ignore[misc]
    short = top_eigenvalue(lambda v: A @ v, 6, np.random.default_rng(0), iterations=2, tol=1e-14)
    assert not short.converged and short.iterations == 2


def test_errors(problem):
    net, X, y = problem
    n = net.vector().size
    rng = np.random.default_rng(0)
    with pytest.raises(TypeError, match="network must be a Network"):
        hessian_vector_product("net", X, y, np.ones(n))
    with pytest.raises(ValueError, match="v must have"):
        hessian_vector_product(net, X, y, np.ones(n + 1))
    with pytest.raises(ValueError, match="v must be finite|v must"):
        hessian_vector_product(net, X, y, np.full(n, np.nan))
    for eps in (0.0, -1e-5, float("inf"), True):
        with pytest.raises(ValueError, match="eps must be a positive finite number"):
            hessian_vector_product(net, X, y, np.ones(n), eps=eps)
    with pytest.raises(TypeError, match="hvp must be a function"):
        top_eigenvalue(np.eye(3), 3, rng)
    with pytest.raises(TypeError, match="rng must be a numpy.random.Generator"):
        top_eigenvalue(lambda v: v, 3, 0)
    for bad in (0, -1, 2.0, True):
        with pytest.raises(ValueError, match="n must be a positive integer"):
            top_eigenvalue(lambda v: v, bad, rng)
        with pytest.raises(ValueError, match="iterations must be a positive integer"):
            top_eigenvalue(lambda v: v, 3, rng, iterations=bad)
    for tol in (0.0, -1.0, float("nan")):
        with pytest.raises(ValueError, match="tol must be a positive finite number"):
            top_eigenvalue(lambda v: v, 3, rng, tol=tol)
    with pytest.raises(ValueError, match="hvp must return a vector of shape"):
        top_eigenvalue(lambda v: np.ones(4), 3, rng)
    with pytest.raises(ValueError, match="non-finite"):
        top_eigenvalue(lambda v: v * np.nan, 3, rng)
    with pytest.raises(ValueError, match="H q is zero"):
        top_eigenvalue(lambda v: 0 * v, 3, rng)
