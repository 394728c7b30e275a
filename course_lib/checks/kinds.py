"""The three kinds of exercise, and how each is graded.

* :func:`function_exercise`: the learner writes a function. It is called on
  test cases whose expected outputs come from a reference implementation; the
  first failing case is explained, and a wrong answer that a known misconception
  reproduces on every case gets that misconception's explanation.
* :func:`value_exercise`: the learner computes or predicts one value.
* :func:`choice_exercise`: the learner picks one option; every option has an
  explanation, shown when it is picked.

Each builder registers the exercise and returns it. Grading never prints and
never lets an exception escape: the result says what went wrong.
"""

from __future__ import annotations

import inspect
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from course_lib.checks import runner
from course_lib.checks.registry import Exercise, Misconception, register
from course_lib.checks.result import FAILED, NOT_ATTEMPTED, PASSED, CheckResult

__all__ = ["Case", "case", "choice_exercise", "function_exercise", "value_exercise"]


@dataclass(frozen=True)
class Case:
    """One test case: arguments (passed positionally, in this order) and a label."""

    args: dict[str, Any] = field(default_factory=dict)
    label: str = ""


def case(label: str = "", **args: Any) -> Case:
    """``case("stride > pool", x=x, f=2, s=3)``: a test case, arguments in call order."""
    return Case(dict(args), label)


# --------------------------------------------------------------------------
# Describing values in one line
# --------------------------------------------------------------------------
def _short(value: Any, limit: int = 16) -> str:
    """A value as text on one line: small arrays in full, big ones by shape."""
    if isinstance(value, np.ndarray):
        if value.size <= limit:
            text = np.array2string(value, separator=", ", threshold=limit)
            return " ".join(text.split())
        return f"an array of shape {value.shape} ({value.dtype})"
    if isinstance(value, np.generic):
        return repr(value.item())
    if callable(value):  # its repr would show a memory address
        return f"the function {getattr(value, '__name__', type(value).__name__)}"
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _arg_text(name: str, value: Any) -> str:
    if isinstance(value, np.ndarray):
        return name
    return f"{name}={_short(value)}"


def _call_text(func_name: str, c: Case) -> str:
    inner = ", ".join(_arg_text(k, v) for k, v in c.args.items())
    arrays = [
        f"{k} of shape {v.shape} ({v.dtype})"
        for k, v in c.args.items()
        if isinstance(v, np.ndarray)
    ]
    call = f"{func_name}({inner})"
    return f"{call} with {', '.join(arrays)}" if arrays else call


def _type_name(value: Any) -> str:
    kind = type(value)
    module = kind.__module__
    return (
        kind.__name__ if module in ("builtins", None) else f"{module.split('.')[0]}.{kind.__name__}"
    )


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


# --------------------------------------------------------------------------
# Comparing a returned value with the expected one
# --------------------------------------------------------------------------
@dataclass(frozen=True)
class _Verdict:
    problem: str | None  # None: correct
    numbers_wrong: bool = False  # the numbers differ (not just the type/dtype)


def _compare_int(value: Any, expected: Any) -> _Verdict:
    if value is None:
        return _Verdict("returned None: the function has no `return` (or misses it on this path)")
    if isinstance(value, (bool, np.bool_)):
        return _Verdict(f"returned {value!r}, a bool; expected the whole number {expected}", True)
    if isinstance(value, (int, np.integer)):
        if int(value) == expected:
            return _Verdict(None)
        return _Verdict(f"returned {int(value)}, expected {expected}", True)
    if isinstance(value, (float, np.floating)):
        if float(value) == expected:
            return _Verdict(
                f"returned {float(value)!r} ({_type_name(value)}), the right number but a float; "
                "a count of windows is a whole number: return an int (`//` divides and "
                "rounds down, `int(...)` converts)"
            )
        return _Verdict(f"returned {float(value)!r}, expected {expected}", True)
    return _Verdict(
        f"returned {_short(value)} ({_type_name(value)}), expected the whole number {expected}",
        True,
    )


def _any_problem(value: Any, expected: Any, rtol: float = 1e-6, atol: float = 1e-9) -> str:
    """A wrong ``returns="any"`` value: both in full when short, else the first wrong item."""
    both_short = len(repr(value)) <= 80 and len(repr(expected)) <= 80
    if (
        not both_short
        and isinstance(value, (tuple, list))
        and isinstance(expected, (tuple, list))
        and (detail := _sequence_difference(value, expected, rtol, atol))
    ):
        joint = " at" if detail.startswith("item") else ":"
        return f"returned a {type(value).__name__} that is wrong{joint} {detail}"
    return f"returned {_short(value)}, expected {_short(expected)}"


def _first_difference(value: np.ndarray, expected: np.ndarray, rtol: float, atol: float) -> str:
    bad = ~np.isclose(
        value.astype(np.float64), expected.astype(np.float64), rtol=rtol, atol=atol, equal_nan=True
    )
    where = tuple(int(i) for i in np.argwhere(bad)[0])
    count = int(bad.sum())
    if bad.size == 1:
        return (
            f"returned an array whose only value is wrong: got {_short(value[where])}, "
            f"expected {_short(expected[where])}"
        )
    return (
        f"returned an array with {count} of {bad.size} values wrong; the first at index "
        f"{where}: got {_short(value[where])}, expected {_short(expected[where])}"
    )


SHOW_ARRAY_LIMIT = 36
"""Arrays with at most this many values are printed in a failure message."""

_MAP_LIMIT = 4
"""A 4-D array is printed as its (H, W) maps when it has at most this many (N * C);
with more it is not printed at all (the message names its first wrong value)."""

_INDENT = "    "


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
            how = (
                f", shown as the 2-D map {name}[0, :, :, 0] (N = C = 1)"
                if explain
                else f" {name}[0, :, :, 0]"
            )
            return [f"{title}{how}:", *_array_text(array[0, :, :, 0])]
        how = f", shown as 2-D maps {name}[n, :, :, c]" if explain else ""
        lines = [f"{title}{how}:"]
        for n in range(n_maps):
            for c in range(c_maps):
                lines.append(f"  {name}[{n}, :, :, {c}]:")
                lines.extend(_array_text(array[n, :, :, c]))
        return lines
    if array.ndim >= 4:  # too many maps: nested brackets would not help
        return []
    return [f"{title} (shape {array.shape}):", *_array_text(array)]


def _case_arrays(c: Case, value: Any, expected: Any, show_output: bool) -> list[str]:
    """Small array inputs of a failing case, and (when asked) the output against the expected."""
    lines: list[str] = []
    for k, v in c.args.items():
        if isinstance(v, np.ndarray) and 0 < v.size <= SHOW_ARRAY_LIMIT:
            lines += _show_array(f"Input {k}", k, v)
    if (
        show_output
        and isinstance(value, np.ndarray)
        and isinstance(expected, np.ndarray)
        and value.shape == expected.shape
        and 1 < expected.size <= SHOW_ARRAY_LIMIT  # one value: the first line says it all
    ):
        explain = not lines  # the input's title already said what a map is
        shown = _show_array("Your output", "out", value, explain)
        if shown:
            lines += shown + _show_array("Expected", "out", expected, explain=False)
    return lines


def _compare_array(
    value: Any,
    expected: np.ndarray,
    dtype_rule: str | None,
    first_array: np.ndarray | None,
    rtol: float,
    atol: float,
) -> _Verdict:
    if value is None:
        return _Verdict("returned None: the function has no `return` (or misses it on this path)")
    if not isinstance(value, np.ndarray):
        numbers = _as_numbers(value)
        right = numbers is not None and same_numbers(numbers, expected, rtol, atol)
        detail = " (its numbers are right)" if right else ""
        if isinstance(value, (list, tuple)):
            return _Verdict(
                f"returned a {type(value).__name__}, not a NumPy array{detail}: build the "
                "result as an array, e.g. with np.zeros(shape) or np.array(...)",
                not right,
            )
        return _Verdict(
            f"returned {_short(value)} ({_type_name(value)}), expected a NumPy array "
            f"of shape {expected.shape}",
            True,
        )
    if value.shape != expected.shape:
        return _Verdict(
            f"returned an array of shape {value.shape}, expected shape {expected.shape}", True
        )
    if value.dtype.kind not in "biuf":
        return _Verdict(
            f"returned an array of dtype {value.dtype}, expected numbers ({expected.dtype})", True
        )
    value_nan = np.isnan(value) if value.dtype.kind == "f" else np.zeros(value.shape, bool)
    expected_nan = (
        np.isnan(expected) if expected.dtype.kind == "f" else np.zeros(expected.shape, bool)
    )
    stray = value_nan & ~expected_nan
    if stray.any():
        where = tuple(int(i) for i in np.argwhere(stray)[0])
        return _Verdict(
            f"returned NaN at {int(stray.sum())} position(s), first at index {where}, where "
            f"{_short(expected[where])} was expected (an output cell left unfilled, or 0/0?)",
            True,
        )
    if not np.allclose(
        value.astype(np.float64), expected.astype(np.float64), rtol=rtol, atol=atol, equal_nan=True
    ):
        return _Verdict(_first_difference(value, expected, rtol, atol), True)
    if dtype_rule == "same" and first_array is not None and value.dtype != first_array.dtype:
        return _Verdict(
            f"returned the right numbers with dtype {value.dtype}, but the input's dtype is "
            f"{first_array.dtype}: this pooling picks existing values, so keep the input's "
            "dtype (e.g. np.zeros(shape, dtype=x.dtype))"
        )
    if dtype_rule == "float" and value.dtype.kind != "f":
        return _Verdict(f"returned dtype {value.dtype}; expected floats", True)
    return _Verdict(None)


# --------------------------------------------------------------------------
# Function exercises
# --------------------------------------------------------------------------
def _not_attempted(ex_id: str, title: str, points: float, how: str) -> CheckResult:
    return CheckResult(ex_id, title, NOT_ATTEMPTED, 0.0, points, message=how)


def _score(points: float, passed: int, total: int) -> float:
    return round(points * passed / total, 2) if total else 0.0


def _diagnose(
    misconceptions: Sequence[Misconception],
    cases: Sequence[Case],
    learner_values: dict[int, Any],
    wrong_cases: list[int],
    same: Callable[[Any, Any], bool],
) -> Misconception | None:
    """The misconception whose wrong implementation is a full model of the learner's answer.

    A misconception is attached only when its outputs equal the learner's on
    *every* case where both can be compared (the learner's function returned and
    the wrong implementation did not raise), passing cases included, and on
    every case whose numbers were wrong. Matching on the failing cases alone is
    not enough: a different mistake can coincide with a misconception there
    (e.g. on the one case where it fails) and would get a false explanation.
    Among several full models, the one compared on the most cases wins (then
    the first listed). No full model: no diagnosis.
    """
    if not wrong_cases:
        return None
    best, best_compared = None, -1
    for m in misconceptions:
        compared = 0
        for i, value in learner_values.items():
            args = tuple(runner.fresh_copy(v) for v in cases[i].args.values())
            try:
                output = m.wrong(*args)
            except Exception:
                output = None
            if output is None:  # not comparable here: allowed, unless this case failed
                if i in wrong_cases:
                    break
                continue
            if not same(value, output):
                break
            compared += 1
        else:
            if compared > best_compared:
                best, best_compared = m, compared
    return best


def function_exercise(
    id: str,
    title: str,
    *,
    name: str,
    reference: Callable[..., Any],
    cases: Callable[[], Sequence[Case]],
    returns: str = "array",
    dtype: str | None = None,
    misconceptions: Sequence[Misconception] = (),
    hints: Sequence[str] = (),
    proves: str = "",
    task: str = "",
    points: float = 1,
    rtol: float = 1e-6,
    atol: float = 1e-9,
) -> Exercise:
    """Register an exercise in which the learner writes a function.

    Parameters
    ----------
    id, title : str
        ``"3.1"`` and a few words.
    name : str
        The function's name in the task (``"max_pool"``), used in messages.
    reference : callable
        Computes the expected output from the same arguments. Bind it from
        :mod:`course_lib.lessons.references`, never ``course_lib.pooling.<f>``
        looked up at call time.
    cases : callable returning a list of :class:`Case`
        Called at check time (so building arrays costs nothing at import). Use a
        fixed seed. Put the simplest case (the article's example) first: the
        first failing case is the one explained.
    returns : "int", "array" or "any"
        What the learner must return. "int": a whole number (a float is
        refused with a clear message). "array": a NumPy array, compared with
        ``rtol``/``atol``. "any": compared like a value exercise's answer
        (numbers with tolerance, tuples and lists element by element, strings
        ignoring case).
    dtype : None, "same" or "float"
        For arrays: "same" requires the first array argument's dtype (max
        pooling), "float" requires a float dtype (averages).
    misconceptions : list of :class:`Misconception`
        Wrong implementations with the learner's signature.
    hints : list of str
        Graded hints, vaguest first; none may give the solution away.
    proves : str
        What passing shows, printed with the success line.
    task : str
        The signature as the learner sees it (shown by ``progress()``).
    """
    misconceptions = tuple(misconceptions)
    names = [m.name for m in misconceptions]
    if len(set(names)) != len(names):
        raise ValueError(f"exercise {id}: misconception names must be unique, got {names}")

    def grade(answer: Any, timeout: float | None = runner.DEFAULT_TIMEOUT) -> CheckResult:
        if answer is Ellipsis:
            return _not_attempted(
                id, title, points, f"Write `{name}` in the cell above, then run this cell again."
            )
        if not callable(answer) or inspect.isclass(answer):
            return CheckResult(
                id,
                title,
                FAILED,
                0.0,
                points,
                message=(
                    f'check("{id}", ...) expects your function itself, e.g. check("{id}", {name}) '
                    f"(no parentheses after the name); got {_short(answer)} ({_type_name(answer)})."
                ),
            )
        all_cases = list(cases())
        # Expected values first, on copies, before any learner code runs.
        expected = [reference(*(runner.fresh_copy(v) for v in c.args.values())) for c in all_cases]
        deadline = None if timeout is None else time.monotonic() + timeout
        problems: dict[int, str] = {}
        learner_values: dict[int, Any] = {}
        wrong_cases: list[int] = []
        stopped_at = None
        for i, c in enumerate(all_cases):
            given = [runner.fresh_copy(v) for v in c.args.values()]
            remaining = None if deadline is None else max(deadline - time.monotonic(), 0.001)
            outcome = runner.call(answer, tuple(given), remaining, timeout)
            if outcome.kind == "not_implemented" and i == 0:
                return _not_attempted(
                    id,
                    title,
                    points,
                    f"`{name}` still raises NotImplementedError: replace that line with your "
                    "code, then run this cell again.",
                )
            if not outcome.ok:
                problems[i] = outcome.problem or "failed"
                if outcome.kind == "timeout":
                    stopped_at = i
                    break
                continue
            learner_values[i] = outcome.value
            changed = [
                k
                for (k, before), after in zip(c.args.items(), given, strict=True)
                if isinstance(before, np.ndarray) and not runner.same_input(before, after)
            ]
            if returns == "int":
                verdict = _compare_int(outcome.value, expected[i])
            elif returns == "array":
                # c.args is never handed to learner code (it gets copies): still pristine.
                first = next((v for v in c.args.values() if isinstance(v, np.ndarray)), None)
                verdict = _compare_array(
                    outcome.value, np.asarray(expected[i]), dtype, first, rtol, atol
                )
            else:
                ok = _values_equal(outcome.value, expected[i], rtol, atol)
                verdict = _Verdict(None if ok else _any_problem(outcome.value, expected[i]), not ok)
            if verdict.numbers_wrong:
                wrong_cases.append(i)
            if changed:
                problems[i] = (
                    f"changed its input {', '.join(changed)} (pooling must never modify its "
                    "input: write into a new array, or work on x.copy())"
                )
            elif verdict.problem:
                problems[i] = verdict.problem
        total = len(all_cases)
        passed = total - len(problems) - (total - stopped_at - 1 if stopped_at is not None else 0)
        if not problems:
            return CheckResult(
                id, title, PASSED, float(points), points, passed, total, message=proves
            )
        first = min(problems)
        label = f" ({all_cases[first].label})" if all_cases[first].label else ""
        lines = [
            f"Case {first + 1} of {total}{label}: {_call_text(name, all_cases[first])} "
            f"{problems[first]}.",
            *_case_arrays(
                all_cases[first],
                learner_values.get(first),
                np.asarray(expected[first]) if returns == "array" else None,
                show_output=returns == "array" and first in wrong_cases,
            ),
        ]
        others = len(problems) - 1
        if stopped_at is not None and stopped_at != first:
            lines.append(
                f"Case {stopped_at + 1} was {problems[stopped_at]}; the cases after it "
                "were not run."
            )
        elif stopped_at is not None:
            lines.append("The cases after it were not run.")
        elif others:
            lines.append(f"{others} other case{'s' if others > 1 else ''} failed too.")
        if returns == "any":
            same = lambda a, b: _values_equal(a, b, rtol, atol)  # noqa: E731
        else:
            same = lambda a, b: same_numbers(a, b, rtol, atol)  # noqa: E731
        match = _diagnose(misconceptions, all_cases, learner_values, wrong_cases, same)
        return CheckResult(
            id,
            title,
            FAILED,
            _score(points, passed, total),
            points,
            passed,
            total,
            message="\n".join(lines),
            diagnosis=match.name if match else None,
            explanation=match.explanation if match else None,
        )

    return register(
        Exercise(
            id,
            title,
            "function",
            points,
            tuple(hints),
            misconceptions,
            proves,
            task or f"{name}(...)",
            grade,
            _caller_module(),
            reference,
        )
    )


def _caller_module() -> str:
    frame = inspect.currentframe()
    try:
        return (
            frame.f_back.f_back.f_globals.get("__name__", "")
            if frame and frame.f_back and frame.f_back.f_back
            else ""
        )
    finally:
        del frame


# --------------------------------------------------------------------------
# Value exercises
# --------------------------------------------------------------------------
def _values_equal(value: Any, expected: Any, rtol: float, atol: float) -> bool:
    if isinstance(expected, str):
        return isinstance(value, str) and value.strip().lower() == expected.strip().lower()
    if isinstance(expected, (tuple, list)) and not isinstance(value, np.ndarray):
        return (
            isinstance(value, (tuple, list))
            and len(value) == len(expected)
            and all(_values_equal(v, e, rtol, atol) for v, e in zip(value, expected, strict=True))
        )
    if isinstance(expected, (bool, np.bool_)):
        return isinstance(value, (bool, np.bool_)) and bool(value) == bool(expected)
    return same_numbers(value, expected, rtol, atol)


_ECHO_LIMIT = 60
"""Longest answer (in characters) echoed whole in a message; longer ones are described."""


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(
        value, (bool, np.bool_)
    )


def _sequence_word(expected: tuple | list) -> str:
    return "a tuple like (…,)" if isinstance(expected, tuple) else "a list like […]"


def _not_a_sequence(value: Any, expected: tuple | list) -> str:
    """Why a scalar (or other non-sequence) is not the expected tuple or list."""
    kind = type(expected).__name__
    if _is_number(value) and len(expected) == 1:
        text = f"expected {_sequence_word(expected)}, got the {_type_name(value)} {_short(value)}"
        if same_numbers(value, expected[0]):
            text += f" (the number is right: write it with its comma, ({_short(value)},))"
        return text
    return (
        f"expected a {kind} of {len(expected)} item{'s' if len(expected) != 1 else ''}, "
        f"got {_short(value)} ({_type_name(value)})"
    )


def _sequence_difference(
    value: tuple | list,
    expected: tuple | list,
    rtol: float,
    atol: float,
    item_names: Sequence[str] = (),
) -> str | None:
    """Where a tuple/list answer first differs from the expected one, in a few words.

    Only the first wrong item is shown with its expected value: enough to see
    the mistake, without printing the whole solution. ``item_names[k]`` (when
    given) names item k, e.g. the layer whose output shape it is.
    """
    if len(value) != len(expected):
        return f"it has {len(value)} item{'s' if len(value) != 1 else ''}, expected {len(expected)}"
    for k, (given, right) in enumerate(zip(value, expected, strict=True)):
        if _values_equal(given, right, rtol, atol):
            continue
        where = f"item {k + 1} of {len(expected)}"
        if k < len(item_names):
            where += f", {item_names[k]}"
        if isinstance(right, (tuple, list)) and not isinstance(given, (tuple, list, np.ndarray)):
            return f"{where}: {_not_a_sequence(given, right)}"
        return f"{where}: you gave {_short(given)}, expected {_short(right)}"
    return None


def _value_message(
    answer: Any, target: Any, rtol: float, atol: float, item_names: Sequence[str] = ()
) -> str:
    """What is wrong with a value answer: the answer, and for a sequence the first wrong item."""
    if answer is None:
        return "Your answer is None; put the value itself after the `=`."
    if isinstance(target, (tuple, list)):
        if not isinstance(answer, (tuple, list, np.ndarray)):
            return f"Your answer is not right: {_not_a_sequence(answer, target)}."
        if isinstance(answer, (tuple, list)):
            detail = _sequence_difference(answer, target, rtol, atol, item_names)
            if detail:
                echo = repr(answer)
                shown = f" {echo}" if len(echo) <= _ECHO_LIMIT else ""
                joint = " at" if detail.startswith("item") else ":"
                return f"Your answer{shown} is not right{joint} {detail}."
    return f"Your answer {_short(answer)} is not right."


def value_exercise(
    id: str,
    title: str,
    *,
    expected: Any,
    misconceptions: Sequence[Misconception] = (),
    hints: Sequence[str] = (),
    proves: str = "",
    task: str = "",
    points: float = 1,
    rtol: float = 1e-6,
    atol: float = 1e-9,
    item_names: Sequence[str] = (),
) -> Exercise:
    """Register an exercise whose answer is one value (a number, shape, string...).

    ``expected`` is the value, or a function of no arguments that computes it
    at check time (e.g. with :mod:`course_lib.lessons.references`). Numbers are
    compared with ``rtol``/``atol``; tuples and lists element by element (a shape
    may be given as a tuple or a list); strings ignoring case and surrounding
    spaces. Each misconception's ``wrong`` is a wrong value (or a function of
    no arguments returning it). The placeholder ``...`` means "not attempted".
    A wrong tuple or list answer is told its first wrong item; ``item_names``
    (e.g. the layers whose output shapes the answer lists) names that item.
    """
    misconceptions = tuple(misconceptions)
    item_names = tuple(item_names)

    def grade(answer: Any, timeout: float | None = None) -> CheckResult:
        if answer is Ellipsis:
            return _not_attempted(
                id,
                title,
                points,
                "Replace the `...` in the cell above with your answer, then run this cell again.",
            )
        target = expected() if callable(expected) else expected
        if _values_equal(answer, target, rtol, atol):
            return CheckResult(id, title, PASSED, float(points), points, 1, 1, message=proves)
        message = _value_message(answer, target, rtol, atol, item_names)
        for m in misconceptions:
            wrong = m.wrong() if callable(m.wrong) else m.wrong
            if _values_equal(answer, wrong, rtol, atol):
                return CheckResult(
                    id, title, FAILED, 0.0, points, 0, 1, message, m.name, m.explanation
                )
        return CheckResult(id, title, FAILED, 0.0, points, 0, 1, message)

    return register(
        Exercise(
            id,
            title,
            "value",
            points,
            tuple(hints),
            misconceptions,
            proves,
            task or "a value",
            grade,
            _caller_module(),
            expected,
        )
    )


# --------------------------------------------------------------------------
# Multiple-choice exercises
# --------------------------------------------------------------------------
def choice_exercise(
    id: str,
    title: str,
    *,
    options: dict[str, str],
    answer: str,
    explanations: dict[str, str],
    hints: Sequence[str] = (),
    proves: str = "",
    points: float = 1,
) -> Exercise:
    """Register a multiple-choice exercise with an explanation for every option.

    ``options`` maps a letter to its text (``{"a": "...", "b": "..."}``);
    ``answer`` is the right letter; ``explanations`` says, for **every**
    option, why it is right or wrong. The learner answers with the letter
    (any case). A wrong pick is reported as the diagnosis ``"option_b"`` with
    that option's explanation.
    """
    letters = [k.lower() for k in options]
    if answer.lower() not in letters:
        raise ValueError(f"exercise {id}: answer {answer!r} is not one of the options {letters}")
    missing = set(letters) - {k.lower() for k in explanations}
    if missing:
        raise ValueError(f"exercise {id}: options without an explanation: {sorted(missing)}")
    explain = {k.lower(): v for k, v in explanations.items()}
    misconceptions = tuple(
        Misconception(f"option_{k}", explain[k], k) for k in letters if k != answer.lower()
    )
    listing = "; ".join(f"{k}) {v}" for k, v in options.items())

    def grade(given: Any, timeout: float | None = None) -> CheckResult:
        if given is Ellipsis:
            return _not_attempted(
                id,
                title,
                points,
                'Replace the `...` with the letter of your choice, e.g. "a", then run this '
                "cell again.",
            )
        pick = given.strip().lower() if isinstance(given, str) else None
        if pick not in letters:
            return CheckResult(
                id,
                title,
                FAILED,
                0.0,
                points,
                0,
                1,
                message=(
                    "Answer with the letter of one option, as a string: "
                    f"{', '.join(repr(k) for k in letters)}; got {_short(given)}."
                ),
            )
        if pick == answer.lower():
            text = f"{explain[pick]} {proves}".strip()
            return CheckResult(id, title, PASSED, float(points), points, 1, 1, message=text)
        return CheckResult(
            id,
            title,
            FAILED,
            0.0,
            points,
            0,
            1,
            message=f"Option {pick} is not the right one.",
            diagnosis=f"option_{pick}",
            explanation=explain[pick],
        )

    return register(
        Exercise(
            id,
            title,
            "choice",
            points,
            tuple(hints),
            misconceptions,
            proves,
            listing,
            grade,
            _caller_module(),
            answer,
        )
    )
