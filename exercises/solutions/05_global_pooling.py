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
# These exercises go with [Lesson 5](../notebooks/05_global_pooling.ipynb). After them you
# can write global max and global average pooling (全局池化), which reduce each feature map to
# one number, and you know which axes to reduce and what shape comes out. You also count the
# parameters global pooling saves, show that it is average pooling with one big window, and
# compute a class activation map.
#
# **Time:** about 35 minutes.
# %% [markdown]
# **How the exercises work.** Write your code where it says `# YOUR CODE HERE` and delete the
# `raise NotImplementedError(...)` line below it. Then run the check cell under it: it answers
# in under a second with ✓ (and what you have proved), ✗ (the first case that failed, what your
# function returned and what was expected, and, when your mistake is a common one, why), or
# "not attempted yet". Run `hint("ID")` in a cell for hints, one at a time; they never give the
# answer away. `progress()` shows every exercise you have passed so far. Made a mess of a cell?
# `reset_exercise("ID")` puts the starting code back in the notebook file: run it, then use
# File → Reload Notebook from Disk and do not save first. Your version is kept in
# `exercises/.backups/`.

# %%
import numpy as np

from course_lib import check, hint, progress, reset_exercise  # noqa: F401 (tools for you to use)

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
# ## Exercise 5.3 — count the parameters of two classifier heads
#
# A network's last feature map is **8 x 8 with 256 channels**, and it must score **10
# classes**. Count the parameters (weights and biases) of the two heads of lesson 5, with
# pen and paper:
#
# 1. `Flatten()` then `Dense(10)`;
# 2. `GlobalAveragePooling2D()` then `Dense(10)`.
#
# Answer with a pair: `answer_5_3 = (params_of_head_1, params_of_head_2)`.

# %%
### BEGIN SOLUTION
answer_5_3 = (8 * 8 * 256 * 10 + 10, 256 * 10 + 10)
### END SOLUTION

# %%
check("5.3", answer_5_3)

# %% [markdown]
# ## Exercise 5.4 — global average pooling is average pooling with one big window
#
# Write `gap_with_pool2d(x)`: global average pooling of `x` `(N, H, W, C)`, returning a float
# array `(N, C)`, computed with the course's `pool2d(x, pool_size, mode="avg")` (imported
# below) and a window as large as the whole map. The maps need not be square. As a reminder
# of how `pool2d` is called, here is 2x2 average pooling of the article's map:

# %%
from course_lib.pooling import pool2d

print(pool2d(article, pool_size=2, mode="avg")[0, :, :, 0])


# %%
def gap_with_pool2d(x):
    """Global average pooling (N, H, W, C) -> (N, C), via pool2d with one full-size window."""
    ### BEGIN SOLUTION
    pooled = pool2d(x, pool_size=(x.shape[1], x.shape[2]), mode="avg")  # (N, 1, 1, C)
    return pooled[:, 0, 0, :]
    ### END SOLUTION


# %%
check("5.4", gap_with_pool2d)

# %% [markdown]
# ## Exercise 5.5 — a class activation map from given weights
#
# Lesson 5 trained a network whose head is global average pooling followed by a dense layer.
# For one image, let `features` be the last feature map, shape `(H, W, K)` (K channels), and
# `weights` the dense layer's weights, shape `(K, n_classes)`. The **class activation map** of
# class `c` is, at every position `(i, j)`,
#
# `cam[i, j] = Σ_k features[i, j, k] · weights[k, c]`.
#
# Write `class_activation_map(features, weights, c)` returning this `(H, W)` float array.
# Keep negative values: they are evidence *against* the class.
#
# Example: with `features[0, 0] = [1, 0]` and `weights = [[1, -1], [0.5, 2]]`, the map of class
# 0 at position `(0, 0)` is `1 · 1 + 0 · 0.5 = 1`, and the map of class 1 there is `-1`.


# %%
def class_activation_map(features, weights, c):
    """Class activation map of class c: features (H, W, K), weights (K, n_classes) -> (H, W)."""
    ### BEGIN SOLUTION
    return features @ weights[:, c]
    ### END SOLUTION


# %%
check("5.5", class_activation_map)

# %% [markdown]
# Stuck? `hint("5.3")`, `hint("5.4")` or `hint("5.5")` give hints one at a time.
#
# ## What you have shown
#
# Global pooling is pooling with one window as big as the whole map: it reduces the height and
# width axes (1 and 2) and keeps examples and channels apart, `(N, H, W, C) -> (N, C)`. It
# shrinks a classifier head's weights by a factor `H * W`, and because it is an average, the
# class score is the mean of the class activation map plus the bias. Run `progress()` in a
# new cell to see your record.
