"""Tests of companion.robotics.two_bone_ik (a two-bone limb with a pole) and of
companion.plotting.limb_figure: bones keep their lengths, the hand reaches a
reachable target, the elbow lies in the pole's plane on the pole's side, the
out-of-reach and too-close poses are reported, and bad input is named.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from companion.plotting import limb_figure
from companion.robotics import POLE_TOL, LimbPose, SpatialArm, two_bone_ik
from tests.validated import validated

ROOT = np.array([0.0, 0.0, 0.0])
TARGET = np.array([0.2, 0.4, -0.4])   # 0.6 from the root: the 4-5-6 triangle with 0.5 and 0.4
POLE = np.array([0.0, 1.0, 0.0])


def plane_frame(root, target, pole):
    u = (target - root) / np.linalg.norm(target - root)
    w = (pole - root) - ((pole - root) @ u) * u
    v = w / np.linalg.norm(w)
    return u, v, np.cross(u, v)


def test_worked_example_by_the_law_of_cosines():
    limb = two_bone_ik(ROOT, TARGET, POLE, 0.5, 0.4)
    assert isinstance(limb, LimbPose) and limb.reached and limb.shortfall == 0.0
    u, v, _ = plane_frame(ROOT, TARGET, POLE)
    # x = (a^2 + d^2 - b^2) / (2 d) = 3/8, h = sqrt(a^2 - x^2) = sqrt(7)/8
    assert np.allclose(limb.elbow, 3 / 8 * u + math.sqrt(7) / 8 * v, rtol=0, atol=1e-15)
    assert math.isclose(math.cos(limb.bend), -1 / 8, rel_tol=0, abs_tol=1e-15)
    assert np.array_equal(limb.hand, TARGET)
    assert np.array_equal(limb.points, np.vstack([ROOT, limb.elbow, TARGET]))


def test_arrays_are_read_only():
    limb = two_bone_ik(ROOT, TARGET, POLE, 0.5, 0.4)
    with pytest.raises(ValueError):
        limb.elbow[0] = 1.0
    with pytest.raises(AttributeError):
        limb.bend = 0.0


def check_reachable(root, target, pole, a, b):
    limb = two_bone_ik(root, target, pole, a, b)
    scale = a + b + np.abs(root).max()
    assert limb.reached and limb.shortfall == 0.0
    assert np.array_equal(limb.hand, target)
    assert math.isclose(np.linalg.norm(limb.elbow - limb.root), a, rel_tol=0, abs_tol=1e-12 * scale)
    assert math.isclose(np.linalg.norm(limb.hand - limb.elbow), b, rel_tol=0, abs_tol=1e-12 * scale)
    u, v, n = plane_frame(root, target, pole)
    assert abs((limb.elbow - root) @ n) < 1e-12 * scale          # in the plane
    assert (limb.elbow - root) @ v >= -1e-12 * scale             # on the pole's side
    d = np.linalg.norm(target - root)
    cos_bend = (d**2 - a**2 - b**2) / (2 * a * b)
    assert abs(math.cos(limb.bend) - cos_bend) < 1e-9
    assert 0.0 <= limb.bend <= math.pi
    return limb


points = st.tuples(*[st.floats(-2.0, 2.0, allow_nan=False)] * 3).map(np.array)
lengths = st.floats(0.1, 2.0)


@settings(max_examples=300)
@given(points, points, points, lengths, lengths, st.floats(0.0, 1.0))
def test_random_reachable_limbs(root, direction, pole, a, b, t):
    assume(np.linalg.norm(direction) > 0.1)
    u = direction / np.linalg.norm(direction)
    d = abs(a - b) + t * (a + b - abs(a - b))
    assume(d > 1e-3)
    target = root + d * u
    offset = pole - root
    assume(np.linalg.norm(offset - (offset @ u) * u) > 1e-3)
    check_reachable(root, target, pole, a, b)


@settings(max_examples=200)
@given(points, lengths, lengths, st.floats(0.0, 2 * math.pi))
def test_the_pole_turns_the_elbow_about_the_line(root, a, b, phi):
    # Turning the pole about the root-target line turns the elbow by the same angle.
    d = 0.5 * (abs(a - b) + a + b)
    target = root + np.array([0.0, 0.0, d])
    pole = root + np.array([math.cos(phi), math.sin(phi), 0.3])
    limb = check_reachable(root, target, pole, a, b)
    offset = limb.elbow - root
    assert math.isclose(math.atan2(offset[1], offset[0]) % (2 * math.pi), phi % (2 * math.pi),
                        abs_tol=1e-9) or abs(abs(math.atan2(offset[1], offset[0]) - phi) - 2 * math.pi) < 1e-9


def test_out_of_reach_points_the_straight_limb_at_the_target():
    target = np.array([0.0, 0.6, -0.8])   # 1.0 from the root, reach 0.9
    limb = two_bone_ik(ROOT, target, POLE, 0.5, 0.4)
    assert not limb.reached and limb.bend == 0.0
    assert math.isclose(limb.shortfall, 0.1, abs_tol=1e-15)
    assert np.allclose(limb.elbow, 0.5 * target, atol=1e-15)
    assert np.allclose(limb.hand, 0.9 * target, atol=1e-15)
    assert math.isclose(np.linalg.norm(limb.hand - target), limb.shortfall, abs_tol=1e-15)


@pytest.mark.parametrize("a, b", [(0.5, 0.2), (0.2, 0.5)])
def test_too_close_folds_the_limb_towards_the_target(a, b):
    target = np.array([0.0, 0.0, -0.1])   # closer than |a - b| = 0.3
    limb = two_bone_ik(ROOT, target, POLE, a, b)
    assert not limb.reached and limb.bend == math.pi
    assert np.allclose(limb.hand, [0.0, 0.0, -0.3], atol=1e-15)   # on the ray through the target
    assert math.isclose(limb.shortfall, 0.2, abs_tol=1e-15)
    assert math.isclose(np.linalg.norm(limb.elbow - ROOT), a, abs_tol=1e-15)
    assert math.isclose(np.linalg.norm(limb.hand - limb.elbow), b, abs_tol=1e-15)


def test_exactly_straight_and_exactly_folded_are_reached():
    straight = two_bone_ik(ROOT, [0.0, 0.0, -0.75], POLE, 0.5, 0.25)
    assert straight.reached and straight.bend == 0.0
    assert np.allclose(straight.elbow, [0.0, 0.0, -0.5], atol=1e-15)
    folded = two_bone_ik(ROOT, [0.0, 0.0, -0.25], POLE, 0.5, 0.25)
    assert folded.reached and math.isclose(folded.bend, math.pi, abs_tol=1e-15)


def test_agrees_with_the_spatial_arm_bend():
    # The elbow angle of SpatialArm.seven_joint obeys d^2 = a^2 + b^2 + 2ab cos(q4): the bend.
    arm = SpatialArm.seven_joint()
    q = np.array([0.3, -0.4, 0.2, 1.1, 0.0, 0.0, 0.0])
    shoulder, elbow, wrist = arm.joints(q)[[0, 3, 4]]
    limb = two_bone_ik(shoulder, wrist, elbow + 0.1 * (elbow - shoulder), 0.3, 0.25)
    assert math.isclose(limb.bend, 1.1, abs_tol=1e-12)
    assert np.allclose(limb.elbow, elbow, atol=1e-12)


@pytest.mark.parametrize("args, error, match", [
    ((ROOT, TARGET, POLE, 0.0, 0.4), ValueError, "upper must be a positive finite number"),
    ((ROOT, TARGET, POLE, 0.5, -1.0), ValueError, "lower must be a positive finite number"),
    ((ROOT, TARGET, POLE, math.inf, 0.4), ValueError, "upper must be a positive finite number"),
    (([0, 0, math.nan], TARGET, POLE, 0.5, 0.4), ValueError, "root must be finite"),
    ((ROOT, [0, math.inf, 0], POLE, 0.5, 0.4), ValueError, "target must be finite"),
    ((ROOT, TARGET, [0, 1], 0.5, 0.4), ValueError, "pole must have 3 components"),
    ((ROOT, ROOT, POLE, 0.5, 0.4), ValueError, "target coincides with root"),
    ((ROOT, TARGET, 3 * TARGET, 0.5, 0.4), ValueError, "pole lies on the line through root and target"),
    ((ROOT, TARGET, ROOT, 0.5, 0.4), ValueError, "plane through root, target and pole is undefined"),
    ((ROOT, TARGET, 2 * TARGET + POLE_TOL / 10 * POLE, 0.5, 0.4), ValueError, "pole lies on the line"),
])
def test_bad_input_is_named(args, error, match):
    with pytest.raises(error, match=match):
        two_bone_ik(*args)


TARGETS = np.array([[0.1, 0.35 * math.cos(t), -0.85 + 0.15 * max(math.sin(t), 0.0)]
                    for t in np.linspace(0, 2 * math.pi, 12, endpoint=False)])


def test_limb_figure_draws_the_solved_limbs():
    fig = validated(limb_figure)(ROOT, TARGETS, [0.1, 1.0, -0.3], 0.5, 0.4, active=2)
    assert len(fig.frames) == 12 and fig.layout.sliders[0].active == 2
    assert [button.label for button in fig.layout.updatemenus[0].buttons][0] == "Play"
    for k, frame in enumerate(fig.frames):
        limb = two_bone_ik(ROOT, TARGETS[k], [0.1, 1.0, -0.3], 0.5, 0.4)
        bones = np.c_[frame.data[0].x, frame.data[0].y, frame.data[0].z]
        assert np.allclose(bones, limb.points, rtol=0, atol=1e-15)
        assert ("reached" in frame.layout.title.text) == (limb.reached and "out" not in frame.layout.title.text)
    # The figure's data are the active frame's; the path closes.
    assert np.allclose(fig.data[0].x, fig.frames[2].data[0].x)
    path = fig.data[4]
    assert path.x[0] == path.x[-1] and len(path.x) == 13
    titles = [frame.layout.title.text for frame in fig.frames]
    assert any("out of reach" in t for t in titles) and any("reached" in t for t in titles)


@pytest.mark.parametrize("targets, active, match", [
    (np.zeros((0, 3)), 0, "targets must hold 1 to 48 points"),
    (np.zeros((49, 3)) + [0, 0, -0.5], 0, "targets must hold 1 to 48 points"),
    ([[0, 0, -0.5, 1]], 0, "targets must have shape"),
    ([[0, 0, -0.5]], 1, "active must index a target"),
    ([[0, 0, 0.0]], 0, "target coincides with root"),
])
def test_limb_figure_bad_input(targets, active, match):
    with pytest.raises(ValueError, match=match):
        limb_figure(ROOT, targets, POLE, 0.5, 0.4, active=active)
