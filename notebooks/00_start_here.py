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
# # Lesson 0 — Start here
#
# Welcome to **Pooling, from first principles**, a hands-on course on the pooling layers
# (池化层, *pooling*) of convolutional neural networks.
#
# **After this page you can**
#
# 1. check that your machine runs the course;
# 2. find your way through the lessons and their exercises;
# 3. run an exercise check, read what it tells you, and ask for a hint.
#
# **Time:** about 10 minutes.
#
# **How to use a notebook.** Run the cells from top to bottom with **Shift+Enter**. If
# something looks odd, use *Kernel → Restart Kernel and Run All Cells*: every page of this
# course is written to run top to bottom, in seconds, on an ordinary laptop, without a GPU
# and without an internet connection.

# %% [markdown]
# ## 1. Is your machine ready?
#
# `course_lib` is the course's small Python library. Importing it also chooses how Keras runs:
# on the JAX backend, on the CPU, unless you have chosen another backend yourself (by setting
# the environment variable `KERAS_BACKEND`). `doctor()` checks everything the course needs and
# says in plain words what to do if something is missing.

# %%
import course_lib

course_lib.doctor()

# %% [markdown]
# Every line should start with ✓. If you ask for help on a forum, paste the report with the
# version numbers, which the next cell shows. (Its output differs from machine to machine, so
# it is the one cell of this page whose output the course's tests do not compare.)

# %% tags=["nbval-ignore-output"]
course_lib.doctor(show_versions=True)

# %% [markdown]
# ## 2. What the course covers
#
# | # | Lesson | You learn to |
# |---|---|---|
# | 1 | `01_pooling_principle` | say what pooling does to an `(H, W, C)` feature map, why it works on each channel on its own, why it has no weights, and where it sits in a CNN |
# | 2 | `02_output_size` | compute the output size for any window, stride (步幅) and padding (填充), the way Keras and PyTorch really do it |
# | 3 | `03_max_pooling` | write max pooling (最大池化) with loops, then fast; its backward pass |
# | 4 | `04_average_pooling` | write average pooling (平均池化); see it is a blur followed by subsampling |
# | 5 | `05_global_pooling` | use global pooling (全局池化) as a classifier head, and read a class activation map |
# | 6 | `06_tradeoffs` | **measure** what pooling buys (smaller, cheaper, partly shift-invariant) and what it costs |
# | 7 | `07_beyond` | meet the other poolings: Lp, stochastic, mixed, anti-aliased, adaptive, pyramid |
#
# Each lesson is in the `notebooks/` folder. Each lesson from 1 on has an exercise notebook
# of the same name in the `exercises/` folder; the lesson's last section, *Check yourself*,
# tells you when to open it. Open the `.ipynb` files; the `.py` file next to each lesson holds
# the same lesson as plain text, for the course's authors (JupyterLab can open it too).
#
# The course grew out of a popular beginner's article on pooling (in Chinese). Its worked
# example is our anchor, and where the article is wrong or overstated the lessons say so and
# show why: its output-size formula (lesson 2), its claim that pooling "reduces the parameters
# to learn" (lesson 1), and its claim that an object's position "does not affect the
# classification" (lesson 6).

# %% [markdown]
# ## 3. A first taste: the article's example
#
# Here is the article's 4 × 4 feature map. Pooling slides a 2 × 2 window over it in steps of 2
# and keeps one number per window: the largest (max pooling) or the mean (average pooling).
# `course_lib.pooling` works on a *batch* of maps with channels, shape `(N, H, W, C)`, so the
# single map becomes a batch of one map with one channel.

# %%
import numpy as np

from course_lib.pooling import global_pool2d, pool2d

feature_map = np.array([[2, 2, 7, 3], [9, 4, 6, 1], [8, 5, 2, 4], [3, 1, 2, 6]])
batch = feature_map[None, :, :, None]  # shape (1, 4, 4, 1)

max_pooled = pool2d(batch, pool_size=2, strides=2, mode="max")[0, :, :, 0]
avg_pooled = pool2d(batch, pool_size=2, strides=2, mode="avg")[0, :, :, 0]
print("max pooling:\n", max_pooled)
print("average pooling:\n", avg_pooled)
print("global max:", global_pool2d(batch, "max").item())
print("global average:", global_pool2d(batch, "avg").item())

# %% [markdown]
# The 4 × 4 map became 2 × 2. Each output cell summarises one window: the top-left window
# `[[2, 2], [9, 4]]` gives 9 (its largest value) or 4.25 (its mean). Global pooling keeps a
# single number for the whole map. The next cell asserts these values, so if the library ever
# changed, this page would fail its tests instead of quietly showing something else.

# %%
assert max_pooled.tolist() == [[9, 7], [8, 6]]
assert avg_pooled.tolist() == [[4.25, 4.25], [4.25, 3.5]]
assert global_pool2d(batch, "max").item() == 9
assert global_pool2d(batch, "avg").item() == 4.0625

# %% [markdown]
# ## 4. How exercises are checked
#
# Exercises ask you to write a function or compute a value, then check it:
#
# - `check("ID", answer)` runs your answer on many inputs and compares it with the course's
#   tested reference implementation. It answers with ✓, with "not attempted yet", or with ✗:
#   the input on which your answer went wrong, what it gave, what was expected and, when the
#   mistake is a common one, **why** it happens.
# - `hint("ID")` gives the next hint. Hints point the way; they never print the solution.
# - `progress()` shows every exercise: passed, failed or not attempted, with your score.
# - `reset_exercise("ID")` puts an exercise's starting code back (keeping a copy of yours).
#
# Try it on the warm-up exercise **0.1**: what does max pooling write in the **top-right**
# cell of the output above? Here is a first, wrong attempt, so that you can see what a
# failed check looks like:

# %%
from course_lib import check, hint, progress  # noqa: F401 (progress: try it yourself)

check("0.1", 4.25)

# %% [markdown]
# The check recognised the mistake: 4.25 is the *average* of that window. Ask for a hint:

# %%
hint("0.1")

# %% [markdown]
# Now the right answer, the largest of 7, 3, 6 and 1:

# %%
check("0.1", 7)

# %% [markdown]
# Your own results are saved as you go (in `.course_progress.json` in the course folder), so
# `progress()` remembers them when you come back. Run `progress()` in a new cell to see the
# table.

# %% [markdown]
# ## Summary
#
# - `course_lib.doctor()` checks your set-up; Keras runs on JAX on the CPU by default.
# - Lessons are in `notebooks/`, exercises in `exercises/`; lessons 1–7 build on each other.
# - Pooling slides a window over each channel and keeps one number per window: the article's
#   4 × 4 map gives `[[9, 7], [8, 6]]` with max pooling and `[[4.25, 4.25], [4.25, 3.5]]` with
#   average pooling.
# - `check`, `hint`, `progress` and `reset_exercise` are your tools for the exercises.
#
# ## Check yourself
#
# - Did `doctor()` print only ✓ lines? If not, follow its → advice.
# - Can you say why 4.25 was the wrong answer to exercise 0.1, and what the right one is?
# - Next: open `notebooks/01_pooling_principle.ipynb`.
