"""Tests of companion.plotting's style: what use_style() sets, in a notebook
kernel and in a plain interpreter.

Each case runs in a fresh interpreter, because use_style() changes global
matplotlib and IPython state that other tests must not inherit.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import types


def run(code: str) -> str:
    result = subprocess.run([sys.executable, "-c", textwrap.dedent(code)],
                            capture_output=True, text=True, check=True)
    assert result.stderr == ""
    return result.stdout.strip()


def test_inline_backend_shows_figures_as_drawn():
    # In IPython with the inline backend, a figure is shown at exactly its
    # size (no second layout pass for a tight crop), laid out by constrained
    # layout even when the page did not ask for it.
    out = run("""
        import base64, io
        from IPython.core.interactiveshell import InteractiveShell
        shell = InteractiveShell.instance()
        import matplotlib
        matplotlib.use("module://matplotlib_inline.backend_inline")
        import matplotlib.pyplot as plt
        from PIL import Image
        import companion as cp
        cp.plotting.use_style()
        fig, ax = plt.subplots(figsize=(3, 2))
        ax.set_xlabel("x")
        png = shell.display_formatter.formatters["image/png"](fig)
        png = png[0] if isinstance(png, tuple) else png
        import gc
        print(Image.open(io.BytesIO(base64.b64decode(png))).size,
              fig.get_layout_engine().__class__.__name__, gc.get_freeze_count() > 0)
    """)
    # ... and the imports' objects are frozen out of the garbage collector's way.
    assert out == "(300, 200) ConstrainedLayoutEngine True"


def test_use_style_outside_ipython_leaves_ipython_alone():
    out = run("""
        import sys
        import companion as cp
        cp.plotting.use_style()
        import matplotlib as mpl
        import gc
        print("IPython" in sys.modules, mpl.rcParams["figure.constrained_layout.use"],
              gc.get_freeze_count())
    """)
    assert out == "False True 0"


def test_use_style_with_another_backend_keeps_its_formatter():
    # IPython without the inline backend (a terminal session with Agg): the
    # figure formatter is not the inline backend's, so it is left as it is.
    out = run("""
        from IPython.core.interactiveshell import InteractiveShell
        shell = InteractiveShell.instance()
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.figure
        import companion as cp
        cp.plotting.use_style()
        formatter = shell.display_formatter.formatters["image/png"]
        print(matplotlib.figure.Figure in formatter.type_printers)
    """)
    assert out == "False"


# log_ticks / power_of_ten_label: plain-text labels for log axes

import matplotlib  # noqa: E402

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from companion.plotting import log_ticks, power_of_ten_label  # noqa: E402


@pytest.mark.parametrize("value, label", [(1e-12, "10⁻¹²"), (1.0, "10⁰"), (10.0, "10¹"),
                                          (1e5, "10⁵"), (2e-3, "0.002"), (0.0, "0"), (-10.0, "-10")])
def test_power_of_ten_label(value, label):
    assert power_of_ten_label(value) == label


@pytest.fixture
def log_axes():
    fig, ax = plt.subplots()
    ax.loglog([1e-8, 1.0], [1e-2, 1e6])
    yield ax
    plt.close(fig)


def test_log_ticks_labels_plain_text_and_drops_minor_ticks(log_axes):
    log_ticks(log_axes, "both", numticks=5)
    log_axes.figure.canvas.draw()
    labels = [t.get_text() for t in log_axes.get_yticklabels() if t.get_text()]
    assert labels and all(label.startswith("10") and "$" not in label for label in labels)
    assert len(log_axes.xaxis.get_major_locator()()) <= 7  # numticks, plus one beyond each end
    assert len(log_axes.xaxis.get_minor_locator()()) == 0


def test_log_ticks_rejects_an_unknown_axis(log_axes):
    with pytest.raises(ValueError, match="axis must be 'x', 'y' or 'both', got 'z'"):
        log_ticks(log_axes, "z")


@pytest.mark.parametrize("numticks", [1, 0, 2.5, True])
def test_log_ticks_rejects_a_bad_tick_count(log_axes, numticks):
    with pytest.raises(ValueError, match="numticks must be an integer of at least 2"):
        log_ticks(log_axes, "y", numticks=numticks)


def test_log_ticks_rejects_a_linear_axis():
    fig, ax = plt.subplots()
    ax.semilogy([1, 2], [1, 100])
    with pytest.raises(ValueError, match="the x-axis has scale 'linear', not 'log'"):
        log_ticks(ax, "both")
    plt.close(fig)


# The package: every name the single module companion/plotting.py had, still
# importable from companion.plotting, and each from one module only.

PUBLIC = {"COLORS", "use_style", "power_of_ten_label", "log_ticks", "grid_lines",
          "draw_mapped_grid", "draw_polygon", "linearization_figure", "area_scaling_figure",
          "draw_vector", "equal_axes_3d", "draw_contours", "draw_gradient_field", "draw_path",
          "critical_point_figure", "draw_mesh", "draw_arm", "velocity_ellipse",
          "draw_velocity_ellipse", "arm_figure"}


def test_the_package_re_exports_every_public_name():
    import companion.plotting as plotting

    assert PUBLIC <= set(plotting.__all__)
    assert len(plotting.__all__) == len(set(plotting.__all__)), "a name in two modules"
    modules = [m for m in vars(plotting).values() if isinstance(m, types.ModuleType)
               and m.__name__.startswith("companion.plotting.")]
    assert len(modules) >= 6
    for name in plotting.__all__:
        value = getattr(plotting, name)
        homes = [module for module in modules if name in module.__all__]
        assert len(homes) == 1 and getattr(homes[0], name) is value, name
    assert plotting.Map2D is plotting.maps.Map2D


def test_importing_the_package_does_not_load_matplotlib():
    out = run("""
        import sys
        import companion.plotting
        print(sorted({m.split(".")[0] for m in sys.modules} & {"matplotlib", "scipy", "IPython"}))
    """)
    assert out == "[]"
