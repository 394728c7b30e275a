"""Exercises of lesson 1: what pooling does to a shape, to the parameters, and to one map.

1.1 predicts the output shapes of four poolings of ``(H, W, C)`` maps, 1.2 counts
the parameters of a ``Dense`` layer after 0, 1 and 2 poolings, and 1.3 writes
2x2, stride-2 max pooling of one 2-D map with loops.
"""

from __future__ import annotations

import numpy as np

from course_lib.checks import Lesson, Misconception, case
from course_lib.lessons import wrong
from course_lib.lessons.fixtures import ARTICLE_MAP, integers, negative, normal
from course_lib.lessons.references import OUTPUT_SHAPE, POOL2D

lesson = Lesson(__name__)

# --------------------------------------------------------------------------
# 1.1 Output shapes of (H, W, C) maps
# --------------------------------------------------------------------------
SHAPE_TASKS = (
    # (H, W, C), pool_size, strides (None: the default)
    ((28, 28, 8), 2, None),
    ((32, 32, 3), 4, None),
    ((7, 7, 64), 2, None),
    ((10, 12, 16), 3, 1),
)
"""The four poolings of exercise 1.1, as the notebook states them."""


def _shapes(rule) -> list[tuple]:
    """The answer of 1.1 computed with ``rule(n, f, s) -> int`` per axis; C unchanged."""
    out = []
    for (h, w, c), f, s in SHAPE_TASKS:
        out.append((rule(h, f, s), rule(w, f, s), c))
    return out


def _right(n: int, f: int, s: int | None) -> int:
    return OUTPUT_SHAPE((1, n, 1, 1), (f, 1), None if s is None else (s, 1))[1]


def _last_task_wrong(rule) -> list[tuple]:
    """The first three shapes right and the last (strides=1) one computed with ``rule(n, f)``."""
    shapes = _shapes(_right)
    (h, w, c), f, _ = SHAPE_TASKS[-1]
    shapes[-1] = (rule(h, f), rule(w, f), c)
    return shapes


lesson.value_exercise(
    "1.1",
    "Output shapes of four poolings",
    expected=lambda: _shapes(_right),
    misconceptions=[
        Misconception(
            "stride_defaults_to_1",
            "When no stride is given, Keras and PyTorch use stride = pool size, not 1: "
            "MaxPooling2D(2) moves its window by 2 and halves the height and width.",
            lambda: _shapes(lambda n, f, s: (n - f) // (1 if s is None else s) + 1),
        ),
        Misconception(
            "channels_pooled_too",
            "Pooling works on each channel separately: the number of channels never changes. "
            "Only the height and width shrink.",
            lambda: [(_right(h, f, s), _right(w, f, s), c // f) for (h, w, c), f, s in SHAPE_TASKS],
        ),
        Misconception(
            "rounded_up",
            "A window that does not fit entirely is dropped (valid padding, the default): "
            "7 cells with 2x2 windows give 3 windows, not 4. Round down.",
            lambda: _shapes(lambda n, f, s: -(-(n - f) // (f if s is None else s)) + 1),
        ),
        Misconception(
            "article_formula",
            "This is (n - f + 1) / s, the source article's formula, without rounding: a shape "
            "is made of whole numbers. Count where the windows can start instead.",
            lambda: _shapes(lambda n, f, s: (n - f + 1) / (f if s is None else s)),
        ),
        Misconception(
            "with_batch_axis",
            "Each answer should be an (H, W, C) tuple, three numbers, as the maps are given: "
            "leave out the batch axis N.",
            lambda: [(1, *shape) for shape in _shapes(_right)],
        ),
        Misconception(
            "strides_1_ignored",
            "The last layer sets strides=1, so its window moves by 1 cell, not by the pool "
            "size 3: the windows overlap, and start at 0, 1, 2, ... as long as a whole window "
            "still fits.",
            lambda: _last_task_wrong(lambda n, f: (n - f) // f + 1),
        ),
        Misconception(
            "divided_by_pool_size",
            "Dividing by the pool size (and rounding) is right only when the stride equals the "
            "pool size. The last layer has strides=1: count the window starts 0, 1, 2, ... "
            "for which a whole 3-cell window still fits.",
            lambda: _last_task_wrong(lambda n, f: -(-n // f)),
        ),
    ],
    hints=(
        "Height and width are handled separately and the same way; the channels are left alone.",
        "When no stride is given it equals the pool size. With stride = pool size f, "
        "a map of n cells holds n // f whole windows.",
        "For the last one the stride is 1: windows start at 0, 1, 2, ... as long as the "
        "window still fits.",
    ),
    proves="You can predict the shape of a pooled (H, W, C) map: the default stride, odd "
    "sizes and the unchanged channels.",
    task="a list of four (H, W, C) tuples",
)


# --------------------------------------------------------------------------
# 1.2 Dense parameters after 0, 1 and 2 poolings
# --------------------------------------------------------------------------
DENSE_MAP = (24, 24, 32)
"""The feature map of exercise 1.2, flattened into Dense(DENSE_UNITS)."""
DENSE_UNITS = 64


def _dense_params(per_pooling, biases: bool = True) -> list[int]:
    """Dense parameters after 0, 1, 2 poolings, when each pooling maps n to per_pooling(n)."""
    h, w, c = DENSE_MAP
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
