"""Exercises of lesson 2: the output-size arithmetic.

2.1 valid, 2.2 padding, 2.3 same; 2.4 trace a stack of layers, 2.5 the input sizes that
give an output size, 2.6 PyTorch's ceil_mode. The lesson counts windows on drawings and
tables and describes ceil_mode in words; it prints none of these rules as code or formula,
and each function exercise asks for the rule behind what the lesson drew.

Over 400 lines: one module per lesson, its exercises in the notebook's order.
"""

from __future__ import annotations

import numpy as np

from course_lib.checks import Lesson, Misconception, case
from course_lib.lessons.references import OUTPUT_SIZE, SIZE_RULES

lesson = Lesson(__name__)


def _random_valid(count: int, seed: int, padded: bool = False) -> list:
    """``count`` random (n, f, s[, p]) with a window that fits (fixed seed)."""
    rng = np.random.default_rng(seed)
    out = []
    while len(out) < count:
        n = int(rng.integers(1, 41))
        f = int(rng.integers(1, min(n, 7) + 1))
        s = int(rng.integers(1, 6))
        if padded:
            p = int(rng.integers(0, f // 2 + 1))
            out.append(case("random", n=n, f=f, s=s, p=p))
        else:
            out.append(case("random", n=n, f=f, s=s))
    return out


def _cases_2_1() -> list:
    fixed = [
        case("the article's 4x4 example", n=4, f=2, s=2),
        case("MNIST-sized 28x28 map", n=28, f=2, s=2),
        case("odd size: the last cell is left over", n=5, f=2, s=2),
        case("overlapping windows, stride < pool", n=7, f=3, s=2),
        case("stride 1", n=5, f=3, s=1),
        case("stride > pool: cells are skipped", n=10, f=2, s=3),
        case("stride > pool, odd", n=9, f=2, s=4),
        case("window as big as the input", n=3, f=3, s=2),
        case("a single cell", n=1, f=1, s=1),
        case("ImageNet-sized, 3x3 stride 2", n=224, f=3, s=2),
    ]
    return fixed + _random_valid(15, seed=21)


_MISCONCEPTIONS_2_1 = [
    Misconception(
        "article_unrounded",
        "This is (n - f + 1) / s without rounding, the formula of the source article. "
        "Window counts are whole numbers: 4 cells, window 2, stride 2 give 2 windows, not "
        "1.5. Count where the windows can start instead, as the lesson's pictures do.",
        lambda n, f, s: (n - f + 1) / s,
    ),
    Misconception(
        "article_rounded_down",
        "This is the article's (n - f + 1) / s rounded down. It loses a window whenever s "
        "does not divide n - f + 1 (lesson 2, section 2 counts how often). Count the "
        "window starts instead: 0, s, 2s, ... as long as a whole window still fits.",
        lambda n, f, s: (n - f + 1) // s,
    ),
    Misconception(
        "missing_plus_one",
        "This counts the steps from the first window start to the last, not the windows: "
        "the window at position 0 has to be counted too (like fence posts and the gaps "
        "between them).",
        lambda n, f, s: (n - f) // s,
    ),
    Misconception(
        "ceil_instead_of_floor",
        "Rounding up counts a last window that runs past the edge. With valid padding "
        "every window must fit inside the input: a window that would stick out is not "
        "counted.",
        lambda n, f, s: -(-(n - f) // s) + 1,
    ),
    Misconception(
        "true_division",
        "True division (/) gives fractions such as 2.5 windows. Only whole windows count: "
        "a window that does not fit entirely is not a window.",
        lambda n, f, s: (n - f) / s + 1,
    ),
    Misconception(
        "size_over_pool",
        "n // f is right only when the stride equals the pool size. The stride decides "
        "where windows start; the pool size only decides how far the last one reaches.",
        lambda n, f, s: n // f,
    ),
    Misconception(
        "same_rule",
        "Rounding n / s up counts windows that stick out past the end of the input, and "
        "leaves the window size out. With valid padding (none) every window must fit "
        "inside the input, so the window size f matters too.",
        lambda n, f, s: -(-n // s),
    ),
]

lesson.function_exercise(
    "2.1",
    "Output size with valid padding",
    forbid=SIZE_RULES,
    name="output_size",
    task="output_size(n, f, s) -> int",
    reference=lambda n, f, s: OUTPUT_SIZE(n, f, s),
    cases=_cases_2_1,
    returns="int",
    misconceptions=_MISCONCEPTIONS_2_1,
    hints=(
        "Draw a row of n cells and slide a window of f cells by s at a time. Which "
        "positions can the window's first cell take?",
        "The first window starts at 0, the next at s, then 2s, ... The last start must "
        "leave room for the whole window: start + f <= n.",
        "Count the starts 0, s, 2s, ..., k*s with k*s <= n - f: how many values of k "
        "is that? Integer division (//) rounds down for you.",
    ),
    proves="You can count pooling windows for any input size, window and stride "
    "(valid padding): 25 cases, including the article's example and stride > pool.",
)


def _cases_2_2() -> list:
    fixed = [
        case("no padding: the article's example", n=4, f=2, s=2, p=0),
        case("3x3 stride 1, padding 1 keeps the size", n=5, f=3, s=1, p=1),
        case("odd size with padding", n=5, f=2, s=2, p=1),
        case("28x28, 3x3 stride 2, padding 1", n=28, f=3, s=2, p=1),
        case("even size, padding 1", n=7, f=2, s=2, p=1),
        case("5x5 window, padding 2", n=32, f=5, s=1, p=2),
        case("stride > pool with padding", n=6, f=4, s=5, p=2),
        case("a single cell, padded", n=1, f=3, s=1, p=1),
    ]
    return fixed + _random_valid(17, seed=22, padded=True)


_MISCONCEPTIONS_2_2 = [
    Misconception(
        "padding_once",
        "Padding p means p cells on *each* side: count the cells on both sides of the "
        "input, not only on one.",
        lambda n, f, s, p: (n + p - f) // s + 1,
    ),
    Misconception(
        "padding_ignored",
        "The padding is not used: this counts the windows on the input alone. The windows "
        "slide over the padded axis, which is longer than the input.",
        lambda n, f, s, p: (n - f) // s + 1,
    ),
    Misconception(
        "missing_plus_one",
        "This counts the steps between window starts, not the windows: the window at "
        "position 0 needs its own + 1 (like fence posts and the gaps between them).",
        lambda n, f, s, p: (n + 2 * p - f) // s,
    ),
    Misconception(
        "ceil_instead_of_floor",
        "Rounding up counts a last window that runs past the end of the padded axis. By "
        "default every window must fit, so round down (PyTorch's ceil_mode=True is the "
        "opt-in exception, exercise 2.6).",
        lambda n, f, s, p: -(-(n + 2 * p - f) // s) + 1,
    ),
    Misconception(
        "article_unrounded",
        "This is the source article's formula (n - f + 1) / s with the padding added: "
        "it gives fractions (2.5 windows) whenever s does not divide the top, and a window "
        "count is a whole number. Count where the windows can start instead.",
        lambda n, f, s, p: (n + 2 * p - f + 1) / s,
    ),
    Misconception(
        "article_rounded_down",
        "This is the source article's formula (n - f + 1) / s with the padding added, "
        "rounded down. Rounded down it loses the last window whenever s does not divide "
        "the top. Count where the windows can start instead.",
        lambda n, f, s, p: (n + 2 * p - f + 1) // s,
    ),
    Misconception(
        "true_division",
        "True division (/) gives fractions such as 2.5 windows. Only whole windows "
        "count: round down, with //.",
        lambda n, f, s, p: (n + 2 * p - f) / s + 1,
    ),
]

lesson.function_exercise(
    "2.2",
    "Output size with p cells of padding on each side",
    forbid=SIZE_RULES,
    name="output_size_padded",
    task="output_size_padded(n, f, s, p) -> int",
    reference=lambda n, f, s, p: OUTPUT_SIZE(n, f, s, padding=p),
    cases=_cases_2_2,
    returns="int",
    misconceptions=_MISCONCEPTIONS_2_2,
    hints=(
        "Padding makes the axis longer before the windows slide over it. Draw it: how "
        "many cells does the padded axis have?",
        "Once you have the padded length, the windows are counted on it exactly as "
        "lesson 2, section 1 counts them without padding.",
    ),
    proves="You can count windows over a padded input (PyTorch's explicit padding): the "
    "rule floor((n + 2p - f) / s) + 1.",
)


def _cases_2_3() -> list:
    fixed = [
        case("the article's example size", n=4, s=2),
        case("odd size: the last window is padded", n=5, s=2),
        case("MNIST-sized", n=28, s=2),
        case("stride 3", n=7, s=3),
        case("stride 1 keeps the size", n=10, s=1),
        case("stride 4", n=9, s=4),
        case("a single cell", n=1, s=1),
        case("stride larger than the input", n=3, s=5),
    ]
    rng = np.random.default_rng(23)
    randoms = [
        case("random", n=int(rng.integers(1, 41)), s=int(rng.integers(1, 6))) for _ in range(12)
    ]
    return fixed + randoms


_MISCONCEPTIONS_2_3 = [
    Misconception(
        "same_keeps_size",
        "'same' keeps the size only when the stride is 1. Keras places one window for "
        "every s cells of the input and pads just enough that the last one is complete: "
        "with a stride above 1 there are fewer windows than cells.",
        lambda n, s: n,
    ),
    Misconception(
        "floor_instead_of_ceil",
        "n // s rounds down and drops the last, partly padded window. With 'same' padding "
        "that window is kept: a window that starts inside the input counts even when it "
        "needs padding to be complete.",
        lambda n, s: n // s,
    ),
    Misconception(
        "true_division",
        "n / s gives fractions (2.5 windows), and a window count is whole. Decide which "
        "way to round by asking what happens to the last, partly padded window: with "
        "'same' it is kept.",
        lambda n, s: n / s,
    ),
    Misconception(
        "ceil_off_by_one",
        "This is one short: it counts the steps from the first window start to the last, "
        "not the starts themselves.",
        lambda n, s: (n - 1) // s,
    ),
]

lesson.function_exercise(
    "2.3",
    "Output size with Keras 'same' padding",
    forbid=SIZE_RULES,
    name="output_size_same",
    task="output_size_same(n, s) -> int",
    reference=lambda n, s: OUTPUT_SIZE(n, 1, s, padding="same"),
    cases=_cases_2_3,
    returns="int",
    misconceptions=_MISCONCEPTIONS_2_3,
    hints=(
        "With 'same' padding the window size does not matter for the count: Keras "
        "pads as much as the windows need. Only n and s do.",
        "Count the positions 0, s, 2s, ... that lie inside the input: Keras places one "
        "window for each (then shifts them all back by the padding it puts before, which "
        "does not change the count). How many such positions are there?",
        "Plan: decide whether that count is n / s rounded down or rounded up (draw n = 5, "
        "s = 2 to see), then find a Python operation that rounds that way and returns an int.",
    ),
    proves="You know that 'same' means ceil(n / s) cells: the size is kept only with stride 1.",
)


# --------------------------------------------------------------------------
# 2.4-2.6 (lesson 2's own): trace a stack, invert the rule, PyTorch's ceil_mode
# --------------------------------------------------------------------------
TRACE_INPUT = (65, 65, 3)
"""Input of exercise 2.4's stack, as (H, W, C)."""

TRACE_STACK = (
    ("conv", 5, 16, "valid", 1),  # ("conv", kernel, filters, padding, strides)
    ("pool", 2, None, "valid"),  # ("pool", pool_size, strides (None: = pool_size), padding)
    ("conv", 3, 32, "same", 1),
    ("pool", 3, 2, "valid"),
    ("conv", 2, 64, "valid", 2),  # a strided convolution: lesson 2's `trace` has none
    ("pool", 2, None, "same"),
    ("flatten",),
)
"""Exercise 2.4's layers, in the order the notebook lists them."""

TRACE_LAYERS = (
    "Conv2D(16, kernel_size=5)",
    "MaxPooling2D(pool_size=2)",
    "Conv2D(32, kernel_size=3, padding='same')",
    "MaxPooling2D(pool_size=3, strides=2)",
    "Conv2D(64, kernel_size=2, strides=2)",
    "MaxPooling2D(pool_size=2, padding='same')",
    "Flatten()",
)
"""TRACE_STACK's layers as the notebook writes them, for the feedback of 2.4."""


def _trace(
    pool_rule,
    conv_valid_rule=None,
    default_stride=None,
    conv_same_rule=None,
    conv_stride=None,
) -> list[tuple]:
    """Shapes after each layer of TRACE_STACK.

    ``pool_rule(n, f, s, padding)`` sizes one axis of a pooling (and of a convolution, with
    the convolution's stride, unless ``conv_valid_rule(n, k, s)`` or ``conv_same_rule(n, k,
    s)`` is given for valid or same convolutions);
    ``default_stride(f)`` is the stride used when none is given (default: f);
    ``conv_stride(s)`` replaces a convolution's stride (default: kept).
    """
    h, w, c = TRACE_INPUT
    shapes: list[tuple] = []
    for layer in TRACE_STACK:
        if layer[0] == "conv":
            _, k, filters, pad, s = layer
            if conv_stride is not None:
                s = conv_stride(s)
            if pad == "valid" and conv_valid_rule is not None:
                h, w = conv_valid_rule(h, k, s), conv_valid_rule(w, k, s)
            elif pad == "same" and conv_same_rule is not None:
                h, w = conv_same_rule(h, k, s), conv_same_rule(w, k, s)
            else:
                h, w = OUTPUT_SIZE(h, k, s, pad), OUTPUT_SIZE(w, k, s, pad)
            c = filters
            shapes.append((h, w, c))
        elif layer[0] == "pool":
            _, f, s, pad = layer
            if s is None:
                s = f if default_stride is None else default_stride(f)
            h, w = pool_rule(h, f, s, pad), pool_rule(w, f, s, pad)
            shapes.append((h, w, c))
        else:
            shapes.append((h * w * c,))
    return shapes


def _pool_right(n, f, s, pad):
    return OUTPUT_SIZE(n, f, s, pad)


def _pool_ceil(n, f, s, pad):
    return OUTPUT_SIZE(n, f, s, pad) if pad == "same" else -(-(n - f) // s) + 1


def _pool_same_keeps(n, f, s, pad):
    return n if pad == "same" else OUTPUT_SIZE(n, f, s, pad)


lesson.value_exercise(
    "2.4",
    "Trace the shapes through a stack of layers",
    expected=lambda: _trace(_pool_right),
    misconceptions=[
        Misconception(
            "pool_rounds_up",
            "A pooling window that does not fit entirely is dropped with valid padding: on "
            "an odd size the last row and column are left over. Round down.",
            lambda: _trace(_pool_ceil),
        ),
        Misconception(
            "same_keeps_size",
            "'same' keeps the size only when the stride is 1. MaxPooling2D(2, padding='same') "
            "has stride 2, so it about halves the size (rounding up).",
            lambda: _trace(_pool_same_keeps),
        ),
        Misconception(
            "stride_defaults_to_1",
            "When no stride is given, it equals the pool size (Keras and PyTorch), not 1: "
            "MaxPooling2D(2) halves the height and width.",
            lambda: _trace(_pool_right, default_stride=lambda f: 1),
        ),
        Misconception(
            "valid_conv_keeps_size",
            "A convolution with valid padding trims its input: its k x k kernel must fit "
            "inside, so it has fewer positions than the input has cells (the same counting "
            "as pooling, with stride 1).",
            lambda: _trace(_pool_right, conv_valid_rule=lambda n, k, s: n),
        ),
        Misconception(
            "channels_left_out",
            "These are (H, W) pairs: the channels are missing. Every shape here is "
            "(H, W, C), and the Flatten size multiplies all three numbers, channels "
            "included.",
            lambda: [
                shape[:2] if len(shape) == 3 else (_trace(_pool_right)[-2][0] ** 2,)
                for shape in _trace(_pool_right)
            ],
        ),
        Misconception(
            "with_batch_axis",
            "The shapes carry a batch axis in front (a batch of one). The task asks for the "
            "shapes without it: (H, W, C), and the Flatten size as a 1-tuple.",
            lambda: [(1, *shape) for shape in _trace(_pool_right)],
        ),
        Misconception(
            "missing_plus_one",
            "Each count is one short: n - f (or (n - f) // s) counts the steps between "
            "window positions, and the first position needs its own + 1.",
            lambda: _trace(
                lambda n, f, s, pad: -(-n // s) if pad == "same" else (n - f) // s,
                conv_valid_rule=lambda n, k, s: (n - k) // s,
            ),
        ),
        Misconception(
            "same_conv_trims",
            "A convolution with padding='same' and stride 1 keeps the height and width: "
            "Keras pads just enough for one output per input cell. Only the channels change.",
            lambda: _trace(_pool_right, conv_same_rule=lambda n, k, s: OUTPUT_SIZE(n, k, s)),
        ),
        Misconception(
            "conv_stride_ignored",
            "A convolution's strides works like a pooling's: Conv2D(64, kernel_size=2, "
            "strides=2) places its kernel every 2 cells, not at every cell, so it counts "
            "its positions with stride 2.",
            lambda: _trace(_pool_right, conv_stride=lambda s: 1),
        ),
        Misconception(
            "flatten_size_as_int",
            "The shapes are right, but the last one is a bare number. Write the Flatten "
            "output as a one-element tuple, with its comma: (100,), not 100.",
            lambda: [*_trace(_pool_right)[:-1], _trace(_pool_right)[-1][0]],
        ),
        Misconception(
            "only_the_flatten_size",
            "This is only the final, flattened size. Give the shape after every one of the "
            "seven layers, as a list of seven tuples.",
            lambda: _trace(_pool_right)[-1][0],
        ),
    ],
    hints=(
        "Go one layer at a time, and one axis at a time; the channels change only at a "
        "convolution (to its number of filters).",
        "Every 'valid' layer here counts where its window fits, as in lesson 2, section 1: "
        "a convolution's stride is 1 unless strides= is given, a pooling's is its pool "
        "size. 'same' places one window for every s cells, rounding up.",
        "Flatten multiplies the three numbers of the last shape.",
    ),
    proves="You can trace a network's shapes by hand: valid, same and strided convolutions, "
    "the default stride, floors on odd sizes and 'same' pooling.",
    task="a list of seven shapes: six (H, W, C) tuples and the Flatten size as a 1-tuple",
    item_names=TRACE_LAYERS,
)


def _input_sizes_reference(out, f, s):
    return [n for n in range(f, f + out * s + 1) if OUTPUT_SIZE(n, f, s) == out]


def _cases_2_5() -> list:
    fixed = [
        case("7 after a 2x2, stride-2 pooling", out=7, f=2, s=2),
        case("stride 1: only one size", out=5, f=3, s=1),
        case("stride > pool", out=3, f=2, s=3),
        case("one window", out=1, f=3, s=3),
        case("overlapping windows", out=4, f=3, s=2),
        case("wide stride", out=2, f=4, s=4),
        case("MNIST-like", out=14, f=2, s=2),
        case("the smallest case", out=1, f=1, s=1),
        case("a large map: 100 windows of 7, stride 5", out=100, f=7, s=5),
        case("a long axis, stride 4", out=1000, f=3, s=4),
        case("beyond a few hundred cells, stride 1", out=250, f=5, s=1),
    ]
    rng = np.random.default_rng(25)
    randoms = []
    for _ in range(8):
        f = int(rng.integers(1, 6))
        randoms.append(case("random", out=int(rng.integers(1, 20)), f=f, s=int(rng.integers(1, 6))))
    return fixed + randoms


lesson.function_exercise(
    "2.5",
    "Every input size that gives a target output size",
    forbid=SIZE_RULES,
    name="input_sizes",
    task="input_sizes(out, f, s) -> sorted list of int",
    reference=_input_sizes_reference,
    cases=_cases_2_5,
    returns="any",
    misconceptions=[
        Misconception(
            "only_the_smallest",
            "This is the smallest input that gives out windows, but not the only one: a "
            "slightly longer input leaves a few cells over at the end, and the count is the "
            "same (lesson 2, section 6: several sizes give one output size).",
            lambda out, f, s: [(out - 1) * s + f],
        ),
        Misconception(
            "out_times_stride",
            "n = out * s inverts 'the output is the input divided by the stride', which holds "
            "only for some sizes. Invert the counting of window starts instead: where must the "
            "last window start, and how many more cells can the input have before another "
            "window fits?",
            lambda out, f, s: [out * s],
        ),
        Misconception(
            "one_too_many",
            "The list goes one size too far: its last size already holds one more window. "
            "Check your largest size by counting its windows.",
            lambda out, f, s: list(range((out - 1) * s + f, out * s + f + 1)),
        ),
        Misconception(
            "same_rule",
            "These are the sizes that give out windows with padding='same', where the window "
            "size does not matter. Here the padding is valid: every window must fit in the "
            "input, so the window size f matters.",
            lambda out, f, s: list(range((out - 1) * s + 1, out * s + 1)),
        ),
    ],
    hints=(
        "Try it: for which n does a 2-cell window with stride 2 fit exactly 7 times? There "
        "is more than one.",
        "Where must the last of the out windows start, and how many cells does the input "
        "need to hold it whole? Then: how many cells can you add before one more window "
        "fits?",
    ),
    proves="You know that pooling maps several input sizes to one output size, and which "
    "ones: (out - 1) * s + f up to out * s + f - 1.",
)


def _cases_2_6() -> list:
    fixed = [
        case("PyTorch's famous edge case", n=5, f=2, s=2, p=1),
        case("a real partial window: ceil adds it", n=3, f=2, s=2, p=0),
        case("exact fit: ceil changes nothing", n=4, f=2, s=2, p=0),
        case("padding 1, even size", n=4, f=2, s=2, p=1),
        case("3x3 stride 2, padding 1", n=6, f=3, s=2, p=1),
        case("stride > pool", n=2, f=1, s=2, p=0),
        case("3x3 stride 3, padding 1", n=7, f=3, s=3, p=1),
        case("window 4, padding 2", n=9, f=4, s=3, p=2),
    ]
    return fixed + _random_valid(14, seed=26, padded=True)


def _floor_torch(n, f, s, p):
    return (n + 2 * p - f) // s + 1


def _ceil_checked(n, f, s, p, limit):
    out = -(-(n + 2 * p - f) // s) + 1
    if (out - 1) * s >= limit:
        out -= 1
    return out


lesson.function_exercise(
    "2.6",
    "PyTorch's ceil_mode",
    forbid=SIZE_RULES,
    name="output_size_ceil",
    task="output_size_ceil(n, f, s, p) -> int",
    reference=lambda n, f, s, p: OUTPUT_SIZE(n, f, s, padding=p, ceil_mode=True),
    cases=_cases_2_6,
    returns="int",
    misconceptions=[
        Misconception(
            "ceil_just_rounds_up",
            "ceil_mode rounds up, but PyTorch then drops a last window that would start in "
            "the right padding (it would hold no input), as in lesson 2's picture of n=5, "
            "f=2, s=2, p=1. Work out where your last window starts and compare it with where "
            "the input ends.",
            lambda n, f, s, p: -(-(n + 2 * p - f) // s) + 1,
        ),
        Misconception(
            "floor_mode",
            "This is the default rule (ceil_mode=False), which rounds down. With "
            "ceil_mode=True a last window that sticks out past the end is kept, as long as it "
            "starts in the left padding or in the input.",
            _floor_torch,
        ),
        Misconception(
            "check_ignores_left_padding",
            "The last-window check forgets the left padding. Count as lesson 2 does, with cell "
            "0 the input's first cell: the first window starts at -p, in the left padding, so "
            "every window starts p cells earlier than your check assumes. A window may start "
            "anywhere before the input's end.",
            lambda n, f, s, p: _ceil_checked(n, f, s, p, n),
        ),
        Misconception(
            "padding_once",
            "PyTorch's padding=p adds p cells on *each* side, not p in all: count both.",
            lambda n, f, s, p: _ceil_checked(n - p, f, s, p, n),
        ),
    ],
    hints=(
        "Start from your answer to 2.2 and round up instead of down.",
        "Then find where the last window starts, counting cells as lesson 2 does: cell 0 is "
        "the input's first cell, so the first window starts at -p, in the left padding, and "
        "the input's last cell is n - 1.",
        "A window may start in the left padding or in the input, never after the input's "
        "last cell: if the last one would, PyTorch does not count it.",
    ),
    proves="You know PyTorch's ceil_mode exactly: round up, but never start a window in the "
    "right padding.",
)
