"""The exercise checkers, tested both ways.

Right answers get full marks; every misconception's wrong implementation fails
with *its own* diagnosis; broken answers (raising, None, lists, wrong shape or
dtype, NaN, modified input, endless loops) each get a clear message and never
a traceback from inside course_lib.
"""

from __future__ import annotations

import subprocess
import sys
import time

import numpy as np
import pytest
from loop_pooling import loop_pool

import course_lib
from course_lib import check, hint, pooling
from course_lib.checks import all_exercises, get_exercise
from course_lib.checks.result import CheckResult
from course_lib.lessons import references

EXERCISES = all_exercises()
MISCONCEPTIONS = [(ex.id, m) for ex in EXERCISES for m in ex.misconceptions]


@pytest.fixture(autouse=True)
def _private_progress(tmp_path, monkeypatch):
    monkeypatch.setenv("POOLING_COURSE_PROGRESS", str(tmp_path / "progress.json"))


def _max_pool(x, f, s=None):
    """A correct loop implementation, written independently of the reference."""
    return loop_pool(x, f, s)


def _output_size(n, f, s):
    return (n - f) // s + 1


CORRECT = {
    "2.1": _output_size,
    "2.2": lambda n, f, s, p: (n + 2 * p - f) // s + 1,
    "2.3": lambda n, s: (n + s - 1) // s,
    "3.1": _max_pool,
    "5.1": lambda x: x.max(axis=(1, 2)),
    "5.2": lambda x, mask: (x * mask[..., None]).sum(axis=(1, 2)) / mask.sum(axis=(1, 2))[:, None],
}


def test_the_fixed_exercises_are_registered():
    ids = {ex.id for ex in EXERCISES}
    assert {"2.1", "2.2", "2.3", "3.1", "4.1", "4.2", "5.1", "5.2"} <= ids


@pytest.mark.parametrize("exercise_id", sorted(CORRECT))
def test_a_correct_answer_gets_full_marks(exercise_id):
    result = check(exercise_id, CORRECT[exercise_id])
    assert result.passed, repr(result)
    assert bool(result)
    assert result.score == result.max_score == get_exercise(exercise_id).points
    assert result.cases_passed == result.cases_total > 0
    assert result.diagnosis is None


@pytest.mark.parametrize("exercise", EXERCISES, ids=[e.id for e in EXERCISES])
def test_each_exercises_own_right_answer_gets_full_marks(exercise):
    result = check(exercise.id, exercise.right_answer())
    assert result.passed, repr(result)
    assert result.score == result.max_score == exercise.points


@pytest.mark.parametrize(
    ("exercise_id", "misconception"),
    MISCONCEPTIONS,
    ids=[f"{e}-{m.name}" for e, m in MISCONCEPTIONS],
)
def test_each_misconception_fails_with_its_own_diagnosis(exercise_id, misconception):
    wrong = misconception.wrong
    if get_exercise(exercise_id).kind == "value" and callable(wrong):
        wrong = wrong()  # a value exercise's wrong answer may be computed
    result = check(exercise_id, wrong)
    assert not result.passed
    assert result.status == "failed"
    assert result.diagnosis == misconception.name, repr(result)
    assert result.explanation == misconception.explanation
    assert misconception.explanation in repr(result)
    assert result.score < result.max_score or result.max_score == 0  # 0: a warm-up


@pytest.mark.parametrize("exercise", EXERCISES, ids=[e.id for e in EXERCISES])
def test_every_exercise_has_hints_and_says_what_it_proves(exercise):
    assert exercise.hints, f"{exercise.id} has no hint"
    assert exercise.proves or exercise.kind == "choice"
    assert len({m.name for m in exercise.misconceptions}) == len(exercise.misconceptions)


@pytest.mark.parametrize("exercise", EXERCISES, ids=[e.id for e in EXERCISES])
def test_the_placeholder_is_not_attempted(exercise):
    def placeholder(*args):
        raise NotImplementedError("Replace this line with your code.")

    answer = placeholder if exercise.kind == "function" else ...
    result = check(exercise.id, answer)
    assert result.status == "not attempted"
    assert not result.passed and result.score == 0
    assert repr(result).startswith(f"… {exercise.id} not attempted yet")


# --------------------------------------------------------------------------
# Bad answers: one clear message each
# --------------------------------------------------------------------------
def test_an_exception_names_the_error_the_input_and_the_learners_line():
    def max_pool(x, f, s=None):
        rows = x.shape[1] // f
        return x[:, rows * 10]  # IndexError

    result = check("3.1", max_pool)
    text = repr(result)
    assert not result.passed
    assert "raised IndexError" in text
    assert "the article's 4x4 example" in text
    assert "max_pool(x, f=2, s=2) with x of shape (1, 4, 4, 1) (int64)" in text
    assert "in max_pool: `return x[:, rows * 10]  # IndexError`" in text
    assert "Traceback" not in text and "course_lib" not in text


def test_an_exception_inside_numpy_points_at_the_learners_line():
    def max_pool(x, f, s=None):
        return np.max(x, axis=7)

    text = repr(check("3.1", max_pool))
    assert "raised AxisError" in text
    assert "`return np.max(x, axis=7)`" in text


def test_returning_none_is_reported():
    def output_size(n, f, s):
        (n - f) // s + 1  # the missing return is the point

    result = check("2.1", output_size)
    assert "returned None" in repr(result) and "`return`" in repr(result)
    assert result.diagnosis is None


def test_a_float_count_is_refused_with_the_reason():
    result = check("2.1", lambda n, f, s: float((n - f) // s + 1))
    assert not result.passed
    assert "the right number but a float" in repr(result)


def test_a_list_instead_of_an_array_is_reported():
    result = check("5.1", lambda x: x.max(axis=(1, 2)).tolist())
    assert "returned a list, not a NumPy array (its numbers are right)" in repr(result)


def test_a_wrong_shape_is_reported():
    result = check("3.1", lambda x, f, s=None: np.zeros((1, 3, 3, 1), dtype=x.dtype))
    assert "returned an array of shape (1, 3, 3, 1), expected shape (1, 2, 2, 1)" in repr(result)


def test_nan_in_the_output_is_reported():
    def max_pool(x, f, s=None):
        out = _max_pool(x, f, s).astype(np.float64)
        out[:, -1, -1, :] = np.nan
        return out

    assert "returned NaN at" in repr(check("3.1", max_pool))


def test_a_wrong_dtype_is_reported():
    result = check("3.1", lambda x, f, s=None: _max_pool(x, f, s).astype(np.float64))
    text = repr(result)
    assert "the right numbers with dtype float64, but the input's dtype is int64" in text
    assert result.diagnosis is None


def test_modifying_the_input_is_reported_and_cannot_move_the_target():
    def max_pool(x, f, s=None):
        out = _max_pool(x, f, s)
        x[...] = 0
        return out

    assert "changed its input x" in repr(check("3.1", max_pool))

    def cheat(x, f, s=None):
        x[...] = 0
        return _max_pool(x, f, s)

    assert not check("3.1", cheat).passed


def test_reassigning_the_oracle_cannot_change_the_expectation(monkeypatch):
    zeros = lambda x, f, s=None, **kw: np.zeros((1, 2, 2, 1))  # noqa: E731
    monkeypatch.setattr(pooling, "pool2d", zeros)
    monkeypatch.setattr(course_lib.pooling, "global_pool2d", lambda x, *a, **k: 0)
    assert not check("3.1", zeros).passed
    assert check("3.1", _max_pool).passed
    assert references.POOL2D is not pooling.pool2d


@pytest.mark.skipif(not hasattr(__import__("signal"), "setitimer"), reason="POSIX only")
def test_an_endless_loop_is_stopped():
    def output_size(n, f, s):
        while True:
            pass

    start = time.perf_counter()
    result = check("2.1", output_size, timeout=0.2)
    assert time.perf_counter() - start < 2
    assert "stopped after 0.2 s" in repr(result)
    assert "were not run" in repr(result)
    assert result.score == 0


@pytest.mark.skipif(not hasattr(__import__("signal"), "setitimer"), reason="POSIX only")
def test_a_broad_except_cannot_swallow_the_time_limit():
    def output_size(n, f, s):
        try:
            while True:
                pass
        except Exception:
            return 2

    assert "stopped after" in repr(check("2.1", output_size, timeout=0.2))


def test_passing_the_result_instead_of_the_function_is_explained():
    result = check("2.1", 2)
    assert 'check("2.1", output_size)' in result.message and "no parentheses" in result.message


def test_an_unknown_exercise_lists_the_known_ones():
    with pytest.raises(KeyError, match=r"2\.1"):
        check("9.99", 1)


# --------------------------------------------------------------------------
# Results and hints display deterministically
# --------------------------------------------------------------------------
def test_results_are_deterministic_and_hold_no_address_or_path():
    wrong = lambda n, f, s: (n - f + 1) / s  # noqa: E731
    first, second = check("2.1", wrong), check("2.1", wrong)
    assert repr(first) == repr(second)
    assert first._repr_html_() == second._repr_html_()
    for text in (repr(first), first._repr_html_()):
        assert "0x" not in text and "/tmp" not in text
    assert repr(first).splitlines()[0] == (
        "✗ 2.1 failed (0/25 cases, score 0/1): Output size with valid padding"
    )
    assert "output_size(n=4, f=2, s=2) returned 1.5, expected 2" in repr(first)
    assert first.diagnosis == "article_unrounded"
    assert 'hint("2.1")' in repr(first)


def test_a_result_is_a_plain_value():
    result = check("2.1", _output_size)
    assert isinstance(result, CheckResult)
    assert result.as_dict()["status"] == "passed"
    assert repr(result).startswith("✓ 2.1 passed (25/25 cases)")


def test_hints_come_one_at_a_time_and_stop_at_the_last():
    exercise = get_exercise("2.3")
    shown = [repr(hint("2.3", 1))]
    shown += [repr(hint("2.3")) for _ in range(len(exercise.hints) + 1)]
    assert shown[0].startswith(f"Hint 1 of {len(exercise.hints)} for 2.3")
    assert shown[-1].startswith(f"Hint {len(exercise.hints)} of {len(exercise.hints)}")
    assert "That was the last hint." in shown[-1]


def test_value_and_choice_exercises():
    from course_lib.checks import choice_exercise, registry, value_exercise
    from course_lib.checks.registry import Misconception

    try:
        value_exercise(
            "99.1",
            "Shape after two poolings",
            expected=lambda: references.OUTPUT_SHAPE(references.OUTPUT_SHAPE((1, 28, 28, 8), 2), 2),
            misconceptions=[Misconception("pooled_once", "Twice.", (1, 14, 14, 8))],
            hints=("One at a time.",),
        )
        choice_exercise(
            "99.2",
            "Pick",
            options={"a": "yes", "b": "no"},
            answer="b",
            explanations={"a": "Not so.", "b": "Indeed."},
        )
        assert check("99.1", (1, 7, 7, 8)).passed
        assert check("99.1", [1, 7, 7, 8]).passed
        assert check("99.1", ...).status == "not attempted"
        assert check("99.1", (1, 14, 14, 8)).diagnosis == "pooled_once"
        assert check("99.1", (1, 2, 3, 4)).diagnosis is None
        assert check("99.2", " B ").passed
        picked = check("99.2", "a")
        assert picked.diagnosis == "option_a" and "Not so." in repr(picked)
        assert "letter of one option" in check("99.2", 3).message
        with pytest.raises(ValueError, match="explanation"):
            choice_exercise(
                "99.3", "x", options={"a": "1", "b": "2"}, answer="a", explanations={"a": "."}
            )
    finally:
        for key in ("99.1", "99.2", "99.3"):
            registry._EXERCISES.pop(key, None)


def test_importing_the_checks_does_not_import_keras_jax_or_matplotlib():
    code = (
        "import sys, course_lib, course_lib.checks\n"
        "from course_lib import check\n"
        "import course_lib.lessons\n"
        "print(sorted(m for m in ('keras', 'jax', 'matplotlib') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_returns_any_compares_arrays_lists_and_strings_without_raising():
    from course_lib.checks import case, function_exercise, registry

    try:
        function_exercise(
            "99.4",
            "Sizes",
            name="sizes",
            reference=lambda n: list(range(n)),
            cases=lambda: [case("three", n=3)],
            returns="any",
            hints=("Count.",),
        )
        assert check("99.4", lambda n: list(range(n))).passed
        assert check("99.4", lambda n: np.arange(n)).passed
        wrong = check("99.4", lambda n: np.arange(n + 1))
        assert "returned [0, 1, 2, 3], expected [0, 1, 2]" in wrong.message
        assert "returned 'x'" in check("99.4", lambda n: "x").message
    finally:
        registry._EXERCISES.pop("99.4", None)


def test_a_bug_in_a_checker_is_reported_without_a_traceback(monkeypatch):
    import dataclasses

    from course_lib.checks import registry

    def broken(answer, timeout=None):
        raise TypeError("unsupported operand")

    original = registry._EXERCISES["2.1"]
    monkeypatch.setitem(registry._EXERCISES, "2.1", dataclasses.replace(original, grade=broken))
    result = check("2.1", _output_size)
    assert not result.passed and result.score == 0
    assert "The checker itself failed on this answer (TypeError: unsupported operand)" in repr(
        result
    )
