"""Lesson 1's value exercises teach without giving the answer away.

Every misconception of 1.1 and 1.2 is diagnosed as itself, and neither its explanation nor
the message and HTML of the result state a right value the learner got wrong.
"""

from __future__ import annotations

import pytest
from answer_leaks import assert_diagnosed_without_answer

from course_lib.checks import get_exercise

VALUE_EXERCISES = ("1.1", "1.2")


@pytest.fixture(autouse=True)
def _private_progress(tmp_path, monkeypatch):
    monkeypatch.setenv("POOLING_COURSE_PROGRESS", str(tmp_path / "progress.json"))


def _value(wrong):
    return wrong() if callable(wrong) else wrong


CASES = [(ex_id, m) for ex_id in VALUE_EXERCISES for m in get_exercise(ex_id).misconceptions]


@pytest.mark.parametrize(("ex_id", "misconception"), CASES, ids=[f"{e}-{m.name}" for e, m in CASES])
def test_a_slip_is_diagnosed_without_the_right_value(ex_id, misconception):
    assert_diagnosed_without_answer(ex_id, misconception.name)


def test_exercise_1_1_needs_no_stride_other_than_the_pool_size():
    """Item 4 used to set strides=1, which lesson 1 does not teach: every item now uses the
    default stride, and the answer is n // f per axis."""
    from course_lib.lessons.lesson01 import SHAPE_TASKS

    expected = get_exercise("1.1").solution()
    for (shape, f), out in zip(SHAPE_TASKS, expected, strict=True):
        *lead, h, w, c = shape
        assert out == (*lead, h // f, w // f, c)
