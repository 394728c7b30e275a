"""Building blocks for wrong implementations (misconceptions) of pooling.

A misconception is tested by running the wrong idea itself. These helpers make
the usual wrong ideas short to write: pooling with explicit, possibly lopsided
padding, partial windows at the edge, and the like. They are deliberately
simple (NaN marks "not a real cell") and only ever run on the small test cases.
"""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def pool_explicit(
    x: np.ndarray,
    f: int,
    s: int,
    pad_h: tuple[int, int] = (0, 0),
    pad_w: tuple[int, int] = (0, 0),
    mode: str = "max",
    fill: float = np.nan,
) -> np.ndarray:
    """Pool NHWC ``x`` after padding ``(top, bottom)`` / ``(left, right)`` cells of ``fill``.

    ``fill=np.nan`` means padded cells are ignored (never win a max, not
    counted in a mean); ``fill=0`` means they are real zeros.
    """
    xp = np.pad(
        np.asarray(x, dtype=np.float64),
        ((0, 0), pad_h, pad_w, (0, 0)),
        constant_values=fill,
    )
    windows = sliding_window_view(xp, (f, f), axis=(1, 2))[:, ::s, ::s]
    if mode == "max":
        return np.nanmax(windows, axis=(-2, -1))
    return np.nanmean(windows, axis=(-2, -1))


def pool_partial_edges(x: np.ndarray, f: int, s: int, mode: str = "max") -> np.ndarray:
    """Windows start at 0, s, 2s, ... < n and are cut off at the edge (``range(0, n, s)``)."""
    x = np.asarray(x)
    n, h, w, c = x.shape
    rows, cols = range(0, h, s), range(0, w, s)
    reduce = np.max if mode == "max" else np.mean
    out = np.zeros((n, len(rows), len(cols), c))
    for i, top in enumerate(rows):
        for j, left in enumerate(cols):
            out[:, i, j, :] = reduce(x[:, top : top + f, left : left + f, :], axis=(1, 2))
    return out


def same_pads(n: int, f: int, s: int, extra_first: bool = False) -> tuple[int, int]:
    """Keras ``same`` padding of one axis: (before, after), the odd cell after (or before)."""
    out = -(-n // s)
    total = max((out - 1) * s + f - n, 0)
    small, big = total // 2, total - total // 2
    return (big, small) if extra_first else (small, big)


def pool_same_by_hand(
    x: np.ndarray,
    f: int,
    s: int | None = None,
    mode: str = "max",
    *,
    fill: float = np.nan,
    extra_first: bool = False,
    half_window: bool = False,
) -> np.ndarray:
    """'same'-like pooling with the padding built by hand, for the wrong ideas about it.

    ``fill=0``: padded cells are real zeros; ``extra_first``: the odd padding cell
    goes before the input; ``half_window``: ``f // 2`` cells on each side (PyTorch's
    ``padding=f // 2``: its largest allowed padding, a common choice; its default is 0).
    """
    s = f if s is None else s
    if half_window:
        pad_h = pad_w = (f // 2, f // 2)
    else:
        pad_h = same_pads(x.shape[1], f, s, extra_first)
        pad_w = same_pads(x.shape[2], f, s, extra_first)
    return pool_explicit(x, f, s, pad_h, pad_w, mode, fill)


def in_input_dtype(out: np.ndarray, x: np.ndarray) -> np.ndarray:
    """The integer-output mistake: ``out`` stored in integer ``x``'s dtype, fractions cut off."""
    return out.astype(x.dtype) if x.dtype.kind in "iu" else out
