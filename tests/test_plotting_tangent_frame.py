"""Tests of companion.plotting.surfaces.tangent_frame_figure: the arrows are the
scaled tangent vectors and their cross product, the patch lies on the surface."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("plotly")

from companion.plotting import interactive_figure, tangent_frame_figure  # noqa: E402

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


def test_as_dict_is_the_same_figure_without_plotly():
    import plotly.graph_objects as go

    point = (-np.pi / 5, np.pi / 4)
    args = (torus, point, torus_tangents(*point), (-np.pi, np.pi), (-np.pi, np.pi))
    plain = tangent_frame_figure(*args, n=(9, 5), as_dict=True)
    assert isinstance(plain, dict) and set(plain) == {"data", "layout"}
    assert go.Figure(plain).to_dict() == go.Figure(tangent_frame_figure(*args, n=(9, 5)).to_dict()).to_dict()
    assert interactive_figure(plain, "tangent-frame-dict").png[:4] == b"\x89PNG"
