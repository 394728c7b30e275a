"""The grading engine: exercise kinds, the registry, safe calls and results.

It knows nothing of the course's lessons (``course_lib.lessons`` registers them)
nor of where progress is saved (``course_lib.store``); it imports nothing from
``course_lib`` outside this package. Pure NumPy: never Keras, JAX or matplotlib.
``exercises/AUTHORING.md`` explains how to add an exercise.
"""

from __future__ import annotations

from course_lib.checks.kinds import (
    Case,
    case,
    choice_exercise,
    function_exercise,
    same_numbers,
    value_exercise,
)
from course_lib.checks.registry import Exercise, Misconception, all_exercises, get_exercise
from course_lib.checks.result import CheckResult

__all__ = [
    "Case",
    "CheckResult",
    "Exercise",
    "Misconception",
    "all_exercises",
    "case",
    "choice_exercise",
    "function_exercise",
    "get_exercise",
    "same_numbers",
    "value_exercise",
]
