"""The reference implementations, written to be read: the oracle of the course.

Every exercise checker compares a learner's answer with these functions (through
:mod:`course_lib.lessons.references`), and the tests compare them with Keras.
They follow the frameworks' rules exactly; where the windows lie is decided by
:mod:`course_lib.pooling.geometry`, and on top of that:

* Padded cells **never win a max** (they act as ``-inf``) and are **not counted in
  an average** unless ``count_include_pad=True`` (PyTorch's default).
* A max keeps the input's dtype; an average is a float (see
  :mod:`course_lib.pooling._dtypes`). NaN propagates.

:func:`pool2d_naive` is the definition as plain loops: for every output cell,
visit the cells of its window. It is slow, and is the one to trust; the fast
:func:`course_lib.pooling.pool2d` (in :mod:`course_lib.pooling.fast`) is tested
against it. :func:`global_pool2d` pools the whole map. :func:`pool2d_backward`
is the gradient; for max pooling it recomputes the forward pass with the fast
``pool2d`` machinery, since a gradient check needs the maxima of every window.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from course_lib.pooling._args import (
    DataFormat,
    IntOrPair,
    Mode,
    Padding,
    _as_batch,
    _check_bool,
    _check_data_format,
    _check_mode,
)
from course_lib.pooling._dtypes import _accumulator_dtype, _avg_dtype, _fill_value
from course_lib.pooling.fast import _forward
from course_lib.pooling.geometry import (
    _checked_batch,
    _divisors,
    _from_channels_last,
    _Plan,
    _to_channels_last,
    output_shape,
)

__all__ = ["global_pool2d", "pool2d_backward", "pool2d_naive"]


def pool2d_naive(
    x: np.ndarray,
    pool_size: IntOrPair,
    strides: IntOrPair | None = None,
    padding: Padding = "valid",
    mode: Mode = "max",
    data_format: DataFormat = "channels_last",
    ceil_mode: bool = False,
    count_include_pad: bool = False,
) -> np.ndarray:
    """Pooling written as the plain loops of the definition (slow; for reading).

    Same contract and results as :func:`~course_lib.pooling.fast.pool2d`. For every example, every
    output cell and every channel, visit the cells of the window, skip those
    that fall in the padding, and take their max or mean.
    """
    arr, plan = _checked_batch(
        x, pool_size, strides, padding, mode, data_format, ceil_mode, count_include_pad
    )
    xl = _to_channels_last(arr, plan)
    batch, height, width, channels = xl.shape
    rows, cols = plan.rows, plan.cols
    out_dtype = xl.dtype if mode == "max" else _avg_dtype(xl.dtype)
    out = np.zeros((batch, rows.out, cols.out, channels), dtype=out_dtype)

    for n in range(batch):
        for i in range(rows.out):
            for j in range(cols.out):
                top = i * rows.s - rows.pad_lo  # window's first row (may be < 0: padding)
                left = j * cols.s - cols.pad_lo
                for c in range(channels):
                    values = []  # the real (non-padding) cells of this window
                    frame_cells = 0  # cells inside the padded frame, for count_include_pad
                    for di in range(rows.f):
                        for dj in range(cols.f):
                            r, q = top + di, left + dj
                            if 0 <= r < height and 0 <= q < width:
                                values.append(xl[n, r, q, c])
                            in_frame_r = -rows.pad_lo <= r < height + rows.frame_hi
                            in_frame_q = -cols.pad_lo <= q < width + cols.frame_hi
                            if in_frame_r and in_frame_q:
                                frame_cells += 1
                    if mode == "max":
                        out[n, i, j, c] = np.max(values)  # np.max: NaN propagates
                    else:
                        divisor = frame_cells if count_include_pad else len(values)
                        total = np.sum(values, dtype=_accumulator_dtype(xl.dtype))
                        out[n, i, j, c] = total / divisor
    return _from_channels_last(out, plan)


def global_pool2d(
    x: np.ndarray,
    mode: Mode = "max",
    keepdims: bool = False,
    data_format: DataFormat = "channels_last",
) -> np.ndarray:
    """Global max or average pooling: one number per example and channel.

    Equivalent to :func:`~course_lib.pooling.fast.pool2d` with a window the size of the whole map.

    Parameters
    ----------
    x : array_like of shape (N, H, W, C), or (N, C, H, W) for channels_first
    mode : "max" or "avg"
    keepdims : bool
        Keep the height and width axes with size 1, like Keras's ``keepdims=True``.
    data_format : "channels_last" or "channels_first"

    Returns
    -------
    numpy.ndarray
        Shape ``(N, C)``, or ``(N, 1, 1, C)`` / ``(N, C, 1, 1)`` with ``keepdims``.
        Max keeps the dtype; average is float (float64 for integer input).

    Examples
    --------
    >>> x = np.array([[2, 2, 7, 3], [9, 4, 6, 1], [8, 5, 2, 4], [3, 1, 2, 6]])
    >>> global_pool2d(x[None, :, :, None], "avg")
    array([[4.0625]])
    """
    arr = _as_batch(x)
    if arr.ndim != 4:
        raise ValueError(
            f"expected a 4-D batch, got shape {arr.shape}. A single 2-D map m becomes a "
            "batch with m[None, :, :, None]."
        )
    _check_data_format(data_format)
    _check_mode(mode)
    keepdims = _check_bool(keepdims, "keepdims")
    axes = (2, 3) if data_format == "channels_first" else (1, 2)
    if mode == "max":
        return arr.max(axis=axes, keepdims=keepdims)
    acc = _accumulator_dtype(arr.dtype)
    cells = arr.shape[axes[0]] * arr.shape[axes[1]]
    if arr.dtype == acc:
        # einsum sums over both axes in one pass: several times faster than sum/mean.
        total = np.einsum("nchw->nc" if axes == (2, 3) else "nhwc->nc", arr)
        if keepdims:
            total = np.expand_dims(total, axes)
    else:
        total = arr.sum(axis=axes, dtype=acc, keepdims=keepdims)
    return (total / acc.type(cells)).astype(_avg_dtype(arr.dtype), copy=False)


# --------------------------------------------------------------------------
# Backward pass
# --------------------------------------------------------------------------
def _padded_shape(shape: tuple[int, ...], plan: _Plan) -> tuple[int, int, int, int]:
    """A channels-last ``shape`` framed by the padding its windows reach (the backward
    pass works in this frame: window (i, j) starts at (i * s_h, j * s_w) in it)."""
    r, c = plan.rows, plan.cols
    n, h, w, ch = shape
    return (n, r.pad_lo + h + max(r.pad_hi, 0), c.pad_lo + w + max(c.pad_hi, 0), ch)


def _padded(x: np.ndarray, plan: _Plan, fill: float | int, dtype: np.dtype) -> np.ndarray:
    """``x`` (channels-last) framed by the padding its windows need.

    Returns ``x`` itself (no copy) when no padding is needed and the dtype matches.
    """
    shape = _padded_shape(x.shape, plan)
    if shape == x.shape and x.dtype == dtype:
        return x
    top, left = plan.rows.pad_lo, plan.cols.pad_lo
    out = np.full(shape, fill, dtype=dtype)
    out[:, top : top + x.shape[1], left : left + x.shape[2], :] = x
    return out


def _offset_slices(plan: _Plan) -> Iterator[tuple[slice, slice]]:
    """For each offset (di, dj) in a window, in row-major order, the strided slices
    that pick that cell of every window at once."""
    r, c = plan.rows, plan.cols
    for di in range(r.f):
        rows = slice(di, di + (r.out - 1) * r.s + 1, r.s)
        for dj in range(c.f):
            yield rows, slice(dj, dj + (c.out - 1) * c.s + 1, c.s)


def pool2d_backward(
    dout: np.ndarray,
    x: np.ndarray,
    pool_size: IntOrPair,
    strides: IntOrPair | None = None,
    padding: Padding = "valid",
    mode: Mode = "max",
    data_format: DataFormat = "channels_last",
    ceil_mode: bool = False,
    count_include_pad: bool = False,
) -> np.ndarray:
    """Gradient of :func:`~course_lib.pooling.fast.pool2d` with respect to ``x``.

    Parameters
    ----------
    dout : array_like
        Upstream gradient, of the shape :func:`~course_lib.pooling.fast.pool2d` returns for ``x``.
    x : array_like
        The forward input. Other arguments as in :func:`~course_lib.pooling.fast.pool2d`.

    Returns
    -------
    numpy.ndarray
        ``dx``, of ``x``'s shape, float (``x``'s dtype if float, else float64).

    Notes
    -----
    *Max*: each window passes its upstream gradient to the one cell that holds its
    maximum (the "switch"); every other cell of the window gets nothing. **Ties**:
    the first maximal cell in row-major order within the window wins, as in
    PyTorch; padding never wins, even against a real ``-inf``; a NaN counts as the
    maximum. *Average*: each window spreads its gradient evenly, ``dout / count``,
    over the cells it counted. Where windows overlap, a cell's gradients add up.
    Gradients that would go to padding are dropped.
    """
    arr, plan = _checked_batch(
        x, pool_size, strides, padding, mode, data_format, ceil_mode, count_include_pad
    )
    xl = _to_channels_last(arr, plan)
    expected = output_shape(arr.shape, pool_size, strides, padding, data_format, ceil_mode)
    grad = _as_batch(dout, "dout")
    if grad.shape != expected:
        raise ValueError(f"dout must have the pooled output's shape {expected}, got {grad.shape}.")
    gl = _to_channels_last(grad, plan)
    dtype = _avg_dtype(xl.dtype)
    height, width = xl.shape[1:3]
    r, c = plan.rows, plan.cols
    dxp = np.zeros(_padded_shape(xl.shape, plan), dtype=dtype)
    if mode == "max":
        xp = _padded(xl, plan, _fill_value(xl.dtype), xl.dtype)
        # Padding never wins, not even a tie with a real -inf (or the integer minimum).
        real = _padded(np.ones((1, height, width, 1), dtype=bool), plan, False, np.dtype(bool))
        out = _forward(xl, plan, "max", False)
        out_nan = np.isnan(out) if out.dtype.kind == "f" else None
        taken = np.zeros(out.shape, dtype=bool)
        for rows, cols in _offset_slices(plan):
            window = xp[:, rows, cols, :]
            hit = window == out
            if out_nan is not None:
                hit |= out_nan & np.isnan(window)
            hit &= real[:, rows, cols, :]
            hit &= ~taken
            dxp[:, rows, cols, :] += np.where(hit, gl, 0)
            taken |= hit
    else:
        share = gl.astype(dtype) / _divisors(plan, count_include_pad).astype(dtype)
        for rows, cols in _offset_slices(plan):
            dxp[:, rows, cols, :] += share
    dx = dxp[:, r.pad_lo : r.pad_lo + height, c.pad_lo : c.pad_lo + width, :]
    return _from_channels_last(np.ascontiguousarray(dx), plan)
