"""Plotting helpers shared by the lessons: grids, pooling windows, number lines, images.

The lessons import this one module (``from course_lib.viz import plots``) and call
``plots.<name>``; the helpers live in three modules, by what they draw:

* :mod:`course_lib.viz.grids` -- colours and annotated grids
  (``WINDOW_COLORS``, ``window_color``, ``draw_grid``);
* :mod:`course_lib.viz.diagrams` -- pooling pictures and one axis on a number line
  (``plot_pooling``, ``plot_pooling_step``, ``plot_pooling_steps``,
  ``plot_axis_windows``);
* :mod:`course_lib.viz.images` -- images and heat maps over them
  (``show_images``, ``overlay_heatmaps``).

``pooling_windows`` (the 2-D windows the figures draw) is
:func:`course_lib.pooling.geometry.pooling_windows`, re-exported here.

Every helper draws with matplotlib only, is deterministic (no randomness, no
timing) and returns the ``Figure`` or ``Axes`` it drew on, so a lesson can add
to it and a test can count what was drawn. Helpers that take ``ax=None`` draw on
a new figure when no axes are given.

These modules import matplotlib at their top, which is why ``course_lib/__init__``
and :mod:`course_lib.viz.widgets` never import them at theirs: ``import course_lib``
stays light, and matplotlib is loaded only when a lesson draws. A new helper goes
into the module of what it draws, or a new one, and is re-exported here.
"""

from __future__ import annotations

from course_lib.pooling.geometry import Window, pooling_windows
from course_lib.viz.diagrams import (
    plot_axis_windows,
    plot_pooling,
    plot_pooling_step,
    plot_pooling_steps,
)
from course_lib.viz.grids import PADDING_COLOR, WINDOW_COLORS, draw_grid, window_color
from course_lib.viz.images import overlay_heatmaps, show_images

__all__ = [
    "PADDING_COLOR",
    "WINDOW_COLORS",
    "Window",
    "draw_grid",
    "overlay_heatmaps",
    "plot_axis_windows",
    "plot_pooling",
    "plot_pooling_step",
    "plot_pooling_steps",
    "pooling_windows",
    "show_images",
    "window_color",
]
