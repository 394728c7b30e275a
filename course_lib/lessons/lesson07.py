"""Exercises of lesson 7, beyond max and average: Lp pooling written by the learner
(7.1), where it stops being an average (7.2), and a 1-D pooling shape (7.3)."""

from __future__ import annotations

import numpy as np

from course_lib.checks import Lesson, Misconception, case
from course_lib.lessons.fixtures import article_batch
from course_lib.lessons.references import OUTPUT_SIZE, POOL2D

lesson = Lesson(__name__)


def _lp(x, p, f):
    """Reference Lp pooling, windows f x f, stride f: (mean of |x|**p) ** (1/p).

    Written with the protected POOL2D (an average of |x|**p), which equals
    ``course_lib.pooling.variants.lp_pool2d`` for valid padding and moderate p.
    """
    powered = np.abs(np.asarray(x, dtype=np.float64)) ** p
    return POOL2D(powered, f, mode="avg") ** (1.0 / p)


def _nonneg(shape: tuple[int, ...], seed: int) -> np.ndarray:
    """Non-negative values, as after a ReLU, rounded to 2 decimals."""
    return np.round(np.random.default_rng(seed).uniform(0.0, 3.0, size=shape), 2)


def _cases_7_1() -> list:
    return [
        case("the article's 4x4 example, p = 1", x=article_batch(), p=1, f=2),
        case("the article's example, p = 2", x=article_batch(), p=2, f=2),
        case("3 channels, batch of 2, p = 3", x=_nonneg((2, 4, 6, 3), 71), p=3, f=2),
        case("3x3 windows, p = 10", x=_nonneg((1, 6, 9, 2), 72), p=10, f=3),
        case(
            "non-integer p = 2.5, with zeros",
            x=np.maximum(_nonneg((1, 4, 4, 2), 73) - 1, 0),
            p=2.5,
            f=2,
        ),
        # Integers with a large p: 9 ** 64 does not fit in int64 and wraps around silently.
        case("the article's example as integers, p = 64", x=article_batch(), p=64, f=2),
    ]


def _powers_in_integers(x, p, f):
    """The integer-overflow mistake: |x| ** p computed in x's own (integer) dtype."""
    with np.errstate(over="ignore", invalid="ignore"):
        return POOL2D(np.abs(x) ** p, f, mode="avg") ** (1.0 / p)


lesson.function_exercise(
    "7.1",
    "Lp (power-mean) pooling",
    name="lp_pool",
    task="lp_pool(x, p, f) -> float array (N, H // f, W // f, C)",
    reference=_lp,
    cases=_cases_7_1,
    returns="array",
    dtype="float",
    misconceptions=[
        Misconception(
            "integer_overflow",
            "Your powers were computed in integers: an int64 holds at most about 9.2e18, but "
            "9 ** 64 is about 1.2e61, so NumPy wrapped the powers around silently (wrong or "
            "negative sums, NaN after the root). Convert to floats before taking powers: "
            "np.asarray(x, dtype=float).",
            _powers_in_integers,
        ),
        Misconception(
            "sum_not_mean",
            "This is PyTorch's LPPool2d: the p-th root of the SUM of the powers. The task "
            "asks for the MEAN, so that p = 1 gives average pooling; the sum is larger by a "
            "factor (f * f) ** (1 / p).",
            lambda x, p, f: (
                (POOL2D(np.abs(x).astype(float) ** p, f, mode="avg") * f * f) ** (1.0 / p)
            ),
        ),
        Misconception(
            "no_root",
            "The mean of the powers is not yet the answer: take its p-th root, "
            "`** (1 / p)`, to come back to the scale of the input.",
            lambda x, p, f: POOL2D(np.abs(x).astype(float) ** p, f, mode="avg"),
        ),
        Misconception(
            "always_average",
            "This is average pooling whatever p is: p must act on the values before the "
            "mean (`|v| ** p`) and after it (`** (1 / p)`).",
            lambda x, p, f: POOL2D(x, f, mode="avg"),
        ),
        Misconception(
            "always_max",
            "This is max pooling: Lp pooling only tends to the max as p grows; for a finite "
            "p it is smaller (p = 1 is the average).",
            lambda x, p, f: POOL2D(x, f, mode="max").astype(float),
        ),
    ],
    hints=(
        "Three steps per window: raise |v| to the power p, average, take the p-th root.",
        "The middle step is average pooling: pool2d(np.abs(x) ** p, f, mode='avg').",
        "Check p = 1 gives average pooling on the article's example: [[4.25, 4.25], [4.25, 3.5]].",
    ),
    proves=(
        "You can write Lp pooling, the family that runs from average pooling (p = 1) to max "
        "pooling (p -> infinity)."
    ),
)


lesson.value_exercise(
    "7.2",
    "Where Lp pooling stops being an average",
    expected=3.0,  # mean of |[-4, 2, -2, 4]| = 12 / 4
    task="a number",
    misconceptions=[
        Misconception(
            "plain_average",
            "0 is the plain average of [-4, 2, -2, 4]. Lp pooling raises |v| to the power p "
            "first: with p = 1 that is the mean of the ABSOLUTE values, so the signs are lost.",
            0.0,
        ),
        Misconception(
            "the_max",
            "4 is the maximum; Lp pooling reaches it only as p grows without bound. With "
            "p = 1 it is a mean.",
            4.0,
        ),
        Misconception(
            "the_sum",
            "12 is the sum of the absolute values (PyTorch's LPPool2d at p = 1). Our Lp "
            "pooling takes the mean.",
            12.0,
        ),
    ],
    hints=(
        "Apply the definition (mean of |v| ** p) ** (1 / p) with p = 1.",
        "|-4| = 4: what is the mean of 4, 2, 2, 4?",
    ),
    proves=(
        "You know Lp pooling's limit: it pools magnitudes, so it equals average pooling only "
        "for non-negative input, as after a ReLU."
    ),
)


lesson.value_exercise(
    "7.3",
    "Output shape of MaxPooling1D",
    expected=lambda: (8, OUTPUT_SIZE(100, 3, 2), 16),
    task="a shape tuple (batch, steps, features)",
    misconceptions=[
        Misconception(
            "stride_one_formula",
            "(100 - 3 + 1) = 98 is the count of windows with stride 1. With stride 2: "
            "floor((100 - 3) / 2) + 1.",
            (8, 98, 16),
        ),
        Misconception(
            "halved",
            "50 would be 'same' padding (ceil(100 / 2)). The default is 'valid': only whole "
            "windows, floor((100 - 3) / 2) + 1.",
            (8, 50, 16),
        ),
        Misconception(
            "features_pooled",
            "1-D pooling slides along the steps (axis 1) only; the 16 features stay 16.",
            (8, 49, 8),
        ),
    ],
    hints=(
        "Only the steps axis changes; batch and features stay.",
        "Use the same rule as in 2-D, on one axis: floor((n - f) / s) + 1.",
    ),
    proves="You can predict 1-D pooling shapes with the same rule as 2-D pooling.",
)
