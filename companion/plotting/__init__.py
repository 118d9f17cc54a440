"""The book's figures: one style, and the drawings several pages share.

One module per family of figures; every public name is also available here,
as ``cp.plotting.draw_vector`` or ``from companion.plotting import draw_vector``:

- :mod:`~companion.plotting.style`: colours, ``use_style``, log-axis labels;
- :mod:`~companion.plotting.maps`: grids and regions under a map of the plane;
- :mod:`~companion.plotting.vectors`: arrows in 2-D and 3-D, equal 3-D axes;
- :mod:`~companion.plotting.fields`: contours, gradients, paths, critical points;
- :mod:`~companion.plotting.meshes`: triangle meshes coloured by a function;
- :mod:`~companion.plotting.arms`: planar arms and their velocity ellipses.

matplotlib is imported inside the functions, so that ``import companion``
stays cheap for pages without figures; the modules themselves load only
NumPy.
"""

from __future__ import annotations

from . import arms, fields, maps, meshes, style, vectors
from .arms import arm_figure, draw_arm, draw_velocity_ellipse, velocity_ellipse
from .fields import critical_point_figure, draw_contours, draw_gradient_field, draw_path
from .maps import (Map2D, area_scaling_figure, draw_mapped_grid, draw_polygon, grid_lines,
                   linearization_figure)
from .meshes import draw_mesh
from .style import COLORS, log_ticks, power_of_ten_label, use_style
from .vectors import draw_vector, equal_axes_3d

# interactive.py (in progress, by the lead): a sibling module of interactive
# figures. When it lands, import its public names above and add
# `*interactive.__all__` below (and its line to the module map in the
# docstring and its automodule to book/reference/api.md).

__all__ = [
    *style.__all__,
    *maps.__all__,
    *vectors.__all__,
    *fields.__all__,
    *meshes.__all__,
    *arms.__all__,
]
