"""Small image data sets for the lessons, made in memory from a seed.

Nothing here downloads anything: every image is drawn with NumPy from a seed, so
the same call gives the same pixels on every machine, and a lesson that trains a
network on them is reproducible. The one real photograph, :func:`sample_photo`,
is the picture of Grace Hopper that matplotlib ships with its own files.

Conventions
-----------
* Images are ``float32`` in ``[0, 1]`` (0 is black, 1 is white).
* Batches are channels-last, ``(N, H, W, C)``, like Keras's default.
* Rows grow downwards and columns to the right, as when an array is printed or
  drawn with ``imshow``.

Importing this module is cheap: it imports NumPy only (matplotlib is imported
inside :func:`sample_photo`, when it is called).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = [
    "SHAPES",
    "draw_shape",
    "make_shapes",
    "salt_noise",
    "sample_photo",
    "shift_image",
    "stripes",
]

SHAPES: tuple[str, ...] = ("square", "circle", "cross", "triangle", "x")
"""Shape names :func:`make_shapes` and :func:`draw_shape` can draw."""


def _check_shape_name(name: str) -> None:
    if name not in SHAPES:
        raise ValueError(f"unknown shape {name!r}; choose from {SHAPES}.")


def draw_shape(
    name: str, size: int = 32, center: tuple[int, int] | None = None, radius: int | None = None
) -> np.ndarray:
    """Draw one white shape on a black ``size x size`` canvas.

    Parameters
    ----------
    name : str
        One of :data:`SHAPES`: a filled ``"square"``, a filled ``"circle"``, a
        ``"cross"`` (plus sign), a filled ``"triangle"`` pointing up, or an ``"x"``
        (two diagonals).
    size : int
        Height and width of the canvas.
    center : (row, col) or None
        Where the shape's centre goes; ``None`` puts it in the middle.
    radius : int or None
        Half the shape's extent in pixels; ``None`` means ``size // 5``.

    Returns
    -------
    numpy.ndarray
        A ``(size, size)`` float32 array of zeros (background) and ones (shape).
        Parts of the shape that fall off the canvas are cut off.
    """
    _check_shape_name(name)
    if radius is None:
        radius = max(2, size // 5)
    if center is None:
        center = (size // 2, size // 2)
    cy, cx = center
    rows, cols = np.mgrid[0:size, 0:size]
    dy, dx = rows - cy, cols - cx
    thick = radius // 4  # strokes of "cross" and "x" are 2 * thick + 1 pixels wide
    if name == "square":
        mask = (np.abs(dy) <= radius) & (np.abs(dx) <= radius)
    elif name == "circle":
        mask = dy**2 + dx**2 <= radius**2
    elif name == "cross":
        inside = (np.abs(dy) <= radius) & (np.abs(dx) <= radius)
        mask = inside & ((np.abs(dy) <= thick) | (np.abs(dx) <= thick))
    elif name == "triangle":
        # Apex at the top (dy = -radius), base at the bottom (dy = +radius).
        half_width = (dy + radius) / 2
        mask = (np.abs(dy) <= radius) & (np.abs(dx) <= half_width)
    else:  # "x"
        inside = (np.abs(dy) <= radius) & (np.abs(dx) <= radius)
        mask = inside & ((np.abs(dy - dx) <= thick) | (np.abs(dy + dx) <= thick))
    return mask.astype(np.float32)


def make_shapes(
    n: int,
    size: int = 32,
    classes: Sequence[str] = ("square", "circle", "cross"),
    noise: float = 0.1,
    seed: int = 0,
    max_shift: int | None = None,
    radius: int | None = None,
    return_positions: bool = False,
) -> tuple[np.ndarray, np.ndarray] | tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A labelled data set of simple white shapes at random positions, with noise.

    Every image holds one shape, drawn with :func:`draw_shape` at a random centre
    and then covered with Gaussian noise. Labels are balanced: class ``k`` (the
    shape ``classes[k]``) appears ``n // len(classes)`` or one more times, in a
    shuffled order.

    Parameters
    ----------
    n : int
        Number of images.
    size : int
        Height and width of each image (at least 8).
    classes : sequence of str
        The shapes, from :data:`SHAPES`; label ``k`` means ``classes[k]``.
    noise : float
        Standard deviation of the Gaussian noise added to every pixel; the result
        is clipped to ``[0, 1]``. ``0`` gives clean images.
    seed : int
        Seed of the random generator: the same arguments give the same data.
    max_shift : int or None
        Largest distance, in pixels along each axis, of the shape's centre from
        the image centre. ``None`` lets the shape go anywhere it fits whole on the
        canvas; ``0`` always centres it.
    radius : int or None
        Half the extent of each shape; ``None`` means ``size // 5``.
    return_positions : bool
        Also return the centre ``(row, col)`` of every shape.

    Returns
    -------
    images : numpy.ndarray
        Shape ``(n, size, size, 1)``, float32 in ``[0, 1]``.
    labels : numpy.ndarray
        Shape ``(n,)``, int64 in ``range(len(classes))``.
    positions : numpy.ndarray, only if ``return_positions``
        Shape ``(n, 2)``, int64: the centre row and column of each shape.

    Examples
    --------
    >>> images, labels = make_shapes(6, size=16, seed=1)
    >>> images.shape, images.dtype, sorted(labels.tolist())
    ((6, 16, 16, 1), dtype('float32'), [0, 0, 1, 1, 2, 2])
    """
    if n < 1:
        raise ValueError(f"n must be at least 1, got {n}.")
    if size < 8:
        raise ValueError(f"size must be at least 8, got {size}.")
    if len(classes) == 0:
        raise ValueError("classes must name at least one shape.")
    for name in classes:
        _check_shape_name(name)
    if noise < 0:
        raise ValueError(f"noise must be >= 0, got {noise}.")
    r = max(2, size // 5) if radius is None else int(radius)
    if not 1 <= r <= (size - 1) // 2:
        raise ValueError(f"radius must be between 1 and {(size - 1) // 2}, got {r}.")

    rng = np.random.default_rng(seed)
    labels = np.resize(np.arange(len(classes), dtype=np.int64), n)  # 0, 1, 2, 0, 1, ...
    rng.shuffle(labels)

    # Centres keep the whole shape on the canvas: r <= centre <= size - 1 - r.
    middle = size // 2
    lo, hi = r, size - 1 - r
    if max_shift is not None:
        if max_shift < 0:
            raise ValueError(f"max_shift must be >= 0 or None, got {max_shift}.")
        lo, hi = max(lo, middle - max_shift), min(hi, middle + max_shift)
    positions = rng.integers(lo, hi + 1, size=(n, 2), dtype=np.int64)

    images = np.empty((n, size, size, 1), dtype=np.float32)
    for i in range(n):
        centre = (int(positions[i, 0]), int(positions[i, 1]))
        images[i, :, :, 0] = draw_shape(classes[labels[i]], size, centre, r)
    if noise > 0:
        images += rng.normal(0.0, noise, size=images.shape).astype(np.float32)
        np.clip(images, 0.0, 1.0, out=images)
    if return_positions:
        return images, labels, positions
    return images, labels


def stripes(
    size: int = 32,
    period: float = 2.0,
    orientation: str = "vertical",
    phase: float = 0.0,
    smooth: bool = False,
) -> np.ndarray:
    """A pattern of parallel stripes, the classic test for aliasing.

    Parameters
    ----------
    size : int
        Height and width of the square image.
    period : float
        Distance, in pixels, from one stripe to the next (at least 2). With
        ``period=2`` bright and dark columns alternate: the finest pattern a
        pixel grid can hold.
    orientation : "vertical", "horizontal" or "diagonal"
        Direction of the stripes. For ``"diagonal"`` the period is measured
        along a row or a column; the distance across the stripes is then
        ``period / sqrt(2)``.
    phase : float
        Shift of the pattern, in pixels, across the stripes.
    smooth : bool
        ``False``: hard stripes of 0 and 1 (a square wave). ``True``: a cosine
        wave ``0.5 + 0.5 cos(2 pi (t - phase) / period)``.

    Returns
    -------
    numpy.ndarray
        ``(size, size)`` float32 in ``[0, 1]``.

    >>> stripes(4, period=2)[0]
    array([1., 0., 1., 0.], dtype=float32)
    """
    if period < 2:
        raise ValueError(f"period must be at least 2 pixels (the grid's limit), got {period}.")
    rows, cols = np.mgrid[0:size, 0:size].astype(np.float64)
    if orientation == "vertical":
        t = cols
    elif orientation == "horizontal":
        t = rows
    elif orientation == "diagonal":
        t = rows + cols
    else:
        raise ValueError(
            f"orientation must be 'vertical', 'horizontal' or 'diagonal', got {orientation!r}."
        )
    t = t - phase
    if smooth:
        pattern = 0.5 + 0.5 * np.cos(2 * np.pi * t / period)
    else:
        pattern = (np.mod(t, period) < period / 2).astype(np.float64)
    return pattern.astype(np.float32)


def _spatial_axes(ndim: int) -> tuple[int, int]:
    """Row and column axes: ``(H, W)``, ``(H, W, C)`` or ``(N, H, W, C)``."""
    if ndim in (2, 3):
        return (0, 1)
    if ndim == 4:
        return (1, 2)
    raise ValueError(f"expected an image (H, W), (H, W, C) or a batch (N, H, W, C); ndim={ndim}.")


def shift_image(
    img: np.ndarray, dy: int, dx: int, mode: str = "constant", fill: float = 0.0
) -> np.ndarray:
    """Move the content of an image ``dy`` pixels down and ``dx`` pixels right.

    Negative values move it up or left. **Border rule**: with ``mode="constant"``
    (default) the pixels pushed past an edge are lost and the ones that come in
    at the opposite edge are ``fill`` (black by default), like moving a camera
    over a black background. With ``mode="wrap"`` what leaves one edge comes back
    at the opposite one (``np.roll``), so no pixel is lost.

    Parameters
    ----------
    img : array_like
        ``(H, W)``, ``(H, W, C)`` or a batch ``(N, H, W, C)``; never modified.
    dy, dx : int
        Shift down and right, in pixels.
    mode : "constant" or "wrap"
    fill : float
        Value of the incoming pixels for ``mode="constant"``.

    Returns
    -------
    numpy.ndarray
        A new array of ``img``'s shape and dtype.

    >>> shift_image(np.array([[1, 2, 3]]), 0, 1)
    array([[0, 1, 2]])
    """
    arr = np.asarray(img)
    ay, ax = _spatial_axes(arr.ndim)
    dy, dx = int(dy), int(dx)
    if mode == "wrap":
        return np.roll(arr, (dy, dx), axis=(ay, ax))
    if mode != "constant":
        raise ValueError(f"mode must be 'constant' or 'wrap', got {mode!r}.")
    out = np.full_like(arr, fill)
    h, w = arr.shape[ay], arr.shape[ax]
    if abs(dy) >= h or abs(dx) >= w:
        return out  # everything moved off the canvas

    def src_dst(shift: int, n: int) -> tuple[slice, slice]:
        if shift >= 0:
            return slice(0, n - shift), slice(shift, n)
        return slice(-shift, n), slice(0, n + shift)

    src_r, dst_r = src_dst(dy, h)
    src_c, dst_c = src_dst(dx, w)
    src = [slice(None)] * arr.ndim
    dst = [slice(None)] * arr.ndim
    src[ay], src[ax] = src_r, src_c
    dst[ay], dst[ax] = dst_r, dst_c
    out[tuple(dst)] = arr[tuple(src)]
    return out


def salt_noise(img: np.ndarray, fraction: float, seed: int = 0, value: float = 1.0) -> np.ndarray:
    """Turn a random ``fraction`` of the pixels into bright outliers ("salt").

    Parameters
    ----------
    img : array_like
        ``(H, W)``, ``(H, W, C)`` or ``(N, H, W, C)``; never modified. A chosen
        pixel gets ``value`` in all its channels.
    fraction : float
        Share of the pixels (per image) to change, in ``[0, 1]``; exactly
        ``round(fraction * H * W)`` distinct pixels of each image change.
    seed : int
        Seed of the random choice of pixels.
    value : float
        The outliers' value (1.0: white).

    Returns
    -------
    numpy.ndarray
        A new array of ``img``'s shape and dtype.
    """
    if not 0 <= fraction <= 1:
        raise ValueError(f"fraction must be between 0 and 1, got {fraction}.")
    arr = np.asarray(img)
    ay, ax = _spatial_axes(arr.ndim)
    out = arr.copy()
    h, w = arr.shape[ay], arr.shape[ax]
    k = round(fraction * h * w)
    rng = np.random.default_rng(seed)
    batch = out if arr.ndim == 4 else out[None]
    for image in batch:  # a view into ``out``: (H, W) or (H, W, C)
        flat = rng.choice(h * w, size=k, replace=False)
        image[flat // w, flat % w] = value
    return out


def sample_photo(gray: bool = False) -> np.ndarray:
    """The photograph of Grace Hopper that matplotlib ships, as floats in ``[0, 1]``.

    Parameters
    ----------
    gray : bool
        ``False``: colour, shape ``(600, 512, 3)``. ``True``: luminance
        ``0.299 R + 0.587 G + 0.114 B`` (ITU-R BT.601), shape ``(600, 512)``.

    Returns
    -------
    numpy.ndarray
        float32 in ``[0, 1]``. No network needed: the file is part of matplotlib.
    """
    from matplotlib import cbook
    from matplotlib import image as mpimg

    with cbook.get_sample_data("grace_hopper.jpg") as f:
        pixels = mpimg.imread(f, format="jpg")
    photo = pixels.astype(np.float32) / np.float32(255.0)
    if gray:
        weights = np.array([0.299, 0.587, 0.114], dtype=np.float32)
        photo = np.clip(photo @ weights, 0.0, 1.0)
    return photo
