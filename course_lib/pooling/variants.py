"""Pooling beyond max and average: reference implementations in NumPy.

Lesson 7 shows that max and average pooling are two points of larger families,
and that pooling can be made to fit a fixed output size. Every function here
takes a channels-last batch ``(N, H, W, C)``, like :func:`course_lib.pooling.pool2d`,
and is written to be read, then checked against a definition or against Keras
(see ``tests/test_variants.py``):

* :func:`lp_pool2d` -- power-mean (Lp) pooling ``(mean |x|**p) ** (1/p)``: the
  average of ``|x|`` at ``p = 1``, the maximum of ``|x|`` as ``p`` grows.
* :func:`stochastic_pool2d` -- Zeiler & Fergus (2013): during training, pick one
  cell per window with probability proportional to its value; at test time, the
  probability-weighted average (the expectation of that choice).
* :func:`mixed_pool2d` -- ``alpha * max + (1 - alpha) * average`` (Lee, Gallagher
  & Tu 2016; Yu et al. 2014 pick max or average at random instead).
* :func:`blur_downsample` and :func:`max_blur_pool2d` -- anti-aliased pooling
  (Zhang 2019, *Making Convolutional Networks Shift-Invariant Again*): low-pass
  filter before subsampling.
* :func:`adaptive_pool2d` -- pooling to a fixed output size with PyTorch's
  ``AdaptiveAvgPool2d`` window rule (also Keras's ``AdaptiveAveragePooling2D``).
* :func:`spatial_pyramid_pool` -- spatial pyramid pooling (He et al. 2014): a
  fixed-length vector from a map of any size.

Arguments are checked by :mod:`course_lib.pooling._args` and windows placed by
:mod:`course_lib.pooling.geometry`, as for ``pool2d``: the same mistake gets the
same error here and there. Only NumPy is imported.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from course_lib.pooling._args import IntOrPair, Mode, _check_int, _check_mode, _pair
from course_lib.pooling.fast import pool2d
from course_lib.pooling.geometry import axis_windows

__all__ = [
    "adaptive_pool2d",
    "adaptive_windows",
    "binomial_kernel",
    "blur_downsample",
    "lp_pool2d",
    "max_blur_pool2d",
    "mixed_pool2d",
    "spatial_pyramid_pool",
    "stochastic_pool2d",
    "stochastic_pool_probabilities",
]


# --------------------------------------------------------------------------
# Shared helpers: the batch as floats; every window, as a view, with a mask of real cells.
# --------------------------------------------------------------------------
def _as_float_batch(x: object) -> np.ndarray:
    """``x`` as a 4-D float array of finite numbers (a copy only when needed)."""
    arr = np.asarray(x)
    if arr.ndim != 4:
        raise ValueError(
            f"expected a 4-D batch (N, H, W, C), got shape {arr.shape}. "
            "A single 2-D map m becomes a batch with m[None, :, :, None]."
        )
    if arr.dtype.kind not in "iuf":
        raise TypeError(f"x must hold real numbers, got dtype {arr.dtype}.")
    arr = arr.astype(np.float64) if arr.dtype.kind != "f" else arr
    if not np.all(np.isfinite(arr)):
        raise ValueError("x must be finite (no NaN or inf).")
    return arr


def _windows(
    x: np.ndarray,
    pool_size: IntOrPair,
    strides: IntOrPair | None,
    padding: str | int,
) -> tuple[np.ndarray, np.ndarray]:
    """All pooling windows of ``x`` as an array ``(N, H_out, W_out, C, fh, fw)``.

    The windows are placed by :func:`course_lib.pooling.axis_windows`, so they
    follow exactly the rules of ``pool2d``. Padded cells hold 0 and are marked
    ``False`` in the returned mask, so that no variant ever counts them.
    """
    fh, fw = _pair(pool_size, "pool_size", 1)
    sh, sw = (fh, fw) if strides is None else _pair(strides, "strides", 1)
    _, h, w, _ = x.shape
    rows = axis_windows(h, fh, sh, padding)
    cols = axis_windows(w, fw, sw, padding)
    top, bottom = -rows[0][0], max(rows[-1][1] - h, 0)
    left, right = -cols[0][0], max(cols[-1][1] - w, 0)
    pads = ((0, 0), (top, bottom), (left, right), (0, 0))
    xp = np.pad(x, pads)
    real = np.pad(np.ones((1, h, w, 1), dtype=bool), pads)
    view = np.lib.stride_tricks.sliding_window_view
    win = view(xp, (fh, fw), axis=(1, 2))[:, ::sh, ::sw][:, : len(rows), : len(cols)]
    mask = view(real, (fh, fw), axis=(1, 2))[:, ::sh, ::sw][:, : len(rows), : len(cols)]
    return win, mask


# --------------------------------------------------------------------------
# Lp (power-mean) pooling
# --------------------------------------------------------------------------
def lp_pool2d(
    x: np.ndarray,
    p: float,
    pool_size: IntOrPair,
    strides: IntOrPair | None = None,
    padding: str | int = "valid",
) -> np.ndarray:
    """Power-mean (Lp) pooling: ``(mean over the window of |x| ** p) ** (1 / p)``.

    One family that holds both classic poolings: for non-negative input (as
    after a ReLU) ``p = 1`` is average pooling, and the result grows with ``p``
    towards max pooling, which is the limit ``p -> inf``. ``p = 2`` is the
    root-mean-square used in early "L2 pooling" networks (Sermanet et al. 2012).

    Parameters
    ----------
    x : array_like, shape (N, H, W, C)
    p : float
        The power, ``p >= 1``; ``np.inf`` gives max pooling of ``|x|``.
    pool_size, strides, padding
        As in :func:`course_lib.pooling.pool2d`; padded cells are not counted.

    Returns
    -------
    numpy.ndarray
        Float array of the shape ``pool2d`` would return.

    Notes
    -----
    Computed as ``m * (mean (|x| / m) ** p) ** (1 / p)`` with ``m`` the window's
    maximum, so that large ``p`` does not overflow. The absolute value makes the
    result a norm: signs are lost, which is one reason Lp pooling is used after
    non-negative activations.

    PyTorch's ``LPPool2d`` differs in two ways. It uses the *sum* instead of the
    mean, and it takes no absolute value: it sums the *signed* ``x ** p``, keeps
    ``sign(S) * relu(|S|)`` of that sum ``S``, then takes ``** (1 / p)``. On the
    window ``[-4, 2, -2, 4]`` with ``p = 1`` it gives 0, where this function gives
    3. Its output equals ours times ``(fh * fw) ** (1 / p)`` only when every
    ``x ** p`` is non-negative: non-negative input, or an even integer ``p``.
    """
    if not (isinstance(p, (int, float, np.integer, np.floating)) and p >= 1):
        raise ValueError(f"p must be a number >= 1 (np.inf for max), got {p!r}.")
    arr = np.abs(_as_float_batch(x))
    win, mask = _windows(arr, pool_size, strides, padding)
    peak = win.max(axis=(-2, -1))
    if np.isinf(p):
        return peak
    safe = np.where(peak > 0, peak, 1.0)[..., None, None]
    powered = np.where(mask, (win / safe) ** p, 0.0)
    mean = powered.sum(axis=(-2, -1)) / mask.sum(axis=(-2, -1))
    return peak * mean ** (1.0 / p)


# --------------------------------------------------------------------------
# Stochastic pooling
# --------------------------------------------------------------------------
def stochastic_pool_probabilities(
    x: np.ndarray, pool_size: IntOrPair, strides: IntOrPair | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Each window's values and the probability of picking each cell.

    ``probability = value / sum of the window``; a window of zeros picks its
    first cell (any choice gives 0). ``x`` must be non-negative, as after a ReLU:
    the probabilities are not defined otherwise.

    Returns
    -------
    (windows, probabilities) : two arrays of shape ``(N, H_out, W_out, C, fh * fw)``
    """
    arr = _as_float_batch(x)
    if np.any(arr < 0):
        raise ValueError(
            "stochastic pooling needs non-negative input (apply it after a ReLU): "
            "probabilities proportional to negative values are not defined."
        )
    win, _ = _windows(arr, pool_size, strides, "valid")
    flat = win.reshape(*win.shape[:4], -1)
    total = flat.sum(axis=-1, keepdims=True)
    first = np.zeros_like(flat)
    first[..., 0] = 1.0
    prob = np.where(total > 0, flat / np.where(total > 0, total, 1.0), first)
    return flat, prob


def stochastic_pool2d(
    x: np.ndarray,
    pool_size: IntOrPair,
    strides: IntOrPair | None = None,
    training: bool = True,
    rng: np.random.Generator | int | None = 0,
) -> np.ndarray:
    """Stochastic pooling (Zeiler & Fergus 2013), valid padding.

    *Training* (``training=True``): in every window, draw one cell with
    probability proportional to its value and output that value -- large values
    win often, but not always, which acts as a regulariser. *Test*
    (``training=False``): output the expectation of that draw, the
    probability-weighted average ``sum(v ** 2) / sum(v)``; it lies between the
    window's average and its maximum.

    Parameters
    ----------
    x : array_like, shape (N, H, W, C), non-negative
    pool_size, strides : as in :func:`course_lib.pooling.pool2d`
    training : bool
    rng : numpy Generator or seed
        The source of randomness for training mode; a seed makes it repeatable.
    """
    values, prob = stochastic_pool_probabilities(x, pool_size, strides)
    if not training:
        return (values * prob).sum(axis=-1)
    gen = rng if isinstance(rng, np.random.Generator) else np.random.default_rng(rng)
    cumulative = np.cumsum(prob, axis=-1)
    draws = gen.random((*cumulative.shape[:-1], 1))
    # Index of the first cell whose cumulative probability exceeds the draw.
    picked = np.minimum((cumulative <= draws).sum(axis=-1), values.shape[-1] - 1)
    return np.take_along_axis(values, picked[..., None], axis=-1)[..., 0]


# --------------------------------------------------------------------------
# Mixed pooling
# --------------------------------------------------------------------------
def mixed_pool2d(
    x: np.ndarray,
    alpha: float | np.ndarray,
    pool_size: IntOrPair,
    strides: IntOrPair | None = None,
    padding: str | int = "valid",
) -> np.ndarray:
    """Mixed pooling: ``alpha * max + (1 - alpha) * average`` of every window.

    ``alpha = 1`` is max pooling, ``alpha = 0`` average pooling. ``alpha`` may be
    one number or one per channel (shape ``(C,)``); in a network it is a
    learned weight (Lee, Gallagher & Tu 2016, "mixed max-average pooling").
    Yu et al. (2014) instead pick max or average at random during training.
    """
    a = np.asarray(alpha, dtype=np.float64)
    if np.any((a < 0) | (a > 1)):
        raise ValueError(f"alpha must lie in [0, 1], got {alpha!r}.")
    arr = _as_float_batch(x)
    hi = pool2d(arr, pool_size, strides, padding, mode="max")
    mean = pool2d(arr, pool_size, strides, padding, mode="avg")
    return a * hi + (1.0 - a) * mean


# --------------------------------------------------------------------------
# Anti-aliased (blur) pooling
# --------------------------------------------------------------------------
def binomial_kernel(size: int) -> np.ndarray:
    """The 1-D binomial low-pass filter of ``size`` taps, summing to 1.

    ``1 -> [1]`` (no blur), ``2 -> [1, 1] / 2`` (box), ``3 -> [1, 2, 1] / 4``,
    ``5 -> [1, 4, 6, 4, 1] / 16``: the rows of Pascal's triangle among which Zhang
    (2019) chooses (his Rect-2, Tri-3 and Bin-5 are sizes 2, 3 and 5). The course
    uses size 3, ``[1, 2, 1] / 4`` (Tri-3), by default.
    """
    size = _check_int(size, "size", 1)
    row = np.array([1.0])
    for _ in range(size - 1):
        row = np.convolve(row, [1.0, 1.0])
    return row / row.sum()


def blur_downsample(x: np.ndarray, blur_size: int = 3, stride: int = 2) -> np.ndarray:
    """Blur each channel with a binomial filter, then keep every ``stride``-th cell.

    Zhang's (2019) ``BlurPool``: the 2-D filter is the outer product of
    :func:`binomial_kernel` with itself; the borders are reflect-padded with
    ``(blur_size - 1) // 2`` cells before and the rest after, so the output has
    ``ceil(n / stride)`` cells per axis. ``blur_size = 1`` is plain subsampling
    ``x[:, ::stride, ::stride]``. Blurring first removes the fine detail that
    subsampling would otherwise fold into false coarse patterns (aliasing),
    which is what makes the output change less when the input shifts.
    """
    arr = _as_float_batch(x)
    stride = _check_int(stride, "stride", 1)
    k = binomial_kernel(blur_size)
    lo = (blur_size - 1) // 2
    hi = blur_size - 1 - lo
    padded = np.pad(arr, ((0, 0), (lo, hi), (lo, hi), (0, 0)), mode="reflect")
    h, w = arr.shape[1:3]
    rows = sum(k[i] * padded[:, i : i + h] for i in range(blur_size))
    both = sum(k[j] * rows[:, :, j : j + w] for j in range(blur_size))
    return both[:, ::stride, ::stride]


def max_blur_pool2d(
    x: np.ndarray, pool_size: int = 2, stride: int = 2, blur_size: int = 3
) -> np.ndarray:
    """Anti-aliased max pooling, Zhang's (2019) ``MaxBlurPool``.

    Ordinary max pooling ``MaxPool(f, stride=s)`` is split into its two steps:
    a dense max ``MaxPool(f, stride=1)``, which does not alias, then a blurred
    subsampling :func:`blur_downsample`. With ``blur_size = 1`` the result is
    exactly ordinary max pooling with stride ``s`` (when the sizes line up).
    """
    dense = pool2d(_as_float_batch(x), pool_size, strides=1, mode="max")
    return blur_downsample(dense, blur_size, stride)


# --------------------------------------------------------------------------
# Adaptive pooling and spatial pyramid pooling
# --------------------------------------------------------------------------
def adaptive_windows(n: int, out: int) -> list[tuple[int, int]]:
    """PyTorch's ``AdaptiveAvgPool2d`` windows along one axis: ``out`` half-open ranges.

    Window ``i`` is ``[floor(i * n / out), ceil((i + 1) * n / out))``. They cover
    the whole axis, neighbours may overlap by one cell, and their sizes differ
    by at most one. When ``out`` divides ``n`` they are ordinary pooling windows
    of size and stride ``n // out``.

    >>> adaptive_windows(7, 3)
    [(0, 3), (2, 5), (4, 7)]
    """
    n = _check_int(n, "n", 1)
    out = _check_int(out, "out", 1)
    return [((i * n) // out, -((-(i + 1) * n) // out)) for i in range(out)]


def adaptive_pool2d(x: np.ndarray, output_size: IntOrPair, mode: Mode = "avg") -> np.ndarray:
    """Pool a ``(N, H, W, C)`` batch to exactly ``output_size`` cells, whatever H and W.

    The windows come from :func:`adaptive_windows`; the network after this layer
    then sees a fixed shape for inputs of any size. With an output larger than
    the input, windows overlap: some cells are used by several windows.

    Returns
    -------
    numpy.ndarray of shape ``(N, out_h, out_w, C)``
    """
    _check_mode(mode)
    arr = _as_float_batch(x)
    oh, ow = _pair(output_size, "output_size", 1)
    rows = adaptive_windows(arr.shape[1], oh)
    cols = adaptive_windows(arr.shape[2], ow)
    out = np.empty((arr.shape[0], oh, ow, arr.shape[3]), dtype=arr.dtype)
    reduce = np.max if mode == "max" else np.mean
    for i, (r0, r1) in enumerate(rows):
        for j, (c0, c1) in enumerate(cols):
            out[:, i, j, :] = reduce(arr[:, r0:r1, c0:c1, :], axis=(1, 2))
    return out


def spatial_pyramid_pool(
    x: np.ndarray, levels: Sequence[int] = (1, 2, 4), mode: Mode = "max"
) -> np.ndarray:
    """Spatial pyramid pooling: a vector of fixed length from a map of any size.

    For each level ``l``, adaptive pooling to an ``l x l`` grid; the grids are
    flattened (cell by cell, channels last) and concatenated, coarsest level
    first. The length is ``C * sum(l * l for l in levels)``, independent of H and
    W, so a dense layer can follow. He et al. (2014, SPP-net) size the windows as
    ``ceil(n / l)`` with stride ``floor(n / l)``; we use the adaptive rule, which
    always gives exactly ``l`` windows.

    Returns
    -------
    numpy.ndarray of shape ``(N, C * sum(l ** 2))``
    """
    if not levels:
        raise ValueError("levels must name at least one grid size.")
    arr = _as_float_batch(x)
    parts = [adaptive_pool2d(arr, level, mode).reshape(arr.shape[0], -1) for level in levels]
    return np.concatenate(parts, axis=1)
