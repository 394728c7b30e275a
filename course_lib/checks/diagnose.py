"""Matching a wrong answer to a misconception: the known wrong idea that explains it.

A misconception is written as the wrong answer it produces (a wrong implementation,
or a wrong value). An answer is diagnosed only when a misconception reproduces it
exactly; otherwise the learner gets the plain message, never a guess.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from course_lib.checks import runner
from course_lib.checks.compare import values_equal
from course_lib.checks.registry import Misconception


@dataclass(frozen=True)
class Returned:
    """One case on which the learner's function returned: what it was given and returned."""

    args: Mapping[str, Any]
    value: Any
    numbers_wrong: bool


@dataclass(frozen=True)
class Raised:
    """One case on which the learner's function raised: what it was given, what it raised."""

    args: Mapping[str, Any]
    error: type[BaseException]


def _output(m: Misconception, args: Mapping[str, Any]) -> Any:
    """What the misconception's wrong implementation returns here (None if it raises)."""
    given = tuple(runner.fresh_copy(v) for v in args.values())
    try:
        return m.wrong(*given)
    except Exception:
        return None


def _compared(
    m: Misconception, returned: Sequence[Returned], same: Callable[[Any, Any], bool]
) -> int | None:
    """On how many cases ``m`` reproduces the learner's value; None if it fails to on one."""
    compared = 0
    for case in returned:
        output = _output(m, case.args)
        if output is None:  # not comparable here: allowed, unless this case failed
            if case.numbers_wrong:
                return None
            continue
        if not same(case.value, output):
            return None
        compared += 1
    return compared


def diagnose_function(
    misconceptions: Sequence[Misconception],
    returned: Sequence[Returned],
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
    if not any(case.numbers_wrong for case in returned):
        return None
    best, best_compared = None, -1
    for m in misconceptions:
        compared = _compared(m, returned, same)
        if compared is not None and compared > best_compared:
            best, best_compared = m, compared
    return best


def _raises(m: Misconception, args: Mapping[str, Any]) -> bool:
    """Whether the misconception's wrong implementation raises ``m.raises`` here."""
    given = tuple(runner.fresh_copy(v) for v in args.values())
    try:
        m.wrong(*given)
    except Exception as error:
        return m.raises is not None and isinstance(error, m.raises)
    return False


def diagnose_raised(
    misconceptions: Sequence[Misconception],
    returned: Sequence[Returned],
    raised: Sequence[Raised],
    same: Callable[[Any, Any], bool],
) -> Misconception | None:
    """The misconception whose wrong implementation fails as the learner's answer fails.

    For a wrong idea that makes the code raise (an integer array padded with
    ``-inf``): matched when the learner's function raised the misconception's
    ``raises`` on every case where it raised, the wrong implementation raises it
    on exactly those cases, and returns what the learner returned on the others.
    """
    if not raised:
        return None
    for m in misconceptions:
        if m.raises is None:
            continue
        if not all(issubclass(r.error, m.raises) and _raises(m, r.args) for r in raised):
            continue
        if all(
            (output := _output(m, case.args)) is not None and same(case.value, output)
            for case in returned
        ):
            return m
    return None


def diagnose_value(
    misconceptions: Sequence[Misconception], answer: Any, rtol: float, atol: float
) -> Misconception | None:
    """The first misconception whose wrong value (or function computing it) is ``answer``."""
    for m in misconceptions:
        wrong = m.wrong() if callable(m.wrong) else m.wrong
        if values_equal(answer, wrong, rtol, atol):
            return m
    return None
