"""Values as text for check messages: one-line descriptions, calls, printed arrays and maps.

Everything here is deterministic (no memory addresses, fixed precision, no line
wrapping), so that a notebook showing a message gives the same output on every run.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from course_lib.i18n import _, join

SHOW_ARRAY_LIMIT = 36
"""Arrays with at most this many values are printed in a failure message."""

_MAP_LIMIT = 4
"""A 4-D array is printed as its (H, W) maps when it has at most this many (N * C);
with more it is not printed at all (the message names its first wrong value)."""

_INDENT = "    "


# --------------------------------------------------------------------------
# Describing values in one line
# --------------------------------------------------------------------------
SIGNIFICANT_DIGITS = 4
"""Floats in messages are rounded to this many significant digits: 0.1 + 0.2 reads 0.3."""


def number(value: float) -> str:
    """A float for a message: 4 significant digits, and a whole float keeps its ``.0``.

    ``2.0`` stays ``2.0`` (a message may be about a float where an int was due);
    ``0.30000000000000004`` reads ``0.3``; ``1234567.0`` reads ``1234567.0``.
    """
    value = float(value)
    if value.is_integer() and abs(value) < 1e15:
        return repr(value)
    return f"{value:.{SIGNIFICANT_DIGITS}g}"


def _rounded_repr(value: Any) -> str:
    """``repr`` with every float inside (also in tuples and lists) rounded by :func:`number`."""
    if isinstance(value, (float, np.floating)) and not isinstance(value, bool):
        return number(value)
    if isinstance(value, np.generic):
        return repr(value.item())
    if isinstance(value, tuple):
        inner = ", ".join(_rounded_repr(v) for v in value)
        return f"({inner},)" if len(value) == 1 else f"({inner})"
    if isinstance(value, list):
        return "[" + ", ".join(_rounded_repr(v) for v in value) + "]"
    return repr(value)


def short(value: Any, limit: int = 16) -> str:
    """A value as text on one line: small arrays in full, big ones by shape; floats rounded."""
    if isinstance(value, np.ndarray):
        if value.size <= limit:
            text = np.array2string(
                value, separator=", ", threshold=limit, precision=SIGNIFICANT_DIGITS
            )
            return " ".join(text.split())
        return _("an array of shape {shape} ({dtype})").format(
            shape=str(value.shape), dtype=str(value.dtype)
        )
    if callable(value):  # its repr would show a memory address
        return _("the function {name}").format(
            name=getattr(value, "__name__", type(value).__name__)
        )
    text = _rounded_repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def type_name(value: Any) -> str:
    """``int``, ``numpy.ndarray``: a value's type, with its top-level package if not built in."""
    kind = type(value)
    module = kind.__module__
    return (
        kind.__name__ if module in ("builtins", None) else f"{module.split('.')[0]}.{kind.__name__}"
    )


def _arg_text(name: str, value: Any) -> str:
    if isinstance(value, np.ndarray):
        return name
    return f"{name}={short(value)}"


def call_text(func_name: str, args: Mapping[str, Any]) -> str:
    """``max_pool(x, f=2) with x of shape (1, 4, 4, 1) (int64)``: a call, arrays by name."""
    inner = ", ".join(_arg_text(k, v) for k, v in args.items())
    arrays = [
        _("{name} of shape {shape} ({dtype})").format(
            name=k, shape=str(v.shape), dtype=str(v.dtype)
        )
        for k, v in args.items()
        if isinstance(v, np.ndarray)
    ]
    call = f"{func_name}({inner})"
    if not arrays:
        return call
    return _("{call} with {arrays}").format(call=call, arrays=join(arrays))


# --------------------------------------------------------------------------
# Printing arrays and 2-D maps
# --------------------------------------------------------------------------
def _array_text(array: np.ndarray) -> list[str]:
    """Lines of a printed array (deterministic: fixed precision, no line wrapping)."""
    if array.dtype.kind == "f":
        array = np.where(array == 0, 0.0, array)  # a stray -0.0 would only confuse
    text = np.array2string(
        array, precision=4, suppress_small=True, floatmode="maxprec", max_line_width=200
    )
    return [_INDENT + line for line in text.splitlines() if line.strip()]


def _show_array(title: str, name: str, array: np.ndarray, explain: bool = True) -> list[str]:
    """``array`` under ``title``; an NHWC batch as 2-D maps ``name[n, :, :, c]``.

    A map reads like the pictures in the lessons; the nested brackets of a 4-D
    array with one image and one channel ([[[[2], [2], ...) do not. ``explain``
    says in the title why a map is shown (once per message is enough).
    """
    if array.ndim == 4 and array.shape[0] * array.shape[3] <= _MAP_LIMIT:
        n_maps, c_maps = array.shape[0], array.shape[3]
        if n_maps == c_maps == 1:
            one_map = f"{name}[0, :, :, 0]"
            if explain:
                head = _("{title}, shown as the 2-D map {map} (N = C = 1):")
            else:
                head = _("{title} {map}:")
            return [head.format(title=title, map=one_map), *_array_text(array[0, :, :, 0])]
        if explain:
            head = _("{title}, shown as 2-D maps {maps}:").format(
                title=title, maps=f"{name}[n, :, :, c]"
            )
        else:
            head = _("{title}:").format(title=title)
        lines = [head]
        for n in range(n_maps):
            for c in range(c_maps):
                lines.append(f"  {name}[{n}, :, :, {c}]:")
                lines.extend(_array_text(array[n, :, :, c]))
        return lines
    if array.ndim >= 4:  # too many maps: nested brackets would not help
        return []
    return [
        _("{title} (shape {shape}):").format(title=title, shape=str(array.shape)),
        *_array_text(array),
    ]


def case_arrays(
    args: Mapping[str, Any],
    value: Any,
    expected: Any,
    show_output: bool,
    show_expected: bool = True,
) -> list[str]:
    """Small array inputs of a failing case, and (when asked) the output against the expected.

    ``show_expected=False`` shows the learner's output alone (when the expected
    output is the exercise's answer).
    """
    lines: list[str] = []
    for k, v in args.items():
        if isinstance(v, np.ndarray) and 0 < v.size <= SHOW_ARRAY_LIMIT:
            lines += _show_array(_("Input {name}").format(name=k), k, v)
    if (
        show_output
        and isinstance(value, np.ndarray)
        and isinstance(expected, np.ndarray)
        and value.shape == expected.shape
        and 1 < expected.size <= SHOW_ARRAY_LIMIT  # one value: the first line says it all
    ):
        explain = not lines  # the input's title already said what a map is
        shown = _show_array(_("Your output"), "out", value, explain)
        if shown:
            lines += shown
            if show_expected:
                lines += _show_array(_("Expected"), "out", expected, explain=False)
    return lines
