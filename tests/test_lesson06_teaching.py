"""Lesson 6's exercises: each typical slip of a fixed-answer exercise gets its own reason,
and the message never shows the expected value (issue #10)."""

from __future__ import annotations

import pytest
from answer_leaks import assert_diagnosed_without_answer

from course_lib import check
from course_lib.checks.registry import get_exercise


@pytest.fixture(autouse=True)
def _private_progress(tmp_path, monkeypatch):
    monkeypatch.setenv("POOLING_COURSE_PROGRESS", str(tmp_path / "progress.json"))


NEW_MISCONCEPTIONS = {
    "6.1": ["percent_not_fraction", "share_changed"],
    "6.2": [
        "megabytes_not_mebibytes",
        "bytes_not_mib",
        "kib_not_mib",
        "values_not_bytes",
        "share_not_size",
        "percent_not_size",
    ],
}
CASES = [(i, name) for i, names in NEW_MISCONCEPTIONS.items() for name in names]


@pytest.mark.parametrize(("exercise_id", "name"), CASES)
def test_each_new_slip_is_diagnosed_without_the_answer(exercise_id, name):
    assert_diagnosed_without_answer(exercise_id, name)


def test_6_2_says_what_shrinks():
    exercise = get_exercise("6.2")
    assert "memory a pooling layer saves" not in exercise.title.lower()
    assert "following layers" in exercise.proves


def test_6_4_compares_shares_not_counts():
    result = check("6.4", "a", save=False)
    assert "several times more pooled cells" not in repr(result)
    assert "share" in repr(result)
