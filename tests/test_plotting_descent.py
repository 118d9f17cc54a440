"""Tests of companion.plotting.descent: the figures show the companion's iterates."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("plotly")

from companion.optimize import gradient_descent, newton_minimize  # noqa: E402
from companion.plotting.descent import (iterates_figure, step_regime,  # noqa: E402
                                        step_size_figure, trail_indices)
from validated import validated  # noqa: E402

iterates_figure = validated(iterates_figure)
step_size_figure = validated(step_size_figure)

BOWL = (lambda X, Y: (X**2 + 10 * Y**2) / 2)
GRAD = (lambda v: np.array([1.0, 10.0]) * v)
STEPS = [0.05, 0.1, 0.15, 0.2, 0.25]


def test_step_size_frames_are_the_descent_runs_and_straddle_2_over_L():
    fig = step_size_figure(BOWL, GRAD, [1.0, 1.0], STEPS, (-1.3, 1.3), (-1.5, 1.5), curvature=10.0)
    assert min(STEPS) < 2 / 10 < max(STEPS)
    for frame, step in zip(fig.frames, STEPS):
        run = gradient_descent(GRAD, [1.0, 1.0], step=step, tol=1e-12, maxiter=15)
        path = np.column_stack([frame.data[0].x, frame.data[0].y])
        assert np.array_equal(path, run.history[: len(path)])
    # the diverging run is cut after it leaves the view; the others are whole
    assert len(fig.frames[-1].data[0].x) < 16 and abs(fig.frames[-1].data[0].y[-1]) > 1.5
    assert len(fig.frames[0].data[0].x) == 16
    assert [f.layout.title.text.split(": ")[-1] for f in fig.frames] == [
        "smooth", "onto the axis in one step", "zigzag", "endless zigzag", "diverges"]
    # at 1/L the first step lands on the x-axis and the path stays there
    path = np.column_stack([fig.frames[1].data[0].x, fig.frames[1].data[0].y])
    assert path[0, 1] == 1.0 and np.all(path[1:, 1] == 0.0)
    # equal axes that shrink the plot area instead of widening a range: the drawn region is
    # exactly the view, so the diverging path, cut after leaving it, does leave the picture
    assert fig.layout.yaxis.scaleanchor == "x"
    assert fig.layout.xaxis.constrain == "domain" and fig.layout.yaxis.constrain == "domain"
    assert tuple(fig.layout.xaxis.range) == (-1.3, 1.3) and tuple(fig.layout.yaxis.range) == (-1.5, 1.5)


def test_level_curves_are_one_grey_on_the_site_and_in_the_static_picture():
    from companion.plotting.style import COLORS

    for fig in (step_size_figure(BOWL, GRAD, [1.0, 1.0], STEPS, (-1, 1), (-1, 1), curvature=10.0),
                iterates_figure(BOWL, {"a": [[1.0, 1.0], [0.5, 0.0]]}, [0, 1], (-1, 1), (-1, 1))):
        contour = fig.data[0]
        assert contour.type == "contour" and contour.contours.coloring == "lines"
        # plotly colours "lines" by the colorscale: it must be the grey the static picture draws
        assert {c for _, c in contour.colorscale} == {contour.line.color} == {COLORS["grey"]}


def test_iterates_figure_constrains_equal_axes_only():
    args = (BOWL, {"a": [[1.0, 1.0], [0.5, 0.0]]}, [0, 1], (-1, 1), (-2, 2))
    equal = iterates_figure(*args).layout
    assert equal.yaxis.scaleanchor == "x" and equal.xaxis.constrain == equal.yaxis.constrain == "domain"
    free = iterates_figure(*args, equal_axes=False).layout
    assert free.yaxis.scaleanchor is None and free.xaxis.constrain is None


def test_step_regime_follows_alpha_times_L():
    assert step_regime(0.099, 10) == "smooth" and step_regime(0.201, 10) == "diverges"
    assert step_regime(0.1, 10) == "onto the axis in one step"
    assert step_regime(0.2, 10) == "endless zigzag" and step_regime(0.15, 10) == "zigzag"
    with pytest.raises(ValueError, match="step"):
        step_regime(0.0, 10)


def test_iterates_frames_hold_each_path_up_to_k_and_stop_at_its_end():
    grad = lambda v: np.array([-2 * (1 - v[0]) - 400 * v[0] * (v[1] - v[0] ** 2), 200 * (v[1] - v[0] ** 2)])
    hess = lambda v: np.array([[2 - 400 * (v[1] - v[0] ** 2) + 800 * v[0] ** 2, -400 * v[0]], [-400 * v[0], 200]])
    newton = newton_minimize(grad, hess, [-1.2, 1.0])
    descent = gradient_descent(grad, [-1.2, 1.0], step=1e-3, maxiter=500)
    ks = [0, 1, 3, 20, 400]
    fig = iterates_figure(lambda X, Y: (1 - X) ** 2 + 100 * (Y - X**2) ** 2,
                          {"Newton": newton.history, "descent": descent.history}, ks,
                          (-1.6, 1.6), (-3.6, 2.0), log_scale=True, trail=40)
    assert [f.name for f in fig.frames] == ["0", "1", "3", "20", "400"]
    for frame, k in zip(fig.frames, ks):
        for j, run in enumerate((newton, descent)):
            last = min(k, run.iterations)
            trail = np.column_stack([frame.data[2 * j].x, frame.data[2 * j].y])
            assert np.array_equal(trail, run.history[trail_indices(last, 40)])
            assert (frame.data[2 * j + 1].x[0], frame.data[2 * j + 1].y[0]) == tuple(run.history[last])
    # the figure's data is the first frame's state
    assert np.array_equal(fig.data[1].x, fig.frames[0].data[0].x)


def test_trail_indices_keep_the_start_the_end_and_at_most_the_budget():
    idx = trail_indices(50_000, 90)
    assert idx[0] == 0 and idx[-1] == 50_000 and len(idx) <= 90 and np.all(np.diff(idx) > 0)


@pytest.mark.parametrize("kwargs, message", [
    ({"steps": []}, "steps"), ({"steps": [0.2, 0.1]}, "steps"), ({"steps": [-0.1, 0.1]}, "steps"),
    ({"active": 9}, "active"), ({"curvature": 0.0}, "curvature"), ({"xlim": (1, -1)}, "xlim"),
    ({"x0": [1.0, 2.0, 3.0]}, "x0"), ({"iterations": 0}, "iterations"), ({"grid": 500}, "grid"),
    ({"levels": (1, 0, 0.1)}, "levels"),
])
def test_step_size_figure_refuses_bad_input(kwargs, message):
    args = {"f": BOWL, "grad": GRAD, "x0": [1.0, 1.0], "steps": STEPS, "xlim": (-1, 1),
            "ylim": (-1, 1), "curvature": 10.0, **kwargs}
    with pytest.raises(ValueError, match=message):
        step_size_figure(**args)


@pytest.mark.parametrize("kwargs, message", [
    ({"paths": {}}, "paths"), ({"paths": {"a": np.zeros((3, 3))}}, "paths"),
    ({"paths": {"a": [[0.0, np.nan]]}}, "paths"), ({"frames": []}, "frames"),
    ({"frames": [3, 1]}, "frames"), ({"frames": [-1]}, "frames"), ({"markers": [True, False]}, "markers"),
    ({"ylim": (0, 0)}, "ylim"), ({"trail": 1}, "trail"),
])
def test_iterates_figure_refuses_bad_input(kwargs, message):
    args = {"f": BOWL, "paths": {"a": [[1.0, 1.0], [0.5, 0.0]]}, "frames": [0, 1],
            "xlim": (-1, 1), "ylim": (-1, 1), **kwargs}
    with pytest.raises(ValueError, match=message):
        iterates_figure(**args)


def test_log_scale_needs_a_nonnegative_function():
    with pytest.raises(ValueError, match="log_scale"):
        iterates_figure(lambda X, Y: X, {"a": [[0.0, 0.0]]}, [0], (-1, 1), (-1, 1), log_scale=True)


def test_the_played_figure_built_without_validation_is_valid_for_plotly():
    import plotly.graph_objects as go

    runs = {"descent": np.array([[-1.2, 1.0], [-1.0, 1.1], [0.5, 0.3]]),
            "Newton": np.array([[-1.2, 1.0], [1.0, 1.0]])}
    fig = iterates_figure(lambda X, Y: (1 - X) ** 2 + 100 * (Y - X**2) ** 2, runs, [0, 1, 2],
                          (-1.5, 1.5), (-0.5, 1.5), target=(1.0, 1.0))
    checked = go.Figure(fig.to_dict())  # plotly's validators, which the page skips for speed
    assert len(checked.frames) == 3 and checked.frames[2].data[0].type == "scatter"
