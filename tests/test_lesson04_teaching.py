"""Lesson 4's exercise 4.3 asks for the step the lesson did not print, and shows a kernel.

One average pooling is a convolution with a constant kernel (the lesson prints it); two
stride-1 average poolings in a row are one convolution with a pyramid kernel (the
exercise). Its answer is a 2-D ``(2f - 1, 2f - 1)`` array, so a failure message shows it
as a kernel, never as ``out[n, :, :, c]`` maps.
"""

from __future__ import annotations

import numpy as np
import pytest

from course_lib import check
from course_lib.checks import get_exercise
from course_lib.pooling import pool2d


@pytest.fixture(autouse=True)
def _private_progress(tmp_path, monkeypatch):
    monkeypatch.setenv("POOLING_COURSE_PROGRESS", str(tmp_path / "progress.json"))


def _reference(f: int) -> np.ndarray:
    return get_exercise("4.3").solution(f)


def _convolve_map(m: np.ndarray, kernel: np.ndarray) -> np.ndarray:
    """Stride-1 valid convolution (no flip) of one 2-D map with a 2-D kernel."""
    k = kernel.shape[0]
    h_out, w_out = m.shape[0] - k + 1, m.shape[1] - k + 1
    return np.array(
        [[(m[i : i + k, j : j + k] * kernel).sum() for j in range(w_out)] for i in range(h_out)]
    )


@pytest.mark.parametrize("f", [1, 2, 3, 4])
def test_the_kernel_is_two_stacked_stride_1_average_poolings(f):
    x = np.random.default_rng(f).normal(size=(1, 11, 12, 1))
    twice = pool2d(pool2d(x, f, 1, mode="avg"), f, 1, mode="avg")[0, :, :, 0]
    kernel = _reference(f)
    assert kernel.shape == (2 * f - 1, 2 * f - 1)
    np.testing.assert_allclose(_convolve_map(x[0, :, :, 0], kernel), twice, atol=1e-12)
    assert kernel.sum() == pytest.approx(1.0)


def test_the_f_2_kernel_is_the_binomial_pyramid():
    np.testing.assert_allclose(_reference(2) * 16, [[1, 2, 1], [2, 4, 2], [1, 2, 1]])


def test_the_lesson_s_one_pooling_kernel_does_not_pass():
    assert not check("4.3", lambda f: np.full((f, f), 1 / f**2), save=False).passed


@pytest.mark.parametrize("m", get_exercise("4.3").misconceptions, ids=lambda m: m.name)
def test_a_wrong_kernel_is_shown_as_a_kernel(m):
    result = check("4.3", m.wrong, save=False)
    assert result.diagnosis == m.name
    text = repr(result)
    assert "out[" not in text and "[[[[" not in text
    if m.name != "one_pooling_only":  # a wrong shape is said in words, not printed
        assert "Your output (shape (3, 3)):" in text
        assert "Expected" not in text  # the kernel is the answer: never printed


def test_the_backward_hints_are_plans_in_words():
    for text in get_exercise("4.4").hints:
        for code in ("+=", "dout[", "/ (f * f)", "dx[", "x[:,"):
            assert code not in text
    assert get_exercise("4.4").hints[-1].startswith("Plan:")


# --------------------------------------------------------------------------
# 4.4: the share taken without its window axes broadcasts the batch over the window
# --------------------------------------------------------------------------
def _share_without_window_axes(dout, x, f, s=None):
    """A learner's natural line: each output cell's dout as (N, C), added to (N, f, f, C)."""
    if s is None:
        s = f
    dx = np.zeros(x.shape)
    for i in range(dout.shape[1]):
        for j in range(dout.shape[2]):
            dx[:, i * s : i * s + f, j * s : j * s + f, :] += dout[:, i, j, :] / (f * f)
    return dx


def test_the_dropped_window_axes_are_diagnosed_as_themselves():
    result = check("4.4", _share_without_window_axes, save=False)
    assert not result.passed
    assert result.diagnosis == "window_axes_dropped"
    assert "(N, 1, 1, C)" in result.explanation
    assert "broadcasts" in result.explanation  # the word is defined where it is used


def test_dropping_the_window_axes_is_right_for_one_example_only():
    rng = np.random.default_rng(0)
    x, dout = rng.normal(size=(1, 4, 4, 3)), rng.normal(size=(1, 2, 2, 3))
    reference = get_exercise("4.4").solution
    np.testing.assert_allclose(_share_without_window_axes(dout, x, 2), reference(dout, x, 2))
    x2, dout2 = rng.normal(size=(2, 4, 4, 3)), rng.normal(size=(2, 2, 2, 3))
    assert not np.allclose(_share_without_window_axes(dout2, x2, 2), reference(dout2, x2, 2))


def test_the_dropped_axes_diagnosis_and_hint_hold_no_solution_code():
    m = next(m for m in get_exercise("4.4").misconceptions if m.name == "window_axes_dropped")
    texts = [m.explanation, *get_exercise("4.4").hints]
    for text in texts:
        for code in ("+=", "dout[", "i : i + 1", "i:i + 1", "[:,", "/ (f * f)", "None"):
            assert code not in text
    assert "(N, 1, 1, C)" in get_exercise("4.4").hints[-1]
