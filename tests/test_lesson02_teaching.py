"""Lesson 2 teaches the counting; its exercises ask for the rules, and give none away.

* every 2.4 slip is diagnosed as itself, without stating a right shape it missed;
* no hint or diagnosis of lesson 2 holds a line of a solution;
* no function that lesson 1 or 2 defines passes a function exercise of those lessons;
* exercise 2.5 cannot be passed by a brute force over a small range, and stays fast;
* PyTorch's padding limit is stated as PyTorch's convention, and the reason the lesson used to
  give for it is computed to be wrong.
"""

from __future__ import annotations

import ast
import inspect
import math
import time
from pathlib import Path

import numpy as np
import pytest
from answer_leaks import assert_diagnosed_without_answer

from course_lib import check
from course_lib.checks import all_exercises, get_exercise
from course_lib.pooling import output_size
from course_lib.pooling.geometry import PaddingTooLargeError

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _private_progress(tmp_path, monkeypatch):
    monkeypatch.setenv("POOLING_COURSE_PROGRESS", str(tmp_path / "progress.json"))


TRACE = [(get_exercise("2.4").id, m) for m in get_exercise("2.4").misconceptions]


@pytest.mark.parametrize(("ex_id", "misconception"), TRACE, ids=[m.name for _, m in TRACE])
def test_a_trace_slip_is_diagnosed_without_the_right_shape(ex_id, misconception):
    assert_diagnosed_without_answer(ex_id, misconception.name)


SOLUTION_LINES = (
    "floor((n",
    "ceil(n / s)",
    "-(-n // s)",
    "(n + s - 1) // s",
    "(out - 1) * s >= n + p",
    "(out - 1) * s - p >= n",
    "out * s + f",
    "len(range(0, n, s))",
    "n + 2p",
    "(n + 2 * p - f) // s",
    "(n - f) // s + 1",
    "out * s + f - 1",
)
LESSON_2_FUNCTIONS = ("2.1", "2.2", "2.3", "2.5", "2.6")


@pytest.mark.parametrize("ex_id", LESSON_2_FUNCTIONS)
def test_no_hint_or_diagnosis_holds_a_solution_line(ex_id):
    exercise = get_exercise(ex_id)
    texts = [*exercise.hints, *(m.explanation for m in exercise.misconceptions)]
    for text in texts:
        assert not [line for line in SOLUTION_LINES if line in text], text


def _lesson_functions(path: Path) -> dict:
    """Every top-level function a lesson defines, executed on its own."""
    found = {}
    for node in ast.parse(path.read_text()).body:
        if isinstance(node, ast.FunctionDef):
            namespace: dict = {}
            code = compile(ast.Module(body=[node], type_ignores=[]), str(path), "exec")
            exec(code, {"np": np, "math": math}, namespace)
            found[f"{path.name}:{node.name}"] = namespace[node.name]
    return found


def _stride_defaulted(fn):
    params = list(inspect.signature(fn).parameters)

    def wrapped(*args):
        bound = dict(zip(params, args, strict=False))
        if bound.get("s") is None and "f" in bound:
            bound["s"] = bound["f"]
        return fn(**bound)

    return wrapped


def test_no_function_of_lessons_1_and_2_passes_their_function_exercises():
    functions = {}
    for name in ("01_pooling_principle.py", "02_output_size.py"):
        functions.update(_lesson_functions(ROOT / "notebooks" / name))
    assert functions, "the lessons define no function?"
    ids = [e.id for e in all_exercises() if e.kind == "function" and e.id[0] in "12"]
    passing = []
    for name, fn in functions.items():
        variants = [fn]
        if "s" in inspect.signature(fn).parameters:
            variants.append(_stride_defaulted(fn))
        for variant in variants:
            with np.errstate(all="ignore"):
                passing += [(name, i) for i in ids if check(i, variant, save=False).passed]
    assert passing == []


def test_a_brute_force_over_a_small_range_does_not_pass_2_5():
    def input_sizes(out, f, s):
        return [n for n in range(1, 60) if n >= f and (n - f) // s + 1 == out]

    assert not check("2.5", input_sizes, save=False).passed


def test_2_5_passes_an_honest_search_and_checks_quickly():
    def input_sizes(out, f, s):  # every n up to a bound that always suffices
        return [n for n in range(f, out * s + f + 1) if (n - f) // s + 1 == out]

    start = time.perf_counter()
    result = check("2.5", input_sizes, save=False)
    elapsed = time.perf_counter() - start
    assert result.passed
    assert elapsed < 0.5  # about 0.04 s measured here; generous for a shared one


def test_the_padding_limit_is_stated_as_pytorchs_convention():
    with pytest.raises(PaddingTooLargeError) as refused:
        output_size(5, 3, 2, padding=2)
    message = str(refused.value)
    assert "more than half the pool size 3" in message
    assert "PyTorch's convention" in message and "padding >= pool_size" in message
    assert "so that no window lies entirely in padding" not in message


def test_a_window_lies_entirely_in_padding_exactly_when_p_is_at_least_f():
    """The reason the limit is a convention: p <= f // 2 is stricter than p < f."""
    for f in range(1, 7):
        for p in range(0, 2 * f + 1):
            for n in range(1, 9):
                cells = [False] * p + [True] * n + [False] * p  # True: an input cell
                windows = [cells[a : a + f] for a in range(len(cells) - f + 1)]
                assert any(not any(w) for w in windows) == (p >= f)
    # so f = 3, p = 2 has no all-padding window, yet PyTorch's limit refuses it:
    with pytest.raises(PaddingTooLargeError):
        output_size(5, 3, 1, padding=2)


# --------------------------------------------------------------------------
# Fresh-eyes review of lessons 0-2 (issue #12)
# --------------------------------------------------------------------------
LESSON_2 = ROOT / "notebooks" / "02_output_size.py"


def test_same_padding_can_leave_cells_out_so_the_lesson_does_not_say_it_covers_every_cell():
    from course_lib.pooling import axis_windows

    windows = axis_windows(7, 2, 3, "same")
    covered = {c for a, b in windows for c in range(a, b)}
    assert not set(range(7)) <= covered  # cells 2 and 5 are in no window
    texts = [LESSON_2.read_text(), *get_exercise("2.3").hints]
    texts += [m.explanation for m in get_exercise("2.3").misconceptions]
    for text in texts:
        assert "every cell of the input is in some window" not in text
        assert "every cell is covered" not in text and "every cell is in a window" not in text


def test_a_valid_slip_is_not_told_the_same_rule():
    same_rule = next(m for m in get_exercise("2.1").misconceptions if m.name == "same_rule")
    assert "same" not in same_rule.explanation.lower()


def test_the_lesson_does_not_run_exercise_2_5_backwards():
    source = LESSON_2.read_text()
    assert "if output_size(" not in source  # no search over n for a given output size
    assert "(out - 1) * s" not in source  # the last window's start is the exercise's to find


def test_the_lesson_trace_cannot_answer_2_4():
    """2.4 has a strided convolution, which the lesson's `trace` cannot express."""
    from course_lib.lessons.lesson02 import TRACE_INPUT, TRACE_STACK

    assert any(step[0] == "conv" and step[4] > 1 for step in TRACE_STACK)
    trace = _lesson_functions(LESSON_2)["02_output_size.py:trace"]
    globals_ = trace.__globals__
    globals_["output_size"] = output_size
    stack = [step[:4] if step[0] == "conv" else step for step in TRACE_STACK]
    stack = [
        (*step[:2], step[1], step[3]) if step[:1] == ("pool",) and step[2] is None else step
        for step in stack
    ]
    rows = trace(TRACE_INPUT[:2], TRACE_INPUT[2], stack)
    assert [shape for _, shape in rows[1:]] != get_exercise("2.4").solution()


def test_2_6_speaks_in_the_lessons_cell_numbering():
    hints = " ".join(get_exercise("2.6").hints)
    assert "-p" in hints and "first cell of the left padding" not in hints
    text = (ROOT / "exercises" / "solutions" / "02_output_size.py").read_text()
    assert "cell 0 is the input's first cell" in text
