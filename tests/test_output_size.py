"""Output-size rules: ``output_size``, ``output_shape`` and where the windows lie.

The expected values for integer padding and ``ceil_mode`` were worked out by hand
from PyTorch's documented rule, and are also checked against an independent
re-statement of that rule written here (not taken from ``course_lib``).
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pooling_strategies import cases

from course_lib.pooling import axis_windows, output_shape, output_size, pool2d
from course_lib.pooling.geometry import NoWindowFitsError, PaddingTooLargeError, pooling_windows


def pytorch_output_size(n: int, f: int, s: int, p: int, ceil_mode: bool) -> int:
    """PyTorch's MaxPool/AvgPool rule, by counting window starts (dilation 1).

    Windows start at -p, -p + s, -p + 2s, ... Without ceil_mode a window must end
    inside the padded input. With ceil_mode the last one may hang over the end
    (its start k*s is at most ceil((n + 2p - f) / s) * s), but it must start inside
    the input or the left padding.
    """
    count = 0
    for k in range(n + 2 * p + 1):
        start_in_padded = k * s
        if ceil_mode:
            fits = k <= math.ceil((n + 2 * p - f) / s) and start_in_padded < n + p
        else:
            fits = start_in_padded + f <= n + 2 * p
        count += fits
    return count


def keras_output_size(n: int, f: int, s: int, padding: str) -> int:
    """Keras/TensorFlow: valid keeps the windows that fit; same gives ceil(n / s)."""
    return (n - f) // s + 1 if padding == "valid" else math.ceil(n / s)


# n, f, s, padding, ceil_mode, expected: worked out by hand.
HAND_TABLE = [
    # valid (p = 0): floor((n - f) / s) + 1
    (4, 2, 2, "valid", False, 2),
    (28, 2, 2, "valid", False, 14),
    (5, 3, 1, "valid", False, 3),
    (7, 2, 3, "valid", False, 2),
    (5, 5, 1, "valid", False, 1),
    (1, 1, 1, "valid", False, 1),
    # same (Keras/TF): ceil(n / s), whatever f is
    (5, 2, 2, "same", False, 3),
    (5, 3, 1, "same", False, 5),
    (1, 3, 2, "same", False, 1),
    (2, 5, 1, "same", False, 2),
    (7, 1, 3, "same", False, 3),
    (28, 2, 2, "same", False, 14),
    # integer padding (PyTorch): floor((n + 2p - f) / s) + 1
    (5, 2, 2, 1, False, 3),
    (7, 3, 2, 1, False, 4),
    (6, 3, 2, 1, False, 3),
    (3, 3, 1, 1, False, 3),
    (32, 3, 2, 1, False, 16),
    (4, 3, 2, 1, False, 2),
    (10, 4, 3, 2, False, 4),
    (1, 2, 1, 1, False, 2),
    # ceil_mode: ceil((n + 2p - f) / s) + 1, minus 1 if the last window starts in the right padding
    (5, 2, 2, 1, True, 3),  # not 4: the 4th window would start at 6 = n + p
    (2, 1, 2, 0, True, 1),  # not 2: the 2nd window would start at 2 = n
    (3, 2, 2, 0, True, 2),  # a real partial window [2, 4)
    (5, 2, 2, 0, True, 3),
    (4, 3, 2, 1, True, 3),
    (6, 3, 2, 1, True, 4),
    (7, 3, 2, 1, True, 4),
    (10, 4, 3, 2, True, 4),  # ceil would give 5; the 5th would start at 12 = n + p
    (32, 3, 2, 1, True, 17),
    (4, 2, 2, 0, True, 2),  # exact fit: ceil_mode changes nothing
]


@pytest.mark.parametrize(("n", "f", "s", "padding", "ceil_mode", "expected"), HAND_TABLE)
def test_output_size_hand_table(n, f, s, padding, ceil_mode, expected):
    assert output_size(n, f, s, padding, ceil_mode) == expected
    assert len(axis_windows(n, f, s, padding, ceil_mode)) == expected
    if isinstance(padding, int):
        assert pytorch_output_size(n, f, s, padding, ceil_mode) == expected
    else:
        assert keras_output_size(n, f, s, padding) == expected
        if padding == "valid":
            assert pytorch_output_size(n, f, s, 0, ceil_mode) == expected


@pytest.mark.parametrize(("n", "f", "s", "padding", "ceil_mode", "expected"), HAND_TABLE)
def test_pool2d_returns_the_hand_table_shape(n, f, s, padding, ceil_mode, expected):
    x = np.zeros((1, n, 1, 1))
    y = pool2d(
        x,
        (f, 1),
        (s, 1),
        padding if isinstance(padding, str) else (padding, 0),
        ceil_mode=ceil_mode,
    )
    assert y.shape == (1, expected, 1, 1)


def test_strides_default_to_the_pool_size():
    assert output_size(6, 2) == output_size(6, 2, 2) == 3
    assert output_size(7, 3, padding="same") == 3
    assert output_shape((1, 6, 9, 1), (2, 3)) == (1, 3, 3, 1)


@settings(max_examples=500, deadline=None)
@given(
    n=st.integers(1, 60),
    f=st.integers(1, 12),
    s=st.integers(1, 8),
    p_fraction=st.floats(0, 1),
    ceil_mode=st.booleans(),
)
def test_output_size_equals_independent_pytorch_rule(n, f, s, p_fraction, ceil_mode):
    p = int(p_fraction * (f // 2))
    if f > n + 2 * p:
        with pytest.raises(ValueError, match="larger than the padded input"):
            output_size(n, f, s, p, ceil_mode)
        return
    assert output_size(n, f, s, p, ceil_mode) == pytorch_output_size(n, f, s, p, ceil_mode)


@settings(max_examples=300, deadline=None)
@given(n=st.integers(1, 60), f=st.integers(1, 12), s=st.integers(1, 8))
def test_output_size_equals_keras_rule(n, f, s):
    assert output_size(n, f, s, "same") == keras_output_size(n, f, s, "same")
    if f <= n:
        assert output_size(n, f, s, "valid") == keras_output_size(n, f, s, "valid")


def test_article_formula_is_right_only_rounded_up():
    """The article's (n - f + 1) / s: wrong as a division, right rounded up (p = 0)."""
    assert (4 - 2 + 1) / 2 == 1.5 != output_size(4, 2, 2) == 2
    assert (28 - 2 + 1) / 2 == 13.5 != output_size(28, 2, 2) == 14
    mismatches = [
        (n, f, s)
        for n in range(1, 40)
        for f in range(1, n + 1)
        for s in range(1, 6)
        if math.ceil((n - f + 1) / s) != output_size(n, f, s)
    ]
    assert mismatches == []


@settings(max_examples=150, deadline=None)
@given(case=cases(pytorch_options=True, max_size=12, max_pool=5, max_stride=5))
def test_output_shape_and_axis_windows_match_pool2d(case):
    x = np.zeros(case.shape, dtype=np.float32)
    y = pool2d(x, **case.kwargs())
    kw = case.kwargs()
    del kw["count_include_pad"]
    assert y.shape == output_shape(case.shape, **kw)
    fh, fw = case.pool_size
    sh, sw = case.strides or case.pool_size
    ph, pw = (case.padding, case.padding) if isinstance(case.padding, str) else case.padding
    out_h = y.shape[2] if case.data_format == "channels_first" else y.shape[1]
    out_w = y.shape[3] if case.data_format == "channels_first" else y.shape[2]
    h, w = case.spatial()
    for n, f, s, p, out in ((h, fh, sh, ph, out_h), (w, fw, sw, pw, out_w)):
        assert output_size(n, f, s, p, case.ceil_mode) == out
        windows = axis_windows(n, f, s, p, case.ceil_mode)
        assert len(windows) == out
        assert all(end - start == f for start, end in windows)
        assert [start for start, _ in windows] == [windows[0][0] + k * s for k in range(out)]
        # Every window holds at least one real cell; the first starts in the left padding.
        assert all(start < n and end > 0 for start, end in windows)
        if isinstance(p, int):
            assert windows[0][0] == -p
            assert windows[-1][0] < n + p
        else:
            assert windows[0][0] <= 0


def test_axis_windows_examples():
    assert axis_windows(4, 2) == [(0, 2), (2, 4)]
    assert axis_windows(5, 2, 2, padding="same") == [(0, 2), (2, 4), (4, 6)]
    assert axis_windows(4, 3, 1, padding="same") == [(-1, 2), (0, 3), (1, 4), (2, 5)]
    assert axis_windows(5, 2, 2, padding=1, ceil_mode=True) == [(-1, 1), (1, 3), (3, 5)]


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "match"),
    [
        ((4, 5), {}, ValueError, r"pool_size 5 is larger than the padded input \(4 \+ 2\*0"),
        ((4, 2, 0), {}, ValueError, r"strides must be >= 1"),
        ((4, 2.0), {}, TypeError, r"pool_size must be an integer"),
        ((4, True), {}, TypeError, r"pool_size must be an integer"),
        ((4.0, 2), {}, TypeError, r"n must be an integer"),
        ((0, 1), {}, ValueError, r"n must be >= 1"),
        ((4, 2, 2, "full"), {}, ValueError, r"padding must be 'valid', 'same'"),
        ((4, 2, 2, -1), {}, ValueError, r"padding must be >= 0"),
        ((4, 3, 2, 2), {}, ValueError, r"more than half the pool size 3"),
        ((4, 2, 2, (1, 1)), {}, TypeError, r"padding must be 'valid', 'same' or an int"),
        ((4, 2, 2, "same", True), {}, ValueError, r"ceil_mode=True applies to integer padding"),
        ((4, 2, 2, 0, "yes"), {}, TypeError, r"ceil_mode must be True or False"),
    ],
)
@pytest.mark.parametrize("func", [output_size, axis_windows], ids=lambda f: f.__name__)
def test_output_size_bad_input(func, args, kwargs, error, match):
    with pytest.raises(error, match=match):
        func(*args, **kwargs)


@pytest.mark.parametrize(
    ("shape", "kwargs", "error", "match"),
    [
        ((4, 4, 1), {}, ValueError, r"expected a 4-D batch"),
        ((1, 4, 4, 0), {}, ValueError, r"input_shape entries must be >= 1"),
        ((1, 4.0, 4, 1), {}, TypeError, r"input_shape entries must be an integer"),
        ((1, 4, 4, 1), {"data_format": "nhwc"}, ValueError, r"data_format must be"),
        ((1, 4, 4, 1), {"pool_size": 5}, ValueError, r"larger than the padded input"),
    ],
)
def test_output_shape_bad_input(shape, kwargs, error, match):
    kwargs = {"pool_size": 2, **kwargs}
    with pytest.raises(error, match=match):
        output_shape(shape, **kwargs)


# --------------------------------------------------------------------------
# pooling_windows (the 2-D windows the figures draw) and the refusals' subclasses
# --------------------------------------------------------------------------
def test_pooling_windows_are_the_row_major_product_of_the_axis_windows():
    windows = pooling_windows((5, 3), (2, 3), (2, 1), (1, 1), ceil_mode=True)
    rows = axis_windows(5, 2, 2, 1, ceil_mode=True)
    cols = axis_windows(3, 3, 1, 1, ceil_mode=True)
    assert windows == [(r, c) for r in rows for c in cols]


@pytest.mark.parametrize(
    ("args", "error", "match"),
    [
        (((4, 4), 2.0), TypeError, r"pool_size must be an integer, got 2.0"),
        (((4, 4), 2, 1.0), TypeError, r"strides must be an integer"),
        (((4, 4), (2, 5)), ValueError, r"pool_size 5 along the width is larger"),
        (((4, 4, 1), 2), ValueError, r"shape must be a map's \(height, width\)"),
        (((4, 0), 2), ValueError, r"shape entries must be >= 1"),
    ],
)
def test_pooling_windows_bad_input(args, error, match):
    with pytest.raises(error, match=match):
        pooling_windows(*args)


def test_refusals_are_value_errors_that_carry_their_numbers():
    with pytest.raises(PaddingTooLargeError) as too_much:
        output_size(5, 3, 2, 2)
    assert isinstance(too_much.value, ValueError)
    assert (too_much.value.padding, too_much.value.pool_size, too_much.value.limit) == (2, 3, 1)
    with pytest.raises(NoWindowFitsError) as too_big:
        pool2d(np.zeros((1, 2, 2, 1)), (2, 5), padding=(0, 1))
    assert isinstance(too_big.value, ValueError)
    assert (too_big.value.pool_size, too_big.value.span) == (5, 4)
