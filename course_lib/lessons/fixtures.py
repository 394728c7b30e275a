"""Test inputs shared by the pooling exercises (fixed seeds, small arrays)."""

from __future__ import annotations

import numpy as np

ARTICLE_MAP = np.array([[2, 2, 7, 3], [9, 4, 6, 1], [8, 5, 2, 4], [3, 1, 2, 6]], dtype=np.int64)
"""The source article's 4x4 example: max pooling 2x2 gives [[9, 7], [8, 6]]."""


def article_batch() -> np.ndarray:
    """The article's map as an NHWC batch of shape (1, 4, 4, 1)."""
    return ARTICLE_MAP[None, :, :, None].copy()


def normal(shape: tuple[int, ...], seed: int, dtype=np.float64) -> np.ndarray:
    """Standard-normal values (about half negative), rounded to 2 decimals so that
    printed values are readable."""
    return np.round(np.random.default_rng(seed).normal(size=shape), 2).astype(dtype)


def negative(shape: tuple[int, ...], seed: int) -> np.ndarray:
    """Strictly negative values: catches a max that starts from 0."""
    return -np.round(np.random.default_rng(seed).uniform(0.1, 5.0, size=shape), 2)


def integers(shape: tuple[int, ...], seed: int) -> np.ndarray:
    """Integers in [-9, 9] (int64)."""
    return np.random.default_rng(seed).integers(-9, 10, size=shape).astype(np.int64)


def upstream_gradient(shape: tuple[int, ...], seed: int) -> np.ndarray:
    """A ``dout`` for backward-pass exercises: positive, 0.5 to 2, rounded to 2 decimals,
    so that every window's gradient differs and a misrouted one shows."""
    return np.round(np.random.default_rng(seed).uniform(0.5, 2.0, size=shape), 2)


def ramp(h: int, w: int) -> np.ndarray:
    """1, 2, ..., h*w as a float (1, h, w, 1) batch: easy to follow by hand."""
    return np.arange(1, h * w + 1, dtype=np.float64).reshape(1, h, w, 1)
