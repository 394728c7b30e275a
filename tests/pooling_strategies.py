"""Hypothesis strategies shared by the pooling tests: valid pooling configurations.

Every drawn case satisfies the frameworks' rules (a window fits the padded input,
integer padding is at most ``pool_size // 2``), so a test can call any of the
pooling functions with it and expect an answer, not an error.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from hypothesis import strategies as st


@dataclass(frozen=True)
class Case:
    """One pooling problem: the input shape and the keyword arguments of ``pool2d``."""

    shape: tuple[int, int, int, int]
    pool_size: tuple[int, int]
    strides: tuple[int, int] | None
    padding: str | tuple[int, int]
    data_format: str
    ceil_mode: bool = False
    count_include_pad: bool = False

    def kwargs(self) -> dict:
        return {
            "pool_size": self.pool_size,
            "strides": self.strides,
            "padding": self.padding,
            "data_format": self.data_format,
            "ceil_mode": self.ceil_mode,
            "count_include_pad": self.count_include_pad,
        }

    def spatial(self) -> tuple[int, int]:
        """(H, W) of the input, whatever the data format."""
        if self.data_format == "channels_first":
            return self.shape[2], self.shape[3]
        return self.shape[1], self.shape[2]


@st.composite
def _axis(draw, padding_kind: str, max_size: int, max_pool: int, max_stride: int):
    """(n, f, s, p) for one axis; p is "valid", "same" or an int <= f // 2."""
    f = draw(st.integers(1, max_pool))
    s = draw(st.integers(1, max_stride))
    if padding_kind == "int":
        p = draw(st.integers(0, f // 2))
        n = draw(st.integers(max(1, f - 2 * p), max_size))
    elif padding_kind == "valid":
        p = "valid"
        n = draw(st.integers(f, max(f, max_size)))
    else:
        p = "same"
        n = draw(st.integers(1, max_size))
    return n, f, s, p


@st.composite
def cases(
    draw,
    paddings: tuple[str, ...] = ("valid", "same", "int"),
    max_batch: int = 2,
    max_size: int = 9,
    max_channels: int = 3,
    max_pool: int = 4,
    max_stride: int = 4,
    pytorch_options: bool = False,
) -> Case:
    """A valid pooling configuration.

    Pool sizes and strides are drawn per axis, so non-square windows, strides
    larger than the pool and strides different from the pool all occur.
    ``pytorch_options`` also draws ``ceil_mode`` and ``count_include_pad``
    (``ceil_mode`` only with integer padding, where it is defined).
    """
    kind = draw(st.sampled_from(paddings))
    nh, fh, sh, ph = draw(_axis(kind, max_size, max_pool, max_stride))
    nw, fw, sw, pw = draw(_axis(kind, max_size, max_pool, max_stride))
    padding = kind if kind != "int" else (ph, pw)
    data_format = draw(st.sampled_from(["channels_last", "channels_first"]))
    batch = draw(st.integers(1, max_batch))
    channels = draw(st.integers(1, max_channels))
    if data_format == "channels_first":
        shape = (batch, channels, nh, nw)
    else:
        shape = (batch, nh, nw, channels)
    strides = None if (sh, sw) == (fh, fw) and draw(st.booleans()) else (sh, sw)
    ceil_mode = pytorch_options and kind != "same" and draw(st.booleans())
    count_include_pad = pytorch_options and draw(st.booleans())
    return Case(shape, (fh, fw), strides, padding, data_format, ceil_mode, count_include_pad)


def random_values(shape: tuple[int, ...], seed: int, dtype=np.float64) -> np.ndarray:
    """Reproducible values of both signs, with ties likely (for max pooling's tie rule)."""
    rng = np.random.default_rng(seed)
    if np.dtype(dtype).kind in "iu":
        info = np.iinfo(dtype)
        return rng.integers(max(info.min, -100), min(info.max, 100), size=shape, dtype=dtype)
    return (rng.standard_normal(shape) * 10).round(1).astype(dtype)


def distinct_values(shape: tuple[int, ...], seed: int, dtype=np.float64) -> np.ndarray:
    """Reproducible values of both signs, all different and at least 0.25 apart.

    Max pooling is differentiable at such a point (no ties), so numerical and
    automatic gradients are well defined and agree with the analytic one.
    """
    rng = np.random.default_rng(seed)
    size = int(np.prod(shape))
    return ((rng.permutation(size) - size / 2) * 0.25).reshape(shape).astype(dtype)
