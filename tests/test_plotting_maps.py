"""Tests of companion.plotting.maps' playable figure: a grid bending into F and into L."""

from __future__ import annotations

import numpy as np
import pytest

from companion.plotting.maps import grid_deformation_figure, grid_lines
from validated import validated  # noqa: E402

grid_deformation_figure = validated(grid_deformation_figure)

go = pytest.importorskip("plotly.graph_objects")


def F(x, y):
    return x**2 * y, 5 * x + np.sin(y)


P = np.array([1.0, 1.0])
J = np.array([[2.0, 1.0], [5.0, np.cos(1.0)]])   # the Jacobian of F at P


def points(trace):
    xy = np.column_stack([np.asarray(trace.x, dtype=float), np.asarray(trace.y, dtype=float)])
    return xy[~np.isnan(xy[:, 0])]


def test_frames_blend_the_identity_into_F_and_into_its_linearisation():
    fig = grid_deformation_figure(F, J, P, radius=0.5, n=5, steps=5, samples=7)
    assert [frame.name for frame in fig.frames] == ["0", "0.25", "0.5", "0.75", "1"]
    assert fig.layout.sliders[0].active == 4
    curved = np.concatenate(grid_lines((0.5, 1.5), (0.5, 1.5), 5, 7))
    straight = np.concatenate(grid_lines((0.5, 1.5), (0.5, 1.5), 5, 5))
    FP = np.array(F(*P))
    for t, frame in zip([0, 0.25, 0.5, 0.75, 1], fig.frames):
        under_F, under_L, image_of_p = frame.data
        expected_F = (1 - t) * curved + t * np.column_stack(F(*curved.T))
        expected_L = (1 - t) * straight + t * (FP + (straight - P) @ J.T)
        assert np.allclose(points(under_F), expected_F, rtol=1e-13, atol=1e-13)
        assert np.allclose(points(under_L), expected_L, rtol=1e-13, atol=1e-13)
        assert np.allclose(points(image_of_p), (1 - t) * P + t * FP, rtol=1e-13)
        assert under_L.line.dash == "dash" and under_F.line.dash is None
    # data is the state the slider starts at, t = 1; the axes hold every frame.
    assert np.allclose(points(fig.data[0]), points(fig.frames[-1].data[0]))
    everything = np.concatenate([points(trace) for frame in fig.frames for trace in frame.data])
    (x0, x1), (y0, y1) = fig.layout.xaxis.range, fig.layout.yaxis.range
    assert x0 < everything[:, 0].min() and everything[:, 0].max() < x1
    assert y0 < everything[:, 1].min() and everything[:, 1].max() < y1
    # The same scale on both axes, so that the square grid of frame 0 is drawn square.
    assert fig.layout.yaxis.scaleanchor == "x" and fig.layout.yaxis.scaleratio in (None, 1)
    assert fig.layout.yaxis.constrain == "domain"


def test_the_slider_may_start_at_any_frame():
    fig = grid_deformation_figure(F, J, P, radius=0.5, n=3, steps=5, samples=4, active=2)
    assert fig.layout.sliders[0].active == 2
    assert np.allclose(points(fig.data[0]), points(fig.frames[2].data[0]))


def test_the_two_grids_agree_near_p_to_second_order():
    fig = grid_deformation_figure(F, J, P, radius=0.5, n=9, steps=2, samples=9)
    under_F, under_L = (points(trace) for trace in fig.frames[-1].data[:2])
    # With samples = n the curved lines pass through the same nodes as the straight ones.
    nodes = np.concatenate(grid_lines((0.5, 1.5), (0.5, 1.5), 9, 9))
    distance = np.linalg.norm(nodes - P, axis=1)
    gap = np.linalg.norm(under_F - under_L, axis=1)
    assert gap[distance == 0].max() < 1e-12
    ratio = gap[distance > 0] / distance[distance > 0] ** 2
    assert ratio.max() < 3.0   # |F - L| <= C |x - p|^2 on the whole grid


@pytest.mark.parametrize("kwargs, message", [
    (dict(J=np.eye(3)), "J must be a finite 2 x 2 matrix"),
    (dict(J=[[np.nan, 0], [0, 1]]), "J must be a finite 2 x 2 matrix"),
    (dict(p=(1.0,)), "p must be two finite numbers"),
    (dict(radius=0.0), "radius must be a positive number"),
    (dict(n=1), "n must be an integer from 2 to 41"),
    (dict(steps=26), "steps must be an integer from 2 to 25"),
    (dict(samples=1.5), "samples must be an integer from 2 to 200"),
    (dict(active=11), r"active must index a frame \(0 to 10\)"),
])
def test_bad_arguments_are_rejected(kwargs, message):
    args = dict(F=F, J=J, p=P, radius=0.5) | kwargs
    with pytest.raises(ValueError, match=message):
        grid_deformation_figure(**args)


def test_the_figure_built_without_validation_is_valid_for_plotly():
    import plotly.graph_objects as go

    fig = grid_deformation_figure(F, J, P, radius=0.5, n=3, steps=5, samples=4)
    checked = go.Figure(fig.to_dict())  # plotly's validators, which the page skips for speed
    assert len(checked.frames) == 5 and checked.layout.yaxis.scaleanchor == "x"
