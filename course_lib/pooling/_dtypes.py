"""The dtype rules shared by the forward and backward passes.

:func:`~course_lib.pooling.pool2d`, :func:`~course_lib.pooling.pool2d_naive`,
:func:`~course_lib.pooling.global_pool2d` and
:func:`~course_lib.pooling.pool2d_backward` must agree on them to the bit, so
they live in one place: a max keeps the input's dtype, an average is a float,
sums are taken in a dtype wide enough not to lose precision, and padding is a
value that never wins a max.
"""

from __future__ import annotations

import numpy as np


def _avg_dtype(dtype: np.dtype) -> np.dtype:
    """Averages are floats: integer input gives float64, float input keeps its dtype."""
    return dtype if dtype.kind == "f" else np.dtype(np.float64)


def _accumulator_dtype(dtype: np.dtype) -> np.dtype:
    """Sums are taken in float64 for integers and in float32 for float16, as frameworks
    do: float16's 11 bits of precision are too few to add many cells accurately."""
    if dtype.kind != "f":
        return np.dtype(np.float64)
    return np.dtype(np.float32) if dtype.itemsize < 4 else dtype


def _fill_value(dtype: np.dtype) -> float | int:
    """A value that never wins a max: -inf, or the smallest integer of the dtype."""
    return -np.inf if dtype.kind == "f" else np.iinfo(dtype).min
