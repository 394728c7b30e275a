"""``pool2d_backward``: the analytic gradient against a central-difference
numerical gradient, and hand-made cases for the tie rule and for overlapping
windows. (The comparison with JAX's autodiff of Keras is in
``test_pooling_keras.py``.)
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from pooling_strategies import cases, distinct_values, random_values

from course_lib.pooling import axis_windows, output_shape, pool2d, pool2d_backward


def numerical_gradient(x: np.ndarray, dout: np.ndarray, eps: float, **kwargs) -> np.ndarray:
    """Central differences of ``sum(pool2d(x) * dout)``, one input cell at a time."""
    grad = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        step = np.zeros_like(x)
        step[index] = eps
        up = np.sum(pool2d(x + step, **kwargs) * dout)
        down = np.sum(pool2d(x - step, **kwargs) * dout)
        grad[index] = (up - down) / (2 * eps)
    return grad


@pytest.mark.parametrize("mode", ["max", "avg"])
@settings(max_examples=60, deadline=None)
@given(
    case=cases(pytorch_options=True, max_batch=2, max_size=7, max_channels=2, max_stride=3),
    seed=st.integers(0, 2**32 - 1),
)
def test_backward_equals_numerical_gradient(mode, case, seed):
    # Values at least 0.25 apart and eps = 1e-3: no window changes its maximum
    # during the finite difference, so the numerical gradient is exact up to rounding.
    x = distinct_values(case.shape, seed)
    kwargs = dict(case.kwargs(), mode=mode)
    shape = output_shape(
        x.shape, case.pool_size, case.strides, case.padding, case.data_format, case.ceil_mode
    )
    dout = random_values(shape, seed + 1)
    analytic = pool2d_backward(dout, x, **kwargs)
    assert analytic.shape == x.shape
    assert analytic.dtype == np.float64
    np.testing.assert_allclose(analytic, numerical_gradient(x, dout, 1e-3, **kwargs), atol=1e-8)


@pytest.mark.parametrize("padding", ["valid", "same", 1])
def test_overlapping_windows_are_a_real_test_of_accumulation(padding):
    """Sanity check of the case above on overlapping windows with padding, fixed."""
    x = distinct_values((1, 5, 6, 2), 3)
    kwargs = {"pool_size": 3, "strides": (1, 2), "padding": padding, "mode": "max"}
    dout = random_values(pool2d(x, **kwargs).shape, 4)
    np.testing.assert_allclose(
        pool2d_backward(dout, x, **kwargs), numerical_gradient(x, dout, 1e-3, **kwargs), atol=1e-8
    )


def frame(n: int, padding, windows) -> tuple[int, int]:
    """The cells that count_include_pad counts: the input and its padding, as
    PyTorch clips windows to [-p, n + p); for "same", the padding Keras adds."""
    if padding == "valid":
        return 0, n
    if padding == "same":
        return windows[0][0], max(n, windows[-1][1])
    return -padding, n + padding


def backward_by_loops(dout, x, case, mode):
    """The rule, written as loops over windows (channels-last only): max sends each
    window's gradient to its first maximal real cell in row-major order (a NaN counts
    as the maximum), avg spreads it over the cells the forward pass counted."""
    (fh, fw), (sh, sw) = case.pool_size, case.strides or case.pool_size
    ph, pw = (case.padding,) * 2 if isinstance(case.padding, str) else case.padding
    n, h, w, c = x.shape
    rows = axis_windows(h, fh, sh, ph, case.ceil_mode)
    cols = axis_windows(w, fw, sw, pw, case.ceil_mode)
    frame_r, frame_c = frame(h, ph, rows), frame(w, pw, cols)
    dx = np.zeros(x.shape)
    for b, ch in np.ndindex(n, c):
        for i, (r0, r1) in enumerate(rows):
            for j, (c0, c1) in enumerate(cols):
                cells = [(r, q) for r in range(r0, r1) for q in range(c0, c1)]
                real = [(r, q) for r, q in cells if 0 <= r < h and 0 <= q < w]
                g = dout[b, i, j, ch]
                if mode == "max":
                    values = [x[b, r, q, ch] for r, q in real]
                    nans = [k for k, v in enumerate(values) if np.isnan(v)]
                    k = nans[0] if nans else int(np.argmax(values))  # argmax: first maximum
                    dx[(b, *real[k], ch)] += g
                else:
                    framed = [
                        (r, q)
                        for r, q in cells
                        if frame_r[0] <= r < frame_r[1] and frame_c[0] <= q < frame_c[1]
                    ]
                    count = len(framed) if case.count_include_pad else len(real)
                    for r, q in real:
                        dx[b, r, q, ch] += g / count
    return dx


@pytest.mark.parametrize("mode", ["max", "avg"])
@settings(max_examples=100, deadline=None)
@given(case=cases(pytorch_options=True, max_size=8), seed=st.integers(0, 2**32 - 1))
def test_backward_equals_the_rule_written_as_loops_with_ties(mode, case, seed):
    assume(case.data_format == "channels_last")  # the loops index channels-last arrays
    rng = np.random.default_rng(seed)
    x = rng.integers(-2, 3, size=case.shape).astype(float)  # many ties
    x[rng.random(case.shape) < 0.05] = np.nan
    shape = output_shape(
        x.shape, case.pool_size, case.strides, case.padding, ceil_mode=case.ceil_mode
    )
    dout = random_values(shape, seed + 1)
    got = pool2d_backward(dout, x, mode=mode, **case.kwargs())
    np.testing.assert_allclose(got, backward_by_loops(dout, x, case, mode), atol=1e-12)


@pytest.mark.parametrize("mode", ["max", "avg"])
@settings(max_examples=30, deadline=None)
@given(case=cases(pytorch_options=True), seed=st.integers(0, 2**32 - 1))
def test_backward_layouts_agree(mode, case, seed):
    x = random_values(case.shape, seed)  # ties likely: the tie rule must not depend on layout
    kw = case.kwargs()
    dout = random_values(pool2d(x, mode=mode, **kw).shape, seed + 1)
    got = pool2d_backward(dout, x, mode=mode, **kw)
    first = case.data_format == "channels_first"
    swap = (0, 2, 3, 1) if first else (0, 3, 1, 2)
    back = (0, 3, 1, 2) if first else (0, 2, 3, 1)
    kw["data_format"] = "channels_last" if first else "channels_first"
    other = pool2d_backward(dout.transpose(swap), x.transpose(swap), mode=mode, **kw)
    np.testing.assert_array_equal(got, other.transpose(back))


def one_map(m) -> np.ndarray:
    return np.asarray(m, dtype=float)[None, :, :, None]


def test_max_tie_goes_to_the_first_maximum_in_row_major_order():
    x = one_map([[1, 3], [3, 2]])  # two cells hold the max 3: (0, 1) comes first
    dx = pool2d_backward(np.full((1, 1, 1, 1), 5.0), x, 2)
    np.testing.assert_array_equal(dx[0, :, :, 0], [[0, 5], [0, 0]])
    x = one_map([[7, 7], [7, 7]])
    dx = pool2d_backward(np.ones((1, 1, 1, 1)), x, 2)
    np.testing.assert_array_equal(dx[0, :, :, 0], [[1, 0], [0, 0]])


def test_max_tie_rule_with_overlapping_windows():
    # All equal, f=2, s=1: each window sends its gradient to its own top-left cell.
    x = np.ones((1, 3, 3, 1))
    dout = one_map([[1, 2], [3, 4]])
    dx = pool2d_backward(dout, x, 2, 1)
    np.testing.assert_array_equal(dx[0, :, :, 0], [[1, 2, 0], [3, 4, 0], [0, 0, 0]])


def test_max_tie_between_padding_and_a_real_minimum_goes_to_the_real_cell():
    # The only real cell of the window holds -inf, as much as the padding: padding never
    # wins, so the gradient is not lost. Same for the smallest integer.
    x = one_map([[-np.inf]])
    dx = pool2d_backward(np.full((1, 1, 1, 1), 2.0), x, 2, padding=1)
    np.testing.assert_array_equal(dx.ravel(), [2.0])
    xi = np.full((1, 1, 1, 1), np.iinfo(np.int32).min, dtype=np.int32)
    dx = pool2d_backward(np.full((1, 1, 1, 1), 2.0), xi, 2, padding=1)
    np.testing.assert_array_equal(dx.ravel(), [2.0])
    xi = np.full((1, 2, 2, 1), np.iinfo(np.int32).min, dtype=np.int32)
    dx = pool2d_backward(np.ones((1, 2, 2, 1)), xi, 2, strides=1, padding="same")
    np.testing.assert_array_equal(dx.ravel(), [1.0, 1.0, 1.0, 1.0])


def test_max_nan_takes_the_gradient():
    x = one_map([[1, np.nan], [np.nan, 2]])
    dx = pool2d_backward(np.ones((1, 1, 1, 1)), x, 2)
    np.testing.assert_array_equal(dx[0, :, :, 0], [[0, 1], [0, 0]])


def test_max_overlapping_windows_accumulate():
    # The centre is the max of all four 2x2 windows: it collects 1 + 2 + 3 + 4.
    x = one_map([[1, 2, 3], [4, 9, 5], [6, 7, 8]])
    dout = one_map([[1, 2], [3, 4]])
    dx = pool2d_backward(dout, x, 2, 1)
    np.testing.assert_array_equal(dx[0, :, :, 0], [[0, 0, 0], [0, 10, 0], [0, 0, 0]])


def test_avg_overlapping_windows_accumulate():
    x = np.zeros((1, 3, 3, 1))
    dx = pool2d_backward(np.ones((1, 2, 2, 1)), x, 2, 1, mode="avg")
    np.testing.assert_array_equal(dx[0, :, :, 0], np.array([[1, 2, 1], [2, 4, 2], [1, 2, 1]]) / 4)


def test_avg_gradient_counts_only_the_cells_the_forward_counted():
    x = np.zeros((1, 1, 4, 1))
    kw = {"pool_size": (1, 3), "strides": (1, 2), "padding": (0, 1), "ceil_mode": True}
    dout = np.ones((1, 1, 3, 1))
    # Windows cover [-1, 2), [1, 4), [3, 6) clipped to the padded frame [-1, 5).
    with_pad = pool2d_backward(dout, x, mode="avg", count_include_pad=True, **kw)
    np.testing.assert_allclose(with_pad.ravel(), [1 / 3, 1 / 3 + 1 / 3, 1 / 3, 1 / 3 + 1 / 2])
    without = pool2d_backward(dout, x, mode="avg", count_include_pad=False, **kw)
    np.testing.assert_allclose(without.ravel(), [1 / 2, 1 / 2 + 1 / 3, 1 / 3, 1 / 3 + 1])


def test_max_gradient_ignores_cells_no_window_reaches():
    # n=5, f=2, s=2, valid: the last row and column are never pooled.
    x = distinct_values((1, 5, 5, 1), 0)
    dx = pool2d_backward(np.ones((1, 2, 2, 1)), x, 2)
    assert dx[0, 4].sum() == 0 and dx[0, :, 4].sum() == 0
    assert dx.sum() == 4


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64, np.int32, np.uint8])
def test_backward_dtype(dtype):
    x = random_values((1, 4, 4, 1), 0, dtype)
    expected = np.float64 if np.dtype(dtype).kind != "f" else dtype
    for mode in ("max", "avg"):
        assert pool2d_backward(np.ones((1, 2, 2, 1)), x, 2, mode=mode).dtype == expected
