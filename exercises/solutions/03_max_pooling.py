# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     notebook_metadata_filter: -jupytext.text_representation
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Exercises 3 — Max pooling, written by hand
#
# These exercises go with [Lesson 3](../notebooks/03_max_pooling.ipynb). After them you can
# write max pooling (<span lang="zh-Hans">最大池化</span>) of a batch of feature maps from
# scratch with NumPy, with any window and stride, and you know the details a framework takes
# care of for you: the default stride, per-channel pooling, negative values and the dtype.
# You also vectorise it, write its backward pass, and pool a small map by hand.
#
# **Time:** about 60 minutes.

# %%
from course_lib.learner import how_exercises_work

how_exercises_work()

# %%
import numpy as np

from course_lib import check, hint, progress, reset_exercise  # noqa: F401 (tools for you to use)

# The source article's 4x4 example as a batch of one map with one channel, shape (1, 4, 4, 1).
article = np.array([[2, 2, 7, 3], [9, 4, 6, 1], [8, 5, 2, 4], [3, 1, 2, 6]])[None, :, :, None]
print(article.shape)

# %% [markdown]
# ## Exercise 3.1 — max pooling of an NHWC batch
#
# The lesson pooled **one 2-D map** (one image, one channel). A layer in a network receives
# a whole batch: an array of shape `(N, H, W, C)` (batches and channels are explained with
# [Conv2D](../notebooks/00_start_here.ipynb#nn-conv2d) in lesson 0). Now write the layer's
# version, `max_pool(x, f, s=None)`:
#
# - `x` is a NumPy array of shape `(N, H, W, C)` (channels last, as in Keras): `N` examples,
#   each `H × W` with `C` channels. Any dtype, any values (negative too).
# - The windows are `f × f`, moved by a stride of `s` along both height and width; when `s` is
#   `None` it equals `f`, as in Keras and PyTorch. No padding (`"valid"`).
# - Return a **new** array of shape `(N, H_out, W_out, C)`, with the input's dtype, where
#   `out[n, i, j, c]` is the largest value of channel `c` of example `n` in window `(i, j)`.
#   Do not modify `x`.
#
# On the article's example, `max_pool(article, 2)[0, :, :, 0]` is `[[9, 7], [8, 6]]`. Loops
# over the output rows and columns are fine; the check uses small arrays.


# %%
def max_pool(x, f, s=None):
    """Max pooling of x, shape (N, H, W, C), with f x f windows and stride s (default f)."""
    ### BEGIN SOLUTION
    if s is None:
        s = f
    n, h, w, c = x.shape
    h_out = (h - f) // s + 1
    w_out = (w - f) // s + 1
    out = np.empty((n, h_out, w_out, c), dtype=x.dtype)
    for i in range(h_out):
        for j in range(w_out):
            window = x[:, i * s : i * s + f, j * s : j * s + f, :]
            out[:, i, j, :] = window.max(axis=(1, 2))
    return out
    ### END SOLUTION


# %%
check("3.1", max_pool)

# %% [markdown]
# Stuck? `hint("3.1")` gives a first hint; run it again for the next one.
#
# ## Exercise 3.2 — vectorise it, the separable way
#
# Write `max_pool_fast(x, f, s=None)`: same task and same result as `max_pool` in 3.1, with
# no Python loop over examples, output cells or channels. Section 3 of the lesson looped over
# the `f * f` window offsets of one 2-D map; do better, on the whole batch, as `course_lib`'s
# own `pool2d` does: the maximum of a window is the maximum of its **column maxima** (for
# each of the window's `f` columns, the largest of its `f` cells), so pooling is *separable*:
# first reduce over the row offsets `di` (giving column maxima), then over the column
# offsets `dj`.
#
# 1. Column maxima first: loop over the `f` row offsets `di`; each is one strided slice of
#    `x` along the height (every column kept). Their element-wise maximum has shape
#    `(N, h_out, W, C)`: for each window row and each column, the largest of the `f` cells
#    above each other.
# 2. Then pool that result across the columns the same way, with the `f` column offsets `dj`.
#
# That is `f + f` NumPy operations instead of `f * f`. On the article's top-left window
# `[[2, 2], [9, 4]]`: the column maxima are 9 and 4, and their maximum is 9. The check
# includes a batch of 8 maps of 33x31 with 16 channels.
#
# Be aware that the check compares results only: it cannot see how your function loops, so
# a copy of your 3.1 would pass too. Whether you vectorised
# is for you to verify: time the versions with `%timeit max_pool(big, 3, 2)` and
# `%timeit max_pool_fast(big, 3, 2)` on a large batch, e.g.
# `big = np.random.default_rng(0).normal(size=(4, 32, 32, 16))`.


# %%
def max_pool_fast(x, f, s=None):
    """Max pooling of x (N, H, W, C): reduce over di (column maxima), then over dj."""
    ### BEGIN SOLUTION
    if s is None:
        s = f
    _, h, w, _ = x.shape
    h_out = (h - f) // s + 1
    w_out = (w - f) // s + 1
    rows = None  # (N, h_out, W, C): the column maxima of each window row
    for di in range(f):
        cells = x[:, di : di + (h_out - 1) * s + 1 : s, :, :]
        # A slice is a view of x: copy the first one so that the result is a new array.
        rows = cells.copy() if rows is None else np.maximum(rows, cells)
    out = None
    for dj in range(f):
        cells = rows[:, :, dj : dj + (w_out - 1) * s + 1 : s, :]
        out = cells.copy() if out is None else np.maximum(out, cells)
    return out
    ### END SOLUTION


# %%
check("3.2", max_pool_fast)

# %% [markdown]
# ## Exercise 3.3 — the backward pass
#
# Write `max_pool_backward(dout, x, f, s=None)`, the gradient of max pooling (no padding),
# as in section 6 of the lesson. Lesson 0 defines the
# [gradient](../notebooks/00_start_here.ipynb#nn-gradient) and the names
# [`dout` and `dx`](../notebooks/00_start_here.ipynb#nn-backprop):
#
# - `x` is the forward input `(N, H, W, C)`, `dout` the gradient arriving from the layer
#   after, with the pooled output's shape `(N, H_out, W_out, C)`; `s=None` means `s = f`.
# - Return `dx`, a **float** array of `x`'s shape: each window sends its `dout` value to the
#   one cell holding its maximum; all other cells of the window get nothing from it.
# - **Ties**: if several cells share the maximum, only the **first** in row-major order
#   (row by row, left to right inside the window) gets the gradient, as in PyTorch.
# - **Overlaps**: a cell that is the maximum of several windows receives the **sum** of their
#   gradients.
#
# Example: for the article's map with `f = s = 2` and `dout = [[1, 2], [3, 4]]`, the 9
# receives 1, the 7 receives 2, the 8 receives 3, the 6 receives 4, every other cell 0.


# %%
def max_pool_backward(dout, x, f, s=None):
    """Gradient of max pooling with respect to x (ties: first maximum in row-major order)."""
    ### BEGIN SOLUTION
    if s is None:
        s = f
    dx = np.zeros(x.shape, dtype=np.float64)
    n_batch, h_out, w_out, channels = dout.shape
    for n in range(n_batch):
        for i in range(h_out):
            for j in range(w_out):
                for c in range(channels):
                    window = x[n, i * s : i * s + f, j * s : j * s + f, c]
                    di, dj = np.unravel_index(np.argmax(window), window.shape)
                    dx[n, i * s + di, j * s + dj, c] += dout[n, i, j, c]
    return dx
    ### END SOLUTION


# %%
check("3.3", max_pool_backward)

# %% [markdown]
# ## Exercise 3.4 — overlapping pooling by hand
#
# Pool this 5x5 map with **3x3 windows and stride 2** (max pooling, no padding), with pen and
# paper or in your head; no code. Write the result as a list of lists, row by row.

# %%
by_hand = np.array(
    [
        [1, 3, 2, 0, 4],
        [5, 0, 1, 7, 2],
        [2, 6, 3, 1, 0],
        [0, 1, 8, 2, 5],
        [4, 2, 0, 3, 1],
    ]
)
print(by_hand)

# %%
### BEGIN SOLUTION
answer_3_4 = [[6, 7], [8, 8]]
### END SOLUTION

# %%
check("3.4", answer_3_4)

# %% [markdown]
# ## Exercise 3.5 — `padding="same"`: padded cells never win
#
# Write `max_pool_same(x, f, s=None)`, Keras's `MaxPooling2D(f, s, padding="same")`, for `x` of
# shape `(N, H, W, C)`:
#
# - Along an axis of `n` cells the output has `out = ceil(n / s)` cells.
# - The padding needed is `total = max((out - 1) * s + f - n, 0)`; `total // 2` cells go before
#   the input and the rest after it.
# - Each output cell is the largest **real** value of its window: a padded cell must never
#   win, even when every real value is negative. Keep the input's dtype.
#
# For the 3x3 map `[[-1, -2, -3], [-4, -5, -6], [-7, -8, -9]]` with `f = s = 2`, Keras adds one
# row at the bottom and one column on the right, and the result is `[[-1, -3], [-7, -9]]`.


# %%
def max_pool_same(x, f, s=None):
    """Keras 'same' max pooling of x, shape (N, H, W, C): padded cells never win."""
    ### BEGIN SOLUTION
    if s is None:
        s = f
    n, h, w, c = x.shape
    h_out, w_out = -(-h // s), -(-w // s)
    top = max((h_out - 1) * s + f - h, 0) // 2
    left = max((w_out - 1) * s + f - w, 0) // 2
    out = np.empty((n, h_out, w_out, c), dtype=x.dtype)
    for i in range(h_out):
        r0 = i * s - top
        for j in range(w_out):
            c0 = j * s - left
            window = x[:, max(r0, 0) : min(r0 + f, h), max(c0, 0) : min(c0 + f, w), :]
            out[:, i, j, :] = window.max(axis=(1, 2))
    return out
    ### END SOLUTION


# %%
check("3.5", max_pool_same)

# %% [markdown]
# Stuck? `hint("3.2")`, `hint("3.3")`, `hint("3.4")` or `hint("3.5")` give hints one at a time.
#
# ## What you have shown
#
# A passing `max_pool` agrees with the course's reference (and so with Keras's `MaxPooling2D`)
# on batches, several channels, negative values, overlapping windows (`s < f`), skipped cells
# (`s > f`) and the default stride. `max_pool_fast` computes the same with loops of only
# `f + f` steps: column maxima first, then the maximum across them. `max_pool_backward`
# routes each window's gradient to its maximum, with the tie rule stated and overlaps added
# up. You can place overlapping windows by hand, and `max_pool_same` pads the way Keras does
# without letting a padded cell win. Run `progress()` in a new cell to see your record.
