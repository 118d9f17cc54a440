"""Tests of companion.optimize: the worked examples of chapters 3, 5 and 7,
every failure path, and properties over random inputs.

Every test runs with warnings turned into errors: a diverging run must be
reported in its result, never leak a RuntimeWarning from NumPy.
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from companion.optimize import (
    DIVERGENCE_BOUND,
    OptimizeResult,
    classify_critical_point,
    gradient_descent,
    newton_minimize,
    newton_system,
)

pytestmark = pytest.mark.filterwarnings("error")


# --------------------------------------------------------------------------
# Test problems.

A_DIAG = np.array([1.0, 10.0])


def quadratic_grad(v):
    """Gradient of f = x^T A x / 2 with A = diag(1, 10)."""
    return A_DIAG * v


def rosen_grad(v):
    x, y = v
    return np.array([-2 * (1 - x) - 400 * x * (y - x**2), 200 * (y - x**2)])


def rosen_hess(v):
    x, y = v
    return np.array([[2 - 400 * y + 1200 * x**2, -400 * x], [-400 * x, 200.0]])


def circle_hyperbola(v):
    """x^2 + y^2 = 4 and x y = 1."""
    return np.array([v[0] ** 2 + v[1] ** 2 - 4, v[0] * v[1] - 1])


def circle_hyperbola_jac(v):
    return np.array([[2 * v[0], 2 * v[1]], [v[1], v[0]]])


CROSSING = np.sqrt([2 + np.sqrt(3), 2 - np.sqrt(3)])


def check_invariants(res: OptimizeResult, n: int) -> None:
    assert isinstance(res.converged, bool)
    assert isinstance(res.iterations, int)
    assert res.history.shape == (res.iterations + 1, n)
    assert np.all(np.isfinite(res.history))
    np.testing.assert_array_equal(res.x, res.history[-1])
    assert isinstance(res.reason, str)
    assert res.reason.startswith("converged" if res.converged else ("maxiter", "diverged"))


def tail_ratios(errors: np.ndarray) -> np.ndarray:
    """e_{k+1} / e_k^2 over the steps whose error is still above rounding."""
    e = errors[errors > 1e-14]
    return e[1:] / e[:-1] ** 2


# --------------------------------------------------------------------------
# gradient_descent

def test_descent_converges_below_two_over_L():
    res = gradient_descent(quadratic_grad, [1.0, 1.0], step=0.1)
    check_invariants(res, 2)
    assert res.converged
    assert res.reason == "converged: |grad f(x)| < tol"
    assert res.residual < 1e-8
    np.testing.assert_allclose(res.x, [0.0, 0.0], atol=1e-8)
    np.testing.assert_array_equal(res.history[0], [1.0, 1.0])
    # x shrinks by |1 - 0.1| per step, y by |1 - 0.1 * 10| = 0 (one step).
    np.testing.assert_allclose(res.history[1:, 0], 0.9 ** np.arange(1, res.iterations + 1))
    assert np.all(res.history[1:, 1] == 0)


def test_descent_diverges_above_two_over_L():
    res = gradient_descent(quadratic_grad, [1.0, 1.0], step=0.25)
    check_invariants(res, 2)
    assert not res.converged
    assert res.reason.startswith("diverged: |x| exceeded 1e+50 at iteration ")
    assert res.reason.endswith(str(res.iterations))
    assert res.residual == math.inf
    assert np.linalg.norm(res.x) > DIVERGENCE_BOUND
    # y is multiplied by |1 - 2.5| = 1.5 per step.
    np.testing.assert_allclose(res.history[:5, 1], 1.5 ** np.arange(5) * (-1) ** np.arange(5))


def test_descent_on_rosenbrock_reaches_the_minimum():
    res = gradient_descent(rosen_grad, [-1.2, 1.0], step=1e-3, tol=1e-6, maxiter=50_000)
    check_invariants(res, 2)
    assert res.converged
    assert 10_000 < res.iterations < 50_000  # slow along the curved valley
    np.testing.assert_allclose(res.x, [1.0, 1.0], atol=1e-5)


def test_descent_maxiter_reached():
    res = gradient_descent(quadratic_grad, [1.0, 1.0], step=0.1, maxiter=5)
    check_invariants(res, 2)
    assert not res.converged
    assert res.reason == "maxiter reached"
    assert res.iterations == 5
    assert res.residual == pytest.approx(0.9**5)


def test_descent_already_at_minimum():
    res = gradient_descent(quadratic_grad, [0.0, 0.0], step=0.1)
    assert res.converged and res.iterations == 0
    assert res.history.shape == (1, 2)


def test_descent_non_finite_gradient_is_reported():
    # f = x log x - x: the second step lands at x < 0, where log gives nan
    # (and NumPy would warn, which the run must silence).
    res = gradient_descent(np.log, [0.1], step=10.0)
    check_invariants(res, 1)
    assert not res.converged
    assert res.reason == "diverged: non-finite gradient at iteration 2"
    assert res.residual == math.inf


def test_descent_overflow_error_in_grad_is_reported():
    # math.exp raises OverflowError where NumPy would return inf.
    res = gradient_descent(lambda v: np.array([math.exp(v[0] ** 2) * v[0]]), [2.0], step=1.0)
    assert not res.converged
    assert res.reason == "diverged: non-finite gradient at iteration 1"


def test_descent_accepts_a_lambdified_column_gradient():
    x, y = sp.symbols("x y")
    f = (1 - x) ** 2 + 100 * (y - x**2) ** 2
    column = sp.lambdify((x, y), sp.Matrix([f.diff(x), f.diff(y)]))  # (2, 1) arrays
    res = gradient_descent(lambda v: column(*v), [-1.2, 1.0], step=1e-3, maxiter=10)
    ref = gradient_descent(rosen_grad, [-1.2, 1.0], step=1e-3, maxiter=10)
    np.testing.assert_allclose(res.history, ref.history, rtol=1e-12)


def test_descent_takes_the_same_steps_whatever_container_grad_returns():
    # The loop has a fast path for float64 arrays of the right shape; lists,
    # integer arrays and (n, 1) columns go through the general conversion.
    ref = gradient_descent(quadratic_grad, [1.0, 1.0], step=0.1)
    for wrap in (list, tuple, lambda g: g.reshape(2, 1)):
        res = gradient_descent(lambda v: wrap(quadratic_grad(v)), [1.0, 1.0], step=0.1)
        np.testing.assert_array_equal(res.history, ref.history)
        assert (res.iterations, res.reason) == (ref.iterations, ref.reason)
    # integer gradients (exact here: x halves from 8 while it is an integer)
    as_int = gradient_descent(lambda v: (2 * v).astype(np.int64), [8.0], step=0.25, maxiter=3)
    as_float = gradient_descent(lambda v: 2 * v, [8.0], step=0.25, maxiter=3)
    np.testing.assert_array_equal(as_int.history, [[8.0], [4.0], [2.0], [1.0]])
    np.testing.assert_array_equal(as_int.history, as_float.history)


def test_descent_grad_changing_shape_mid_run_is_an_error():
    calls = []

    def grad(v):
        calls.append(1)
        return quadratic_grad(v) if len(calls) < 3 else np.zeros(3)

    with pytest.raises(ValueError, match=r"grad must return .*shape \(2,\)"):
        gradient_descent(grad, [1.0, 1.0], step=0.1)


def test_descent_scalar_problem():
    res = gradient_descent(lambda x: 2 * (x - 3), 0.0, step=0.25)
    assert res.converged
    np.testing.assert_allclose(res.x, [3.0])


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        ({"step": 0.0}, ValueError, "step"),
        ({"step": -0.1}, ValueError, "step"),
        ({"step": float("nan")}, ValueError, "step"),
        ({"step": "big"}, TypeError, "step"),
        ({"tol": 0.0}, ValueError, "tol"),
        ({"maxiter": 0}, ValueError, "maxiter"),
        ({"maxiter": 1e4}, TypeError, "maxiter"),
        ({"maxiter": True}, TypeError, "maxiter"),
        ({"x0": [1.0, np.nan]}, ValueError, "x0"),
        ({"x0": []}, ValueError, "x0"),
        ({"x0": [[1.0, 2.0]]}, ValueError, "x0"),
        ({"grad": "not a function"}, TypeError, "grad"),
        ({"grad": lambda v: np.zeros(3)}, ValueError, r"grad must return .*shape \(2,\)"),
        ({"grad": lambda v: ["a", "b"]}, TypeError, "grad"),
        ({"grad": lambda v: np.array([np.inf, 0.0])}, ValueError, r"grad\(x0\) must be finite"),
    ],
)
def test_descent_bad_input(kwargs, error, match):
    args = {"grad": quadratic_grad, "x0": [1.0, 1.0], "step": 0.1} | kwargs
    with pytest.raises(error, match=match):
        gradient_descent(**args)


# --------------------------------------------------------------------------
# newton_minimize

def test_newton_minimize_rosenbrock():
    res = newton_minimize(rosen_grad, rosen_hess, [-1.2, 1.0])
    check_invariants(res, 2)
    assert res.converged
    assert res.iterations < 10  # 7 measured, against ~40,000 for descent
    np.testing.assert_allclose(res.x, [1.0, 1.0], atol=1e-12)
    errors = np.linalg.norm(res.history - [1.0, 1.0], axis=1)
    ratios = tail_ratios(errors[3:])  # once inside the valley near (1, 1)
    assert len(ratios) >= 2
    assert np.all(ratios < 1.0)  # e_{k+1} <= C e_k^2 with C = 1


def test_newton_minimize_quadratic_in_one_step():
    res = newton_minimize(quadratic_grad, lambda v: np.diag(A_DIAG), [3.0, -4.0])
    assert res.converged and res.iterations == 1
    np.testing.assert_allclose(res.x, [0.0, 0.0], atol=1e-15)


def test_newton_minimize_step_criterion():
    # f = 1e8 (x^2 - 2)^2 / 4: the gradient cannot be driven below 1e-10 in
    # floating point, so the run stops on a tiny Newton step instead.
    res = newton_minimize(lambda v: 1e8 * (v**2 - 2) * v,
                          lambda v: np.array([[1e8 * (3 * v[0] ** 2 - 2)]]), [1.5])
    assert res.converged
    assert res.reason == "converged: |step| < tol * (1 + |x|)"
    np.testing.assert_allclose(res.x, [math.sqrt(2)], rtol=1e-15)


def test_newton_minimize_divergence_is_reported():
    # f = sqrt(1 + x^2) is convex, yet Newton maps x to -x^3 and runs away.
    res = newton_minimize(lambda v: v / np.sqrt(1 + v**2), lambda v: (1 + v**2) ** -1.5, [2.0])
    check_invariants(res, 1)
    assert not res.converged
    assert res.reason == "diverged: |x| exceeded 1e+50 at iteration 5"
    np.testing.assert_allclose(res.history[:4, 0], [2.0, -8.0, 512.0, -512.0**3])


def test_newton_minimize_saddle_is_not_positive_definite():
    with pytest.raises(ValueError, match=r"not positive definite at iteration 0, "
                                         r"x = \[1, 1\] \(eigenvalues \[-2, 2\]\): "
                                         r"the quadratic model has no minimum"):
        newton_minimize(lambda v: np.array([2 * v[0], -2 * v[1]]),
                        lambda v: np.diag([2.0, -2.0]), [1.0, 1.0])


def test_newton_minimize_maximum_is_not_positive_definite():
    with pytest.raises(ValueError, match="not positive definite"):
        newton_minimize(lambda v: -2 * v, lambda v: -2 * np.eye(2), [1.0, 1.0])


def test_newton_minimize_singular_hessian():
    # f = x^4 + y^2 at (0, 1): the Hessian diag(0, 2) is singular.
    with pytest.raises(ValueError, match=r"hess\(x\) is singular at iteration 0, x = \[0, 1\]"):
        newton_minimize(lambda v: np.array([4 * v[0] ** 3, 2 * v[1]]),
                        lambda v: np.diag([12 * v[0] ** 2, 2.0]), [0.0, 1.0])


def test_newton_minimize_not_positive_definite_mid_run():
    # f = -cos x: from 1.2 the steps overshoot to x2 = 3.6, where f'' = cos x < 0.
    with pytest.raises(ValueError, match=r"not positive definite at iteration 2, x = \[3.59"):
        newton_minimize(np.sin, np.cos, [1.2])


def test_newton_minimize_singular_wins_over_indefinite():
    with pytest.raises(ValueError, match="singular"):
        newton_minimize(lambda v: np.array([-2 * v[0], 0.0]),
                        lambda v: np.diag([-2.0, 0.0]), [1.0, 1.0])


def test_newton_minimize_never_raises_linalg_error():
    with pytest.raises(ValueError, match="singular"):
        newton_minimize(quadratic_grad, lambda v: np.zeros((2, 2)), [1.0, 1.0])


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        ({"hess": lambda v: np.eye(3)}, ValueError, r"hess must return .*shape \(2, 2\)"),
        ({"hess": lambda v: np.array([[1.0, 1.0], [0.0, 1.0]])}, ValueError, "symmetric"),
        ({"hess": lambda v: np.full((2, 2), np.nan)}, ValueError, r"hess\(x0\) must be finite"),
        ({"hess": None}, TypeError, "hess"),
        ({"grad": None}, TypeError, "grad"),
        ({"grad": lambda v: v[:1]}, ValueError, r"grad must return .*shape \(2,\)"),
        ({"tol": -1.0}, ValueError, "tol"),
        ({"maxiter": 2.5}, TypeError, "maxiter"),
        ({"x0": "origin"}, TypeError, "x0"),
    ],
)
def test_newton_minimize_bad_input(kwargs, error, match):
    args = {"grad": rosen_grad, "hess": rosen_hess, "x0": [-1.2, 1.0]} | kwargs
    with pytest.raises(error, match=match):
        newton_minimize(**args)


def test_newton_minimize_tolerates_rounding_asymmetry():
    res = newton_minimize(quadratic_grad,
                          lambda v: np.array([[1.0, 1e-12], [0.0, 10.0]]), [1.0, 1.0])
    assert res.converged


# --------------------------------------------------------------------------
# newton_system

def test_newton_system_circle_hyperbola():
    res = newton_system(circle_hyperbola, circle_hyperbola_jac, [2.0, 0.5])
    check_invariants(res, 2)
    assert res.converged
    assert res.reason == "converged: |F(x)| < tol"
    assert res.residual < 1e-10
    # |F| < 1e-10 leaves an error of order 1e-12 (the next step would square it).
    np.testing.assert_allclose(res.x, CROSSING, rtol=1e-11)
    errors = np.linalg.norm(res.history - CROSSING, axis=1)
    ratios = tail_ratios(errors)
    assert len(ratios) >= 3
    assert np.all(ratios < 1.0)
    assert np.all(errors[1:] < errors[:-1])


def test_newton_system_from_a_far_start():
    res = newton_system(circle_hyperbola, circle_hyperbola_jac, [3.0, -1.0])
    assert res.converged and res.iterations < 10
    np.testing.assert_allclose(res.x, CROSSING, rtol=1e-12)


@pytest.mark.parametrize("x0", [[0.0, 0.0], [1.0, 1.0], [-2.0, 2.0]])
def test_newton_system_singular_start(x0):
    # J = [[2x, 2y], [y, x]] has det 2 (x^2 - y^2): singular on x = +-y.
    with pytest.raises(ValueError, match=r"J\(x\) is singular at iteration 0, x = \["):
        newton_system(circle_hyperbola, circle_hyperbola_jac, x0)


def test_newton_system_singular_mid_run():
    # F = (x^2 + 1, y) has no real root; from (1, 0) the first step lands on
    # (0, 0), where J = diag(2x, 1) is singular.
    with pytest.raises(ValueError, match=r"singular at iteration 1, x = \[0, 0\]"):
        newton_system(lambda v: np.array([v[0] ** 2 + 1, v[1]]),
                      lambda v: np.diag([2 * v[0], 1.0]), [1.0, 0.0])


def test_newton_system_divergence_is_reported():
    # arctan has one root, 0, but from |x0| > 1.39 Newton's steps grow.
    res = newton_system(np.arctan, lambda v: 1 / (1 + v**2), [2.0])
    check_invariants(res, 1)
    assert not res.converged
    assert res.reason.startswith("diverged: |x| exceeded 1e+50")
    assert np.all(np.abs(np.diff(np.abs(res.history[:, 0]))) > 0)


def test_newton_system_non_finite_value_is_reported():
    # F = log x from 5: x1 = 5 - 5 log 5 < 0, where log is nan (and NumPy's
    # warning must stay silent).
    res = newton_system(np.log, lambda v: 1 / v, [5.0])
    assert not res.converged
    assert res.reason == "diverged: non-finite F(x) at iteration 1"


def test_newton_system_maxiter_reached():
    res = newton_system(circle_hyperbola, circle_hyperbola_jac, [2.0, 0.5], maxiter=1)
    check_invariants(res, 2)
    assert not res.converged and res.reason == "maxiter reached"
    assert res.iterations == 1
    assert res.residual == pytest.approx(np.linalg.norm(circle_hyperbola(res.x)))


def test_newton_system_step_criterion():
    # Scaled by 1e8, |F| cannot fall below 1e-10 in floating point.
    res = newton_system(lambda v: 1e8 * (v**2 - 2), lambda v: np.array([[2e8 * v[0]]]), [1.0])
    assert res.converged
    assert res.reason == "converged: |step| < tol * (1 + |x|)"
    np.testing.assert_allclose(res.x, [math.sqrt(2)], rtol=1e-15)


def test_newton_system_scalar_problem():
    res = newton_system(lambda x: x**2 - 2, lambda x: 2 * x, 1.0)
    assert res.converged
    np.testing.assert_allclose(res.x, [math.sqrt(2)], rtol=1e-11)
    tight = newton_system(lambda x: x**2 - 2, lambda x: 2 * x, 1.0, tol=1e-14)
    assert tight.iterations == res.iterations + 1
    np.testing.assert_allclose(tight.x, [math.sqrt(2)], rtol=1e-15)


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        ({"F": lambda v: v[:1]}, ValueError, r"F must return .*shape \(2,\)"),
        ({"F": lambda v: np.zeros(3)}, ValueError, r"F must return .*shape \(2,\)"),
        ({"J": lambda v: np.ones((2, 3))}, ValueError, r"J must return .*shape \(2, 2\)"),
        ({"J": lambda v: np.ones(2)}, ValueError, r"J must return .*shape \(2, 2\)"),
        ({"F": lambda v: np.array([np.nan, 0.0])}, ValueError, r"F\(x0\) must be finite"),
        ({"J": lambda v: np.full((2, 2), np.inf)}, ValueError, r"J\(x0\) must be finite"),
        ({"F": 3}, TypeError, "F"),
        ({"J": [[1, 0], [0, 1]]}, TypeError, "J"),
        ({"x0": [np.inf, 0.0]}, ValueError, "x0"),
        ({"tol": 0}, ValueError, "tol"),
        ({"maxiter": -1}, ValueError, "maxiter"),
    ],
)
def test_newton_system_bad_input(kwargs, error, match):
    args = {"F": circle_hyperbola, "J": circle_hyperbola_jac, "x0": [2.0, 0.5]} | kwargs
    with pytest.raises(error, match=match):
        newton_system(**args)


# --------------------------------------------------------------------------
# The result

def test_result_is_frozen_and_read_only():
    res = newton_system(circle_hyperbola, circle_hyperbola_jac, [2.0, 0.5])
    with pytest.raises(dataclasses.FrozenInstanceError):
        res.x = np.zeros(2)
    with pytest.raises(ValueError, match="read-only"):
        res.history[0, 0] = 1.0
    assert "history" not in repr(res)
    assert {f.name for f in dataclasses.fields(res)} == {
        "x", "converged", "iterations", "history", "reason", "residual"}


# --------------------------------------------------------------------------
# classify_critical_point

X, Y = sp.symbols("x y")


@pytest.mark.parametrize(
    "f, expected",
    [
        (X**2 + Y**2, "minimum"),
        (-(X**2 + Y**2), "maximum"),
        (X**2 - Y**2, "saddle"),
        (X**4 + Y**4, "degenerate"),
        (X**4 - Y**4, "degenerate"),
        (X * Y, "saddle"),
    ],
)
def test_classify_at_origin(f, expected):
    H = sp.hessian(f, (X, Y)).subs({X: 0, Y: 0})
    assert classify_critical_point(H) == expected  # a SymPy Matrix
    assert classify_critical_point(np.array(H, dtype=float)) == expected


def test_classify_rosenbrock_minimum():
    f = (1 - X) ** 2 + 100 * (Y - X**2) ** 2
    H = sp.hessian(f, (X, Y)).subs({X: 1, Y: 1})
    assert H == sp.Matrix([[802, -400], [-400, 200]])
    assert classify_critical_point(H) == "minimum"
    assert classify_critical_point(rosen_hess([1.0, 1.0])) == "minimum"


@pytest.mark.parametrize(
    "eigenvalues, expected",
    [
        ([2.0, -2.0, 0.0], "saddle"),  # mixed signs decide, whatever the zero
        ([2.0, 0.0], "degenerate"),
        ([-2.0, 0.0], "degenerate"),
        ([1.0, 1e-12], "degenerate"),  # below tol = 1e-10
        ([1.0, 1e-8], "minimum"),
        ([1e4, -1e-7], "degenerate"),  # zero relative to the largest, 1e4
        ([1e4, -1e-5], "saddle"),
        ([3.0], "minimum"),
        ([-3.0], "maximum"),
    ],
)
def test_classify_tolerance_rule(eigenvalues, expected):
    assert classify_critical_point(np.diag(eigenvalues)) == expected


def test_classify_larger_tol_for_numeric_hessians():
    noisy = np.array([[1e-8, 3e-9], [3e-9, -2e-8]])  # a zero Hessian, numerically
    assert classify_critical_point(noisy) == "saddle"
    assert classify_critical_point(noisy, tol=1e-6) == "degenerate"


@pytest.mark.parametrize(
    "H, kwargs, error, match",
    [
        ([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], {}, ValueError,
         r"H must be a square matrix, got shape \(2, 3\)"),
        ([[1.0, 2.0], [0.0, 1.0]], {}, ValueError, "H must be symmetric"),
        ([1.0, 2.0], {}, ValueError, "H must be a 2-D matrix"),
        (np.zeros((0, 0)), {}, ValueError, "H must be a non-empty"),
        ([[np.nan, 0.0], [0.0, 1.0]], {}, ValueError, "H must be finite"),
        (sp.Matrix([[X, 0], [0, 1]]), {}, TypeError, "H must be a matrix of numbers"),
        (np.eye(2), {"tol": 0.0}, ValueError, "tol"),
    ],
)
def test_classify_bad_input(H, kwargs, error, match):
    with pytest.raises(error, match=match):
        classify_critical_point(H, **kwargs)


# --------------------------------------------------------------------------
# Properties over random inputs

def random_rotation(rng: np.random.Generator, n: int) -> np.ndarray:
    q, r = np.linalg.qr(rng.standard_normal((n, n)))
    return q * np.sign(np.diag(r))


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(1, 5),
       signs=st.lists(st.sampled_from([-1, 0, 1]), min_size=5, max_size=5))
def test_classify_matches_eigenvalue_signs(seed, n, signs):
    rng = np.random.default_rng(seed)
    signs = np.array(signs[:n])
    eigenvalues = signs * rng.uniform(0.1, 10.0, n)
    Q = random_rotation(rng, n)
    H = Q @ np.diag(eigenvalues) @ Q.T
    H = (H + H.T) / 2  # exactly symmetric; the eigenvalues move by rounding only
    if (signs > 0).any() and (signs < 0).any():
        expected = "saddle"
    elif (signs == 0).any():
        expected = "degenerate"
    else:
        expected = "minimum" if signs[0] > 0 else "maximum"
    assert classify_critical_point(H) == expected


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(1, 4))
def test_descent_converges_iff_step_below_two_over_L(seed, n):
    rng = np.random.default_rng(seed)
    eigenvalues = rng.uniform(0.5, 5.0, n)
    Q = random_rotation(rng, n)
    A = Q @ np.diag(eigenvalues) @ Q.T
    x0 = rng.uniform(-2.0, 2.0, n) + 1.0
    L = eigenvalues.max()
    good = gradient_descent(lambda v: A @ v, x0, step=1.0 / L, maxiter=5_000)
    assert good.converged
    np.testing.assert_allclose(good.x, 0.0, atol=1e-7)
    bad = gradient_descent(lambda v: A @ v, x0, step=2.5 / L, maxiter=5_000)
    assert not bad.converged and bad.reason.startswith("diverged")


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(1, 4))
def test_newton_solves_linear_systems_in_one_step(seed, n):
    rng = np.random.default_rng(seed)
    A = random_rotation(rng, n) @ np.diag(rng.uniform(0.5, 3.0, n))  # cond <= 6
    b = rng.standard_normal(n)
    res = newton_system(lambda v: A @ v - b, lambda v: A, rng.standard_normal(n))
    assert res.converged and res.iterations <= 2
    np.testing.assert_allclose(res.x, np.linalg.solve(A, b), atol=1e-10)
