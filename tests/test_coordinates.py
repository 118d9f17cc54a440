"""Coordinate maps and change of variables: exact and numerical agree."""

import numpy as np
import pytest
import sympy as sp

from companion.coordinates import (CoordinateMap, change_of_variables, cylindrical, polar,
                                   quadrature, spherical)

r, theta = polar.variables
x, y = polar.targets
rho, phi, azim = spherical.variables
u, v = sp.symbols("u v", real=True)
a, b, R = sp.symbols("a b R", positive=True)
PARALLELOGRAM = CoordinateMap((u, v), ((u + v) / 2, (v - u) / 2), name="parallelogram")
ELLIPSE = CoordinateMap((r, theta), (a * r * sp.cos(theta), b * r * sp.sin(theta)), name="ellipse")
IDENTITY = CoordinateMap((x, y), (x, y))
RTOL = 1e-10  # the accuracy quadrature() documents for the book's integrals


def test_determinants_of_the_standard_maps():
    assert polar.det() == r
    assert cylindrical.det() == r
    assert sp.simplify(spherical.det() - rho**2 * sp.sin(phi)) == 0


def test_spherical_measures_phi_from_the_positive_z_axis():
    z = spherical.expressions[2]
    assert z.subs(phi, 0) == rho


def test_polar_jacobian():
    assert polar.jacobian() == sp.Matrix([[sp.cos(theta), -r * sp.sin(theta)],
                                          [sp.sin(theta), r * sp.cos(theta)]])


def test_det_function_is_vectorised_and_broadcasts_constants():
    rr = np.linspace(0.5, 2, 5)
    tt = np.linspace(0, 3, 5)
    assert np.allclose(polar.det_function()(rr, tt), rr, rtol=0, atol=1e-15)
    constant = PARALLELOGRAM.det_function()(rr, tt)
    assert constant.shape == (5,) and np.all(constant == 0.5)


@pytest.mark.parametrize(
    "integrand, cmap, bounds, exact, numeric_subs",
    [
        (sp.sqrt(x**2 + y**2), polar, [(r, 0, a), (theta, 0, 2 * sp.pi)], 2 * sp.pi * a**3 / 3, {a: 1.7}),
        (1, spherical, [(rho, 0, R), (phi, 0, sp.pi), (azim, 0, 2 * sp.pi)], sp.Rational(4, 3) * sp.pi * R**3, {R: 2}),
        ((x - y) ** 2, PARALLELOGRAM, [(u, 0, 2), (v, 0, 2)], sp.Rational(8, 3), {}),
        (1, ELLIPSE, [(r, 0, 1), (theta, 0, 2 * sp.pi)], sp.pi * a * b, {a: 3, b: 2}),
        (sp.exp(-x**2 - y**2), polar, [(r, 0, sp.oo), (theta, 0, 2 * sp.pi)], sp.pi, {}),
    ],
    ids=["disk", "ball", "parallelogram", "ellipse", "gaussian"],
)
def test_worked_integrals_exact_and_numerical(integrand, cmap, bounds, exact, numeric_subs):
    value = change_of_variables(integrand, cmap, bounds)
    assert sp.simplify(value - exact) == 0
    numeric_bounds = [(var, sp.sympify(lo).subs(numeric_subs), sp.sympify(hi).subs(numeric_subs))
                      for var, lo, hi in bounds]
    approx = quadrature(integrand, cmap.subs(numeric_subs), numeric_bounds)
    assert np.isclose(approx, float(exact.subs(numeric_subs)), rtol=RTOL, atol=0)


def test_gaussian_over_the_whole_plane_in_cartesian_coordinates():
    bounds = [(x, -sp.oo, sp.oo), (y, -sp.oo, sp.oo)]
    assert np.isclose(quadrature(sp.exp(-x**2 - y**2), IDENTITY, bounds), np.pi, rtol=RTOL, atol=0)


def test_quadrature_with_a_limit_depending_on_an_outer_variable():
    # The triangle 0 <= x <= y <= 1 has area 1/2.
    bounds = [(x, 0, y), (y, 0, 1)]
    assert change_of_variables(1, IDENTITY, bounds) == sp.Rational(1, 2)
    assert np.isclose(quadrature(1, IDENTITY, bounds), 0.5, rtol=1e-14, atol=0)


def test_a_reflection_still_gives_a_positive_area():
    flip = CoordinateMap((u, v), (v, u))
    assert flip.det() == -1
    assert change_of_variables(1, flip, [(u, 0, 1), (v, 0, 3)]) == 3
    assert np.isclose(quadrature(1, flip, [(u, 0, 1), (v, 0, 3)]), 3.0, rtol=1e-14, atol=0)


def test_determinants_and_integrals_that_need_simplify_get_it():
    # Products of compound factors are simplified (only plain monomials such
    # as r or rho**2*sin(phi) skip simplify); here that decides whether the
    # determinant's sign is known at all.
    s, w = sp.symbols("s w", positive=True)
    geometric = CoordinateMap((s, w), (a * s * (sp.exp(2 * w) - 1) / (sp.exp(w) - 1), w))
    assert geometric.det() == a * (sp.exp(w) + 1)
    area = change_of_variables(1, geometric, [(s, 0, 1), (w, 1, 2)])
    assert sp.expand(area - a * (sp.exp(2) - sp.E + 1)) == 0
    product = CoordinateMap((u, v), (a * sp.exp(u + v), sp.exp(u - v)))
    assert product.det() == -2 * a * sp.exp(2 * u)
    assert change_of_variables(sp.exp(x**2 + y**2), polar, [(r, 0, a), (theta, 0, 2 * sp.pi)]) \
        == sp.pi * (sp.exp(a**2) - 1)


def test_the_book_determinants_and_integrals_keep_their_usual_form():
    assert spherical.det() == rho**2 * sp.sin(phi)
    assert change_of_variables(1 / (x**2 + y**2), polar, [(r, 1, 2), (theta, 0, 2 * sp.pi)]) \
        == 2 * sp.pi * sp.log(2)


def test_subs_fixes_parameters():
    assert ELLIPSE.subs({a: 3, b: 2}).det() == 6 * r


@pytest.mark.parametrize(
    "call, exc, match",
    [
        (lambda: CoordinateMap((u, v), (u, v, u * v)).det(), ValueError, r"shape \(3, 2\)"),
        (lambda: CoordinateMap("uv", (u, v)), TypeError, "variables"),
        (lambda: CoordinateMap((u, u), (u, u)), ValueError, "repeat"),
        (lambda: CoordinateMap((u, v), (u, v), targets=(x,)), ValueError, "targets"),
        (lambda: CoordinateMap((u, v), u + v), TypeError, "expressions"),
        (lambda: change_of_variables(1, polar, [(r, 0, 1)]), ValueError, "bounds must give"),
        (lambda: change_of_variables(1, polar, [(r, 0, 1), (u, 0, 1)]), ValueError, "bounds must give"),
        (lambda: change_of_variables(1, polar, [(r, 0, 1, 2), (theta, 0, 1)]), ValueError, "triples"),
        (lambda: change_of_variables(1, polar, [(r, 0, theta), (theta, 0, r)]), ValueError, "depend"),
        (lambda: quadrature(1, polar, [(r, 0, 1), (theta, 0, 1)], n=0), ValueError, "n must"),
        (lambda: quadrature(1, ELLIPSE, [(r, 0, 1), (theta, 0, 1)]), ValueError, "parameter"),
        (lambda: quadrature(1, polar, [(r, 0, a), (theta, 0, 1)]), ValueError, "limit of r"),
        (lambda: quadrature(1 / x, IDENTITY, [(x, -1, 1), (y, 0, 1)], n=3), ValueError, "not finite"),
        (lambda: ELLIPSE.det_function(), ValueError, "substitute"),
        (lambda: ELLIPSE.subs({r: 1}), ValueError, "parameters"),
        (lambda: change_of_variables(1, CoordinateMap((u, v), (u**2, v)), [(u, -1, 1), (v, 0, 1)]),
         ValueError, "changes sign"),
        (lambda: change_of_variables(1, CoordinateMap((u, v), (u, v, u)), [(u, 0, 1), (v, 0, 1)]),
         ValueError, "dimension"),
        (lambda: polar.det_function()(np.ones(2)), ValueError, "one per variable"),
    ],
)
def test_bad_input_is_refused_with_a_specific_message(call, exc, match):
    with pytest.raises(exc, match=match):
        call()
