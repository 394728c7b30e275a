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
# # Exercises 4 — Average pooling, with and without padding
#
# These exercises go with [Lesson 4](../notebooks/04_average_pooling.ipynb). After them you
# can write average pooling (<span lang="zh-Hans">平均池化</span>) of a batch from scratch,
# and Keras's `padding="same"` version, in which padded cells are **not** counted in the
# average. You also find the one convolution kernel that does the work of two average
# poolings in a row, and write the backward pass.
#
# **Time:** about 50 minutes.

# %%
from course_lib.learner import how_exercises_work

how_exercises_work()

# %%
import numpy as np

from course_lib import check, hint, progress, reset_exercise  # noqa: F401 (tools for you to use)

# The source article's 4x4 example as a batch of shape (1, 4, 4, 1).
article = np.array([[2, 2, 7, 3], [9, 4, 6, 1], [8, 5, 2, 4], [3, 1, 2, 6]])[None, :, :, None]
print(article.shape)

# %% [markdown]
# ## Exercise 4.1 — average pooling of an NHWC batch
#
# The lesson averaged **one 2-D map**. Write the layer's version for a batch,
# `avg_pool(x, f, s=None)`: like `max_pool` of exercise 3.1 (`x` of shape `(N, H, W, C)`,
# `f × f` windows, stride `s`, `None` meaning `f`, no padding), but each output cell is the
# **mean** of its window. Return a new float array of shape `(N, H_out, W_out, C)`,
# also for integer input. On the article's example,
# `avg_pool(article, 2)[0, :, :, 0]` is `[[4.25, 4.25], [4.25, 3.5]]`.


# %%
def avg_pool(x, f, s=None):
    """Average pooling of x, shape (N, H, W, C), f x f windows, stride s (default f)."""
    ### BEGIN SOLUTION
    if s is None:
        s = f
    n, h, w, c = x.shape
    h_out = (h - f) // s + 1
    w_out = (w - f) // s + 1
    out = np.zeros((n, h_out, w_out, c))
    for i in range(h_out):
        for j in range(w_out):
            out[:, i, j, :] = x[:, i * s : i * s + f, j * s : j * s + f, :].mean(axis=(1, 2))
    return out
    ### END SOLUTION


# %%
check("4.1", avg_pool)

# %% [markdown]
# ## Exercise 4.2 — `padding="same"`, padded cells not counted
#
# Write `avg_pool_same(x, f, s=None)`, Keras's `AveragePooling2D(f, s, padding="same")`:
#
# - Along an axis of `n` cells the output has `out = ceil(n / s)` cells.
# - The padding needed is `total = max((out - 1) * s + f - n, 0)`; `total // 2` cells go before
#   the input and the rest (one more when `total` is odd) after it.
# - Each output cell is the mean of the **real** cells of its window: padded cells are left out
#   of the sum *and* of the count.
#
# For a 5 × 5 map holding 1, 2, ..., 25 with `f = s = 2`, the output is 3 × 3 and its last
# column is `[7.5, 17.5, 25]`: the bottom-right window holds only the real cell 25.


# %%
def avg_pool_same(x, f, s=None):
    """Keras 'same' average pooling of x, shape (N, H, W, C): padding is not counted."""
    ### BEGIN SOLUTION
    if s is None:
        s = f
    n, h, w, c = x.shape
    h_out, w_out = -(-h // s), -(-w // s)
    top = max((h_out - 1) * s + f - h, 0) // 2
    left = max((w_out - 1) * s + f - w, 0) // 2
    out = np.zeros((n, h_out, w_out, c))
    for i in range(h_out):
        r0 = i * s - top
        rows = slice(max(r0, 0), min(r0 + f, h))
        for j in range(w_out):
            c0 = j * s - left
            cols = slice(max(c0, 0), min(c0 + f, w))
            out[:, i, j, :] = x[:, rows, cols, :].mean(axis=(1, 2))
    return out
    ### END SOLUTION


# %%
check("4.2", avg_pool_same)

# %% [markdown]
# Stuck? `hint("4.1")` or `hint("4.2")` give hints one at a time.
#
# ## Exercise 4.3 — one kernel for two average poolings in a row
#
# Lesson 4 showed that one `f x f` average pooling is a convolution with a constant
# `(f, f)` kernel whose weights are all `1 / f²`. Networks often stack layers, so take the
# next step: apply **two** average poolings in a row, both with `f x f` windows and
# **stride 1**, no padding. The result is again one convolution with stride 1 (both steps
# are weighted sums, so the two together are one weighted sum), but with a larger kernel
# whose weights are *not* all equal.
#
# Write `stacked_avg_kernel(f)` returning that kernel: a 2-D float array of shape
# `(2f - 1, 2f - 1)` such that sliding it over a map with stride 1 (each output cell the sum
# of the kernel's weights times the cells under it) gives exactly the numbers of the two
# poolings.
#
# Why `2f - 1`: after the first pooling, a cell covers `f` input cells along each axis; the
# second window covers `f` such cells, which start one input cell apart, so it reaches
# `f - 1` cells further. Work out the weights on paper for `f = 2` first (along one axis,
# then in 2-D).


# %%
def stacked_avg_kernel(f):
    """The (2f - 1, 2f - 1) kernel of two stride-1 f x f average poolings in a row."""
    ### BEGIN SOLUTION
    line = np.convolve(np.ones(f), np.ones(f)) / (f * f)  # 1-D weights: 1, 2, ..., f, ..., 1
    return np.outer(line, line)
    ### END SOLUTION


# %%
check("4.3", stacked_avg_kernel)

# %% [markdown]
# ## Exercise 4.4 — the backward pass of average pooling
#
# Write `avg_pool_backward(dout, x, f, s=None)`, the gradient of valid average pooling with
# respect to `x`, as in section 6 of the lesson (lesson 0 defines the
# [gradient](../notebooks/00_start_here.ipynb#nn-gradient) and the names
# [`dout` and `dx`](../notebooks/00_start_here.ipynb#nn-backprop)):
#
# - `x` is the forward input `(N, H, W, C)`, `dout` the gradient from the layer after, of shape
#   `(N, H_out, W_out, C)`; `s=None` means `s = f`.
# - Return `dx`, a **float** array of `x`'s shape. Each window shares its `dout` value equally
#   among its `f * f` cells; where windows overlap, the shares **add up**; a cell in no window
#   gets 0.
#
# Example: for the article's map with `f = s = 2` and `dout = [[1, 2], [3, 4]]`, the four
# cells of the top-left window get 0.25 each, those of the bottom-right window 1.0 each.


# %%
def avg_pool_backward(dout, x, f, s=None):
    """Gradient of valid average pooling with respect to x."""
    ### BEGIN SOLUTION
    if s is None:
        s = f
    dx = np.zeros(x.shape, dtype=np.float64)
    for i in range(dout.shape[1]):
        for j in range(dout.shape[2]):
            share = dout[:, i : i + 1, j : j + 1, :] / (f * f)
            dx[:, i * s : i * s + f, j * s : j * s + f, :] += share
    return dx
    ### END SOLUTION


# %%
check("4.4", avg_pool_backward)

# %% [markdown]
# Stuck? `hint("4.3")` or `hint("4.4")` give hints one at a time.
#
# ## What you have shown
#
# Average pooling of a batch is max pooling's loop with a different reduction, and "same"
# padding is a matter of where the windows start and which cells they count. Keras leaves
# padded cells out of the average; PyTorch's default (`count_include_pad=True`) counts them
# as zeros. Two stride-1 average poolings in a row are one convolution whose kernel is a
# pyramid, heaviest in the centre: a smoother blur than one box. And, being linear, average
# pooling's gradient spreads each window's `dout` evenly over the window's cells. Run
# `progress()` in a new cell to see your record.
