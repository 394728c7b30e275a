"""The fast ``pool2d``: the same results as the reference loops, at compiled speed.

:func:`pool2d` has the contract of :func:`course_lib.pooling.reference.pool2d_naive`
(the loops to read; ``tests/test_pooling.py`` checks that the two agree on
thousands of random cases), but it loops only over the offsets inside a window
and handles every window at once with a strided slice, so the Python loop runs
a handful of times instead of ``N * H_out * W_out * C * f * f`` times. Three
refinements make it about as fast as a compiled kernel (see
``benchmarks/bench_pooling.py``):

* pooling is separable: pool the rows of each window, then the columns, ``fh + fw``
  array operations instead of ``fh * fw``;
* padding is never materialised: each offset only touches the windows for which
  it lands on a real cell;
* a large temporary is made a block of rows at a time, so that it stays in the
  CPU cache, and a large batch is split between two or more threads, since NumPy
  releases the GIL inside its loops.

Where the windows lie comes from :mod:`course_lib.pooling.geometry`; nothing here
decides an output size.
"""

from __future__ import annotations

import itertools
import os
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from course_lib.pooling._args import DataFormat, IntOrPair, Mode, Padding
from course_lib.pooling._dtypes import _accumulator_dtype, _avg_dtype, _fill_value
from course_lib.pooling.geometry import (
    _AxisPlan,
    _checked_batch,
    _divisors,
    _from_channels_last,
    _Plan,
    _to_channels_last,
)

__all__ = ["pool2d"]


# Cache blocking of the rows-pass temporary: blocks of about _BLOCK_BYTES, only for
# temporaries above _BLOCKING_MIN_BYTES (for smaller ones, the Python overhead of
# many blocks costs more than it saves). Sizes measured with the benchmark:
# 8x112x112x64 f2s2 took 1.9 ms unblocked, 1.65 ms in 512 KB blocks, 1.5 ms in 2 MB.
_BLOCK_BYTES = 2 * 2**20
_BLOCKING_MIN_BYTES = 4 * 2**20


def _reduce_axis(
    src: np.ndarray,
    axis: int,
    plan: _AxisPlan,
    out: np.ndarray,
    combine: np.ufunc,
    fill,
    windows: tuple[int, int] | None = None,
) -> None:
    """Pool along one axis: ``out[i] = combine(src[i*s + d - pad_lo] for d in range(f))``.

    ``windows=(lo, hi)`` computes only windows ``lo <= i < hi``, into ``out[i - lo]``.
    Cells that fall in the padding are skipped, so no padded copy of ``src`` is
    made; an output cell that only padding reached would keep ``fill`` (in
    ``pool2d`` none does: every window holds a real cell along each axis).
    """
    lo, hi = (0, plan.out) if windows is None else windows
    lead = (slice(None),) * axis
    full, partial = [], []  # offsets whose cells are real for every window, or not
    for d in range(plan.f):
        ranges = plan.offset_range(d, lo, hi)
        if ranges is not None:
            dst_cells, src_cells = ranges
            part = src[(*lead, src_cells)]
            if dst_cells == slice(lo, hi):
                full.append(part)
            else:
                dst = slice(dst_cells.start - lo, dst_cells.stop - lo)
                partial.append((out[(*lead, dst)], part))
    # Start from the first offsets in one pass (no copy into ``out`` first) when possible.
    if len(full) >= 2:
        combine(full[0], full[1], out=out, dtype=out.dtype, casting="unsafe")
        full = full[2:]
    elif len(full) == 1:
        np.copyto(out, full.pop(), casting="unsafe")
    else:
        out.fill(fill)
    for part in full:
        combine(out, part, out=out, dtype=out.dtype, casting="unsafe")
    for dst, part in partial:
        combine(dst, part, out=dst, dtype=out.dtype, casting="unsafe")


def _pool_chunk(
    xl: np.ndarray, plan: _Plan, mode: str, count_include_pad: bool, out: np.ndarray
) -> None:
    """Pool the channels-last batch ``xl`` into ``out`` (of the accumulator dtype).

    Pooling is separable: the max (or sum) over an ``fh x fw`` window is the max
    over its ``fw`` columns of the max over its ``fh`` rows. So we pool the rows
    first, into a temporary with ``H_out`` rows (made in cache-sized blocks of rows
    when it is large), then the columns: ``fh + fw`` NumPy operations on whole
    arrays instead of ``fh * fw``, and fewer bytes moved. The temporary is never
    larger than ``out * fh * fw``.
    """
    rows, cols = plan.rows, plan.cols
    combine, fill = (np.maximum, _fill_value(xl.dtype)) if mode == "max" else (np.add, 0)
    divisors = None
    if mode == "avg":
        divisors = _divisors(plan, count_include_pad).astype(out.dtype)
        if divisors.min() == divisors.max():
            divisors = divisors.flat[0]  # dividing by a scalar is faster than broadcasting
    cols_read = min(cols.n, (cols.out - 1) * cols.s + cols.f - cols.pad_lo)
    if cols_read <= cols.out * rows.f * cols.f:
        # A large temporary is made a block of output rows at a time, so that each
        # block is still in the CPU cache when its columns are pooled.
        row_bytes = xl.shape[0] * cols_read * xl.shape[3] * out.itemsize
        block = rows.out
        if row_bytes * rows.out > _BLOCKING_MIN_BYTES:
            block = int(np.clip(_BLOCK_BYTES // row_bytes, 1, rows.out))
        between = np.empty((xl.shape[0], block, cols_read, xl.shape[3]), dtype=out.dtype)
        for lo in range(0, rows.out, block):
            hi = min(lo + block, rows.out)
            part = between[:, : hi - lo]
            _reduce_axis(xl[:, :, :cols_read], 1, rows, part, combine, fill, (lo, hi))
            _reduce_axis(part, 2, cols, out[:, lo:hi], combine, fill)
            if divisors is not None:
                out[:, lo:hi] /= divisors if divisors.ndim == 0 else divisors[:, lo:hi]
    else:
        # Strides much larger than the window: the rows-first temporary would be
        # larger than output * f * f, so visit the f * f offsets one at a time.
        out.fill(fill)
        for di in range(rows.f):
            for dj in range(cols.f):
                r, c = rows.offset_range(di), cols.offset_range(dj)
                if r is not None and c is not None:
                    dst = out[:, r[0], c[0]]
                    combine(dst, xl[:, r[1], c[1]], out=dst, dtype=out.dtype, casting="unsafe")
        if divisors is not None:
            out /= divisors


# Big batches are split between threads: NumPy releases the GIL inside its loops.
_CPUS = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
_WORKERS = min(4, _CPUS or 1)
# Below this input size, handing work to threads costs more than it saves on our
# 2-core machines. Measured with the second core free (a learner's laptop): 6.4 MB
# (64x28x28x32 float32) max 0.32 ms with 1 thread, 0.24 ms with 2; at 2 MB
# (32x32x32x16) threads gained nothing for max and lost 30 % for avg.
_PARALLEL_MIN_BYTES = 4 * 2**20
_executor_state: dict[str, object] = {}


def _executor() -> ThreadPoolExecutor:
    """One shared thread pool per process (made again after a fork)."""
    if _executor_state.get("pid") != os.getpid():
        # The calling thread pools one chunk itself, so the pool needs one thread fewer.
        workers = max(_WORKERS - 1, 1)
        _executor_state["pool"] = ThreadPoolExecutor(workers, thread_name_prefix="pool2d")
        _executor_state["pid"] = os.getpid()
    return _executor_state["pool"]  # type: ignore[return-value]


def _forward(xl: np.ndarray, plan: _Plan, mode: str, count_include_pad: bool) -> np.ndarray:
    """Pooled channels-last output: ``x``'s dtype for max, float for avg."""
    acc = xl.dtype if mode == "max" else _accumulator_dtype(xl.dtype)
    out = np.empty((xl.shape[0], plan.rows.out, plan.cols.out, xl.shape[3]), dtype=acc)
    parts = min(_WORKERS, xl.shape[0]) if xl.nbytes >= _PARALLEL_MIN_BYTES else 1
    if parts <= 1:
        _pool_chunk(xl, plan, mode, count_include_pad, out)
    else:
        bounds = np.linspace(0, xl.shape[0], parts + 1).astype(int)
        chunks = [slice(a, b) for a, b in itertools.pairwise(bounds)]
        jobs = [
            _executor().submit(_pool_chunk, xl[b], plan, mode, count_include_pad, out[b])
            for b in chunks[1:]
        ]
        _pool_chunk(xl[chunks[0]], plan, mode, count_include_pad, out[chunks[0]])
        for job in jobs:
            job.result()  # re-raises any error from the thread
    return out if mode == "max" else out.astype(_avg_dtype(xl.dtype), copy=False)


def pool2d(
    x: np.ndarray,
    pool_size: IntOrPair,
    strides: IntOrPair | None = None,
    padding: Padding = "valid",
    mode: Mode = "max",
    data_format: DataFormat = "channels_last",
    ceil_mode: bool = False,
    count_include_pad: bool = False,
) -> np.ndarray:
    """2-D max or average pooling of a batch of feature maps.

    Each channel of each example is pooled on its own; pooling has no weights.

    Parameters
    ----------
    x : array_like of shape (N, H, W, C), or (N, C, H, W) for channels_first
        Any integer or float dtype. Never modified.
    pool_size : int or (int, int)
        Window height and width.
    strides : int, (int, int) or None
        Step between windows; ``None`` (default) means ``strides = pool_size``.
    padding : "valid", "same", int or (int, int)
        See :func:`~course_lib.pooling.geometry.output_size`. Padded cells never win a max.
    mode : "max" or "avg"
    data_format : "channels_last" (default, as in Keras) or "channels_first"
    ceil_mode : bool
        PyTorch's rounding up (integer padding only).
    count_include_pad : bool
        For ``mode="avg"``: divide by the window size clipped to the padded frame
        (PyTorch's default) instead of by the number of real cells (Keras).

    Returns
    -------
    numpy.ndarray
        A new array of shape :func:`~course_lib.pooling.geometry.output_shape`. Max
        pooling keeps ``x``'s dtype; average pooling returns ``x``'s dtype for float
        input and float64 for integer input (float16 is summed in float32, then
        rounded back). NaN in a window propagates to its output.

    Examples
    --------
    >>> x = np.array([[2, 2, 7, 3], [9, 4, 6, 1], [8, 5, 2, 4], [3, 1, 2, 6]])
    >>> pool2d(x[None, :, :, None], 2)[0, :, :, 0]
    array([[9, 7],
           [8, 6]])
    >>> pool2d(x[None, :, :, None], 2, mode="avg")[0, :, :, 0]
    array([[4.25, 4.25],
           [4.25, 3.5 ]])
    """
    arr, plan = _checked_batch(
        x, pool_size, strides, padding, mode, data_format, ceil_mode, count_include_pad
    )
    xl = _to_channels_last(arr, plan)
    return _from_channels_last(_forward(xl, plan, mode, count_include_pad), plan)
