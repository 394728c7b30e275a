"""Exercises of lesson 5: global max (5.1) and global average (5.2) pooling, head
parameters (5.3), global average pooling as average pooling with a full window (5.4), and a
class activation map from given weights (5.5)."""

from __future__ import annotations

import numpy as np

from course_lib.checks import Lesson, Misconception, case
from course_lib.lessons import wrong
from course_lib.lessons.fixtures import article_batch, integers, normal
from course_lib.lessons.references import GLOBAL_POOL2D, POOL2D

lesson = Lesson(__name__)

# --------------------------------------------------------------------------
# 5.1 and 5.2: global max and global average pooling
# --------------------------------------------------------------------------


def _cases_5_1() -> list:
    return [
        case("the article's 4x4 example", x=article_batch()),
        case("non-square, 3 channels, batch of 2", x=normal((2, 5, 7, 3), 61)),
        case("batch of 3, 5 channels", x=normal((3, 4, 4, 5), 62)),
        case("float32 input", x=normal((1, 3, 6, 2), 63, np.float32)),
        case("integers, 6 channels", x=integers((4, 2, 3, 6), 64)),
        case("1x1 maps", x=normal((2, 1, 1, 3), 65)),
    ]


def _global_misconceptions(reduce, word: str) -> list:
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
    cases=_cases_5_1,
    returns="array",
    dtype="same",
    misconceptions=[
        *_global_misconceptions(np.max, "max"),
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


lesson.function_exercise(
    "5.2",
    "Global average pooling",
    name="global_avg_pool",
    task="global_avg_pool(x) -> float array (N, C)",
    reference=lambda x: GLOBAL_POOL2D(x, "avg"),
    cases=_cases_5_1,
    returns="array",
    dtype="float",
    misconceptions=[
        *_global_misconceptions(np.mean, "mean"),
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
            lambda x: wrong.in_input_dtype(GLOBAL_POOL2D(x, "avg"), x),
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


# --------------------------------------------------------------------------
# 5.3: parameters of two classifier heads
# --------------------------------------------------------------------------
HEAD_MAP = (8, 8, 256)
"""Height, width and channels of the last feature map in exercise 5.3."""
HEAD_CLASSES = 10


def _head_counts(with_bias: bool = True) -> tuple[int, int]:
    h, w, c = HEAD_MAP
    bias = HEAD_CLASSES if with_bias else 0
    return (h * w * c * HEAD_CLASSES + bias, c * HEAD_CLASSES + bias)


lesson.value_exercise(
    "5.3",
    "Parameters of a Flatten head and of a GAP head",
    expected=lambda: _head_counts(),
    misconceptions=[
        Misconception(
            "no_bias",
            "Both counts miss the biases: a Dense layer with k outputs also has k biases, "
            "one per class.",
            lambda: _head_counts(with_bias=False),
        ),
        Misconception(
            "gap_keeps_the_positions",
            "Global average pooling leaves one number per channel, not H * W * C numbers: "
            "the Dense layer after it has only C * classes weights (plus the biases).",
            lambda: (_head_counts()[0], _head_counts()[0]),
        ),
        Misconception(
            "gap_averages_channels",
            "Global pooling averages over the positions (height and width), keeping the "
            "channels: 256 numbers, not 8 * 8 = 64.",
            lambda: (_head_counts()[0], HEAD_MAP[0] * HEAD_MAP[1] * HEAD_CLASSES + HEAD_CLASSES),
        ),
        Misconception(
            "pooling_has_weights",
            "The global pooling layer has no parameters: only the Dense layer after it "
            "counts, C * classes + classes.",
            lambda: (_head_counts()[0], _head_counts()[1] + HEAD_MAP[2]),
        ),
    ],
    hints=(
        "A Dense layer from n inputs to k outputs has n * k weights and k biases.",
        "After Flatten, n = H * W * C. After global average pooling, n = C.",
    ),
    proves="You can count a classifier head's parameters with and without global pooling.",
    task="a pair (flatten_dense_params, gap_dense_params)",
)


# --------------------------------------------------------------------------
# 5.4: global average pooling is average pooling with a full-size window
# --------------------------------------------------------------------------
def _cases_5_4() -> list:
    return [
        case("the article's 4x4 example", x=article_batch()),
        case("non-square maps, 3 channels, batch of 2", x=normal((2, 3, 6, 3), 91)),
        case("tall maps", x=normal((1, 7, 2, 2), 92)),
        case("integers", x=integers((3, 4, 5, 4), 93)),
    ]


lesson.function_exercise(
    "5.4",
    "Global average pooling as average pooling with one big window",
    name="gap_with_pool2d",
    task="gap_with_pool2d(x) -> float array (N, C), computed with pool2d(..., mode='avg')",
    reference=lambda x: GLOBAL_POOL2D(x, "avg"),
    cases=_cases_5_4,
    returns="array",
    dtype="float",
    misconceptions=[
        Misconception(
            "square_window",
            "The window was H x H (a square), which covers only part of a non-square map. "
            "The window must be the whole map: pool_size=(H, W).",
            lambda x: POOL2D(x, x.shape[1], mode="avg")[:, 0, 0, :],
        ),
        Misconception(
            "kept_dims",
            "pool2d returns shape (N, 1, 1, C). Global pooling returns (N, C): drop the two "
            "size-1 axes, e.g. out[:, 0, 0, :].",
            lambda x: GLOBAL_POOL2D(x, "avg", keepdims=True),
        ),
        Misconception(
            "max_mode",
            "This is global *max* pooling: pass mode='avg' to pool2d.",
            lambda x: GLOBAL_POOL2D(x, "max"),
        ),
    ],
    hints=(
        "With pool_size equal to the map's size (H, W) there is exactly one window.",
        "pool2d(x, pool_size=(x.shape[1], x.shape[2]), mode='avg') has shape (N, 1, 1, C).",
    ),
    proves="Global average pooling is average pooling whose single window is the whole "
    "map: your pool2d version matches GlobalAveragePooling2D's rule on 4 cases.",
)


# --------------------------------------------------------------------------
# 5.5: a class activation map from given weights
# --------------------------------------------------------------------------
def _cam(features, weights, c):
    return features @ weights[:, c]


def _cases_5_5() -> list:
    small_features = np.array(
        [[[1.0, 0.0], [2.0, 1.0]], [[0.0, 3.0], [1.0, 1.0]]]
    )  # (2, 2, 2): 2x2 positions, 2 channels
    small_weights = np.array([[1.0, -1.0], [0.5, 2.0]])  # (2 channels, 2 classes)
    rng = np.random.default_rng(95)
    return [
        case(
            "2x2 positions, 2 channels, class 0",
            features=small_features,
            weights=small_weights,
            c=0,
        ),
        case("the same, class 1", features=small_features, weights=small_weights, c=1),
        case(
            "4x4 positions, 3 channels, 3 classes",
            features=np.round(np.abs(rng.normal(size=(4, 4, 3))), 2),
            weights=np.round(rng.normal(size=(3, 3)), 2),
            c=2,
        ),
        case(
            "5x7 positions, 8 channels, 10 classes",
            features=np.round(np.abs(rng.normal(size=(5, 7, 8))), 2),
            weights=np.round(rng.normal(size=(8, 10)), 2),
            c=4,
        ),
    ]


lesson.function_exercise(
    "5.5",
    "A class activation map from given weights",
    name="class_activation_map",
    task="class_activation_map(features, weights, c) -> float array (H, W)",
    reference=_cam,
    cases=_cases_5_5,
    returns="array",
    dtype="float",
    misconceptions=[
        Misconception(
            "clipped_at_zero",
            "Negative values were cut to 0. A class activation map keeps them: positions "
            "that speak *against* the class lower its score, which is the map's mean.",
            lambda features, weights, c: np.maximum(_cam(features, weights, c), 0),
        ),
        Misconception(
            "all_classes_summed",
            "The weights of every class were added up. The map of class c uses only the "
            "weights of class c: the column weights[:, c].",
            lambda features, weights, c: features @ weights.sum(axis=1),
        ),
        Misconception(
            "unweighted_channels",
            "The channels were added without the class's weights. Each channel k counts "
            "with weight weights[k, c].",
            lambda features, weights, c: features.sum(axis=2),
        ),
        Misconception(
            "averaged_to_a_score",
            "This is the map's mean, the class score without its bias: the task asks for "
            "the map itself, one value per position, shape (H, W).",
            lambda features, weights, c: np.asarray(_cam(features, weights, c).mean()),
        ),
    ],
    hints=(
        "The map has one value per position (i, j): the sum over channels k of "
        "features[i, j, k] * weights[k, c].",
        "That sum over the last axis of features is a matrix product: features, of shape "
        "(H, W, K), times the class's column of weights, of shape (K,), gives (H, W).",
    ),
    proves="Your class activation map weighs each channel by the class's weight, keeps "
    "negative evidence, and matches the reference on 4 cases; its mean plus the bias "
    "is the class score.",
)
