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
# # Lesson 3 — Max pooling, forward and backward
#
# **Max pooling** (<span lang="zh-Hans">最大池化</span>) replaces every window of a
# [feature map](00_start_here.ipynb#nn-conv2d) (the grid of numbers a convolution layer
# outputs) by the largest value in it. In this lesson you write it yourself, twice, for one
# map, and then work out how a [gradient](00_start_here.ipynb#nn-gradient) flows back through
# it during training.
#
# By the end you will be able to:
#
# 1. write max pooling of one map as plain loops, then as a fast NumPy version, and check
#    both against Keras's `MaxPooling2D`;
# 2. explain why the fast version is fast;
# 3. compute the output size of *overlapping* pooling (3x3 windows, stride 2);
# 4. say why padding in max pooling must act as −∞ and not as 0;
# 5. compute the backward pass by hand: which cell gets the gradient, what happens on ties
#    and where windows overlap, and check it against a numerical gradient (lesson 0's finite
#    difference) and against JAX;
# 6. say what max pooling keeps from an image, and what a few bright outliers do to it.
#
# **Time:** about 45 minutes, plus about 60 for the exercises. The whole notebook runs in
# about 10 seconds on a 2-core CPU. You need lessons 1 and 2 (windows, stride
# <span lang="zh-Hans">步幅</span>, padding <span lang="zh-Hans">填充</span>, output size), and
# lesson 0's part "Just enough neural network" for the words linked here.

# %%
import time

import matplotlib.pyplot as plt
import numpy as np

from course_lib.frameworks import import_keras
from course_lib.lab import data
from course_lib.pooling import output_size, pool2d, pool2d_backward
from course_lib.viz import plots

# Keras, the deep-learning library we compare against (section 6 says what "backend" means).
keras = import_keras()
print("Keras backend:", keras.backend.backend())

# %% [markdown]
# ## 1. The definition, on the article's example
#
# Our source article uses this 4x4 map with 2x2 windows and stride 2. Each coloured window
# becomes one output cell: the largest of its four numbers.

# %%
article = np.array([[2, 2, 7, 3], [9, 4, 6, 1], [8, 5, 2, 4], [3, 1, 2, 6]])
fig = plots.plot_pooling(article, pool_size=2, modes=("max",))
plt.show()

# %% [markdown]
# In a network the input is a *batch* of maps with several
# [*channels*](00_start_here.ipynb#nn-conv2d): an array of shape `(N, H, W, C)` (examples,
# height, width, channels), which is Keras's default layout. Max pooling treats every example
# and every channel on its own: it never mixes channels, and it has no
# [weights](00_start_here.ipynb#nn-weights) to learn. So everything there is to understand
# happens on **one 2-D map**, and that is what this lesson writes. (Pooling a whole batch is
# then a matter of doing the same for every example and every channel: exercise 3.1.)
#
# ## 2. Version 1: plain loops
#
# The first version reads exactly like the definition: write the obvious loops first, then
# make them fast. For every output cell `(i, j)`: find the window's top-left corner
# `(i*s, j*s)`, and take the maximum of the `f x f` cells from there. No padding here
# (`"valid"`): a window must fit inside the map.


# %%
def max_pool_loops(m, f, s):
    """Max pooling of one 2-D map m (H, W), window f x f, stride s, no padding."""
    height, width = m.shape
    h_out = (height - f) // s + 1  # lesson 2's formula with p = 0
    w_out = (width - f) // s + 1
    out = np.empty((h_out, w_out), dtype=m.dtype)
    for i in range(h_out):
        for j in range(w_out):
            window = m[i * s : i * s + f, j * s : j * s + f]
            out[i, j] = window.max()
    return out


print(max_pool_loops(article, f=2, s=2))

# %% [markdown]
# That is the article's result `[[9, 7], [8, 6]]`. An `assert` makes the notebook stop if it
# ever changes:

# %%
assert max_pool_loops(article, 2, 2).tolist() == [[9, 7], [8, 6]]

# %% [markdown]
# <details><summary><b>Further reading</b></summary>
#
# Writing a layer as plain loops first, then vectorising it, is how Stanford's course
# CS231n (*Convolutional Neural Networks for Visual Recognition*) teaches layers in its
# assignments.
#
# </details>

# %% [markdown]
# ## 3. Version 2: loop over the window offsets instead
#
# The loops above run `H_out * W_out` times (once per output cell), and every pass does very
# little work. Turn the problem around. Output cell `(i, j)` looks at input cells
# `(i*s + di, j*s + dj)` for the `f*f` offsets `(di, dj)` inside a window. **Fix one offset**
# and collect that cell from *every* window at once: it is the strided slice `m[di::s, dj::s]`
# (every `s`-th row from row `di`, every `s`-th column from column `dj`, cut to the output's
# size). For the article's map there are four offsets, so four small maps:

# %%
for di in range(2):
    for dj in range(2):
        print(f"offset ({di}, {dj}):", article[di::2, dj::2].tolist())

# %% [markdown]
# The max pooling output is the element-wise maximum of these four maps: `max(2, 2, 9, 4) =
# 9` in the top-left, and so on.
#
# One detail before the code. On the 4x4 map every slice has exactly as many rows as there
# are windows. When the windows do not cover the whole map, a slice with only a start and a
# step (`m[di::s]`) runs to the end of the map and can hold one row too many. A 9x9 map with
# f = s = 2 has 4 windows per axis (the last row and column are in no window), yet:

# %%
m9 = np.arange(81).reshape(9, 9)
print("windows per axis:", output_size(9, 2, 2))
print("m9[0::2] has", m9[0::2].shape[0], "rows; m9[1::2] has", m9[1::2].shape[0])
assert (output_size(9, 2, 2), m9[0::2].shape[0], m9[1::2].shape[0]) == (4, 5, 4)

# %% [markdown]
# So each slice gets an end: just after the row of its last window, `di + (h_out - 1) * s +
# 1` (and the same for the columns). Then every slice has exactly `h_out` rows. In code, the
# Python loop now runs only `f*f` times, and each `np.maximum` processes all the windows at
# once in compiled code:


# %%
def max_pool_offsets(m, f, s):
    """Same result as max_pool_loops, with a Python loop over the f*f window offsets only."""
    height, width = m.shape
    h_out = (height - f) // s + 1
    w_out = (width - f) // s + 1
    out = None
    for di in range(f):
        for dj in range(f):
            # The cell at offset (di, dj) of every window: rows di, di+s, ..., h_out of them.
            cells = m[di : di + (h_out - 1) * s + 1 : s, dj : dj + (w_out - 1) * s + 1 : s]
            # A slice is a view of m: copy the first one so that the result is a new array.
            out = cells.copy() if out is None else np.maximum(out, cells)
    return out


assert max_pool_offsets(article, 2, 2).tolist() == [[9, 7], [8, 6]]

# %% [markdown]
# Now the real check: both versions against Keras's layer and against the course's reference
# `course_lib.pooling.pool2d`, for non-overlapping *and* overlapping windows, and for windows
# that leave part of a 9x9 map out. Keras's layer takes a batch `(N, H, W, C)`, so we give it
# our one random map as a batch of 1 example with 1 channel, `map9[None, :, :, None]`, and
# take its one output map back with `[0, :, :, 0]`.

# %%
rng = np.random.default_rng(0)
map9 = rng.normal(size=(9, 9)).astype(np.float32)

for f, s in [(2, 2), (3, 2), (3, 3), (2, 1)]:
    layer = keras.layers.MaxPooling2D(pool_size=f, strides=s)
    keras_map = np.asarray(layer(map9[None, :, :, None]))[0, :, :, 0]
    np.testing.assert_array_equal(pool2d(map9[None, :, :, None], f, s)[0, :, :, 0], keras_map)
    np.testing.assert_array_equal(max_pool_loops(map9, f, s), keras_map)
    np.testing.assert_array_equal(max_pool_offsets(map9, f, s), keras_map)
    print(f"f={f}, s={s}: output {keras_map.shape}, loops == offsets == Keras == course_lib")

# %% [markdown]
# The results are *exactly* equal (not just close): a maximum only picks one of the input
# numbers, so there is no rounding to disagree about.
#
# ### How much faster?
#
# Time both on one map of 256x256, with 2x2 windows and stride 2. Timings depend on the
# machine and on what else runs, so this cell's output is not part of the notebook's
# automatic checks (it is tagged `nbval-ignore-output`). Expect the offset version to be
# hundreds to thousands of times faster.

# %% tags=["nbval-ignore-output"]
big = rng.normal(size=(256, 256)).astype(np.float32)


def best_time(fn, repeats):
    """Shortest of a few runs: the least disturbed by other programs."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


t_loops = best_time(lambda: max_pool_loops(big, 2, 2), 2)
t_offsets = best_time(lambda: max_pool_offsets(big, 2, 2), 20)
print(f"loops:   {t_loops * 1e6:10,.0f} µs")
print(f"offsets: {t_offsets * 1e6:10,.0f} µs   ({t_loops / t_offsets:,.0f} times faster)")

# %% [markdown]
# Why? Count the Python-level steps:

# %%
h_out = output_size(256, 2, 2)
loop_steps = h_out * h_out  # H_out * W_out: one pass per output cell
offset_steps = 2 * 2  # f * f
print(f"loops:   {loop_steps} passes through the Python loop body")
print(f"offsets: {offset_steps} passes, each one np.maximum over {loop_steps} numbers")
assert (loop_steps, offset_steps) == (16384, 4)

# %% [markdown]
# Each pass through a Python loop costs a microsecond or more of interpreter work (look up
# names, create objects, call `.max()` on a tiny array), however little arithmetic it does.
# The offset version pays that overhead 4 times instead of the 16384 times printed above;
# the comparisons themselves run in NumPy's compiled loops. The reference `pool2d` in
# `course_lib` is built on the same trick, for whole batches, with refinements: it handles
# padding; it takes the **column maxima** of the windows first (for each column of a window,
# the largest of its `f` cells) and then the maximum across those columns, which is `f + f`
# array operations instead of `f * f` (the maximum of a window is the maximum of its column
# maxima); and it splits large batches between threads.
#
# ## 4. Overlapping pooling: 3x3 windows, stride 2
#
# When the stride is smaller than the window, neighbouring windows share cells. A classic
# network, AlexNet, pooled this way, with 3x3 windows and stride 2 (see Further reading
# below). The output size follows lesson 2's rule `floor((n + 2p − f) / s) + 1`; AlexNet's
# three pooling layers received maps of 55, 27 and 13 cells per side:

# %%
for n in (55, 27, 13):
    print(f"n = {n:2d} -> floor(({n} - 3) / 2) + 1 = {output_size(n, 3, 2)}")
assert [output_size(n, 3, 2) for n in (55, 27, 13)] == [27, 13, 6]

# %% [markdown]
# Along one axis of a 9-cell map, here is where the windows fall. Cells 2, 4 and 6 belong to
# two windows each, the others to one; in 2-D a cell can therefore belong to four windows.

# %%
ax = plots.plot_axis_windows(9, 3, 2)
plt.show()

# %% [markdown]
# A consequence you can see: one large value shared by several windows shows up in several
# outputs. Put a single 9 in the middle of a 5x5 map of ones:

# %%
spot = np.ones((5, 5))
spot[2, 2] = 9
print(pool2d(spot[None, :, :, None], 3, 2)[0, :, :, 0])

# %% [markdown]
# All four outputs are 9: the centre cell lies in all four 3x3 windows. Keep this picture in
# mind for the backward pass.

# %% [markdown]
# <details><summary><b>Further reading</b></summary>
#
# AlexNet (Krizhevsky, Sutskever and Hinton, *ImageNet Classification with Deep
# Convolutional Neural Networks*, NIPS 2012) won the ImageNet image-classification
# competition of 2012 and started the wave of deep convolutional networks. Its authors
# report that overlapping pooling (3x3, stride 2) lowered their error rates a little
# compared with non-overlapping 2x2 pooling.
#
# </details>

# %% [markdown]
# ## 5. Padding in max pooling acts as −∞, not as 0
#
# With padding, some windows hang over the edge of the map. What value do the missing cells
# have? For max pooling the answer must be: a value that can **never win**, that is −∞.
# PyTorch pads max pooling with −∞, and TensorFlow/Keras simply skip the padded cells, which
# gives the same result. It is tempting to think the padding is zeros, as in a
# [convolution](00_start_here.ipynb#nn-conv2d) layer (which usually pads with zeros); that is
# a misconception, and here is what it would break. Take a map whose values are all negative
# (common before a [ReLU](00_start_here.ipynb#nn-relu), the function `max(0, v)` that many
# networks apply after a convolution, or after any layer that can output negatives):

# %%
negative = -np.arange(1, 10, dtype=np.float32).reshape(3, 3)  # -1 ... -9
print(negative)

# %% [markdown]
# Pool it with 2x2 windows, stride 2 and `padding="same"`: for a 3x3 map Keras adds one row
# at the bottom and one column on the right, so that `ceil(3 / 2) = 2` windows fit along each
# axis. Compare Keras, the reference (−∞ padding), and what zero padding would give:

# %%
neg_batch = negative[None, :, :, None]
keras_same = np.asarray(keras.layers.MaxPooling2D(2, 2, padding="same")(neg_batch))[0, :, :, 0]
reference = pool2d(neg_batch, 2, 2, padding="same")[0, :, :, 0]
zero_padded = np.pad(negative, ((0, 1), (0, 1)), constant_values=0)  # the wrong idea
with_zeros = pool2d(zero_padded[None, :, :, None], 2, 2)[0, :, :, 0]

np.testing.assert_array_equal(keras_same, reference)
print("Keras / course_lib:\n", keras_same)
print("if the padding were zeros:\n", with_zeros)

# %% [markdown]
# With zeros, every window that touches the padding reports 0: a value that appears nowhere
# in the input. The feature "how strongly does this region respond" would be replaced by a
# constant made up at the border. With −∞ each border window reports its largest *real*
# value. (For maps that are never negative, e.g. right after a ReLU, both give the same
# numbers.)
#
# ## 6. The backward pass: the gradient goes to the maximum only
#
# [Training](00_start_here.ipynb#nn-training) a network means adjusting its weights so that
# its [loss](00_start_here.ipynb#nn-loss), a single number measuring how wrong its answers
# are, goes down. For that it needs [gradients](00_start_here.ipynb#nn-gradient): for every
# number in the network, how much the loss changes when that number changes by a tiny
# amount. They are computed layer by layer from the loss back to the input, the
# [backward pass](00_start_here.ipynb#nn-backprop). A pooling layer has no weights, but it
# must pass gradients on to the layers before it. The course's names, as in lesson 0:
# `dout` is the gradient arriving from the layer after the pooling (one number per output
# cell, for the output cell's value), and `dx` is what the pooling layer must compute and
# pass back (one number per input cell).
#
# Look at one window. Its output is `y = max(x1, x2, x3, x4)`. If `x2` is the largest, then
# for small changes `y = x2`: nudging `x2` moves `y` by the same amount, nudging any other
# cell does not move `y` at all. So
#
# * the cell that holds the window's maximum receives `dout` for that window,
# * every other cell of the window receives **0**.
#
# The position of each window's maximum is called its **switch**: the forward pass (computing
# the output) finds it, the backward pass routes the gradient through it. A common mistake is
# to think the gradient goes to every cell of the window (that is average pooling, next
# lesson). Here is the mask for the article's example, with `dout = 1` everywhere:

# %%
batch = article[None, :, :, None]  # pool2d_backward takes a batch: 1 example, 1 channel
dx = pool2d_backward(np.ones((1, 2, 2, 1)), batch, 2, 2)[0, :, :, 0]
print(dx)

# %% [markdown]
# In a picture: the input with its four windows outlined, and the cells that receive the
# gradient filled in yellow.

# %%
mask_colors = [["#ffd54f" if dx[i, j] else None for j in range(4)] for i in range(4)]
fig, axes = plt.subplots(1, 2, figsize=(7, 3.4))
plots.draw_grid(
    article, axes[0], cell_colors=mask_colors, title="input; yellow = gets the gradient"
)
for k, ((r0, r1), (c0, c1)) in enumerate(plots.pooling_windows((4, 4), 2)):
    outline = plt.Rectangle(
        (c0 - 0.5, r0 - 0.5), c1 - c0, r1 - r0, fill=False, edgecolor=plots.window_color(k), lw=4
    )
    axes[0].add_patch(outline)  # only the window's frame: the yellow cells stay yellow
plots.draw_grid(dx, axes[1], fmt="{:g}", title="dx for dout = 1")
plt.show()

# %% [markdown]
# Exactly one cell per window, and 12 of the 16 cells get nothing. With a general `dout`, the
# switch receives that window's own `dout` value. Here is how to compute that yourself, for
# one map with 2x2 windows and stride 2. Two NumPy functions find the switch of a window:
# `np.argmax(window)` returns the position of the largest value as if the window were read
# row by row into one flat list (0, 1, 2 or 3 here), and `np.unravel_index(k, window.shape)`
# turns such a flat position `k` back into a (row, column) pair inside the window:

# %%
print(np.argmax(np.array([[2, 2], [9, 4]])))  # the 9 is the third value read row by row
print(np.unravel_index(2, (2, 2)))  # flat position 2 = row 1, column 0
assert np.argmax(np.array([[2, 2], [9, 4]])) == 2 and np.unravel_index(2, (2, 2)) == (1, 0)

dout_map = np.array([[0.1, 0.2], [0.3, 0.4]])  # one dout value per window (output cell)
dx_map = np.zeros(article.shape)
for i in range(2):
    for j in range(2):
        window = article[2 * i : 2 * i + 2, 2 * j : 2 * j + 2]
        di, dj = np.unravel_index(np.argmax(window), window.shape)  # the switch
        dx_map[2 * i + di, 2 * j + dj] += dout_map[i, j]  # +=: see "Overlapping windows"
print(dx_map)
reference_dx = pool2d_backward(dout_map[None, :, :, None], batch, 2, 2)[0, :, :, 0]
np.testing.assert_array_equal(dx_map, reference_dx)  # the same as course_lib's

# %% [markdown]
# <details><summary><b>Further reading</b></summary>
#
# The word "switches" comes from Zeiler and Fergus, *Visualizing and Understanding
# Convolutional Networks* (ECCV 2014): they record where each window's maximum was in order
# to run a network backwards and see which input pixels made a feature respond.
#
# </details>

# %% [markdown]
# ### Ties: a rule is needed
#
# If two cells of a window hold the same largest value, the rule above does not say which of
# them "is" the maximum (nudging either one up moves the output), so the gradient is not
# defined there and a library has to choose. `course_lib.pooling.pool2d_backward`, like PyTorch,
# gives the whole gradient to the **first** maximal cell in row-major order (reading the
# window row by row, left to right). It does not split it; `np.argmax` in the loop above
# makes the same choice, since it returns the first largest value. JAX, the library Keras
# runs on here (its *backend*), can differentiate the Keras layer for us (`jax.grad`, more
# on it below). We ask it for the gradient of the sum of the layer's outputs: that sum
# changes by 1 when any output changes by 1, so it means `dout = 1` everywhere. On this
# example JAX makes the same choice:

# %%
import jax
import jax.numpy as jnp

tie = np.array([[5.0, 5.0], [1.0, 5.0]])[None, :, :, None]
ours = pool2d_backward(np.ones((1, 1, 1, 1)), tie, 2)[0, :, :, 0]
pool_layer = keras.layers.MaxPooling2D(2, 2)
theirs = np.asarray(jax.grad(lambda a: jnp.sum(pool_layer(a)))(jnp.asarray(tie)))[0, :, :, 0]
print("course_lib:\n", ours)
print("jax.grad through keras.layers.MaxPooling2D:\n", theirs)
assert ours.sum() == 1.0  # the gradient is not copied to every tied cell
np.testing.assert_array_equal(ours, theirs)  # the same cell as JAX

# %% [markdown]
# Ties are rare with real-valued activations (the numbers a layer outputs), but frequent with
# ReLU outputs (many exact zeros) and with images of integers, so a test of a max-pool
# backward pass should include them.
#
# ### Overlapping windows add up
#
# Back to the 5x5 map with a 9 in the middle and 3x3 windows, stride 2. The centre cell is
# the switch of all four windows, so it receives all four gradients:

# %%
print(pool2d_backward(np.ones((1, 2, 2, 1)), spot[None, :, :, None], 3, 2)[0, :, :, 0])

# %% [markdown]
# A cell's gradient is the **sum** over every window whose maximum it is. That is the
# [chain rule](00_start_here.ipynb#nn-backprop), extended to several paths: when a number
# influences the loss along several paths, its gradient is the sum of what comes back along
# each path. The smallest example: `L = 2x + 3x` reaches `L` along two paths, one worth 2
# and one worth 3, so `dL/dx = 2 + 3 = 5`. A finite difference agrees:

# %%
x0, step_x = 1.5, 1e-6
slope = ((2 * (x0 + step_x) + 3 * (x0 + step_x)) - (2 * x0 + 3 * x0)) / step_x
print(f"finite difference: {slope:.4f}")
assert abs(slope - (2 + 3)) < 1e-6

# %% [markdown]
# Here the centre cell influences the loss along four paths, one through each output.
#
# ### Check 1: against a numerical gradient
#
# The definition of a gradient (how much the loss changes when one input changes by a tiny
# amount) gives an independent check: a *numerical gradient*, lesson 0's
# [finite difference](00_start_here.ipynb#nn-gradient) taken for every input cell. Take as
# loss `L(x) = sum(dout * maxpool(x))`, a stand-in for a real network's loss. It is built so
# that the gradient arriving at the pooling's output is exactly `dout`: `L` is each output
# cell times its `dout` value, all added up, so raising one output cell by a tiny amount
# raises `L` by `dout` times that amount. Then the gradient with respect to `x` is exactly
# `pool2d_backward(dout, x)`.
# Nudge one input cell by `±h` and measure how `L` changes:
# `(L(x + h) − L(x − h)) / (2h)`. We use float64 and values far apart, so that a nudge never
# changes which cell is the maximum.

# %%
rng = np.random.default_rng(1)
x64 = rng.permutation(np.arange(2 * 7 * 7 * 2, dtype=np.float64)).reshape(2, 7, 7, 2)
dout64 = rng.normal(size=pool2d(x64, 3, 2).shape)


def loss(x_):
    return np.sum(dout64 * pool2d(x_, 3, 2))


h = 1e-3
numeric = np.zeros_like(x64)
for index in np.ndindex(x64.shape):
    step = np.zeros_like(x64)
    step[index] = h
    numeric[index] = (loss(x64 + step) - loss(x64 - step)) / (2 * h)

analytic = pool2d_backward(dout64, x64, 3, 2)
np.testing.assert_allclose(analytic, numeric, rtol=0, atol=1e-8)
print("numerical and analytic gradients agree to within 1e-8 in all", x64.size, "cells")

# %% [markdown]
# ### Check 2: against `jax.grad` through the Keras layer
#
# JAX can differentiate any function built from its operations, including a Keras layer
# running on the JAX backend. We call `keras.layers.MaxPooling2D` on a JAX array inside a
# function and ask `jax.grad` for its gradient:

# %%
layer = keras.layers.MaxPooling2D(pool_size=3, strides=2)
x32 = jnp.asarray(x64, dtype=jnp.float32)
dout32 = jnp.asarray(dout64, dtype=jnp.float32)


def keras_loss(x_):
    return jnp.sum(dout32 * layer(x_))


jax_dx = np.asarray(jax.grad(keras_loss)(x32))
np.testing.assert_allclose(jax_dx, analytic, rtol=1e-6, atol=1e-6)
print("jax.grad through Keras == course_lib.pool2d_backward:", jax_dx.shape)

# %% [markdown]
# ## 7. What max pooling keeps
#
# The article says max pooling keeps the "most prominent features", such as edges. Let's see
# it on a photograph that ships with matplotlib (no download needed). First an *edge map*:
# how much the brightness changes from one pixel to the next, a crude version of what the
# filters of a network's first [convolution layer](00_start_here.ipynb#nn-conv2d) learn to
# detect.

# %%
photo = data.sample_photo(gray=True)  # (600, 512), floats in [0, 1]
edges = np.zeros_like(photo)
edges[:, :-1] += np.abs(np.diff(photo, axis=1))  # change to the right neighbour
edges[:-1, :] += np.abs(np.diff(photo, axis=0))  # change to the neighbour below
edge_batch = edges[None, :, :, None]

max8 = pool2d(edge_batch, 8)[0, :, :, 0]  # (75, 64)
avg8 = pool2d(edge_batch, 8, mode="avg")[0, :, :, 0]
fig = plots.show_images([photo], ["photo (600x512)"], size=3.5)
plt.show()

# The face only, so that every pixel of the edge map gets a pixel on screen (the full 600x512
# map squeezed into a small panel would lose its thin edges to the screen's resampling).
# Rows 176-343 and columns 160-319 are whole 8x8 windows: rows 22-42, columns 20-39 pooled.
face_edges, face_max, face_avg = edges[176:344, 160:320], max8[22:43, 20:40], avg8[22:43, 20:40]
fig = plots.show_images(
    [face_edges, face_max, face_avg],
    ["edge map, face (168x160)", "max-pooled 8x8 (21x20)", "average-pooled 8x8 (21x20)"],
    vmin=0,
    vmax=float(face_max.max()),
    size=3.2,
)
plt.show()

# %% [markdown]
# Same scale in all three edge panels. The max-pooled map keeps the strongest edge of each
# 8x8 window at full strength (weaker edges in the same window are lost): a window reports
# "there is a strong edge somewhere in here". Averaging dilutes a
# one-pixel-wide edge with the flat pixels around it. In numbers:

# %%
print(f"strongest edge, before pooling:    {edges.max():.3f}")
print(f"strongest edge, max-pooled:        {max8.max():.3f}")
print(f"strongest edge, average-pooled:    {avg8.max():.3f}")
assert max8.max() == edges.max()

# %% [markdown]
# ### The price: a single bright outlier wins its window
#
# The max listens to *one* cell per window. So does noise. Sprinkle "salt" on the photograph:
# 1 % of the pixels set to pure white, as from a faulty sensor. Then pool 4x4 windows with max
# and with average, and count how many output cells moved by more than 0.1 because of the
# noise.

# %%
fraction = 0.01
salty = data.salt_noise(photo, fraction, seed=0)


def pooled(img, mode):
    return pool2d(img[None, :, :, None], 4, mode=mode)[0, :, :, 0]


changed = {}
for mode in ("max", "avg"):
    changed[mode] = (np.abs(pooled(salty, mode) - pooled(photo, mode)) > 0.1).mean()
    print(f"{mode}: {changed[mode]:.1%} of the pooled cells moved by more than 0.1")
p_window = 1 - (1 - fraction) ** 16  # 1 - P(none of its 16 pixels is salt)
print(f"chance that a 4x4 window holds a salt pixel: {p_window:.1%}")
assert 0.12 < changed["max"] < p_window  # about one in seven, slightly below p_window
assert changed["avg"] < 0.01  # few: under 1 %

# %%
crop = (slice(180, 340), slice(160, 320))  # the face
fig = plots.show_images(
    [salty[crop], pooled(salty, "max")[45:85, 40:80], pooled(salty, "avg")[45:85, 40:80]],
    ["1% salt (detail)", "max-pooled 4x4", "average-pooled 4x4"],
    vmin=0,
    vmax=1,
)
plt.show()

# %% [markdown]
# Corrupting 1 % of the pixels changed about one max-pooled cell in seven: every window that
# contains at least one white pixel now reports white. (Slightly fewer than the probability
# above, because a window whose brightest pixel was already nearly white barely moves.) In
# the average each outlier is only one sixteenth of its window, so few cells (under 1 %)
# move by more than 0.1. Max pooling amplifies isolated extremes; average pooling dilutes them.
#
# ## Summary
#
# * Max pooling keeps the largest value of each window, per example and per channel. It has
#   no weights.
# * Plain loops make the definition clear; looping over the `f*f` window offsets with strided
#   slices gives identical results hundreds to thousands of times faster, because the Python
#   loop runs `f*f` times and NumPy does the rest in compiled code.
# * Overlapping pooling (3x3, stride 2) follows the same size rule:
#   `floor((n + 2p − f) / s) + 1`, e.g. 55 → 27, 27 → 13 and 13 → 6 at AlexNet's three
#   pooling layers.
# * Padding in max pooling acts as −∞ (PyTorch) or is skipped (Keras); zeros would invent
#   values on negative maps.
# * Backward: each window's gradient goes to its maximum (the switch) and nowhere else. Ties
#   go to the first maximum in row-major order (`course_lib`, PyTorch). Where windows overlap,
#   the gradients add up. We checked this numerically and against `jax.grad` through Keras.
# * Max pooling keeps strong, thin responses such as edges, and by the same mechanism lets a
#   few bright outliers take over whole windows.
#
# ## Check yourself
#
# Open [`exercises/ex03_max_pooling.ipynb`](../exercises/ex03_max_pooling.ipynb) and try,
# without looking back:
#
# * **3.1** max-pool a whole `(N, H, W, C)` batch with a stride (the lesson pooled one map);
# * **3.2** vectorise it the separable way: first reduce over the row offsets `di` (giving
#   column maxima), then over the column offsets `dj`;
# * **3.3** compute the backward mask, ties included;
# * **3.4** pool a small matrix by hand and enter the numbers;
# * **3.5** max-pool with Keras's `same` padding, where padded cells never win.
#
# If 3.3 gives every cell of a window a gradient, reread section 6.
