"""Exercises of lesson 5: global max (5.1) and global average (5.2) pooling."""

from __future__ import annotations

import numpy as np

from course_lib.checks import Lesson, Misconception, case
from course_lib.lessons.fixtures import article_batch, integers, normal
from course_lib.lessons.references import GLOBAL_POOL2D

lesson = Lesson(__name__)


def _cases() -> list:
    return [
        case("the article's 4x4 example", x=article_batch()),
        case("non-square, 3 channels, batch of 2", x=normal((2, 5, 7, 3), 61)),
        case("batch of 3, 5 channels", x=normal((3, 4, 4, 5), 62)),
        case("float32 input", x=normal((1, 3, 6, 2), 63, np.float32)),
        case("integers, 6 channels", x=integers((4, 2, 3, 6), 64)),
        case("1x1 maps", x=normal((2, 1, 1, 3), 65)),
    ]


def _common(reduce, name: str, word: str) -> list:
    """The misconceptions shared by global max and global average pooling."""
    return [
        Misconception(
            "channel_axis",
            f"The {word} is taken over the channels (axis 3), giving one number per "
            "pixel. Global pooling reduces the height and width, axes 1 and 2, and keeps "
            "one number per channel: shape (N, C).",
            lambda x: reduce(x, axis=3),
        ),
        Misconception(
            "keepdims",
            "The result kept the height and width axes with size 1, shape (N, 1, 1, C). "
            "The task asks for (N, C) (Keras's keepdims=False, the default).",
            lambda x: reduce(x, axis=(1, 2), keepdims=True),
        ),
        Misconception(
            "over_batch_too",
            f"The {word} is taken over the batch too (axis 0): examples must stay apart, "
            "one row per example.",
            lambda x: reduce(x, axis=(0, 1, 2)),
        ),
        Misconception(
            "whole_array",
            f"This is one {word} of the whole array. Reduce only axes 1 and 2 to keep one "
            "number per example and channel.",
            lambda x: reduce(x),
        ),
        Misconception(
            "channels_first",
            "The input is read as (N, C, H, W), reducing axes 2 and 3. The course's "
            "arrays are channels-last, (N, H, W, C): reduce axes 1 and 2.",
            lambda x: reduce(x, axis=(2, 3)),
        ),
        Misconception(
            "transposed_output",
            "The result is (C, N): rows must be examples and columns channels, (N, C).",
            lambda x: reduce(x, axis=(1, 2)).T,
        ),
        Misconception(
            "height_only",
            "Only the height (axis 1) was reduced; the width must go too: axis=(1, 2).",
            lambda x: reduce(x, axis=1),
        ),
    ]


lesson.function_exercise(
    "5.1",
    "Global max pooling",
    name="global_max_pool",
    task="global_max_pool(x) -> array (N, C)",
    reference=lambda x: GLOBAL_POOL2D(x, "max"),
    cases=_cases,
    returns="array",
    dtype="same",
    misconceptions=[
        *_common(np.max, "global_max_pool", "max"),
        Misconception(
            "mean_instead_of_max",
            "This is global *average* pooling. Global max pooling keeps each channel's "
            "largest value.",
            lambda x: GLOBAL_POOL2D(x, "avg"),
        ),
    ],
    hints=(
        "Global pooling is pooling with one window as big as the whole map: one number "
        "per example and per channel.",
        "NumPy reductions take several axes at once: axis=(1, 2) reduces height and width.",
    ),
    proves="Your global max pooling returns (N, C), one maximum per example and channel, "
    "on 6 cases including 1x1 maps and integer input.",
)


def _truncated_mean(x):
    out = GLOBAL_POOL2D(x, "avg")
    return out.astype(x.dtype) if x.dtype.kind in "iu" else out


lesson.function_exercise(
    "5.2",
    "Global average pooling",
    name="global_avg_pool",
    task="global_avg_pool(x) -> float array (N, C)",
    reference=lambda x: GLOBAL_POOL2D(x, "avg"),
    cases=_cases,
    returns="array",
    dtype="float",
    misconceptions=[
        *_common(np.mean, "global_avg_pool", "mean"),
        Misconception(
            "max_instead_of_mean",
            "This is global *max* pooling. Global average pooling takes each channel's mean.",
            lambda x: GLOBAL_POOL2D(x, "max"),
        ),
        Misconception(
            "sum_instead_of_mean",
            "This is each channel's sum: divide by the number of cells, H * W.",
            lambda x: x.sum(axis=(1, 2)),
        ),
        Misconception(
            "integer_output",
            "The means were stored as integers, which cuts off the fractions (4.0625 "
            "became 4). Keep the result as floats.",
            _truncated_mean,
        ),
    ],
    hints=(
        "One window as big as the map: one number per example and channel, shape (N, C).",
        "x.mean(...) can reduce several axes at once. Which axes are height and width "
        "in (N, H, W, C)?",
    ),
    proves="Your global average pooling returns (N, C) float means on 6 cases, "
    "including integer input (the article's 4.0625).",
)
