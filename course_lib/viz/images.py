"""Images and heat maps: rows of pictures drawn as sharp pixel blocks.

Lesson 3 shows what pooling does to a photograph, lesson 5 overlays class
activation maps on digits. Nothing here knows about pooling windows; each
helper returns the ``Figure`` it drew, with one axes per image.
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from course_lib.fonts import register as register_font

register_font()  # Chinese labels draw with the shipped font, not as boxes

__all__ = ["overlay_heatmaps", "show_images"]


# --------------------------------------------------------------------------
# Images
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
# Heat maps over images (lesson 5: class activation maps)
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
