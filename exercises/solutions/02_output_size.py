# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Exercises 2 — How big is the output?
#
# These exercises go with **Lesson 2** (`notebooks/02_output_size.ipynb`). After them you can
# compute, by hand and in code, how many pooling windows fit along one axis of an input, with
# no padding, with `p` cells of padding on each side, and with Keras's `padding="same"`.
#
# **Time:** about 20 minutes. Everything here is plain Python: no NumPy needed.
# %% [markdown]
# **How the exercises work.** Write your code where it says `# YOUR CODE HERE` and delete the
# `raise NotImplementedError(...)` line below it. Then run the check cell under it: it answers
# in under a second with ✓ (and what you have proved), ✗ (the first case that failed, what your
# function returned and what was expected, and, when your mistake is a common one, why), or
# "not attempted yet". Run `hint("ID")` in a cell for hints, one at a time; they never give the
# answer away. `progress()` shows every exercise you have passed so far. Made a mess of a cell?
# `reset_exercise("ID")` puts the starting code back (close this notebook first, then reopen
# it); your version is kept in `exercises/.backups/`.

# %%
from course_lib import check, hint, progress, reset_exercise  # noqa: F401 (yours to use)

# %% [markdown]
# ## Exercise 2.1 — valid padding
#
# Write `output_size(n, f, s)`: the number of windows of size `f`, moved by a stride of `s`,
# that fit entirely inside an axis of `n` cells (no padding, Keras's `padding="valid"`).
# All arguments are positive integers with `f <= n`; return an `int`.
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
# **each** side of the axis, as PyTorch's `padding=p` does. You may assume `p <= f // 2`
# (PyTorch's own limit). For example `output_size_padded(5, 3, 1, 1) == 5`: a 3-cell window
# with stride 1 and one cell of padding on each side keeps the size.


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
# the windows it needs, so the window size does not appear. For example
# `output_size_same(5, 2) == 3`. Is the size really kept ("same") when `s > 1`?


# %%
def output_size_same(n, s):
    """Output size of Keras pooling with padding='same' and stride s, along n cells."""
    ### BEGIN SOLUTION
    return -(-n // s)
    ### END SOLUTION


# %%
check("2.3", output_size_same)

# %% [markdown]
# ## What you have shown
#
# When all three checks pass you can count windows in the three settings the frameworks use:
# `floor((n - f) / s) + 1` for valid padding, `floor((n + 2p - f) / s) + 1` with `p` cells on
# each side, and `ceil(n / s)` for `"same"`, which keeps the size only when the stride is 1.
# Run `progress()` in a new cell to see your record.
