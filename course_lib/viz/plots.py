"""Plotting helpers shared by the lessons: grids, pooling windows, number lines, images.

Every helper draws with matplotlib only, is deterministic (no randomness, no
timing) and returns the ``Figure`` or ``Axes`` it drew on, so a lesson can add
to it and a test can count what was drawn. Helpers that take ``ax=None`` draw on
a new figure when no axes are given.

The module imports matplotlib at its top, which is why ``course_lib/__init__``
never imports it: ``import course_lib`` stays light, and
``from course_lib import plots`` costs matplotlib's import only when a lesson
draws.

Sections
--------
1. Colours and window geometry (``window_color``, ``pooling_windows``)
2. Annotated grids (``draw_grid``)
3. Pooling pictures (``plot_pooling``, ``plot_pooling_step``, ``plot_pooling_steps``)
4. One axis on a number line (``plot_axis_windows``)
5. Images (``show_images``)
6. Heat maps over images, for class activation maps (``overlay_heatmaps``)

Lessons that need more helpers append a new numbered section at the end.
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from course_lib.pooling import IntOrPair, Padding, axis_windows, pool2d
from course_lib.pooling.geometry import Window, pooling_windows

__all__ = [
    "WINDOW_COLORS",
    "draw_grid",
    "overlay_heatmaps",
    "plot_axis_windows",
    "plot_pooling",
    "plot_pooling_step",
    "plot_pooling_steps",
    "pooling_windows",
    "show_images",
    "window_color",
]

# --------------------------------------------------------------------------
# 1. Colours and window geometry
# --------------------------------------------------------------------------
WINDOW_COLORS: tuple[str, ...] = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#17becf",
    "#bcbd22",
    "#7f7f7f",
)
"""Colours of successive windows (matplotlib's ``tab10``, reordered for contrast)."""

PADDING_COLOR = "#d9d9d9"
"""Fill of padding cells: light grey, hatched, never numbered."""


def window_color(k: int) -> str:
    """Colour of window number ``k`` (cycles through :data:`WINDOW_COLORS`)."""
    return WINDOW_COLORS[k % len(WINDOW_COLORS)]


def _padding_extent(shape: tuple[int, int], windows: Sequence[Window]) -> tuple[int, ...]:
    """Padding cells (top, bottom, left, right) the windows reach outside the map."""
    if not windows:
        return (0, 0, 0, 0)
    top = max(0, -min(w[0][0] for w in windows))
    bottom = max(0, max(w[0][1] for w in windows) - shape[0])
    left = max(0, -min(w[1][0] for w in windows))
    right = max(0, max(w[1][1] for w in windows) - shape[1])
    return (top, bottom, left, right)


# --------------------------------------------------------------------------
# 2. Annotated grids
# --------------------------------------------------------------------------
def _format_value(value: float, fmt: str) -> str:
    if isinstance(value, float) and np.isnan(value):
        return ""
    return fmt.format(value)


def draw_grid(
    values: np.ndarray,
    ax: Axes | None = None,
    *,
    windows: Sequence[Window] = (),
    window_colors: Sequence[str] | None = None,
    cell_colors: np.ndarray | None = None,
    padding: tuple[int, int, int, int] = (0, 0, 0, 0),
    fmt: str = "{:g}",
    title: str | None = None,
    fontsize: float = 12,
) -> Axes:
    """Draw a 2-D array as a grid of cells with each value written in its cell.

    Cell ``(i, j)`` is centred on ``x = j, y = i`` with row 0 at the top, like the
    printed array. Drawn objects, so a test can count them: one ``Rectangle``
    patch per cell (padding cells included), then one per window, and one text
    per numbered cell (NaN cells stay blank, padding cells are never numbered).

    Parameters
    ----------
    values : 2-D array
        The numbers to show.
    ax : Axes, optional
        Where to draw; a new figure is made when omitted.
    windows : sequence of ((r0, r1), (c0, c1))
        Half-open windows to outline and tint; may reach into the padding.
    window_colors : sequence of colours, optional
        One per window; default :func:`window_color` of the window's index.
    cell_colors : 2-D array of colours (or None entries), optional
        Background of each cell, e.g. an output cell tinted like its window.
    padding : (top, bottom, left, right)
        Number of padding cells to draw around the array (grey, hatched).
    fmt : str
        ``str.format`` pattern for the numbers.
    title : str, optional
    fontsize : float

    Returns
    -------
    Axes
    """
    arr = np.asarray(values)
    if arr.ndim != 2:
        raise ValueError(f"draw_grid needs a 2-D array, got shape {arr.shape}.")
    if ax is None:
        height, width = arr.shape
        _, ax = plt.subplots(figsize=(0.6 * width + 1, 0.6 * height + 1))
    top, bottom, left, right = (int(p) for p in padding)
    h, w = arr.shape
    for i in range(-top, h + bottom):
        for j in range(-left, w + right):
            inside = 0 <= i < h and 0 <= j < w
            if inside:
                face = "white"
                if cell_colors is not None and cell_colors[i][j] is not None:
                    face = cell_colors[i][j]
                ax.add_patch(
                    Rectangle((j - 0.5, i - 0.5), 1, 1, facecolor=face, edgecolor="black", lw=1)
                )
            else:
                ax.add_patch(
                    Rectangle(
                        (j - 0.5, i - 0.5),
                        1,
                        1,
                        facecolor=PADDING_COLOR,
                        edgecolor="grey",
                        hatch="//",
                        lw=0.5,
                    )
                )
    for k, ((r0, r1), (c0, c1)) in enumerate(windows):
        color = window_colors[k] if window_colors is not None else window_color(k)
        inset = 0.06 * (k % 3)  # overlapping windows stay distinguishable
        ax.add_patch(
            Rectangle(
                (c0 - 0.5 + inset, r0 - 0.5 + inset),
                c1 - c0 - 2 * inset,
                r1 - r0 - 2 * inset,
                facecolor=color,
                alpha=0.25,
                edgecolor=color,
                lw=3,
            )
        )
    for i in range(h):
        for j in range(w):
            text = _format_value(arr[i, j].item(), fmt)
            if text:
                ax.text(j, i, text, ha="center", va="center", fontsize=fontsize)
    ax.set_xlim(-left - 0.55, w + right - 0.45)
    ax.set_ylim(h + bottom - 0.45, -top - 0.55)
    ax.set_aspect("equal")
    ax.set_axis_off()
    if title:
        ax.set_title(title)
    return ax


# --------------------------------------------------------------------------
# 3. Pooling pictures
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


_MODE_NAMES = {"max": "max pooling", "avg": "average pooling"}


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
    draw_grid(x, axes[0], windows=windows, padding=pad, fmt=fmt, title=f"input {x.shape}")
    for ax, mode, out in zip(axes[1:], modes, outs, strict=True):
        draw_grid(
            out,
            ax,
            cell_colors=_output_colors(out.shape),
            fmt=fmt,
            title=f"{_MODE_NAMES.get(mode, mode)}\n→ output {out.shape}",
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
        title=f"window {step}: rows {r0}..{r1 - 1}, cols {c0}..{c1 - 1}",
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
        axes[0, col].set_title(f"step {step}", fontsize=10)
    fig.tight_layout()
    return fig


# --------------------------------------------------------------------------
# 4. One axis on a number line
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
    lo = max(declared, -min(a for a, _ in windows))
    hi = max(declared, max(b for _, b in windows) - n)
    reach = max([n + hi] + [a + pool_size for a in dropped])  # rightmost point drawn
    rows = len(windows) + len(dropped)
    if ax is None:
        _, ax = plt.subplots(figsize=(0.45 * (reach + lo) + 1.5, 0.35 * rows + 1.4))
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
            "outside (not padding)",
            ha="center",
            va="top",
            fontsize=7,
            color="dimgrey",
        )
    for k, (a, b) in enumerate(windows):
        y = 1.3 + 0.9 * k
        color = window_color(k)
        ax.add_patch(Rectangle((a, y), b - a, 0.7, facecolor=color, alpha=0.6, edgecolor=color))
        ax.text(b + 0.15, y + 0.35, f"start {a}", va="center", fontsize=8)
    for k, a in enumerate(dropped, start=len(windows)):
        y = 1.3 + 0.9 * k
        ax.add_patch(
            Rectangle((a, y), pool_size, 0.7, fill=False, edgecolor="red", ls="--", lw=1.5)
        )
        ax.text(a + pool_size + 0.15, y + 0.35, f"start {a}: dropped", va="center", fontsize=8)
    s = pool_size if strides is None else strides
    if title is None:
        pad_text = f"padding={padding!r}" + (", ceil_mode=True" if ceil_mode else "")
        title = f"n={n}, f={pool_size}, s={s}, {pad_text}: {len(windows)} windows"
    ax.set_title(title, fontsize=10)
    ax.set_xlim(-lo - 0.2, reach + (4.6 if dropped else 2.8))
    ax.set_ylim(-0.9 if hi > padded_right else -0.2, 1.3 + 0.9 * rows + 0.1)
    ax.set_aspect("equal")
    ax.set_axis_off()
    return ax


# --------------------------------------------------------------------------
# 5. Images
# --------------------------------------------------------------------------
def show_images(
    images: Sequence[np.ndarray],
    titles: Sequence[str] | None = None,
    *,
    cmap: str | Sequence[str | None] | None = "gray",
    size: float = 3.0,
    suptitle: str | None = None,
    vmin: float | None = None,
    vmax: float | None = None,
) -> Figure:
    """A row of images with titles, pixels drawn as sharp blocks (no smoothing).

    2-D arrays use ``cmap`` (one name for all, or one per image); ``(H, W, 3)``
    arrays are shown as RGB and should hold floats in ``[0, 1]``. Every panel
    has the same display size, so a 75x64 image looks blocky next to the
    600x512 original: that is the point.

    Returns
    -------
    Figure
        One axes per image, each holding one ``AxesImage``.
    """
    images = [np.asarray(im) for im in images]
    cmaps = [cmap] * len(images) if cmap is None or isinstance(cmap, str) else list(cmap)
    fig, axes = plt.subplots(
        1, len(images), figsize=(size * len(images), size + 0.4), squeeze=False
    )
    for k, (ax, im) in enumerate(zip(axes[0], images, strict=True)):
        if im.ndim == 3:
            ax.imshow(np.clip(im, 0, 1), interpolation="nearest")
        else:
            ax.imshow(im, cmap=cmaps[k], interpolation="nearest", vmin=vmin, vmax=vmax)
        if titles is not None:
            ax.set_title(titles[k], fontsize=10)
        ax.set_axis_off()
    if suptitle:
        fig.suptitle(suptitle)
    fig.tight_layout()
    return fig


# --------------------------------------------------------------------------
# 6. Heat maps over images (lesson 5: class activation maps)
# --------------------------------------------------------------------------
def overlay_heatmaps(
    images: Sequence[np.ndarray],
    heatmaps: Sequence[np.ndarray],
    titles: Sequence[str] | None = None,
    *,
    alpha: float = 0.5,
    cmap: str = "jet",
    size: float = 2.6,
) -> Figure:
    """A row of grey images, each with a semi-transparent heat map stretched over it.

    A heat map may be coarser than its image (a class activation map is computed
    on the last feature map, e.g. 16x16 for a 32x32 image): it is drawn over the
    whole image with ``extent``, each of its cells covering the image pixels it
    summarises, without smoothing. Each heat map is scaled to its own range, so
    the colours show *where* it is high, not how high.

    Returns
    -------
    Figure
        One axes per image, each holding two ``AxesImage`` (image, then heat map).
    """
    if len(images) != len(heatmaps):
        raise ValueError(f"got {len(images)} images but {len(heatmaps)} heat maps.")
    fig, axes = plt.subplots(
        1, len(images), figsize=(size * len(images), size + 0.4), squeeze=False
    )
    for k, (ax, image, heat) in enumerate(zip(axes[0], images, heatmaps, strict=True)):
        image = np.asarray(image)
        image = image[:, :, 0] if image.ndim == 3 and image.shape[2] == 1 else image
        height, width = image.shape[:2]
        extent = (-0.5, width - 0.5, height - 0.5, -0.5)
        ax.imshow(image, cmap="gray", vmin=0, vmax=1, interpolation="nearest", extent=extent)
        ax.imshow(np.asarray(heat), cmap=cmap, alpha=alpha, interpolation="nearest", extent=extent)
        if titles is not None:
            ax.set_title(titles[k], fontsize=10)
        ax.set_axis_off()
    fig.tight_layout()
    return fig
