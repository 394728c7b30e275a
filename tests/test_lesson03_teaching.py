"""Lesson 3's exercises teach without giving the answer away (issue #10).

The by-hand exercise 3.4 names typical slips without printing the right value, the
'same' exercise 3.5 explains -inf padding of an integer array, no hint or diagnosis of
lesson 3 holds the solution's code, and no function the lessons define passes an exercise.
"""

from __future__ import annotations

import ast
from pathlib import Path

import numpy as np
import pytest

from course_lib import check
from course_lib.checks import all_exercises, get_exercise
from course_lib.checks import get_exercise as _get_exercise
from course_lib.lessons.lesson03 import BY_HAND

ROOT = Path(__file__).resolve().parents[1]
RIGHT_3_4 = get_exercise("3.4").right_answer()
CODE_IN_HINTS = ("+=", "dout[", "/ (f * f)", "x[:,", "np.full(", "if s is None", "-np.inf)")


@pytest.fixture(autouse=True)
def _private_progress(tmp_path, monkeypatch):
    monkeypatch.setenv("POOLING_COURSE_PROGRESS", str(tmp_path / "progress.json"))


def _shown(result) -> list[str]:
    """Everything a learner can see of a result."""
    return [result.message, repr(result), result._repr_html_()]


# --------------------------------------------------------------------------
# 3.4: by hand. Every slip is diagnosed, and the right value is never printed
# --------------------------------------------------------------------------
ADDED_3_4 = ("windows_do_not_overlap", "rows_and_columns_swapped", "flat_list", "padded_to_same")


def test_the_by_hand_map_and_answer_are_the_exercise_s():
    assert BY_HAND.shape == (5, 5)
    assert np.array(RIGHT_3_4).shape == (2, 2)


@pytest.mark.parametrize("name", ADDED_3_4)
def test_each_added_slip_of_3_4_is_diagnosed_without_the_right_value(name):
    misconception = next(m for m in get_exercise("3.4").misconceptions if m.name == name)
    wrong = misconception.wrong() if callable(misconception.wrong) else misconception.wrong
    assert wrong != RIGHT_3_4
    result = check("3.4", wrong, save=False)
    assert not result.passed
    assert result.diagnosis == name
    for text in _shown(result):
        assert repr(RIGHT_3_4) not in text
        assert str(RIGHT_3_4) not in text


@pytest.mark.parametrize("misconception", get_exercise("3.4").misconceptions, ids=lambda m: m.name)
def test_no_explanation_of_3_4_states_a_right_row(misconception):
    for row in RIGHT_3_4:
        assert repr(row) not in misconception.explanation
    assert repr(RIGHT_3_4) not in misconception.explanation


def test_a_wrong_by_hand_answer_never_shows_a_right_row():
    result = check("3.4", [[6, 8], [7, 8]], save=False)
    for text in _shown(result):
        for row in RIGHT_3_4:
            assert repr(row) not in text


# --------------------------------------------------------------------------
# 3.5: -inf padding of an integer array gets a diagnosis, not a bare OverflowError
# --------------------------------------------------------------------------
def _same_pads(n: int, f: int, s: int) -> tuple[int, int]:
    out = -(-n // s)
    total = max((out - 1) * s + f - n, 0)
    return total // 2, total - total // 2


def _pool_padded(padded: np.ndarray, f: int, s: int, shape: tuple, dtype) -> np.ndarray:
    n, h, w, c = shape
    h_out, w_out = -(-h // s), -(-w // s)
    out = np.empty((n, h_out, w_out, c), dtype=dtype)
    for i in range(h_out):
        for j in range(w_out):
            out[:, i, j, :] = padded[:, i * s : i * s + f, j * s : j * s + f, :].max(axis=(1, 2))
    return out


def _minus_inf_padding(x, f, s=None):
    """The right idea, in the input's (integer) dtype: np.pad raises OverflowError."""
    s = f if s is None else s
    pads = ((0, 0), _same_pads(x.shape[1], f, s), _same_pads(x.shape[2], f, s), (0, 0))
    padded = np.pad(x, pads, constant_values=-np.inf)
    return _pool_padded(padded, f, s, x.shape, x.dtype)


def _minus_inf_padding_in_floats(x, f, s=None):
    """The same idea on a float copy, cast back at the end: right."""
    s = f if s is None else s
    pads = ((0, 0), _same_pads(x.shape[1], f, s), _same_pads(x.shape[2], f, s), (0, 0))
    padded = np.pad(x.astype(np.float64), pads, constant_values=-np.inf)
    return _pool_padded(padded, f, s, x.shape, np.float64).astype(x.dtype)


def test_minus_inf_padding_of_an_int_array_is_explained():
    result = check("3.5", _minus_inf_padding, save=False)
    assert not result.passed
    [m] = [m for m in _get_exercise("3.5").misconceptions if m.raises is OverflowError]
    name, explanation = m.name, m.explanation
    assert result.diagnosis == name
    assert result.explanation == explanation
    assert "integer array cannot hold minus infinity" in explanation
    text = repr(result)
    assert "OverflowError" in text  # what NumPy said, with the learner's line
    assert "integer array cannot hold minus infinity" in text
    assert "Traceback" not in text and "course_lib" not in text


def test_minus_inf_padding_on_a_float_copy_passes():
    assert check("3.5", _minus_inf_padding_in_floats, save=False).passed


def test_another_exception_in_3_5_gets_no_such_diagnosis():
    def max_pool_same(x, f, s=None):
        return x[99]

    result = check("3.5", max_pool_same, save=False)
    assert result.diagnosis is None


# --------------------------------------------------------------------------
# Hints and diagnoses hold no solution code; texts about PyTorch's padding are true
# --------------------------------------------------------------------------
def _exercises(lesson: int):
    return [e for e in all_exercises() if e.lesson == lesson]


@pytest.mark.parametrize("lesson", [3, 4])
def test_no_hint_or_diagnosis_holds_solution_code(lesson):
    for exercise in _exercises(lesson):
        texts = [*exercise.hints, *(m.explanation for m in exercise.misconceptions)]
        for text in texts:
            leaked = [code for code in CODE_IN_HINTS if code in text]
            assert not leaked, f"{exercise.id}: {leaked} in {text!r}"


@pytest.mark.parametrize("exercise_id", ["3.5", "4.2"])
def test_half_window_padding_is_not_called_pytorch_s_default(exercise_id):
    m = next(m for m in get_exercise(exercise_id).misconceptions if m.name == "half_window_padding")
    assert "habit" not in m.explanation
    assert "PyTorch's default is no padding" in m.explanation
    assert "the most it allows" in m.explanation


# --------------------------------------------------------------------------
# No function that lessons 3 and 4 define passes a function exercise of theirs
# --------------------------------------------------------------------------
def _lesson_functions(stem: str) -> list:
    """The top-level functions of a lesson source, with the names its imports bind."""
    tree = ast.parse((ROOT / "notebooks" / f"{stem}.py").read_text(encoding="utf-8"))
    namespace: dict = {}
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)) and not any(
            a.name in ("jax", "jax.numpy", "matplotlib.pyplot") for a in node.names
        ):
            exec(compile(ast.Module([node], []), stem, "exec"), namespace)
    found = []
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            exec(compile(ast.Module([node], []), stem, "exec"), namespace)
            found.append(namespace[node.name])
    return found


def _stride_defaulted(fn):
    """``fn`` called with the stride left out: the window's size stands in for it."""

    def call(*args):
        try:
            return fn(*args)
        except TypeError:
            return fn(*args, args[-1])

    return call


LESSON_FUNCTIONS = [
    fn for stem in ("03_max_pooling", "04_average_pooling") for fn in _lesson_functions(stem)
]


def test_the_lessons_define_one_map_poolings():
    names = {fn.__name__ for fn in LESSON_FUNCTIONS}
    assert {"max_pool_loops", "max_pool_offsets", "avg_pool_loops", "avg_pool_offsets"} <= names


@pytest.mark.parametrize("fn", LESSON_FUNCTIONS, ids=lambda fn: fn.__name__)
def test_no_lesson_function_passes_an_exercise_of_lessons_3_and_4(fn):
    for exercise in _exercises(3) + _exercises(4):
        if exercise.kind != "function":
            continue
        for candidate in (fn, _stride_defaulted(fn)):
            assert not check(exercise.id, candidate, save=False).passed, exercise.id


# --------------------------------------------------------------------------
# 3.2: one phrase for the order; a slice without an end is explained in a hint
# --------------------------------------------------------------------------
ORDER_3_2 = "first reduce over the row offsets di (giving column maxima)"


def test_3_2_names_its_order_in_one_phrase():
    exercise = get_exercise("3.2")
    assert ORDER_3_2 in exercise.task
    assert "column maxima" in exercise.title
    source = (ROOT / "exercises" / "solutions" / "03_max_pooling.py").read_text(encoding="utf-8")
    assert ORDER_3_2.replace("di", "`di`") in " ".join(source.replace("# ", "").split())


def _unbounded_slices(x, f, s=None):
    """3.2 with slices that have no end: their sizes differ when windows leave cells out."""
    s = f if s is None else s
    rows = None
    for di in range(f):
        cells = x[:, di::s]
        rows = cells.copy() if rows is None else np.maximum(rows, cells)
    out = None
    for dj in range(f):
        cells = rows[:, :, dj::s]
        out = cells.copy() if out is None else np.maximum(out, cells)
    return out


def test_a_slice_without_an_end_fails_and_a_hint_says_why_in_words():
    result = check("3.2", _unbounded_slices, save=False)
    assert not result.passed
    assert "could not be broadcast" in result.message
    hints = get_exercise("3.2").hints
    slice_hint = next(h for h in hints if "exactly H_out rows" in h)
    assert "could not be broadcast" in slice_hint
    assert "::" not in slice_hint and "(h_out - 1)" not in slice_hint


def test_the_3_3_hints_point_to_the_lesson_s_switch_loop():
    lesson_source = (ROOT / "notebooks" / "03_max_pooling.py").read_text(encoding="utf-8")
    assert "np.unravel_index(np.argmax(window), window.shape)" in lesson_source
    assert any("section 6" in h for h in get_exercise("3.3").hints)
    for h in get_exercise("3.3").hints:
        assert "np.unravel_index(np.argmax" not in h
