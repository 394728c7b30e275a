"""Pooling diagrams: windows on a map, the pooled result, and one axis's windows.

The pooling pictures show a map with its windows coloured and the output filled
in, all at once or step by step; the number line shows where the windows of one
axis fall, padding and PyTorch's ``ceil_mode`` included.

Every number shown is computed by :func:`course_lib.pooling.pool2d` and every
window placed by :mod:`course_lib.pooling.geometry`, never typed in, so a figure
shows exactly what the code computes. The grids themselves are drawn by
:func:`course_lib.viz.grids.draw_grid`. Each helper returns the ``Figure`` or
``Axes`` it drew on, so a lesson can add to it and a test can count what was drawn.
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from course_lib.fonts import register as register_font
from course_lib.i18n import N_, _
from course_lib.pooling import IntOrPair, Padding, axis_windows, pool2d
from course_lib.pooling.geometry import pooling_windows
from course_lib.viz.grids import (
    PADDING_COLOR,
    _format_value,
    _padding_extent,
    draw_grid,
    window_color,
)

register_font()  # Chinese labels draw with the shipped font, not as boxes

__all__ = ["plot_axis_windows", "plot_pooling", "plot_pooling_step", "plot_pooling_steps"]


# --------------------------------------------------------------------------
# Pooling pictures
# --------------------------------------------------------------------------
def _pool_one_map(
    x: np.ndarray,
    pool_size: IntOrPair,
    strides: IntOrPair | None,
    padding: Padding,
    mode: str,
    ceil_mode: bool,
) -> np.ndarray:
    """Pool one 2-D map with the reference implementation."""
    return pool2d(
        np.asarray(x)[None, :, :, None], pool_size, strides, padding, mode, ceil_mode=ceil_mode
    )[0, :, :, 0]


def _output_colors(out_shape: tuple[int, int], filled: int | None = None) -> list[list]:
    """Each output cell tinted like its window; cells from ``filled`` on stay white."""
    h, w = out_shape
    colors: list[list] = []
    for i in range(h):
        row = []
        for j in range(w):
            k = i * w + j
            row.append(None if filled is not None and k >= filled else _tint(window_color(k)))
        colors.append(row)
    return colors


def _tint(color: str, amount: float = 0.3) -> tuple[float, float, float]:
    """A light version of ``color``: mix ``amount`` of it with white."""
    from matplotlib.colors import to_rgb

    r, g, b = to_rgb(color)
    return (1 - amount * (1 - r), 1 - amount * (1 - g), 1 - amount * (1 - b))


_MODE_NAMES = {"max": N_("max pooling"), "avg": N_("average pooling")}
"""Each mode's name in an output panel's title (translated where drawn)."""


def plot_pooling(
    x: np.ndarray,
    pool_size: IntOrPair = 2,
    strides: IntOrPair | None = None,
    padding: Padding = "valid",
    modes: Sequence[str] = ("max", "avg"),
    *,
    ceil_mode: bool = False,
    fmt: str = "{:g}",
    title: str | None = None,
) -> Figure:
    """Input map with its windows coloured, and the pooled result(s) beside it.

    Each output cell is tinted with the colour of the window it summarises, so
    the eye can follow window -> number. The results are computed by
    :func:`course_lib.pooling.pool2d`, never typed in.

    Parameters
    ----------
    x : 2-D array
        One feature map (one channel).
    pool_size, strides, padding, ceil_mode
        As in :func:`course_lib.pooling.pool2d`.
    modes : sequence of "max" / "avg"
        One output panel per mode, in this order.
    fmt : str
        Number format of the cells.
    title : str, optional
        Figure title.

    Returns
    -------
    Figure
        Axes: the input first, then one per mode. Each output panel's title names the
        mode and, on a second line, the *output's* shape ("→ output (2, 2)"), never the
        pool size.
    """
    x = np.asarray(x)
    windows = pooling_windows(x.shape, pool_size, strides, padding, ceil_mode)
    pad = _padding_extent(x.shape, windows)
    outs = [_pool_one_map(x, pool_size, strides, padding, m, ceil_mode) for m in modes]
    total_w = x.shape[1] + pad[2] + pad[3] + sum(o.shape[1] for o in outs)
    fig, axes = plt.subplots(
        1,
        1 + len(outs),
        figsize=(0.6 * total_w + 1.5 * (1 + len(outs)), 0.6 * (x.shape[0] + pad[0] + pad[1]) + 1.2),
        gridspec_kw={"width_ratios": [x.shape[1] + pad[2] + pad[3]] + [o.shape[1] for o in outs]},
        squeeze=False,
    )
    axes = axes[0]
    draw_grid(
        x,
        axes[0],
        windows=windows,
        padding=pad,
        fmt=fmt,
        title=_("input {shape}").format(shape=str(x.shape)),
    )
    for ax, mode, out in zip(axes[1:], modes, outs, strict=True):
        draw_grid(
            out,
            ax,
            cell_colors=_output_colors(out.shape),
            fmt=fmt,
            title=_("{mode}\n→ output {shape}").format(
                mode=_(_MODE_NAMES.get(mode, mode)), shape=str(out.shape)
            ),
        )
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    return fig


def plot_pooling_step(
    x: np.ndarray,
    step: int,
    pool_size: IntOrPair = 2,
    strides: IntOrPair | None = None,
    padding: Padding = "valid",
    mode: str = "max",
    *,
    axes: Sequence[Axes] | None = None,
    fmt: str = "{:g}",
) -> Figure:
    """One frame of the step-through: window ``step`` on the input, outputs 0..step filled.

    Output cells after ``step`` are left blank, so a sequence of frames shows the
    output being filled one cell at a time in row-major order. ``step`` counts
    from 0 to ``number of windows - 1``.

    Returns
    -------
    Figure
        Two axes: the input with the current window, and the output so far.
    """
    x = np.asarray(x)
    windows = pooling_windows(x.shape, pool_size, strides, padding)
    if not 0 <= step < len(windows):
        raise ValueError(f"step must be in 0..{len(windows) - 1}, got {step}.")
    pad = _padding_extent(x.shape, windows)
    out = _pool_one_map(x, pool_size, strides, padding, mode, False).astype(float)
    shown = out.copy().ravel()
    shown[step + 1 :] = np.nan
    shown = shown.reshape(out.shape)
    if axes is None:
        fig, axes = plt.subplots(
            1,
            2,
            figsize=(0.6 * (x.shape[1] + out.shape[1]) + 3, 0.6 * x.shape[0] + 1.2),
            gridspec_kw={"width_ratios": [x.shape[1] + pad[2] + pad[3], out.shape[1]]},
        )
    fig = axes[0].figure
    (r0, r1), (c0, c1) = windows[step]
    draw_grid(
        x,
        axes[0],
        windows=[windows[step]],
        window_colors=[window_color(step)],
        padding=pad,
        fmt=fmt,
        title=_("window {step}: rows {first_row}..{last_row}, cols {first_col}..{last_col}").format(
            step=step, first_row=r0, last_row=r1 - 1, first_col=c0, last_col=c1 - 1
        ),
    )
    value = _format_value(out.ravel()[step].item(), fmt)
    draw_grid(
        shown,
        axes[1],
        cell_colors=_output_colors(out.shape, filled=step + 1),
        fmt=fmt,
        title=f"{mode} = {value}",
    )
    return fig


def plot_pooling_steps(
    x: np.ndarray,
    pool_size: IntOrPair = 2,
    strides: IntOrPair | None = None,
    padding: Padding = "valid",
    mode: str = "max",
    *,
    steps: Sequence[int] | None = None,
    fmt: str = "{:g}",
) -> Figure:
    """The step-through as one static figure: a column per step.

    Top row: the input with that step's window. Bottom row: the output filled up
    to that step. ``steps`` defaults to every window (keep the input small).

    Returns
    -------
    Figure
        ``2 * len(steps)`` axes.
    """
    x = np.asarray(x)
    n_windows = len(pooling_windows(x.shape, pool_size, strides, padding))
    steps = list(range(n_windows)) if steps is None else list(steps)
    fig, axes = plt.subplots(
        2,
        len(steps),
        figsize=(2.6 * len(steps), 5.2),
        squeeze=False,
        gridspec_kw={"height_ratios": [x.shape[0], max(1, x.shape[0] // 2)]},
    )
    for col, step in enumerate(steps):
        plot_pooling_step(x, step, pool_size, strides, padding, mode, axes=axes[:, col], fmt=fmt)
        axes[0, col].set_title(_("step {step}").format(step=step), fontsize=10)
    fig.tight_layout()
    return fig


# --------------------------------------------------------------------------
# One axis on a number line
# --------------------------------------------------------------------------
def plot_axis_windows(
    n: int,
    pool_size: int,
    strides: int | None = None,
    padding: str | int = "valid",
    ceil_mode: bool = False,
    ax: Axes | None = None,
    *,
    title: str | None = None,
    dropped: Sequence[int] = (),
) -> Axes:
    """Where the windows of one axis fall: input cells on a line, one bar per window.

    The input cells ``0..n-1`` are white squares on the bottom row, padding cells
    grey and hatched (an integer padding ``p`` is drawn on both sides even where
    no window reaches it); above them each window is a coloured bar from its start to
    its end, labelled with its start. With ``ceil_mode=True`` the last window may reach
    past the declared padding: those cells are *not* padding (nothing is added there,
    and PyTorch leaves them out of every average), so they are drawn as empty dotted
    squares under one label, "outside (not padding)". The window positions come from
    :func:`course_lib.pooling.axis_windows`, so the picture shows exactly the
    rule the frameworks follow.

    ``dropped`` lists the starts of windows a tempting but wrong rule would add
    (e.g. "``ceil_mode`` just rounds up"): each is drawn above the real ones as a
    dashed red outline labelled "dropped", and is not counted in the title.

    Drawn objects: one patch per cell (padding and outside cells included), one per
    window and one per dropped window; one text per input index, per window, per
    dropped window, and one "outside (not padding)" label when there are outside cells.

    Returns
    -------
    Axes
    """
    windows = axis_windows(n, pool_size, strides, padding, ceil_mode)
    declared = padding if isinstance(padding, int) else 0  # PyTorch pads both sides
    lo = max(declared, -min(a for a, _end in windows))
    hi = max(declared, max(b for _start, b in windows) - n)
    reach = max([n + hi] + [a + pool_size for a in dropped])  # rightmost point drawn
    rows = len(windows) + len(dropped)
    if ax is None:
        _fig, ax = plt.subplots(figsize=(0.45 * (reach + lo) + 1.5, 0.35 * rows + 1.4))
    # Keras "same" computes its padding from the windows, so every cell it reaches is padding;
    # an explicit p (or "valid") pads p cells (or none): beyond them lies nothing at all.
    padded_right = hi if padding == "same" else declared
    for j in range(-lo, n + hi):
        inside = 0 <= j < n
        if j >= n + padded_right:  # reached only by a ceil_mode window's overhang
            ax.add_patch(Rectangle((j, 0), 1, 1, fill=False, edgecolor="grey", ls=":", lw=1))
            continue
        ax.add_patch(
            Rectangle(
                (j, 0),
                1,
                1,
                facecolor="white" if inside else PADDING_COLOR,
                edgecolor="black" if inside else "grey",
                hatch=None if inside else "//",
                lw=1 if inside else 0.5,
            )
        )
        if inside:
            ax.text(j + 0.5, 0.5, str(j), ha="center", va="center", fontsize=8)
    if hi > padded_right:
        ax.text(
            n + (padded_right + hi) / 2,
            -0.35,
            _("outside (not padding)"),
            ha="center",
            va="top",
            fontsize=7,
            color="dimgrey",
        )
    for k, (a, b) in enumerate(windows):
        y = 1.3 + 0.9 * k
        color = window_color(k)
        ax.add_patch(Rectangle((a, y), b - a, 0.7, facecolor=color, alpha=0.6, edgecolor=color))
        ax.text(b + 0.15, y + 0.35, _("start {start}").format(start=a), va="center", fontsize=8)
    for k, a in enumerate(dropped, start=len(windows)):
        y = 1.3 + 0.9 * k
        ax.add_patch(
            Rectangle((a, y), pool_size, 0.7, fill=False, edgecolor="red", ls="--", lw=1.5)
        )
        label = _("start {start}: dropped").format(start=a)
        ax.text(a + pool_size + 0.15, y + 0.35, label, va="center", fontsize=8)
    s = pool_size if strides is None else strides
    if title is None:
        pad_text = f"padding={padding!r}" + (", ceil_mode=True" if ceil_mode else "")
        title = _("{settings}: {count} windows").format(
            settings=f"n={n}, f={pool_size}, s={s}, {pad_text}", count=len(windows)
        )
    ax.set_title(title, fontsize=10)
    ax.set_xlim(-lo - 0.2, reach + (4.6 if dropped else 2.8))
    ax.set_ylim(-0.9 if hi > padded_right else -0.2, 1.3 + 0.9 * rows + 0.1)
    ax.set_aspect("equal")
    ax.set_axis_off()
    return ax
