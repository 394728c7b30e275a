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
# # Exercises 5 — Global pooling
#
# These exercises go with [Lesson 5](../notebooks/05_global_pooling.ipynb). After them you
# can write global max pooling (<span lang="zh-Hans">全局最大池化</span>) for a whole batch, average a batch of images
# of different sizes without counting their padding, count the parameters global pooling
# saves, turn any pooling into a global one, and find where a trained network looked from
# its last feature map and its head alone.
#
# **Time:** about 40 minutes.

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
# ## Exercise 5.1 — global max pooling of a batch
#
# Lesson 5 took the maximum of one 4x4 map. Now do it for a whole batch: write
# `global_max_pool(x)` which, for `x` of shape `(N, H, W, C)`, returns the largest value of
# each channel of each example, an array of shape `(N, C)` with the input's dtype (what
# Keras's `GlobalMaxPooling2D` does). No loops needed: NumPy's reductions such as `x.max(...)`
# accept an `axis` argument, which may be a tuple of axes. On the article's example the
# result is `[[9]]`.


# %%
def global_max_pool(x):
    """Global max pooling: x of shape (N, H, W, C) -> (N, C)."""
    ### BEGIN SOLUTION
    return x.max(axis=(1, 2))
    ### END SOLUTION


# %%
check("5.1", global_max_pool)

# %% [markdown]
# ## Exercise 5.2 — global average pooling of images of different sizes
#
# Lesson 5 showed that a network with a global-average-pooling head accepts images of any
# size. To put images of *different* sizes into one batch (one array), they are padded with
# zeros at the bottom and on the right to the largest height and width, and a boolean `mask`
# of shape `(N, H, W)` says which pixels are real (`True`) and which are padding (`False`).
# Plain global average pooling would count the padding zeros as dark pixels.
#
# Write `masked_global_avg_pool(x, mask)`: for `x` `(N, H, W, C)` and `mask` `(N, H, W)`,
# return a float array `(N, C)`, the average of each channel over that image's **real**
# pixels only. Example: the article's 4x4 map padded to 5x6 (14 padding zeros) still averages
# to 4.0625, not 65 / 30.

# %%
article_padded = np.zeros((1, 5, 6, 1))
article_padded[:, :4, :4] = article
article_mask = np.zeros((1, 5, 6), dtype=bool)
article_mask[:, :4, :4] = True
print(article_padded[0, :, :, 0])
print(article_mask[0].astype(int))


# %%
def masked_global_avg_pool(x, mask):
    """Average of each channel over the real pixels: x (N, H, W, C), mask (N, H, W) -> (N, C)."""
    ### BEGIN SOLUTION
    total = (x * mask[:, :, :, None]).sum(axis=(1, 2))  # (N, C): padding counts 0
    count = mask.sum(axis=(1, 2))  # (N,): real pixels of each image
    return total / count[:, None]
    ### END SOLUTION


# %%
check("5.2", masked_global_avg_pool)

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
# ## Exercise 5.4 — any pooling, made global
#
# Lesson 5 showed that global average pooling is average pooling with one window as large as
# the map. The same holds for other windowed poolings: max, median (the middle value of a
# window), root-mean-square (the square root of the mean of the squares)...
#
# Write `make_global(pool, x)`. It receives a pooling function `pool` and a batch `x` of shape
# `(N, H, W, C)`. `pool(x, pool_size)` pools `x` with windows of `pool_size` (one number, or a
# pair `(height, width)`), stride equal to the window, no padding, and returns
# `(N, H_out, W_out, C)`. `make_global` must **call `pool`** to compute the global version of
# that pooling, shape `(N, C)`. The maps need not be square. The checker passes several
# different poolings, so computing a mean or a maximum yourself will not do.
#
# Here is `pool2d` with 2x2 average windows, turned into such a function, on the article's
# map:

# %%
from course_lib.pooling import pool2d


def average_pooling(x, pool_size):
    """Average pooling with stride = window: one example of a `pool` function."""
    return pool2d(x, pool_size, mode="avg")


print(average_pooling(article, 2)[0, :, :, 0])


# %%
def make_global(pool, x):
    """The global version of the pooling `pool`: x (N, H, W, C) -> (N, C), by calling pool."""
    ### BEGIN SOLUTION
    pooled = pool(x, (x.shape[1], x.shape[2]))  # one window: (N, 1, 1, C)
    return pooled[:, 0, 0, :]
    ### END SOLUTION


# %%
check("5.4", make_global)

# %% [markdown]
# ## Exercise 5.5 — where did the network see the runner-up?
#
# Lesson 5 trained a network whose head is global average pooling followed by a dense layer,
# and showed that the score of class `c` is the mean of its class activation map plus the
# bias, `score_c = mean(CAM_c) + b_c`, with `CAM_c[i, j] = Σ_k features[i, j, k] · weights[k, c]`.
#
# The lesson looked at the map of the class the network chose. Here you look at the class it
# *nearly* chose: the **runner-up**, the class with the second largest score. Its map shows
# where the network saw evidence for its second guess.
#
# You are given, for **one image**, only the last feature map `features` `(H, W, K)`, the dense
# layer's `weights` `(K, n_classes)` and its `bias` `(n_classes,)`: not the network. Write
# `runner_up_peak(features, weights, bias)` that returns the position `(row, col)` of the
# largest value of the class activation map **of the runner-up class**, as a tuple of two
# integers. (There are always at least two classes.)
#
# Example: with `features` of shape `(2, 3, 2)` where channel 0 is 1.0 at `(0, 0)` and channel
# 1 is 3.0 at `(1, 2)` (0 elsewhere), `weights` the identity (channel `k` votes for class `k`)
# and no bias, class 1 wins, class 0 is the runner-up, and its map peaks at `(0, 0)`.


# %%
def runner_up_peak(features, weights, bias):
    """(row, col) of the peak of the activation map of the class with the 2nd largest score."""
    ### BEGIN SOLUTION
    cams = features @ weights  # (H, W, n_classes): every class's map at once
    scores = cams.mean(axis=(0, 1)) + bias
    runner_up = int(np.argsort(scores)[-2])  # argsort: increasing order
    row, col = np.unravel_index(np.argmax(cams[:, :, runner_up]), cams.shape[:2])
    return int(row), int(col)
    ### END SOLUTION


# %%
check("5.5", runner_up_peak)

# %% [markdown]
# Stuck? `hint("5.3")`, `hint("5.4")` or `hint("5.5")` give hints one at a time.
#
# ## What you have shown
#
# Global pooling is pooling with one window as big as the whole map, for any windowed pooling:
# it reduces the height and width axes and keeps examples and channels apart,
# `(N, H, W, C) -> (N, C)`; with padded images, only the real pixels may count. It shrinks a
# classifier head's weights by a factor `H * W`, and because it is an average, the class
# score is the mean of the class activation map plus the bias, which lets you read the
# ranking of the classes and where each found its evidence, without running the network. Run `progress()` in a new
# cell to see your record.
