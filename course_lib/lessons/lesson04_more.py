"""More exercises of lesson 4: the convolution kernel that equals average pooling (4.3) and
the backward pass of average pooling (4.4).

Exercises 4.1 and 4.2 live in :mod:`course_lib.lessons.lesson04`.
"""

from __future__ import annotations

import numpy as np

from course_lib.checks import Lesson, Misconception, case
from course_lib.lessons.fixtures import article_batch, integers, normal
from course_lib.lessons.fixtures import upstream_gradient as _dout
from course_lib.lessons.references import POOL2D_BACKWARD

lesson = Lesson(__name__)


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
