"""Multiple-choice exercises: the learner picks one option; every option has an explanation."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from course_lib.checks.registry import Exercise, Misconception, register
from course_lib.checks.render import short
from course_lib.checks.result import FAILED, PASSED, CheckResult, not_attempted
from course_lib.i18n import _, join

__all__ = ["choice_exercise"]


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
    module: str = "",
) -> Exercise:
    """Register a multiple-choice exercise with an explanation for every option.

    ``options`` maps a letter to its text (``{"a": "...", "b": "..."}``);
    ``answer`` is the right letter; ``explanations`` says, for **every**
    option, why it is right or wrong. The learner answers with the letter
    (any case). A wrong pick is reported as the diagnosis ``"option_b"`` with
    that option's explanation. ``module`` is the module that defines the
    exercise (see :func:`function_exercise`).
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
            how = _(
                'Replace the `...` with the letter of your choice, e.g. "a", then run this '
                "cell again."
            )
            return not_attempted(id, title, points, how)
        pick = given.strip().lower() if isinstance(given, str) else None
        if pick not in letters:
            message = _(
                "Answer with the letter of one option, as a string: {letters}; got {answer}."
            ).format(letters=join(repr(k) for k in letters), answer=short(given))
            return CheckResult(id, title, FAILED, 0.0, points, 0, 1, message=message)
        if pick == answer.lower():
            # Translators: two sentences in a row (Chinese needs no space between them).
            text = _("{explanation} {proves}").format(
                explanation=_(explain[pick]), proves=_(proves)
            )
            text = text.strip()
            return CheckResult(id, title, PASSED, float(points), points, 1, 1, message=text)
        return CheckResult(
            id,
            title,
            FAILED,
            0.0,
            points,
            0,
            1,
            message=_("Option {letter} is not the right one.").format(letter=pick),
            diagnosis=f"option_{pick}",
            explanation=explain[pick],
        )

    return register(
        Exercise(
            id=id,
            title=title,
            kind="choice",
            points=points,
            hints=tuple(hints),
            misconceptions=misconceptions,
            proves=proves,
            task=listing,
            grade=grade,
            module=module,
            solution=answer,
            explanations=explain,
        )
    )
