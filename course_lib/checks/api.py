"""The learner-facing calls: ``check`` and ``hint``."""

from __future__ import annotations

from typing import Any

from course_lib import saved_progress as _progress
from course_lib.checks import runner
from course_lib.checks.registry import get_exercise
from course_lib.checks.result import FAILED, CheckResult

_HINTS_SHOWN: dict[str, int] = {}


def check(
    exercise_id: str,
    answer: Any,
    *,
    timeout: float | None = runner.DEFAULT_TIMEOUT,
    save: bool = True,
) -> CheckResult:
    """Check an answer to an exercise and show what it got right or wrong.

    Parameters
    ----------
    exercise_id : str
        The exercise, e.g. ``"2.1"``.
    answer : function or value
        Your function itself (``check("3.1", max_pool)``, no parentheses) or
        your value, as the exercise asks.
    timeout : float or None
        Seconds your code may run in total before it is stopped (POSIX only).
    save : bool
        Record the result in your progress file (see :mod:`course_lib.progress`).

    Returns
    -------
    CheckResult
        Shows as a short report; ``.passed``, ``.score``, ``.diagnosis`` in code.
    """
    exercise = get_exercise(exercise_id)
    try:
        result = exercise.grade(answer, timeout)
    except Exception as error:  # a bug in the checker: say so, without a traceback
        result = CheckResult(
            exercise.id,
            exercise.title,
            FAILED,
            0.0,
            exercise.points,
            message=(
                f"The checker itself failed on this answer ({type(error).__name__}: {error}). "
                "This is a bug in the course, not in your answer: please report it."
            ),
        )
    if save:
        note = _progress.record(result)
        if note:
            result = result.with_notes(note)
    return result


class Hint:
    """One hint, shown as text or HTML (deterministic, so notebooks can store it)."""

    def __init__(self, exercise_id: str, number: int, total: int, text: str):
        self.exercise_id, self.number, self.total, self.text = exercise_id, number, total, text

    def __repr__(self) -> str:
        if self.total == 0:
            return f"No hints for {self.exercise_id}: re-read the task and the lesson."
        more = (
            f' Run hint("{self.exercise_id}") again for the next one.'
            if self.number < self.total
            else " That was the last hint."
        )
        return f"Hint {self.number} of {self.total} for {self.exercise_id}: {self.text}{more}"

    def _repr_html_(self) -> str:
        import html

        style = "border-left:4px solid #9a6700;padding:0.3em 0.8em"
        return f"<div style='{style}'>{html.escape(repr(self))}</div>"


def hint(exercise_id: str, number: int | None = None) -> Hint:
    """The next hint for an exercise (or hint ``number``, counting from 1).

    Hints go from a nudge to a near-complete plan; none prints the solution.
    """
    exercise = get_exercise(exercise_id)
    total = len(exercise.hints)
    if total == 0:
        return Hint(exercise.id, 0, 0, "")
    if number is None:
        number = min(_HINTS_SHOWN.get(exercise.id, 0) + 1, total)
    number = max(1, min(int(number), total))
    _HINTS_SHOWN[exercise.id] = max(_HINTS_SHOWN.get(exercise.id, 0), number)
    return Hint(exercise.id, number, total, exercise.hints[number - 1])
