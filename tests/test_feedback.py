"""Feedback that explains without giving the answer away, in a readable form.

A fixed-answer exercise (a value or a choice) never prints its expected value:
the message names the first wrong item and says the items before it are right.
Floats are rounded for reading, code is in a code font in HTML, Chinese is
marked as Chinese, and diagnoses read as words everywhere.
"""

from __future__ import annotations

import pytest
from answer_leaks import leaks

from course_lib import check
from course_lib.build.grade import ExerciseGrade, NotebookGrade, as_table
from course_lib.checks import all_exercises
from course_lib.checks.render import number, short
from course_lib.checks.result import html_text

VALUE_EXERCISES = [e for e in all_exercises() if e.kind == "value"]


def _perturbed(value):
    """Copies of ``value`` with one number changed, one per number inside it (depth first)."""
    if isinstance(value, bool):
        return
    if isinstance(value, (int, float)):
        yield value * 3 + 7
        return
    if isinstance(value, (tuple, list)):
        for k, item in enumerate(value):
            for changed in _perturbed(item):
                copy = list(value)
                copy[k] = changed
                yield type(value)(copy)


def _shown(result) -> str:
    return "\n".join([result.message, repr(result), result._repr_html_()])


@pytest.mark.parametrize("exercise", VALUE_EXERCISES, ids=[e.id for e in VALUE_EXERCISES])
def test_a_wrong_item_of_a_value_answer_is_named_but_the_right_value_never_printed(exercise):
    right = exercise.right_answer()
    wrong_answers = list(_perturbed(right))
    assert wrong_answers, f"{exercise.id}: no number to change in {right!r}"
    for answer in wrong_answers:
        result = check(exercise.id, answer, save=False)
        assert not result.passed, (exercise.id, answer)
        for text in (result.message, repr(result), result._repr_html_()):
            assert not leaks(text, answer, right), (exercise.id, answer, text)


def test_floats_in_messages_are_rounded_to_four_significant_digits():
    assert number(0.1 + 0.2) == "0.3"
    assert number(2.0) == "2.0"  # a whole float keeps its point: it may be the mistake
    assert number(1 / 3) == "0.3333" and number(123456.789) == "1.235e+05"
    assert short((0.1 + 0.2, 2)) == "(0.3, 2)" and short([1 / 3]) == "[0.3333]"
    assert short((2.5,)) == "(2.5,)"


def test_html_shows_code_in_a_code_font_and_marks_chinese():
    html = html_text("Use `pool2d(x, 2)` for 池化 <now>")
    assert "<code>pool2d(x, 2)</code>" in html and "`" not in html
    assert '<span lang="zh-Hans">池化</span>' in html and "&lt;now&gt;" in html
    result = check("2.1", lambda n, f, s: n, save=False)
    assert "`" not in result._repr_html_()


def test_grade_shows_diagnoses_in_plain_words():
    grades = [
        NotebookGrade(
            "ex02_output_size.ipynb",
            True,
            exercises=[ExerciseGrade("2.1", "failed", 0.0, 1.0, "article_rounded_down")],
        )
    ]
    table = as_table(grades)
    assert "article rounded down" in table and "article_rounded_down" not in table


def test_progress_and_grade_count_the_same_exercises(monkeypatch, tmp_path):
    from course_lib import progress
    from course_lib.build.generate import CHECK_CALL, solution_sources

    monkeypatch.setenv("POOLING_COURSE_PROGRESS", str(tmp_path / "progress.json"))
    graded = {i for s in solution_sources() for i in CHECK_CALL.findall(s.read_text())}
    counted = {r["id"] for r in progress().scored}
    assert counted == graded
    assert f"0 of {len(graded)} exercises passed" in repr(progress())


def test_calling_the_course_s_own_answer_does_not_pass(monkeypatch):
    """``from course_lib.pooling import pool2d`` solves 3.1 in one line: it is reported instead."""
    import course_lib
    from course_lib.pooling import global_pool2d, output_size, pool2d

    def max_pool(x, f, s=None):
        return pool2d(x, f, s)

    def via_package(x, f, s=None):
        return course_lib.pooling.pool2d(x, f, s)

    def size(n, f, s):
        return output_size(n, f, s)

    def global_max(x):
        return global_pool2d(x, "max")

    for exercise_id, answer in [
        ("3.1", max_pool),
        ("3.1", via_package),
        ("2.1", size),
        ("5.1", global_max),
    ]:
        result = check(exercise_id, answer, save=False)
        assert not result.passed, exercise_id
        assert "calls course_lib's" in result.message and "write it yourself" in result.message
    assert course_lib.pooling.pool2d is pool2d  # put back after the check
    assert check("3.1", max_pool, save=False).message.count("calls course_lib's") == 1


def test_an_exercise_whose_output_is_its_answer_never_shows_the_expected_output():
    import numpy as np

    from course_lib.checks import get_exercise

    right = get_exercise("4.3").solution(2)
    result = check("4.3", lambda f: np.zeros((2 * f - 1, 2 * f - 1)), save=False)
    text = _shown(result)
    assert not result.passed and "Your output" in text and "Expected" not in text
    assert "expected" not in result.message
    for value in {f"{v:g}" for v in right.ravel()} - {"0"}:
        assert value not in text, value
