"""Comparing a returned value with the expected one, and saying in a few words how it differs.

A :class:`Verdict` says what is wrong (``None``: nothing) and whether the numbers
themselves are wrong (not just the type or dtype): the diagnosis looks for a
misconception only among answers whose numbers are wrong.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from course_lib.checks.render import number, short, type_name

_NO_RETURN = "returned None: the function has no `return` (or misses it on this path)"


@dataclass(frozen=True)
class Verdict:
    problem: str | None  # None: correct
    numbers_wrong: bool = False  # the numbers differ (not just the type/dtype)


# --------------------------------------------------------------------------
# Numbers and values
# --------------------------------------------------------------------------
def _as_numbers(value: Any) -> np.ndarray | None:
    """``value`` as a float array, or None if it is not numeric."""
    if value is None or isinstance(value, (str, bytes)):
        return None
    try:
        arr = np.asarray(value)
    except Exception:
        return None
    if arr.dtype.kind not in "biuf":
        return None
    return arr.astype(np.float64)


def same_numbers(a: Any, b: Any, rtol: float = 1e-6, atol: float = 1e-9) -> bool:
    """True when ``a`` and ``b`` are numerically the same, whatever their types."""
    x, y = _as_numbers(a), _as_numbers(b)
    if x is None or y is None or x.shape != y.shape:
        return False
    return bool(np.allclose(x, y, rtol=rtol, atol=atol, equal_nan=True))


def values_equal(value: Any, expected: Any, rtol: float, atol: float) -> bool:
    """A value answer's rule: strings ignoring case and spaces, sequences item by item,
    bools as bools, anything else as numbers."""
    if isinstance(expected, str):
        return isinstance(value, str) and value.strip().lower() == expected.strip().lower()
    if isinstance(expected, (tuple, list)) and not isinstance(value, np.ndarray):
        return (
            isinstance(value, (tuple, list))
            and len(value) == len(expected)
            and all(values_equal(v, e, rtol, atol) for v, e in zip(value, expected, strict=True))
        )
    if isinstance(expected, (bool, np.bool_)):
        return isinstance(value, (bool, np.bool_)) and bool(value) == bool(expected)
    return same_numbers(value, expected, rtol, atol)


# --------------------------------------------------------------------------
# Whole numbers
# --------------------------------------------------------------------------
def compare_int(value: Any, expected: Any) -> Verdict:
    """A returned count against the expected whole number: a float is refused."""
    if value is None:
        return Verdict(_NO_RETURN)
    if isinstance(value, (bool, np.bool_)):
        return Verdict(f"returned {value!r}, a bool; expected the whole number {expected}", True)
    if isinstance(value, (int, np.integer)):
        if int(value) == expected:
            return Verdict(None)
        return Verdict(f"returned {int(value)}, expected {expected}", True)
    if isinstance(value, (float, np.floating)):
        if float(value) == expected:
            return Verdict(
                f"returned {number(value)} ({type_name(value)}), the right number but a float; "
                "a count of windows is a whole number: return an int (`//` divides and "
                "rounds down, `int(...)` converts)"
            )
        return Verdict(f"returned {number(value)}, expected {expected}", True)
    return Verdict(
        f"returned {short(value)} ({type_name(value)}), expected the whole number {expected}",
        True,
    )


# --------------------------------------------------------------------------
# Arrays
# --------------------------------------------------------------------------
def _first_difference(
    value: np.ndarray, expected: np.ndarray, rtol: float, atol: float, reveal: bool = True
) -> str:
    bad = ~np.isclose(
        value.astype(np.float64), expected.astype(np.float64), rtol=rtol, atol=atol, equal_nan=True
    )
    where = tuple(int(i) for i in np.argwhere(bad)[0])
    count = int(bad.sum())
    right = f", expected {short(expected[where])}" if reveal else ""
    if bad.size == 1:
        return f"returned an array whose only value is wrong: got {short(value[where])}{right}"
    return (
        f"returned an array with {count} of {bad.size} values wrong; the first at index "
        f"{where}: got {short(value[where])}{right}"
    )


def _not_an_array(value: Any, expected: np.ndarray, rtol: float, atol: float) -> Verdict:
    numbers = _as_numbers(value)
    right = numbers is not None and same_numbers(numbers, expected, rtol, atol)
    detail = " (its numbers are right)" if right else ""
    if isinstance(value, (list, tuple)):
        return Verdict(
            f"returned a {type(value).__name__}, not a NumPy array{detail}: build the "
            "result as an array, e.g. with np.zeros(shape) or np.array(...)",
            not right,
        )
    return Verdict(
        f"returned {short(value)} ({type_name(value)}), expected a NumPy array "
        f"of shape {expected.shape}",
        True,
    )


def _nan_mask(array: np.ndarray) -> np.ndarray:
    return np.isnan(array) if array.dtype.kind == "f" else np.zeros(array.shape, bool)


def compare_array(
    value: Any,
    expected: np.ndarray,
    dtype_rule: str | None,
    first_array: np.ndarray | None,
    rtol: float,
    atol: float,
    reveal: bool = True,
) -> Verdict:
    """A returned array against the expected one: type, shape, dtype, NaN, then the numbers.

    ``dtype_rule``: "same" (the dtype of ``first_array``, the first array argument),
    "float", or None (any numeric dtype). ``reveal=False`` names the first wrong
    value without the right one (for an exercise whose output is its answer).
    """
    if value is None:
        return Verdict(_NO_RETURN)
    if not isinstance(value, np.ndarray):
        return _not_an_array(value, expected, rtol, atol)
    if value.shape != expected.shape:
        return Verdict(
            f"returned an array of shape {value.shape}, expected shape {expected.shape}", True
        )
    if value.dtype.kind not in "biuf":
        return Verdict(
            f"returned an array of dtype {value.dtype}, expected numbers ({expected.dtype})", True
        )
    stray = _nan_mask(value) & ~_nan_mask(expected)
    if stray.any():
        where = tuple(int(i) for i in np.argwhere(stray)[0])
        return Verdict(
            f"returned NaN at {int(stray.sum())} position(s), first at index {where}, where "
            f"{short(expected[where])} was expected (an output cell left unfilled, or 0/0?)",
            True,
        )
    if not np.allclose(
        value.astype(np.float64), expected.astype(np.float64), rtol=rtol, atol=atol, equal_nan=True
    ):
        return Verdict(_first_difference(value, expected, rtol, atol, reveal), True)
    if dtype_rule == "same" and first_array is not None and value.dtype != first_array.dtype:
        return Verdict(
            f"returned the right numbers with dtype {value.dtype}, but the input's dtype is "
            f"{first_array.dtype}: this pooling picks existing values, so keep the input's "
            "dtype (e.g. np.zeros(shape, dtype=x.dtype))"
        )
    if dtype_rule == "float" and value.dtype.kind != "f":
        return Verdict(f"returned dtype {value.dtype}; expected floats", True)
    return Verdict(None)


# --------------------------------------------------------------------------
# Sequences (tuples and lists) and other values
# --------------------------------------------------------------------------
def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(
        value, (bool, np.bool_)
    )


def _sequence_word(expected: tuple | list) -> str:
    return "a tuple like (…,)" if isinstance(expected, tuple) else "a list like […]"


def not_a_sequence(value: Any, expected: tuple | list) -> str:
    """Why a scalar (or other non-sequence) is not the expected tuple or list."""
    kind = type(expected).__name__
    if _is_number(value) and len(expected) == 1:
        text = f"expected {_sequence_word(expected)}, got the {type_name(value)} {short(value)}"
        if same_numbers(value, expected[0]):
            text += f" (the number is right: write it with its comma, ({short(value)},))"
        return text
    return (
        f"expected a {kind} of {len(expected)} item{'s' if len(expected) != 1 else ''}, "
        f"got {short(value)} ({type_name(value)})"
    )


def sequence_difference(
    value: tuple | list,
    expected: tuple | list,
    rtol: float,
    atol: float,
    item_names: Sequence[str] = (),
    reveal: bool = True,
) -> str | None:
    """Where a tuple/list answer first differs from the expected one, in a few words.

    Only the first wrong item is named. ``reveal`` adds its expected value (for
    a function's output on one test case); a fixed-answer exercise passes
    ``reveal=False``, so the message says which item is wrong and that the ones
    before it are right, never what the right value is. ``item_names[k]`` (when
    given) names item k, e.g. the layer whose output shape it is.
    """
    if len(value) != len(expected):
        given = f"{len(value)} item{'s' if len(value) != 1 else ''}"
        return f"it has {given}, expected {len(expected)}"
    for k, (given, right) in enumerate(zip(value, expected, strict=True)):
        if values_equal(given, right, rtol, atol):
            continue
        where = f"item {k + 1} of {len(expected)}"
        if k < len(item_names):
            where += f", {item_names[k]}"
        if isinstance(right, (tuple, list)) and not isinstance(given, (tuple, list, np.ndarray)):
            return f"{where}: {not_a_sequence(given, right)}"
        if reveal:
            return f"{where}: you gave {short(given)}, expected {short(right)}"
        before = (
            ""
            if k == 0
            else " (the item before it is right)"
            if k == 1
            else f" (the {k} items before it are right)"
        )
        return f"{where}: you gave {short(given)}, which is not right{before}"
    return None


def wrong_at(detail: str) -> str:
    """The words joining "...is wrong" to a :func:`sequence_difference`: " at item 2..."."""
    return " at" if detail.startswith("item") else ":"


def compare_any(value: Any, expected: Any, rtol: float, atol: float) -> Verdict:
    """A returned value compared like a value answer (:func:`values_equal`)."""
    if values_equal(value, expected, rtol, atol):
        return Verdict(None)
    return Verdict(_any_problem(value, expected), True)


def _any_problem(value: Any, expected: Any, rtol: float = 1e-6, atol: float = 1e-9) -> str:
    """A wrong ``returns="any"`` value: both in full when short, else the first wrong item."""
    both_short = len(repr(value)) <= 80 and len(repr(expected)) <= 80
    if (
        not both_short
        and isinstance(value, (tuple, list))
        and isinstance(expected, (tuple, list))
        and (detail := sequence_difference(value, expected, rtol, atol))
    ):
        return f"returned a {type(value).__name__} that is wrong{wrong_at(detail)} {detail}"
    return f"returned {short(value)}, expected {short(expected)}"
