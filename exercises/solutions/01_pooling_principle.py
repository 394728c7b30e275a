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
# # Exercises 1 — What a pooling layer does
#
# These exercises go with **Lesson 1** (`notebooks/01_pooling_principle.ipynb`). After them you
# can predict the shape of a pooled feature map, count what pooling saves the layers after it
# (it has no parameters of its own), and write 2x2 max pooling (<span lang="zh-Hans">最大池化</span>) of one map with loops.
#
# **Time:** about 15 minutes.

# %%
from course_lib.learner import how_exercises_work

how_exercises_work()

# %%
import numpy as np

from course_lib import check, hint, progress, reset_exercise  # noqa: F401 (yours to use)

# %% [markdown]
# ## Exercise 1.1 — predict the output shapes
#
# Each line describes one input and one Keras pooling layer (no
# [padding](../notebooks/00_start_here.ipynb#nn-padding), `padding="valid"`, and no stride
# given, so the default stride). The first three inputs are single feature maps of shape
# `(H, W, C)`, pooled as the layer pools each map of a batch (Keras itself needs a batch axis in
# front); the last is a batch of 16 examples, `(N, H, W, C)`.
# Predict the shape of each output, in the same form as its input (three numbers for a map, four
# for the batch), without running Keras:
#
# 1. a `(28, 28, 8)` map, `MaxPooling2D(pool_size=2)`
# 2. a `(32, 32, 3)` map, `MaxPooling2D(pool_size=4)`
# 3. a `(7, 7, 64)` map, `AveragePooling2D(pool_size=2)`
# 4. a `(16, 9, 9, 5)` batch, `MaxPooling2D(pool_size=3)`
#
# Answer with a list of the four tuples, in this order, e.g. `[(1, 2, 3), ...]`. (Strides other
# than the pool size come in lesson 2.)

# %%
### BEGIN SOLUTION
answer_1_1 = [(14, 14, 8), (8, 8, 3), (3, 3, 64), (16, 3, 3, 5)]
### END SOLUTION

# %%
check("1.1", answer_1_1)

# %% [markdown]
# ## Exercise 1.2 — what pooling saves the layers after it
#
# A network ends with a `(24, 24, 32)` feature map, then `Flatten()`, then `Dense(64)`. Between
# the feature map and `Flatten` we put 0, 1 or 2 `MaxPooling2D(pool_size=2)` layers.
#
# Give the number of parameters of the `Dense` layer (weights and biases) in each of the three
# networks, as a list `[with 0 poolings, with 1, with 2]`. Compute it with Python arithmetic,
# not by building the models.

# %%
### BEGIN SOLUTION
answer_1_2 = [24 * 24 * 32 * 64 + 64, 12 * 12 * 32 * 64 + 64, 6 * 6 * 32 * 64 + 64]
### END SOLUTION

# %%
check("1.2", answer_1_2)

# %% [markdown]
# ## Exercise 1.3 — max pooling of one map, with loops
#
# Write `max_pool_2x2(x)`:
#
# - `x` is a 2-D NumPy array of shape `(H, W)`: one channel of one feature map. Any dtype, any
#   values (negative too).
# - Windows are 2x2 and move by a stride of 2, without padding: when `H` or `W` is odd, the
#   last row or column fits in no window and is left out.
# - Return a **new** array of shape `(H // 2, W // 2)` with `x`'s dtype, where `out[i, j]` is
#   the largest value of the window whose top-left cell is `x[2 * i, 2 * j]`.
#
# Use plain `for` loops over the output cells. On the article's example,
# `max_pool_2x2(article)` is `[[9, 7], [8, 6]]`.

# %%
article = np.array([[2, 2, 7, 3], [9, 4, 6, 1], [8, 5, 2, 4], [3, 1, 2, 6]])


def max_pool_2x2(x):
    """2x2 max pooling with stride 2 of a 2-D map x, shape (H, W)."""
    ### BEGIN SOLUTION
    out = np.zeros((x.shape[0] // 2, x.shape[1] // 2), dtype=x.dtype)
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = x[2 * i : 2 * i + 2, 2 * j : 2 * j + 2].max()
    return out
    ### END SOLUTION


# %%
check("1.3", max_pool_2x2)

# %% [markdown]
# ## What you have shown
#
# When all three checks pass you can say what pooling does to an `(H, W, C)` map or an
# `(N, H, W, C)` batch: with the default stride the windows sit side by side and must fit, so
# the height and width shrink by the pool size, rounding down; the channels and the examples stay
# as they are. Pooling has no parameters; it divides the weights of a `Dense` layer after it by 4
# for each 2x2 pooling. And you have written the loop that every pooling layer runs.
