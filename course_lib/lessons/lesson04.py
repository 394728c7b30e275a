"""Exercises of lesson 4: average pooling, valid (4.1) and Keras 'same' (4.2), the convolution
kernel that equals it (4.3) and its backward pass (4.4)."""

from __future__ import annotations

import numpy as np

from course_lib.checks import Lesson, Misconception, case
from course_lib.lessons import wrong
from course_lib.lessons.fixtures import article_batch, integers, normal, ramp
from course_lib.lessons.fixtures import upstream_gradient as _dout
from course_lib.lessons.references import POOL2D, POOL2D_BACKWARD

lesson = Lesson(__name__)


def _avg(x, f, s=None, padding="valid", **kw):
    return POOL2D(x, f, s, padding=padding, mode="avg", **kw)


def _cases_4_1() -> list:
    return [
        case("the article's 4x4 example", x=article_batch(), f=2, s=2),
        case("stride left out: it defaults to the pool size", x=article_batch(), f=2),
        case("non-square, 3 channels, batch of 2", x=normal((2, 5, 7, 3), 41), f=2, s=2),
        case("overlapping windows: stride < pool", x=normal((1, 6, 6, 2), 42), f=3, s=1),
        case("stride > pool: some cells are skipped", x=normal((1, 7, 9, 2), 43), f=2, s=3),
        case("integers, 3x3 windows, stride 2", x=integers((3, 7, 5, 4), 44), f=3, s=2),
        case("float32 input", x=normal((1, 4, 6, 3), 45, np.float32), f=2, s=2),
        case("stride left out, 3x3 windows", x=normal((1, 6, 9, 2), 46), f=3),
    ]


def _across_channels(x, f, s=None):
    m = _avg(x.mean(axis=3, keepdims=True), f, s)
    return np.broadcast_to(m, (*m.shape[:3], x.shape[3]))


_MISCONCEPTIONS_4_1 = [
    Misconception(
        "max_instead_of_mean",
        "This is max pooling: each window's largest value. Average pooling takes the mean "
        "of the window's cells.",
        lambda x, f, s=None: POOL2D(x, f, s, mode="max"),
    ),
    Misconception(
        "stride_defaults_to_1",
        "When no stride is given, Keras and PyTorch use stride = pool size, not 1. Write "
        "`if s is None: s = f`.",
        lambda x, f, s=None: _avg(x, f, 1 if s is None else s),
    ),
    Misconception(
        "sum_instead_of_mean",
        "This is each window's sum: divide by the number of cells in the window (f * f "
        "with valid padding).",
        lambda x, f, s=None: _avg(x, f, s) * (f * f),
    ),
    Misconception(
        "integer_output",
        "The averages were stored in an integer array (e.g. np.zeros_like(x) on integer "
        "input), which cuts off the fractions: 4.25 became 4. Create the output as floats.",
        lambda x, f, s=None: wrong.in_input_dtype(_avg(x, f, s), x),
    ),
    Misconception(
        "pools_across_channels",
        "The mean is taken over the channels too, so every channel gets the same value. "
        "Pooling works on each channel on its own: average over height and width only.",
        _across_channels,
    ),
    Misconception(
        "channels_first",
        "The input is read as (N, C, H, W). The course's arrays are channels-last, "
        "(N, H, W, C), as in Keras.",
        lambda x, f, s=None: _avg(x, f, s, data_format="channels_first"),
    ),
    Misconception(
        "transposed_output",
        "Rows and columns of the output are swapped: output[:, i, j] must come from the "
        "window in row i and column j.",
        lambda x, f, s=None: _avg(x, f, s).transpose(0, 2, 1, 3),
    ),
    Misconception(
        "missing_last_window",
        "The last row and column of windows are missing: there are (H - f) // s + 1 "
        "windows along the height, not (H - f) // s.",
        lambda x, f, s=None: _avg(x, f, s)[:, :-1, :-1, :],
    ),
]

lesson.function_exercise(
    "4.1",
    "Average pooling of an NHWC batch",
    name="avg_pool",
    task="avg_pool(x, f, s=None) -> float array (N, H_out, W_out, C)",
    reference=lambda x, f, s=None: _avg(x, f, s),
    cases=_cases_4_1,
    returns="array",
    dtype="float",
    misconceptions=_MISCONCEPTIONS_4_1,
    hints=(
        "The loops are the ones of max pooling (exercise 3.1); only the reduction changes.",
        "Averages are fractions: create the output as floats, even for integer input "
        "(np.zeros(shape) is float64).",
        "Reduce each window x[:, r0:r0 + f, c0:c0 + f, :] with .mean over axes 1 and 2.",
    ),
    proves="Your average pooling matches the reference on 8 cases, including integer "
    "input (the article's 4.25s) and the default stride.",
)


# --------------------------------------------------------------------------
# 4.2: 'same' padding, padded cells not counted (Keras)
# --------------------------------------------------------------------------
def _cases_4_2() -> list:
    return [
        case("the article's example: no padding needed", x=article_batch(), f=2, s=2),
        case("5x5 ramp: the last row and column are padded", x=ramp(5, 5), f=2, s=2),
        case(
            "3x3 windows, stride 2, non-square, negative values",
            x=normal((2, 5, 7, 3), 47),
            f=3,
            s=2,
        ),
        case("stride 1: 'same' keeps the size", x=normal((1, 6, 6, 2), 48), f=3, s=1),
        case("stride > pool", x=normal((1, 7, 9, 2), 49), f=2, s=3),
        case("stride left out: it defaults to the pool size", x=normal((1, 5, 7, 2), 50), f=3),
        case("integers", x=integers((2, 5, 5, 3), 51), f=3, s=2),
        case("float32 input", x=normal((1, 5, 6, 3), 52, np.float32), f=2, s=2),
    ]


_MISCONCEPTIONS_4_2 = [
    Misconception(
        "counts_padding",
        "The padded cells are counted in the average (they act as zeros), which pulls "
        "border averages towards 0. That is PyTorch's default (count_include_pad=True); "
        "Keras divides by the number of real cells in each window.",
        lambda x, f, s=None: _avg(x, f, s, "same", count_include_pad=True),
    ),
    Misconception(
        "same_keeps_size",
        "'same' keeps the size only with stride 1: the output has ceil(H / s) rows. The "
        "windows still start every s cells.",
        lambda x, f, s=None: _avg(x, f, 1, "same"),
    ),
    Misconception(
        "valid_instead_of_same",
        "No padding was added: this is valid average pooling. With 'same', pad so that "
        "there are ceil(H / s) windows along the height (same for the width).",
        lambda x, f, s=None: _avg(x, f, s, "valid"),
    ),
    Misconception(
        "extra_padding_first",
        "When the padding is odd, Keras (and TensorFlow) put the extra cell at the end "
        "(bottom, right), not at the start: pad_before = total // 2.",
        lambda x, f, s=None: wrong.pool_same_by_hand(x, f, s, "avg", extra_first=True),
    ),
    Misconception(
        "half_window_padding",
        "Padding f // 2 cells on each side is PyTorch's habit, not Keras 'same'. 'same' "
        "pads a total of max((out - 1) * s + f - n, 0) cells with out = ceil(n / s), "
        "split with the extra cell at the end.",
        lambda x, f, s=None: wrong.pool_same_by_hand(x, f, s, "avg", half_window=True),
    ),
    Misconception(
        "max_instead_of_mean",
        "This is max pooling: average pooling takes the mean of the real cells of each window.",
        lambda x, f, s=None: POOL2D(x, f, s, padding="same", mode="max"),
    ),
    Misconception(
        "stride_defaults_to_1",
        "When no stride is given, Keras uses stride = pool size, not 1.",
        lambda x, f, s=None: _avg(x, f, 1 if s is None else s, "same"),
    ),
]

lesson.function_exercise(
    "4.2",
    "Average pooling with Keras 'same' padding",
    name="avg_pool_same",
    task="avg_pool_same(x, f, s=None) -> float array (N, ceil(H/s), ceil(W/s), C)",
    reference=lambda x, f, s=None: _avg(x, f, s, "same"),
    cases=_cases_4_2,
    returns="array",
    dtype="float",
    misconceptions=_MISCONCEPTIONS_4_2,
    hints=(
        "Output size first: ceil(H / s) rows and ceil(W / s) columns. Then the total "
        "padding of an axis is max((out - 1) * s + f - n, 0).",
        "Split the total padding with the extra cell at the end: before = total // 2. "
        "A window of output row i then covers rows i * s - before up to i * s - before + f.",
        "Clip each window to the real input (max(start, 0), min(end, H)) and take the "
        "mean of what is left: padded cells are simply not in it.",
    ),
    proves="Your 'same' average pooling matches Keras's rule on 8 cases: odd sizes, "
    "where the padding goes, and padded cells left out of the count.",
)


# --------------------------------------------------------------------------
# 4.3: the depthwise-convolution kernel equal to f x f average pooling
# --------------------------------------------------------------------------
def _kernel(f, channels, value=None):
    return np.full((f, f, channels, 1), 1 / f**2 if value is None else value)


def _cases_4_3() -> list:
    return [
        case("2x2 windows, one channel", f=2, channels=1),
        case("2x2 windows, 3 channels", f=2, channels=3),
        case("3x3 windows, 2 channels", f=3, channels=2),
        case("4x4 windows, 1 channel", f=4, channels=1),
    ]


lesson.function_exercise(
    "4.3",
    "The convolution kernel that equals average pooling",
    name="avg_pool_kernel",
    task="avg_pool_kernel(f, channels) -> float array (f, f, channels, 1)",
    reference=lambda f, channels: _kernel(f, channels),
    cases=_cases_4_3,
    returns="array",
    dtype="float",
    misconceptions=[
        Misconception(
            "ones_kernel",
            "A kernel of ones adds up the window: that is sum pooling, f² times too large. "
            "Each weight must be 1 / f².",
            lambda f, channels: _kernel(f, channels, 1.0),
        ),
        Misconception(
            "divides_by_f",
            "Each weight is 1 / f, so the window's sum is divided by f instead of by the "
            "number of cells, f * f.",
            lambda f, channels: _kernel(f, channels, 1 / f),
        ),
        Misconception(
            "kernel_without_channel_axes",
            "This is a single (f, f) kernel. Keras's DepthwiseConv2D stores one kernel per "
            "channel, as an array of shape (f, f, channels, 1).",
            lambda f, channels: np.full((f, f), 1 / f**2),
        ),
        Misconception(
            "channels_last_axis",
            "The axes are (f, f, 1, channels). DepthwiseConv2D's kernel is (f, f, channels, "
            "depth_multiplier), and the depth multiplier here is 1: (f, f, channels, 1).",
            lambda f, channels: np.full((f, f, 1, channels), 1 / f**2),
        ),
    ],
    hints=(
        "Average pooling weighs every cell of the window equally, and the weights must add "
        "up to 1.",
        "np.full(shape, value) builds an array of one repeated value. The shape Keras's "
        "DepthwiseConv2D expects is (f, f, channels, 1).",
    ),
    proves="Your kernel, used by a depthwise convolution with stride f, computes exactly "
    "f x f average pooling: weights 1 / f², one kernel per channel.",
)


# --------------------------------------------------------------------------
# 4.4: the backward pass of average pooling
# --------------------------------------------------------------------------
def _avg_backward(dout, x, f, s=None):
    return POOL2D_BACKWARD(dout, x, f, s, mode="avg")


def _overwrites(dout, x, f, s=None):
    """Assigns dout / f² to each window's cells, so a later window overwrites a shared cell."""
    s = f if s is None else s
    dx = np.zeros(x.shape, dtype=np.float64)
    for i in range(dout.shape[1]):
        for j in range(dout.shape[2]):
            share = dout[:, i : i + 1, j : j + 1, :] / (f * f)
            dx[:, i * s : i * s + f, j * s : j * s + f, :] = share
    return dx


def _cases_4_4() -> list:
    return [
        case(
            "the article's example, dout = 1 everywhere",
            dout=np.ones((1, 2, 2, 1)),
            x=article_batch(),
            f=2,
            s=2,
        ),
        case(
            "the article's example, a different dout per window",
            dout=np.array([[1.0, 2.0], [3.0, 4.0]])[None, :, :, None],
            x=article_batch(),
            f=2,
            s=2,
        ),
        case(
            "overlapping windows: 3x3, stride 2",
            dout=_dout((1, 2, 2, 1), 81),
            x=normal((1, 5, 5, 1), 82),
            f=3,
            s=2,
        ),
        case(
            "stride > pool: some cells are in no window",
            dout=_dout((1, 2, 3, 2), 83),
            x=normal((1, 5, 8, 2), 84),
            f=2,
            s=3,
        ),
        case(
            "batch of 2, 3 channels, integer input",
            dout=_dout((2, 2, 3, 3), 85),
            x=integers((2, 4, 6, 3), 86),
            f=2,
            s=2,
        ),
        case("stride left out", dout=_dout((1, 2, 2, 2), 87), x=normal((1, 6, 6, 2), 88), f=3),
    ]


lesson.function_exercise(
    "4.4",
    "The backward pass of average pooling",
    name="avg_pool_backward",
    task="avg_pool_backward(dout, x, f, s=None) -> float array dx of x's shape",
    reference=_avg_backward,
    cases=_cases_4_4,
    returns="array",
    dtype="float",
    misconceptions=[
        Misconception(
            "no_division",
            "Every cell of a window received the whole dout. The window's output is the "
            "mean, so each cell's share is dout / (f * f).",
            lambda dout, x, f, s=None: _avg_backward(dout, x, f, s) * f * f,
        ),
        Misconception(
            "divides_by_f",
            "Each cell received dout / f. The window has f * f cells: divide by f * f.",
            lambda dout, x, f, s=None: _avg_backward(dout, x, f, s) * f,
        ),
        Misconception(
            "max_switch",
            "The whole gradient went to the window's maximum: that is max pooling's "
            "backward pass. An average depends on every cell equally.",
            lambda dout, x, f, s=None: POOL2D_BACKWARD(dout, x, f, s, mode="max"),
        ),
        Misconception(
            "overlap_overwrites",
            "Where windows overlap, the last window's share replaced the earlier ones. The "
            "shares add up: use dx[...] += ... instead of dx[...] = ....",
            _overwrites,
        ),
    ],
    hints=(
        "A window's output is (x1 + ... + x_{f²}) / f²: by how much does it change when "
        "one of its cells grows by 1?",
        "dx starts at zero with x's shape (as floats). For every output cell (i, j), add "
        "dout[:, i, j, :] / (f * f) to all cells of its window.",
        "dx[:, r0:r0 + f, c0:c0 + f, :] += dout[:, i:i + 1, j:j + 1, :] / (f * f) handles "
        "all examples and channels at once (the 1-long slices broadcast over the window).",
    ),
    proves="Your backward pass spreads each window's gradient evenly over its cells, adds "
    "up overlaps, and matches the reference on 6 cases.",
)
