"""Tests of companion.plotting.surfaces.tangent_frame_figure: the arrows are the
scaled tangent vectors and their cross product, the patch lies on the surface."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("plotly")

from companion.plotting import interactive_figure, tangent_frame_figure  # noqa: E402
from validated import validated  # noqa: E402

tangent_frame_figure = validated(tangent_frame_figure)

R, r = 2.0, 0.5


def torus(u, v):
    return ((R + r * np.cos(v)) * np.cos(u), (R + r * np.cos(v)) * np.sin(u), r * np.sin(v))


def torus_tangents(u, v):
    Xu = [-(R + r * np.cos(v)) * np.sin(u), (R + r * np.cos(v)) * np.cos(u), 0.0]
    Xv = [-r * np.sin(v) * np.cos(u), -r * np.sin(v) * np.sin(u), r * np.cos(v)]
    return Xu, Xv


def figure(step=0.4):
    point = (-0.5, 1.0)
    return tangent_frame_figure(torus, point, torus_tangents(*point), (-np.pi, np.pi),
                                (-np.pi, np.pi), step=step), point


def test_arrows_are_scaled_tangents_and_their_cross_product():
    import plotly.graph_objects as go

    fig, point = figure()
    valid = go.Figure(fig.to_dict())   # valid plotly, layout included
    assert valid.layout.height == 480 and valid.layout.scene.xaxis.title.text == "x"
    p = np.array(torus(*point))
    Xu, Xv = (np.array(t) for t in torus_tangents(*point))
    shafts = [fig.data[i] for i in (3, 5, 7)]
    tips = [np.array([s.x[1], s.y[1], s.z[1]]) - p for s in shafts]
    assert np.allclose(tips[0], 0.4 * Xu) and np.allclose(tips[1], 0.4 * Xv)
    assert np.allclose(tips[2], 0.16 * np.cross(Xu, Xv))
    # the torus's normal X_u x X_v points away from the tube's centre circle
    centre = R * np.array([np.cos(point[0]), np.sin(point[0]), 0.0])
    assert tips[2] @ (p - centre) > 0


def test_patch_outline_lies_on_the_surface_and_starts_at_the_point():
    fig, point = figure()
    patch = fig.data[2]
    xyz = np.array([patch.x, patch.y, patch.z], dtype=float)
    assert np.allclose(xyz[:, 0], torus(*point))
    # every point is at distance r from the tube's centre circle
    rho = np.hypot(xyz[0], xyz[1])
    assert np.allclose(np.hypot(rho - R, xyz[2]), r)


def test_goes_on_a_page():
    fig, _ = figure()
    out = interactive_figure(fig, "tangent-frame-test", static_size=(3, 3))
    bundle, _ = out._repr_mimebundle_()
    assert any("tangent-frame-test" in str(value) for value in bundle.values())


@pytest.mark.parametrize("kwargs, message", [
    ({"tangents": ([1, 0, 0], [2, 0, 0])}, "parallel"),
    ({"tangents": ([1, 0], [0, 1, 0])}, "X_u must be"),
    ({"step": 0.0}, "step"),
])
def test_rejects_bad_input(kwargs, message):
    args = {"X": torus, "point": (0.0, 0.0), "tangents": torus_tangents(0.0, 0.0),
            "u_range": (0, 1), "v_range": (0, 1), **kwargs}
    with pytest.raises(ValueError, match=message):
        tangent_frame_figure(**args)


def test_a_page_builds_and_shows_the_figure_without_importing_plotly():
    # The builders return plotly's figure dictionary, and interactive_figure
    # draws its static picture with matplotlib: a page never imports plotly.
    import subprocess
    import sys

    code = """
import sys
import numpy as np
from companion.plotting import interactive_figure, iterates_figure, tangent_frame_figure
plane = lambda u, v: (u, v, 0 * u)
fig = tangent_frame_figure(plane, (0.0, 0.0), ([1, 0, 0], [0, 1, 0]), (-1, 1), (-1, 1), n=(5, 5))
interactive_figure(fig, "plane", static_size=(2, 2))
path = np.array([[1.0, 1.0], [0.5, 0.2], [0.1, 0.0]])
interactive_figure(iterates_figure(lambda X, Y: X**2 + Y**2, {"descent": path}, [0, 1, 2],
                                   (-1.2, 1.2), (-1.2, 1.2), grid=9), "descent", static_size=(2, 2))
print(sorted(name for name in sys.modules if name.split(".")[0] == "plotly"))
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
