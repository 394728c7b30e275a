"""Private references to the oracle, bound once when ``course_lib`` is imported.

Checkers compute expected values with these names, never with
``course_lib.pooling.<name>`` looked up at check time: a learner who reassigns
``course_lib.pooling.pool2d = my_pool`` (by accident or to "pass") changes what
the module attribute points to, not these bindings. ``course_lib/__init__.py``
imports this module, so the binding happens before any learner code runs.
"""

from __future__ import annotations

from course_lib import pooling as _pooling
from course_lib.pooling import variants as _variants

OUTPUT_SIZE = _pooling.output_size
OUTPUT_SHAPE = _pooling.output_shape
AXIS_WINDOWS = _pooling.axis_windows
POOL2D = _pooling.pool2d
GLOBAL_POOL2D = _pooling.global_pool2d
POOL2D_BACKWARD = _pooling.pool2d_backward
POOL2D_NAIVE = _pooling.pool2d_naive
LP_POOL2D = _variants.lp_pool2d

SIZE_RULES = (OUTPUT_SIZE, OUTPUT_SHAPE, AXIS_WINDOWS)
"""The functions that answer the output-size exercises: a learner may not call them there."""
POOLINGS = (POOL2D, POOL2D_NAIVE)
"""The functions that answer the pooling exercises."""

__all__ = [
    "AXIS_WINDOWS",
    "GLOBAL_POOL2D",
    "LP_POOL2D",
    "OUTPUT_SHAPE",
    "OUTPUT_SIZE",
    "POOL2D",
    "POOL2D_BACKWARD",
    "POOL2D_NAIVE",
    "POOLINGS",
    "SIZE_RULES",
]
