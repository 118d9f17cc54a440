"""Tests of companion.robotics: kinematics against SymPy and finite
differences, the three inverse-kinematics updates (convergence, the
unreachable target, the near-singular comparison of chapter 7) and every
failure path.
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from companion import calculus, numeric
from companion.robotics import IK_METHODS, IKResult, PlanarArm

pytestmark = pytest.mark.filterwarnings("error")

ARM2 = PlanarArm([1.0, 1.0])
ARM3 = PlanarArm([1.0, 0.8, 0.6])
RNG_SEED = 20240607

angles = st.floats(-2 * math.pi, 2 * math.pi, allow_nan=False)


def symbolic_forward(n: int):
    """Forward kinematics of an n-link arm with symbolic lengths and angles."""
    q = sp.symbols(f"q1:{n + 1}", real=True)
    lengths = sp.symbols(f"l1:{n + 1}", positive=True)
    phi = [sum(q[: k + 1]) for k in range(n)]
    x = sum(l * sp.cos(p) for l, p in zip(lengths, phi))
    y = sum(l * sp.sin(p) for l, p in zip(lengths, phi))
    return q, lengths, [x, y]


# --------------------------------------------------------------------------
# The arm itself.

def test_lengths_are_stored_as_a_tuple_of_floats():
    arm = PlanarArm(np.array([2, 1]))
    assert arm.lengths == (2.0, 1.0)
    assert all(type(v) is float for v in arm.lengths)
    assert (arm.n, arm.reach) == (2, 3.0)
    assert PlanarArm([1.0, 1.0]) == ARM2  # a value: equal lengths, equal arms


def test_arm_is_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        ARM2.lengths = (3.0, 3.0)


@pytest.mark.parametrize("lengths, error, match", [
    ([], ValueError, "lengths must hold at least one"),
    ([1.0, 0.0], ValueError, "lengths must be positive"),
    ([1.0, -2.0], ValueError, "lengths must be positive"),
    ([1.0, math.inf], ValueError, "lengths must be finite"),
    ([1.0, math.nan], ValueError, "lengths must be finite"),
    ([[1.0, 2.0]], ValueError, "lengths must be a 1-D vector"),
    (["a", 1.0], TypeError, "lengths must be a sequence of numbers"),
    (None, TypeError, "lengths must be a sequence of numbers"),
])
def test_bad_lengths(lengths, error, match):
    with pytest.raises(error, match=match):
        PlanarArm(lengths)


# --------------------------------------------------------------------------
# Forward kinematics.

def test_straight_arm_along_x():
    for arm in (ARM2, ARM3, PlanarArm([0.5])):
        q = np.zeros(arm.n)
        assert np.allclose(arm.forward(q), [arm.reach, 0.0], rtol=0, atol=1e-15)
        expected = np.column_stack([np.cumsum((0.0,) + arm.lengths), np.zeros(arm.n + 1)])
        assert np.allclose(arm.joints(q), expected, rtol=0, atol=1e-15)


def test_two_links_pointing_up():
    arm = PlanarArm([1.5, 0.5])
    assert np.allclose(arm.forward([math.pi / 2, 0.0]), [0.0, 2.0], rtol=0, atol=1e-15)
    assert np.allclose(arm.joints([math.pi / 2, 0.0]), [[0, 0], [0, 1.5], [0, 2.0]],
                       rtol=0, atol=1e-15)


def test_relative_angles_elbow_at_right_angle():
    # q2 is measured from link 1: the second link points along q1 + q2.
    assert np.allclose(ARM2.forward([math.pi / 2, -math.pi / 2]), [1.0, 1.0], atol=1e-15)
    assert np.allclose(ARM2.forward([math.pi, 0.0]), [-2.0, 0.0], atol=1e-15)
    assert np.allclose(ARM2.forward([0.3, math.pi]), [0.0, 0.0], atol=1e-15)  # folded


@settings(max_examples=100, deadline=None)
@given(st.lists(angles, min_size=3, max_size=3))
def test_joints_are_linked_by_the_link_lengths(q):
    pts = ARM3.joints(q)
    assert pts.shape == (4, 2)
    assert np.array_equal(pts[0], [0.0, 0.0])
    assert np.allclose(pts[-1], ARM3.forward(q), rtol=0, atol=1e-14)
    assert np.allclose(np.linalg.norm(np.diff(pts, axis=0), axis=1), ARM3.lengths, atol=1e-14)


def test_forward_matches_symbolic_kinematics():
    rng = np.random.default_rng(RNG_SEED)
    for n in (1, 2, 3, 4):
        q, lengths, p = symbolic_forward(n)
        values = rng.uniform(0.3, 2.0, n)
        arm = PlanarArm(values)
        position = sp.lambdify(q, [e.subs(dict(zip(lengths, values))) for e in p], "numpy")
        for _ in range(10):
            qv = rng.uniform(-math.pi, math.pi, n)
            assert np.allclose(arm.forward(qv), position(*qv), rtol=1e-14, atol=1e-14)


# --------------------------------------------------------------------------
# The Jacobian.

def test_jacobian_matches_finite_differences():
    rng = np.random.default_rng(RNG_SEED)
    for n in (1, 2, 3, 5):
        arm = PlanarArm(rng.uniform(0.3, 2.0, n))
        for _ in range(10):
            q = rng.uniform(-math.pi, math.pi, n)
            J = arm.jacobian(q)
            assert J.shape == (2, n)
            assert np.allclose(J, numeric.jacobian(arm.forward, q), rtol=1e-10, atol=1e-10)


@pytest.mark.parametrize("n", [2, 3])
def test_jacobian_matches_sympy(n):
    q, lengths, p = symbolic_forward(n)
    J_sym = calculus.jacobian(p, q)
    # The closed form of the module docstring: column i sums links k >= i.
    phi = [sum(q[: k + 1]) for k in range(n)]
    closed = sp.Matrix(2, n, lambda r, i: sum(
        lengths[k] * (-sp.sin(phi[k]) if r == 0 else sp.cos(phi[k])) for k in range(i, n)))
    assert sp.simplify(J_sym - closed) == sp.zeros(2, n)
    rng = np.random.default_rng(RNG_SEED + n)
    values = rng.uniform(0.3, 2.0, n)
    arm = PlanarArm(values)
    J_num = sp.lambdify(q, J_sym.subs(dict(zip(lengths, values))), "numpy")
    for _ in range(20):
        qv = rng.uniform(-math.pi, math.pi, n)
        assert np.allclose(arm.jacobian(qv), np.array(J_num(*qv), dtype=float),
                           rtol=1e-13, atol=1e-13)


def test_two_link_determinant_symbolic_and_numeric():
    q, lengths, p = symbolic_forward(2)
    det = calculus.jacobian(p, q).det()
    assert sp.simplify(det - lengths[0] * lengths[1] * sp.sin(q[1])) == 0
    rng = np.random.default_rng(RNG_SEED)
    for _ in range(20):
        l1, l2 = rng.uniform(0.3, 2.0, 2)
        qv = rng.uniform(-math.pi, math.pi, 2)
        arm = PlanarArm([l1, l2])
        assert math.isclose(np.linalg.det(arm.jacobian(qv)), l1 * l2 * math.sin(qv[1]),
                            rel_tol=1e-12, abs_tol=1e-14)


@pytest.mark.parametrize("q2", [0.0, math.pi, -math.pi])
def test_straight_and_folded_arms_are_singular(q2):
    J = ARM2.jacobian([0.7, q2])
    assert abs(np.linalg.det(J)) < 1e-15
    assert ARM2.manipulability([0.7, q2]) < 1e-15


def test_velocity_is_jacobian_times_joint_velocity():
    rng = np.random.default_rng(RNG_SEED)
    for arm in (ARM2, ARM3):
        for _ in range(10):
            q = rng.uniform(-math.pi, math.pi, arm.n)
            qdot = rng.normal(size=arm.n)
            v = numeric.derivative(lambda t: arm.forward(q + t * qdot), 0.0)
            assert np.allclose(arm.jacobian(q) @ qdot, v, rtol=1e-10, atol=1e-10)


# --------------------------------------------------------------------------
# Manipulability.

def test_manipulability_of_two_links():
    rng = np.random.default_rng(RNG_SEED)
    for _ in range(50):
        l1, l2 = rng.uniform(0.3, 2.0, 2)
        q = rng.uniform(-math.pi, math.pi, 2)
        m = PlanarArm([l1, l2]).manipulability(q)
        assert math.isclose(m, abs(l1 * l2 * math.sin(q[1])), rel_tol=1e-13)


def test_manipulability_is_sqrt_det_jjt():
    rng = np.random.default_rng(RNG_SEED)
    for n in (3, 4, 6):
        arm = PlanarArm(rng.uniform(0.3, 2.0, n))
        for _ in range(10):
            q = rng.uniform(-math.pi, math.pi, n)
            J = arm.jacobian(q)
            expected = math.sqrt(np.linalg.det(J @ J.T))
            assert math.isclose(arm.manipulability(q), expected, rel_tol=1e-10)
            sigma = np.linalg.svd(J, compute_uv=False)
            assert math.isclose(arm.manipulability(q), sigma[0] * sigma[1], rel_tol=1e-10)


def test_manipulability_is_accurate_next_to_a_singularity():
    # Relative accuracy where det(J J^T) has only rounding left.
    for q2 in (1e-6, 1e-10, 1e-14):
        assert math.isclose(PlanarArm([2.0, 1.0]).manipulability([0.3, q2]),
                            2 * math.sin(q2), rel_tol=1e-14)
    assert ARM3.manipulability([0.4, 0.0, 0.0]) == 0.0
    assert PlanarArm([1.0]).manipulability([0.3]) == 0.0  # one link: always singular


# --------------------------------------------------------------------------
# Inverse kinematics: reachable targets.

REACHABLE = [
    (ARM2, [1.2, 0.9], [0.3, 0.5]),
    (ARM2, [-1.0, 0.5], [0.3, 0.5]),
    (ARM3, [1.0, 1.2], [0.3, 0.4, 0.5]),
    (ARM3, [1.5, -0.7], [0.3, 0.4, 0.5]),
]


def check_consistent(arm: PlanarArm, target, res: IKResult) -> None:
    """The fields of a result agree with each other and with the arm."""
    n = arm.n
    assert res.history.shape == (res.iterations + 1, n)
    assert res.errors.shape == (res.iterations + 1,)
    assert res.step_norms.shape == (res.iterations,)
    assert np.array_equal(res.q, res.history[-1])
    assert res.error == res.errors[-1]
    assert np.all(np.isfinite(res.history))
    residuals = [np.linalg.norm(np.asarray(target) - arm.forward(q)) for q in res.history]
    assert np.allclose(res.errors, residuals, rtol=1e-12, atol=1e-15)
    # Every iterate after q0 is an angle in [-pi, pi).
    assert np.all(res.history[1:] >= -math.pi) and np.all(res.history[1:] < math.pi)
    assert res.converged == (res.error < 1e-10)  # the default tol


@pytest.mark.parametrize("method", IK_METHODS)
@pytest.mark.parametrize("arm, target, q0", REACHABLE)
def test_ik_converges_on_reachable_targets(arm, target, q0, method):
    res = arm.ik(target, q0, method=method)
    assert res.converged, res.reason
    assert res.reason == "converged: |e| < tol"
    assert res.method == method
    assert np.allclose(arm.forward(res.q), target, rtol=0, atol=1e-10)
    check_consistent(arm, target, res)
    # dls and pinv take tens of steps, the transpose method many more.
    limit = {"dls": 20, "pinv": 20, "transpose": 100}[method]
    assert res.iterations <= limit


def test_ik_iteration_counts_of_the_book_example():
    counts = {m: ARM2.ik([1.2, 0.9], [0.3, 0.5], method=m).iterations for m in IK_METHODS}
    assert counts == {"dls": 8, "pinv": 5, "transpose": 30}


def test_dls_converges_from_random_starts():
    rng = np.random.default_rng(RNG_SEED)
    for arm in (ARM2, ARM3):
        for _ in range(20):
            # A target well inside the workspace, a start away from singular poses.
            target = arm.forward(rng.uniform(-math.pi, math.pi, arm.n))
            if np.linalg.norm(target) > 0.95 * arm.reach or np.linalg.norm(target) < 0.2:
                continue
            q0 = rng.uniform(-math.pi, math.pi, arm.n)
            res = arm.ik(target, q0)
            assert res.converged, (target, q0, res.reason)
            check_consistent(arm, target, res)


def test_ik_stops_at_once_if_q0_solves_it():
    res = ARM2.ik(ARM2.forward([0.4, 1.1]), [0.4, 1.1])
    assert res.converged and res.iterations == 0
    assert res.step_norms.shape == (0,)


def test_result_is_frozen_and_read_only():
    res = ARM2.ik([1.2, 0.9], [0.3, 0.5])
    with pytest.raises(dataclasses.FrozenInstanceError):
        res.converged = False
    for arr in (res.q, res.history, res.errors, res.step_norms):
        with pytest.raises(ValueError):
            arr[0] = 1.0


def test_maxiter_reached_is_reported():
    res = ARM2.ik([1.2, 0.9], [0.3, 0.5], method="transpose", maxiter=5)
    assert not res.converged
    assert res.reason == "maxiter reached"
    assert res.iterations == 5 and res.error > 1e-10
    check_consistent(ARM2, [1.2, 0.9], res)


def test_gain_and_clamp_shape_the_steps():
    full = ARM2.ik([1.2, 0.9], [0.3, 0.5], method="pinv")
    half = ARM2.ik([1.2, 0.9], [0.3, 0.5], method="pinv", step=0.5)
    assert half.converged and half.iterations > full.iterations
    assert math.isclose(half.step_norms[0], full.step_norms[0] / 2, rel_tol=1e-12)
    clamped = ARM2.ik([1.2, 0.9], [0.3, 0.5], method="pinv", max_step=0.1)
    assert clamped.converged
    assert np.all(clamped.step_norms <= 0.1 * (1 + 1e-12))


def test_singular_start_with_error_along_the_arm_stalls():
    # Straight arm, target on the same line: J^T e = 0, no method can move.
    for method in IK_METHODS:
        res = ARM2.ik([1.0, 0.0], [0.0, 0.0], method=method)
        assert not res.converged
        assert res.reason.startswith("stalled")
        assert res.iterations == 0 and math.isclose(res.error, 1.0)


# --------------------------------------------------------------------------
# Unreachable targets and the singular straight pose.

UNREACHABLE = [
    (ARM2, [3.0, 0.0], [0.2, 0.4]),
    (ARM2, [0.0, 5.0], [0.2, 0.4]),
    (ARM2, [2.05, 0.3], [0.2, 0.4]),
    (ARM3, [2.0, 2.0], [0.3, 0.4, 0.5]),
    (ARM3, [-4.0, 1.0], [0.3, -0.4, 0.5]),
]


@pytest.mark.parametrize("arm, target, q0", UNREACHABLE)
def test_dls_points_the_arm_at_an_unreachable_target(arm, target, q0):
    res = arm.ik(target, q0)
    assert not res.converged
    assert res.reason.startswith("stalled")
    gap = np.linalg.norm(target) - arm.reach
    assert math.isclose(res.error, gap, rel_tol=1e-9)
    # Straight (every relative angle after the first is 0), aimed at the target.
    assert np.allclose(res.q[1:], 0.0, atol=1e-6)
    assert math.isclose(res.q[0], math.atan2(target[1], target[0]), abs_tol=1e-6)
    check_consistent(arm, target, res)


@pytest.mark.parametrize("method", ["pinv", "transpose"])
@pytest.mark.parametrize("arm, target, q0", UNREACHABLE)
def test_other_methods_end_unconverged_and_bounded(arm, target, q0, method):
    res = arm.ik(target, q0, method=method)
    assert not res.converged
    assert res.error >= np.linalg.norm(target) - arm.reach - 1e-12
    check_consistent(arm, target, res)  # finite, angles in [-pi, pi)


@pytest.mark.parametrize("arm, target, q0", UNREACHABLE + REACHABLE)
def test_dls_steps_obey_the_damping_bound(arm, target, q0):
    for damping in (0.05, 0.1, 0.5):
        res = arm.ik(target, q0, damping=damping)
        # |dq| <= |e| / (2 lambda), e the error before the step.
        assert np.all(res.step_norms <= res.errors[:-1] / (2 * damping) * (1 + 1e-12))
        # The safeguard: the error never grows.
        assert np.all(np.diff(res.errors) < 0)


NEAR_SINGULAR = [
    # Almost straight start, target almost at full reach.
    (ARM2, 1.99 * np.array([math.cos(0.5), math.sin(0.5)]), [0.0, 1e-3], 1000),
    (ARM2, 1.999 * np.array([math.cos(0.3), math.sin(0.3)]), [0.0, 1e-2], 50),
    (ARM3, 2.39 * np.array([math.cos(0.3), math.sin(0.3)]), [0.0, 1e-2, 1e-2], 30),
]


@pytest.mark.parametrize("arm, target, q0, ratio", NEAR_SINGULAR)
def test_pinv_spins_the_joints_near_a_singularity_dls_does_not(arm, target, q0, ratio):
    pinv = arm.ik(target, q0, method="pinv")
    dls = arm.ik(target, q0, method="dls")
    assert pinv.converged and dls.converged  # both get there ...
    # ... but pinv's first step asks for a huge joint rotation,
    assert pinv.step_norms.max() > ratio * dls.step_norms.max()
    assert pinv.step_norms[0] > 10.0
    # while dls never moves more than |e| / (2 lambda), here under half a radian.
    assert dls.step_norms.max() < 0.5
    sigma = np.linalg.svd(arm.jacobian(q0), compute_uv=False)
    assert sigma[-1] < 0.02 * sigma[0]  # q0 really is close to singular


# --------------------------------------------------------------------------
# Failure paths.

@pytest.mark.parametrize("call, error, match", [
    (lambda: ARM2.forward([0.1]), ValueError, "q must have 2 components, got 1"),
    (lambda: ARM2.joints([0.1, 0.2, 0.3]), ValueError, "q must have 2 components, got 3"),
    (lambda: ARM2.jacobian([[0.1, 0.2]]), ValueError, "q must be a 1-D vector"),
    (lambda: ARM2.manipulability([0.1, math.nan]), ValueError, "q must be finite"),
    (lambda: ARM2.forward("ab"), TypeError, "q must be a sequence of numbers"),
])
def test_bad_joint_angles(call, error, match):
    with pytest.raises(error, match=match):
        call()


@pytest.mark.parametrize("kwargs, error, match", [
    (dict(target=[1.0, 0.5, 0.0]), ValueError, "target must have 2 components, got 3"),
    (dict(target=[math.inf, 0.0]), ValueError, "target must be finite"),
    (dict(q0=[0.1]), ValueError, "q0 must have 2 components, got 1"),
    (dict(method="newton"), ValueError, "method must be one of 'dls', 'pinv', 'transpose'"),
    (dict(damping=0.0), ValueError, "damping must be a positive finite number"),
    (dict(damping=-0.1), ValueError, "damping must be a positive finite number"),
    (dict(damping="big"), TypeError, "damping must be a number"),
    (dict(tol=0.0), ValueError, "tol must be a positive finite number"),
    (dict(tol=math.nan), ValueError, "tol must be a positive finite number"),
    (dict(maxiter=0), ValueError, "maxiter must be a positive integer"),
    (dict(maxiter=10.0), TypeError, "maxiter must be a positive integer"),
    (dict(maxiter=True), TypeError, "maxiter must be a positive integer"),
    (dict(step=0.0), ValueError, "step must be a positive finite number"),
    (dict(max_step=-1.0), ValueError, "max_step must be a positive finite number"),
])
def test_bad_ik_arguments(kwargs, error, match):
    args = dict(target=[1.2, 0.9], q0=[0.3, 0.5]) | kwargs
    with pytest.raises(error, match=match):
        ARM2.ik(**args)


def test_maxiter_accepts_numpy_integers():
    assert ARM2.ik([1.2, 0.9], [0.3, 0.5], maxiter=np.int64(50)).converged


def test_dls_slows_down_near_the_rim_of_the_workspace():
    """The iteration counts quoted in PlanarArm.ik's docstring (maxiter)."""
    arm = PlanarArm([1.0, 1.0])
    counts = {}
    for d in (0.1, 2e-4):
        target = (2.0 - d) * np.array([np.cos(0.9), np.sin(0.9)])
        dls = arm.ik(target, [0.3, 0.5], maxiter=5000)
        pinv = arm.ik(target, [0.3, 0.5], method="pinv")
        assert dls.converged and pinv.converged and pinv.iterations <= 15
        counts[d] = dls.iterations
    assert counts[0.1] < 20 and 800 < counts[2e-4] < 1100
    assert not arm.ik((2.0 - 2e-4) * np.array([np.cos(0.9), np.sin(0.9)]), [0.3, 0.5]).converged
