"""Tests of companion.rotations: exp and log as inverse maps (property tests),
their accuracy near 0 and near pi, agreement with SciPy's Rotation, the
angular velocity in both frames, and every failure path.
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest
import mpmath as mp
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.spatial.transform import Rotation

from companion.rotations import (
    ROTATION_TOL,
    AxisAngle,
    angular_velocity,
    axis_angle,
    check_rotation,
    exp_so3,
    is_rotation,
    log_so3,
)
from companion.vectors import hat, rotate

pytestmark = pytest.mark.filterwarnings("error")

EPS = np.finfo(float).eps
components = st.floats(-1.0, 1.0, allow_nan=False)
unit_axes = arrays(float, 3, elements=components).filter(lambda v: np.linalg.norm(v) > 1e-3).map(
    lambda v: v / np.linalg.norm(v))
# Angles up to pi - 1e-6, and small ones down to 1e-12 on a log scale.
angles = st.one_of(st.floats(0.0, math.pi - 1e-6), st.floats(-12.0, 0.0).map(lambda e: 10.0 ** e))


# --------------------------------------------------------------------------
# exp_so3

@settings(max_examples=300)
@given(unit_axes, st.floats(-20.0, 20.0))
def test_exp_is_a_rotation_and_turns_like_rotate(n, theta):
    R = exp_so3(theta * n)
    assert np.allclose(R.T @ R, np.eye(3), rtol=0, atol=1e-14)
    assert abs(np.linalg.det(R) - 1.0) < 1e-14
    u = np.array([0.3, -1.2, 0.7])
    assert np.allclose(R @ u, rotate(u, n, theta), rtol=0, atol=1e-13)


@settings(max_examples=300)
@given(unit_axes, st.floats(-20.0, 20.0))
def test_exp_agrees_with_scipy(n, theta):
    expected = Rotation.from_rotvec(theta * n).as_matrix()
    assert np.allclose(exp_so3(theta * n), expected, rtol=0, atol=1e-14)


def test_exp_is_the_matrix_exponential_symbolically():
    """Rodrigues' formula equals SymPy's exp of the hat matrix for the axis (2, 3, 6)/7."""
    n = sp.Matrix([2, 3, 6]) / 7
    K = sp.Matrix([[0, -n[2], n[1]], [n[2], 0, -n[0]], [-n[1], n[0], 0]])
    theta = sp.pi / 3
    rodrigues = sp.eye(3) + sp.sin(theta) * K + (1 - sp.cos(theta)) * K ** 2
    exponential = (theta * K).exp()
    difference = (exponential - rodrigues).applyfunc(lambda e: sp.nsimplify(sp.expand_complex(e)))
    assert difference == sp.zeros(3, 3)
    assert np.allclose(exp_so3(np.array([2, 3, 6]) / 7 * np.pi / 3),
                       np.array(rodrigues.evalf(20), dtype=float), rtol=0, atol=1e-15)


def test_exp_of_small_vectors_keeps_its_digits():
    """Below 1e-3 the series is used: every entry has a relative error near rounding."""
    mp.mp.dps = 50
    for size in (1e-3 * (1 - 1e-12), 1e-3, 1e-6, 1e-12, 1e-300):
        omega = size * np.array([0.6, 0.0, 0.8])
        R = exp_so3(omega)
        theta = mp.mpf(size)  # |(0.6, 0, 0.8)| = 1
        a, b = mp.sin(theta) / theta, (1 - mp.cos(theta)) / theta ** 2
        W = mp.matrix(hat(omega).tolist())
        exact = mp.eye(3) + a * W + b * W * W
        for i in range(3):
            for j in range(3):
                # In mpmath (a float64 would round the exact value first); the
                # absolute term allows for entries below the smallest double.
                assert abs(mp.mpf(float(R[i, j])) - exact[i, j]) <= 2 * EPS * abs(exact[i, j]) + 1e-320
    # The two branches meet without a jump at 1e-3.
    n = np.array([2.0, 3.0, 6.0]) / 7
    below, above = exp_so3(1e-3 * (1 - 1e-15) * n), exp_so3(1e-3 * n)
    assert np.allclose(below, above, rtol=0, atol=1e-17)


def test_exp_of_huge_vectors_does_not_overflow():
    R = exp_so3([1e300, 0.0, 0.0])
    assert np.all(np.isfinite(R)) and is_rotation(R)


# --------------------------------------------------------------------------
# log_so3 and axis_angle

@settings(max_examples=500)
@given(unit_axes, angles)
def test_log_inverts_exp_below_pi(n, theta):
    omega = theta * n
    back = log_so3(exp_so3(omega))
    error = np.linalg.norm(back - omega)
    assert error <= 1e-14  # absolute, over the whole range
    if theta < 1.0:
        assert error <= 1e-14 * theta  # relative for small rotations


@settings(max_examples=300)
@given(arrays(float, 4, elements=st.floats(-1.0, 1.0, allow_nan=False)).filter(
    lambda q: np.linalg.norm(q) > 1e-3))
def test_exp_inverts_log_for_any_rotation(quaternion):
    R = Rotation.from_quat(quaternion / np.linalg.norm(quaternion)).as_matrix()
    omega = log_so3(R)
    assert np.linalg.norm(omega) <= math.pi * (1 + 4 * EPS)
    assert np.allclose(exp_so3(omega), R, rtol=0, atol=1e-14)


@settings(max_examples=300)
@given(unit_axes, st.floats(0.0, math.pi - 1e-6))
def test_log_agrees_with_scipy(n, theta):
    R = exp_so3(theta * n)
    assert np.allclose(log_so3(R), Rotation.from_matrix(R).as_rotvec(), rtol=0, atol=1e-13)


@pytest.mark.parametrize("gap", [1e-6, 1e-9, 1e-12, 1e-15, 0.0])
def test_log_near_pi_is_accurate_up_to_the_sign_of_the_axis(gap):
    rng = np.random.default_rng(19)
    for _ in range(200):
        n = rng.normal(size=3)
        n /= np.linalg.norm(n)
        omega = (math.pi - gap) * n
        R = exp_so3(omega)
        back = log_so3(R)
        assert np.allclose(exp_so3(back), R, rtol=0, atol=1e-14)
        # The same rotation vector, or (at the rounding level of sin theta) its antipode.
        error = min(np.linalg.norm(back - omega), np.linalg.norm(back + omega))
        assert error <= 1e-14
        if gap >= 1e-9:
            assert np.linalg.norm(back - omega) <= 1e-14


def test_log_of_half_turns_and_of_the_identity():
    assert np.array_equal(log_so3(np.eye(3)), np.zeros(3))
    half_turn = np.diag([1.0, -1.0, -1.0])  # pi about x
    back = log_so3(half_turn)
    assert np.allclose(np.abs(back), [math.pi, 0, 0], rtol=0, atol=1e-15)
    R = np.array([[0.0, 1, 0], [1, 0, 0], [0, 0, -1]])  # pi about (1, 1, 0)/sqrt(2)
    r = axis_angle(R)
    assert r.angle == pytest.approx(math.pi, abs=1e-15)
    assert np.allclose(np.abs(r.axis), [2 ** -0.5, 2 ** -0.5, 0], rtol=0, atol=1e-15)


def test_naive_arccos_loses_digits_where_log_does_not():
    omega = 1e-6 * np.array([2.0, 3.0, 6.0]) / 7
    R = exp_so3(omega)
    naive = math.acos(min(1.0, 0.5 * (np.trace(R) - 1)))
    assert abs(naive - 1e-6) > 1e-12  # the trace alone: relative error ~1e-5
    assert abs(np.linalg.norm(log_so3(R)) - 1e-6) < 1e-21


def test_axis_angle_parts_and_result_type():
    r = axis_angle(exp_so3([0.0, 0.0, -1.0]))
    assert isinstance(r, AxisAngle)
    assert np.allclose(r.axis, [0, 0, -1], rtol=0, atol=1e-15) and r.angle == pytest.approx(1.0, abs=1e-15)
    assert np.allclose(r.rotation_vector, [0, 0, -1], rtol=0, atol=1e-15)
    identity = axis_angle(np.eye(3))
    assert identity.angle == 0.0 and np.array_equal(identity.axis, [0.0, 0.0, 1.0])
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.angle = 2.0


# --------------------------------------------------------------------------
# is_rotation and check_rotation

def test_check_rotation_accepts_rotations_and_returns_floats():
    R = check_rotation([[0, -1, 0], [1, 0, 0], [0, 0, 1]])
    assert R.dtype == float and is_rotation(R)


def test_check_rotation_reports_how_far_from_orthogonal():
    sheared = [[1, 0.1, 0], [0, 1, 0], [0, 0, 1]]
    with pytest.raises(ValueError, match=r"A is not a rotation matrix: it is not orthogonal, "
                                         r"\|\|A\^T A - I\|\| = 0\.141774"):
        check_rotation(sheared, "A")
    assert not is_rotation(sheared)
    # Typed with four decimals: refused by default, accepted with a looser tol.
    rounded = np.round(exp_so3([0.1, 0.2, 0.3]), 4)
    assert not is_rotation(rounded) and is_rotation(rounded, tol=1e-3)


def test_check_rotation_names_a_reflection():
    mirror = np.array([[0.0, 1, 0], [1, 0, 0], [0, 0, 1]])
    with pytest.raises(ValueError, match=r"orthogonal but det M = -1, a reflection"):
        check_rotation(mirror, "M")
    assert not is_rotation(mirror) and not is_rotation(-np.eye(3))
    with pytest.raises(ValueError, match="reflection"):
        log_so3(mirror)


@pytest.mark.parametrize("function", [log_so3, axis_angle, is_rotation, check_rotation])
@pytest.mark.parametrize("R, error, match", [
    (np.eye(2), ValueError, r"must have shape \(3, 3\)"),
    (np.ones(3), ValueError, "must be a 2-D matrix"),
    ([[1, 0, 0], [0, 1, 0], [0, 0, np.nan]], ValueError, "must be finite"),
    ([[1, 0, 0], [0, 1, 0], [0, 0, np.inf]], ValueError, "must be finite"),
    ("eye", TypeError, "must be a matrix of numbers"),
])
def test_bad_matrices_are_named(function, R, error, match):
    with pytest.raises(error, match=match):
        function(R)


@pytest.mark.parametrize("omega, error, match", [
    ([1.0, 2.0], ValueError, "omega must have 3 components"),
    ([[1.0, 2.0, 3.0]], ValueError, "omega must be a 1-D vector"),
    ([0.0, np.nan, 0.0], ValueError, "omega must be finite"),
    ([0.0, np.inf, 0.0], ValueError, "omega must be finite"),
    (None, TypeError, "omega must be a sequence of numbers"),
])
def test_bad_rotation_vectors_are_named(omega, error, match):
    with pytest.raises(error, match=match):
        exp_so3(omega)


@pytest.mark.parametrize("tol", [0, -1e-9, math.nan])
def test_tolerance_must_be_positive(tol):
    with pytest.raises(ValueError, match="tol must be a positive finite number"):
        is_rotation(np.eye(3), tol=tol)
    with pytest.raises(ValueError, match="tol must be a positive finite number"):
        check_rotation(np.eye(3), tol=tol)


def test_name_must_be_a_string():
    with pytest.raises(ValueError, match="name must be a non-empty string"):
        check_rotation(np.eye(3), "")


def test_default_tolerance():
    assert ROTATION_TOL == 1e-9


# --------------------------------------------------------------------------
# angular_velocity

def test_angular_velocity_of_a_steady_turn_by_finite_differences():
    w = np.array([0.3, -0.5, 0.8])
    t, h = 0.7, 1e-5
    R = exp_so3(t * w)
    Rdot = (exp_so3((t + h) * w) - exp_so3((t - h) * w)) / (2 * h)
    assert np.allclose(angular_velocity(R, Rdot), w, rtol=0, atol=1e-9)
    assert np.allclose(angular_velocity(R, Rdot, frame="body"), w, rtol=0, atol=1e-9)  # R w = w


@settings(max_examples=100)
@given(arrays(float, 3, elements=components), arrays(float, 3, elements=components),
       st.floats(-3.0, 3.0))
def test_angular_velocities_of_a_product_add(a, b, t):
    """R = exp(t a^) exp(t b^): omega_s = a + R1 b, omega_b = R2^T a + b."""
    R1, R2 = exp_so3(t * a), exp_so3(t * b)
    R = R1 @ R2
    Rdot = hat(a) @ R1 @ R2 + R1 @ R2 @ hat(b)
    assert np.allclose(angular_velocity(R, Rdot), a + R1 @ b, rtol=0, atol=1e-14)
    assert np.allclose(angular_velocity(R, Rdot, frame="body"), R2.T @ a + b, rtol=0, atol=1e-14)
    assert np.allclose(R @ angular_velocity(R, Rdot, frame="body"), angular_velocity(R, Rdot),
                       rtol=0, atol=1e-14)


def test_angular_velocity_refuses_a_derivative_that_is_not_tangent():
    R = exp_so3([0.1, 0.2, 0.3])
    with pytest.raises(ValueError, match=r"Rdot R\^T has a symmetric part"):
        angular_velocity(R, 2 * R)  # growing, not turning
    with pytest.raises(ValueError, match=r"R\^T Rdot has a symmetric part"):
        angular_velocity(R, 2 * R, frame="body")


@pytest.mark.parametrize("kwargs, error, match", [
    ({"frame": "world"}, ValueError, "frame must be one of 'spatial', 'body'"),
    ({"Rdot": np.zeros((2, 2))}, ValueError, r"Rdot must have shape \(3, 3\)"),
    ({"Rdot": np.full((3, 3), np.nan)}, ValueError, "Rdot must be finite"),
    ({"R": np.diag([1.0, 1.0, -1.0])}, ValueError, "reflection"),
    ({"tol": 0.0}, ValueError, "tol must be a positive finite number"),
])
def test_angular_velocity_bad_input(kwargs, error, match):
    arguments = {"R": np.eye(3), "Rdot": np.zeros((3, 3))} | kwargs
    with pytest.raises(error, match=match):
        angular_velocity(**arguments)
