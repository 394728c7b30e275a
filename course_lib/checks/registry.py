"""The registry of exercises: every exercise the course can check, by id.

Exercise ids are ``"lesson.number"`` strings (``"2.1"``, ``"6.3"``). Each lesson
defines its exercises in its own module ``course_lib/lessons/lessonNN.py``;
importing :mod:`course_lib.lessons` imports every such module, which registers its
exercises (naming itself with ``Lesson(__name__)``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from course_lib.checks.result import CheckResult
from course_lib.i18n import _


@dataclass(frozen=True)
class Misconception:
    """A named wrong idea, written as the wrong answer it produces.

    Parameters
    ----------
    name : str
        Short snake_case name, shown as the diagnosis (``"article_unrounded"``).
    explanation : str
        What the learner believes, why it is wrong, and what to do instead.
        Shown to the learner when their answer matches.
    wrong : callable or value
        For a function exercise: a wrong implementation with the learner's
        signature. For a value exercise: the wrong value (or a function of no
        arguments computing it).
    raises : exception type or None
        For a function exercise whose wrong idea makes the code fail: the exception
        ``wrong`` raises (on the cases where it does). The learner's answer gets this
        diagnosis when it raises that exception on exactly those cases and returns
        what ``wrong`` returns on the others: a full model, as for returned values.
    """

    name: str
    explanation: str
    wrong: Any = field(repr=False)
    raises: type[BaseException] | None = None


@dataclass(frozen=True)
class Exercise:
    """One checkable exercise (built by ``function_exercise`` and friends).

    Its texts (``title``, ``proves``, ``hints``, the misconceptions' explanations, the
    case labels, ``item_names``, ``explanations``) are English data, translated where
    they are shown; ``pooling-course messages`` walks these fields to put every one of
    them in the translators' catalogue, so a text shown to the learner belongs here.
    """

    id: str
    title: str
    kind: str  # "function", "value" or "choice"
    points: float
    hints: tuple[str, ...]
    misconceptions: tuple[Misconception, ...]
    proves: str
    task: str
    grade: Callable[[Any, float | None], CheckResult] = field(repr=False, compare=False)
    module: str = ""
    """The module that defined it (``""``: none named, e.g. a test's scratch exercise)."""
    solution: Any = field(default=None, repr=False, compare=False)
    """A right answer: the reference function, the expected value (or the function
    of no arguments computing it), or the right letter. For tests and benchmarks."""
    cases: Callable[[], Sequence[Any]] | None = field(default=None, repr=False, compare=False)
    """A function exercise's test cases (their labels are shown in failure messages)."""
    item_names: tuple[str, ...] = ()
    """A value exercise's names of the items of its tuple or list answer."""
    explanations: Mapping[str, str] = field(default_factory=dict, repr=False, compare=False)
    """A choice exercise's explanation of each option, by letter (the right one's is shown
    when it passes, the others as misconceptions)."""

    def right_answer(self) -> Any:
        """An answer that passes ``check`` (a value exercise's expected is computed)."""
        if self.kind == "value" and callable(self.solution):
            return self.solution()
        return self.solution

    @property
    def lesson(self) -> int:
        """The lesson number: the part of the id before the dot."""
        return int(self.id.split(".")[0])


_EXERCISES: dict[str, Exercise] = {}


def id_key(exercise_id: str) -> tuple:
    """Sort key putting "2.10" after "2.9"."""
    return tuple(int(p) if p.isdigit() else p for p in exercise_id.split("."))


def register(exercise: Exercise) -> Exercise:
    """Add ``exercise``; re-registering from the same module (a reload) replaces it."""
    parts = exercise.id.split(".")
    if len(parts) != 2 or not all(p.isdigit() for p in parts):
        raise ValueError(
            f"exercise id must look like 'lesson.number', e.g. '2.1', got {exercise.id!r}"
        )
    old = _EXERCISES.get(exercise.id)
    if old is not None and old.module != exercise.module:
        raise ValueError(
            f"exercise {exercise.id} is defined twice: in {old.module} and {exercise.module}"
        )
    _EXERCISES[exercise.id] = exercise
    return exercise


def get_exercise(exercise_id: str) -> Exercise:
    """The registered exercise with this id, or a ``KeyError`` that lists the known ids."""
    key = str(exercise_id).strip()
    if key not in _EXERCISES:
        known = ", ".join(e.id for e in all_exercises())
        raise KeyError(
            _("no exercise {id}; the exercises are: {known}").format(id=repr(key), known=known)
        )
    return _EXERCISES[key]


def all_exercises() -> list[Exercise]:
    """Every registered exercise, in id order."""
    return sorted(_EXERCISES.values(), key=lambda e: id_key(e.id))
