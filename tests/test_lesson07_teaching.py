"""Lesson 7's statements about Lp pooling, and its exercises' feedback (issue #10)."""

from __future__ import annotations

import numpy as np
import pytest
from answer_leaks import assert_diagnosed_without_answer

from course_lib import check
from course_lib.checks.registry import get_exercise
from course_lib.lessons import lesson07
from course_lib.pooling.variants import lp_pool2d


@pytest.fixture(autouse=True)
def _private_progress(tmp_path, monkeypatch):
    monkeypatch.setenv("POOLING_COURSE_PROGRESS", str(tmp_path / "progress.json"))


def torch_rule(window, p):
    """PyTorch's LPPool2d on one window, as lesson 7 states it: S ** (1/p), NaN if S < 0."""
    with np.errstate(invalid="ignore"):
        total = np.sum(np.asarray(window, dtype=float) ** p)
        return float(total) if p == 1 else float(np.power(total, 1 / p))


def ours(window, p):
    return lp_pool2d(np.reshape(np.asarray(window, dtype=float), (1, 2, 2, 1)), p, 2).item()


def test_pytorch_rule_sums_signed_powers():
    assert torch_rule([-4, 2, -2, 4], 1) == 0.0  # not 12: no absolute value
    assert ours([-4, 2, -2, 4], 1) == 3.0


@pytest.mark.parametrize("p", [1, 2, 3, 4.5])
def test_the_factor_holds_on_non_negative_input(p):
    window = [2.0, 2.0, 9.0, 4.0]
    assert np.isclose(torch_rule(window, p), ours(window, p) * 4 ** (1 / p))


def test_the_factor_holds_for_an_even_power_only():
    window = [-4.0, 2.0, -2.0, 4.0]
    assert np.isclose(torch_rule(window, 2), ours(window, 2) * 2)
    assert not np.isclose(torch_rule(window, 3), ours(window, 3) * 4 ** (1 / 3))


def test_the_rule_agrees_with_pytorch_when_installed():
    torch = pytest.importorskip("torch")
    for window in ([-4.0, 2.0, -2.0, 4.0], list(lesson07.SIGNED_WINDOW), [2.0, 2.0, 9.0, 4.0]):
        for p in (1, 2, 3, 1.5):
            x = torch.tensor(window).reshape(1, 1, 2, 2)
            got = float(torch.nn.LPPool2d(p, 2)(x).item())
            assert np.isclose(got, torch_rule(window, p), equal_nan=True), (window, p)


def test_a_negative_sum_keeps_its_sign_only_at_p_1():
    window = [-6.0, 3.0, -1.0, 2.0]  # the lesson's window with a negative sum
    assert torch_rule(window, 1) == -2.0
    assert np.isnan(torch_rule(window, 3))
    assert np.isnan(lesson07._torch_lp(window, 3))
    assert lesson07._torch_lp(window, 1) == -2.0


def test_7_2_asks_for_a_mean_the_lesson_did_not_print():
    assert lesson07._ours(lesson07.SIGNED_WINDOW) != 3.0  # the lesson printed 3.0


def test_exercise_7_2_expects_both_rules_on_its_window():
    window = lesson07.SIGNED_WINDOW
    assert check("7.2", (ours(window, 1), torch_rule(window, 1)), save=False).passed


def test_the_7_1_hints_hold_no_code():
    for text in get_exercise("7.1").hints:
        assert "pool2d(" not in text and "**" not in text


NEW_MISCONCEPTIONS = {
    "7.2": [
        "signs_kept_in_ours",
        "torch_takes_abs",
        "torch_takes_mean",
        "torch_clipped_at_zero",
        "swapped",
    ],
    "7.3": ["plus_one_forgotten", "steps_only", "features_left_out"],
}
CASES = [(i, name) for i, names in NEW_MISCONCEPTIONS.items() for name in names]


@pytest.mark.parametrize(("exercise_id", "name"), CASES)
def test_each_new_slip_is_diagnosed_without_the_answer(exercise_id, name):
    assert_diagnosed_without_answer(exercise_id, name)
