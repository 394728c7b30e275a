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
from course_lib.i18n import _, ngettext


def _no_return() -> str:
    return _("returned None: the function has no `return` (or misses it on this path)")


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
        return Verdict(_no_return())
    if isinstance(value, (bool, np.bool_)):
        return Verdict(
            _("returned {value}, a bool; expected the whole number {expected}").format(
                value=repr(value), expected=str(expected)
            ),
            True,
        )
    if isinstance(value, (int, np.integer)):
        if int(value) == expected:
            return Verdict(None)
        return Verdict(_returned_expected(str(int(value)), str(expected)), True)
    if isinstance(value, (float, np.floating)):
        if float(value) == expected:
            return Verdict(
                _(
                    "returned {value} ({type}), the right number but a float; "
                    "a count of windows is a whole number: return an int (`//` divides and "
                    "rounds down, `int(...)` converts)"
                ).format(value=number(value), type=type_name(value))
            )
        return Verdict(_returned_expected(number(value), str(expected)), True)
    return Verdict(
        _("returned {value} ({type}), expected the whole number {expected}").format(
            value=short(value), type=type_name(value), expected=str(expected)
        ),
        True,
    )


def _returned_expected(value: str, expected: str) -> str:
    return _("returned {value}, expected {expected}").format(value=value, expected=expected)


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
    fields = {
        "count": count,
        "size": bad.size,
        "index": str(where),
        "value": short(value[where]),
        "expected": short(expected[where]),
    }
    if bad.size == 1:
        if reveal:
            template = _(
                "returned an array whose only value is wrong: got {value}, expected {expected}"
            )
        else:
            template = _("returned an array whose only value is wrong: got {value}")
    elif reveal:
        template = _(
            "returned an array with {count} of {size} values wrong; the first at index "
            "{index}: got {value}, expected {expected}"
        )
    else:
        template = _(
            "returned an array with {count} of {size} values wrong; the first at index "
            "{index}: got {value}"
        )
    return template.format(**fields)


def _not_an_array(value: Any, expected: np.ndarray, rtol: float, atol: float) -> Verdict:
    numbers = _as_numbers(value)
    right = numbers is not None and same_numbers(numbers, expected, rtol, atol)
    if isinstance(value, (list, tuple)):
        if right:
            template = _(
                "returned a {kind}, not a NumPy array (its numbers are right): build the "
                "result as an array, e.g. with np.zeros(shape) or np.array(...)"
            )
        else:
            template = _(
                "returned a {kind}, not a NumPy array: build the "
                "result as an array, e.g. with np.zeros(shape) or np.array(...)"
            )
        return Verdict(template.format(kind=type(value).__name__), not right)
    return Verdict(
        _("returned {value} ({type}), expected a NumPy array of shape {shape}").format(
            value=short(value), type=type_name(value), shape=str(expected.shape)
        ),
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
        return Verdict(_no_return())
    if not isinstance(value, np.ndarray):
        return _not_an_array(value, expected, rtol, atol)
    if value.shape != expected.shape:
        return Verdict(
            _("returned an array of shape {shape}, expected shape {expected}").format(
                shape=str(value.shape), expected=str(expected.shape)
            ),
            True,
        )
    if value.dtype.kind not in "biuf":
        return Verdict(
            _("returned an array of dtype {dtype}, expected numbers ({expected})").format(
                dtype=str(value.dtype), expected=str(expected.dtype)
            ),
            True,
        )
    stray = _nan_mask(value) & ~_nan_mask(expected)
    if stray.any():
        where = tuple(int(i) for i in np.argwhere(stray)[0])
        return Verdict(
            _(
                "returned NaN at {count} position(s), first at index {index}, where "
                "{expected} was expected (an output cell left unfilled, or 0/0?)"
            ).format(count=int(stray.sum()), index=str(where), expected=short(expected[where])),
            True,
        )
    if not np.allclose(
        value.astype(np.float64), expected.astype(np.float64), rtol=rtol, atol=atol, equal_nan=True
    ):
        return Verdict(_first_difference(value, expected, rtol, atol, reveal), True)
    if dtype_rule == "same" and first_array is not None and value.dtype != first_array.dtype:
        return Verdict(
            _(
                "returned the right numbers with dtype {dtype}, but the input's dtype is "
                "{input_dtype}: this pooling picks existing values, so keep the input's "
                "dtype (e.g. np.zeros(shape, dtype=x.dtype))"
            ).format(dtype=str(value.dtype), input_dtype=str(first_array.dtype))
        )
    if dtype_rule == "float" and value.dtype.kind != "f":
        return Verdict(
            _("returned dtype {dtype}; expected floats").format(dtype=str(value.dtype)), True
        )
    return Verdict(None)


# --------------------------------------------------------------------------
# Sequences (tuples and lists) and other values
# --------------------------------------------------------------------------
def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(
        value, (bool, np.bool_)
    )


def _sequence_word(expected: tuple | list) -> str:
    return _("a tuple like (…,)") if isinstance(expected, tuple) else _("a list like […]")


def not_a_sequence(value: Any, expected: tuple | list) -> str:
    """Why a scalar (or other non-sequence) is not the expected tuple or list."""
    fields = {
        "kind": type(expected).__name__,
        "count": len(expected),
        "sequence": _sequence_word(expected),
        "type": type_name(value),
        "value": short(value),
    }
    if _is_number(value) and len(expected) == 1:
        if same_numbers(value, expected[0]):
            template = _(
                "expected {sequence}, got the {type} {value} (the number is right: write it "
                "with its comma, ({value},))"
            )
        else:
            template = _("expected {sequence}, got the {type} {value}")
        return template.format(**fields)
    return ngettext(
        "expected a {kind} of {count} item, got {value} ({type})",
        "expected a {kind} of {count} items, got {value} ({type})",
        len(expected),
    ).format(**fields)


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
        return ngettext(
            "it has {count} item, expected {expected}",
            "it has {count} items, expected {expected}",
            len(value),
        ).format(count=len(value), expected=len(expected))
    for k, (given, right) in enumerate(zip(value, expected, strict=True)):
        if values_equal(given, right, rtol, atol):
            continue
        if k < len(item_names):
            where = _("item {index} of {count}, {name}").format(
                index=k + 1, count=len(expected), name=_(item_names[k])
            )
        else:
            where = _("item {index} of {count}").format(index=k + 1, count=len(expected))
        if isinstance(right, (tuple, list)) and not isinstance(given, (tuple, list, np.ndarray)):
            return _("{where}: {problem}").format(where=where, problem=not_a_sequence(given, right))
        fields = {"where": where, "given": short(given), "expected": short(right), "count": k}
        if reveal:
            template = _("{where}: you gave {given}, expected {expected}")
        elif k == 0:
            template = _("{where}: you gave {given}, which is not right")
        elif k == 1:
            template = _(
                "{where}: you gave {given}, which is not right (the item before it is right)"
            )
        else:
            template = _(
                "{where}: you gave {given}, which is not right (the {count} items before it are "
                "right)"
            )
        return template.format(**fields)
    return None


def at_an_item(value: tuple | list, expected: tuple | list) -> bool:
    """Whether :func:`sequence_difference` of these names an item ("item 2 of 3: ...")
    rather than a wrong length: a message then says "wrong at item 2..." (else "wrong: ...").

    Decided from the values, not from the words, which depend on the language.
    """
    return len(value) == len(expected)


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
        if at_an_item(value, expected):
            template = _("returned a {kind} that is wrong at {detail}")
        else:
            template = _("returned a {kind} that is wrong: {detail}")
        return template.format(kind=type(value).__name__, detail=detail)
    return _returned_expected(short(value), short(expected))
