"""Exercises of lesson 3: max pooling of an NHWC batch (3.1)."""

from __future__ import annotations

import numpy as np

from course_lib.checks import wrong
from course_lib.checks._arrays import article_batch, integers, negative, normal
from course_lib.checks.kinds import case, function_exercise
from course_lib.checks.references import POOL2D
from course_lib.checks.registry import Misconception


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

function_exercise(
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
