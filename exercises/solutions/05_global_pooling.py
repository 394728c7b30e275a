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
# # Exercises 5 — Global pooling
#
# These exercises go with **Lesson 5** (`notebooks/05_global_pooling.ipynb`). After them you
# can write global max and global average pooling (全局池化), which reduce each feature map to
# one number, and you know which axes to reduce and what shape comes out.
#
# **Time:** about 10 minutes.
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

# The source article's 4x4 example as a batch of shape (1, 4, 4, 1).
article = np.array([[2, 2, 7, 3], [9, 4, 6, 1], [8, 5, 2, 4], [3, 1, 2, 6]])[None, :, :, None]
print(article.shape)

# %% [markdown]
# ## Exercise 5.1 — global max pooling
#
# Write `global_max_pool(x)`: for `x` of shape `(N, H, W, C)`, return the largest value of
# each channel of each example, an array of shape `(N, C)` with the input's dtype (Keras's
# `GlobalMaxPooling2D`). On the article's example the result is `[[9]]`.


# %%
def global_max_pool(x):
    """Global max pooling: x of shape (N, H, W, C) -> (N, C)."""
    ### BEGIN SOLUTION
    return x.max(axis=(1, 2))
    ### END SOLUTION


# %%
check("5.1", global_max_pool)

# %% [markdown]
# ## Exercise 5.2 — global average pooling
#
# Write `global_avg_pool(x)`: the mean of each channel of each example, a float array of
# shape `(N, C)` (Keras's `GlobalAveragePooling2D`). On the article's example the result is
# `[[4.0625]]`.


# %%
def global_avg_pool(x):
    """Global average pooling: x of shape (N, H, W, C) -> (N, C), as floats."""
    ### BEGIN SOLUTION
    return x.mean(axis=(1, 2))
    ### END SOLUTION


# %%
check("5.2", global_avg_pool)

# %% [markdown]
# Stuck? `hint("5.1")` or `hint("5.2")` give hints one at a time.
#
# ## What you have shown
#
# Global pooling is pooling with one window as big as the whole map: it reduces the height and
# width axes (1 and 2) and keeps examples and channels apart, `(N, H, W, C) -> (N, C)`. Run
# `progress()` in a new cell to see your record.
