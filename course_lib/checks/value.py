"""Value exercises: the learner computes or predicts one value (a number, shape, string...)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from course_lib.checks.compare import at_an_item, not_a_sequence, sequence_difference, values_equal
from course_lib.checks.diagnose import diagnose_value
from course_lib.checks.registry import Exercise, Misconception, register
from course_lib.checks.render import short
from course_lib.checks.result import FAILED, PASSED, CheckResult, not_attempted
from course_lib.i18n import _

__all__ = ["value_exercise"]

_ECHO_LIMIT = 60
"""Longest answer (in characters) echoed whole in a message; longer ones are described."""


def _value_message(
    answer: Any, target: Any, rtol: float, atol: float, item_names: Sequence[str] = ()
) -> str:
    """What is wrong with a value answer: the answer, and for a sequence the first wrong item.

    Never the expected value: the learner is to find it (the misconceptions say why
    a typical wrong answer is wrong).
    """
    if answer is None:
        return _("Your answer is None; put the value itself after the `=`.")
    if isinstance(target, (tuple, list)):
        if not isinstance(answer, (tuple, list, np.ndarray)):
            return _("Your answer is not right: {detail}.").format(
                detail=not_a_sequence(answer, target)
            )
        if isinstance(answer, (tuple, list)):
            detail = sequence_difference(answer, target, rtol, atol, item_names, reveal=False)
            if detail:
                echo = repr(answer)
                at = at_an_item(answer, target)
                if len(echo) > _ECHO_LIMIT:
                    template = (
                        _("Your answer is not right at {detail}.")
                        if at
                        else _("Your answer is not right: {detail}.")
                    )
                elif at:
                    template = _("Your answer {answer} is not right at {detail}.")
                else:
                    template = _("Your answer {answer} is not right: {detail}.")
                return template.format(answer=echo, detail=detail)
    return _("Your answer {answer} is not right.").format(answer=short(answer))


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
    module: str = "",
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
    ``module`` is the module that defines the exercise (see :func:`function_exercise`).
    """
    misconceptions = tuple(misconceptions)
    item_names = tuple(item_names)

    def grade(answer: Any, timeout: float | None = None) -> CheckResult:
        if answer is Ellipsis:
            how = _(
                "Replace the `...` in the cell above with your answer, then run this cell again."
            )
            return not_attempted(id, title, points, how)
        target = expected() if callable(expected) else expected
        if values_equal(answer, target, rtol, atol):
            return CheckResult(id, title, PASSED, float(points), points, 1, 1, message=_(proves))
        message = _value_message(answer, target, rtol, atol, item_names)
        match = diagnose_value(misconceptions, answer, rtol, atol)
        if match:
            return CheckResult(
                id, title, FAILED, 0.0, points, 0, 1, message, match.name, match.explanation
            )
        return CheckResult(id, title, FAILED, 0.0, points, 0, 1, message)

    return register(
        Exercise(
            id=id,
            title=title,
            kind="value",
            points=points,
            hints=tuple(hints),
            misconceptions=misconceptions,
            proves=proves,
            task=task or "a value",
            grade=grade,
            module=module,
            solution=expected,
            item_names=item_names,
        )
    )
