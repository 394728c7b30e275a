"""The grading engine: exercise kinds, the registry, safe calls and results.

It knows nothing of the course's lessons (``course_lib.lessons`` registers them)
nor of where progress is saved (``course_lib.store``); it imports nothing from
``course_lib`` outside this package but :mod:`course_lib.i18n` (every message a
learner reads goes through its ``_()``: English templates with named placeholders,
exercise texts translated where they are shown). Pure NumPy: never Keras, JAX or matplotlib.
``exercises/AUTHORING.md`` explains how to add an exercise.

The modules, from the bottom: :mod:`result` (what a check returns), :mod:`registry`
(exercises and misconceptions by id), :mod:`runner` (calling learner code safely),
:mod:`render` (values as text), :mod:`compare` (a value against the expected one),
:mod:`diagnose` (a wrong answer against the misconceptions), the three kinds
:mod:`function`, :mod:`value` and :mod:`choice`, and :mod:`lesson` (a lesson
module's builders).
"""

from __future__ import annotations

from course_lib.checks.choice import choice_exercise
from course_lib.checks.compare import same_numbers
from course_lib.checks.function import Case, case, function_exercise
from course_lib.checks.lesson import Lesson
from course_lib.checks.registry import Exercise, Misconception, all_exercises, get_exercise
from course_lib.checks.result import CheckResult
from course_lib.checks.value import value_exercise

__all__ = [
    "Case",
    "CheckResult",
    "Exercise",
    "Lesson",
    "Misconception",
    "all_exercises",
    "case",
    "choice_exercise",
    "function_exercise",
    "get_exercise",
    "same_numbers",
    "value_exercise",
]
