"""Reference implementations of 2-D pooling, forward and backward, in NumPy.

This module is the course's oracle: every exercise checker compares a learner's
answer with the functions here, and the tests compare these functions with
Keras. It follows the frameworks' rules exactly:

* **Output size, one axis at a time.** Windows of size ``f`` start at
  ``0, s, 2s, ...`` (in the padded coordinates) as long as the window still fits,
  so there are ``floor((n + 2p - f) / s) + 1`` of them.
* **Padding** is ``"valid"`` (none), ``"same"`` (Keras/TensorFlow: the output has
  ``ceil(n / s)`` cells and the padding needed for that is split with the extra
  cell at the end) or an integer ``p`` of cells on each side (PyTorch, which
  requires ``p <= f // 2``). ``ceil_mode=True`` is PyTorch's rounding up, which
  drops a last window that would start in the right padding.
* Padded cells **never win a max** (they act as ``-inf``) and are **not counted in
  an average** unless ``count_include_pad=True`` (PyTorch's default).
* ``strides=None`` means ``strides = pool_size``, as in Keras and PyTorch.

Two forward implementations share one contract. :func:`pool2d_naive` is written
as the plain loops of the definition, to be read; :func:`pool2d` is the fast one.
It loops only over the offsets inside a window and handles every window at once
with a strided slice, so the Python loop runs a handful of times instead of
``N * H_out * W_out * C * f * f`` times. Three refinements make it about as fast
as a compiled kernel (see ``benchmarks/bench_pooling.py``): pooling is separable
(pool the rows of each window, then the columns: ``fh + fw`` array operations
instead of ``fh * fw``); padding is never materialised (each offset only touches
the windows for which it lands on a real cell); and a large batch is split
between two or more threads, since NumPy releases the GIL inside its loops.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Literal

import numpy as np

__all__ = [
    "axis_windows",
    "global_pool2d",
    "output_shape",
    "output_size",
    "pool2d",
    "pool2d_backward",
    "pool2d_naive",
]

IntOrPair = int | Sequence[int]
Padding = str | int | Sequence[int]
Mode = Literal["max", "avg"]
DataFormat = Literal["channels_last", "channels_first"]

_MODES = ("max", "avg")
_DATA_FORMATS = ("channels_last", "channels_first")


# --------------------------------------------------------------------------
# Argument checking: one clear message per broken rule.
# --------------------------------------------------------------------------
def _check_int(value: object, name: str, minimum: int) -> int:
    """Return ``value`` as a Python int, or raise a message naming ``name``."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be an integer, got {value!r} ({type(value).__name__}).")
    if value < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {value}.")
    return int(value)


def _check_bool(value: object, name: str) -> bool:
    """Return ``value`` as a bool, or raise: a string such as "no" would read as True."""
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False, got {value!r}.")
    return bool(value)


def _pair(value: object, name: str, minimum: int) -> tuple[int, int]:
    """Accept an int or an ``(h, w)`` pair, like Keras, and return a pair."""
    if isinstance(value, (tuple, list)):
        if len(value) != 2:
            raise ValueError(f"{name} must be an int or a pair (h, w), got {value!r}.")
        return (
            _check_int(value[0], f"{name}[0]", minimum),
            _check_int(value[1], f"{name}[1]", minimum),
        )
    v = _check_int(value, name, minimum)
    return (v, v)


def _padding_pair(padding: object) -> tuple[str | int, str | int]:
    """Normalise ``padding`` to one entry per axis: "valid", "same" or an int."""
    if isinstance(padding, str):
        mode = padding.lower()
        if mode not in ("valid", "same"):
            raise ValueError(
                f"padding must be 'valid', 'same', an int or a pair of ints, got {padding!r}."
            )
        return (mode, mode)
    if isinstance(padding, (tuple, list)):
        p = _pair(padding, "padding", 0)
        return (p[0], p[1])
    p_int = _check_int(padding, "padding", 0)
    return (p_int, p_int)


@dataclass(frozen=True)
class _AxisPlan:
    """Where the windows of one axis lie.

    ``pad_lo`` cells of padding come first; the windows then need ``pad_hi``
    more cells after the input (negative when the last input cells are never
    reached). ``frame_hi`` is the padding that counts as part of the input for
    ``count_include_pad=True`` (PyTorch clips windows to ``[-p, n + p)``).
    """

    n: int
    f: int
    s: int
    out: int
    pad_lo: int
    pad_hi: int
    frame_hi: int

    def starts(self) -> np.ndarray:
        """First input coordinate of every window (negative inside the padding)."""
        return np.arange(self.out) * self.s - self.pad_lo

    def offset_range(
        self, d: int, lo: int = 0, hi: int | None = None
    ) -> tuple[slice, slice] | None:
        """Where offset ``d`` of the windows ``lo <= i < hi`` lands in the input.

        Window ``i`` reads input cell ``i * s + d - pad_lo`` at offset ``d``. Returns
        the windows whose cell at that offset is real (not padding), and the
        strided input slice holding those cells; ``None`` if all are padding.
        """
        hi = self.out if hi is None else hi
        first = max(lo, -(-(self.pad_lo - d) // self.s))
        last = min(hi, (self.n - 1 - d + self.pad_lo) // self.s + 1)
        if last <= first:
            return None
        start = first * self.s + d - self.pad_lo
        return slice(first, last), slice(start, start + (last - first - 1) * self.s + 1, self.s)

    def counts(self, include_pad: bool) -> np.ndarray:
        """Number of cells each window averages over along this axis."""
        starts = self.starts()
        ends = starts + self.f
        if include_pad:
            lo, hi = -self.pad_lo, self.n + self.frame_hi
        else:
            lo, hi = 0, self.n
        return np.minimum(ends, hi) - np.maximum(starts, lo)


def _axis_plan(
    n: int, f: int, s: int, padding: str | int, ceil_mode: bool, axis: str = ""
) -> _AxisPlan:
    """The single place where the output-size rules live."""
    where = f" along {axis}" if axis else ""
    if padding == "same":
        if ceil_mode:
            raise ValueError(
                "ceil_mode=True applies to integer padding (PyTorch's rule); "
                "padding='same' already rounds up: it gives ceil(n / s) windows."
            )
        out = -(-n // s)
        total = max((out - 1) * s + f - n, 0)
        lo = total // 2
        return _AxisPlan(n, f, s, out, lo, total - lo, total - lo)

    p = 0 if padding == "valid" else int(padding)
    if p > f // 2:
        raise ValueError(
            f"padding={p}{where} is more than half the pool size {f}: PyTorch's rule is "
            f"padding <= pool_size // 2 = {f // 2}, so that no window lies entirely in padding."
        )
    span = n + 2 * p
    if f > span:
        raise ValueError(
            f"pool_size {f}{where} is larger than the padded input ({n} + 2*{p} = {span}): "
            "no window fits. Use a smaller pool, more padding, or padding='same'."
        )
    if ceil_mode:
        out = -(-(span - f) // s) + 1
        # PyTorch: the last window must start inside the input or the left padding.
        if (out - 1) * s >= n + p:
            out -= 1
    else:
        out = (span - f) // s + 1
    reach = (out - 1) * s + f  # padded cells the windows cover, from -p
    return _AxisPlan(n, f, s, out, p, reach - n - p, p)


@dataclass(frozen=True)
class _Plan:
    rows: _AxisPlan
    cols: _AxisPlan
    channels_first: bool


def _plan(
    shape: tuple[int, ...],
    pool_size: IntOrPair,
    strides: IntOrPair | None,
    padding: Padding,
    data_format: str,
    ceil_mode: bool,
) -> _Plan:
    if len(shape) != 4:
        layout = "(N, H, W, C)" if data_format == "channels_last" else "(N, C, H, W)"
        raise ValueError(
            f"expected a 4-D batch {layout} for data_format={data_format!r}, got shape "
            f"{tuple(shape)}. A single 2-D map m becomes a batch with m[None, :, :, None]."
        )
    if data_format not in _DATA_FORMATS:
        raise ValueError(
            f"data_format must be 'channels_last' or 'channels_first', got {data_format!r}."
        )
    _check_bool(ceil_mode, "ceil_mode")
    fh, fw = _pair(pool_size, "pool_size", 1)
    sh, sw = (fh, fw) if strides is None else _pair(strides, "strides", 1)
    ph, pw = _padding_pair(padding)
    channels_first = data_format == "channels_first"
    h, w = shape[2:4] if channels_first else shape[1:3]
    return _Plan(
        _axis_plan(int(h), fh, sh, ph, bool(ceil_mode), "the height"),
        _axis_plan(int(w), fw, sw, pw, bool(ceil_mode), "the width"),
        channels_first,
    )


def _as_batch(x: object, name: str = "x") -> np.ndarray:
    """``x`` as an array of a real dtype; the caller's array is never modified."""
    arr = np.asarray(x)
    if arr.dtype.kind not in "iuf":
        raise TypeError(
            f"{name} must hold real numbers (integer or float dtype), got dtype {arr.dtype}."
        )
    return arr


# --------------------------------------------------------------------------
# Output size
# --------------------------------------------------------------------------
def _one_axis_plan(
    n: object, pool_size: object, strides: object, padding: object, ceil_mode: object
) -> _AxisPlan:
    """Check the arguments of the one-axis functions and plan that axis."""
    n = _check_int(n, "n", 1)
    f = _check_int(pool_size, "pool_size", 1)
    s = f if strides is None else _check_int(strides, "strides", 1)
    if isinstance(padding, (tuple, list)):
        raise TypeError(
            f"padding must be 'valid', 'same' or an int for one axis, got {padding!r}; "
            "pairs (h, w) are for the 2-D functions."
        )
    _check_bool(ceil_mode, "ceil_mode")
    return _axis_plan(n, f, s, _padding_pair(padding)[0], bool(ceil_mode))


def output_size(
    n: int,
    pool_size: int,
    strides: int | None = None,
    padding: str | int = "valid",
    ceil_mode: bool = False,
) -> int:
    """Number of pooling windows along one axis.

    Parameters
    ----------
    n : int
        Input size along the axis (height or width).
    pool_size : int
        Window size ``f``.
    strides : int or None
        Step ``s`` between window starts; ``None`` means ``s = f``.
    padding : "valid", "same" or int
        ``"valid"``: no padding, ``floor((n - f) / s) + 1``.
        ``"same"`` (Keras/TensorFlow): ``ceil(n / s)``, whatever ``f`` is.
        int ``p`` (PyTorch): ``p`` cells on each side, ``floor((n + 2p - f) / s) + 1``;
        ``p`` may be at most ``f // 2``.
    ceil_mode : bool
        PyTorch's ``ceil_mode``: round up instead of down, except that a window may
        not start in the right padding. Not allowed with ``"same"``.

    Returns
    -------
    int
        The output size along this axis.

    Examples
    --------
    >>> output_size(4, 2, 2)
    2
    >>> output_size(5, 2, 2, padding="same")
    3
    >>> output_size(5, 2, 2, padding=1, ceil_mode=True)  # not 4: see PyTorch's rule
    3
    """
    return _one_axis_plan(n, pool_size, strides, padding, ceil_mode).out


def axis_windows(
    n: int,
    pool_size: int,
    strides: int | None = None,
    padding: str | int = "valid",
    ceil_mode: bool = False,
) -> list[tuple[int, int]]:
    """The half-open ``[start, end)`` input range of every window along one axis.

    Coordinates below 0 or at ``n`` and above lie in the padding. Useful to draw
    where the windows fall; ``len(axis_windows(...)) == output_size(...)``.

    >>> axis_windows(5, 2, 2, padding="same")
    [(0, 2), (2, 4), (4, 6)]
    """
    plan = _one_axis_plan(n, pool_size, strides, padding, ceil_mode)
    return [(int(a), int(a) + plan.f) for a in plan.starts()]


def output_shape(
    input_shape: Sequence[int],
    pool_size: IntOrPair,
    strides: IntOrPair | None = None,
    padding: Padding = "valid",
    data_format: DataFormat = "channels_last",
    ceil_mode: bool = False,
) -> tuple[int, int, int, int]:
    """Shape of a pooled 4-D batch: height and width shrink, N and C stay.

    ``pool_size``, ``strides`` and ``padding`` take an int or an ``(h, w)`` pair,
    like Keras; see :func:`output_size` for the rule applied to each axis.

    >>> output_shape((1, 28, 28, 8), 2)
    (1, 14, 14, 8)
    """
    shape = tuple(_check_int(d, "input_shape entries", 1) for d in input_shape)
    plan = _plan(shape, pool_size, strides, padding, data_format, ceil_mode)
    if plan.channels_first:
        return (shape[0], shape[1], plan.rows.out, plan.cols.out)
    return (shape[0], plan.rows.out, plan.cols.out, shape[3])


# --------------------------------------------------------------------------
# Forward pass
# --------------------------------------------------------------------------
def _avg_dtype(dtype: np.dtype) -> np.dtype:
    """Averages are floats: integer input gives float64, float input keeps its dtype."""
    return dtype if dtype.kind == "f" else np.dtype(np.float64)


def _accumulator_dtype(dtype: np.dtype) -> np.dtype:
    """Sums are taken in float64 for integers and in float32 for float16, as frameworks
    do: float16's 11 bits of precision are too few to add many cells accurately."""
    if dtype.kind != "f":
        return np.dtype(np.float64)
    return np.dtype(np.float32) if dtype.itemsize < 4 else dtype


def _fill_value(dtype: np.dtype) -> float | int:
    """A value that never wins a max: -inf, or the smallest integer of the dtype."""
    return -np.inf if dtype.kind == "f" else np.iinfo(dtype).min


def _to_channels_last(x: np.ndarray, plan: _Plan) -> np.ndarray:
    return x.transpose(0, 2, 3, 1) if plan.channels_first else x


def _from_channels_last(y: np.ndarray, plan: _Plan) -> np.ndarray:
    return np.ascontiguousarray(y.transpose(0, 3, 1, 2)) if plan.channels_first else y


def _check_mode(mode: str) -> None:
    if mode not in _MODES:
        raise ValueError(f"mode must be 'max' or 'avg', got {mode!r}.")


def _checked_batch(
    x: object,
    pool_size: IntOrPair,
    strides: IntOrPair | None,
    padding: Padding,
    mode: str,
    data_format: str,
    ceil_mode: bool,
    count_include_pad: bool,
) -> tuple[np.ndarray, _Plan]:
    """Check the arguments that pool2d, pool2d_naive and pool2d_backward share.

    Returns ``x`` as an array (never a copy of the caller's array) and the plan of
    its windows; raises the same error, in the same order, whichever was called.
    """
    arr = _as_batch(x)
    plan = _plan(arr.shape, pool_size, strides, padding, data_format, ceil_mode)
    _check_mode(mode)
    _check_bool(count_include_pad, "count_include_pad")
    return arr, plan


def _divisors(plan: _Plan, count_include_pad: bool) -> np.ndarray:
    """Cells counted by each window, shaped to broadcast over (N, H_out, W_out, C)."""
    counts = np.outer(plan.rows.counts(count_include_pad), plan.cols.counts(count_include_pad))
    return counts[None, :, :, None]


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
        See :func:`output_size`. Padded cells never win a max.
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
        A new array of shape :func:`output_shape`. Max pooling keeps ``x``'s dtype;
        average pooling returns ``x``'s dtype for float input and float64 for
        integer input (float16 is summed in float32, then rounded back). NaN in
        a window propagates to its output.

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

    Same contract and results as :func:`pool2d`. For every example, every
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

    Equivalent to :func:`pool2d` with a window the size of the whole map.

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
    if data_format not in _DATA_FORMATS:
        raise ValueError(
            f"data_format must be 'channels_last' or 'channels_first', got {data_format!r}."
        )
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


def _offset_slices(plan: _Plan):
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
    """Gradient of :func:`pool2d` with respect to ``x``.

    Parameters
    ----------
    dout : array_like
        Upstream gradient, of the shape :func:`pool2d` returns for ``x``.
    x : array_like
        The forward input. Other arguments as in :func:`pool2d`.

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
