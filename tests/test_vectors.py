"""Tests of companion.vectors: the book's worked values, identities as
property tests over random vectors, and one test per failure path."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from companion.vectors import angle, cross, hat, inner, norm, project, rotate, triple, vee

# Every property test runs at least 200 random cases.
PROPERTY = settings(max_examples=200, deadline=None)

# Relative tolerance of the identities: each side is a handful of float
# operations on the inputs, so its rounding error is a few eps (~1e-16)
# times the size of the terms involved; 1e-12 leaves a wide margin. The
# absolute floor covers inputs so small that products underflow.
RTOL = 1e-12
FLOOR = 1e-300

# Finite floats of moderate size; subnormals are left out because they carry
# fewer significant digits than the relative tolerances above assume.
ELEMENTS = st.floats(-1e3, 1e3, allow_nan=False, allow_infinity=False, allow_subnormal=False)


def vectors(n: int):
    return arrays(np.float64, n, elements=ELEMENTS)


@st.composite
def same_size_pair(draw, max_dim: int = 6):
    n = draw(st.integers(1, max_dim))
    return draw(vectors(n)), draw(vectors(n))


def mag(u: np.ndarray) -> float:
    # sqrt(n) max |u_i|: within a factor sqrt(n) above |u|, and unlike
    # np.linalg.norm it does not underflow to 0 for tiny nonzero vectors.
    return float(np.sqrt(u.size) * np.max(np.abs(u)))


def close(a, b, scale: float, rtol: float = RTOL) -> bool:
    return np.allclose(a, b, rtol=0.0, atol=rtol * scale + FLOOR)


# --- Worked values from the book -------------------------------------------------

def test_norms_of_a_vector():
    assert norm([3, 4]) == 5.0
    assert norm([3, -4], p=1) == 7.0
    assert norm([3, -4], p=np.inf) == 4.0
    assert norm([3, -4], p=float("inf")) == 4.0
    assert norm([1, 2, 2], p=2.0) == 3.0


def test_scalars_are_plain_floats():
    for value in (norm([1, 2]), inner([1, 2], [3, 4]), angle([1, 0], [0, 1]),
                  cross([1, 0], [0, 1]), triple([1, 0, 0], [0, 1, 0], [0, 0, 1])):
        assert type(value) is float


def test_inner_product_from_a_gram_matrix():
    # <u, v> = 2 u1 v1 + u1 v2 + u2 v1 + 3 u2 v2
    G = [[2, 1], [1, 3]]
    rng = np.random.default_rng(1)
    for u, v in rng.normal(size=(5, 2, 2)):
        expected = 2 * u[0] * v[0] + u[0] * v[1] + u[1] * v[0] + 3 * u[1] * v[1]
        assert inner(u, v, G) == pytest.approx(expected, rel=1e-14)
    assert inner([1, 1], [1, 1], G) == 7.0
    assert norm([1, 1], G) == pytest.approx(np.sqrt(7), rel=1e-15)
    assert norm([1, 0], G) == pytest.approx(np.sqrt(2), rel=1e-15)


def test_coordinate_length_is_wrong_in_a_skewed_basis():
    # Basis b1 = (1, 0), b2 = (1, 1)/sqrt(2) as columns of B; G = B^T B.
    B = np.array([[1.0, 1 / np.sqrt(2)], [0.0, 1 / np.sqrt(2)]])
    G = B.T @ B
    c = np.array([1.0, 1.0])
    true_length = np.linalg.norm(B @ c)
    assert true_length == pytest.approx(np.sqrt(2 + np.sqrt(2)), rel=1e-15)
    assert norm(c) == pytest.approx(np.sqrt(2), rel=1e-15)
    assert abs(norm(c) - true_length) > 0.4
    assert norm(c, G) == pytest.approx(true_length, rel=1e-14)
    # The basis vectors meet at 45 degrees, not at the 90 the coordinates suggest.
    assert angle([1, 0], [0, 1], G) == pytest.approx(np.pi / 4, rel=1e-14)
    assert angle([1, 0], [0, 1]) == pytest.approx(np.pi / 2, rel=1e-15)


def test_angles():
    assert angle([1, 0], [1, 1]) == pytest.approx(np.pi / 4, rel=1e-15)
    assert angle([1, 2, 3], [2, 4, 6]) == 0.0
    assert angle([1, 2, 3], [-2, -4, -6]) == np.pi
    assert angle([1, 0, 0], [0, 0, 5]) == pytest.approx(np.pi / 2, rel=1e-15)
    # Nearly parallel vectors: arccos of the rounded cosine would give 0.
    assert angle([1, 0], [1, 1e-9]) == pytest.approx(1e-9, rel=1e-12)
    # Length does not matter, even for tiny or huge vectors.
    assert angle([1e-200, 0], [0, 1e200]) == pytest.approx(np.pi / 2, rel=1e-15)


def test_projection():
    np.testing.assert_allclose(project([2, 3], [5, 0]), [2, 0], rtol=0, atol=1e-15)
    np.testing.assert_allclose(project([1, 2, 3], [1, 1, 1]), [2, 2, 2], rtol=1e-15)
    # With a Gram matrix, the remainder is G-orthogonal to v.
    G = np.array([[2.0, 1.0], [1.0, 3.0]])
    u, v = np.array([1.0, 2.0]), np.array([3.0, -1.0])
    p = project(u, v, G)
    assert inner(u - p, v, G) == pytest.approx(0.0, abs=1e-14)
    assert cross(p, v) == pytest.approx(0.0, abs=1e-14)  # p is along v


def test_cross_products_of_the_standard_basis():
    i, j, k = np.eye(3)
    np.testing.assert_array_equal(cross(i, j), k)
    np.testing.assert_array_equal(cross(j, k), i)
    np.testing.assert_array_equal(cross(k, i), j)
    np.testing.assert_array_equal(cross(j, i), -k)
    np.testing.assert_array_equal(cross(i, i), np.zeros(3))
    np.testing.assert_array_equal(cross([1, 2, 3], [4, 5, 6]), [-3, 6, -3])
    assert cross([1, 0], [0, 1]) == 1.0
    assert cross([0, 1], [1, 0]) == -1.0
    assert cross([2, 1], [1, 3]) == 5.0


def test_cross_of_2d_vectors_emits_no_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert cross(np.array([1.0, 2.0]), np.array([3.0, 4.0])) == -2.0


def test_hat_and_vee():
    H = hat([1, 2, 3])
    np.testing.assert_array_equal(H, [[0, -3, 2], [3, 0, -1], [-2, 1, 0]])
    np.testing.assert_array_equal(vee(H), [1, 2, 3])
    # v x u = hat(u)^T v
    np.testing.assert_array_equal(H.T @ np.array([4, 5, 6]), cross([4, 5, 6], [1, 2, 3]))
    # A matrix that is skew only up to rounding is accepted.
    np.testing.assert_array_equal(vee(H + 1e-14 * np.eye(3)), [1, 2, 3])


def test_triple_products():
    assert triple(*np.eye(3)) == 1.0
    assert triple([0, 1, 0], [1, 0, 0], [0, 0, 1]) == -1.0
    assert triple([2, 0, 0], [0, 3, 0], [0, 0, 4]) == 24.0
    u, v, w = [1, 2, 3], [4, 5, 6], [7, 8, 10]
    assert triple(u, v, w) == pytest.approx(np.linalg.det(np.array([u, v, w])), rel=1e-12)


def test_rotations():
    np.testing.assert_allclose(rotate([1, 0, 0], [0, 0, 1], np.pi / 2), [0, 1, 0], atol=1e-15)
    np.testing.assert_allclose(rotate([0, 1, 0], [0, 0, 1], np.pi / 2), [-1, 0, 0], atol=1e-15)
    # The axis length does not matter, and the axis itself stays put.
    np.testing.assert_allclose(rotate([1, 0, 0], [0, 0, 7], np.pi / 2), [0, 1, 0], atol=1e-15)
    np.testing.assert_allclose(rotate([1, 1, 1], [1, 1, 1], 0.7), [1, 1, 1], rtol=1e-15)
    # A third of a turn about (1, 1, 1) permutes the axes x -> y -> z.
    np.testing.assert_allclose(rotate([1, 0, 0], [1, 1, 1], 2 * np.pi / 3), [0, 1, 0], atol=1e-15)
    # In the plane with unit normal N, a quarter turn of u is N x u.
    N, u = np.array([0.0, 0.6, 0.8]), np.array([1.0, 0.0, 0.0])
    np.testing.assert_allclose(rotate(u, N, np.pi / 2), cross(N, u), atol=1e-15)


# --- Properties on random vectors ----------------------------------------------

@PROPERTY
@given(same_size_pair())
def test_cauchy_schwarz(pair):
    u, v = pair
    assert abs(inner(u, v)) <= norm(u) * norm(v) * (1 + RTOL) + FLOOR


@PROPERTY
@given(same_size_pair(), st.sampled_from([1, 2, np.inf]))
def test_triangle_inequality(pair, p):
    u, v = pair
    assert norm(u + v, p=p) <= (norm(u, p=p) + norm(v, p=p)) * (1 + RTOL) + FLOOR


@PROPERTY
@given(st.integers(1, 5).flatmap(
    lambda n: st.tuples(vectors(n), vectors(n), arrays(np.float64, (n, n), elements=ELEMENTS))))
def test_cauchy_schwarz_with_a_random_gram_matrix(data):
    u, v, A = data
    n = u.size
    # A A^T is positive semidefinite; adding n I makes it safely definite.
    G = A @ A.T + n * np.eye(n)
    G = 0.5 * (G + G.T)  # exact symmetry, whatever order the product summed in
    # G's condition number is at most ~(1e6 n + n) / n, and <u, v>_G sums
    # terms as large as |u| |G| |v|, so compare at a looser relative tolerance.
    assert abs(inner(u, v, G)) <= norm(u, G) * norm(v, G) * (1 + 1e-9) + FLOOR
    # The definition sqrt(u^T G u), evaluated on u / max |u_i| so that
    # tiny vectors do not underflow.
    s = np.max(np.abs(u))
    c = u / s if s > 0 else u
    assert norm(u, G) == pytest.approx(s * np.sqrt(c @ G @ c), rel=1e-9, abs=FLOOR)


@PROPERTY
@given(vectors(3), vectors(3))
def test_cross_is_anticommutative(u, v):
    # Exact: each component is a difference of the same two products, and
    # fl(a - b) == -fl(b - a) in IEEE arithmetic.
    np.testing.assert_array_equal(cross(u, v), -cross(v, u))


@PROPERTY
@given(vectors(2), vectors(2))
def test_2d_cross_is_the_z_component_of_the_3d_one(u, v):
    assert cross(u, v) == cross(np.append(u, 0.0), np.append(v, 0.0))[2]


@PROPERTY
@given(vectors(3), vectors(3))
def test_hat_matrix_times_v_is_the_cross_product(u, v):
    assert close(hat(u) @ v, cross(u, v), mag(u) * mag(v))


@PROPERTY
@given(vectors(3))
def test_hat_is_skew_and_vee_inverts_it(u):
    H = hat(u)
    np.testing.assert_array_equal(H, -H.T)
    np.testing.assert_array_equal(vee(H), u)


@PROPERTY
@given(vectors(3), vectors(3), vectors(3))
def test_triple_product_is_cyclic(u, v, w):
    scale = mag(u) * mag(v) * mag(w)
    t = triple(u, v, w)
    assert close(t, triple(v, w, u), scale)
    assert close(t, triple(w, u, v), scale)
    assert close(t, -triple(v, u, w), scale)


@PROPERTY
@given(vectors(3), vectors(3), vectors(3))
def test_jacobi_identity(a, b, c):
    total = cross(a, cross(b, c)) + cross(b, cross(c, a)) + cross(c, cross(a, b))
    assert close(total, np.zeros(3), mag(a) * mag(b) * mag(c))


@PROPERTY
@given(vectors(3), vectors(3), vectors(3))
def test_bac_cab(a, b, c):
    lhs = cross(a, cross(b, c))
    assert close(lhs, b * inner(a, c) - c * inner(a, b), mag(a) * mag(b) * mag(c))


@PROPERTY
@given(vectors(3), vectors(3))
def test_lagrange_identity(u, v):
    # The right side cancels catastrophically for nearly parallel vectors,
    # so the tolerance scales with |u|^2 |v|^2, the size of its terms.
    lhs = norm(cross(u, v)) ** 2
    rhs = norm(u) ** 2 * norm(v) ** 2 - inner(u, v) ** 2
    assert close(lhs, rhs, (mag(u) * mag(v)) ** 2)


@PROPERTY
@given(vectors(3), vectors(3), vectors(3), st.floats(-10, 10, allow_nan=False))
def test_rotation_preserves_lengths_and_angles(u, v, axis, theta):
    assume(np.any(axis))
    Ru, Rv = rotate(u, axis, theta), rotate(v, axis, theta)
    assert close(norm(Ru), norm(u), mag(u))
    assert close(inner(Ru, Rv), inner(u, v), mag(u) * mag(v))
    if np.any(u) and np.any(v):
        assert angle(Ru, Rv) == pytest.approx(angle(u, v), abs=1e-9)


@PROPERTY
@given(vectors(3), vectors(3), st.floats(-10, 10, allow_nan=False))
def test_rotation_keeps_the_axis_component_and_turns_by_the_right_hand_rule(u, axis, theta):
    assume(np.any(axis))
    k = axis / np.max(np.abs(axis))  # first scaled, so |axis|^2 cannot underflow
    k = k / np.linalg.norm(k)
    Ru = rotate(u, axis, theta)
    scale = mag(u)
    assert close(inner(Ru, k), inner(u, k), scale)
    # The part of u across the axis turns by theta counter-clockwise about k:
    # its signed turn is atan2((k . (u x Ru)), u . Ru) restricted to that plane.
    across = u - inner(u, k) * k
    assume(norm(across) > 1e-6 * (1 + scale))
    turned = Ru - inner(Ru, k) * k
    signed = np.arctan2(inner(k, cross(across, turned)), inner(across, turned))
    assert np.isclose(np.cos(signed), np.cos(theta), atol=1e-9)
    assert np.isclose(np.sin(signed), np.sin(theta), atol=1e-9)


@PROPERTY
@given(same_size_pair())
def test_projection_leaves_an_orthogonal_remainder(pair):
    u, v = pair
    assume(np.any(v))
    p = project(u, v)
    assert close(inner(u - p, v), 0.0, mag(u) * mag(v), rtol=1e-11)


# --- Failure paths: each raises ValueError naming the argument --------------------

@pytest.mark.parametrize("u, v, match", [
    ([1, 2, 3, 4], [1, 2, 3, 4], r"^u must have shape \(2,\) or \(3,\)"),
    ([1], [1], r"^u must have shape \(2,\) or \(3,\)"),
    ([1, 2, 3], [1, 2], r"^v must have shape \(3,\) like u"),
    ([1, 2], [1, 2, 3], r"^v must have shape \(2,\) like u"),
])
def test_cross_rejects_wrong_dimensions(u, v, match):
    with pytest.raises(ValueError, match=match):
        cross(u, v)


def test_hat_rejects_a_vector_that_is_not_3d():
    with pytest.raises(ValueError, match=r"^u must have 3 components, got 2"):
        hat([1, 2])


@pytest.mark.parametrize("args, name", [
    (([1, 2], [0, 1, 0], [0, 0, 1]), "u"),
    (([1, 0, 0], [0, 1], [0, 0, 1]), "v"),
    (([1, 0, 0], [0, 1, 0], [0, 0, 1, 0]), "w"),
])
def test_triple_rejects_vectors_that_are_not_3d(args, name):
    with pytest.raises(ValueError, match=rf"^{name} must have 3 components"):
        triple(*args)


def test_rotate_rejects_vectors_that_are_not_3d():
    with pytest.raises(ValueError, match=r"^u must have 3 components"):
        rotate([1, 0], [0, 0, 1], 1.0)
    with pytest.raises(ValueError, match=r"^axis must have 3 components"):
        rotate([1, 0, 0], [0, 1], 1.0)


def test_rotate_rejects_a_zero_axis():
    with pytest.raises(ValueError, match=r"^axis must be a nonzero vector"):
        rotate([1, 0, 0], [0, 0, 0], 1.0)


def test_rotate_rejects_a_bad_angle():
    with pytest.raises(ValueError, match=r"^theta must be a finite angle"):
        rotate([1, 0, 0], [0, 0, 1], np.nan)
    with pytest.raises(TypeError, match=r"^theta must be a number"):
        rotate([1, 0, 0], [0, 0, 1], "quarter")


@pytest.mark.parametrize("func", [inner, angle, project])
def test_mismatched_shapes_are_rejected(func):
    with pytest.raises(ValueError, match=r"^v must have 2 components, got 3"):
        func([1, 2], [1, 2, 3])


@pytest.mark.parametrize("func", [
    lambda G: norm([1, 2], G),
    lambda G: inner([1, 2], [3, 4], G),
    lambda G: angle([1, 2], [3, 4], G),
    lambda G: project([1, 2], [3, 4], G),
])
def test_invalid_gram_matrices_are_rejected(func):
    spd = r"^G must be symmetric positive definite, "
    with pytest.raises(ValueError, match=spd + r"but it is not symmetric"):
        func([[2, 1], [0, 3]])
    with pytest.raises(ValueError, match=spd + r"but not all its eigenvalues are > 0: -1, 3$"):
        func([[1, 2], [2, 1]])
    # Singular, as for two equal basis vectors: (1, -1) would have length 0.
    with pytest.raises(ValueError, match=spd + r"but not all its eigenvalues are > 0: 0, 2$"):
        func([[1, 1], [1, 1]])
    with pytest.raises(ValueError, match=r"^G must have shape \(2, 2\)"):
        func(np.eye(3))
    with pytest.raises(ValueError, match=r"^G must be a square matrix"):
        func(np.ones((2, 3)))
    with pytest.raises(ValueError, match=r"^G must be finite"):
        func([[1, 0], [0, np.inf]])


@pytest.mark.parametrize("p", [0, 3, -1, 0.5, "inf", "2", True, None])
def test_norm_rejects_other_orders(p):
    with pytest.raises(ValueError, match=r"^p must be 1, 2 or numpy.inf"):
        norm([1, 2], p=p)


@pytest.mark.parametrize("p", [1, np.inf])
def test_norm_rejects_p_other_than_2_with_a_gram_matrix(p):
    with pytest.raises(ValueError, match=r"^p must be 2 when a Gram matrix G is given"):
        norm([1, 2], G=np.eye(2), p=p)


def test_angle_with_a_zero_vector_is_undefined():
    with pytest.raises(ValueError, match=r"^u must be a nonzero vector"):
        angle([0, 0], [1, 0])
    with pytest.raises(ValueError, match=r"^v must be a nonzero vector"):
        angle([1, 0], [0, 0])


def test_projection_onto_a_zero_vector_is_undefined():
    with pytest.raises(ValueError, match=r"^v must be a nonzero vector"):
        project([1, 2], [0, 0])


def test_vee_rejects_a_matrix_that_is_not_skew_symmetric():
    with pytest.raises(ValueError, match=r"^M must be skew-symmetric"):
        vee(hat([1, 2, 3]) + 1e-3 * np.eye(3))
    with pytest.raises(ValueError, match=r"^M must be skew-symmetric"):
        vee([[0, 1, 0], [1, 0, 0], [0, 0, 0]])
    with pytest.raises(ValueError, match=r"^M must have shape \(3, 3\)"):
        vee(np.zeros((2, 2)))


@pytest.mark.parametrize("call, name", [
    (lambda: norm([1, np.nan]), "u"),
    (lambda: inner([1, 2], [np.inf, 0]), "v"),
    (lambda: angle([1, 2], [3, np.nan]), "v"),
    (lambda: project([np.inf, 0], [1, 0]), "u"),
    (lambda: cross([1, 2, np.nan], [1, 2, 3]), "u"),
    (lambda: hat([np.nan, 0, 0]), "u"),
    (lambda: triple([1, 0, 0], [0, 1, 0], [0, 0, np.inf]), "w"),
    (lambda: rotate([1, 0, 0], [0, 0, np.nan], 1.0), "axis"),
    (lambda: vee(np.full((3, 3), np.nan)), "M"),
])
def test_non_finite_input_is_rejected(call, name):
    with pytest.raises(ValueError, match=rf"^{name} must be finite"):
        call()


def test_empty_and_non_vector_input_is_rejected():
    with pytest.raises(ValueError, match=r"^u must have at least 1 component"):
        norm([])
    with pytest.raises(ValueError, match=r"^u must be a 1-D vector"):
        norm([[1, 2], [3, 4]])
