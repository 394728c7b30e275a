"""Exercise checkers: ``check(id, answer)``, ``hint(id)`` and the exercise registry.

Pure NumPy: importing this package never imports Keras, JAX or matplotlib.
Exercises live in ``lessonNN.py`` modules of this package, loaded on first use;
``exercises/AUTHORING.md`` explains how to add one.
"""

from __future__ import annotations

from course_lib.checks import references
from course_lib.checks.api import Hint, check, hint
from course_lib.checks.kinds import (
    Case,
    case,
    choice_exercise,
    function_exercise,
    same_numbers,
    value_exercise,
)
from course_lib.checks.registry import (
    Exercise,
    Misconception,
    all_exercises,
    get_exercise,
    load_lessons,
)
from course_lib.checks.result import CheckResult

__all__ = [
    "Case",
    "CheckResult",
    "Exercise",
    "Hint",
    "Misconception",
    "all_exercises",
    "case",
    "check",
    "choice_exercise",
    "function_exercise",
    "get_exercise",
    "hint",
    "load_lessons",
    "references",
    "same_numbers",
    "value_exercise",
]
