"""Tests of companion.plotting.rotating_frame_figure: the frame's axes are the
columns of exp(theta hat(n)), the figure is valid plotly, bad input is named.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import pytest

from companion.plotting import rotating_frame_figure
from companion.rotations import exp_so3

AXIS = np.array([2.0, 3.0, 6.0])
ANGLES = np.radians(np.arange(0, 361, 30))


def tip(trace) -> np.ndarray:
    return np.array([trace.x[1], trace.y[1], trace.z[1]], dtype=float)  # x[-1] is the label's point


def test_the_body_axes_are_the_columns_of_the_rotation():
    fig = go.Figure(rotating_frame_figure(AXIS, ANGLES, active=3))
    n = AXIS / 7
    assert [frame.name for frame in fig.frames] == [str(a) for a in range(0, 361, 30)]
    for frame, theta in zip(fig.frames, ANGLES):
        R = exp_so3(theta * n)
        tips = np.array([tip(frame.data[i]) for i in (0, 2, 4)]).T
        assert np.allclose(tips, R, rtol=0, atol=1e-12)
        assert np.isclose(np.linalg.det(tips), 1.0)  # a right-handed frame
        trace_text = f"{round(1 + 2 * np.cos(theta), 2) + 0.0:.2f}"
        assert trace_text in frame.layout.title.text and "-0.00" not in frame.layout.title.text
    # The figure's data are the active frame's; the axis arrow points along n.
    assert np.allclose(tip(fig.data[0]), tip(fig.frames[3].data[0]))
    assert np.allclose(tip(fig.data[6]) / np.linalg.norm(tip(fig.data[6])), n)
    assert fig.layout.sliders[0].active == 3


def test_the_tips_run_on_circles_about_the_axis():
    fig = go.Figure(rotating_frame_figure(AXIS, ANGLES))
    n = AXIS / 7
    rings = [trace for trace in fig.data if trace.name == "where a tip runs"]
    assert len(rings) == 3
    for ring, e in zip(rings, np.eye(3)):
        points = np.c_[ring.x, ring.y, ring.z]
        assert np.allclose(points @ n, e @ n)  # at the height of e along n
        assert np.allclose(np.linalg.norm(points - np.outer(points @ n, n), axis=1),
                           np.linalg.norm(e - (e @ n) * n))


def test_the_figure_is_valid_plotly():
    fig = rotating_frame_figure(AXIS, ANGLES, active=2)
    assert isinstance(fig, dict)  # no plotly import on the page
    rebuilt = go.Figure(go.Figure(fig).to_dict())  # validates every trace, frame and layout entry
    assert len(rebuilt.frames) == len(ANGLES)


@pytest.mark.parametrize("axis, angles, active, match", [
    ([0.0, 0.0, 0.0], ANGLES, 0, "axis must not be the zero vector"),
    ([0.0, np.nan, 1.0], ANGLES, 0, "axis must be a finite vector"),
    ([1.0, 0.0], ANGLES, 0, "axis must be a finite vector of shape"),
    (AXIS, [], 0, "angles must be a non-empty sequence"),
    (AXIS, [0.0, 1.0, 0.5], 0, "angles must increase"),
    (AXIS, [0.0, 7.0], 0, "angles must increase and lie within"),
    (AXIS, ANGLES, len(ANGLES), "active must index an angle"),
])
def test_bad_input_is_named(axis, angles, active, match):
    with pytest.raises(ValueError, match=match):
        rotating_frame_figure(axis, angles, active=active)
