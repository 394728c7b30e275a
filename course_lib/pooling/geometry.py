"""Where the pooling windows lie: output sizes, output shapes and window plans.

This module is the single place where the frameworks' output-size rules live;
:func:`~course_lib.pooling.pool2d`, the reference loops, the backward pass, the
variants and the figures all place their windows with it:

* **Output size, one axis at a time.** Windows of size ``f`` start at
  ``0, s, 2s, ...`` (in the padded coordinates) as long as the window still fits,
  so there are ``floor((n + 2p - f) / s) + 1`` of them.
* **Padding** is ``"valid"`` (none), ``"same"`` (Keras/TensorFlow: the output has
  ``ceil(n / s)`` cells and the padding needed for that is split with the extra
  cell at the end) or an integer ``p`` of cells on each side (PyTorch, which
  requires ``p <= f // 2``). ``ceil_mode=True`` is PyTorch's rounding up, which
  drops a last window that would start in the right padding.
* ``strides=None`` means ``strides = pool_size``, as in Keras and PyTorch.

The public functions answer a learner's questions (:func:`output_size`,
:func:`axis_windows`, :func:`output_shape`, :func:`pooling_windows`); a setting
the rules refuse raises a ``ValueError``, of the subclass
:class:`PaddingTooLargeError` or :class:`NoWindowFitsError` for the two refusals
a figure may want to explain in its own words. The private plans
(:class:`_AxisPlan`, :class:`_Plan`) carry the same answer, plus the padding on
each side, to the code that pools.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from course_lib.i18n import _
from course_lib.pooling._args import (
    DataFormat,
    IntOrPair,
    Padding,
    _as_batch,
    _check_bool,
    _check_data_format,
    _check_int,
    _check_mode,
    _padding_pair,
    _pair,
)

__all__ = [
    "NoWindowFitsError",
    "PaddingTooLargeError",
    "Window",
    "axis_windows",
    "output_shape",
    "output_size",
    "pooling_windows",
]

Window = tuple[tuple[int, int], tuple[int, int]]
"""A 2-D window as ``((row_start, row_end), (col_start, col_end))``, half-open."""


class PaddingTooLargeError(ValueError):
    """An integer padding ``p > pool_size // 2``, which PyTorch refuses.

    Attributes ``padding``, ``pool_size`` and ``limit`` (``pool_size // 2``) let a
    caller explain the refusal without restating the rule.
    """

    def __init__(self, message: str, padding: int, pool_size: int) -> None:
        super().__init__(message)
        self.padding = padding
        self.pool_size = pool_size
        self.limit = pool_size // 2


class NoWindowFitsError(ValueError):
    """A window larger than the padded input: not one window fits.

    Attributes ``pool_size`` and ``span`` (the padded input's size, ``n + 2p``).
    """

    def __init__(self, message: str, pool_size: int, span: int) -> None:
        super().__init__(message)
        self.pool_size = pool_size
        self.span = span


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

    def windows(self) -> list[tuple[int, int]]:
        """The half-open ``[start, end)`` input range of every window."""
        return [(int(a), int(a) + self.f) for a in self.starts()]


def _axis_plan(
    n: int, f: int, s: int, padding: str | int, ceil_mode: bool, axis: str = ""
) -> _AxisPlan:
    """The single place where the output-size rules live."""
    where = _(" along {axis}").format(axis=axis) if axis else ""
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
        raise PaddingTooLargeError(
            _(
                "padding={p}{where} is more than half the pool size {f}: PyTorch accepts at "
                "most padding = pool_size // 2 = {limit}. That limit is PyTorch's convention, "
                "which course_lib follows; it is not what keeps windows out of the padding (a "
                "window lies entirely in padding only when padding >= pool_size)."
            ).format(p=p, where=where, f=f, limit=f // 2),
            padding=p,
            pool_size=f,
        )
    span = n + 2 * p
    if f > span:
        raise NoWindowFitsError(
            _(
                "pool_size {f}{where} is larger than the padded input ({n} + 2*{p} = {span}): "
                "no window fits. Use a smaller pool, more padding, or padding='same'."
            ).format(f=f, where=where, n=n, p=p, span=span),
            pool_size=f,
            span=span,
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
    """The windows of both axes of a 2-D pooling, and the batch's layout."""

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
    """Check the 2-D arguments against a 4-D batch ``shape`` and plan both axes."""
    if len(shape) != 4:
        layout = "(N, H, W, C)" if data_format == "channels_last" else "(N, C, H, W)"
        raise ValueError(
            f"expected a 4-D batch {layout} for data_format={data_format!r}, got shape "
            f"{tuple(shape)}. A single 2-D map m becomes a batch with m[None, :, :, None]."
        )
    _check_data_format(data_format)
    channels_first = data_format == "channels_first"
    h, w = shape[2:4] if channels_first else shape[1:3]
    rows, cols = _plan_axes(int(h), int(w), pool_size, strides, padding, ceil_mode)
    return _Plan(rows, cols, channels_first)


def _plan_axes(
    h: int,
    w: int,
    pool_size: IntOrPair,
    strides: IntOrPair | None,
    padding: Padding,
    ceil_mode: bool,
) -> tuple[_AxisPlan, _AxisPlan]:
    """Check the 2-D window arguments and plan the rows and the columns of an ``h x w`` map."""
    _check_bool(ceil_mode, "ceil_mode")
    fh, fw = _pair(pool_size, "pool_size", 1)
    sh, sw = (fh, fw) if strides is None else _pair(strides, "strides", 1)
    ph, pw = _padding_pair(padding)
    return (
        _axis_plan(h, fh, sh, ph, bool(ceil_mode), "the height"),
        _axis_plan(w, fw, sw, pw, bool(ceil_mode), "the width"),
    )


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


def _to_channels_last(x: np.ndarray, plan: _Plan) -> np.ndarray:
    """``x`` viewed as ``(N, H, W, C)``, the layout the pooling code works in."""
    return x.transpose(0, 2, 3, 1) if plan.channels_first else x


def _from_channels_last(y: np.ndarray, plan: _Plan) -> np.ndarray:
    """A channels-last result back in the caller's layout."""
    return np.ascontiguousarray(y.transpose(0, 3, 1, 2)) if plan.channels_first else y


# --------------------------------------------------------------------------
# The public questions: how many windows, where, and what shape comes out
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
    return _one_axis_plan(n, pool_size, strides, padding, ceil_mode).windows()


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


def pooling_windows(
    shape: Sequence[int],
    pool_size: IntOrPair,
    strides: IntOrPair | None = None,
    padding: Padding = "valid",
    ceil_mode: bool = False,
) -> list[Window]:
    """Every window of a 2-D pooling of a ``(height, width)`` map, in row-major order.

    The order is the order of the output cells: window ``k`` produces output cell
    ``divmod(k, out_width)``. Coordinates below 0 or past the map lie in the
    padding. The arguments are those of :func:`course_lib.pooling.pool2d`; the
    figures of :mod:`course_lib.viz` draw these windows.

    >>> pooling_windows((4, 4), 2)[:2]
    [((0, 2), (0, 2)), ((0, 2), (2, 4))]
    """
    if len(shape) != 2:
        raise ValueError(f"shape must be a map's (height, width), got {tuple(shape)}.")
    h, w = (_check_int(d, "shape entries", 1) for d in shape)
    rows, cols = _plan_axes(h, w, pool_size, strides, padding, ceil_mode)
    return [(r, c) for r in rows.windows() for c in cols.windows()]
