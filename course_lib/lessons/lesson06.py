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
    "Counting stars, with little memory",
    options={
        "a": "2x2 max pooling",
        "b": "2x2 average pooling",
        "c": "4x4 average pooling (even less memory)",
        "d": "no downsampling at all, then flatten into a dense layer",
    },
    answer="a",
    explanations={
        "a": "Right: a star is a thin, bright, sparse feature on a clean background. The "
        "maximum keeps it at full strength (lesson 6: a 1-pixel line keeps brightness 1.0 "
        "after 2x2 max pooling), and the 2x2 window meets the memory budget exactly.",
        "b": "Averaging a star of 1-2 pixels with its dark neighbours dilutes it: lesson 6 "
        "measured a thin line at half its brightness after 2x2 average pooling, so faint "
        "stars fade towards the background.",
        "c": "The budget asks for a quarter, not a sixteenth: a 4x4 average dilutes a "
        "one-pixel star to a sixteenth of its brightness, and information loss grows with "
        "the window (lesson 6, section 3).",
        "d": "This keeps the detail but breaks the memory budget: it keeps all the "
        "activations and multiplies the multiply-adds and the dense layer's parameters "
        "(lesson 6, section 1, counted them for its tiny network).",
    },
    hints=(
        "Lesson 6, section 4 pooled a pattern with a one-pixel-wide bright line: compare "
        "what each pooling did to it, then check each option against the memory budget.",
    ),
    proves="You match the pooling to the feature and the budget: max pooling for thin, "
    "sparse, bright detail.",
)

lesson.choice_exercise(
    "6.4",
    "Crop cover from satellite images with glare",
    options={
        "a": "2x2 max pooling",
        "b": "2x2 average pooling",
        "c": "4x4 max pooling",
    },
    answer="b",
    explanations={
        "a": "Max pooling passes every bright glare spot on at full strength, and each one "
        "spoils a whole window: in lesson 6, 2 % salt badly hit more than three times that "
        "share of the max-pooled cells. A fraction of the field is an amount spread over "
        "the image, not one bright spot.",
        "b": "Right: the task asks how much of the image shows crops, an amount that an "
        "average measures, and an average divides an isolated glare spot by the window size "
        "(by 4 for 2x2), so the noise is damped instead of selected.",
        "c": "A bigger max window still passes every glare spot on at full strength; each "
        "one now spoils a 4x4 window, so the noise is selected, not damped.",
    },
    hints=(
        "Lesson 6, section 4 salted a photograph with bright pixels: compare what the two "
        "poolings did with them, and ask whether the task needs the strongest spot or an "
        "amount.",
    ),
    proves="You know that max pooling selects outliers as readily as features, and that an "
    "average suits a quantity spread over the image.",
)

lesson.choice_exercise(
    "6.5",
    "A flickering answer, and no room for more parameters",
    options={
        "a": "Nothing to do: max pooling already makes the network shift-invariant.",
        "b": "Insert a fixed [1, 2, 1] / 4 filter between a stride-1 max and the "
        "subsampling, and show the network products at many positions while training.",
        "c": "Replace max pooling by a larger 4x4 max pooling.",
        "d": "Replace each pooling layer by a learned 3x3 convolution with stride 2, as allconv.",
    },
    answer="b",
    explanations={
        "a": "Lesson 6 measured that a 2x2 max pool leaves only about a third of its outputs "
        "unchanged by a one-pixel shift, and trained networks with max pooling still changed "
        "answers under shifts.",
        "b": "Right: that is anti-aliased pooling, a blur before subsampling (Zhang 2019). "
        "The filter is fixed, so it adds no parameters; it raised consistency in lesson 6's "
        "small runs, and shifted training examples teach the network the rest.",
        "c": "A bigger window absorbs some larger shifts but loses more information (lesson 6, "
        "section 3), and it still subsamples without blurring, so it still aliases.",
        "d": "allconv kept its answer more often than max pooling in lesson 6's small runs "
        "(in seven of the eight seeds), but it adds a learned convolution, with its parameters, "
        "in every block: the chip rules it out.",
    },
    hints=(
        "Lesson 6, section 2b measured consistency under shifts: which of the options "
        "raised it there, and which of those adds learned parameters?",
    ),
    proves="You know what makes a CNN more tolerant of shifts, what it costs, and what does "
    "not help.",
)
