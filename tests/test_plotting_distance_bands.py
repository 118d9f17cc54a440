"""Tests of companion.plotting.surfaces.distance_bands_figure: the colour steps
at multiples of max(distance) / bands, the figure validates, bad input is named."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("plotly")

from companion.discrete import sphere_mesh  # noqa: E402
from companion.plotting import distance_bands_figure, interactive_figure  # noqa: E402

VERTICES, FACES = sphere_mesh(2)
DISTANCE = np.arccos(np.clip(VERTICES @ VERTICES[0], -1.0, 1.0))


def test_colour_scale_steps_at_the_band_borders():
    fig = distance_bands_figure(VERTICES, FACES, DISTANCE, bands=5, source=0)
    scale = fig["data"][0]["colorscale"]
    assert len(scale) == 10
    stops = [stop for stop, _ in scale]
    assert stops[0] == 0 and stops[-1] == 1 and np.all(np.diff(stops) >= 0)
    # within a band one colour; across a border a new one
    for k in range(5):
        assert scale[2 * k][1] == scale[2 * k + 1][1]
        assert np.isclose(scale[2 * k + 1][0], (k + 1) / 5)
    assert len({color for _, color in scale}) == 5
    assert fig["data"][0]["cmin"] == 0 and np.isclose(fig["data"][0]["cmax"], np.pi)


def test_source_marker_sits_just_outside_the_source():
    fig = distance_bands_figure(VERTICES, FACES, DISTANCE, source=[0, 3])
    marks = fig["data"][1]
    at = np.column_stack([marks["x"], marks["y"], marks["z"]])
    for point, index in zip(at, (0, 3)):
        assert np.allclose(np.cross(point, VERTICES[index]), 0, atol=1e-12)  # on the ray from the centre
        assert 1 < np.linalg.norm(point) < 1.1


def test_validates_and_goes_on_a_page():
    import plotly.graph_objects as go

    plain = distance_bands_figure(VERTICES, FACES, DISTANCE, bands=6, source=0)
    assert isinstance(plain, dict) and go.Figure(plain).data[0].type == "mesh3d"   # plotly validates it
    out = interactive_figure(plain, "distance-bands-test", static_size=(3, 3))
    assert out.png[:4] == b"\x89PNG"


@pytest.mark.parametrize("kwargs, message", [
    ({"distance": DISTANCE[:-1]}, "one finite value"),
    ({"distance": -DISTANCE}, "one finite value"),
    ({"distance": np.full_like(DISTANCE, np.nan)}, "one finite value"),
    ({"bands": 1}, "bands"),
    ({"bands": 2.5}, "bands"),
    ({"source": len(DISTANCE)}, "source"),
    ({"source": 0.5}, "source"),
    ({"faces": FACES[:, :2]}, "shapes"),
])
def test_rejects_bad_input(kwargs, message):
    args = {"vertices": VERTICES, "faces": FACES, "distance": DISTANCE, **kwargs}
    with pytest.raises(ValueError, match=message):
        distance_bands_figure(**args)
