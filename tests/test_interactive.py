"""Tests of companion.plotting.interactive: portable, valid, drawable figures."""

from __future__ import annotations

import base64
import io
import json
import math

import numpy as np
import pytest

go = pytest.importorskip("plotly.graph_objects")

from companion.plotting.interactive import (  # noqa: E402
    PLOTLY_MIME,
    Interactive,
    interactive_figure,
    static_figure,
)


def surface_figure(noise: float = 0.0) -> object:
    x = np.linspace(-1.0, 1.0, 9)
    X, Y = np.meshgrid(x, x)
    Z = X**2 - Y**2 + noise
    return go.Figure(go.Surface(x=x, y=x, z=Z, colorscale="Viridis"))


def test_arrays_are_stored_as_numbers_rounded_to_significant_digits():
    fig = go.Figure(go.Scatter(x=np.array([0.0, 1 / 3, 2.0]), y=np.array([1e-9, 12.3456789, -40.0])))
    spec = interactive_figure(fig, "rounding").spec
    trace = spec["data"][0]
    # Four digits of each array's largest magnitude: 2.0 -> 3 decimals, 40 -> 2.
    assert trace["x"] == [0.0, 0.333, 2.0]
    assert trace["y"] == [0.0, 12.35, -40.0]
    assert json.loads(json.dumps(spec)) == spec  # plain JSON, no binary arrays


def test_last_bit_differences_do_not_change_the_stored_figure():
    # What another processor's libm might compute: the same values, 1 ulp apart.
    # (Exact decimal ties such as 0.0625 come from exact arithmetic, the same
    # everywhere; values from sin, exp and sums land on a tie with odds ~1e-13.)
    x = np.linspace(-1.0, 1.0, 9)
    X, Y = np.meshgrid(x, x)
    Z = np.sin(3 * X) * np.cos(2 * Y) + 0.1

    def figure(z):
        return go.Figure(go.Surface(x=x, y=x, z=z))

    a = interactive_figure(figure(Z), "portable")
    for nudged in (np.nextafter(Z, np.inf), np.nextafter(Z, -np.inf)):
        assert interactive_figure(figure(nudged), "portable").spec == a.spec


def test_the_same_figure_gives_byte_identical_outputs():
    a, b = interactive_figure(surface_figure(), "same"), interactive_figure(surface_figure(), "same")
    assert a.spec == b.spec and a.png == b.png


def test_nan_becomes_a_gap_and_negative_zero_is_zero():
    fig = go.Figure(go.Scatter(x=[0.0, 1.0, 2.0], y=[1.0, float("nan"), -0.0]))
    assert interactive_figure(fig, "gap").spec["data"][0]["y"] == [1.0, None, 0.0]


@pytest.mark.parametrize("bad", [float("inf"), -float("inf")])
def test_an_infinity_is_refused(bad):
    fig = go.Figure(go.Scatter(x=[0.0, 1.0], y=[1.0, bad]))
    with pytest.raises(ValueError, match="infinity|not finite"):
        interactive_figure(fig, "inf")


@pytest.mark.parametrize("name", ["", "Upper", "with space", "under_score", "-lead", "x" * 62, 7])
def test_a_bad_name_is_refused(name):
    with pytest.raises(ValueError, match="name must be lower-case"):
        interactive_figure(surface_figure(), name)


@pytest.mark.parametrize("digits", [1, 9, 2.5, True, "4"])
def test_bad_digits_are_refused(digits):
    with pytest.raises(ValueError, match="digits must be an integer from 2 to 8"):
        interactive_figure(surface_figure(), "digits", digits=digits)


@pytest.mark.parametrize("figure", [None, [1, 2], {"layout": {}}, np.zeros(3)])
def test_something_that_is_not_a_figure_is_refused(figure):
    with pytest.raises(TypeError, match="figure must be a plotly Figure"):
        interactive_figure(figure, "notafigure")


def test_the_output_bundle_holds_plotly_json_a_png_and_text():
    out = interactive_figure(surface_figure(), "bundle")
    data, metadata = out._repr_mimebundle_()
    assert set(data) == {PLOTLY_MIME, "image/png", "text/plain"}
    assert base64.b64decode(data["image/png"])[:8] == b"\x89PNG\r\n\x1a\n"
    assert metadata == {PLOTLY_MIME: {"name": "bundle"}}
    assert data["text/plain"] == "Interactive figure 'bundle': 1 traces"
    assert data[PLOTLY_MIME]["config"]["displaylogo"] is False
    assert isinstance(out, Interactive)


def test_the_stored_figure_is_valid_for_plotly_with_its_frames_and_slider():
    x = np.linspace(0.0, 1.0, 5)
    frames = [go.Frame(name=str(k), data=[go.Scatter(x=x, y=k * x)]) for k in range(3)]
    slider = {"steps": [{"label": str(k), "method": "animate",
                         "args": [[str(k)], {"mode": "immediate"}]} for k in range(3)]}
    fig = go.Figure(go.Scatter(x=x, y=0 * x), frames=frames, layout={"sliders": [slider]})
    spec = interactive_figure(fig, "frames").spec
    assert len(spec["frames"]) == 3
    # plotly's own validators (an independent check of the JSON) accept it.
    checked = go.Figure(data=spec["data"], layout=spec["layout"], frames=spec["frames"])
    assert checked.layout.sliders[0].steps[2].label == "2"
    assert "template" not in spec["layout"]  # the book's look, not plotly's 10 kB template


def test_the_layout_gets_the_book_look_unless_the_figure_sets_its_own():
    spec = interactive_figure(go.Figure(go.Scatter(x=[0, 1], y=[0, 1]), layout={"height": 300}), "look").spec
    assert spec["layout"]["paper_bgcolor"] == "rgba(0,0,0,0)"
    assert spec["layout"]["height"] == 300
    assert "Open Sans" not in spec["layout"]["font"]["family"]


def test_static_picture_draws_every_supported_trace_type():
    t = np.linspace(0.0, 1.0, 4)
    spec = {"data": [
        {"type": "scatter", "x": [0, 1], "y": [1, 0], "mode": "lines", "name": "line"},
        {"type": "contour", "x": t.tolist(), "y": t.tolist(), "z": np.outer(t, t).tolist(),
         "xaxis": "x2", "yaxis": "y2"},
        {"type": "scatter3d", "x": [0, 1], "y": [0, 1], "z": [0, 1], "mode": "markers"},
        {"type": "surface", "z": np.outer(t, t).tolist(), "scene": "scene2"},
        {"type": "mesh3d", "x": [0, 1, 0], "y": [0, 0, 1], "z": [0, 0, 0], "i": [0], "j": [1],
         "k": [2], "intensity": [0.0, 0.5, 1.0], "scene": "scene2"},
        {"type": "cone", "x": [0], "y": [0], "z": [0], "u": [1], "v": [0], "w": [0]},
    ], "layout": {
        "xaxis": {"domain": [0, 0.45], "title": {"text": "x<sub>1</sub>"}},
        "xaxis2": {"domain": [0.55, 1]}, "yaxis2": {"anchor": "x2"},
        "scene": {"domain": {"x": [0, 0.5], "y": [0, 0.5]}, "camera": {"eye": {"x": 0, "y": -2, "z": 0}}},
        "scene2": {"domain": {"x": [0.5, 1], "y": [0, 0.5]}},
    }}
    fig = static_figure(spec)
    assert len(fig.axes) == 4
    assert fig.axes[0].get_xlabel() == "x$_{1}$"
    scene = [ax for ax in fig.axes if ax.name == "3d"][0]
    # The camera on the -y axis, level: azimuth -90 degrees, elevation 0.
    assert math.isclose(scene.azim, -90.0) and math.isclose(scene.elev, 0.0, abs_tol=1e-12)


def test_static_picture_refuses_a_trace_it_cannot_draw():
    with pytest.raises(ValueError, match="does not draw 'violin' traces"):
        static_figure({"data": [{"type": "violin", "y": [1, 2]}], "layout": {}})


def test_static_picture_shows_the_first_state_not_a_frame():
    fig = go.Figure(go.Scatter(x=[0, 1], y=[0, 0]), frames=[go.Frame(data=[go.Scatter(x=[0, 1], y=[5, 5])])])
    out = interactive_figure(fig, "first-state")
    from PIL import Image
    drawn = static_figure(out.spec)
    line = drawn.axes[0].lines[0]
    assert list(line.get_ydata()) == [0.0, 0.0]
    assert Image.open(io.BytesIO(out.png)).size == (640, 400)


def test_frame_slider_steps_animate_to_each_frame_and_play_from_the_current_one():
    from companion.plotting.interactive import frame_slider

    layout = frame_slider(["a", "b"], labels=["0.1", "0.2"], prefix="α = ", active=1)
    slider = layout["sliders"][0]
    assert slider["active"] == 1 and slider["currentvalue"]["prefix"] == "α = "
    assert [step["args"][0] for step in slider["steps"]] == [["a"], ["b"]]
    play, pause = layout["updatemenus"][0]["buttons"]
    assert play["args"][0] is None and play["args"][1]["fromcurrent"] is True
    assert pause["args"][0] == [None]
    assert "updatemenus" not in frame_slider(["a"], play=False)


@pytest.mark.parametrize("kwargs, message", [
    ({"names": []}, "names must hold at least one frame name"),
    ({"names": ["a", "b"], "labels": ["x"]}, "labels must match names: 1 labels for 2 frames"),
    ({"names": ["a", "b"], "active": 2}, r"active must index a frame \(0 to 1\), got 2"),
])
def test_frame_slider_refuses_inconsistent_input(kwargs, message):
    from companion.plotting.interactive import frame_slider

    with pytest.raises(ValueError, match=message):
        frame_slider(**kwargs)


def test_scene_places_the_camera_and_keeps_the_data_proportions_by_default():
    from companion.plotting.interactive import scene

    layout = scene(z="f", eye=(2.0, 0.0, 0.5))
    assert layout["camera"]["eye"] == {"x": 2.0, "y": 0.0, "z": 0.5}
    assert layout["aspectmode"] == "data" and layout["zaxis"]["title"]["text"] == "f"


def test_the_static_picture_can_show_a_frame_instead_of_the_first_state():
    fig = go.Figure(go.Scatter(x=[0.0, 1.0], y=[0.0, 0.0], mode="lines"),
                    frames=[go.Frame(name=str(k), data=[go.Scatter(y=[k, k])]) for k in (1.0, 5.0)])
    last = interactive_figure(fig, "last-frame", static_frame=-1)
    first = interactive_figure(fig, "first-state")
    assert last.png != first.png
    assert last.spec == interactive_figure(fig, "last-frame").spec  # the JSON is unchanged
    from companion.plotting.interactive import _with_frame
    shown = _with_frame(last.spec, last.spec["frames"][-1])
    assert shown["data"][0]["y"] == [5.0, 5.0] and shown["data"][0]["x"] == [0.0, 1.0]


@pytest.mark.parametrize("frame", [2, -3, 0.5, True])
def test_a_static_frame_that_is_not_a_frame_is_refused(frame):
    fig = go.Figure(go.Scatter(x=[0, 1], y=[0, 1]), frames=[go.Frame(data=[go.Scatter(y=[1, 2])])] * 2)
    with pytest.raises(ValueError, match=r"static_frame must index the figure's 2 frames"):
        interactive_figure(fig, "bad-frame", static_frame=frame)


def test_open_markers_are_drawn_open():
    fig = static_figure({"data": [{"type": "scatter", "x": [0], "y": [0], "mode": "markers",
                                   "marker": {"symbol": "circle-open"}}], "layout": {}})
    assert fig.axes[0].lines[0].get_markerfacecolor() == "none"


def test_static_picture_ignores_the_book_style_constrained_layout():
    # use_style() turns on constrained layout; the static picture places its axes by hand,
    # and a 3-D scene under constrained layout made matplotlib warn on every page.
    import warnings

    import matplotlib as mpl

    with mpl.rc_context({"figure.constrained_layout.use": True}), warnings.catch_warnings():
        warnings.simplefilter("error")
        out = interactive_figure(surface_figure(), "constrained")
    assert out.png[:4] == b"\x89PNG"


def test_static_picture_draws_text_labels_in_2d_and_3d():
    spec = {"data": [
        {"type": "scatter", "x": [0, 1], "y": [0, 1], "mode": "text", "text": ["a", "b"]},
        {"type": "scatter3d", "x": [0], "y": [0], "z": [1.0], "mode": "lines+text", "text": ["ρ dφ"],
         "textfont": {"size": 14, "color": ["#0072B2"]}},
    ], "layout": {"scene": {"domain": {"x": [0.5, 1]}}, "xaxis": {"domain": [0, 0.45]}}}
    fig = static_figure(spec)
    texts = {t.get_text(): t for ax in fig.axes for t in ax.texts}
    assert set(texts) == {"a", "b", "ρ dφ"}
    assert texts["ρ dφ"].get_color() == "#0072B2" and texts["a"].get_color() == "#222222"


def test_a_3d_static_picture_shows_every_trace_not_only_the_last():
    # matplotlib scales a 3-D axes to the last collection added; the picture must frame them all
    t = np.linspace(0, 2 * np.pi, 9)
    big = {"type": "surface", "x": 3 * np.cos(t)[None, :].repeat(2, 0), "y": 3 * np.sin(t)[None, :].repeat(2, 0),
           "z": np.array([[-1.0] * 9, [1.0] * 9])}
    small = {"type": "mesh3d", "x": [0, 0.1, 0], "y": [0, 0, 0.1], "z": [0, 0, 0], "i": [0], "j": [1], "k": [2]}
    spec = interactive_figure({"data": [big, small], "layout": {}}, "frame-all").spec
    ax = static_figure(spec).axes[0]
    assert ax.get_xlim()[0] < -2.9 and ax.get_xlim()[1] > 2.9 and ax.get_zlim()[0] < -0.9
