"""companion.robotics.SpatialArm against an independent library: the Robotics
Toolbox for Python (roboticstoolbox-python, pinned in
tests/requirements-peer.txt; its kinematics run in C++).

How the peer's arms are built
-----------------------------
The companion writes an arm as a product of exponentials in the world frame:
joint i turns about the line through ``points[i]`` along ``axes[i]`` (both at
home, where every joint angle is 0), and ``home`` is the hand's frame at home.
The peer is given the same two arms as *elementary transform sequences*
(ETS), written out here by hand from the arms' docstrings, not derived from
the companion's arrays: a chain of constant translations ``tx, ty, tz`` and
joint rotations ``Rx, Ry, Rz`` (``flip=True`` for a joint that turns about
the negative axis), read left to right from the base, each joint's frame
sitting at the previous joint's frame moved by the translation. At home
every frame of the chain is parallel to the world frame, so a joint's
``Rx/Ry/Rz`` turns about the same world line as the companion's screw axis,
and the two descriptions are the same kinematics: no Denavit-Hartenberg
parameters are needed. The last element, a constant ``ET.SE3``, carries the
hand's offset from the last joint and its orientation at home.

Conventions compared
--------------------
* forward kinematics: ``ets.fkine(q).A`` and ``arm.forward(q)`` are the same
  4 x 4 base-to-hand transform;
* Jacobian: the peer's ``ets.jacob0(q)`` is the geometric Jacobian in the
  base (world) frame at the end of the chain (the hand point), with the
  linear velocity in rows 0-2 and the angular velocity in rows 3-5, the same
  layout as ``arm.jacobian(q)``: compared entry for entry, with no reordering;
* inverse kinematics: the peer's ``ets.ik_LM`` (Levenberg-Marquardt in C++)
  stops when ``E = e.e / 2 < tol``, with ``e`` the 6-vector of the position
  error and the axis-angle vector of the orientation error, so
  ``tol = 5e-21`` asks for ``|e| < 1e-10``. Every solution, the peer's and
  the companion's, is judged here by the companion's forward kinematics, not
  by the solver's own report.
"""

from __future__ import annotations

import numpy as np
import pytest

from companion.robotics import SpatialArm
from companion.rotations import log_so3

rtb = pytest.importorskip("roboticstoolbox", reason="the test peer: make setup installs "
                          "tests/requirements-peer.txt")
ET = rtb.ET

pytestmark = pytest.mark.filterwarnings("error")

TOL = 1e-12          # forward kinematics and Jacobian
IK_TOL = 1e-10       # position (metres) and orientation (radians)
CONFIGURATIONS = 20


def hand(x: float, rotation: list[list[float]]) -> "rtb.ET":
    """A constant transform: ``x`` metres along the last frame's x axis, then ``rotation``."""
    T = np.eye(4)
    T[:3, :3] = rotation
    T[0, 3] = x
    return ET.SE3(T)


def six_joint_ets() -> "rtb.ETS":
    """SpatialArm.six_joint() as the peer's ETS (its docstring, transcribed).

    Waist about z at the origin; shoulder about -y at height 0.5; elbow about
    -y at height 1.0; forearm 0.5 along x to the wrist centre (0.5, 0, 1),
    where the three wrist axes x, -y, x meet; the hand point 0.1 beyond it
    along x, the hand's frame at home turned by +90 degrees about y (its z
    axis along world +x, its x axis along world -z).
    """
    return (ET.Rz() * ET.tz(0.5) * ET.Ry(flip=True) * ET.tz(0.5) * ET.Ry(flip=True)
            * ET.tx(0.5) * ET.Rx() * ET.Ry(flip=True) * ET.Rx()
            * hand(0.1, [[0.0, 0.0, 1.0], [0.0, 1.0, 0.0], [-1.0, 0.0, 0.0]]))


def seven_joint_ets() -> "rtb.ETS":
    """SpatialArm.seven_joint() as the peer's ETS (its docstring, transcribed).

    Shoulder axes z, y, x at the origin; 0.3 along x to the elbow (axis y);
    0.25 along x to the wrist (axes x, z, y); the hand point 0.08 beyond the
    wrist along x, the hand's frame at home the world's.
    """
    return (ET.Rz() * ET.Ry() * ET.Rx() * ET.tx(0.3) * ET.Ry() * ET.tx(0.25)
            * ET.Rx() * ET.Rz() * ET.Ry() * hand(0.08, np.eye(3).tolist()))


ARMS = {"six_joint": (SpatialArm.six_joint, six_joint_ets),
        "seven_joint": (SpatialArm.seven_joint, seven_joint_ets)}


def configurations(n: int, seed: int = 19) -> np.ndarray:
    """``CONFIGURATIONS`` seeded joint vectors, each angle uniform in [-pi, pi)."""
    return np.random.default_rng(seed).uniform(-np.pi, np.pi, (CONFIGURATIONS, n))


def pose_errors(arm: SpatialArm, q: np.ndarray, target: np.ndarray) -> tuple[float, float]:
    """Position error |p - p_t| and orientation error |log(R_t^T R)| by the companion."""
    T = arm.forward(q)
    position = float(np.linalg.norm(T[:3, 3] - target[:3, 3]))
    orientation = float(np.linalg.norm(log_so3(target[:3, :3].T @ T[:3, :3])))
    return position, orientation


@pytest.mark.parametrize("name", sorted(ARMS))
def test_peer_arm_has_the_same_joints(name: str) -> None:
    arm, ets = ARMS[name][0](), ARMS[name][1]()
    assert ets.n == arm.n
    # At home both are the documented hand frame, exactly (no rounding yet).
    np.testing.assert_array_equal(ets.fkine(np.zeros(arm.n)).A, arm.home)


@pytest.mark.parametrize("name", sorted(ARMS))
def test_forward_kinematics_agrees_with_peer(name: str) -> None:
    arm, ets = ARMS[name][0](), ARMS[name][1]()
    worst = 0.0
    for q in configurations(arm.n):
        ours, theirs = arm.forward(q), ets.fkine(q).A
        worst = max(worst, float(np.abs(ours - theirs).max()))
    assert worst <= TOL, f"largest |T - T_peer| over {CONFIGURATIONS} configurations: {worst:.3e}"


@pytest.mark.parametrize("name", sorted(ARMS))
def test_geometric_jacobian_agrees_with_peer(name: str) -> None:
    arm, ets = ARMS[name][0](), ARMS[name][1]()
    worst = 0.0
    for q in configurations(arm.n):
        ours, theirs = arm.jacobian(q), ets.jacob0(q)
        assert ours.shape == theirs.shape == (6, arm.n)
        worst = max(worst, float(np.abs(ours - theirs).max()))
    assert worst <= TOL, f"largest |J - J_peer| over {CONFIGURATIONS} configurations: {worst:.3e}"


def test_row_order_is_linear_then_angular() -> None:
    # Guard against a silent swap of the blocks: the waist joint of the
    # six-joint arm at home turns the hand about world z, so its column is
    # (z x p, z) = ((0, 0.6, 0), (0, 0, 1)) in both libraries.
    arm, ets = SpatialArm.six_joint(), six_joint_ets()
    expected = np.array([0.0, 0.6, 0.0, 0.0, 0.0, 1.0])
    np.testing.assert_allclose(arm.jacobian(np.zeros(6))[:, 0], expected, rtol=0, atol=TOL)
    np.testing.assert_allclose(ets.jacob0(np.zeros(6))[:, 0], expected, rtol=0, atol=TOL)


@pytest.mark.parametrize("name", sorted(ARMS))
def test_peer_ik_solutions_reach_the_target_by_our_forward(name: str) -> None:
    # Targets forward(q) of seeded configurations (so they are reachable);
    # starts 0.5 rad or less away per joint. The peer's solution, put through
    # the companion's forward kinematics, reaches the target to 1e-10.
    arm, ets = ARMS[name][0](), ARMS[name][1]()
    rng = np.random.default_rng(191)
    solved = 0
    for q in configurations(arm.n, seed=190):
        target = arm.forward(q)
        start = q + rng.uniform(-0.5, 0.5, arm.n)
        solution = ets.ik_LM(target, q0=start, ilimit=200, slimit=1, tol=5e-21,
                             joint_limits=False)
        if solution.success:
            position, orientation = pose_errors(arm, solution.q, target)
            assert position < IK_TOL and orientation < IK_TOL, (position, orientation)
            solved += 1
    assert solved >= CONFIGURATIONS - 2, f"the peer solved only {solved} of {CONFIGURATIONS}"


@pytest.mark.parametrize("name", sorted(ARMS))
def test_our_ik_solutions_reach_the_target_by_the_peers_forward(name: str) -> None:
    # The other direction: SpatialArm.ik from the same kind of starts, its
    # solution put through the peer's forward kinematics.
    arm, ets = ARMS[name][0](), ARMS[name][1]()
    rng = np.random.default_rng(193)
    for q in configurations(arm.n, seed=192):
        target = arm.forward(q)
        result = arm.ik(target, q + rng.uniform(-0.5, 0.5, arm.n), tol=IK_TOL)
        assert result.converged, result.reason
        reached = ets.fkine(result.q).A
        assert np.linalg.norm(reached[:3, 3] - target[:3, 3]) < IK_TOL
        assert np.linalg.norm(log_so3(target[:3, :3].T @ reached[:3, :3])) < IK_TOL
