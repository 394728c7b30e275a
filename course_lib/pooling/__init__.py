"""Reference implementations of 2-D pooling, forward and backward, in NumPy.

This package is the course's oracle: every exercise checker compares a learner's
answer with the functions here, and the tests compare these functions with
Keras. It follows the frameworks' rules exactly (Keras's and PyTorch's padding,
``ceil_mode``, ``count_include_pad``). Import from here; the modules say where
each part lives, from the bottom up:

* :mod:`course_lib.pooling._args` -- argument checking, one rule and one message
  per broken rule, and the type aliases (``IntOrPair``, ``Padding``, ...);
* :mod:`course_lib.pooling.geometry` -- where the windows lie:
  :func:`output_size`, :func:`axis_windows`, :func:`output_shape`;
* :mod:`course_lib.pooling.reference` -- the readable oracle:
  :func:`pool2d_naive` (the definition as loops), :func:`global_pool2d`,
  :func:`pool2d_backward`;
* :mod:`course_lib.pooling.fast` -- :func:`pool2d`, the same results as
  ``pool2d_naive`` at about a compiled kernel's speed (separable pooling, cache
  blocking, a thread pool);
* :mod:`course_lib.pooling.variants` -- Lp, stochastic, mixed, anti-aliased,
  adaptive and pyramid pooling (lesson 7); import it as a submodule.

Only NumPy is imported.
"""

from __future__ import annotations

from course_lib.pooling._args import DataFormat, IntOrPair, Mode, Padding
from course_lib.pooling.fast import pool2d
from course_lib.pooling.geometry import axis_windows, output_shape, output_size
from course_lib.pooling.reference import global_pool2d, pool2d_backward, pool2d_naive

__all__ = [
    "DataFormat",
    "IntOrPair",
    "Mode",
    "Padding",
    "axis_windows",
    "global_pool2d",
    "output_shape",
    "output_size",
    "pool2d",
    "pool2d_backward",
    "pool2d_naive",
]
