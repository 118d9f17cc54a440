"""Tests of companion.plotting's style: what use_style() sets, in a notebook
kernel and in a plain interpreter.

Each case runs in a fresh interpreter, because use_style() changes global
matplotlib and IPython state that other tests must not inherit.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap


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
        print(Image.open(io.BytesIO(base64.b64decode(png))).size,
              fig.get_layout_engine().__class__.__name__)
    """)
    assert out == "(300, 200) ConstrainedLayoutEngine"


def test_use_style_outside_ipython_leaves_ipython_alone():
    out = run("""
        import sys
        import companion as cp
        cp.plotting.use_style()
        import matplotlib as mpl
        print("IPython" in sys.modules, mpl.rcParams["figure.constrained_layout.use"])
    """)
    assert out == "False True"


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
