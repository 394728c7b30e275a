"""Max pooling written as two plain loops, for the checker tests: a right answer to
exercise 3.1 made independently of course_lib.pooling (the oracle it is checked
against), and, with another reduction, a wrong answer of the same shape."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np


def loop_pool(
    x: np.ndarray, f: int, s: int | None = None, reduce: Callable[..., np.ndarray] = np.max
) -> np.ndarray:
    """Valid f x f pooling of an NHWC batch with stride s (default f), keeping x's dtype.

    ``reduce`` combines each window over axes (1, 2): ``np.max`` is max pooling;
    ``np.mean`` gives average pooling cast back to x's dtype (integers truncated).
    """
    s = f if s is None else s
    n, h, w, c = x.shape
    out = np.empty((n, (h - f) // s + 1, (w - f) // s + 1, c), dtype=x.dtype)
    for i in range(out.shape[1]):
        for j in range(out.shape[2]):
            out[:, i, j, :] = reduce(x[:, i * s : i * s + f, j * s : j * s + f, :], axis=(1, 2))
    return out
