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
# # Exercises 7 — Beyond max and average
#
# These exercises go with **Lesson 7** (`notebooks/07_beyond.ipynb`). After them you can write
# Lp (power-mean) pooling yourself, say where it stops behaving like average or max pooling,
# and predict the output shape of a 1-D pooling layer.
#
# **Time:** about 20 minutes.

# %%
from course_lib.learner import how_exercises_work

how_exercises_work()

# %%
import numpy as np

from course_lib import check, hint, progress, reset_exercise  # noqa: F401 (yours to use)
from course_lib.pooling import pool2d

# The source article's 4x4 example as a batch of shape (1, 4, 4, 1), in floats (see below).
article = np.array([[2, 2, 7, 3], [9, 4, 6, 1], [8, 5, 2, 4], [3, 1, 2, 6]], dtype=float)
article = article[None, :, :, None]
print(article.shape)
print("average pooling, for comparison:", pool2d(article, 2, mode="avg")[0, :, :, 0].tolist())

# %% [markdown]
# ## Exercise 7.1 — Lp pooling
#
# Write `lp_pool(x, p, f)`: for a batch `x` of shape `(N, H, W, C)` with **non-negative**
# values (as after a ReLU), windows of `f x f` cells with stride `f` and no padding, replace
# every window `R` (a region of the map, with `|R|` values) by
#
# $$\Big(\frac{1}{|R|}\sum_{v \in R} |v|^p\Big)^{1/p}$$
#
# and return a float array of shape `(N, H // f, W // f, C)`. You may use `pool2d` from
# `course_lib.pooling`. On the article's example, `p = 1` gives average pooling,
# `[[4.25, 4.25], [4.25, 3.5]]`, and `p = 2` gives `[[5.123, 4.873], [4.975, 3.873]]` (rounded).


# %%
def lp_pool(x, p, f):
    """Lp pooling of a non-negative batch x (N, H, W, C): f x f windows, stride f."""
    ### BEGIN SOLUTION
    powered = np.abs(np.asarray(x, dtype=float)) ** p
    return pool2d(powered, f, mode="avg") ** (1.0 / p)
    ### END SOLUTION


# %%
check("7.1", lp_pool)

# %% [markdown]
# **Its limits.** Try your `lp_pool` on the article's example with `p = 1, 2, 8, 64` and
# compare with max pooling: for every finite `p` it stays below the max (unless all the values
# of a window are equal). Then try `p = 400`
# on `article * 10.0`: the powers overflow float64 (`90 ** 400` is about `10 ** 781`) and the
# result is `inf`, while `course_lib.pooling.variants.lp_pool2d` divides by each window's maximum first
# and stays finite.
#
# Integers are worse: they overflow **silently**. NumPy's int64 holds at most about `9.2e18`,
# and `9 ** 64` is about `1.2e61`, so `np.abs(x) ** 64` on an integer array wraps around to
# meaningless (even negative) numbers, with no error. That is why `article` above is built
# with `dtype=float`, and why your `lp_pool` should convert its input to floats before taking
# powers: the check passes it the integer version of the article's example with `p = 64`.
#
# ## Exercise 7.2 — two conventions, one window with negative values
#
# Lesson 7 showed that PyTorch's `LPPool2d` follows another rule than the course's
# `lp_pool2d`: it adds up the **signed** `v ** p` (no absolute value, and a sum instead of a
# mean) and takes the `p`-th root of that sum. At `p = 1` the root changes nothing and the
# sign of the sum survives (for other `p` a negative sum gives NaN). On `[-4, 2, -2, 4]` at
# `p = 1` the two gave different answers.
#
# Now take the 2x2 window `[-6, 3, -1, 1]` and `p = 1`. Work out, on paper, what each rule
# gives, and answer with a pair: `answer_7_2 = (course_lp_pool2d, pytorch_lppool2d)`.

# %%
### BEGIN SOLUTION
answer_7_2 = (2.75, -3.0)
### END SOLUTION

# %%
check("7.2", answer_7_2)

# %% [markdown]
# ## Exercise 7.3 — 1-D pooling
#
# A batch of 8 sequences, each 100 steps long with 16 features, shape `(8, 100, 16)`, goes
# through `keras.layers.MaxPooling1D(pool_size=3, strides=2)` (padding `"valid"`). What is the
# output shape? Give a tuple.

# %%
### BEGIN SOLUTION
answer_7_3 = (8, 49, 16)
### END SOLUTION

# %%
check("7.3", answer_7_3)

# %% [markdown]
# ## What you have shown
#
# Lp pooling is average pooling of `|v| ** p` followed by a root; at `p = 1` it equals average
# pooling only for non-negative input and reaches max pooling only in the limit. Frameworks do not all agree
# on it: PyTorch's `LPPool2d` sums the signed powers, so the two rules agree (up to a constant
# factor) only on non-negative input (or for an even `p`), and for `p` other than 1 a negative
# sum gives NaN. 1-D pooling follows the
# same output-size rule as 2-D pooling, on the one axis it slides along. Run `progress()` in a
# new cell to see your record.
