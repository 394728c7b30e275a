"""Exercises of lesson 4: average pooling, valid (4.1) and Keras 'same' (4.2), the one kernel
equal to two stacked stride-1 average poolings (4.3) and the backward pass (4.4).

Over 400 lines: one module per lesson, its exercises in the notebook's order.
"""

from __future__ import annotations

import numpy as np

from course_lib.checks import Lesson, Misconception, case
from course_lib.lessons import wrong
from course_lib.lessons.fixtures import article_batch, integers, normal, ramp
from course_lib.lessons.fixtures import upstream_gradient as _dout
from course_lib.lessons.references import POOL2D, POOL2D_BACKWARD, POOLINGS

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
        "When no stride is given, Keras and PyTorch use stride = pool size, not 1: when s "
        "is None, use the pool size f as the stride.",
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
    forbid=POOLINGS,
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
        "One slice of x holds a window for every example and channel at once; average it "
        "over the height and width axes only (1 and 2), so the channels stay separate.",
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
        "This pads f // 2 cells on each side, as PyTorch's padding=f // 2 does (PyTorch's "
        "default is no padding; f // 2 is the most it allows, and a common choice). Keras "
        "'same' is another rule: it pads a total of max((out - 1) * s + f - n, 0) cells "
        "with out = ceil(n / s), split with the extra cell at the end.",
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
    forbid=POOLINGS,
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
        "Cut each window down to the part that lies inside the real input (a window "
        "starting above row 0 starts at row 0, one reaching past the last row stops there) "
        "and average what is left: the padded cells are then in neither the sum nor the "
        "count.",
    ),
    proves="Your 'same' average pooling matches Keras's rule on 8 cases: odd sizes, "
    "where the padding goes, and padded cells left out of the count.",
)


# --------------------------------------------------------------------------
# 4.3: the one kernel equal to two stacked stride-1 average poolings
# --------------------------------------------------------------------------
def _stacked_kernel(f: int, passes: int = 2, normalise: bool = True) -> np.ndarray:
    """The (k, k) kernel of ``passes`` stride-1 f x f average poolings in a row.

    Along one axis, each pass convolves the weights with a box of f ones; the 2-D kernel
    is the outer product of the 1-D weights. ``normalise=False`` keeps the counts.
    """
    line = np.ones(1)
    for _ in range(passes):
        line = np.convolve(line, np.ones(f))
    kernel = np.outer(line, line)
    return kernel / kernel.sum() if normalise else kernel


def _cases_4_3() -> list:
    return [
        case("2x2 windows, stride 1, twice", f=2),
        case("3x3 windows, stride 1, twice", f=3),
        case("1x1 windows: pooling changes nothing", f=1),
        case("4x4 windows, stride 1, twice", f=4),
    ]


lesson.function_exercise(
    "4.3",
    "One kernel for two stacked average poolings",
    name="stacked_avg_kernel",
    reveal=False,  # the kernel is the answer: never print it
    task="stacked_avg_kernel(f) -> float array (2f - 1, 2f - 1), the kernel",
    reference=lambda f: _stacked_kernel(f),
    cases=_cases_4_3,
    returns="array",
    dtype="float",
    misconceptions=[
        Misconception(
            "one_big_box",
            "Every weight is the same, as if one (2f - 1) x (2f - 1) average pooling did "
            "the job. Count how many pairs of windows (one of the first pooling, one of the "
            "second) reach each input cell: a cell near the centre is reached by more pairs "
            "than a corner cell, so it weighs more.",
            lambda f: np.full((2 * f - 1, 2 * f - 1), 1 / (2 * f - 1) ** 2),
        ),
        Misconception(
            "one_pooling_only",
            "This is the kernel of one f x f average pooling. After two stride-1 poolings an "
            "output cell depends on 2f - 1 input cells along each axis: the second window "
            "reaches f - 1 cells further than the first.",
            lambda f: np.full((f, f), 1 / f**2),
        ),
        Misconception(
            "counts_not_divided",
            "These are the counts of window pairs reaching each cell: right shape and right "
            "pattern, but the weights of an average of averages add up to 1. Divide each "
            "pooling's sum by its number of cells.",
            lambda f: _stacked_kernel(f, normalise=False),
        ),
        Misconception(
            "divided_once",
            "The counts were divided by f * f once. Each of the two poolings divides by its "
            "f * f cells, so the weights must add up to 1.",
            lambda f: _stacked_kernel(f, normalise=False) / f**2,
        ),
    ],
    hints=(
        "Start in one dimension with f = 2: a stride-1 average of 2 cells, then another on "
        "its output. Write the second output as a sum of the original cells: which cells, "
        "and how often does each one appear?",
        "In 2-D each pooling averages along the rows and along the columns independently, "
        "so the kernel is the 1-D weights along the rows times the 1-D weights along the "
        "columns (an outer product).",
        "Plan: the 1-D weights are the counts of how many ways a cell can be reached "
        "through a first window and then a second one (sliding a box of f ones along a box "
        "of f ones gives them), divided by f for each pooling; the 2-D kernel is the outer "
        "product of that 1-D array with itself.",
    ),
    proves="Your kernel, applied as one stride-1 convolution, computes exactly two stacked "
    "stride-1 f x f average poolings: a pyramid of weights that adds up to 1, heaviest in "
    "the centre.",
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


def _window_axes_dropped(dout, x, f, s=None):
    """Adds each output cell's gradient taken *without* its window axes, shape (N, C).

    NumPy lines shapes up from the last axis, so the (N, C) share meets the window's
    (N, f, f, C) slice as if N were the window's width: right for a batch of one,
    silently wrong when N equals f, an error otherwise.
    """
    s = f if s is None else s
    dx = np.zeros(x.shape, dtype=np.float64)
    for i in range(dout.shape[1]):
        for j in range(dout.shape[2]):
            dx[:, i * s : i * s + f, j * s : j * s + f, :] += dout[:, i, j, :] / (f * f)
    return dx


WINDOW_AXES_DROPPED = (
    "The gradient of one output cell was taken with its window axes dropped: one value per "
    "example and channel, shape (N, C), added to a window of shape (N, f, f, C). NumPy then "
    "broadcasts (stretches an array along the axes it lacks, lining the shapes up from the "
    "last axis), so it pairs C with C but N with the window's width: the examples' "
    "gradients are spread across the window's columns instead of each staying in its own "
    "example. That is right for a batch of one and silently wrong when the batch size equals "
    "f, as here (2 examples, 2x2 windows). Keep the window axes when you take the share: "
    "one value per example and channel, shaped (N, 1, 1, C), so that it is stretched over "
    "the window's height and width only."
)


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
    forbid=(POOL2D_BACKWARD,),
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
            "mean, so each cell's share is dout divided by the number of cells in the window, "
            "f * f.",
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
            "shares add up: add each share to what the cell already holds instead of "
            "replacing it.",
            _overwrites,
        ),
        Misconception("window_axes_dropped", WINDOW_AXES_DROPPED, _window_axes_dropped),
    ],
    hints=(
        "A window's output is (x1 + ... + x_{f²}) / f²: by how much does it change when "
        "one of its cells grows by 1?",
        "Start dx at zero, with x's shape and a float dtype. Then visit the output cells one "
        "by one: each output cell's window is where its gradient goes.",
        "Plan: for each output cell, take its gradient, split it into equal shares, one for "
        "each cell of its window, and add one share to every cell of that window, for all "
        "examples and channels at once. The share of one window has one value per example "
        "and channel and must keep its two window axes (shape (N, 1, 1, C)), so that NumPy "
        "stretches it over the window's height and width and never mixes up examples. "
        "Adding (never overwriting) lets the shares of overlapping windows pile up.",
    ),
    proves="Your backward pass spreads each window's gradient evenly over its cells, adds "
    "up overlaps, and matches the reference on 6 cases.",
)
