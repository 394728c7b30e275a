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
# # Exercises 3 — Max pooling, written by hand
#
# These exercises go with **Lesson 3** (`notebooks/03_max_pooling.ipynb`). After them you can
# write max pooling (最大池化) of a batch of feature maps from scratch with NumPy, with any
# window and stride, and you know the details a framework takes care of for you: the default
# stride, per-channel pooling, negative values and the dtype.
#
# **Time:** about 25 minutes.
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
import numpy as np

from course_lib import check, hint, progress, reset_exercise  # noqa: F401 (yours to use)

# The source article's 4x4 example as a batch of one map with one channel, shape (1, 4, 4, 1).
article = np.array([[2, 2, 7, 3], [9, 4, 6, 1], [8, 5, 2, 4], [3, 1, 2, 6]])[None, :, :, None]
print(article.shape)

# %% [markdown]
# ## Exercise 3.1 — max pooling of an NHWC batch
#
# Write `max_pool(x, f, s=None)`:
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
# ## What you have shown
#
# A passing `max_pool` agrees with the course's reference (and so with Keras's `MaxPooling2D`)
# on batches, several channels, negative values, overlapping windows (`s < f`), skipped cells
# (`s > f`) and the default stride. Run `progress()` in a new cell to see your record.
