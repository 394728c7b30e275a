"""Annotated grids: a 2-D array drawn as numbered cells, with windows and padding.

The building block of every pooling figure in :mod:`course_lib.viz.diagrams`, and
used directly by the lessons (through :mod:`course_lib.viz.plots`) to show a
feature map with some windows outlined. Also the window colours, so that a
window and the output cell it produces share one colour across figures.

Drawing is deterministic and returns the ``Axes`` drawn on, so a test can count
the patches and texts.
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.patches import Rectangle

from course_lib.fonts import register as register_font
from course_lib.pooling.geometry import Window

register_font()  # Chinese labels draw with the shipped font, not as boxes

__all__ = ["PADDING_COLOR", "WINDOW_COLORS", "draw_grid", "window_color"]


# --------------------------------------------------------------------------
# Colours
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
# Annotated grids
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
