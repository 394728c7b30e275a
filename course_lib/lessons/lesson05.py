"""Exercises of lesson 5: global max pooling of a batch (5.1), global average pooling of a
zero-padded batch of images of different sizes (5.2), head parameters (5.3), any windowed
pooling made global (5.4), and where a network looked, from its features and head (5.5).

Over 400 lines: one module per lesson, its exercises in the notebook's order.
"""

from __future__ import annotations

import numpy as np

from course_lib.checks import Lesson, Misconception, case
from course_lib.lessons.fixtures import article_batch, integers, normal
from course_lib.lessons.references import GLOBAL_POOL2D, POOLINGS

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
            "arrays are channels-last, (N, H, W, C): the height and width come first.",
            lambda x: reduce(x, axis=(2, 3)),
        ),
        Misconception(
            "transposed_output",
            "The result is (C, N): rows must be examples and columns channels, (N, C).",
            lambda x: reduce(x, axis=(1, 2)).T,
        ),
        Misconception(
            "height_only",
            "Only the height (axis 1) was reduced; the width must go too.",
            lambda x: reduce(x, axis=1),
        ),
    ]


lesson.function_exercise(
    "5.1",
    "Global max pooling",
    forbid=(*POOLINGS, GLOBAL_POOL2D),
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
        "NumPy reductions accept a tuple of axes. In (N, H, W, C), which two axes are the "
        "height and the width?",
    ),
    proves="Your global max pooling returns (N, C), one maximum per example and channel, "
    "on 6 cases including 1x1 maps and integer input: it reduces the height and width of a "
    "whole batch at once.",
)


def _padded_batch(
    sizes: list[tuple[int, int]], shape: tuple[int, int], channels: int, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    """Images of the given sizes, zero-padded at the bottom and right to ``shape``, and the
    mask of their real pixels (True)."""
    rng = np.random.default_rng(seed)
    x = np.zeros((len(sizes), *shape, channels))
    mask = np.zeros((len(sizes), *shape), dtype=bool)
    for i, (h, w) in enumerate(sizes):
        x[i, :h, :w] = np.round(rng.uniform(0.0, 3.0, size=(h, w, channels)), 2)
        mask[i, :h, :w] = True
    return x, mask


def _padded_case(label: str, sizes: list[tuple[int, int]], channels: int, seed: int):
    """A case of exercise 5.2: images of ``sizes`` padded to the largest height and width."""
    shape = (max(h for h, _ in sizes), max(w for _, w in sizes))
    x, mask = _padded_batch(sizes, shape, channels, seed)
    return case(label, x=x, mask=mask)


def _masked_mean(x: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """The mean of each image's real pixels, per channel: (N, H, W, C), (N, H, W) -> (N, C)."""
    total = (x * mask[..., None]).sum(axis=(1, 2))
    return total / mask.sum(axis=(1, 2)).reshape(-1, 1)


def _cases_5_2() -> list:
    article = article_batch().astype(float)
    article_padded = np.zeros((1, 5, 6, 1))
    article_padded[:, :4, :4] = article
    article_mask = np.zeros((1, 5, 6), dtype=bool)
    article_mask[:, :4, :4] = True
    return [
        case("the article's 4x4 map, padded to 5x6", x=article_padded, mask=article_mask),
        case("nothing padded", x=normal((2, 3, 4, 2), 66), mask=np.ones((2, 3, 4), dtype=bool)),
        _padded_case("3 images, 2 of them padded, 3 channels", [(4, 6), (2, 3), (4, 2)], 3, 67),
        _padded_case("4 images of different sizes, 2 channels", [(5, 5), (1, 4), (3, 2)], 2, 68),
    ]


lesson.function_exercise(
    "5.2",
    "Global average pooling of a padded batch",
    forbid=(GLOBAL_POOL2D,),
    name="masked_global_avg_pool",
    task="masked_global_avg_pool(x, mask) -> float array (N, C)",
    reference=lambda x, mask: _masked_mean(x, mask),
    cases=_cases_5_2,
    returns="array",
    dtype="float",
    misconceptions=[
        Misconception(
            "padding_counted",
            "This is the plain global average: the padded zeros were counted as pixels, so "
            "every padded image's average is pulled towards 0. Divide each image's sum by "
            "the number of ITS real pixels (where mask is True).",
            lambda x, mask: x.mean(axis=(1, 2)),
        ),
        Misconception(
            "one_count_for_the_batch",
            "Each image's sum was divided by the number of real pixels in the whole batch. "
            "Every image has its own count: count the True cells of its own mask.",
            lambda x, mask: (x * mask[..., None]).sum(axis=(1, 2)) / mask.sum(),
        ),
        Misconception(
            "sum_not_mean",
            "This is each channel's sum over the real pixels: divide it by the number of "
            "real pixels of that image to get the average.",
            lambda x, mask: (x * mask[..., None]).sum(axis=(1, 2)),
        ),
        Misconception(
            "max_instead_of_mean",
            "This is global *max* pooling. The task asks for the average of the real pixels.",
            lambda x, mask: np.where(mask[..., None], x, -np.inf).max(axis=(1, 2)),
        ),
    ],
    hints=(
        "For one image and one channel: add up the real pixels, then divide by how many "
        "there are. The mask says which pixels are real.",
        "mask has shape (N, H, W) and x (N, H, W, C): give mask a last axis of size 1 so "
        "that it lines up with every channel.",
        "A plan in words: zero out (or keep only) the real pixels, sum over height and "
        "width, and divide each image's row of sums by that image's count of True cells, "
        "keeping the count's shape compatible with (N, C).",
    ),
    proves="Your global average pooling ignores padding: each image's channels are "
    "averaged over its own real pixels, on 4 cases with images of different sizes.",
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
            "Global average pooling leaves one number per channel, not H * W * C numbers, "
            "so the Dense layer after it has far fewer inputs to connect to the classes.",
            lambda: (_head_counts()[0], _head_counts()[0]),
        ),
        Misconception(
            "gap_averages_channels",
            "Global pooling averages over the positions (height and width), keeping the "
            "channels: 256 numbers, not 8 * 8 = 64.",
            lambda: (_head_counts()[0], HEAD_MAP[0] * HEAD_MAP[1] * HEAD_CLASSES + HEAD_CLASSES),
        ),
        Misconception(
            "flatten_forgot_channels",
            "Your Flatten count uses only the H * W positions. Flatten unrolls every "
            "position of every channel: the Dense layer after it has H * W * C inputs, each "
            "connected to every class.",
            lambda: (HEAD_MAP[0] * HEAD_MAP[1] * HEAD_CLASSES + HEAD_CLASSES, _head_counts()[1]),
        ),
        Misconception(
            "one_output",
            "Both counts are for a Dense layer with one output. The head scores 10 classes: "
            "every input is connected to each of the 10 outputs, and each output has its "
            "own bias.",
            lambda: (HEAD_MAP[0] * HEAD_MAP[1] * HEAD_MAP[2] + 1, HEAD_MAP[2] + 1),
        ),
        Misconception(
            "pooling_has_weights",
            "Your GAP count has more than the Dense layer's parameters. The global pooling "
            "layer only averages: it has no parameters of its own.",
            lambda: (_head_counts()[0], _head_counts()[1] + HEAD_MAP[2]),
        ),
    ],
    hints=(
        "Only the Dense layer learns anything: Flatten and global pooling have no "
        "parameters. So first ask how many numbers each of them hands to the Dense layer.",
        "Lesson 5, section 3 counted the same two heads for a 7x7x512 map and 1000 classes, "
        "layer by layer: redo that count with this exercise's sizes.",
    ),
    proves="You can count a classifier head's parameters with and without global pooling.",
    task="a pair (flatten_dense_params, gap_dense_params)",
)


# --------------------------------------------------------------------------
# 5.4: any windowed pooling, made global
# --------------------------------------------------------------------------
def _window_pooling(reduce, name: str):
    """A pooling function ``pool(x, pool_size)`` (stride = window, no padding) built on
    ``reduce(windows, axis=(-2, -1))``: the kind of function exercise 5.4 receives."""

    def pool(x: np.ndarray, pool_size) -> np.ndarray:
        fh, fw = (pool_size, pool_size) if np.ndim(pool_size) == 0 else pool_size
        x = np.asarray(x)
        windows = np.lib.stride_tricks.sliding_window_view(x, (int(fh), int(fw)), axis=(1, 2))
        return reduce(windows[:, :: int(fh), :: int(fw)], axis=(-2, -1))

    pool.__name__ = name
    pool.__qualname__ = name
    return pool


def _rms(windows: np.ndarray, axis: tuple[int, int]) -> np.ndarray:
    return np.sqrt(np.mean(np.asarray(windows, dtype=float) ** 2, axis=axis))


AVG_POOL = _window_pooling(np.mean, "average_pooling")
MAX_POOL = _window_pooling(np.max, "max_pooling")
MEDIAN_POOL = _window_pooling(np.median, "median_pooling")
RMS_POOL = _window_pooling(_rms, "rms_pooling")


def _global_with(pool, x):
    return pool(x, (x.shape[1], x.shape[2]))[:, 0, 0, :]


def _cases_5_4() -> list:
    return [
        case("average pooling, the article's 4x4 example", pool=AVG_POOL, x=article_batch()),
        case("max pooling, non-square maps, 3 channels", pool=MAX_POOL, x=normal((2, 3, 6, 3), 91)),
        case("median pooling, tall maps", pool=MEDIAN_POOL, x=normal((1, 7, 2, 2), 92)),
        case("root-mean-square pooling, integers", pool=RMS_POOL, x=integers((3, 4, 5, 4), 93)),
        case("average pooling, wide maps", pool=AVG_POOL, x=normal((2, 2, 5, 3), 94)),
    ]


lesson.function_exercise(
    "5.4",
    "Any pooling, made global",
    forbid=(GLOBAL_POOL2D,),
    name="make_global",
    task="make_global(pool, x) -> array (N, C), computed by calling pool once",
    reference=_global_with,
    cases=_cases_5_4,
    returns="array",
    dtype=None,
    misconceptions=[
        Misconception(
            "pool_not_called",
            "Your function computes the mean of each map itself instead of calling the "
            "pooling function it receives. It is right only when pool is average pooling; "
            "the checker also passes max, median and root-mean-square pooling. Call pool "
            "with one window as large as the map.",
            lambda pool, x: x.mean(axis=(1, 2)),
        ),
        Misconception(
            "max_computed_directly",
            "Your function computes each map's maximum itself instead of calling the "
            "pooling function it receives: right only when pool is max pooling. Call pool "
            "with one window as large as the map.",
            lambda pool, x: x.max(axis=(1, 2)),
        ),
        Misconception(
            "square_window",
            "The window was H x H (a square), which covers only part of a non-square map. "
            "The window must be the whole map: as tall as the map and as wide.",
            lambda pool, x: pool(x, x.shape[1])[:, 0, 0, :],
        ),
        Misconception(
            "kept_dims",
            "pool returns shape (N, 1, 1, C): one window, one cell per map. Global pooling "
            "returns (N, C): drop the two size-1 axes.",
            lambda pool, x: pool(x, (x.shape[1], x.shape[2])),
        ),
    ],
    hints=(
        "With a window exactly the size of the map there is one window, so pool returns one "
        "cell per example and channel.",
        "x.shape tells you the map's height and width; pool_size may be a pair (height, width).",
        "A plan in words: call pool once, with a window as tall and as wide as x's maps, "
        "then keep only the example and channel axes of the result.",
    ),
    proves="Any windowed pooling becomes global pooling with one window the size of the "
    "map: your make_global calls the pooling it is given (average, max, median, "
    "root-mean-square) and returns (N, C) on 5 cases, including non-square maps.",
)


# --------------------------------------------------------------------------
# 5.5: where the network looked, from its features and its head
# --------------------------------------------------------------------------
def _where(features, weights, bias, *, use_bias=True, order="rc", decide="mean", rank="runner-up"):
    """The hottest cell (row, col) of the runner-up class's CAM; the keywords model slips."""
    cams = features @ weights  # (H, W, n_classes)
    if decide == "mean":
        scores = cams.mean(axis=(0, 1)) + (bias if use_bias else 0)
    else:  # the class whose map has the single largest value
        scores = cams.max(axis=(0, 1))
    if rank == "runner-up":  # the second largest score
        c = int(np.argsort(scores)[-2])
    elif rank == "top":  # the predicted class
        c = int(np.argmax(scores))
    else:  # np.argsort(scores)[1]: the second SMALLEST score
        c = int(np.argsort(scores)[1])
    row, col = np.unravel_index(int(np.argmax(cams[:, :, c])), cams.shape[:2])
    return (int(row), int(col)) if order == "rc" else (int(col), int(row))


def _cases_5_5() -> list:
    features = np.array(
        [
            [[1.0, 0.0], [0.0, 0.5], [0.0, 0.0]],
            [[0.0, 0.0], [0.2, 0.0], [0.0, 3.0]],
        ]
    )  # (2, 3, 2): 2x3 positions, 2 channels
    weights = np.array([[1.0, 0.0], [0.0, 1.0]])  # channel k votes for class k
    rng = np.random.default_rng(95)
    return [
        case(
            "2x3 positions, 2 classes, no bias",
            features=features,
            weights=weights,
            bias=np.zeros(2),
        ),
        case(
            "the same, with a bias that makes class 0 win",
            features=features,
            weights=weights,
            bias=np.array([1.0, 0.0]),
        ),
        case(
            "broad evidence for class 0 against one spike for class 1",
            features=np.stack(
                [
                    np.array([[0.5, 0.6, 0.5], [0.5, 0.5, 0.5]]),
                    np.array([[0.0, 0.0, 0.0], [2.0, 0.0, 0.0]]),
                ],
                axis=-1,
            ),
            weights=weights,
            bias=np.zeros(2),
        ),
        case(
            "4x5 positions, 3 channels, 3 classes",
            features=np.round(np.abs(rng.normal(size=(4, 5, 3))), 2),
            weights=np.round(rng.normal(size=(3, 3)), 2),
            bias=np.round(rng.normal(size=3), 2),
        ),
        case(
            "5x7 positions, 8 channels, 10 classes",
            features=np.round(np.abs(rng.normal(size=(5, 7, 8))), 2),
            weights=np.round(rng.normal(size=(8, 10)), 2),
            bias=np.round(rng.normal(size=10), 2),
        ),
    ]


lesson.function_exercise(
    "5.5",
    "Where did the network see the runner-up?",
    name="runner_up_peak",
    task="runner_up_peak(features, weights, bias) -> (row, col)",
    reference=_where,
    cases=_cases_5_5,
    returns="any",
    misconceptions=[
        Misconception(
            "bias_ignored",
            "The classes were ranked without the biases. The head's score for class c "
            "includes bias[c], and a bias can change the order of the classes.",
            lambda features, weights, bias: _where(features, weights, bias, use_bias=False),
        ),
        Misconception(
            "col_row",
            "The two numbers are swapped: give the row first (the position along the "
            "height, axis 0), then the column.",
            lambda features, weights, bias: _where(features, weights, bias, order="cr"),
        ),
        Misconception(
            "decided_by_peak",
            "The classes were ranked by the single largest value of their maps. The "
            "network ranks them by their scores, and its head is global AVERAGE pooling: "
            "the whole map counts, not its peak.",
            lambda features, weights, bias: _where(features, weights, bias, decide="max"),
        ),
        Misconception(
            "flat_index",
            "This is a position in the flattened map (one number). Turn it into a (row, "
            "column) pair: np.unravel_index does that, given the map's shape.",
            lambda features, weights, bias: int(
                np.argmax(
                    (features @ weights)[
                        :,
                        :,
                        int(np.argsort((features @ weights).mean(axis=(0, 1)) + bias)[-2]),
                    ]
                )
            ),
        ),
        Misconception(
            "predicted_class",
            "This is the peak of the map of the class the network predicts, the one with "
            "the largest score. The exercise asks for the runner-up: the class with the "
            "second largest score.",
            lambda features, weights, bias: _where(features, weights, bias, rank="top"),
        ),
        Misconception(
            "second_smallest",
            "This class has the second SMALLEST score: np.argsort puts the scores in "
            "increasing order, so the runner-up is near the other end of its result.",
            lambda features, weights, bias: _where(features, weights, bias, rank="low"),
        ),
    ],
    hints=(
        "Two steps: which class has the second largest score, then where is that class's "
        "map largest?",
        "Lesson 5, section 5 showed how a class's score relates to its class activation "
        "map: you can compute every score from features, weights and bias, without the "
        "network.",
        "A plan in words: compute all class activation maps, turn them into the scores, "
        "rank the classes by score and take the second, then find the row and column of the "
        "largest value of that class's map.",
    ),
    proves="You can read a GAP network's ranking of the classes and where it saw each one "
    "from its last feature map and its dense layer alone: the scores from mean(CAM) + bias, "
    "then the peak of the runner-up's map.",
)
