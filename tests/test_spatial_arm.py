"""Tests of companion.robotics.SpatialArm: the geometric Jacobian against
finite differences of the forward kinematics, v = J qdot integrated along a
trajectory, the planar arm embedded in space, the ready-made arms, every
failure path, and the vectorised chain against the one-joint-at-a-time
reference.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy.integrate import solve_ivp

from companion.robotics import PlanarArm, Pose, SpatialArm, _joint_transform
from companion.rotations import angular_velocity, check_rotation
from companion.vectors import hat

pytestmark = pytest.mark.filterwarnings("error")

ARMS = {"six": SpatialArm.six_joint(), "seven": SpatialArm.seven_joint(),
        "planar3": SpatialArm.planar([1.0, 0.8, 0.6])}


def finite_difference_jacobian(arm: SpatialArm, q: np.ndarray, h: float = 1e-6) -> np.ndarray:
    """Central differences of the hand point, and vee(Rdot R^T) of the hand's orientation."""
    columns = []
    R = arm.pose(q).R
    for i in range(arm.n):
        dq = np.zeros(arm.n)
        dq[i] = h
        plus, minus = arm.pose(q + dq), arm.pose(q - dq)
        pdot = (plus.p - minus.p) / (2 * h)
        Rdot = (plus.R - minus.R) / (2 * h)
        columns.append(np.concatenate([pdot, angular_velocity(R, Rdot)]))
    return np.column_stack(columns)


@pytest.mark.parametrize("name", sorted(ARMS))
def test_jacobian_matches_finite_differences(name: str) -> None:
    arm = ARMS[name]
    rng = np.random.default_rng(11)
    for _ in range(20):
        q = rng.uniform(-np.pi, np.pi, arm.n)
        J = arm.jacobian(q)
        assert J.shape == (6, arm.n)
        # Central differences with h = 1e-6: truncation ~h^2 ~ 1e-12, rounding ~eps/h ~ 1e-10.
        assert np.allclose(J, finite_difference_jacobian(arm, q), rtol=0, atol=1e-8)


@pytest.mark.parametrize("name", ["six", "seven"])
def test_integrating_j_qdot_reproduces_forward_kinematics(name: str) -> None:
    arm = ARMS[name]
    rng = np.random.default_rng(5)
    q0, amp, freq = rng.uniform(-1, 1, arm.n), rng.uniform(0.3, 1.0, arm.n), rng.uniform(0.5, 2.0, arm.n)

    def q_of(t):
        return q0 + amp * np.sin(freq * t)

    def qdot_of(t):
        return amp * freq * np.cos(freq * t)

    def rhs(t, y):
        twist = arm.jacobian(q_of(t)) @ qdot_of(t)
        R = y[3:].reshape(3, 3)
        return np.concatenate([twist[:3], (hat(twist[3:]) @ R).ravel()])

    start = arm.pose(q_of(0.0))
    y0 = np.concatenate([start.p, start.R.ravel()])
    t_end = 3.0
    sol = solve_ivp(rhs, (0.0, t_end), y0, method="DOP853", rtol=1e-11, atol=1e-12)
    assert sol.success
    end = arm.pose(q_of(t_end))
    # The integration tolerance (1e-11 relative, 1e-12 absolute per step) accumulates
    # to about 1e-10 over the trajectory; 1e-8 leaves a wide margin.
    assert np.allclose(sol.y[:3, -1], end.p, rtol=0, atol=1e-8)
    assert np.allclose(sol.y[3:, -1].reshape(3, 3), end.R, rtol=0, atol=1e-8)


def test_planar_arm_embedded_in_space() -> None:
    lengths = [1.0, 0.8, 0.6]
    planar, spatial = PlanarArm(lengths), SpatialArm.planar(lengths)
    rng = np.random.default_rng(3)
    for _ in range(20):
        q = rng.uniform(-np.pi, np.pi, 3)
        J = spatial.jacobian(q)
        assert np.allclose(J[[0, 1]], planar.jacobian(q), rtol=0, atol=1e-14)
        assert np.allclose(J[5], 1.0, rtol=0, atol=0)
        assert np.allclose(J[[2, 3, 4]], 0.0, rtol=0, atol=0)
        pose = spatial.pose(q)
        assert np.allclose(pose.p[:2], planar.forward(q), rtol=0, atol=1e-14) and pose.p[2] == 0.0
        # Both list the base joint, the other joints and the hand, in order.
        assert np.allclose(spatial.joints(q)[:, :2], planar.joints(q), rtol=0, atol=1e-14)


def test_pose_and_forward_agree_and_are_rigid() -> None:
    rng = np.random.default_rng(8)
    for arm in ARMS.values():
        q = rng.uniform(-np.pi, np.pi, arm.n)
        T, pose = arm.forward(q), arm.pose(q)
        assert isinstance(pose, Pose)
        assert np.array_equal(T[:3, :3], pose.R) and np.array_equal(T[:3, 3], pose.p)
        assert np.array_equal(pose.matrix, T) and np.array_equal(T[3], [0, 0, 0, 1])
        check_rotation(pose.R)
        with pytest.raises(AttributeError):
            pose.p = np.zeros(3)  # frozen
        with pytest.raises(ValueError):
            pose.R[0, 0] = 2.0  # read-only


def test_six_joint_wrist_singularity_and_spherical_wrist() -> None:
    arm = ARMS["six"]
    rng = np.random.default_rng(9)
    for _ in range(10):
        q = rng.uniform(-np.pi, np.pi, 6)
        points, axes = arm.joint_axes(q)
        # The three wrist axes meet at the wrist centre.
        assert np.allclose(points[3], points[4], atol=1e-14) and np.allclose(points[4], points[5], atol=1e-14)
        # det J = +-sin(q5) times the positional part (the wrist decouples).
        q_aligned = q.copy()
        q_aligned[4] = 0.0
        J = arm.jacobian(q_aligned)
        assert np.linalg.matrix_rank(J, tol=1e-10) == 5
        assert arm.manipulability(q_aligned) < 1e-14
        assert arm.manipulability(q) == pytest.approx(abs(np.linalg.det(arm.jacobian(q))), rel=1e-10, abs=1e-14)


def test_seven_joint_null_space_moves_the_elbow_not_the_hand() -> None:
    arm = ARMS["seven"]
    q = np.array([0.3, -0.4, 0.2, 1.1, 0.3, -0.2, 0.4])
    J = arm.jacobian(q)
    assert np.linalg.matrix_rank(J) == 6
    null = np.linalg.svd(J)[2][-1]
    assert np.allclose(J @ null, 0.0, atol=1e-14)
    h = 1e-6
    moved = (arm.joints(q + h * null) - arm.joints(q - h * null)) / (2 * h)
    assert np.linalg.norm(moved[3]) > 0.05  # the elbow swings
    assert np.allclose(moved[[0, 4, 7]], 0.0, atol=1e-8)  # shoulder, wrist and hand stay


def test_joint_axes_are_carried_by_earlier_joints_only() -> None:
    arm = ARMS["six"]
    q = np.array([0.2, -0.3, 0.5, 0.7, -0.4, 0.9])
    points, axes = arm.joint_axes(q)
    assert np.allclose(axes[0], [0, 0, 1]) and np.allclose(points[0], 0.0)
    changed = q.copy()
    changed[2:] = 0.0
    assert np.allclose(arm.joint_axes(changed)[1][:3], axes[:3], atol=1e-15)
    assert np.allclose(np.linalg.norm(axes, axis=1), 1.0, atol=1e-15)


@pytest.mark.parametrize("q, message", [
    (np.zeros(5), "q must have 6 components, got 5"),
    (np.array([0, 0, np.nan, 0, 0, 0]), "q must be finite"),
    (np.array([0, 0, np.inf, 0, 0, 0]), "q must be finite"),
])
def test_bad_joint_angles(q: np.ndarray, message: str) -> None:
    arm = ARMS["six"]
    for verb in (arm.forward, arm.pose, arm.jacobian, arm.manipulability, arm.joints, arm.joint_axes):
        with pytest.raises(ValueError, match=message):
            verb(q)


def test_zero_axis() -> None:
    with pytest.raises(ValueError, match=r"axes\[1\] is the zero vector"):
        SpatialArm([[0, 0, 1], [0, 0, 0]], np.zeros((2, 3)), np.eye(4))


def test_non_unit_axis() -> None:
    with pytest.raises(ValueError, match=r"axes\[0\] must be a unit vector, got \(0.0, 0.6, 0.6\) of norm 0.848528"):
        SpatialArm([[0, 0.6, 0.6]], np.zeros((1, 3)), np.eye(4))


def test_non_finite_axis_and_points() -> None:
    with pytest.raises(ValueError, match="axes must be finite"):
        SpatialArm([[0, 0, np.nan]], np.zeros((1, 3)), np.eye(4))
    with pytest.raises(ValueError, match="points must be finite"):
        SpatialArm([[0, 0, 1]], [[0, np.inf, 0]], np.eye(4))


def test_shapes_must_agree() -> None:
    with pytest.raises(ValueError, match="points must have shape"):
        SpatialArm([[0, 0, 1]], np.zeros((2, 3)), np.eye(4))
    with pytest.raises(ValueError, match="axes must have shape"):
        SpatialArm([[0, 1]], np.zeros((1, 2)), np.eye(4))
    with pytest.raises(ValueError, match="at least one joint"):
        SpatialArm(np.zeros((0, 3)), np.zeros((0, 3)), np.eye(4))


def test_home_must_be_rigid() -> None:
    bad_row = np.eye(4)
    bad_row[3, 0] = 1.0
    with pytest.raises(ValueError, match="last row"):
        SpatialArm([[0, 0, 1]], np.zeros((1, 3)), bad_row)
    reflection = np.diag([1.0, 1.0, -1.0, 1.0])
    with pytest.raises(ValueError, match="reflection"):
        SpatialArm([[0, 0, 1]], np.zeros((1, 3)), reflection)


# The vectorised chain (SpatialArm._chain) against the straightforward computation.

def reference_kinematics(arm: SpatialArm, q: np.ndarray) -> tuple[np.ndarray, ...]:
    """T(q), the joint points and axes and the Jacobian, one joint at a time
    through exp_so3 (``_joint_transform``), as SpatialArm computed them before
    its chain was vectorised."""
    partial = [np.eye(4)]
    for w, point, angle in zip(arm.axes, arm.points, q):
        partial.append(partial[-1] @ _joint_transform(w, point, float(angle)))
    T = partial[-1] @ arm.home
    points = np.array([P[:3, :3] @ c + P[:3, 3] for P, c in zip(partial, arm.points)])
    axes = np.array([P[:3, :3] @ w for P, w in zip(partial, arm.axes)])
    J = np.vstack([np.cross(axes, T[:3, 3] - points).T, axes.T])
    return T, points, axes, J


def tilted_arm() -> SpatialArm:
    """Axes along no coordinate axis, one of them off unit length by 5e-10 (within AXIS_TOL)."""
    rng = np.random.default_rng(23)
    axes = rng.standard_normal((5, 3))
    axes /= np.linalg.norm(axes, axis=1, keepdims=True)
    axes[2] *= 1 + 5e-10
    home = np.eye(4)
    home[:3, 3] = [0.2, -0.1, 0.9]
    return SpatialArm(axes, rng.uniform(-1, 1, (5, 3)), home)


def configurations(n: int, rng: np.random.Generator) -> list[np.ndarray]:
    """Random angles, and some with joints at 0, below exp_so3's series threshold
    (1e-3), on both sides of it, and far beyond one turn."""
    qs = [rng.uniform(-2 * np.pi, 2 * np.pi, n) for _ in range(30)]
    for special in (0.0, 1e-9, -1e-4, 9.99e-4, 1.001e-3, -1e-3, 50.0):
        for i in range(n):
            q = rng.uniform(-np.pi, np.pi, n)
            q[i] = special
            qs.append(q)
    return qs


@pytest.mark.parametrize("name", [*sorted(ARMS), "tilted"])
def test_chain_matches_reference_computation(name: str) -> None:
    arm = tilted_arm() if name == "tilted" else ARMS[name]
    for q in configurations(arm.n, np.random.default_rng(29)):
        T, points, axes, J = reference_kinematics(arm, q)
        assert np.allclose(arm.forward(q), T, rtol=0, atol=1e-13)
        ours_points, ours_axes = arm.joint_axes(q)
        assert np.allclose(ours_points, points, rtol=0, atol=1e-13)
        assert np.allclose(ours_axes, axes, rtol=0, atol=1e-13)
        assert np.allclose(arm.jacobian(q), J, rtol=0, atol=1e-13)


@pytest.mark.parametrize("name", sorted(ARMS))
def test_chain_is_exact_for_axes_along_coordinate_axes(name: str) -> None:
    # For such axes the chain does exp_so3's arithmetic operation for
    # operation, so it reproduces the reference to the last bit; the pages'
    # stored outputs (strict nbval) show digits that rounding would move.
    arm = ARMS[name]
    for q in configurations(arm.n, np.random.default_rng(31)):
        T, _, _, J = reference_kinematics(arm, q)
        assert np.array_equal(arm.forward(q), T)
        assert np.array_equal(arm.jacobian(q), J)


def test_chain_cache_follows_the_fields() -> None:
    import dataclasses

    arm = ARMS["six"]
    turned = dataclasses.replace(arm, axes=-arm.axes)  # every joint turns the other way
    q = np.random.default_rng(37).uniform(-1, 1, arm.n)
    assert np.allclose(turned.forward(q), arm.forward(-q), rtol=0, atol=1e-15)
    assert "_K" not in repr(arm)


def test_private_norm_is_numpys() -> None:
    from companion.robotics import _norm

    rng = np.random.default_rng(41)
    for size in (3, 6, 7):
        for _ in range(200):
            v = rng.standard_normal(size) * 10.0 ** rng.integers(-12, 3)
            assert _norm(v) == np.linalg.norm(v)  # to the last bit: ik's decisions use it
