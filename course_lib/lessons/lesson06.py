"""Exercises of lesson 6, the trade-offs of pooling: predict-then-measure (6.1), how much
smaller a pooled batch is than its input (6.2), and choosing a pooling for a situation
(6.3-6.5)."""

from __future__ import annotations

import numpy as np

from course_lib.checks import Lesson, Misconception
from course_lib.lessons.references import POOL2D

lesson = Lesson(__name__)

SHIFT_MAP = np.array([[1, 5, 2, 0, 3, 9, 4, 1], [0, 2, 6, 1, 2, 1, 0, 7]])
"""The 2x8 map of exercise 6.1 (also printed in the exercise notebook)."""


def _unchanged(shift: int, mode: str = "max") -> float:
    """Share of the 2x2 pooled cells of SHIFT_MAP unchanged when it moves ``shift`` right."""
    before = POOL2D(SHIFT_MAP[None, :, :, None], 2, mode=mode)
    after = POOL2D(np.roll(SHIFT_MAP, shift, axis=1)[None, :, :, None], 2, mode=mode)
    return float(np.mean(np.isclose(before, after)))


lesson.value_exercise(
    "6.1",
    "Predict, then measure: a max-pooled map under a 1-pixel shift",
    expected=lambda: _unchanged(1),
    task="a fraction between 0 and 1",
    misconceptions=[
        Misconception(
            "shifted_left",
            "This is the share for a shift to the LEFT. np.roll(x, 1, axis=1) moves every "
            "column one place to the right: the last column comes back at the front.",
            lambda: _unchanged(-1),
        ),
        Misconception(
            "average_pooling",
            "That is the answer for average pooling, where every window takes in a new value "
            "and changes. The exercise asks about 2x2 max pooling: a window keeps its output "
            "when its maximum stays inside it and the value coming in is smaller.",
            lambda: _unchanged(1, "avg"),
        ),
        Misconception(
            "input_pixels",
            "This is the share of INPUT pixels that keep their value. Compare the pooled maps "
            "(4 cells each), before and after the shift.",
            lambda: float(np.mean(SHIFT_MAP == np.roll(SHIFT_MAP, 1, axis=1))),
        ),
        Misconception(
            "assumed_invariant",
            "Max pooling is not fully shift-invariant: after the shift, each window holds one "
            "column of its left neighbour. Pool both maps and compare them cell by cell.",
            1.0,
        ),
        Misconception(
            "percent_not_fraction",
            "This looks like a percentage. The task asks for a fraction between 0 and 1 "
            "(50 % is 0.5).",
            lambda: 100 * _unchanged(1),
        ),
        Misconception(
            "share_changed",
            "This is the share of pooled cells that CHANGED. The question asks for the share "
            "that kept its value.",
            lambda: 1 - _unchanged(1),
        ),
    ],
    hints=(
        "Write down the four windows (columns 0-1, 2-3, 4-5, 6-7) before and after the shift.",
        "After the shift, window j holds the old columns 2j-1 and 2j (column -1 is column 7).",
        "A plan in words: pool both maps with 2x2 windows, compare them cell by cell, and "
        "take the share of cells that are equal.",
    ),
    proves=(
        "You can predict and measure how much of a max-pooled map survives a shift: "
        "invariance is partial, cell by cell."
    ),
)


# --------------------------------------------------------------------------
# 6.2 How much smaller the pooled batch is (what the following layers hold)
# --------------------------------------------------------------------------
def _mib(values: int, bytes_per_value: int = 4) -> float:
    return values * bytes_per_value / 2**20


_INPUT = 32 * 64 * 64 * 32  # batch 32, 64x64 maps, 32 channels
_OUTPUT = 32 * 32 * 32 * 32  # after 2x2 pooling, stride 2
_SAVED_BYTES = (_INPUT - _OUTPUT) * 4

lesson.value_exercise(
    "6.2",
    "How much smaller the pooled batch is than its input",
    expected=_mib(_INPUT) - _mib(_OUTPUT),
    task="a number of MiB",
    misconceptions=[
        Misconception(
            "megabytes_not_mebibytes",
            "This is in megabytes (MB, 10**6 bytes). The task asks for mebibytes: 1 MiB is "
            "2**20 = 1,048,576 bytes, a little more than a megabyte.",
            _SAVED_BYTES / 10**6,
        ),
        Misconception(
            "bytes_not_mib",
            "This is a number of bytes. Divide by 2**20 to express it in MiB.",
            float(_SAVED_BYTES),
        ),
        Misconception(
            "kib_not_mib",
            "This is in KiB (1 KiB = 2**10 bytes). Divide by 2**10 once more for MiB.",
            _SAVED_BYTES / 2**10,
        ),
        Misconception(
            "values_not_bytes",
            "This is a number of values, not of bytes or MiB: each float32 value takes "
            "4 bytes, and 1 MiB is 2**20 bytes.",
            float(_INPUT - _OUTPUT),
        ),
        Misconception(
            "share_not_size",
            "This is the share of the values that pooling removes, a fraction (or a "
            "percentage). The task asks for a size in MiB.",
            0.75,
        ),
        Misconception(
            "percent_not_size",
            "This is the percentage of the values that pooling removes. The task asks for a "
            "size in MiB.",
            75.0,
        ),
        Misconception(
            "halves_the_size",
            "A 2x2 window with stride 2 halves the height AND the width: the output has a "
            "quarter of the values, not half.",
            _mib(_INPUT) / 2,
        ),
        Misconception(
            "output_not_saving",
            "That is the size of the pooled output. The question asks how much smaller it is "
            "than the input.",
            _mib(_OUTPUT),
        ),
        Misconception(
            "float64",
            "float32 values take 4 bytes each, not 8.",
            _mib(_INPUT, 8) - _mib(_OUTPUT, 8),
        ),
        Misconception(
            "one_example",
            "This is the saving for one example; the batch holds 32.",
            (_mib(_INPUT) - _mib(_OUTPUT)) / 32,
        ),
        Misconception(
            "channels_pooled",
            "Pooling works on each channel separately: the 32 channels stay 32.",
            _mib(_INPUT) - _mib(32 * 32 * 32),
        ),
    ],
    hints=(
        "Count the values of the input batch (N x H x W x C) and of the pooled batch.",
        "A 2x2 stride-2 pooling gives 32x32 maps; channels and batch do not change.",
        "Bytes = values x 4 for float32; 1 MiB = 2**20 bytes.",
    ),
    proves=(
        "You can compute how much smaller a pooled batch is: a quarter of the values remain, "
        "in every channel of every example. In training, the pooling layer's own input is "
        "still kept for the backward pass; the saving is in what the following layers "
        "receive, compute on and keep."
    ),
)


# --------------------------------------------------------------------------
# 6.3 - 6.5 Choosing a pooling
# --------------------------------------------------------------------------
lesson.choice_exercise(
    "6.3",
    "Thin cracks on clean road images",
    options={
        "a": "2x2 max pooling",
        "b": "2x2 average pooling",
        "c": "8x8 average pooling right after the first convolution",
        "d": "no downsampling at all, then flatten into a dense layer",
    },
    answer="a",
    explanations={
        "a": "Right: a crack is a thin, bright, sparse feature. The maximum keeps it at full "
        "strength (lesson 6: a 1-pixel line keeps brightness 1.0 after 2x2 max pooling).",
        "b": "Averaging a 1-2 pixel line with its dark neighbours dilutes it: lesson 6 "
        "measured a thin line at half its brightness after 2x2 average pooling.",
        "c": "A huge average window early on blurs a thin crack into the background: it "
        "keeps 1 value in 64 and its information loss grows with the window (lesson 6, "
        "section 3).",
        "d": "This keeps the detail but multiplies the activations, the multiply-adds and the "
        "dense layer's parameters (lesson 6, section 1, counted them for its tiny network), "
        "and the network without pooling changed more answers under small shifts than the "
        "one with max pooling (section 2b).",
    },
    hints=("Which pooling keeps a bright one-pixel line at full brightness?",),
    proves="You match the pooling to the feature: max pooling for thin, sparse, bright detail.",
)

lesson.choice_exercise(
    "6.4",
    "A camera with dead pixels that light up (salt noise)",
    options={
        "a": "2x2 max pooling",
        "b": "2x2 average pooling",
        "c": "4x4 max pooling",
    },
    answer="b",
    explanations={
        "a": "Max pooling passes every bright outlier on at full strength, and each one spoils "
        "a whole window: in lesson 6, 2 % salt badly hit more than three times that share "
        "of the max-pooled cells.",
        "b": "Right: an average divides an isolated outlier by the window size (by 4 for 2x2), "
        "so the noise is damped instead of selected.",
        "c": "A bigger max window still passes every bright outlier on at full strength; each "
        "one now spoils a 4x4 window, so the noise is selected, not damped.",
    },
    hints=("What does each pooling do with one very bright value among dark ones?",),
    proves="You know that max pooling selects outliers as readily as features.",
)

lesson.choice_exercise(
    "6.5",
    "A classifier whose answer flickers when the object moves by one pixel",
    options={
        "a": "Nothing to do: max pooling already makes the network shift-invariant.",
        "b": "Blur before subsampling (anti-aliased pooling), and train on shifted copies.",
        "c": "Replace max pooling by a larger 4x4 max pooling.",
        "d": "Remove pooling: convolutions alone are shift-invariant.",
    },
    answer="b",
    explanations={
        "a": "Lesson 6 measured that a 2x2 max pool leaves only about a third of its outputs "
        "unchanged by a one-pixel shift, and trained networks with max pooling still changed "
        "answers under shifts.",
        "b": "Right: blurring before subsampling (Zhang 2019) raised consistency in lesson 6, "
        "and showing the network shifted examples teaches it the rest.",
        "c": "A bigger window absorbs some larger shifts but loses more information (lesson 6, "
        "section 3), and it still subsamples without blurring, so it still aliases.",
        "d": "Convolutions are shift-EQUIVARIANT (the map moves with the input), not "
        "invariant; in lesson 6 the network without pooling kept its answer under shifts "
        "less often than the one with max pooling.",
    },
    hints=("What did lesson 6 add to max pooling to raise the consistency?",),
    proves="You know what makes a CNN more tolerant of shifts, and what does not.",
)
