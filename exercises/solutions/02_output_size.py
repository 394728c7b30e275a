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
# # Exercises 2 — How big is the output?
#
# These exercises go with [Lesson 2](../notebooks/02_output_size.ipynb). After them you can
# compute, by hand and in code, how many pooling windows fit along one axis of an input, with
# no padding, with `p` cells of padding on each side, and with Keras's `padding="same"`.
#
# **Time:** the core, 2.1-2.4, about 25 minutes; 2.5 about 10 more; 2.6, a challenge that
# goes with lesson 2's optional section 4, about 10 more. Everything here is plain Python: no
# NumPy needed.

# %%
from course_lib.learner import how_exercises_work

how_exercises_work()

# %%
from course_lib import check, hint, progress, reset_exercise  # noqa: F401 (yours to use)

# %% [markdown]
# ## Exercise 2.1 — valid padding
#
# Lesson 2 counted the windows on drawings. Now write the rule: `output_size(n, f, s)`, the
# number of windows of size `f`, moved by a stride of `s`, that fit entirely inside an axis of
# `n` cells (no padding, Keras's `padding="valid"`). All arguments are positive integers with
# `f <= n`; return an `int`, computed with arithmetic (no loop needed).
#
# For example, the source article's 4 × 4 map with a 2 × 2 window and stride 2 gives
# `output_size(4, 2, 2) == 2` along each axis. Careful: the article's formula `(n - f + 1) / s`
# gives 1.5 here.


# %%
def output_size(n, f, s):
    """Number of windows of size f, stride s, along an axis of n cells (no padding)."""
    ### BEGIN SOLUTION
    return (n - f) // s + 1
    ### END SOLUTION


# %%
check("2.1", output_size)

# %% [markdown]
# Stuck? `hint("2.1")` gives a first hint; run it again for the next one.

# %% [markdown]
# ## Exercise 2.2 — padding on both sides
#
# Write `output_size_padded(n, f, s, p)`: the same count when `p` cells of padding are added on
# **each** side of the axis, as PyTorch's `padding=p` does (lesson 2 drew two examples). You may
# assume `p <= f // 2` (PyTorch's convention). For example `output_size_padded(5, 3, 1, 1) == 5`:
# a 3-cell window with stride 1 and one cell of padding on each side keeps the size.


# %%
def output_size_padded(n, f, s, p):
    """Number of windows of size f, stride s, along n cells padded with p cells on each side."""
    ### BEGIN SOLUTION
    return (n + 2 * p - f) // s + 1
    ### END SOLUTION


# %%
check("2.2", output_size_padded)

# %% [markdown]
# ## Exercise 2.3 — Keras `padding="same"`
#
# Write `output_size_same(n, s)`: the output size of a Keras pooling layer with
# `padding="same"` and stride `s` along an axis of `n` cells. Keras pads just enough cells for
# the windows it needs, so the window size does not appear (lesson 2's table showed it). For
# example `output_size_same(5, 2) == 3`.
#
# Before you write it, predict from a drawing: how many windows does `n = 9`, `s = 4` give? Then
# compare your prediction with what your function returns.


# %%
def output_size_same(n, s):
    """Output size of Keras pooling with padding='same' and stride s, along n cells."""
    ### BEGIN SOLUTION
    return -(-n // s)
    ### END SOLUTION


# %%
check("2.3", output_size_same)

# %% [markdown]
# ## Exercise 2.4 — trace a network by hand
#
# A Keras model takes `(65, 65, 3)` images (height, width, channels) and applies, in this order:
#
# 1. `Conv2D(16, kernel_size=5)` (stride 1, `padding="valid"`)
# 2. `MaxPooling2D(pool_size=2)`
# 3. `Conv2D(32, kernel_size=3, padding="same")`
# 4. `MaxPooling2D(pool_size=3, strides=2)`
# 5. `Conv2D(64, kernel_size=2, strides=2)`
# 6. `MaxPooling2D(pool_size=2, padding="same")`
# 7. `Flatten()`
#
# Give the shape after each of the seven layers, without the batch axis: six `(H, W, C)`
# tuples, then the size of the flattened vector as a one-element tuple such as `(100,)`.
# A convolution counts its positions exactly like a pooling counts its windows, with its own
# stride (1 unless `strides=` is given); its output has as many channels as it has filters.
# Answer with a list of the seven tuples. Work it out by hand, with your functions from 2.1-2.3
# if you like (lesson 2's `trace` knows no strided convolution).

# %%
### BEGIN SOLUTION
answer_2_4 = [
    (61, 61, 16),  # (65 - 5) // 1 + 1
    (30, 30, 16),  # (61 - 2) // 2 + 1: the last row and column are dropped
    (30, 30, 32),  # same, stride 1: size kept
    (14, 14, 32),  # (30 - 3) // 2 + 1
    (7, 7, 64),  # (14 - 2) // 2 + 1: the convolution's stride is 2
    (4, 4, 64),  # same, stride 2: ceil(7 / 2)
    (4 * 4 * 64,),
]
### END SOLUTION

# %%
check("2.4", answer_2_4)

# %% [markdown]
# ## Exercise 2.5 — which inputs give this output?
#
# Write `input_sizes(out, f, s)`: the sorted list of **every** input size `n` for which a
# pooling with window `f`, stride `s` and valid padding (no padding) produces exactly `out`
# windows. All arguments are positive integers. For example `input_sizes(7, 2, 2) == [14, 15]`:
# a 2x2, stride-2 pooling turns both 14x14 and 15x15 maps into 7x7.


# %%
def input_sizes(out, f, s):
    """Every input size n (sorted) that gives exactly `out` windows (valid padding)."""
    ### BEGIN SOLUTION
    smallest = (out - 1) * s + f  # the last window starts at (out - 1) * s and needs f cells
    return list(range(smallest, smallest + s))  # s - 1 more cells do not fit another window
    ### END SOLUTION


# %%
check("2.5", input_sizes)

# %% [markdown]
# ## Exercise 2.6 — PyTorch's `ceil_mode` (challenge)
#
# Optional: a challenge that goes with lesson 2's optional section 4; skip it if you skipped
# that section.
#
# Write `output_size_ceil(n, f, s, p)`: the output size of PyTorch's `MaxPool2d(f, s, padding=p,
# ceil_mode=True)` along an axis of `n` cells. PyTorch's documentation says two things: the
# count of exercise 2.2 is rounded **up** instead of down; and "sliding windows are allowed to go
# off-bounds if they start within the left padding or the input. Sliding windows that would
# start in the right padded region are ignored." So a last window that would start at or after
# the input's end (in the right padding, or just past the input when `p = 0`) is not counted.
# You may assume `p <= f // 2` and that at least one window fits in the padded axis. Count the
# cells as lesson 2 does: cell 0 is the input's first cell, so the left padding is cells
# `-p .. -1` and the input's last cell is `n - 1`.
#
# For example `output_size_ceil(3, 2, 2, 0) == 2` (the second window holds only the last cell),
# but `output_size_ceil(5, 2, 2, 1) == 3`, not 4. Lesson 2, section 4, draws both.


# %%
def output_size_ceil(n, f, s, p):
    """PyTorch's output size with ceil_mode=True, padding p on each side."""
    ### BEGIN SOLUTION
    out = -(-(n + 2 * p - f) // s) + 1
    if (out - 1) * s - p >= n:  # the last window would start in the right padding
        out -= 1
    return out
    ### END SOLUTION


# %%
check("2.6", output_size_ceil)

# %% [markdown]
# ## What you have shown
#
# With 2.1-2.3 you have turned lesson 2's drawings into rules for the three settings the
# frameworks use: valid padding, `p` cells on each side, and `"same"`, which keeps the size only
# when the stride is 1. With 2.4-2.6 you can also trace a whole network, list every input size
# that gives an output size, and apply PyTorch's `ceil_mode` rule, edge case included.
# Run `progress()` in a new cell to see your record.
