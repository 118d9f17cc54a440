"""Tests of the 3-D plotly figures: companion.plotting.surfaces and the cross product
figure of companion.plotting.vectors. What each figure shows must be the mathematics:
normals are cross products, slopes are directional derivatives, titles carry the
Hessian's eigenvalues."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("plotly")

from companion.plotting import (  # noqa: E402
    arrow_traces,
    critical_points_scene,
    cross_product_figure,
    directional_derivative_figure,
    interactive_figure,
    static_figure,
)
from validated import validated  # noqa: E402

critical_points_scene = validated(critical_points_scene)
cross_product_figure = validated(cross_product_figure)
directional_derivative_figure = validated(directional_derivative_figure)

U, W = np.array([1.0, 2.0, 0.0]), np.array([-1.0, 1.0, 2.0])
ANGLES = np.radians(np.arange(0, 361, 30))


def tip(trace) -> np.ndarray:
    return np.array([trace.x[-1], trace.y[-1], trace.z[-1]], dtype=float)


# --- arrows ----------------------------------------------------------------------

def test_arrow_head_ends_at_the_tip_and_vanishes_with_the_vector():
    shaft, cone = arrow_traces([3.0, 0.0, 4.0], origin=[1.0, 1.0, 1.0], head=0.5)
    assert [shaft["x"][1], shaft["y"][1], shaft["z"][1]] == [4.0, 1.0, 5.0]
    base = np.array([cone["x"][0], cone["y"][0], cone["z"][0]])
    head = np.array([cone["u"][0], cone["v"][0], cone["w"][0]])
    assert np.allclose(base + head, [4.0, 1.0, 5.0]) and np.isclose(np.linalg.norm(head), 0.5)
    _, cone = arrow_traces([0.0, 0.0, 0.0])
    assert [cone["u"][0], cone["v"][0], cone["w"][0]] == [0.0, 0.0, 0.0]


def test_arrow_rejects_wrong_shapes():
    with pytest.raises(ValueError, match="tip and origin"):
        arrow_traces([1.0, 2.0])


# --- cross product ---------------------------------------------------------------

def test_cross_product_frames_show_the_cross_product_and_the_area():
    fig = cross_product_figure(U, W, ANGLES, active=3)
    assert [frame.name for frame in fig.frames] == [str(a) for a in range(0, 361, 30)]
    n_hat = np.cross(U, W) / np.linalg.norm(np.cross(U, W))
    for frame, theta in zip(fig.frames, ANGLES):
        sheet, u_shaft, v_shaft, normal = (frame.data[i] for i in (0, 1, 3, 5))
        u, v, n = tip(u_shaft), tip(v_shaft), tip(normal)
        assert np.allclose(u, U)
        assert np.isclose(np.linalg.norm(v), np.linalg.norm(W))
        assert np.allclose(n, np.cross(u, v), atol=1e-12)
        area = np.linalg.norm(U) * np.linalg.norm(W) * abs(np.sin(theta))
        assert np.isclose(np.linalg.norm(n), area, atol=1e-12)
        corners = np.c_[sheet.x, sheet.y, sheet.z]
        assert np.allclose(corners, [np.zeros(3), u, u + v, v])
        # right-hand rule: along n_hat while v turns the short way from u, then along -n_hat
        if 0 < theta < np.pi:
            assert n @ n_hat > 0
        elif np.pi < theta < 2 * np.pi:
            assert n @ n_hat < 0
        assert f"{area:.2f}" in frame.layout.title.text
    # the figure's data are the active frame's
    assert np.allclose(tip(fig.data[3]), tip(fig.frames[3].data[3]))
    assert fig.layout.sliders[0].active == 3


def test_cross_product_starts_along_u_and_passes_through_w():
    theta_w = np.arccos(U @ W / np.linalg.norm(U) / np.linalg.norm(W))
    fig = cross_product_figure(U, W, [0.0, theta_w])
    assert np.allclose(tip(fig.frames[0].data[3]) / np.linalg.norm(W), U / np.linalg.norm(U))
    assert np.allclose(tip(fig.frames[1].data[3]), W)


def test_cross_product_box_holds_every_frame():
    fig = cross_product_figure(U, W, ANGLES)
    box = fig.layout.scene
    low = np.array([box.xaxis.range[0], box.yaxis.range[0], box.zaxis.range[0]])
    high = np.array([box.xaxis.range[1], box.yaxis.range[1], box.zaxis.range[1]])
    for frame in fig.frames:
        for trace in frame.data[1:]:
            points = np.c_[trace.x, trace.y, trace.z]
            assert np.all(points >= low) and np.all(points <= high)


def test_cross_product_figure_goes_on_a_page():
    out = interactive_figure(cross_product_figure(U, W, ANGLES), "cross-test", static_size=(3, 3))
    assert len(out.spec["frames"]) == len(ANGLES) and out.png[:4] == b"\x89PNG"


@pytest.mark.parametrize("kwargs, message", [
    ({"u": [1, 2]}, "u must be a finite vector"),
    ({"u": [0, 0, 0]}, "u must not be the zero vector"),
    ({"w": [2, 4, 0]}, "must not be parallel"),
    ({"angles": []}, "angles must be a non-empty"),
    ({"angles": [1.0, 0.5]}, "angles must increase"),
    ({"angles": [0.0, 7.0]}, "within"),
    ({"length": -1.0}, "length must be positive"),
    ({"active": 20}, "active must index"),
])
def test_cross_product_rejects_bad_input(kwargs, message):
    args = {"u": U, "w": W, "angles": ANGLES, **kwargs}
    with pytest.raises(ValueError, match=message):
        cross_product_figure(**args)


# --- critical points -------------------------------------------------------------

CASES = [
    ("minimum: x² + y²", lambda X, Y: X**2 + Y**2, [[2, 0], [0, 2]]),
    ("maximum: −x² − 2y²", lambda X, Y: -(X**2) - 2 * Y**2, [[-2, 0], [0, -4]]),
    ("saddle: x² − y²", lambda X, Y: X**2 - Y**2, [[2, 0], [0, -2]]),
    ("degenerate: x³ − 3xy²", lambda X, Y: X**3 - 3 * X * Y**2, [[0, 0], [0, 0]]),
]


def test_critical_points_buttons_switch_graph_title_and_levels():
    fig = critical_points_scene(CASES, n=11, active=2)
    buttons = fig.layout.updatemenus[0].buttons
    assert [b.label for b in buttons] == ["minimum", "maximum", "saddle", "degenerate"]
    expected = ["2, 2", "−2, −4", "2, −2", "0, 0"]
    X, Y = np.meshgrid(np.linspace(-1, 1, 11), np.linspace(-1, 1, 11))
    for button, (title, f, _), eigenvalues in zip(buttons, CASES, expected):
        data, layout = button.args[0], button.args[1]
        assert layout["title.text"] == f"{title}<br>Hessian eigenvalues {eigenvalues}"
        assert np.allclose(data["z"][0], f(X, Y))
        level = data["contours"][0]["z"]
        assert level["show"] and level["project"]["z"]
        # the critical value 0 is one of the levels, and the floor is below the graph
        assert np.isclose((0 - level["start"]) / level["size"], round((0 - level["start"]) / level["size"]))
        assert layout["scene.zaxis.range"][0] < np.min(f(X, Y))
    assert fig.layout.title.text == buttons[2].args[1]["title.text"]
    assert np.allclose(fig.data[0].z, X**2 - Y**2)


def test_critical_points_static_picture_has_floor_contours():
    spec = interactive_figure(critical_points_scene(CASES[:1], n=9), "crit-test").spec
    fig = static_figure(spec, (3, 3))
    assert fig.axes[0].collections, "the surface and its projected level curves"
    assert len(fig.axes[0].collections) > 1


@pytest.mark.parametrize("kwargs, message", [
    ({"cases": []}, "at least one"),
    ({"cases": [("bad", lambda X, Y: X, [[1, 2], [3, 4]])]}, "symmetric 2 x 2"),
    ({"cases": [("bad", lambda X, Y: X / 0.0, [[1, 0], [0, 1]])]}, "must be finite"),
    ({"xlim": (0.5, 1.0)}, "contain the origin"),
    ({"n": 2}, "n must be an integer"),
    ({"levels": 1}, "levels must be"),
    ({"active": 4}, "active must index"),
])
def test_critical_points_reject_bad_input(kwargs, message):
    args = {"cases": CASES, **kwargs}
    with np.errstate(divide="ignore", invalid="ignore"), pytest.raises(ValueError, match=message):
        critical_points_scene(**args)


# --- directional derivative ------------------------------------------------------

def f_example(X, Y):
    return X**3 - 3 * X + Y**2


G, P = np.array([9.0, 2.0]), np.array([2.0, 1.0])


def test_directional_frames_have_slope_grad_dot_u_and_touch_the_graph():
    phis = np.radians(np.arange(0, 360, 45))
    fig = directional_derivative_figure(f_example, G, P, phis, (1, 3), (0, 2), n=11)
    slopes = []
    for frame, phi in zip(fig.frames, phis):
        direction, line, cut = frame.data
        u = np.array([np.cos(phi), np.sin(phi)])
        run = np.hypot(line.x[-1] - line.x[0], line.y[-1] - line.y[0])
        slope = (line.z[-1] - line.z[0]) / run
        assert np.isclose(slope, G @ u)
        slopes.append(slope)
        # the line passes through (p, f(p)) and the cut is f along u through p
        middle = len(cut.x) // 2
        assert np.allclose([cut.x[middle], cut.y[middle], cut.z[middle]], [*P, f_example(*P)])
        # through (p, f(p)), lifted a hair (1.5% of the box's height) so the plane does not hide it
        low, high = fig.layout.scene.zaxis.range
        assert 0 < np.mean(line.z) - f_example(*P) <= 0.015 * (high - low) + 1e-12
        inside = ~np.isnan(np.asarray(cut.z, dtype=float))
        assert np.allclose(np.asarray(cut.z, dtype=float)[inside],
                           f_example(np.asarray(cut.x)[inside], np.asarray(cut.y)[inside]))
        # the arrow u on the floor, from p
        assert np.allclose([direction.x[1] - P[0], direction.y[1] - P[1]], 0.6 * u)
        assert f"{G @ u:.2f}".replace("-", "−") in frame.layout.title.text
    assert max(slopes) <= np.linalg.norm(G)
    plane = fig.data[1]
    assert np.allclose(plane.z, f_example(*P) + G[0] * (plane.x - P[0]) + G[1] * (plane.y - P[1]))


def test_directional_gradient_is_drawn_under_the_point_at_its_scale():
    fig = directional_derivative_figure(f_example, G, P, [0.0], (1, 3), (0, 2), n=9, arrow_scale=0.1)
    arrow = fig.data[2]
    assert np.allclose([arrow.x[1] - arrow.x[0], arrow.y[1] - arrow.y[0]], 0.1 * G)
    assert arrow.z[0] == fig.layout.scene.zaxis.range[0] and "0.1 ∇f(p)" in arrow.text


@pytest.mark.parametrize("kwargs, message", [
    ({"gradient": [9.0, 3.0]}, "does not match f"),
    ({"gradient": [9.0]}, "gradient must be"),
    ({"point": [1.0, 1.0]}, "at least radius from the edges"),
    ({"point": [np.nan, 1.0]}, "point must be"),
    ({"angles": []}, "angles must be"),
    ({"radius": 0.0}, "radius must be positive"),
    ({"arrow_scale": -1.0}, "arrow_scale must be positive"),
    ({"active": 3}, "active must index"),
    ({"xlim": (3, 1)}, "xlim must be"),
])
def test_directional_rejects_bad_input(kwargs, message):
    args = {"f": f_example, "gradient": G, "point": P, "angles": [0.0, 1.0],
            "xlim": (1, 3), "ylim": (0, 2), "n": 9, **kwargs}
    with pytest.raises(ValueError, match=message):
        directional_derivative_figure(**args)


def test_static_picture_writes_text_of_scatter3d():
    spec = interactive_figure(cross_product_figure(U, W, ANGLES[:3]), "text-test").spec
    fig = static_figure(spec, (3, 3))
    assert {"u", "v", "u × v"} <= {text.get_text() for text in fig.axes[0].texts}


def test_the_cross_product_scene_is_seen_at_a_slant_to_the_normal():
    # Not down u x v (where the normal arrow is a stub) nor edge-on: 45 to 70 degrees from n.
    u, w = np.array([1.0, 2.0, 0.0]), np.array([-1.0, 1.0, 2.0])
    fig = cross_product_figure(u, w, np.radians([0, 90]))
    eye = np.array([fig.layout.scene.camera.eye[c] for c in "xyz"])
    n = np.cross(u, w) / np.linalg.norm(np.cross(u, w))
    angle = np.degrees(np.arccos(abs(eye @ n) / np.linalg.norm(eye)))
    assert 45 < angle < 70 and eye[2] > 0


def test_the_figures_built_without_validation_are_valid_for_plotly():
    # The builders skip plotly's validation for page time; plotly's validators check them here.
    import plotly.graph_objects as go

    for fig in (cross_product_figure(U, W, ANGLES), critical_points_scene(CASES, n=11),
                directional_derivative_figure(f_example, G, P, np.radians([0, 90]), (1, 3), (0, 2),
                                              n=11)):
        checked = go.Figure(fig.to_dict())
        assert len(checked.data) == len(fig.data) and len(checked.frames) == len(fig.frames)
