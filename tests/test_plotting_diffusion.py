"""Tests of companion.plotting.diffusion: a field played over time as a surface."""

import numpy as np
import pytest

pytest.importorskip("plotly")

from companion.plotting.diffusion import evolving_surface_figure  # noqa: E402
from validated import validated  # noqa: E402

evolving_surface_figure = validated(evolving_surface_figure)

X = np.linspace(0.0, 1.0, 6)
Y = np.linspace(0.0, 2.0, 5)


def decaying(frames: int = 4) -> np.ndarray:
    XX, YY = np.meshgrid(X, Y)
    bump = np.exp(-5 * ((XX - 0.5) ** 2 + (YY - 1.0) ** 2))
    return np.array([bump * 0.5**k + 0.1 * k for k in range(frames)])


def test_frames_carry_each_field_and_one_scale_holds_for_all():
    values = decaying()
    fig = evolving_surface_figure(X, Y, values, [0.0, 0.1, 0.2, 0.3], active=2)
    assert [f.name for f in fig.frames] == ["0", "1", "2", "3"]
    for frame, u in zip(fig.frames, values):
        assert np.array_equal(np.asarray(frame.data[0].z), u)
    assert np.array_equal(np.asarray(fig.data[0].z), values[2])  # the data show the active frame
    assert fig.data[0].cmin == values.min() and fig.data[0].cmax == values.max()
    assert list(fig.layout.scene.zaxis.range) == [values.min(), values.max()]
    assert [s.label for s in fig.layout.sliders[0].steps] == ["0", "0.1", "0.2", "0.3"]
    assert fig.layout.sliders[0].active == 2


def test_a_constant_field_still_gets_a_range():
    fig = evolving_surface_figure(X, Y, np.ones((2, 5, 6)), [0.0, 1.0])
    assert fig.data[0].cmax > fig.data[0].cmin


@pytest.mark.parametrize("kwargs, message", [
    ({"x": [0.0, 0.0, 1.0, 2.0, 3.0, 4.0]}, "x must be an increasing sequence"),
    ({"y": [0.0]}, "y must be an increasing sequence"),
    ({"times": []}, "times must be a non-empty sequence"),
    ({"times": [0.0, 0.2, 0.1, 0.3]}, "times must increase"),
    ({"values": np.zeros((4, 6, 5))}, r"values must have shape \(len\(times\), len\(y\), len\(x\)\) = \(4, 5, 6\)"),
    ({"values": np.full((4, 5, 6), np.nan)}, "values must be finite"),
    ({"active": 4}, r"active must index a frame \(0 to 3\), got 4"),
    ({"colorscale": "Jet"}, "colorscale must be 'Viridis' or 'Cividis'"),
    ({"height": 50}, "height must be an integer of at least 200 pixels"),
])
def test_bad_input_names_the_argument(kwargs, message):
    arguments = {"x": X, "y": Y, "values": decaying(), "times": [0.0, 0.1, 0.2, 0.3], **kwargs}
    with pytest.raises(ValueError, match=message):
        evolving_surface_figure(**arguments)
