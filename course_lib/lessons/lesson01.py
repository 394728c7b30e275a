"""Exercises of lesson 1: what pooling does to a shape, to the parameters, and to one map.

1.1 predicts the output shapes of three poolings of ``(H, W, C)`` maps and one of an
``(N, H, W, C)`` batch, all with the default stride (lesson 2 counts the others), 1.2 counts
the parameters of a ``Dense`` layer after 0, 1 and 2 poolings, and 1.3 writes
2x2, stride-2 max pooling of one 2-D map with loops.
"""

from __future__ import annotations

import numpy as np

from course_lib.checks import Lesson, Misconception, case
from course_lib.lessons import wrong
from course_lib.lessons.fixtures import ARTICLE_MAP, integers, negative, normal
from course_lib.lessons.references import OUTPUT_SHAPE, POOL2D, POOLINGS

lesson = Lesson(__name__)

# --------------------------------------------------------------------------
# 1.1 Output shapes of (H, W, C) maps
# --------------------------------------------------------------------------
SHAPE_TASKS = (
    # input shape ((H, W, C) for one map, (N, H, W, C) for a batch), pool_size; default stride
    ((28, 28, 8), 2),
    ((32, 32, 3), 4),
    ((7, 7, 64), 2),
    ((16, 9, 9, 5), 3),
)
"""The four poolings of exercise 1.1, as the notebook states them (stride = pool size)."""


def _shapes(rule, batch=lambda n: n, channels=lambda c, f: c) -> list[tuple]:
    """The answer of 1.1 with ``rule(n, f) -> int`` per axis, the batch axis through
    ``batch(n)`` and the channels through ``channels(c, f)``."""
    out = []
    for shape, f in SHAPE_TASKS:
        *lead, h, w, c = shape
        out.append((*(batch(n) for n in lead), rule(h, f), rule(w, f), channels(c, f)))
    return out


def _right(n: int, f: int, s: int | None = None) -> int:
    return OUTPUT_SHAPE((1, n, 1, 1), (f, 1), None if s is None else (s, 1))[1]


lesson.value_exercise(
    "1.1",
    "Output shapes of four poolings",
    expected=lambda: _shapes(_right),
    misconceptions=[
        Misconception(
            "stride_defaults_to_1",
            "When no stride is given, Keras and PyTorch use stride = pool size, not 1: "
            "MaxPooling2D(2) moves its window by 2, so the windows do not overlap and "
            "the height and width shrink by the pool size.",
            lambda: _shapes(lambda n, f: _right(n, f, 1)),
        ),
        Misconception(
            "channels_pooled_too",
            "Pooling works on each channel separately: the number of channels never changes. "
            "Only the height and width shrink.",
            lambda: _shapes(_right, channels=lambda c, f: c // f),
        ),
        Misconception(
            "channels_left_out",
            "Your shapes have lost their last axis, the channels. Pooling keeps every "
            "channel, so each shape still ends with C: three numbers for a map, four for "
            "the batch.",
            lambda: [shape[:-1] for shape in _shapes(_right)],
        ),
        Misconception(
            "batch_axis_dropped",
            "The last input is a batch (N, H, W, C): its first number, 16, is the number "
            "of examples. Pooling works on each example separately, so the output is a "
            "batch of as many examples, four numbers again.",
            lambda: [shape[-3:] for shape in _shapes(_right)],
        ),
        Misconception(
            "batch_pooled_too",
            "The batch axis N counts examples; the window never slides along it. Only the "
            "height and width shrink: N stays as it is.",
            lambda: _shapes(_right, batch=lambda n: n // 3),
        ),
        Misconception(
            "rounded_up",
            "A window that does not fit entirely is dropped (valid padding, the default): "
            "on an odd size the last row and column fit in no 2x2 window and are left out. "
            "Round down.",
            lambda: _shapes(lambda n, f: -(-n // f)),
        ),
        Misconception(
            "article_formula",
            "This is (n - f + 1) / s, the source article's formula, without rounding: a shape "
            "is made of whole numbers. Count the whole windows that fit side by side instead.",
            lambda: _shapes(lambda n, f: (n - f + 1) / f),
        ),
        Misconception(
            "missing_plus_one",
            "Each size is one short: (n - f) // f counts the steps between windows, and the "
            "first window needs its own + 1. With stride = pool size, count how many whole "
            "windows fit side by side.",
            lambda: _shapes(lambda n, f: (n - f) // f),
        ),
        Misconception(
            "with_batch_axis",
            "The first three inputs are single maps (H, W, C): give their shapes with three "
            "numbers, without a batch axis. Only the last input is a batch.",
            lambda: [shape if len(shape) == 4 else (1, *shape) for shape in _shapes(_right)],
        ),
    ],
    hints=(
        "Height and width are handled separately and the same way; the channels, and the "
        "batch axis, are left alone.",
        "When no stride is given it equals the pool size: the windows sit side by side "
        "without overlapping. How many whole windows of f cells fit in n cells?",
    ),
    proves="You can predict the shape of a pooled map or batch: the default stride, odd "
    "sizes, and the channels and examples that stay as they are.",
    task="a list of four shape tuples: three (H, W, C) and one (N, H, W, C)",
)


# --------------------------------------------------------------------------
# 1.2 Dense parameters after 0, 1 and 2 poolings
# --------------------------------------------------------------------------
DENSE_MAP = (24, 24, 32)
"""The feature map of exercise 1.2, flattened into Dense(DENSE_UNITS)."""
DENSE_UNITS = 64


def _dense_params(per_pooling, biases: bool = True, channels: bool = True) -> list[int]:
    """Dense parameters after 0, 1, 2 poolings, when each pooling maps n to per_pooling(n)."""
    h, w, c = DENSE_MAP
    c = c if channels else 1
    counts = []
    for _ in range(3):
        counts.append(h * w * c * DENSE_UNITS + (DENSE_UNITS if biases else 0))
        h, w = per_pooling(h), per_pooling(w)
    return counts


def _halve(n: int) -> int:
    return _right(n, 2, None)


lesson.value_exercise(
    "1.2",
    "Dense parameters after 0, 1 and 2 poolings",
    expected=lambda: _dense_params(_halve),
    misconceptions=[
        Misconception(
            "forgot_biases",
            "A Dense layer has a weight per input per unit *and* one bias per unit: add "
            "the 64 biases.",
            lambda: _dense_params(_halve, biases=False),
        ),
        Misconception(
            "pooling_halves_the_inputs",
            "A 2x2 pooling halves the height *and* the width, so it divides the number of "
            "values (and the Dense weights) by 4, not 2.",
            lambda: [24 * 24 * 32 * DENSE_UNITS // 2**k + DENSE_UNITS for k in range(3)],
        ),
        Misconception(
            "pooling_does_not_change_dense",
            "Pooling has no parameters, but it shrinks the map that Flatten turns into the "
            "Dense layer's input, so the Dense layer needs fewer weights.",
            lambda: _dense_params(lambda n: n),
        ),
        Misconception(
            "channels_left_out",
            "Flatten turns every value of the (H, W, C) map into one input, and there are "
            "C values at each position: the 32 channels are missing from your count.",
            lambda: _dense_params(_halve, channels=False),
        ),
        Misconception(
            "units_left_out",
            "Each of the 64 units has its own weight for every input: the number of inputs "
            "is multiplied by the number of units, not added to it.",
            lambda: [h * h * DENSE_MAP[2] + DENSE_UNITS for h in (24, 12, 6)],
        ),
        Misconception(
            "biases_divided_too",
            "Pooling shrinks the Dense layer's inputs, so it divides the weights, but the "
            "biases belong to the units (one each), and the units stay: their number does "
            "not change.",
            lambda: [_dense_params(_halve)[0] // 4**k for k in range(3)],
        ),
    ],
    hints=(
        "A Dense layer with u units and k inputs has k * u weights and u biases.",
        "Flatten turns an (H, W, C) map into H * W * C inputs. What does a 2x2 pooling do "
        "to H and W?",
    ),
    proves="You can count what pooling saves: each 2x2 pooling divides the following "
    "Dense layer's weights by 4, while pooling itself has 0 parameters.",
    task="a list of three ints",
)


# --------------------------------------------------------------------------
# 1.3 Max pooling of one 2-D map with loops
# --------------------------------------------------------------------------
def _reference(x: np.ndarray) -> np.ndarray:
    return POOL2D(x[None, :, :, None], 2, 2, mode="max")[0, :, :, 0]


def _cases_1_3() -> list:
    return [
        case("the article's 4x4 example", x=ARTICLE_MAP.copy()),
        case("non-square: 4 rows, 6 columns", x=normal((4, 6), seed=111)),
        case("odd sizes: the last row and column are left over", x=integers((5, 7), seed=112)),
        case("only negative values", x=negative((4, 4), seed=113)),
        case("float32 input keeps float32", x=normal((6, 4), seed=114).astype(np.float32)),
        case("one window", x=integers((2, 2), seed=115)),
        case("a tall map", x=normal((9, 2), seed=116)),
    ]


def _pool_avg(x):
    return POOL2D(x[None, :, :, None], 2, 2, mode="avg")[0, :, :, 0]


def _pool_stride_1(x):
    return POOL2D(x[None, :, :, None], 2, 1, mode="max")[0, :, :, 0]


def _partial_edges(x):
    """Windows at 0, 2, 4, ... < n, cut off at the edge (odd sizes keep a half window)."""
    return wrong.pool_partial_edges(x[None, :, :, None], 2, 2)[0, :, :, 0].astype(x.dtype)


lesson.function_exercise(
    "1.3",
    "Max pooling of one map with loops",
    forbid=POOLINGS,
    name="max_pool_2x2",
    task="max_pool_2x2(x) -> array (H // 2, W // 2)",
    reference=_reference,
    cases=_cases_1_3,
    returns="array",
    dtype="same",
    misconceptions=[
        Misconception(
            "mean_instead_of_max",
            "This is average pooling: each window's mean. Max pooling keeps each window's "
            "largest value.",
            _pool_avg,
        ),
        Misconception(
            "stride_1",
            "The window moves by 1, so the windows overlap and the output is almost as big as "
            "the input. Move it by 2: window (i, j) starts at row 2 * i, column 2 * j.",
            _pool_stride_1,
        ),
        Misconception(
            "max_starts_at_zero",
            "The running maximum starts at 0, so a window of negative values gives 0. Start "
            "from the window's first cell, or take the window's .max().",
            lambda x: np.maximum(_reference(x), 0).astype(x.dtype),
        ),
        Misconception(
            "partial_edge_windows",
            "With an odd size the last row (or column) has no full window and must be left "
            "out: the output has H // 2 rows, not (H + 1) // 2.",
            _partial_edges,
        ),
        Misconception(
            "transposed_output",
            "Rows and columns of the output are swapped: out[i, j] must come from the window "
            "in row i and column j.",
            lambda x: _reference(x.T),
        ),
    ],
    hints=(
        "The output has H // 2 rows and W // 2 columns. Create it with np.zeros and x's dtype.",
        "Output cell (i, j) summarises the 2x2 window whose top-left cell is (2 * i, 2 * j).",
        "Slice that window out of x with one slice per axis; a NumPy array can tell you its "
        "own largest value.",
    ),
    proves="Your loops reproduce max pooling on 7 maps: the article's example, non-square "
    "and odd sizes, negative values and float32.",
)
