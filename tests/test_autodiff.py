"""Tests of companion.autodiff: forward and reverse mode against exact SymPy
derivatives and companion.numeric's finite differences, the tiny network of
the backpropagation section, the adjoint identity as a property test, and
every failure path.

Each example function is written once, generically, taking a namespace of
elementary functions: ``sympy`` builds the exact expression, ``numpy`` the
function for finite differences, ``companion.autodiff`` the one to test.
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from companion import autodiff as ad
from companion import numeric
from companion.autodiff import (
    Dual,
    Tape,
    Var,
    count_operations,
    grad,
    jacobian_forward,
    jacobian_reverse,
    jvp,
    vjp,
)

pytestmark = pytest.mark.filterwarnings("error")

RNG_SEED = 7


def F1(p, m):
    """The book's first Jacobian example (x^2 y, 5x + sin y)."""
    x, y = p
    return [x**2 * y, 5 * x + m.sin(y)]


def polar(p, m):
    r, t = p
    return [r * m.cos(t), r * m.sin(t)]


def all_five(p, m):
    """Every elementary function, every operator, a variable exponent."""
    x, y, z = p
    return [
        m.sin(x) * m.exp(y) + m.log(1 + z**2),
        m.tanh(x * y) / (2 + m.cos(z)) - x**3 + 2**y,
        (1 + x**2) ** y - 3 / (2 + y**2) - (-z),
        1 - m.exp(-x * z) * m.cos(y),
    ]


def scalar(p, m):
    """m = 1 with a plain number returned."""
    x, y = p
    return m.exp(x * y) / (1 + x**2) + m.tanh(y) ** 2


EXAMPLES = [(F1, 2), (polar, 2), (all_five, 3), (scalar, 2)]


def exact_jacobian(f, n):
    """The exact Jacobian of f as a NumPy function, via SymPy."""
    xs = sp.symbols(f"x0:{n}", real=True)
    out = f(xs, sp)
    out = out if isinstance(out, list) else [out]
    J = sp.Matrix(out).jacobian(sp.Matrix(xs))
    J_num = sp.lambdify(xs, J, "numpy")
    return lambda x: np.array(J_num(*x), dtype=float)


def points(n, count=15):
    return np.random.default_rng(RNG_SEED + n).uniform(-1.5, 1.5, (count, n))


# --------------------------------------------------------------------------
# Forward and reverse mode against SymPy and finite differences.

@pytest.mark.parametrize("f, n", EXAMPLES, ids=[f.__name__ for f, _ in EXAMPLES])
def test_jvp_and_vjp_match_sympy_and_finite_differences(f, n):
    J_exact = exact_jacobian(f, n)
    rng = np.random.default_rng(RNG_SEED)
    for x in points(n):
        J = J_exact(x)
        m = J.shape[0]
        v, u = rng.normal(size=n), rng.normal(size=m)
        forward = jvp(lambda p: f(p, ad), x, v)
        reverse = vjp(lambda p: f(p, ad), x, u)
        assert forward.shape == (m,) and reverse.shape == (n,)
        assert forward.dtype == float and reverse.dtype == float
        assert np.allclose(forward, J @ v, rtol=1e-12, atol=1e-12)
        assert np.allclose(reverse, u @ J, rtol=1e-12, atol=1e-12)
        as_array = lambda p: np.array(f(p, np), dtype=float)
        assert np.allclose(forward, numeric.jvp(as_array, x, v), rtol=1e-9, atol=1e-9)
        assert np.allclose(reverse, numeric.vjp(as_array, x, u), rtol=1e-9, atol=1e-9)


@pytest.mark.parametrize("f, n", EXAMPLES, ids=[f.__name__ for f, _ in EXAMPLES])
def test_full_jacobians_both_ways(f, n):
    J_exact = exact_jacobian(f, n)
    for x in points(n, 5):
        J_fwd, passes_fwd = jacobian_forward(lambda p: f(p, ad), x)
        J_rev, passes_rev = jacobian_reverse(lambda p: f(p, ad), x)
        m = J_exact(x).shape[0]
        assert (passes_fwd, passes_rev) == (n, m)  # one pass per input / per output
        assert J_fwd.shape == J_rev.shape == (m, n)
        assert np.allclose(J_fwd, J_exact(x), rtol=1e-12, atol=1e-12)
        assert np.allclose(J_rev, J_exact(x), rtol=1e-12, atol=1e-12)


def test_f1_worked_example():
    f = lambda p: F1(p, ad)
    J, _ = jacobian_reverse(f, [1.0, 2.0])
    assert np.allclose(J, [[4.0, 1.0], [5.0, math.cos(2.0)]], rtol=1e-15)
    assert count_operations(f, [1.0, 2.0]) == 5  # x**2, *y, 5*x, sin y, +


def test_polar_jacobian_determinant_is_r():
    for r, t in points(2, 10):
        J, _ = jacobian_forward(lambda p: polar(p, ad), [r, t])
        assert math.isclose(np.linalg.det(J), r, rel_tol=1e-12, abs_tol=1e-14)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.floats(-2, 2), min_size=3, max_size=3),
       st.lists(st.floats(-2, 2), min_size=3, max_size=3),
       st.lists(st.floats(-2, 2), min_size=4, max_size=4))
def test_adjoint_identity(x, v, u):
    # u . (J v) == (u^T J) . v: forward and reverse mode compute the same J.
    f = lambda p: all_five(p, ad)
    lhs = float(np.dot(u, jvp(f, x, v)))
    rhs = float(np.dot(vjp(f, x, u), v))
    scale = float(np.abs(u) @ np.abs(jacobian_forward(f, x)[0]) @ np.abs(v))
    assert abs(lhs - rhs) <= 1e-13 * (1 + scale)


def test_cost_of_forward_and_reverse_mode():
    # A loss of n = 50 inputs: forward mode needs 50 passes, reverse mode one
    # sweep; a map to m = 50 outputs of one input: the other way round.
    loss = lambda p: sum(ad.tanh(a) ** 2 for a in p)
    x = np.linspace(-1, 1, 50)
    g_fwd, passes_fwd = jacobian_forward(loss, x)
    g_rev, passes_rev = jacobian_reverse(loss, x)
    assert (passes_fwd, passes_rev) == (50, 1)
    assert np.allclose(g_fwd, g_rev, rtol=1e-14)
    assert count_operations(loss, x) == 50 * 3  # tanh, **2, + (sum starts with 0 + a)
    curve = lambda p: [p[0] * k for k in range(50)]
    assert jacobian_forward(curve, [0.5])[1] == 1
    assert jacobian_reverse(curve, [0.5])[1] == 50


# --------------------------------------------------------------------------
# Elementary functions and operators.

ELEMENTARY = [
    (ad.sin, sp.sin, math.sin, 0.7),
    (ad.cos, sp.cos, math.cos, 0.7),
    (ad.exp, sp.exp, math.exp, -1.3),
    (ad.log, sp.log, math.log, 2.5),
    (ad.tanh, sp.tanh, math.tanh, 0.4),
]


@pytest.mark.parametrize("f, f_sym, f_math, a", ELEMENTARY,
                         ids=[e[0].__name__ for e in ELEMENTARY])
def test_elementary_derivatives(f, f_sym, f_math, a):
    t = sp.Symbol("t")
    exact = float(sp.diff(f_sym(t), t).subs(t, a))
    d = f(Dual(a, 1.0))
    assert isinstance(d, Dual)
    assert math.isclose(d.value, f_math(a), rel_tol=1e-15)
    assert math.isclose(d.derivative, exact, rel_tol=1e-14)
    assert math.isclose(grad(lambda p: f(p[0]), [a])[0], exact, rel_tol=1e-14)
    # The chain rule with an inner derivative of 3.
    assert math.isclose(f(Dual(a, 3.0)).derivative, 3 * exact, rel_tol=1e-14)


@pytest.mark.parametrize("f, f_sym, f_math, a", ELEMENTARY,
                         ids=[e[0].__name__ for e in ELEMENTARY])
def test_floats_in_floats_out(f, f_sym, f_math, a):
    for value in (a, np.float64(a), np.float32(a)):
        result = f(value)
        assert type(result) is float
        assert math.isclose(result, f_math(float(value)), rel_tol=1e-15)
    assert type(f(1)) is float  # ints too


def test_operators_with_floats_on_either_side():
    x = Dual(2.0, 1.0)
    cases = [  # (result, value, derivative)
        (x + 3, 5.0, 1.0), (3 + x, 5.0, 1.0), (x - 3, -1.0, 1.0), (3 - x, 1.0, -1.0),
        (x * 3, 6.0, 3.0), (3 * x, 6.0, 3.0), (x / 4, 0.5, 0.25), (4 / x, 2.0, -1.0),
        (-x, -2.0, -1.0), (+x, 2.0, 1.0), (x**3, 8.0, 12.0), (x**0, 1.0, 0.0), (x**-1, 0.5, -0.25),
        (2**x, 4.0, 4 * math.log(2)), (x**x, 4.0, 4 * (math.log(2) + 1)),
        (np.float64(3.0) * x, 6.0, 3.0), (np.float64(1.0) - x, -1.0, -1.0),
    ]
    for result, value, derivative in cases:
        assert isinstance(result, Dual)
        assert math.isclose(result.value, value, rel_tol=1e-15)
        assert math.isclose(result.derivative, derivative, rel_tol=1e-15, abs_tol=1e-300)


def test_reverse_mode_operators_agree_with_forward_mode():
    f = lambda p: [p[0] + 3, 3 - p[0], p[0] / p[1], 4 / p[1], -p[1], p[0] ** 3,
                   2 ** p[1], p[0] ** p[1], p[0] * p[1] - p[1] * 2.5]
    J_fwd, _ = jacobian_forward(f, [2.0, 0.5])
    J_rev, _ = jacobian_reverse(f, [2.0, 0.5])
    assert np.allclose(J_fwd, J_rev, rtol=1e-15, atol=0)


def test_integer_powers_of_negative_numbers_and_zero():
    assert Dual(-2.0, 1.0) ** 3 == Dual(-8.0, 12.0)
    assert Dual(0.0, 1.0) ** 2 == Dual(0.0, 0.0)
    assert np.array_equal(grad(lambda p: p[0] ** 2, [0.0]), [0.0])


def test_constant_outputs_have_zero_derivative():
    f = lambda p: [p[0] * p[1], 3.0, p[1]]
    assert np.array_equal(jvp(f, [1.0, 2.0], [1.0, 1.0]), [3.0, 0.0, 1.0])
    assert np.array_equal(vjp(f, [1.0, 2.0], [1.0, 5.0, 1.0]), [2.0, 2.0])
    assert np.array_equal(vjp(lambda p: 7.0, [1.0, 2.0], [1.0]), [0.0, 0.0])


def test_numpy_arrays_of_numbers_work_with_matrices():
    W = np.array([[1.0, 2.0], [3.0, 4.0]])
    f = lambda p: W @ np.array(p, dtype=object)
    assert np.array_equal(jvp(f, [1.0, -1.0], [1.0, 0.0]), [1.0, 3.0])
    assert np.array_equal(vjp(f, [1.0, -1.0], [1.0, 0.0]), [1.0, 2.0])


def test_tape_records_one_node_per_operation():
    tape = Tape()
    x, y = tape.variable(2.0), tape.variable(5.0)
    z = x * y + ad.sin(x)
    assert len(tape) == 5 and isinstance(z, Var) and z.index == 4
    assert tape.parents[2] == ((0, 5.0), (1, 2.0))  # d(xy)/dx = y, d(xy)/dy = x
    adjoint = tape.backward([z], [1.0])
    assert np.allclose(adjoint[:2], [5.0 + math.cos(2.0), 2.0], rtol=1e-15)
    assert adjoint[4] == 1.0
    assert repr(x) == "Var(value=2.0, index=0)"


def test_dual_is_a_frozen_value():
    d = Dual(1.0, 2.0)
    with pytest.raises(dataclasses.FrozenInstanceError):
        d.value = 3.0
    assert Dual(1.0) == Dual(1.0, 0.0)


# --------------------------------------------------------------------------
# The tiny network of the backpropagation section.

N_IN, N_HIDDEN, N_OUT = 2, 3, 2
SHAPES = [(N_HIDDEN, N_IN), (N_HIDDEN,), (N_OUT, N_HIDDEN), (N_OUT,)]  # W1, b1, W2, b2
N_PARAMS = sum(math.prod(s) for s in SHAPES)
X_DATA = [0.5, -1.2]
Y_DATA = [0.3, -0.7]


def unpack(theta):
    parts, start = [], 0
    for shape in SHAPES:
        size = math.prod(shape)
        flat = list(theta[start:start + size])
        parts.append([flat[i * shape[1]:(i + 1) * shape[1]] for i in range(shape[0])]
                     if len(shape) == 2 else flat)
        start += size
    return parts


def network_loss(theta, m):
    """L = |W2 tanh(W1 x + b1) + b2 - y|^2 / 2, written with plain Python sums."""
    W1, b1, W2, b2 = unpack(theta)
    hidden = [m.tanh(sum(w * xi for w, xi in zip(row, X_DATA)) + b) for row, b in zip(W1, b1)]
    out = [sum(w * h for w, h in zip(row, hidden)) + b for row, b in zip(W2, b2)]
    return sum((o - y) ** 2 for o, y in zip(out, Y_DATA)) / 2


def test_network_gradient_matches_sympy_and_finite_differences():
    symbols = sp.symbols(f"t0:{N_PARAMS}", real=True)
    loss_sym = network_loss(symbols, sp)
    gradient_exact = sp.lambdify(symbols, [sp.diff(loss_sym, s) for s in symbols], "numpy")
    rng = np.random.default_rng(RNG_SEED)
    for _ in range(5):
        theta = rng.normal(size=N_PARAMS)
        g = vjp(lambda p: network_loss(p, ad), theta, [1.0])
        assert g.shape == (N_PARAMS,)
        exact = np.array(gradient_exact(*theta), dtype=float)
        assert np.allclose(g, exact, rtol=1e-12, atol=1e-12)
        fd = numeric.gradient(lambda p: network_loss(p, np), theta)
        assert np.allclose(g, fd, rtol=1e-8, atol=1e-8)
        assert np.array_equal(grad(lambda p: network_loss(p, ad), theta), g)
        # Forward mode gives the same directional derivative in one pass.
        v = rng.normal(size=N_PARAMS)
        assert math.isclose(jvp(lambda p: network_loss(p, ad), theta, v)[0], g @ v,
                            rel_tol=1e-12, abs_tol=1e-12)


def test_network_costs():
    theta = np.random.default_rng(RNG_SEED).normal(size=N_PARAMS)
    loss = lambda p: network_loss(p, ad)
    assert jacobian_forward(loss, theta)[1] == N_PARAMS == 17
    assert jacobian_reverse(loss, theta)[1] == 1
    assert count_operations(loss, theta) > N_PARAMS


# --------------------------------------------------------------------------
# Failure paths.

def test_log_of_nonpositive_values():
    for bad in (0.0, -1.0, 0):
        with pytest.raises(ValueError, match=f"log needs a positive number, got {bad}"):
            ad.log(bad)
    with pytest.raises(ValueError, match="log needs a positive number, got -2.0"):
        ad.log(Dual(-2.0, 1.0))
    with pytest.raises(ValueError, match="log needs a positive number, got 0.0"):
        grad(lambda p: ad.log(p[0] - 1), [1.0])


@pytest.mark.parametrize("call, error, match", [
    (lambda: jvp(lambda p: F1(p, ad), [1.0, 2.0], [1.0]), ValueError,
     "v must have 2 components, got 1"),
    (lambda: jvp(lambda p: F1(p, ad), [1.0, 2.0], [1.0, 2.0, 3.0]), ValueError,
     "v must have 2 components, got 3"),
    (lambda: vjp(lambda p: F1(p, ad), [1.0, 2.0], [1.0, 2.0, 3.0]), ValueError,
     r"u must have 2 components \(one per output of f\), got 3"),
    (lambda: vjp(lambda p: p[0], [1.0, 2.0], [1.0, 2.0]), ValueError,
     r"u must have 1 components \(one per output of f\), got 2"),
    (lambda: jvp(lambda p: p[0], [], []), ValueError, "x must have at least one component"),
    (lambda: vjp(lambda p: p[0], [math.nan], [1.0]), ValueError, "x must be finite"),
    (lambda: jvp(lambda p: p[0], [1.0], [math.inf]), ValueError, "v must be finite"),
    (lambda: vjp(lambda p: p[0], [1.0], ["a"]), TypeError, "u must be a sequence of numbers"),
    (lambda: grad(lambda p: [], [1.0]), ValueError, "f must return at least one number"),
])
def test_bad_lengths_and_values(call, error, match):
    with pytest.raises(error, match=match):
        call()


@pytest.mark.parametrize("returned, match", [
    (None, "f must return a number or a sequence of numbers, got None"),
    (object, "f must return a number or a sequence of numbers"),
    (["a"], r"f must return numbers, but output 0 is 'a' \(str\)"),
    ([1.0, None], r"output 1 is None \(NoneType\)"),
])
@pytest.mark.parametrize("mode", [jvp, vjp])
def test_f_returning_non_numbers(mode, returned, match):
    with pytest.raises(TypeError, match=match):
        mode(lambda p: returned, [1.0], [1.0])


def test_numbers_of_the_wrong_mode_are_rejected():
    with pytest.raises(TypeError, match=r"output 0 is Var\(value=1.0, index=0\) \(Var\)"):
        jvp(lambda p: [Tape().variable(1.0)], [1.0], [1.0])
    with pytest.raises(TypeError, match=r"output 0 is Dual\(.*\) \(Dual\)"):
        vjp(lambda p: [Dual(1.0, 1.0)], [1.0], [1.0])
    with pytest.raises(TypeError):  # forward and reverse mode do not mix
        Dual(1.0, 1.0) + Tape().variable(2.0)


def test_bad_numbers_and_operands():
    with pytest.raises(TypeError, match="sin takes a float, a Dual or a Var, got 'a'"):
        ad.sin("a")
    with pytest.raises(TypeError, match="tanh takes a float"):
        ad.tanh(np.array([1.0, 2.0]))
    with pytest.raises(TypeError, match="Dual needs two real numbers"):
        Dual("1", 0.0)
    with pytest.raises(TypeError):
        Dual(1.0, 1.0) + "a"
    with pytest.raises(ValueError, match="different tapes"):
        Tape().variable(1.0) * Tape().variable(2.0)
    with pytest.raises(ValueError, match=r"x \*\* y with y differentiable needs x > 0"):
        Dual(-2.0, 1.0) ** Dual(2.0, 0.0)
    with pytest.raises(ValueError, match=r"x \*\* y is not real"):
        Dual(-8.0, 1.0) ** (1 / 3)
    with pytest.raises(TypeError, match="does not support ufuncs"):
        np.sin(Dual(1.0, 1.0))  # use companion.autodiff.sin


def test_backward_checks_its_arguments():
    tape, other = Tape(), Tape()
    x = tape.variable(1.0)
    with pytest.raises(ValueError, match="weights must have 1 components, got 2"):
        tape.backward([x], [1.0, 2.0])
    with pytest.raises(ValueError, match="outputs must be Vars recorded on this tape"):
        tape.backward([other.variable(1.0)], [1.0])
