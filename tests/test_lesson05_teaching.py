"""Lesson 5's exercises need the learner's own step: no function the lessons define passes
a function exercise, 5.4 detects an answer that does not call the pooling it is given, and
5.3's slips are diagnosed without showing the answer (issue #10)."""

from __future__ import annotations

import ast
import types
from pathlib import Path

import numpy as np
import pytest
from answer_leaks import assert_diagnosed_without_answer

from course_lib import check
from course_lib.checks.registry import all_exercises, get_exercise

ROOT = Path(__file__).resolve().parents[1]
LESSONS = sorted(ROOT.glob("notebooks/0[5-7]_*.py"))
FUNCTION_EXERCISES = [ex.id for ex in all_exercises() if ex.kind == "function"]


@pytest.fixture(autouse=True)
def _private_progress(tmp_path, monkeypatch):
    monkeypatch.setenv("POOLING_COURSE_PROGRESS", str(tmp_path / "progress.json"))


def lesson_functions(path: Path) -> list[types.FunctionType]:
    """The top-level functions a lesson defines, executed with NumPy at hand."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    defs = [node for node in tree.body if isinstance(node, ast.FunctionDef)]
    namespace: dict = {"np": np}
    exec(compile(ast.Module(defs, type_ignores=[]), str(path), "exec"), namespace)
    return [namespace[d.name] for d in defs]


HARVEST = [(path.name, fn) for path in LESSONS for fn in lesson_functions(path)]


def test_the_lessons_define_functions():
    assert {fn.__name__ for _, fn in HARVEST} >= {"make_gap_net", "torch_style_lp"}


@pytest.mark.parametrize("exercise_id", FUNCTION_EXERCISES)
def test_no_lesson_function_passes_an_exercise(exercise_id):
    for lesson, fn in HARVEST:
        result = check(exercise_id, fn, save=False, timeout=5)
        assert not result.passed, f"{lesson}: {fn.__name__} passes {exercise_id}"


@pytest.mark.parametrize(
    "bypass",
    [lambda pool, x: x.mean(axis=(1, 2)), lambda pool, x: x.max(axis=(1, 2))],
    ids=["mean", "max"],
)
def test_5_4_refuses_an_answer_that_does_not_call_pool(bypass):
    result = check("5.4", bypass, save=False)
    assert not result.passed
    assert result.diagnosis in ("pool_not_called", "max_computed_directly")
    assert "calling the pooling function it receives" in repr(result)


def test_5_4_passes_an_answer_that_calls_pool():
    def make_global(pool, x):
        return pool(x, x.shape[1:3])[:, 0, 0, :]

    assert check("5.4", make_global, save=False).passed


def test_the_hints_hold_no_solution_code():
    for exercise_id in ("5.1", "5.2", "5.4", "5.5"):
        for text in get_exercise(exercise_id).hints:
            assert "axis=(1, 2)" not in text and "pool_size=(" not in text, text


@pytest.mark.parametrize("name", ["flatten_forgot_channels", "one_output"])
def test_each_new_5_3_slip_is_diagnosed_without_the_answer(name):
    assert_diagnosed_without_answer("5.3", name)


def test_5_3_hints_and_messages_state_no_formula():
    exercise = get_exercise("5.3")
    texts = [*exercise.hints, *(m.explanation for m in exercise.misconceptions)]
    for text in texts:
        assert "C * classes" not in text and "n * k" not in text and "n = C" not in text, text


def test_5_5_asks_for_the_runner_up_not_the_lesson_s_predicted_class():
    def predicted_peak(features, weights, bias):  # what lesson 5 computed
        cams = features @ weights
        c = int(np.argmax(cams.mean(axis=(0, 1)) + bias))
        row, col = np.unravel_index(int(np.argmax(cams[:, :, c])), cams.shape[:2])
        return int(row), int(col)

    result = check("5.5", predicted_peak, save=False)
    assert not result.passed
    assert "runner-up" in repr(result)


def test_5_5_passes_the_runner_up_peak():
    def runner_up_peak(features, weights, bias):
        cams = features @ weights
        scores = cams.mean(axis=(0, 1)) + bias
        c = int(np.argsort(scores)[-2])
        row, col = np.unravel_index(int(np.argmax(cams[:, :, c])), cams.shape[:2])
        return int(row), int(col)

    assert check("5.5", runner_up_peak, save=False).passed


def test_5_5_hints_hold_no_code():
    for text in get_exercise("5.5").hints:
        assert "argsort" not in text and "unravel_index" not in text and "@" not in text, text
