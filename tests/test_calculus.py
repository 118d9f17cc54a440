"""Exact derivatives: the book's worked examples and every failure path."""

import pytest
import sympy as sp

from companion import calculus

x, y, z, u, v = sp.symbols("x y z u v", real=True)


def is_zero(expr):
    return sp.simplify(expr) == 0


def test_jacobian_of_the_first_worked_map():
    J = calculus.jacobian([x**2 * y, 5 * x + sp.sin(y)], [x, y])
    assert J == sp.Matrix([[2 * x * y, x**2], [5, sp.cos(y)]])


def test_jacobian_of_a_map_from_the_plane_to_space_is_3_by_2():
    J = calculus.jacobian([u**2 - v**2, 2 * u * v, u + v], [u, v])
    assert J.shape == (3, 2)
    assert J == sp.Matrix([[2 * u, -2 * v], [2 * v, 2 * u], [1, 1]])


def test_jacobian_rows_are_transposed_gradients():
    F = [x**2 * y, 5 * x + sp.sin(y)]
    J = calculus.jacobian(F, [x, y])
    for i, f in enumerate(F):
        assert J[i, :] == calculus.gradient(f, [x, y]).T


def test_scalar_jacobian_is_the_transposed_gradient():
    f = sp.exp(x) * sp.sin(y)
    assert calculus.jacobian(f, [x, y]) == calculus.gradient(f, [x, y]).T


def test_gradient_is_a_column():
    g = calculus.gradient(x**2 + y**2 + z**2, [x, y, z])
    assert g.shape == (3, 1)
    assert g == sp.Matrix([2 * x, 2 * y, 2 * z])


def test_hessian_is_the_jacobian_of_the_gradient_and_symmetric():
    f = sp.exp(x) * sp.sin(y) + x**3 * y
    H = calculus.hessian(f, [x, y])
    assert H == calculus.jacobian(list(calculus.gradient(f, [x, y])), [x, y])
    assert H == H.T


def test_rosenbrock_hessian_at_its_minimum():
    f = (1 - x) ** 2 + 100 * (y - x**2) ** 2
    assert calculus.hessian(f, [x, y]).subs({x: 1, y: 1}) == sp.Matrix([[802, -400], [-400, 200]])


def test_laplacian_is_divergence_of_gradient_and_trace_of_hessian():
    f = sp.exp(x) * sp.sin(y) + x**3 * y + z**4
    lap = calculus.laplacian(f, [x, y, z])
    assert is_zero(lap - calculus.divergence(list(calculus.gradient(f, [x, y, z])), [x, y, z]))
    assert is_zero(lap - calculus.hessian(f, [x, y, z]).trace())


@pytest.mark.parametrize("f", [x**2 - y**2, sp.exp(x) * sp.sin(y)])
def test_harmonic_functions(f):
    assert is_zero(calculus.laplacian(f, [x, y]))


def test_directional_derivative_is_gradient_dot_direction():
    f = x**2 * y
    d = calculus.directional_derivative(f, [x, y], [sp.Rational(3, 5), sp.Rational(4, 5)])
    assert is_zero(d - (2 * x * y * sp.Rational(3, 5) + x**2 * sp.Rational(4, 5)))


def test_linearize_vector_map_matches_value_and_jacobian_at_the_point():
    F = [x**2 * y, 5 * x + sp.sin(y)]
    L = calculus.linearize(F, [x, y], {x: 1, y: 0})
    assert L.shape == (2, 1)
    assert L.subs({x: 1, y: 0}) == sp.Matrix(F).subs({x: 1, y: 0})
    assert L.jacobian([x, y]) == calculus.jacobian(F, [x, y]).subs({x: 1, y: 0})


def test_linearize_scalar_returns_an_expression():
    assert calculus.linearize(x**2 * y, [x, y], [1, 2]) == 4 * x + y - 4


@pytest.mark.parametrize(
    "call, exc, match",
    [
        (lambda: calculus.gradient(x * y, "xy"), TypeError, "vars"),
        (lambda: calculus.gradient(x * y, []), ValueError, "vars"),
        (lambda: calculus.gradient(x * y, [x, 2]), TypeError, "vars"),
        (lambda: calculus.gradient(x * y, [x, x]), ValueError, "repeat"),
        (lambda: calculus.gradient([x, y], [x, y]), TypeError, "scalar"),
        (lambda: calculus.jacobian(sp.Matrix([[x, y], [y, x]]), [x, y]), ValueError, "vector"),
        (lambda: calculus.jacobian([], [x, y]), ValueError, "at least one"),
        (lambda: calculus.divergence([x, y, z], [x, y]), ValueError, "one component per variable"),
        (lambda: calculus.directional_derivative(x * y, [x, y], [1, 2, 3]), ValueError, "u must have 2"),
        (lambda: calculus.linearize(x * y, [x, y], [1]), ValueError, "point must have 2"),
        (lambda: calculus.linearize(x * y, [x, y], {x: 1}), ValueError, "point must give"),
        (lambda: calculus.laplacian(sp.Eq(x, y), [x, y]), TypeError, "scalar"),
    ],
)
def test_bad_input_is_refused_with_a_specific_message(call, exc, match):
    with pytest.raises(exc, match=match):
        call()


def test_shared_vector_check_refuses_none_by_name():
    from companion._checks import as_vector

    with pytest.raises(TypeError, match="x must be a sequence of numbers, got None"):
        as_vector(None, "x")


def test_area_element_of_the_torus_and_of_a_graph():
    R, r = sp.symbols("R r", positive=True)
    u, v, x, y = sp.symbols("u v x y", real=True)
    torus = [(R + r * sp.cos(v)) * sp.cos(u), (R + r * sp.cos(v)) * sp.sin(u), r * sp.sin(v)]
    assert calculus.area_element(torus, [u, v]) == r * sp.Abs(R + r * sp.cos(v))
    # a graph z = f(x, y): sqrt(1 + |grad f|^2)
    f = x**2 - 3 * x * y
    expected = sp.sqrt(1 + sp.diff(f, x) ** 2 + sp.diff(f, y) ** 2)
    assert sp.simplify(calculus.area_element([x, y, f], [x, y]) - expected) == 0


def test_area_element_equals_the_length_of_the_cross_product():
    u, v = sp.symbols("u v", real=True)
    X = sp.Matrix([u * sp.cos(v), u * sp.sin(v), v])  # a helicoid
    J = X.jacobian([u, v])
    normal = J[:, 0].cross(J[:, 1])
    assert sp.simplify(calculus.area_element(X, [u, v]) ** 2 - normal.dot(normal)) == 0


def test_area_element_tidy_is_exact_and_uses_pythagoras():
    from companion.calculus import _tidy_trig_squares

    a, b, R = sp.symbols("a b R", real=True)
    assert _tidy_trig_squares(sp.sin(a) ** 2 + sp.cos(a) ** 2) == 1
    assert _tidy_trig_squares(R**2 * sp.sin(a) ** 2 * (sp.sin(b) ** 2 + sp.cos(b) ** 2)) == \
        R**2 * sp.sin(a) ** 2
    # higher and odd powers: the tidy equals the input, checked by trigsimp and at points
    expr = sp.sin(a) ** 5 * sp.cos(b) + sp.cos(a) ** 4 - sp.sin(b) ** 3
    tidied = _tidy_trig_squares(expr)
    assert sp.trigsimp(tidied - expr) == 0
    for values in [(0.3, 1.2), (-2.0, 0.7)]:
        at = dict(zip((a, b), values))
        assert abs(float((tidied - expr).subs(at))) < 1e-14


@pytest.mark.parametrize("X, vars, match", [
    ([sp.Symbol("u"), sp.Symbol("v")], sp.symbols("u v"), "3 components"),
    ([sp.Symbol("u")] * 3, [sp.Symbol("u")], "two parameters"),
])
def test_area_element_refuses_wrong_shapes(X, vars, match):
    with pytest.raises(ValueError, match=match):
        calculus.area_element(X, vars)
