"""The course's exercises: one module per lesson, registering its checkers on import.

Importing this package imports every ``lessonNN`` module (pure NumPy, cheap),
so that after ``import course_lib.lessons`` every exercise is in
:mod:`course_lib.checks.registry`. :mod:`references` binds the oracle first.
"""

from __future__ import annotations

from course_lib.lessons import (  # noqa: F401  (each registers its exercises)
    lesson00,
    lesson01,
    lesson02,
    lesson03,
    lesson04,
    lesson05,
    lesson06,
    lesson07,
    references,
)
