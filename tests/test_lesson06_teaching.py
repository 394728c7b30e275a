"""Lesson 6's exercises: each typical slip of a fixed-answer exercise gets its own reason,
and the message never shows the expected value (issue #10)."""

from __future__ import annotations

from pathlib import Path

import pytest
from answer_leaks import assert_diagnosed_without_answer

from course_lib import check
from course_lib.checks.registry import get_exercise

ROOT = Path(__file__).resolve().parents[1]


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


@pytest.mark.parametrize("exercise_id", ["6.3", "6.4", "6.5"])
def test_choice_hints_point_to_a_section_not_to_the_answer(exercise_id):
    for text in get_exercise(exercise_id).hints:
        assert "section" in text, text
        for answer_words in ("max pooling", "average pooling", "blur", "[1, 2, 1]"):
            assert answer_words not in text.lower(), text


def test_6_5s_right_option_does_not_copy_the_lesson_guide():
    solution = (ROOT / "exercises" / "solutions" / "06_tradeoffs.py").read_text(encoding="utf-8")
    lesson = (ROOT / "notebooks" / "06_tradeoffs.py").read_text(encoding="utf-8")
    assert "Blur before subsampling (anti-aliased pooling), and train on shifted" not in solution
    assert "anti-aliased pooling (blur before" in lesson  # the guide the option must not copy
