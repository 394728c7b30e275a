"""Argument checking for every pooling function: one clear message per broken rule.

Every function of :mod:`course_lib.pooling` and :mod:`course_lib.pooling.variants`
checks its integer, pair, padding and flag arguments here, so that the same
mistake gets the same error wherever it is made. The one rule:

* an argument that must be an integer (a window size, a stride, a padding, a
  count) and is not -- a float, even ``2.0``, a bool, a string -- raises
  ``TypeError`` naming the argument: ``2.0`` usually means a computation went
  through a float division, and silently truncating ``2.5`` would hide that;
* an integer below its minimum, a pair of the wrong length or an unknown
  option raises ``ValueError``.

This module also holds the type aliases of the public signatures.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import numpy as np

IntOrPair = int | Sequence[int]
"""An int ``f`` (for ``(f, f)``) or an ``(h, w)`` pair, as in Keras."""
Padding = str | int | Sequence[int]
"""``"valid"``, ``"same"``, an int ``p`` or an ``(h, w)`` pair of ints."""
Mode = Literal["max", "avg"]
DataFormat = Literal["channels_last", "channels_first"]

_MODES = ("max", "avg")
_DATA_FORMATS = ("channels_last", "channels_first")


def _check_int(value: object, name: str, minimum: int) -> int:
    """Return ``value`` as a Python int, or raise a message naming ``name``."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be an integer, got {value!r} ({type(value).__name__}).")
    if value < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {value}.")
    return int(value)


def _check_bool(value: object, name: str) -> bool:
    """Return ``value`` as a bool, or raise: a string such as "no" would read as True."""
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False, got {value!r}.")
    return bool(value)


def _pair(value: object, name: str, minimum: int) -> tuple[int, int]:
    """Accept an int or an ``(h, w)`` pair, like Keras, and return a pair."""
    if isinstance(value, (tuple, list)):
        if len(value) != 2:
            raise ValueError(f"{name} must be an int or a pair (h, w), got {value!r}.")
        return (
            _check_int(value[0], f"{name}[0]", minimum),
            _check_int(value[1], f"{name}[1]", minimum),
        )
    v = _check_int(value, name, minimum)
    return (v, v)


def _padding_pair(padding: object) -> tuple[str | int, str | int]:
    """Normalise ``padding`` to one entry per axis: "valid", "same" or an int."""
    if isinstance(padding, str):
        mode = padding.lower()
        if mode not in ("valid", "same"):
            raise ValueError(
                f"padding must be 'valid', 'same', an int or a pair of ints, got {padding!r}."
            )
        return (mode, mode)
    if isinstance(padding, (tuple, list)):
        p = _pair(padding, "padding", 0)
        return (p[0], p[1])
    p_int = _check_int(padding, "padding", 0)
    return (p_int, p_int)


def _check_mode(mode: str) -> None:
    """Raise unless ``mode`` is "max" or "avg"."""
    if mode not in _MODES:
        raise ValueError(f"mode must be 'max' or 'avg', got {mode!r}.")


def _check_data_format(data_format: str) -> None:
    """Raise unless ``data_format`` is "channels_last" or "channels_first"."""
    if data_format not in _DATA_FORMATS:
        raise ValueError(
            f"data_format must be 'channels_last' or 'channels_first', got {data_format!r}."
        )


def _as_batch(x: object, name: str = "x") -> np.ndarray:
    """``x`` as an array of a real dtype; the caller's array is never modified."""
    arr = np.asarray(x)
    if arr.dtype.kind not in "iuf":
        raise TypeError(
            f"{name} must hold real numbers (integer or float dtype), got dtype {arr.dtype}."
        )
    return arr
