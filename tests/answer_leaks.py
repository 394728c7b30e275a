"""Helpers for the lesson tests: a fixed-answer exercise never shows its expected value."""

from __future__ import annotations

import re
from typing import Any

from course_lib import check
from course_lib.checks.registry import get_exercise


def _number_pattern(value: float) -> str:
    """A regex for ``value`` as a whole number in text, in the usual spellings."""
    spellings = {repr(float(value)), f"{value:.4g}", f"{value:,.4g}"}
    if float(value).is_integer():
        spellings |= {str(int(value)), f"{int(value):,}"}
    alternatives = "|".join(sorted((re.escape(s) for s in spellings), key=len, reverse=True))
    return rf"(?<![\d.,])(?:{alternatives})(?![\d]|[.,]\d)"


def _resolve(value: Any) -> Any:
    return value() if callable(value) else value


def leaks(text: str, answer: Any, expected: Any) -> list[str]:
    """The parts of ``expected`` that ``text`` shows, apart from the learner's own answer."""
    text = text.replace(repr(answer), " ").replace(str(answer), " ")
    found = []
    if isinstance(expected, (tuple, list)):
        if repr(tuple(expected)) in text or repr(list(expected)) in text:
            found.append(repr(expected))
        given = list(answer) if isinstance(answer, (tuple, list)) else []
        for item in expected:
            if item in given or (isinstance(item, tuple) and len(item) == 1 and item[0] in given):
                continue  # the learner wrote this value (maybe elsewhere, or bare): an echo
            if isinstance(item, (tuple, list)):  # a shape inside a list of shapes
                if repr(tuple(item)) in text or repr(list(item)) in text:
                    found.append(repr(item))
            elif item is not None and re.search(_number_pattern(item), text):
                found.append(repr(item))
    elif re.search(_number_pattern(expected), text):
        found.append(repr(expected))
    return found


def assert_diagnosed_without_answer(exercise_id: str, name: str) -> None:
    """Submit misconception ``name``'s wrong value: it is diagnosed as itself, and neither
    the message, the text nor the HTML of the result shows the expected value."""
    exercise = get_exercise(exercise_id)
    wrong = next(m for m in exercise.misconceptions if m.name == name)
    answer = _resolve(wrong.wrong)
    expected = _resolve(exercise.solution)
    result = check(exercise_id, answer, save=False)
    assert not result.passed
    assert result.diagnosis == name, repr(result)
    assert not leaks(result.explanation or "", answer, expected), result.explanation
    for text in (result.message, repr(result), result._repr_html_()):
        found = leaks(text, answer, expected)
        assert not found, (found, text)
