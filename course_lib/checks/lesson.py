"""A lesson module's exercise builders, bound to the module that registers the exercises."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from course_lib.checks.choice import choice_exercise
from course_lib.checks.function import function_exercise
from course_lib.checks.registry import Exercise
from course_lib.checks.value import value_exercise

__all__ = ["Lesson"]


@dataclass(frozen=True)
class Lesson:
    """The exercises of one lesson module, which names itself once::

        lesson = Lesson(__name__)
        lesson.function_exercise("3.1", "Max pooling of an NHWC batch", name="max_pool", ...)

    Each method takes the arguments of the builder of the same name and registers
    the exercise as defined in ``module`` (an id registered again from another
    module is an error; from the same one, a reload, it is replaced).
    """

    module: str

    def function_exercise(self, id: str, title: str, **kwargs: Any) -> Exercise:
        """:func:`course_lib.checks.function.function_exercise`, defined in this module."""
        return function_exercise(id, title, module=self.module, **kwargs)

    def value_exercise(self, id: str, title: str, **kwargs: Any) -> Exercise:
        """:func:`course_lib.checks.value.value_exercise`, defined in this module."""
        return value_exercise(id, title, module=self.module, **kwargs)

    def choice_exercise(self, id: str, title: str, **kwargs: Any) -> Exercise:
        """:func:`course_lib.checks.choice.choice_exercise`, defined in this module."""
        return choice_exercise(id, title, module=self.module, **kwargs)
