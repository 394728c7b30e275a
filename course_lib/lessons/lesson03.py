"""Exercises of lesson 3: max pooling of an NHWC batch (3.1)."""

from __future__ import annotations

import numpy as np

from course_lib.checks import Lesson, Misconception, case
from course_lib.lessons import wrong
from course_lib.lessons.fixtures import article_batch, integers, negative, normal
from course_lib.lessons.references import POOL2D

lesson = Lesson(__name__)


def _reference(x, f, s=None):
    return POOL2D(x, f, s, mode="max")


def _cases() -> list:
    return [
        case("the article's 4x4 example", x=article_batch(), f=2, s=2),
        case("stride left out: it defaults to the pool size", x=article_batch(), f=2),
        case("non-square, 3 channels, batch of 2", x=normal((2, 5, 7, 3), 31), f=2, s=2),
        case("only negative values", x=negative((1, 4, 6, 2), 32), f=2, s=2),
        case("overlapping windows: stride < pool", x=normal((1, 6, 6, 2), 33), f=3, s=1),
        case("stride > pool: some cells are skipped", x=normal((1, 7, 9, 2), 34), f=2, s=3),
        case("3x3 windows, stride 2, non-square", x=integers((3, 7, 5, 4), 35), f=3, s=2),
        case("float32 input keeps float32", x=normal((1, 4, 6, 3), 36, np.float32), f=2, s=2),
        case("stride left out, 3x3 windows", x=normal((1, 6, 9, 2), 37), f=3),
        case("one window covers the whole map", x=normal((2, 3, 3, 2), 38), f=3, s=3),
    ]


def _across_channels(x, f, s=None):
    m = POOL2D(x.max(axis=3, keepdims=True), f, s, mode="max")
    return np.broadcast_to(m, (*m.shape[:3], x.shape[3]))


MISCONCEPTIONS = [
    Misconception(
        "mean_instead_of_max",
        "This is average pooling: each window's mean. Max pooling keeps each window's "
        "largest value.",
        lambda x, f, s=None: POOL2D(x, f, s, mode="avg"),
    ),
    Misconception(
        "stride_defaults_to_1",
        "When no stride is given, Keras and PyTorch use stride = pool size "
        "(non-overlapping windows), not 1. Write `if s is None: s = f`.",
        lambda x, f, s=None: POOL2D(x, f, 1 if s is None else s, mode="max"),
    ),
    Misconception(
        "max_starts_at_zero",
        "The running maximum starts at 0, so a window of negative values gives 0. Start "
        "from the window's first cell (or -inf), or take np.max of the whole window.",
        lambda x, f, s=None: np.maximum(POOL2D(x, f, s, mode="max"), 0),
    ),
    Misconception(
        "pools_across_channels",
        "The max is taken over the channels too, so every channel gets the same value. "
        "Pooling works on each channel on its own: reduce over the window's height and "
        "width only (axes 1 and 2 of x[:, rows, cols, :]).",
        _across_channels,
    ),
    Misconception(
        "channels_first",
        "The input is read as (N, C, H, W). The course's arrays are channels-last, "
        "(N, H, W, C), as in Keras: height is axis 1, width axis 2, channels axis 3.",
        lambda x, f, s=None: POOL2D(x, f, s, mode="max", data_format="channels_first"),
    ),
    Misconception(
        "transposed_output",
        "Rows and columns of the output are swapped: output[:, i, j] must come from the "
        "window in row i and column j.",
        lambda x, f, s=None: POOL2D(x, f, s, mode="max").transpose(0, 2, 1, 3),
    ),
    Misconception(
        "flattened_output",
        "The output is flattened. Return the pooled maps with shape (N, H_out, W_out, C).",
        lambda x, f, s=None: POOL2D(x, f, s, mode="max").reshape(x.shape[0], -1),
    ),
    Misconception(
        "partial_edge_windows",
        "Windows start at every s-th cell up to the edge (range(0, H, s)), so the last "
        "ones are cut off. With valid padding a window must fit entirely: starts go up "
        "to H - f, and there are (H - f) // s + 1 of them.",
        lambda x, f, s=None: wrong.pool_partial_edges(x, f, f if s is None else s, "max"),
    ),
    Misconception(
        "missing_last_window",
        "The last row and column of windows are missing: the loops run (H - f) // s "
        "times instead of (H - f) // s + 1.",
        lambda x, f, s=None: POOL2D(x, f, s, mode="max")[:, :-1, :-1, :],
    ),
]

lesson.function_exercise(
    "3.1",
    "Max pooling of an NHWC batch",
    name="max_pool",
    task="max_pool(x, f, s=None) -> array (N, H_out, W_out, C)",
    reference=_reference,
    cases=_cases,
    returns="array",
    dtype="same",
    misconceptions=MISCONCEPTIONS,
    hints=(
        "First work out the output shape: N and C stay, H_out = (H - f) // s + 1 and "
        "the same for W. Create the output with that shape and x's dtype.",
        "Loop over the output rows i and columns j. The window of output (i, j) starts "
        "at row i * s and column j * s and is f cells high and wide.",
        "x[:, r0:r0 + f, c0:c0 + f, :] is that window for every example and channel at "
        "once; reduce it over axes 1 and 2 (not 3: channels stay separate).",
    ),
    proves="Your max pooling matches the reference on 10 cases: the article's example, "
    "the default stride, negative values, overlapping and skipping windows, "
    "non-square batches with several channels, and dtypes.",
)


# --------------------------------------------------------------------------
# 3.5: max pooling with Keras 'same' padding: padded cells never win
# --------------------------------------------------------------------------
def _cases_3_5() -> list:
    return [
        case("the article's example: no padding needed", x=article_batch(), f=2, s=2),
        case("3x3 negative map: one padded row and column", x=negative((1, 3, 3, 1), 53), f=2, s=2),
        case("negative values, 5x5, 2 channels", x=negative((1, 5, 5, 2), 54), f=2, s=2),
        case("3x3 windows, stride 2, non-square", x=normal((2, 5, 7, 3), 55), f=3, s=2),
        case("stride 1: 'same' keeps the size", x=normal((1, 6, 6, 2), 56), f=3, s=1),
        case("stride > pool", x=normal((1, 7, 9, 2), 57), f=2, s=3),
        case("stride left out: it defaults to the pool size", x=negative((1, 5, 7, 2), 58), f=3),
        case("integers keep their dtype", x=integers((2, 5, 5, 3), 59), f=3, s=2),
    ]


def _same_explicit(x, f, s=None, *, fill=np.nan, extra_first=False, half_window=False):
    """Max pooling with 'same'-like padding built by hand, for the wrong ideas below."""
    s = f if s is None else s
    if half_window:
        ph = pw = (f // 2, f // 2)
    else:
        ph = wrong.same_pads(x.shape[1], f, s, extra_first)
        pw = wrong.same_pads(x.shape[2], f, s, extra_first)
    return wrong.pool_explicit(x, f, s, ph, pw, "max", fill)


MISCONCEPTIONS_3_5 = [
    Misconception(
        "zero_padding",
        "The padding was filled with zeros, so a window of negative values that touches "
        "it reports 0, a value that is nowhere in the input. Padded cells must never win a "
        "max: treat them as -inf (or leave them out of the window).",
        lambda x, f, s=None: _same_explicit(x, f, s, fill=0.0),
    ),
    Misconception(
        "valid_instead_of_same",
        "No padding was added: this is valid max pooling. With 'same', pad so that there "
        "are ceil(H / s) windows along the height (same for the width).",
        lambda x, f, s=None: POOL2D(x, f, s, padding="valid", mode="max"),
    ),
    Misconception(
        "same_keeps_size",
        "'same' keeps the size only with stride 1: the output has ceil(H / s) rows, and "
        "the windows still start every s cells.",
        lambda x, f, s=None: POOL2D(x, f, 1, padding="same", mode="max"),
    ),
    Misconception(
        "extra_padding_first",
        "When the padding is odd, Keras puts the extra cell at the end (bottom, right), "
        "not at the start: pad_before = total // 2.",
        lambda x, f, s=None: _same_explicit(x, f, s, extra_first=True),
    ),
    Misconception(
        "half_window_padding",
        "Padding f // 2 cells on each side is PyTorch's habit, not Keras 'same'. 'same' "
        "pads a total of max((out - 1) * s + f - n, 0) cells with out = ceil(n / s), the "
        "extra cell at the end.",
        lambda x, f, s=None: _same_explicit(x, f, s, half_window=True),
    ),
    Misconception(
        "mean_instead_of_max",
        "This is average pooling: max pooling keeps each window's largest real value.",
        lambda x, f, s=None: POOL2D(x, f, s, padding="same", mode="avg"),
    ),
    Misconception(
        "stride_defaults_to_1",
        "When no stride is given, Keras uses stride = pool size, not 1.",
        lambda x, f, s=None: POOL2D(x, f, 1 if s is None else s, padding="same", mode="max"),
    ),
]

lesson.function_exercise(
    "3.5",
    "Max pooling with Keras 'same' padding",
    name="max_pool_same",
    task="max_pool_same(x, f, s=None) -> array (N, ceil(H/s), ceil(W/s), C)",
    reference=lambda x, f, s=None: POOL2D(x, f, s, padding="same", mode="max"),
    cases=_cases_3_5,
    returns="array",
    dtype="same",
    misconceptions=MISCONCEPTIONS_3_5,
    hints=(
        "Output size first: ceil(H / s) rows and ceil(W / s) columns. The total padding "
        "of an axis is max((out - 1) * s + f - n, 0), with total // 2 cells before the input.",
        "What value can a padded cell hold so that it never wins a max, whatever the input? "
        "Zero is not it when the input is negative.",
        "Either pad with -inf (np.full(..., -np.inf), then copy x inside; cast back to x's "
        "dtype at the end), or clip each window to the real input, "
        "rows max(r0, 0) to min(r0 + f, H), and take its max.",
    ),
    proves="Your 'same' max pooling matches Keras on 8 cases: padded cells never win, "
    "even next to negative values, and the extra padding cell goes at the end.",
)
