"""Tests of companion.plotting.arms' played inverse-kinematics runs."""

import numpy as np
import pytest

pytest.importorskip("plotly")

from companion.plotting.arms import ik_frames, ik_race_figure  # noqa: E402
from companion.robotics import PlanarArm  # noqa: E402
from validated import validated  # noqa: E402

ik_race_figure = validated(ik_race_figure)

ARM = PlanarArm([1.0, 1.0])
TARGET = np.array([1.2, 0.9])


def race_runs():
    return {m: ARM.ik(TARGET, [0.3, 0.5], method=m) for m in ("transpose", "pinv", "dls")}


def test_every_frame_draws_the_iterates_of_companion_robotics():
    runs = race_runs()
    fig = ik_race_figure(ARM, TARGET, runs)
    assert [int(f.name) for f in fig.frames] == ik_frames(runs["transpose"].iterations).tolist()
    for frame in fig.frames:
        k = int(frame.name)
        for i, run in enumerate(runs.values()):
            q = run.history[min(k, run.iterations)]
            arm = frame.data[2 * i + 1]
            assert np.allclose(np.column_stack([arm.x, arm.y]), ARM.joints(q), rtol=0, atol=1e-12)
            path = frame.data[2 * i]
            hands = np.array([ARM.forward(p) for p in run.history[: min(k, run.iterations) + 1]])
            assert np.allclose(np.column_stack([path.x, path.y]), hands, rtol=0, atol=1e-12)


def test_the_title_states_each_error_and_last_step():
    runs = race_runs()
    fig = ik_race_figure(ARM, TARGET, runs, active=1)
    text = fig.layout.title.text
    assert text == fig.frames[1].layout.title.text
    for key, short in (("transpose", "transpose"), ("pinv", "pinv"), ("dls", "DLS")):
        assert f"{short} {runs[key].errors[1]:.3g}" in text.split("<br>")[0]
        assert f"{short} {runs[key].step_norms[0]:.3g}" in text.split("<br>")[1]
    assert "pinv –" in fig.frames[-1].layout.title.text.split("<br>")[1]  # stopped long before


def test_the_data_show_the_active_frame_and_the_slider_starts_there():
    runs = race_runs()
    fig = ik_race_figure(ARM, TARGET, runs, frames=[0, 2, 4], active=2)
    assert fig.layout.sliders[0].active == 2
    assert np.array_equal(fig.data[1].x, fig.frames[2].data[1].x)
    assert [t.name for t in fig.data[-3:]] == ["reach", "target", "base"]


def test_ik_frames_are_dense_first_then_geometric():
    assert ik_frames(0).tolist() == [0]
    frames = ik_frames(500)
    assert frames.size <= 25 and frames[0] == 0 and frames[-1] == 500
    assert frames[:12].tolist() == list(range(12)) and np.all(np.diff(frames) > 0)


@pytest.mark.parametrize("kwargs, message", [
    ({"runs": {}}, "runs must hold at least one IKResult"),
    ({"target": [1.0, np.nan]}, "target must be a finite pair"),
    ({"frames": []}, "frames must be a non-empty sequence of integers"),
    ({"frames": [0, 2, 1]}, r"frames must increase and lie within 0 \.\. 30"),
    ({"frames": [0, 31]}, r"frames must increase and lie within 0 \.\. 30"),
    ({"active": 40}, r"active must index a frame \(0 to 24\), got 40"),
    ({"height": 100}, "height must be an integer of at least 200 pixels"),
])
def test_bad_input_names_the_argument(kwargs, message):
    arguments = {"arm": ARM, "target": TARGET, "runs": race_runs(), **kwargs}
    with pytest.raises(ValueError, match=message):
        ik_race_figure(**arguments)


def test_a_history_that_does_not_fit_the_arm_is_refused():
    three = PlanarArm([1.0, 0.8, 0.6])
    with pytest.raises(ValueError, match=r"runs\['pinv'\].history must be finite joint angles of shape"):
        ik_race_figure(three, TARGET, {"pinv": ARM.ik(TARGET, [0.3, 0.5], method="pinv")})


@pytest.mark.parametrize("iterations, max_frames, message", [
    (-1, 25, "iterations must be a non-negative integer"),
    (2.5, 25, "iterations must be a non-negative integer"),
    (10, 3, "max_frames must be an integer of at least 4"),
])
def test_ik_frames_bad_input(iterations, max_frames, message):
    with pytest.raises(ValueError, match=message):
        ik_frames(iterations, max_frames)


def test_the_figure_built_without_validation_is_valid_for_plotly():
    import plotly.graph_objects as go

    fig = ik_race_figure(ARM, TARGET, race_runs())
    checked = go.Figure(fig.to_dict())  # plotly's validators, which the page skips for speed
    assert len(checked.frames) == len(fig.frames) and checked.layout.yaxis.scaleanchor == "x"
