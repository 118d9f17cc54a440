"""The book's figures: one style, and the drawings several pages share.

One module per family of figures; every public name is also available here,
as ``cp.plotting.draw_vector`` or ``from companion.plotting import draw_vector``:

- :mod:`~companion.plotting.style`: colours, ``use_style``, log-axis labels;
- :mod:`~companion.plotting.maps`: grids and regions under a map of the plane;
- :mod:`~companion.plotting.elements`: volume elements of coordinate systems as
  small curved boxes (plotly);
- :mod:`~companion.plotting.vectors`: arrows in 2-D and 3-D, equal 3-D axes, the
  cross product and its parallelogram (plotly);
- :mod:`~companion.plotting.fields`: contours, gradients, paths, critical points;
- :mod:`~companion.plotting.surfaces`: graphs of f(x, y) in 3-D (plotly): critical
  points, tangent planes and directional derivatives;
- :mod:`~companion.plotting.meshes`: triangle meshes coloured by a function;
- :mod:`~companion.plotting.arms`: planar arms, their velocity ellipses, and
  inverse-kinematics runs played iteration by iteration;
- :mod:`~companion.plotting.diffusion`: fields that evolve in time, played as
  surfaces;
- :mod:`~companion.plotting.interactive`: figures a reader can turn and play
  (plotly), with a static picture for print and for readers without scripts;
- :mod:`~companion.plotting.descent`: iterations played on contours: descent
  paths for a slider of step sizes, descent against Newton step by step;
- :mod:`~companion.plotting.learning`: a classifier's decision boundary in the
  plane, played over its training.

matplotlib and plotly are imported inside the functions, so that ``import companion``
stays cheap for pages without figures; the modules themselves load only
NumPy.
"""

from __future__ import annotations

from . import (arms, descent, diffusion, elements, fields, interactive, learning, maps, meshes, style,
               surfaces, vectors)
from .arms import (arm_figure, draw_arm, draw_velocity_ellipse, ik_frames, ik_race_figure, limb_figure,
                   velocity_ellipse)
from .descent import iterates_figure, step_regime, step_size_figure, trail_indices
from .diffusion import evolving_surface_figure
from .elements import (enclosed_volume, spherical_cell, spherical_cell_volume,
                       spherical_element_figure, spherical_point)
from .interactive import (FONT, PLOTLY_MIME, Interactive, frame_slider, interactive_figure, scene,
                          static_figure)
from .learning import BOUNDARY_MAX_FRAMES, decision_boundary_figure
from .fields import critical_point_figure, draw_contours, draw_gradient_field, draw_path
from .maps import (Map2D, area_scaling_figure, draw_mapped_grid, draw_polygon,
                   grid_deformation_figure, grid_lines, linearization_figure)
from .meshes import draw_mesh, evolving_mesh_figure
from .style import COLORS, log_ticks, power_of_ten_label, use_style
from .surfaces import (critical_points_scene, directional_derivative_figure, distance_bands_figure,
                       mesh_modes_figure, tangent_frame_figure)
from .vectors import (arrow_traces, cross_product_figure, draw_vector, equal_axes_3d,
                      rotating_frame_figure)

__all__ = [
    *style.__all__,
    *maps.__all__,
    *vectors.__all__,
    *fields.__all__,
    *meshes.__all__,
    *arms.__all__,
    *interactive.__all__,
    *descent.__all__,
    *diffusion.__all__,
    *surfaces.__all__,
    *elements.__all__,
    *learning.__all__,
]
