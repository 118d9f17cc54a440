"""Tests of SpatialArm.ik: position and orientation to 1e-10 from seeded
starts on the six- and seven-joint arms, the sign convention of the 6-D
error, the null-space task of the redundant arm, position-only IK,
unreachable targets, and every failure path.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from companion.robotics import Pose, SpatialArm, SpatialIKResult
from companion.rotations import exp_so3, log_so3

pytestmark = pytest.mark.filterwarnings("error")

ARM6, ARM7 = SpatialArm.six_joint(), SpatialArm.seven_joint()


def seeded_problems(arm: SpatialArm, seed: int, count: int = 20):
    """Reachable targets forward(q_true) and starts up to 0.5 rad from q_true."""
    rng = np.random.default_rng(seed)
    for _ in range(count):
        q_true = rng.uniform(-np.pi / 2, np.pi / 2, arm.n)
        yield q_true, q_true + rng.uniform(-0.5, 0.5, arm.n)


@pytest.mark.parametrize("arm", [ARM6, ARM7], ids=["six", "seven"])
def test_converges_from_twenty_seeded_starts(arm):
    for q_true, q0 in seeded_problems(arm, seed=19):
        target = arm.forward(q_true)
        res = arm.ik(target, q0)
        assert res.converged and res.reason == "converged", res.reason
        assert res.position_error < 1e-10 and res.orientation_error < 1e-10
        assert res.iterations <= 30
        # The result's pose is the target, recomputed independently of ik.
        assert np.allclose(arm.forward(res.q), target, rtol=0, atol=1e-10)
        assert res.errors.shape == (res.iterations + 1, 2)
        assert res.history.shape == (res.iterations + 1, arm.n)
        assert np.array_equal(res.history[-1], res.q)
        assert np.all(res.q >= -np.pi) and np.all(res.q < np.pi)


@pytest.mark.parametrize("arm", [ARM6, ARM7], ids=["six", "seven"])
def test_converges_from_arbitrary_starts(arm):
    rng = np.random.default_rng(7)
    for _ in range(20):
        q_true, q0 = rng.uniform(-np.pi, np.pi, arm.n), rng.uniform(-np.pi, np.pi, arm.n)
        res = arm.ik(Pose(*(lambda T: (T[:3, :3], T[:3, 3]))(arm.forward(q_true))), q0, maxiter=300)
        assert res.converged, res.reason


def test_error_decreases_at_every_step():
    q_true, q0 = next(seeded_problems(ARM6, seed=3))
    res = ARM6.ik(ARM6.forward(q_true), q0)
    total = np.linalg.norm(res.errors, axis=1)
    assert np.all(np.diff(total) < 0)


def test_error_convention_spatial_frame():
    """log(R_t R^T) changes at the rate -omega (spatial), so J dq = e cancels it to first order."""
    rng = np.random.default_rng(5)
    q = rng.uniform(-1, 1, 6)
    R = ARM6.pose(q).R
    R_t = exp_so3([0.01, -0.02, 0.015]) @ R  # a small turn, applied in the world frame
    e_rot = log_so3(R_t @ R.T)
    qdot = rng.standard_normal(6)
    omega = ARM6.jacobian(q)[3:] @ qdot
    h = 1e-6
    rate = (log_so3(R_t @ ARM6.pose(q + h * qdot).R.T) - log_so3(R_t @ ARM6.pose(q - h * qdot).R.T)) / (2 * h)
    # Near the identity the rate is -omega up to O(|e_rot|) corrections.
    assert np.linalg.norm(rate + omega) < 0.05 * np.linalg.norm(omega)
    # The body-frame error log(R^T R_t) is a different vector (R^T e_rot): not the one ik uses.
    assert np.allclose(log_so3(R.T @ R_t), R.T @ e_rot, atol=1e-12)


def test_null_space_step_leaves_the_hand_still():
    q = np.array([0.3, -0.4, 0.2, 1.1, 0.3, -0.2, 0.4])
    J = ARM7.jacobian(q)
    N = np.eye(7) - np.linalg.pinv(J) @ J
    assert np.allclose(J @ N, 0, atol=1e-14)
    rest = np.zeros(7)
    dq = N @ (rest - q)
    assert np.linalg.norm(dq) > 0.1
    # The hand moves only to second order along the null-space motion.
    moves = []
    for t in (1e-2, 1e-3):
        T0, T1 = ARM7.forward(q), ARM7.forward(q + t * dq)
        moves.append(np.linalg.norm(T1 - T0))
    assert moves[1] < moves[0] / 50  # quadratic: a factor of about 100


def test_rest_task_moves_towards_rest_without_moving_the_hand():
    rest = np.array([0.0, -0.3, 0.0, 1.2, 0.0, 0.0, 0.0])
    closer = 0
    for q_true, q0 in seeded_problems(ARM7, seed=11, count=10):
        target = ARM7.forward(q_true)
        plain, with_rest = ARM7.ik(target, q0), ARM7.ik(target, q0, rest=rest, rest_gain=0.5)
        assert plain.converged and with_rest.converged
        assert np.allclose(ARM7.forward(with_rest.q), target, rtol=0, atol=1e-10)
        closer += np.linalg.norm(with_rest.q - rest) < np.linalg.norm(plain.q - rest)
    assert closer == 10


def test_rest_task_on_a_non_redundant_arm_changes_nothing_at_convergence():
    q_true, q0 = next(seeded_problems(ARM6, seed=2))
    res = ARM6.ik(ARM6.forward(q_true), q0, rest=np.zeros(6))
    assert res.converged and np.allclose(ARM6.forward(res.q), ARM6.forward(q_true), atol=1e-10)


def test_position_only_leaves_the_orientation_where_it_lands():
    q_true, q0 = next(seeded_problems(ARM6, seed=4))
    target = ARM6.forward(q_true)
    res = ARM6.ik(target, q0, position_only=True)
    assert res.converged and res.position_error < 1e-10
    assert res.orientation_error > 1e-3
    R = ARM6.pose(res.q).R
    assert np.isclose(res.orientation_error, np.linalg.norm(log_so3(target[:3, :3] @ R.T)), atol=1e-12)


def test_unreachable_target_reported_with_residual():
    q = np.array([0.4, 0.3, -0.5, 0.6, 0.8, -0.3])
    far = ARM6.pose(q).matrix
    far[:3, 3] = [3.0, 0.0, 1.0]
    res = ARM6.ik(far, q, maxiter=500)
    assert not res.converged
    assert res.reason.startswith("stalled") or res.reason == "maxiter reached"
    # Shoulder at (0, 0, 0.5), reach 1.1 from it: the residual is at least the gap.
    gap = np.linalg.norm(np.array([3.0, 0.0, 1.0]) - [0, 0, 0.5]) - 1.1
    assert res.position_error >= gap - 1e-9
    assert np.isclose(res.position_error, np.linalg.norm(far[:3, 3] - ARM6.pose(res.q).p), rtol=1e-12)


def test_maxiter_reached_is_reported():
    q_true, q0 = next(seeded_problems(ARM6, seed=9))
    res = ARM6.ik(ARM6.forward(q_true), q0, maxiter=1)
    assert not res.converged and res.reason == "maxiter reached" and res.iterations == 1


def test_result_is_frozen_and_read_only():
    q_true, q0 = next(seeded_problems(ARM6, seed=1))
    res = ARM6.ik(ARM6.forward(q_true), q0)
    assert isinstance(res, SpatialIKResult)
    with pytest.raises(dataclasses.FrozenInstanceError):
        res.q = np.zeros(6)
    with pytest.raises(ValueError):
        res.q[0] = 1.0


GOOD = ARM6.forward(np.full(6, 0.3))


@pytest.mark.parametrize("kwargs, message", [
    ({"target": np.eye(3)}, "target must have shape"),
    ({"target": np.diag([1.0, 1.0, 1.0, 2.0])}, "last row"),
    ({"target": np.diag([1.0, 1.1, 1.0, 1.0])}, "not a rotation matrix: it is not orthogonal"),
    ({"target": np.diag([1.0, 1.0, -1.0, 1.0])}, "reflection"),
    ({"target": np.full((4, 4), np.nan)}, "target must be finite"),
    ({"target": Pose(R=np.diag([1.0, 2.0, 1.0]), p=np.zeros(3))}, "target.R is not a rotation"),
    ({"target": Pose(R=np.eye(3), p=np.array([0.0, np.inf, 0.0]))}, "target.p must be finite"),
    ({"q0": np.zeros(5)}, "q0 must have 6 components"),
    ({"q0": [0, 0, 0, 0, 0, np.nan]}, "q0 must be finite"),
    ({"tol": 0.0}, "tol must be a positive finite number"),
    ({"tol": np.nan}, "tol must be a positive finite number"),
    ({"damping": -0.1}, "damping must be a positive finite number"),
    ({"maxiter": 0}, "maxiter must be a positive integer"),
    ({"rest": np.zeros(7)}, "rest must have 6 components"),
    ({"rest": np.zeros(6), "rest_gain": 0.0}, "rest_gain must be a positive finite number"),
])
def test_bad_input_raises_named_value_errors(kwargs, message):
    args = {"target": GOOD, "q0": np.zeros(6)} | kwargs
    with pytest.raises(ValueError, match=message):
        ARM6.ik(**args)


@pytest.mark.parametrize("kwargs, message", [
    ({"maxiter": 10.0}, "maxiter"),
    ({"position_only": "yes"}, "position_only"),
    ({"q0": None}, "q0"),
])
def test_bad_types_raise_type_errors(kwargs, message):
    args = {"target": GOOD, "q0": np.zeros(6)} | kwargs
    with pytest.raises(TypeError, match=message):
        ARM6.ik(**args)
