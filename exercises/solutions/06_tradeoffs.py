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
# # Exercises 6 — The trade-offs of pooling
#
# These exercises go with **Lesson 6** (`notebooks/06_tradeoffs.ipynb`). After them you can
# predict, then measure, how much of a max-pooled map survives a shift; compute how much
# smaller a pooled batch is than its input; and choose a pooling for a described situation,
# with the reason.
#
# **Time:** about 20 minutes.

# %%
from course_lib.learner import how_exercises_work

how_exercises_work()

# %%
import numpy as np

from course_lib import check, hint, progress, reset_exercise  # noqa: F401 (yours to use)
from course_lib.pooling import pool2d

x = np.array([[1, 5, 2, 0, 3, 9, 4, 1], [0, 2, 6, 1, 2, 1, 0, 7]])
print(x)
print("2x2 max pooling of x:", pool2d(x[None, :, :, None], 2)[0, :, :, 0])

# %% [markdown]
# ## Exercise 6.1 — predict, then measure
#
# The 2x8 map `x` above is max-pooled with 2x2 windows, stride 2: four output cells. Now move
# `x` one pixel to the **right**, wrapping around (`np.roll(x, 1, axis=1)`: the last column
# comes back at the front), and pool again.
#
# 1. **Predict** first, on paper: which of the four pooled cells keep their value?
# 2. **Measure**: compute both pooled maps with `pool2d(m[None, :, :, None], 2)` and the share
#    of cells that are equal (`np.isclose`, then `np.mean`).
#
# Give the share as a number between 0 and 1.

# %%
### BEGIN SOLUTION
answer_6_1 = float(
    np.mean(
        np.isclose(
            pool2d(x[None, :, :, None], 2), pool2d(np.roll(x, 1, axis=1)[None, :, :, None], 2)
        )
    )
)
### END SOLUTION

# %%
check("6.1", answer_6_1)

# %% [markdown]
# Was your prediction right? Lesson 6 showed that on a random map about a third of the cells
# survive a one-pixel shift; a particular map can do better or worse.
#
# ## Exercise 6.2 — how much smaller is the pooled batch?
#
# A convolution outputs a batch of 32 examples, each with 64x64 feature maps in 32 channels,
# in float32 (4 bytes per value). A `MaxPooling2D(2)` layer (2x2 windows, stride 2) follows it.
# How many **MiB** (mebibytes: 1 MiB = 2**20 = 1,048,576 bytes) smaller is the pooled batch
# than its input? Give a number.
#
# What this number means: it is *not* memory the pooling layer frees. While training, the
# pooling layer's input is still kept for the backward pass (lesson 3's backward pass needs
# it to know where each maximum was). What shrinks is what every *following* layer receives,
# computes on, and keeps for its own backward pass.

# %%
### BEGIN SOLUTION
answer_6_2 = (32 * 64 * 64 * 32 - 32 * 32 * 32 * 32) * 4 / 2**20  # values saved x 4 bytes
### END SOLUTION

# %%
check("6.2", answer_6_2)

# %% [markdown]
# ## Exercises 6.3 to 6.5 — choose a pooling
#
# Answer each with the letter of the best option (a string such as `"a"`). A wrong pick is
# explained; so is the right one.
#
# Each situation mixes several needs: weigh them with what lesson 6 measured, not with a
# rule of thumb alone.
#
# **6.3** A network counts the stars in night-sky photographs: each star is one or two bright
# pixels on a dark, clean background. To fit in memory, the maps must shrink to a quarter of
# their size after the first convolution block. Which downsampling suits that block best?
#
# - a: 2x2 max pooling
# - b: 2x2 average pooling
# - c: 4x4 average pooling (even less memory)
# - d: no downsampling at all, then flatten into a dense layer

# %%
### BEGIN SOLUTION
answer_6_3 = "a"
### END SOLUTION

# %%
check("6.3", answer_6_3)

# %% [markdown]
# **6.4** A network predicts a number, not a class: the fraction of a field covered by
# crops, from satellite images. Glare saturates about 2 % of the pixels, at random spots, to
# full brightness. Which downsampling suits the first block best?
#
# - a: 2x2 max pooling
# - b: 2x2 average pooling
# - c: 4x4 max pooling

# %%
### BEGIN SOLUTION
answer_6_4 = "b"
### END SOLUTION

# %%
check("6.4", answer_6_4)

# %% [markdown]
# **6.5** A shelf camera's classifier changes its answer when a product moves by a single
# pixel. The network runs on a small chip: you may change its pooling layers, but not add
# learned layers or parameters. What helps?
#
# - a: Nothing to do: max pooling already makes the network shift-invariant.
# - b: Insert a fixed `[1, 2, 1] / 4` filter between a stride-1 max and the subsampling, and
#   show the network products at many positions while training.
# - c: Replace max pooling by a larger 4x4 max pooling.
# - d: Replace each pooling layer by a learned 3x3 convolution with stride 2, as `allconv`.

# %%
### BEGIN SOLUTION
answer_6_5 = "b"
### END SOLUTION

# %%
check("6.5", answer_6_5)

# %% [markdown]
# ## What you have shown
#
# Max pooling's tolerance of shifts is partial and can be counted cell by cell; a 2x2 pooling
# hands the following layers a quarter of the activations of every channel; and the right
# pooling depends on the
# features, the noise and the budget: max for thin bright detail, average against outliers,
# blur before subsampling for steadier answers under shifts at no cost in parameters. Run `progress()` in a new cell to see your
# record.
