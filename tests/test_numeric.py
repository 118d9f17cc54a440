"""Tests of companion.numeric: every method against exact SymPy derivatives of
the book's examples at seeded random points, identities as property tests,
and one test per failure path.

The accuracy bounds below are the ones the module docstring promises
("Accuracy"); an entry passes when |num - exact| <= rtol |exact| + atol.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

import mpmath
import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from companion.numeric import (
    METHODS,
    derivative,
    gradient,
    hessian,
    jacobian,
    jvp,
    laplacian,
    vjp,
)

# A RuntimeWarning from NumPy inside a derivative is a bug: fail on it.
pytestmark = pytest.mark.filterwarnings("error")

# (rtol, atol) per method, as in the module docstring ("Accuracy").
FIRST_TOL = {
    "richardson": (1e-10, 1e-12),
    "central": (1e-9, 1e-9),
    "forward": (1e-6, 1e-6),
    "complex": (1e-14, 1e-14),
}
SECOND_TOL = {
    "richardson": (1e-9, 1e-12),
    "central": (1e-6, 1e-6),
    "forward": (1e-3, 1e-3),
    "complex": (1e-10, 1e-12),
}
# The one-step methods ("central", "forward") leave an error of about
# h^k |f^(k+1)| + eps |f| / h, so their absolute floor is multiplied by the
# size S of f and its higher derivatives near x: S = 1 for the examples of
# order 1, S = 1e3 for Rosenbrock (values up to ~4e3, f_xxx = 2400 x).
SCALED = ("central", "forward")


def tolerance(table: dict, method: str, name: str) -> tuple[float, float]:
    rtol, atol = table[method]
    if method in SCALED:
        atol *= EXAMPLES[name].size
    return rtol, atol


N_POINTS = 20

X, Y = sp.symbols("x y")


# --------------------------------------------------------------------------
# The book's examples, as NumPy callables and as SymPy expressions.

@dataclass(frozen=True)
class Example:
    name: str
    f: Callable[[np.ndarray], object]
    exprs: tuple[sp.Expr, ...]
    seed: int
    polar: bool = False
    size: float = 1.0

    @property
    def scalar(self) -> bool:
        return len(self.exprs) == 1


EXAMPLES = {
    "F1": Example("F1", lambda p: np.array([p[0] ** 2 * p[1], 5 * p[0] + np.sin(p[1])]),
                  (X ** 2 * Y, 5 * X + sp.sin(Y)), seed=1),
    "F2": Example("F2", lambda p: np.array([p[0] ** 2 - p[1] ** 2, 2 * p[0] * p[1],
                                            p[0] + p[1]]),
                  (X ** 2 - Y ** 2, 2 * X * Y, X + Y), seed=2),
    "polar": Example("polar", lambda p: np.array([p[0] * np.cos(p[1]), p[0] * np.sin(p[1])]),
                     (X * sp.cos(Y), X * sp.sin(Y)), seed=3, polar=True),
    "rosenbrock": Example("rosenbrock",
                          lambda p: (1 - p[0]) ** 2 + 100 * (p[1] - p[0] ** 2) ** 2,
                          ((1 - X) ** 2 + 100 * (Y - X ** 2) ** 2,), seed=4, size=1e3),
    "g": Example("g", lambda p: np.exp(p[0]) * np.sin(p[1]) + p[0] ** 3 * p[1],
                 (sp.exp(X) * sp.sin(Y) + X ** 3 * Y,), seed=5),
}
MAPS = ["F1", "F2", "polar"]
SCALARS = ["rosenbrock", "g"]
# Scalar functions for second derivatives: the two scalar examples and every
# component of the maps (their Hessians have exactly zero entries, and
# u^2 - v^2, 2uv, u + v are harmonic: Laplacian exactly 0).
COMPONENTS = [(name, i) for name in SCALARS + MAPS for i in range(len(EXAMPLES[name].exprs))]


@functools.cache
def points(name: str) -> np.ndarray:
    example = EXAMPLES[name]
    rng = np.random.default_rng(example.seed)
    pts = rng.uniform(-2.0, 2.0, size=(N_POINTS, 2))
    if example.polar:
        pts[:, 0] = rng.uniform(0.5, 2.0, size=N_POINTS)
    return pts


@functools.cache
def exact(name: str) -> tuple[list[np.ndarray], list[list[np.ndarray]]]:
    """Exact Jacobians (m, 2) and component Hessians (2, 2) at points(name).

    sympy.diff once, lambdify once (to mpmath), then evaluated at 30 digits
    and rounded: the reference is correct to the last bit, so the
    comparison measures the error of the method, not of the reference.
    """
    exprs = EXAMPLES[name].exprs
    first = sp.lambdify((X, Y), [[sp.diff(e, v) for v in (X, Y)] for e in exprs], "mpmath")
    second = sp.lambdify((X, Y), [[[sp.diff(e, a, b) for b in (X, Y)] for a in (X, Y)]
                                  for e in exprs], "mpmath")
    jacobians, hessians = [], []
    with mpmath.workdps(30):
        for p in points(name):
            args = (mpmath.mpf(p[0]), mpmath.mpf(p[1]))
            jacobians.append(np.array(first(*args), dtype=float))
            hessians.append([np.array(h, dtype=float) for h in second(*args)])
    return jacobians, hessians


@functools.cache
def exact_products(name: str) -> tuple[np.ndarray, np.ndarray, list, list]:
    """Random v, u per point and the exact J v and u^T J (summed at 30 digits)."""
    example = EXAMPLES[name]
    m = len(example.exprs)
    rng = np.random.default_rng(example.seed + 100)
    vs = rng.normal(size=(N_POINTS, 2))
    us = rng.normal(size=(N_POINTS, m))
    first = sp.lambdify((X, Y), [[sp.diff(e, v) for v in (X, Y)] for e in example.exprs],
                        "mpmath")
    jv, uj = [], []
    with mpmath.workdps(30):
        for p, v, u in zip(points(name), vs, us):
            J = mpmath.matrix(first(mpmath.mpf(p[0]), mpmath.mpf(p[1])))
            jv.append(np.array((J * mpmath.matrix(v.tolist())).tolist(), dtype=float).ravel())
            uj.append(np.array((mpmath.matrix(u.tolist()).T * J).tolist(),
                               dtype=float).ravel())
    return vs, us, jv, uj


def assert_close(num, ref, tol: tuple[float, float], where: str) -> None:
    rtol, atol = tol
    num, ref = np.asarray(num, dtype=float), np.asarray(ref, dtype=float)
    assert num.shape == ref.shape, where
    bound = rtol * np.abs(ref) + atol
    error = np.abs(num - ref)
    assert np.all(error <= bound), (
        f"{where}: error {error.ravel()} exceeds {bound.ravel()} (num {num.ravel()}, "
        f"exact {ref.ravel()})"
    )


def component(name: str, i: int) -> Callable[[np.ndarray], object]:
    f = EXAMPLES[name].f
    return f if EXAMPLES[name].scalar else (lambda p: f(p)[i])


# --------------------------------------------------------------------------
# Accuracy against SymPy, every method.

@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("name", MAPS + SCALARS)
def test_jacobian_matches_sympy(name, method):
    example = EXAMPLES[name]
    jacobians, _ = exact(name)
    for p, J in zip(points(name), jacobians):
        assert_close(jacobian(example.f, p, method=method), J,
                     tolerance(FIRST_TOL, method, name), f"{name} at {p}")


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("name", SCALARS)
def test_gradient_matches_sympy(name, method):
    jacobians, _ = exact(name)
    for p, J in zip(points(name), jacobians):
        assert_close(gradient(EXAMPLES[name].f, p, method=method), J[0],
                     tolerance(FIRST_TOL, method, name), f"{name} at {p}")


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("name", ["F1", "polar", "g"])
def test_derivative_matches_sympy(name, method):
    # t -> f(t, y) at t = x is the first column of the Jacobian; a map gives
    # a curve (array of derivatives), a scalar function a float.
    example = EXAMPLES[name]
    jacobians, _ = exact(name)
    for p, J in zip(points(name), jacobians):
        d = derivative(lambda t: example.f(np.array([t, p[1]])), p[0], method=method)
        if example.scalar:
            assert isinstance(d, float)
            assert_close(d, J[0, 0], tolerance(FIRST_TOL, method, name), f"{name} at {p}")
        else:
            assert_close(d, J[:, 0], tolerance(FIRST_TOL, method, name), f"{name} at {p}")


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("name", MAPS + SCALARS)
def test_jvp_and_vjp_match_sympy(name, method):
    example = EXAMPLES[name]
    tol = tolerance(FIRST_TOL, method, name)
    vs, us, jv, uj = exact_products(name)
    for p, v, u, Jv, uJ in zip(points(name), vs, us, jv, uj):
        assert_close(jvp(example.f, p, v, method=method), Jv, tol, f"jvp {name} at {p}")
        assert_close(vjp(example.f, p, u, method=method), uJ, tol, f"vjp {name} at {p}")


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("name,i", COMPONENTS)
def test_hessian_and_laplacian_match_sympy(name, i, method):
    f = component(name, i)
    tol = tolerance(SECOND_TOL, method, name)
    _, hessians = exact(name)
    for p, Hs in zip(points(name), hessians):
        H = hessian(f, p, method=method)
        assert np.array_equal(H, H.T)
        assert_close(H, Hs[i], tol, f"hessian {name}[{i}] at {p}")
        assert_close(laplacian(f, p, method=method), np.trace(Hs[i]), tol,
                     f"laplacian {name}[{i}] at {p}")


def test_the_books_worked_jacobians():
    J = jacobian(EXAMPLES["F1"].f, [1.0, 2.0])
    assert_close(J, [[4.0, 1.0], [5.0, np.cos(2.0)]], FIRST_TOL["richardson"], "F1")
    J = jacobian(EXAMPLES["F2"].f, [1.0, 2.0])
    assert J.shape == (3, 2)
    assert_close(J, [[2.0, -4.0], [4.0, 2.0], [1.0, 1.0]], FIRST_TOL["richardson"], "F2")


# --------------------------------------------------------------------------
# Shapes, steps and costs.

def test_shapes():
    f3 = lambda p: np.array([p[0] * p[1], p[1] * p[2]])  # noqa: E731  R^3 -> R^2
    x = [1.0, 2.0, 3.0]
    assert jacobian(f3, x).shape == (2, 3)
    assert jacobian(lambda p: p @ p, x).shape == (1, 3)   # scalar output: m = 1
    assert jacobian(np.sin, 0.5).shape == (1, 1)           # x a float: n = 1
    assert gradient(lambda p: p @ p, x).shape == (3,)
    assert hessian(lambda p: p @ p, x).shape == (3, 3)
    assert isinstance(laplacian(lambda p: p @ p, x), float)
    assert jvp(f3, x, [1, 0, 0]).shape == (2,)
    assert vjp(f3, x, [1, 0]).shape == (3,)
    assert isinstance(derivative(np.sin, 0.5), float)
    assert derivative(lambda t: [t, t ** 2], 1.0).shape == (2,)
    assert jacobian(lambda p: [p[0], p[1] ** 2], [1.0, 2.0]).shape == (2, 2)  # a list
    assert jvp(lambda p: p @ p, x, [1, 0, 0]).shape == (1,)
    assert vjp(lambda p: p @ p, x, [2.0]).shape == (3,)


def test_step_is_the_base_step_scaled_by_max_1_abs_x():
    # Forward difference of t^2 at t with step h: 2t + h, exactly.
    assert derivative(lambda t: t ** 2, 1.0, method="forward", step=0.5) == 2.5
    # At t = 10 the step is 0.5 * 10 = 5: (15^2 - 10^2) / 5 = 25.
    assert derivative(lambda t: t ** 2, 10.0, method="forward", step=0.5) == 25.0
    # Central difference of t^3: 3 t^2 + h^2.
    assert derivative(lambda t: t ** 3, 1.0, method="central", step=0.5) == 3.25
    # Richardson cancels h^2, h^4, h^6: exact for polynomials of degree <= 8.
    assert derivative(lambda t: t ** 8, 1.0, step=0.5) == pytest.approx(8.0, rel=1e-12)


def test_complex_step_needs_no_cancellation():
    # Im f(x + ih) / h does not subtract values, so even a step of 1e-100
    # gives the derivative to the last bits.
    assert derivative(np.exp, 1.0, method="complex", step=1e-100) == pytest.approx(
        np.e, rel=1e-15)


def counting(f):
    points = []

    def counted(p):
        points.append(np.array(p))
        return f(p)
    return counted, points


def test_costs_in_evaluations_of_f():
    quad = lambda p: p @ p  # noqa: E731
    x = np.arange(1.0, 6.0)   # n = 5
    for method, first in [("forward", 6), ("central", 10), ("richardson", 40),
                          ("complex", 5)]:
        f, seen = counting(quad)
        gradient(f, x, method=method)
        assert len(seen) == first, method       # forward reuses f(x)
    # jvp: one direction, whatever n is.
    for method, calls in [("forward", 2), ("central", 2), ("richardson", 8), ("complex", 1)]:
        f, seen = counting(quad)
        jvp(f, x, np.ones(5), method=method)
        assert len(seen) == calls, method


def test_laplacian_evaluates_along_the_axes_only():
    x = np.array([1.0, 2.0, 3.0])   # n = 3; Richardson second derivatives: 5 levels
    f, seen = counting(lambda p: p @ p)
    laplacian(f, x)
    assert len(seen) == 1 + 2 * 5 * 3
    assert all(np.count_nonzero(p != x) <= 1 for p in seen)   # no mixed points
    f, seen = counting(lambda p: p @ p)
    hessian(f, x)
    assert len(seen) == 1 + 2 * 5 * 3 + 4 * 5 * 3             # + 3 pairs, 4 corners


# --------------------------------------------------------------------------
# Identities over random points and directions.

COORD = st.floats(-3.0, 3.0, allow_nan=False, allow_infinity=False)
POINT3 = arrays(np.float64, 3, elements=COORD)


def field(p):
    """A smooth map R^3 -> R^3 (complex-analytic code)."""
    return np.array([np.sin(p[0]) * p[1], p[1] * np.exp(p[2] / 3), p[0] * p[2] ** 2])


def scalar(p):
    """A smooth function R^3 -> R (complex-analytic code)."""
    return np.cos(p[0]) * p[1] ** 2 + np.exp(p[2] / 3) * p[0]



@settings(max_examples=30, deadline=None)
@given(POINT3, POINT3, POINT3)
def test_jvp_and_vjp_agree_with_the_jacobian(x, v, u):
    # Both sides carry the Richardson error (~1e-12 relative to the terms).
    J = jacobian(field, x)
    scale = np.abs(J) @ np.abs(v) + 1.0
    assert np.all(np.abs(jvp(field, x, v) - J @ v) <= 1e-10 * scale)
    scale = np.abs(u) @ np.abs(J) + 1.0
    assert np.all(np.abs(vjp(field, x, u) - u @ J) <= 1e-10 * scale)
    Jc = jacobian(field, x, method="complex")
    assert np.all(np.abs(jvp(field, x, v, method="complex") - Jc @ v)
                  <= 1e-14 * (np.abs(Jc) @ np.abs(v) + 1.0))


@settings(max_examples=30, deadline=None)
@given(POINT3)
def test_laplacian_is_the_trace_of_the_symmetric_hessian(x):
    H = hessian(scalar, x)
    assert np.array_equal(H, H.T)
    assert abs(laplacian(scalar, x) - np.trace(H)) <= 1e-9 * (np.abs(H).sum() + 1.0)
    Hc = hessian(scalar, x, method="complex")
    assert np.array_equal(Hc, Hc.T)
    assert abs(laplacian(scalar, x, method="complex") - np.trace(Hc)) <= 1e-9 * (
        np.abs(Hc).sum() + 1.0)
    assert np.allclose(Hc, H, rtol=1e-9, atol=1e-9)


@settings(max_examples=30, deadline=None)
@given(arrays(np.float64, (2, 3), elements=COORD), POINT3)
def test_jacobian_of_a_linear_map_is_its_matrix(A, x):
    for method in METHODS:
        J = jacobian(lambda p: A @ p, x, method=method)
        tol = 1e-6 if method == "forward" else 1e-9
        assert np.allclose(J, A, rtol=0, atol=tol * (1 + np.abs(x).max())), method


# --------------------------------------------------------------------------
# Failure paths, each with its own test.

@pytest.mark.parametrize("function", [jacobian, gradient, hessian, laplacian, derivative])
def test_unknown_method_lists_the_valid_ones(function):
    with pytest.raises(ValueError, match="method must be one of 'richardson', 'central', "
                                         "'forward', 'complex'; got 'backward'"):
        function(lambda p: p, 1.0, method="backward")


@pytest.mark.parametrize("bad", [[1.0, np.nan], [np.inf, 0.0]])
def test_non_finite_x(bad):
    with pytest.raises(ValueError, match="x must be finite"):
        jacobian(lambda p: p, bad)
    with pytest.raises(ValueError, match="x must be finite"):
        hessian(lambda p: p @ p, bad)


def test_jvp_direction_of_the_wrong_dimension():
    with pytest.raises(ValueError, match="v must have 2 components, got 3"):
        jvp(EXAMPLES["F1"].f, [1.0, 2.0], [1.0, 0.0, 0.0])


def test_vjp_weights_of_the_wrong_dimension():
    with pytest.raises(ValueError, match=r"u must have 2 components \(one per output of f\), "
                                         "got 3"):
        vjp(EXAMPLES["F1"].f, [1.0, 2.0], [1.0, 0.0, 0.0])


def test_jvp_along_zero_is_zero():
    assert np.array_equal(jvp(EXAMPLES["F2"].f, [1.0, 2.0], [0.0, 0.0]), np.zeros(3))


@pytest.mark.parametrize("method", METHODS)
def test_f_returning_nan_names_the_point(method):
    def f(p):
        # NaN at the perturbed points (right of x, or off the real axis).
        bad = p[0].real > 0.6 or p[0].imag != 0
        return p[0] * (np.nan if bad else 1.0)
    with pytest.raises(ValueError, match=r"f returned a non-finite value at x = \[0\.6"):
        gradient(f, [0.6], method=method)


def test_f_returning_nan_at_x_itself():
    def f(p):
        return np.nan if p[0] == 1.0 else p[0]
    with pytest.raises(ValueError, match=r"non-finite value at x = \[1\.\]"):
        hessian(f, [1.0])


def test_f_returning_inf():
    def f(p):
        return np.array([1.0 / p[0] if p[0] != 0 else np.inf, p[1]])
    with pytest.raises(ValueError, match="non-finite"):
        jacobian(f, [0.0, 1.0], method="central", step=1.0)


@pytest.mark.parametrize("drop_imaginary", [
    lambda p: np.abs(p[0]) * 2.0,
    lambda p: float(p[0].real) ** 2,
    lambda p: np.array([np.linalg.norm(p), 1.0]),
])
def test_complex_step_rejects_a_function_returning_real_values(drop_imaginary):
    with pytest.raises(ValueError, match="complex-analytic.*returned a real value"):
        jacobian(drop_imaginary, [1.0, 2.0], method="complex")


def test_complex_step_explains_a_type_error_from_f():
    import math
    with pytest.raises(ValueError, match="complex-analytic") as info:
        derivative(math.sin, 1.0, method="complex")
    assert isinstance(info.value.__cause__, TypeError)


@pytest.mark.parametrize("step", [0, -1e-3, np.nan, np.inf])
def test_step_must_be_positive_and_finite(step):
    with pytest.raises(ValueError, match="step must be a positive finite number"):
        jacobian(EXAMPLES["F1"].f, [1.0, 2.0], step=step)
    with pytest.raises(ValueError, match="step must be a positive finite number"):
        laplacian(EXAMPLES["g"].f, [1.0, 2.0], step=step)


@pytest.mark.parametrize("method", ["richardson", "central", "forward"])
def test_step_too_small_to_move_x(method):
    with pytest.raises(ValueError, match="step is too small for x: x \\+ h rounds to x"):
        derivative(np.sin, 1.0, method=method, step=1e-17)
    with pytest.raises(ValueError, match="step is too small for x"):
        jvp(EXAMPLES["F1"].f, [1e8, 2.0], [1.0, 0.0], method=method, step=1e-25)
    with pytest.raises(ValueError, match="step is too small for x"):
        hessian(EXAMPLES["g"].f, [1.0, 2.0], method=method, step=1e-17)


def test_step_so_small_that_the_second_difference_underflows():
    # x = 0 moves (h = 1e-170 is a float), but h^2 underflows to 0.
    with pytest.raises(ValueError, match="not finite although f was: step is too small"):
        hessian(lambda p: p @ p, [0.0, 0.0], step=1e-170)


def test_complex_step_that_would_underflow():
    with pytest.raises(ValueError, match="step must be at least 1e-150 for the complex step"):
        derivative(np.exp, 1.0, method="complex", step=1e-200)


def test_f_returning_outputs_of_varying_shape():
    with pytest.raises(ValueError, match="same shape at every point"):
        jacobian(lambda p: np.zeros(2 if p[0] > 1.0 else 3), [1.0, 2.0])


def test_jacobian_of_a_matrix_valued_f():
    with pytest.raises(ValueError, match="expected a scalar or 1-D output from f, got an "
                                         r"array of shape \(2, 2\)"):
        jacobian(lambda p: np.outer(p, p), [1.0, 2.0])


@pytest.mark.parametrize("function", [gradient, hessian, laplacian])
def test_second_order_verbs_need_a_scalar_f(function):
    with pytest.raises(ValueError, match="needs a scalar-valued f.*use jacobian"):
        function(EXAMPLES["F1"].f, [1.0, 2.0])


def test_derivative_needs_a_single_number():
    with pytest.raises(ValueError, match="x must have 1 components"):
        derivative(np.sin, [1.0, 2.0])


def test_default_hessian_of_a_narrow_bump_meets_the_documented_accuracy():
    # exp(-(x^2 + xy + y^2)) varies on a scale of ~1: the extrapolation's
    # widest step (5h) must stay well inside it (regression: h = 0.1 gave 6e-7).
    bump = lambda v: np.exp(-(v[0] ** 2 + v[0] * v[1] + v[1] ** 2))
    for x, y in [(0.0, 0.0), (0.3, -0.2), (1.0, 0.5), (-1.2, 0.7)]:
        e = np.exp(-(x * x + x * y + y * y))
        gx, gy = -(2 * x + y), -(x + 2 * y)
        exact = e * np.array([[gx * gx - 2, gx * gy - 1], [gx * gy - 1, gy * gy - 2]])
        H = hessian(bump, [x, y])
        assert np.all(np.abs(H - exact) <= 1e-9 * np.abs(exact) + 1e-12)


def _tanh_hessian_exact(p):
    """Exact Hessian of tanh(x0 x1 - x2) (chain rule by hand)."""
    u = p[0] * p[1] - p[2]
    du = np.array([p[1], p[0], -1.0])
    t = np.tanh(u)
    first, second = 1 - t**2, -2 * t * (1 - t**2)
    d2u = np.array([[0.0, 1.0, 0.0], [1.0, 0.0, 0.0], [0.0, 0.0, 0.0]])
    return second * np.outer(du, du) + first * d2u


def test_outer_step_of_the_complex_hessian():
    """Near a complex singularity the default outer step misses the table's
    bound (documented under Accuracy); a smaller outer step meets it."""
    f = lambda p: np.tanh(p[0] * p[1] - p[2])  # noqa: E731
    p = np.array([1.801, -1.878, -1.736])  # the worst of the measured points
    exact = _tanh_hessian_exact(p)
    bound = 1e-10 * np.abs(exact) + 1e-12

    def excess(H):
        return np.max(np.abs(H - exact) / bound)

    assert excess(hessian(f, p, method="complex")) > 10
    assert excess(hessian(f, p, method="complex", outer_step=2.0**-7)) <= 1
    lap = laplacian(f, p, method="complex", outer_step=2.0**-7)
    assert abs(lap - np.trace(exact)) <= 1e-10 * np.abs(np.diag(exact)).sum() + 1e-12
    # the default is 2^-5: passing it changes nothing
    assert np.array_equal(hessian(f, p, method="complex", outer_step=2.0**-5),
                          hessian(f, p, method="complex"))


def test_outer_step_is_for_the_complex_method_only():
    with pytest.raises(ValueError, match="outer_step applies only to method='complex'"):
        hessian(lambda p: p @ p, [1.0, 2.0], outer_step=0.01)
    with pytest.raises(ValueError, match="outer_step must be a positive finite number"):
        laplacian(lambda p: p @ p, [1.0, 2.0], method="complex", outer_step=-1.0)


# --- circle_curvature ------------------------------------------------------------

def test_circle_curvature_of_circles_and_parabolas_and_its_sign():
    from companion.numeric import circle_curvature

    angles = np.array([0.3, 1.1, 2.0])
    on_circle = [3.0 * np.array([np.cos(t), np.sin(t)]) for t in angles]
    assert np.isclose(circle_curvature(*on_circle), 1 / 3, rtol=1e-13)
    assert np.isclose(circle_curvature(*on_circle[::-1]), -1 / 3, rtol=1e-13)  # clockwise
    h = np.array([1e-3, 1e-4])[:, None]
    g = lambda t: 0.5 * 5.0 * t**2 + t**3  # curvature 5 at 0, the cubic term cancels
    many = circle_curvature(np.c_[-h, g(-h)], np.zeros((2, 2)), np.c_[h, g(h)])
    assert many.shape == (2,) and np.allclose(many, 5.0, rtol=1e-5)
    assert circle_curvature([0, 0], [1, 1], [2, 2]) == 0.0


@pytest.mark.parametrize("a, b, c, message", [
    ([0, 0], [1, 0], [0, 0], "three distinct points"),
    ([0, 0, 0], [1, 0, 0], [0, 1, 0], r"shape \(2,\) or \(n, 2\)"),
    ([0, 0], [[1, 0]], [0, 1], r"shape \(2,\) or \(n, 2\)"),
    ([0, np.nan], [1, 0], [0, 1], "must be finite"),
])
def test_circle_curvature_refuses_bad_points(a, b, c, message):
    from companion.numeric import circle_curvature

    with pytest.raises(ValueError, match=message):
        circle_curvature(a, b, c)
