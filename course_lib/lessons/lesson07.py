"""Exercises of lesson 7, beyond max and average: Lp pooling written by the learner
(7.1), the course's Lp pooling against PyTorch's on a window with negative values (7.2),
and a 1-D pooling shape (7.3)."""

from __future__ import annotations

import numpy as np

from course_lib.checks import Lesson, Misconception, case
from course_lib.lessons.fixtures import article_batch
from course_lib.lessons.references import LP_POOL2D, OUTPUT_SIZE, POOL2D

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
    forbid=(LP_POOL2D,),
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
            "This is the p-th root of the SUM of the powers (what PyTorch's LPPool2d "
            "computes on non-negative input). The task asks for the MEAN, so that p = 1 "
            "gives average pooling; the sum is larger by a factor (f * f) ** (1 / p).",
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
        "The middle step, a mean over each window, is exactly what average pooling does: "
        "apply it to the powered values, not to x. Make the values floats before raising "
        "them to the power p (integers overflow silently).",
        "A plan in words: convert x to floats, take absolute values, raise them to the power "
        "p, average-pool with f x f windows, take the p-th root. Then check that p = 1 gives "
        "the article's average pooling, printed at the top of the notebook.",
    ),
    proves=(
        "You can write Lp pooling, the family that runs from average pooling (p = 1) to max "
        "pooling (p -> infinity)."
    ),
)


SIGNED_WINDOW = (-6.0, 3.0, -1.0, 1.0)
"""The 2x2 window of exercise 7.2, in reading order."""


def _torch_lp(window, p: float = 1.0, absolute: bool = False, mean: bool = False) -> float:
    """PyTorch's LPPool2d rule on one window: S ** (1/p), S the sum of signed powers.

    At p = 1 the sign of S survives; for other p a negative S (or a negative value raised
    to a p that is not a whole number) gives NaN, as in PyTorch. ``absolute`` and ``mean``
    model the slips: absolute values taken, mean for the sum.
    """
    v = np.abs(np.asarray(window, dtype=float)) if absolute else np.asarray(window, dtype=float)
    with np.errstate(invalid="ignore"):
        total = float(np.mean(v**p) if mean else np.sum(v**p))
        return total if p == 1 else float(np.power(total, 1 / p))


def _ours(window, p: float = 1.0) -> float:
    """The course's Lp pooling of one window: (mean of |v| ** p) ** (1 / p)."""
    return float(np.mean(np.abs(np.asarray(window)) ** p) ** (1 / p))


lesson.value_exercise(
    "7.2",
    "The course's Lp pooling against PyTorch's, on negative values",
    expected=lambda: (_ours(SIGNED_WINDOW), _torch_lp(SIGNED_WINDOW)),
    task="a pair (course's lp_pool2d, PyTorch's LPPool2d)",
    item_names=("the course's Lp pooling", "PyTorch's LPPool2d"),
    misconceptions=[
        Misconception(
            "signs_kept_in_ours",
            "Your first number keeps the signs: that is the plain average of the window. "
            "The course's Lp pooling raises |v| to the power p, so with p = 1 it is the "
            "mean of the ABSOLUTE values, and it cannot be negative.",
            lambda: (float(np.mean(SIGNED_WINDOW)), _torch_lp(SIGNED_WINDOW)),
        ),
        Misconception(
            "torch_takes_abs",
            "Your second number treats PyTorch's LPPool2d as the sum of absolute values. "
            "It takes no absolute value: it adds up the SIGNED v ** p, so negative values "
            "cancel positive ones, and the sign of the sum is kept.",
            lambda: (_ours(SIGNED_WINDOW), _torch_lp(SIGNED_WINDOW, absolute=True)),
        ),
        Misconception(
            "torch_takes_mean",
            "Your second number divides by the window's size. PyTorch's LPPool2d uses the "
            "SUM of the powers, not their mean.",
            lambda: (_ours(SIGNED_WINDOW), _torch_lp(SIGNED_WINDOW, mean=True)),
        ),
        Misconception(
            "torch_clipped_at_zero",
            "PyTorch's rule keeps sign(S) * relu(|S|) of the sum S: relu acts on the "
            "absolute value, which is never negative, so at p = 1 the sign of the sum "
            "survives. A negative sum is not cut to 0.",
            lambda: (_ours(SIGNED_WINDOW), 0.0),
        ),
        Misconception(
            "swapped",
            "The two numbers are in the wrong order: first the course's lp_pool2d, then "
            "PyTorch's LPPool2d.",
            lambda: (_torch_lp(SIGNED_WINDOW), _ours(SIGNED_WINDOW)),
        ),
    ],
    hints=(
        "With p = 1, the p-th root changes nothing: only the mean or sum of the (absolute "
        "or signed) values is left.",
        "The course's rule: mean of |v|. PyTorch's rule: sum of the signed v, whose sign is kept.",
    ),
    proves=(
        "You know that Lp pooling conventions differ: the course's pools magnitudes (a "
        "mean of |v|), PyTorch's LPPool2d sums signed powers; they agree, up to the factor "
        "|R| ** (1/p) for a window R, only on non-negative input (or for an even p)."
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
            "100 - 3 + 1 = 98 is the number of windows with stride 1. With stride 2 the "
            "window moves two steps at a time: count its possible starts again.",
            (8, 98, 16),
        ),
        Misconception(
            "halved",
            "50 is what 'same' padding would give (ceil(100 / 2)), or a division rounded up. "
            "The default is 'valid': only whole windows count, so the division is rounded "
            "down (lesson 2's rule).",
            (8, 50, 16),
        ),
        Misconception(
            "plus_one_forgotten",
            "The +1 of the rule is missing: floor((n - f) / s) counts the moves of the "
            "window, and the window's first position counts too.",
            (8, 48, 16),
        ),
        Misconception(
            "features_pooled",
            "1-D pooling slides along the steps (axis 1) only; the 16 features stay 16.",
            lambda: (8, OUTPUT_SIZE(100, 3, 2), 8),
        ),
        Misconception(
            "steps_only",
            "That is only the length of the steps axis. The task asks for the whole output "
            "shape, a tuple (batch, steps, features): batch and features are unchanged.",
            lambda: OUTPUT_SIZE(100, 3, 2),
        ),
        Misconception(
            "features_left_out",
            "The features axis is missing: a 1-D pooling layer's output keeps all three "
            "axes, (batch, steps, features).",
            lambda: (8, OUTPUT_SIZE(100, 3, 2)),
        ),
    ],
    hints=(
        "Only the steps axis changes; batch and features stay.",
        "Use lesson 2's rule for one axis, with the window size and the stride of this "
        "layer and no padding.",
    ),
    proves="You can predict 1-D pooling shapes with the same rule as 2-D pooling.",
)
