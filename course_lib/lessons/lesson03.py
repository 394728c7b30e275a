"""Exercises of lesson 3: max pooling of an NHWC batch (3.1), vectorised (3.2), its backward
pass (3.3), by hand (3.4) and with Keras 'same' padding (3.5).

Over 400 lines: one module per lesson, its exercises in the notebook's order.
"""

from __future__ import annotations

import numpy as np

from course_lib.checks import Lesson, Misconception, case
from course_lib.lessons import wrong
from course_lib.lessons.fixtures import article_batch, integers, negative, normal
from course_lib.lessons.fixtures import upstream_gradient as _dout
from course_lib.lessons.references import POOL2D, POOL2D_BACKWARD, POOLINGS

lesson = Lesson(__name__)

# --------------------------------------------------------------------------
# 3.1: max pooling of an NHWC batch with loops
# --------------------------------------------------------------------------


def _reference(x, f, s=None):
    return POOL2D(x, f, s, mode="max")


def _cases_3_1() -> list:
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


_MISCONCEPTIONS_3_1 = [
    Misconception(
        "mean_instead_of_max",
        "This is average pooling: each window's mean. Max pooling keeps each window's "
        "largest value.",
        lambda x, f, s=None: POOL2D(x, f, s, mode="avg"),
    ),
    Misconception(
        "stride_defaults_to_1",
        "When no stride is given, Keras and PyTorch use stride = pool size "
        "(non-overlapping windows), not 1: when s is None, use the pool size f as the stride.",
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
        "width only (axes 1 and 2 of the window's slice of x), never over axis 3.",
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
    forbid=POOLINGS,
    name="max_pool",
    task="max_pool(x, f, s=None) -> array (N, H_out, W_out, C)",
    reference=_reference,
    cases=_cases_3_1,
    returns="array",
    dtype="same",
    misconceptions=_MISCONCEPTIONS_3_1,
    hints=(
        "First work out the output shape: N and C stay, H_out = (H - f) // s + 1 and "
        "the same for W. Create the output with that shape and x's dtype.",
        "Loop over the output rows i and columns j. The window of output (i, j) starts "
        "at row i * s and column j * s and is f cells high and wide.",
        "One slice of x can hold that window for every example and every channel at once "
        "(keep axes 0 and 3 whole). Take its maximum over the height and width axes only, "
        "1 and 2, never over axis 3: the channels stay separate.",
    ),
    proves="Your max pooling matches the reference on 10 cases: the article's example, "
    "the default stride, negative values, overlapping and skipping windows, "
    "non-square batches with several channels, and dtypes.",
)


# --------------------------------------------------------------------------
# 3.2: max pooling, vectorised and separable (column maxima, then their maximum)
# --------------------------------------------------------------------------
_KEPT_FROM_3_1 = {
    "mean_instead_of_max",
    "stride_defaults_to_1",
    "max_starts_at_zero",
    "pools_across_channels",
    "transposed_output",
    "missing_last_window",
}


def _cases_3_2() -> list:
    return [
        *_cases_3_1(),
        case("a larger batch, 3x3 windows, stride 2", x=normal((8, 33, 31, 16), 39), f=3, s=2),
    ]


lesson.function_exercise(
    "3.2",
    "Max pooling, vectorised: column maxima, then their maximum",
    forbid=POOLINGS,
    name="max_pool_fast",
    task="max_pool_fast(x, f, s=None) -> array (N, H_out, W_out, C): first reduce over the "
    "row offsets di (giving column maxima), then over the column offsets dj",
    reference=_reference,
    cases=_cases_3_2,
    returns="array",
    dtype="same",
    misconceptions=[m for m in _MISCONCEPTIONS_3_1 if m.name in _KEPT_FROM_3_1],
    hints=(
        "Output size first, as in 3.1. Then two short loops: first reduce over the f row "
        "offsets di (giving column maxima), then over the f column offsets dj; never loop "
        "over output cells.",
        "For a fixed di, the rows of all windows are one strided slice along axis 1, every "
        "column kept: its shape is (N, H_out, W, C). The second loop slices the result of "
        "the first along axis 2 in the same way.",
        "Each slice must have exactly H_out rows (and the second loop's exactly W_out "
        "columns): a slice with only a start and a step runs to the end of the map and can "
        "hold one row more than there are windows, and then NumPy cannot combine slices of "
        "different sizes ('operands could not be broadcast together'). Give each slice an "
        "end, as the lesson's offset version does: just after its last window's cell.",
        "Start each loop's result from its first slice, not from zeros: the values may all "
        "be negative. Copy that slice, because a slice is a view of x and the result must "
        "be a new array. Then combine it with each further slice using np.maximum.",
    ),
    proves="Your max_pool_fast matches the reference on 11 cases, from the article's "
    "example to a batch of 8 maps of 33x31 with 16 channels. (The check compares results "
    "only; time it against your 3.1 to see that it is vectorised and separable.)",
)


# --------------------------------------------------------------------------
# 3.3: the backward pass of max pooling
# --------------------------------------------------------------------------
def _max_backward(dout, x, f, s=None, tie="first", accumulate=True):
    """Max-pool backward written with loops, with switchable (wrong) rules.

    ``tie``: "first" (right), "last" or "all" cells holding the maximum get the gradient.
    ``accumulate=False``: a later window overwrites a shared cell instead of adding.
    """
    s = f if s is None else s
    dx = np.zeros(x.shape, dtype=np.float64)
    n_batch, h_out, w_out, channels = dout.shape
    for n in range(n_batch):
        for i in range(h_out):
            for j in range(w_out):
                for c in range(channels):
                    window = x[n, i * s : i * s + f, j * s : j * s + f, c]
                    hits = np.argwhere(window == window.max())  # row-major order
                    chosen = {"first": hits[:1], "last": hits[-1:], "all": hits}[tie]
                    for di, dj in chosen:
                        r, q = i * s + di, j * s + dj
                        if accumulate:
                            dx[n, r, q, c] += dout[n, i, j, c]
                        else:
                            dx[n, r, q, c] = dout[n, i, j, c]
    return dx


def _ties() -> np.ndarray:
    """Windows with two or more equal maxima, in different places."""
    m = np.array(
        [
            [4, 4, 1, 0, 2, 2],
            [1, 3, 5, 5, 2, 2],
            [7, 0, 0, 6, 3, 1],
            [2, 7, 6, 1, 1, 3],
        ],
        dtype=np.float64,
    )
    return m[None, :, :, None]


def _shared_max() -> np.ndarray:
    """5x5 map whose centre is the maximum of all four 3x3 / stride-2 windows."""
    m = np.ones((5, 5))
    m[2, 2] = 9
    m[0, 0] = m[4, 4] = 2
    return m[None, :, :, None]


def _cases_3_3() -> list:
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
        case("ties inside windows", dout=_dout((1, 2, 3, 1), 71), x=_ties(), f=2, s=2),
        case(
            "overlapping windows share their maximum",
            dout=np.array([[1.0, 2.0], [3.0, 4.0]])[None, :, :, None],
            x=_shared_max(),
            f=3,
            s=2,
        ),
        case(
            "batch of 2, 3 channels, negative values",
            dout=_dout((2, 2, 3, 3), 72),
            x=negative((2, 4, 6, 3), 73),
            f=2,
            s=2,
        ),
        case("stride left out", dout=_dout((1, 2, 2, 2), 74), x=normal((1, 6, 6, 2), 75), f=3),
        case(
            "integers (many ties), 3x3 windows, stride 2",
            dout=_dout((2, 3, 2, 2), 76),
            x=integers((2, 7, 5, 2), 77),
            f=3,
            s=2,
        ),
    ]


def _avg_backward(dout, x, f, s=None):
    return POOL2D_BACKWARD(dout, x, f, s, mode="avg")


lesson.function_exercise(
    "3.3",
    "The backward pass of max pooling",
    forbid=(POOL2D_BACKWARD,),
    name="max_pool_backward",
    task="max_pool_backward(dout, x, f, s=None) -> float array dx of x's shape",
    reference=lambda dout, x, f, s=None: POOL2D_BACKWARD(dout, x, f, s, mode="max"),
    cases=_cases_3_3,
    returns="array",
    dtype="float",
    misconceptions=[
        Misconception(
            "gradient_to_every_cell",
            "Every cell of a window received the window's gradient. Only the cell holding "
            "the maximum influences the output, so only it gets dout; the others get 0.",
            lambda dout, x, f, s=None: _avg_backward(dout, x, f, s) * f * f,
        ),
        Misconception(
            "averaged_gradient",
            "The gradient was spread evenly (dout / f²): that is the backward pass of "
            "*average* pooling. In max pooling the whole dout goes to the maximum.",
            _avg_backward,
        ),
        Misconception(
            "all_tied_cells",
            "When several cells tie for the maximum, each got the full gradient, so the "
            "gradient was counted several times. Give it to the first maximal cell in "
            "row-major order only (np.argmax of the flattened window finds it).",
            lambda dout, x, f, s=None: _max_backward(dout, x, f, s, tie="all"),
        ),
        Misconception(
            "last_tied_cell",
            "On ties the *last* maximal cell got the gradient. The course (like PyTorch) "
            "gives it to the first one in row-major order, which np.argmax returns.",
            lambda dout, x, f, s=None: _max_backward(dout, x, f, s, tie="last"),
        ),
        Misconception(
            "overlap_overwrites",
            "Where windows overlap, a cell that is the maximum of several windows kept only "
            "the last window's gradient. The gradients add up: add each window's dout to what "
            "the cell already holds instead of replacing it.",
            lambda dout, x, f, s=None: _max_backward(dout, x, f, s, accumulate=False),
        ),
        Misconception(
            "mask_without_dout",
            "This is the mask of switches (how many windows chose each cell), not the "
            "gradient: multiply by each window's own dout value.",
            lambda dout, x, f, s=None: POOL2D_BACKWARD(np.ones_like(dout), x, f, s, mode="max"),
        ),
    ],
    hints=(
        "dx has x's shape and starts at zero. Loop over the output cells (and examples and "
        "channels): each window sends its dout to one cell.",
        "Find each window's switch as section 6 of the lesson does for one map, with "
        "np.argmax and np.unravel_index; here for every example and channel, and with the "
        "window's top-left corner at (i * s, j * s).",
        "Add each window's dout to what the chosen cell of dx already holds; never replace "
        "it. Then a cell chosen by two overlapping windows receives both gradients.",
    ),
    proves="Your backward pass sends each window's gradient to its first maximum, adds "
    "the gradients of overlapping windows, and matches the reference on 7 cases.",
)


# --------------------------------------------------------------------------
# 3.4: pooling a small matrix by hand
# --------------------------------------------------------------------------
BY_HAND = np.array(
    [
        [1, 3, 2, 0, 4],
        [5, 0, 1, 7, 2],
        [2, 6, 3, 1, 0],
        [0, 1, 8, 2, 5],
        [4, 2, 0, 3, 1],
    ]
)
"""The 5x5 map of exercise 3.4, pooled with 3x3 windows and stride 2."""


def _by_hand(**kw) -> list:
    return POOL2D(BY_HAND[None, :, :, None], **kw)[0, :, :, 0].tolist()


lesson.value_exercise(
    "3.4",
    "Overlapping max pooling by hand",
    expected=lambda: _by_hand(pool_size=3, strides=2),
    misconceptions=[
        Misconception(
            "stride_equals_window",
            "With stride 3 only one 3x3 window fits. The stride here is 2: windows start at "
            "rows and columns 0 and 2, and overlap in the middle row and column.",
            lambda: _by_hand(pool_size=3, strides=3),
        ),
        Misconception(
            "stride_one",
            "These are the windows of stride 1 (a 3x3 result). With stride 2 they start at 0 "
            "and 2 only: (5 - 3) // 2 + 1 = 2 windows per axis.",
            lambda: _by_hand(pool_size=3, strides=1),
        ),
        Misconception(
            "window_two",
            "These are 2x2 windows. The windows here are 3x3.",
            lambda: _by_hand(pool_size=2, strides=2),
        ),
        Misconception(
            "averages",
            "These are the windows' averages. Max pooling keeps each window's largest value.",
            lambda: _by_hand(pool_size=3, strides=2, mode="avg"),
        ),
        Misconception(
            "windows_do_not_overlap",
            "Your second window starts where the first one ends, at row (or column) 3, so it "
            "is cut short to 2 rows. With stride 2 the second window starts 2 cells after "
            "the first, at row (column) 2, and is a full 3x3 window: the middle row and "
            "column belong to both windows.",
            lambda: wrong.pool_partial_edges(BY_HAND[None, :, :, None], 3, 3, "max")[
                0, :, :, 0
            ].tolist(),
        ),
        Misconception(
            "rows_and_columns_swapped",
            "Your answer is written column by column (its rows and columns are swapped). "
            "The first inner list is the top row of windows (rows 0-2), left to "
            "right; the second inner list the bottom row of windows (rows 2-4).",
            lambda: np.array(_by_hand(pool_size=3, strides=2)).T.tolist(),
        ),
        Misconception(
            "flat_list",
            "Four numbers in one flat list: the task asks for a list of lists, one inner "
            "list per row of windows, e.g. [[a, b], [c, d]].",
            lambda: np.array(_by_hand(pool_size=3, strides=2)).ravel().tolist(),
        ),
        Misconception(
            "padded_to_same",
            "These are the windows of 'same' padding (3 per axis, some hanging over the "
            "border). This exercise has no padding: only windows lying entirely inside the "
            "5x5 map count, (5 - 3) // 2 + 1 = 2 per axis.",
            lambda: _by_hand(pool_size=3, strides=2, padding="same"),
        ),
    ],
    hints=(
        "First the output size: (5 - 3) // 2 + 1 = 2 along each axis, so the answer is a "
        "2x2 list of lists.",
        "The windows cover rows 0-2 and 2-4, and columns 0-2 and 2-4: the middle row and "
        "column belong to two windows each.",
    ),
    proves="You can place overlapping windows (3x3, stride 2) and read off their maxima.",
    task="a 2x2 list of lists, e.g. [[a, b], [c, d]]",
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


def _pad_with_minus_inf_in_x_dtype(x, f, s=None):
    """The right idea in x's own dtype: right for floats; an integer array cannot hold -inf,
    so NumPy raises OverflowError (the learner sees the exception, with this explanation)."""
    s = f if s is None else s
    (top, bottom), (left, right) = (
        wrong.same_pads(x.shape[1], f, s),
        wrong.same_pads(x.shape[2], f, s),
    )
    padded = np.pad(x, ((0, 0), (top, bottom), (left, right), (0, 0)), constant_values=-np.inf)
    return POOL2D(padded, f, s, mode="max")


_MISCONCEPTIONS_3_5 = [
    Misconception(
        "zero_padding",
        "The padding was filled with zeros, so a window of negative values that touches "
        "it reports 0, a value that is nowhere in the input. Padded cells must never win a "
        "max: treat them as -inf (or leave them out of the window).",
        lambda x, f, s=None: wrong.pool_same_by_hand(x, f, s, "max", fill=0.0),
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
        lambda x, f, s=None: wrong.pool_same_by_hand(x, f, s, "max", extra_first=True),
    ),
    Misconception(
        "half_window_padding",
        "This pads f // 2 cells on each side, as PyTorch's padding=f // 2 does (PyTorch's "
        "default is no padding; f // 2 is the most it allows, and a common choice). Keras "
        "'same' is another rule: it pads a total of max((out - 1) * s + f - n, 0) cells "
        "with out = ceil(n / s), the extra cell at the end.",
        lambda x, f, s=None: wrong.pool_same_by_hand(x, f, s, "max", half_window=True),
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
    Misconception(
        "minus_infinity_in_an_integer_array",
        "NumPy raised OverflowError because an integer array cannot hold minus infinity "
        "(-np.inf is a float: integers have no infinity). Your idea is right: a padded cell "
        "must never win. Either fill the padding with the smallest value the input's dtype "
        "can hold (np.iinfo gives it for integers), or work on a float copy of x and give "
        "the result x's dtype again at the end, or leave the padded cells out of each window.",
        _pad_with_minus_inf_in_x_dtype,
        raises=OverflowError,
    ),
]

lesson.function_exercise(
    "3.5",
    "Max pooling with Keras 'same' padding",
    forbid=POOLINGS,
    name="max_pool_same",
    task="max_pool_same(x, f, s=None) -> array (N, ceil(H/s), ceil(W/s), C)",
    reference=lambda x, f, s=None: POOL2D(x, f, s, padding="same", mode="max"),
    cases=_cases_3_5,
    returns="array",
    dtype="same",
    misconceptions=_MISCONCEPTIONS_3_5,
    hints=(
        "Output size first: ceil(H / s) rows and ceil(W / s) columns. The total padding "
        "of an axis is max((out - 1) * s + f - n, 0), with total // 2 cells before the input.",
        "What value can a padded cell hold so that it never wins a max, whatever the input? "
        "Zero is not it when the input is negative.",
        "Two plans work. Either build a padded copy whose padded cells hold minus infinity "
        "(which needs a float array: an integer array cannot hold it), pool it, and give "
        "the result x's dtype again. Or cut each window down to the part that lies inside "
        "the real input (a window starting above row 0 starts at row 0, one reaching past "
        "the last row stops there) and take the maximum of what is left.",
    ),
    proves="Your 'same' max pooling matches Keras on 8 cases: padded cells never win, "
    "even next to negative values, and the extra padding cell goes at the end.",
)
