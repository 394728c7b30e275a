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
# # Lesson 4 — Average pooling: a fixed blur, then a subsampling
#
# **Average pooling** (<span lang="zh-Hans">平均池化</span>) replaces every window of a
# feature map by the mean of its values. It looks like a small change from max pooling, but
# it behaves very differently: it is a *linear* filter (each output is a weighted sum of
# inputs, with weights that never change), in fact a
# [convolution](00_start_here.ipynb#nn-conv2d) with fixed weights.
#
# By the end you will be able to:
#
# 1. write average pooling of one map with loops and vectorised (with a few whole-array NumPy
#    operations instead of a Python loop per output cell), and check it against Keras's
#    `AveragePooling2D`;
# 2. show that average pooling *is* a per-channel convolution with a constant `1/f²` kernel
#    and a stride;
# 3. explain what that means for images: smoothing (a low-pass filter), and why it suppresses
#    the false patterns (aliasing) that plain subsampling creates;
# 4. predict the numbers at the border when there is padding: Keras and PyTorch divide by
#    different counts;
# 5. compute the backward pass, which spreads the gradient evenly, and check it numerically.
#
# **Time:** about 40 minutes, plus about 50 for the exercises. You need lesson 3 (max pooling,
# the offset trick and the backward pass), and lesson 0's part "Just enough neural network"
# for the words linked here.

# %%
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import to_rgba

from course_lib.frameworks import import_keras
from course_lib.lab import data
from course_lib.pooling import pool2d, pool2d_backward
from course_lib.viz import plots

# Keras, the deep-learning library we compare against, as in lesson 3.
keras = import_keras()
print("Keras backend:", keras.backend.backend())

# %% [markdown]
# ## 1. The definition, on the article's example
#
# Same 4x4 map, 2x2 windows, stride 2; now each window gives the mean of its four numbers.

# %%
article = np.array([[2, 2, 7, 3], [9, 4, 6, 1], [8, 5, 2, 4], [3, 1, 2, 6]])
fig = plots.plot_pooling(article, pool_size=2, modes=("avg",))
plt.show()

# %% [markdown]
# For example the top-left window: `(2 + 2 + 9 + 4) / 4 = 4.25`.
#
# ## 2. Loops, then offsets
#
# As in lesson 3, we write the pooling of **one 2-D map**: a layer does the same for every
# example and every channel of its batch. The loop version is lesson 3's with `.max()`
# replaced by `.mean()`:


# %%
def avg_pool_loops(m, f, s):
    """Average pooling of one 2-D map m (H, W), window f x f, stride s, no padding."""
    height, width = m.shape
    h_out = (height - f) // s + 1
    w_out = (width - f) // s + 1
    out = np.empty((h_out, w_out), dtype=np.float64)  # means are fractions: floats
    for i in range(h_out):
        for j in range(w_out):
            out[i, j] = m[i * s : i * s + f, j * s : j * s + f].mean()
    return out


print(avg_pool_loops(article, 2, 2))
assert avg_pool_loops(article, 2, 2).tolist() == [[4.25, 4.25], [4.25, 3.5]]

# %% [markdown]
# The vectorised version uses lesson 3's offset trick: one strided slice per window offset,
# but this time we *add* the slices and divide by `f*f` at the end.


# %%
def avg_pool_offsets(m, f, s):
    """Same result as avg_pool_loops: sum the f*f strided slices, divide by f*f."""
    height, width = m.shape
    h_out = (height - f) // s + 1
    w_out = (width - f) // s + 1
    total = np.zeros((h_out, w_out))
    for di in range(f):
        for dj in range(f):
            total += m[di : di + (h_out - 1) * s + 1 : s, dj : dj + (w_out - 1) * s + 1 : s]
    return total / (f * f)


# %% [markdown]
# Check both against Keras's `AveragePooling2D` and the course's `pool2d` on a random 9x9 map,
# given to them as a batch of 1 example with 1 channel, as in lesson 3:

# %%
rng = np.random.default_rng(0)
map9 = rng.normal(size=(9, 9)).astype(np.float32)
batch9 = map9[None, :, :, None]  # (1, 9, 9, 1)
for f, s in [(2, 2), (3, 2), (3, 3), (2, 1)]:
    layer = keras.layers.AveragePooling2D(pool_size=f, strides=s)
    keras_map = np.asarray(layer(batch9))[0, :, :, 0]
    reference_map = pool2d(batch9, f, s, mode="avg")[0, :, :, 0]
    for ours in (reference_map, avg_pool_loops(map9, f, s), avg_pool_offsets(map9, f, s)):
        np.testing.assert_allclose(ours, keras_map, rtol=1e-5, atol=1e-6)
    print(f"f={f}, s={s}: output {keras_map.shape}, loops ≈ offsets ≈ Keras ≈ course_lib")

# %% [markdown]
# Unlike the maximum, a mean involves additions, and float32 additions done in a different
# order can differ in the last digit. So here we compare with a tolerance
# (`assert_allclose`) instead of demanding exact equality.
#
# ## 3. Average pooling is a convolution
#
# A [convolution layer](00_start_here.ipynb#nn-conv2d) slides a small grid of weights, the
# **kernel** (also called a filter), over the map and, at each position, outputs the weighted
# sum of the cells under it: each cell times the kernel weight lying on it, all added up. A
# **depthwise** convolution does this for each channel separately, with that channel's own
# kernel, so it never mixes channels, just like pooling. On one map (one channel), written
# with the offset trick:


# %%
def conv_map(m, kernel, s):
    """Convolution of one 2-D map m with a 2-D kernel, stride s, no padding.

    The kernel is applied as it is, not flipped, as deep-learning libraries do;
    mathematicians call this operation cross-correlation. (For a symmetric kernel, such as
    a constant one, the flip changes nothing anyway.)
    """
    f = kernel.shape[0]
    height, width = m.shape
    h_out = (height - f) // s + 1
    w_out = (width - f) // s + 1
    out = np.zeros((h_out, w_out))
    for di in range(f):
        for dj in range(f):
            cells = m[di : di + (h_out - 1) * s + 1 : s, dj : dj + (w_out - 1) * s + 1 : s]
            out += kernel[di, dj] * cells  # the only change: a weight per offset
    return out


# %% [markdown]
# Compare with `avg_pool_offsets`: the only difference is the weight `kernel[di, dj]` in front
# of each slice. Choose every weight equal to `1/f²` (a *box* kernel: flat, like a box seen
# from the side) and the same stride `s` as the pooling
# (usually `s = f`), leave out the padding, and the two functions compute the same thing
# (a depthwise convolution does this on every channel of every example). We check it on
# the map `map9` above:

# %%
print(np.full((2, 2), 1 / 2**2))  # the 2x2 kernel: every weight 0.25
for f, s in [(2, 2), (3, 2), (3, 1)]:
    box = np.full((f, f), 1 / f**2)
    expected = pool2d(batch9, f, s, mode="avg")[0, :, :, 0]
    np.testing.assert_allclose(conv_map(map9, box, s), expected, atol=1e-6)
    print(f"f={f}, s={s}: convolution with a 1/f² kernel == average pooling")

# %% [markdown]
# Keras agrees. Its depthwise convolution layer, `DepthwiseConv2D`, with its weights fixed to
# `1/f²` and no bias (the learned number a convolution normally adds to each output), gives
# the same output as `AveragePooling2D`, here on a random batch of 2 examples with 3
# channels:

# %%
x = rng.normal(size=(2, 9, 9, 3)).astype(np.float32)
conv = keras.layers.DepthwiseConv2D(
    kernel_size=2,
    strides=2,
    use_bias=False,
    depthwise_initializer=keras.initializers.Constant(1 / 4),
)
conv_out = np.asarray(conv(x))
pool_out = np.asarray(keras.layers.AveragePooling2D(2)(x))
np.testing.assert_allclose(conv_out, pool_out, atol=1e-6)
print("Keras DepthwiseConv2D(1/4 weights) == AveragePooling2D on", x.shape)
print("weights stored by the convolution:", conv.count_params())
print("weights stored by the pooling layer:", keras.layers.AveragePooling2D(2).count_params())
assert conv.count_params() == 2 * 2 * 3

# %% [markdown]
# The convolution *stores* `2 * 2 * 3 = 12` weights (one 2x2 kernel per channel), and
# [training](00_start_here.ipynb#nn-training) would change them. The pooling layer stores
# **none**: its weights are fixed by definition. (A network that lets those weights learn is
# using a *strided convolution* to downsample, a real alternative to pooling; lesson 6 comes
# back to it.)
#
# One condition: **no padding**. A convolution treats padded cells as zeros and always
# divides by `f²` (its weights are `1/f²`), while Keras's average pooling with `"same"`
# padding divides a border window by the number of its real cells. Section 5 shows the
# difference: with padding, the equality holds under PyTorch's rule
# `count_include_pad=True`, not under Keras's.
#
# ### Two average poolings in a row, along one axis
#
# Networks stack layers. What does an average pooling of an average pooling compute? Take
# one axis and the smallest case: two averages of 2 neighbours, both with stride 1. A row
# that holds a single 1 among zeros (an *impulse*) answers the question: each output is the
# weight that the combined operation puts on that 1, so the outputs list the weights (in
# reverse order, which changes nothing for weights that read the same both ways).

# %%
impulse = np.array([0.0, 0.0, 1.0, 0.0, 0.0])
once = (impulse[:-1] + impulse[1:]) / 2  # average of each 2 neighbours, stride 1
twice = (once[:-1] + once[1:]) / 2  # the same again, on the result
print("once: ", once)
print("twice:", twice)
assert once.tolist() == [0, 0.5, 0.5, 0] and twice.tolist() == [0.25, 0.5, 0.25]

# %% [markdown]
# Two averages of width 2 act like one weighted sum of 3 neighbours with weights 1/4, 1/2,
# 1/4: no longer equal, the middle cell counts twice, because two different pairs of windows
# reach it (first window left then second window right, or the other way round), against
# one pair for each outer cell.
#
# In 2-D, a pooling averages along the rows and along the columns independently, so the
# weight of a 2-D kernel at (row r, column c) is a row weight times a column weight. That
# table of all products is called the **outer product** of the two 1-D lists:
# `np.outer(a, b)[r, c] = a[r] * b[c]`. For example:

# %%
print(np.outer([1, 2], [1, 10, 100]))
assert np.outer([1, 2], [1, 10, 100]).tolist() == [[1, 10, 100], [2, 20, 200]]
# The 2x2 box of 1/4s is the outer product of the 1-D weights [1/2, 1/2] with themselves:
assert np.array_equal(np.outer([0.5, 0.5], [0.5, 0.5]), np.full((2, 2), 1 / 2**2))

# %% [markdown]
# Exercise 4.3 puts the two ideas together, in 2-D and for any window size `f`.
#
# ## 4. Consequence: average pooling blurs, and that is useful
#
# A kernel of equal positive weights is a **low-pass filter**: it keeps slow changes
# (large regions of similar brightness) and weakens fast ones (fine texture, noise, single
# bright pixels). Compare three ways of shrinking lesson 3's photograph by 4 in each
# direction:
# keep one pixel in 16 (plain subsampling, `img[::4, ::4]`), max pooling, and average
# pooling.

# %%
photo = data.sample_photo(gray=True)


def pooled(img, f, mode):
    return pool2d(img[None, :, :, None], f, mode=mode)[0, :, :, 0]


smaller = {
    "subsampled [::4, ::4]": photo[::4, ::4],
    "max-pooled 4x4": pooled(photo, 4, "max"),
    "average-pooled 4x4": pooled(photo, 4, "avg"),
}
face = (slice(45, 85), slice(40, 80))  # the face, in the 150x128 result
fig = plots.show_images([img[face] for img in smaller.values()], list(smaller), vmin=0, vmax=1)
plt.show()

# %% [markdown]
# The average-pooled version is the smoothest; subsampling keeps whatever pixel happens to
# sit on the grid, fine texture and noise included. One way to put a number on "smooth": the
# average brightness jump between neighbouring pixels of the result.


# %%
def roughness(img):
    """Mean absolute difference between horizontally and vertically adjacent pixels."""
    return (np.abs(np.diff(img, axis=0)).mean() + np.abs(np.diff(img, axis=1)).mean()) / 2


for name, img in smaller.items():
    print(f"{name:22s} roughness {roughness(img):.3f}")
rough = {name: roughness(img) for name, img in smaller.items()}
assert rough["average-pooled 4x4"] < rough["max-pooled 4x4"]
assert rough["average-pooled 4x4"] < rough["subsampled [::4, ::4]"]

# %% [markdown]
# ### Aliasing: patterns that are not there
#
# Smoothing before shrinking is not cosmetic. A pattern finer than the new grid can hold does
# not simply disappear when you subsample: it comes back as a *false, coarser* pattern. This
# is called **aliasing** (the moiré you see when a striped shirt is filmed).
#
# The extreme case first: vertical stripes, one pixel white, one black. Subsample by 2 and the
# result is either all white or all black, depending on whether the pattern starts with a
# white column; a one-pixel shift of the input flips the whole output. Pooling 2x2 does not
# care:

# %%
fine = data.stripes(8, period=2)
fine_shifted = data.stripes(8, period=2, phase=1)  # the same pattern moved by one pixel
for name, img in [("stripes", fine), ("shifted by 1 pixel", fine_shifted)]:
    print(
        f"{name:19s} subsample mean {img[::2, ::2].mean():.2f}, "
        f"max-pool mean {pooled(img, 2, 'max').mean():.2f}, "
        f"avg-pool mean {pooled(img, 2, 'avg').mean():.2f}"
    )
    assert pooled(img, 2, "avg").mean() == 0.5 and pooled(img, 2, "max").mean() == 1
assert {fine[::2, ::2].mean(), fine_shifted[::2, ::2].mean()} == {0.0, 1.0}

# %% [markdown]
# Average pooling reports 0.5, the true average brightness, whatever the shift. Max pooling
# reports 1: "there is a white stripe in every window", also stable. Subsampling reports 1 or
# 0: it is wrong in both cases, and which way depends on a one-pixel shift.
#
# A less regular case: smooth stripes with a period of 2.5 pixels, shrunk by 4.

# %%
wavy = data.stripes(64, period=2.5, smooth=True)
wavy_shifted = data.stripes(64, period=2.5, phase=1, smooth=True)
shrunk = {
    "subsampled [::4, ::4]": (wavy[::4, ::4], wavy_shifted[::4, ::4]),
    "max-pooled 4x4": (pooled(wavy, 4, "max"), pooled(wavy_shifted, 4, "max")),
    "average-pooled 4x4": (pooled(wavy, 4, "avg"), pooled(wavy_shifted, 4, "avg")),
}
# The stripes are vertical, so every row is the same: one row shows everything. Plot the
# input's first row (64 pixels) and, at the input positions they come from, the 16 values
# that subsampling and average pooling keep of it.
columns = np.arange(64)
fig, ax = plt.subplots(figsize=(9, 3))
ax.plot(columns, wavy[0], ".-", color="0.7", label="input row (period 2.5 pixels)")
ax.plot(columns[::4], wavy[0, ::4], "o-", label="subsampled [::4]")
ax.plot(columns[::4] + 1.5, shrunk["average-pooled 4x4"][0][0], "s-", label="average-pooled 4x4")
ax.set_xlabel("input column")
ax.set_ylabel("brightness")
ax.legend(loc="upper right", fontsize=8)
plt.show()
# The subsampled row repeats every 5 samples, that is every 20 input columns:
assert np.allclose(wavy[0, ::4][5:], wavy[0, ::4][:-5])
assert not np.allclose(wavy[0, ::4][1:], wavy[0, ::4][:-1])
assert 5 * 4 == 20 and 20 / 2.5 == 8
assert np.abs(shrunk["average-pooled 4x4"][0][0] - 0.5).max() < 0.13  # close to 0.5

# %% [markdown]
# The input's stripes are too fine for a grid of 16 columns: the honest 16-value summary is
# a flat grey of 0.5. Subsampling instead draws a slow wave that repeats every 20 input
# columns, 8 times the input's period of 2.5: a coarse pattern that does not exist in the
# input (an alias). The average-pooled row stays within 0.13 of 0.5. Let's measure,
# for each method, the strength of the false pattern (standard deviation of the output: 0
# for a flat result), the mean brightness, and how much the output changes when the input
# moves by one pixel.

# %%
print(f"{'method':22s} false pattern   mean   change after a 1-px shift")
shift_change = {}
for name, (out, out_shifted) in shrunk.items():
    shift_change[name] = np.abs(out - out_shifted).mean()
    print(f"{name:22s} {out.std():13.2f} {out.mean():6.2f} {shift_change[name]:14.2f}")

# %% [markdown]
# Subsampling creates the strongest false pattern and changes the most when the input moves
# by one pixel. Averaging weakens the false pattern several times over and keeps the true
# mean brightness (0.5). Max pooling also weakens it, but reports a bright value rather than
# the mean: it answers "is there a bright stripe in this window?".
#
# Note the last column, though: after a one-pixel shift, max pooling changes *slightly less*
# than averaging here. Averaging is not a cure for shift sensitivity. Almost every 4x4
# window holds a near-white stripe crest whatever the shift, so the maximum stays close to
# 1; the average follows how much of each stripe falls inside the window, and that moves
# with the shift. Both change far less than subsampling. The assertions below keep these
# statements true if anyone changes the data:

# %%
sub, mx, avg = (pair[0] for pair in shrunk.values())
assert avg.std() < sub.std() / 3 and mx.std() < sub.std() / 2
assert abs(avg.mean() - 0.5) < 0.05 and mx.mean() > 0.9
change_sub, change_max, change_avg = shift_change.values()
assert change_max < change_avg < change_sub / 3

# %% [markdown]
# A 4x4 box is still a crude low-pass filter, and max pooling is not a linear filter at all,
# so some aliasing survives both. Lesson 6 measures what that means for a network that sees
# shifted images, and tries a better blur.
#
# ## 5. Padding: what do you divide by?
#
# With `padding="same"` some windows hang over the border. Max pooling simply ignores the
# missing cells (lesson 3). For an average there is a real choice: divide by the number of
# **real** cells in the window, or by the full window size `f*f`, counting the padding as
# zeros? Frameworks disagree:
#
# * **Keras / TensorFlow** divide by the number of real cells (padding is excluded);
# * **PyTorch**'s `AvgPool2d` counts the padding by default (`count_include_pad=True`).
#
# So "average pooling always divides by f²" is a misconception: with padding it depends on the
# framework. The clearest test is a map of ones, whose true average is 1 everywhere. Use 3x3
# windows with stride 2 on a 5x5 map. Keras's `same` padding here adds exactly one cell on
# every side, like PyTorch's `padding=1`, so the two rules can be compared directly.

# %%
ones = np.ones((1, 5, 5, 1), dtype=np.float32)
keras_same = np.asarray(keras.layers.AveragePooling2D(3, 2, padding="same")(ones))[0, :, :, 0]
excluded = pool2d(ones, 3, 2, padding=1, mode="avg")[0, :, :, 0]
included = pool2d(ones, 3, 2, padding=1, mode="avg", count_include_pad=True)[0, :, :, 0]
np.testing.assert_allclose(keras_same, excluded, atol=1e-7)
np.testing.assert_allclose(
    included, [[4 / 9, 6 / 9, 4 / 9], [6 / 9, 1, 6 / 9], [4 / 9, 6 / 9, 4 / 9]]
)
# Section 3's claim: with padding, pooling equals a convolution on the zero-padded map
# under PyTorch's rule (padding counted), not under Keras's.
zero_padded_conv = conv_map(np.pad(ones[0, :, :, 0], 1), np.full((3, 3), 1 / 9), 2)
np.testing.assert_allclose(zero_padded_conv, included)
assert not np.allclose(zero_padded_conv, excluded)

fig, axes = plt.subplots(1, 3, figsize=(10, 3.4))
plots.draw_grid(
    ones[0, :, :, 0], axes[0], padding=(1, 1, 1, 1), title="5x5 ones, 1 cell of padding"
)
plots.draw_grid(excluded, axes[1], fmt="{:.3f}", title="Keras: padding not counted")
plots.draw_grid(included, axes[2], fmt="{:.3f}", title="PyTorch default: padding counted")
plt.show()

# %% [markdown]
# The corner window of the PyTorch default holds 4 real cells out of 9, so it reports
# `4/9 ≈ 0.444`; an edge window holds 6 out of 9. Only the centre window, with no padding, is
# the same in both. `course_lib.pooling.pool2d` follows either rule through its
# `count_include_pad` argument (PyTorch itself is not installed in this course; the reference
# follows its documented rule). When you port a model between frameworks, this is a classic
# source of small differences at the borders.

# %% [markdown]
# <details><summary><b>Further reading</b></summary>
#
# PyTorch's default is the rule of Caffe, an older deep-learning library whose average
# pooling also divided by the full window, padding included. The option
# `count_include_pad` is described in PyTorch's reference page for `torch.nn.AvgPool2d`.
#
# </details>

# %% [markdown]
# ## 6. The backward pass: the gradient is spread evenly
#
# As in lesson 3, section 6: `dout` is the [gradient](00_start_here.ipynb#nn-gradient)
# arriving from the layer after the pooling, one number per output cell, and the
# [backward pass](00_start_here.ipynb#nn-backprop) of the pooling must compute `dx`, one
# number per input cell. A window's output is `y = (x1 + x2 + ... + x_{f²}) / f²`. Each cell
# enters with weight `1/f²`: nudging it by a tiny amount moves `y` by `1/f²` of that amount.
# So each cell of the window receives `dout / f²`, whatever its value. Compare with
# max pooling, where one cell got everything. Where windows overlap, the shares add up, as
# before. With padding and Keras's rule, a border window divides by its number of real cells,
# so its cells get `dout / count`.

# %%
dout = np.array([[1.0, 2.0], [3.0, 4.0]])[None, :, :, None]
batch = article[None, :, :, None]  # pool2d_backward takes a batch: 1 example, 1 channel
dx = pool2d_backward(dout, batch, 2, 2, mode="avg")[0, :, :, 0]
print(dx)

# Each dout cell gets the light colour of its window (the same tint draw_grid gives windows).
dout_colors = [[to_rgba(plots.window_color(2 * i + j), 0.25) for j in range(2)] for i in range(2)]
fig, axes = plt.subplots(1, 2, figsize=(6.5, 3.4))
plots.draw_grid(dout[0, :, :, 0], axes[0], cell_colors=dout_colors, title="dout (one per window)")
plots.draw_grid(dx, axes[1], windows=plots.pooling_windows((4, 4), 2), title="dx = dout / 4")
plt.show()

# %% [markdown]
# Every cell of the top-left window gets `1 / 4 = 0.25`, every cell of the bottom-right one
# `4 / 4 = 1`. The input values (2, 9, 4, ...) play no role: for a linear operation (fixed
# weights times inputs, added up) each input's gradient is `dout` times its fixed weight,
# whatever the input.
#
# Check it numerically, with overlapping windows and `same` padding so that the border
# divisors are exercised too: nudge each input cell by `±h` and watch the loss
# `L(x) = sum(dout * avgpool(x))`.

# %%
rng = np.random.default_rng(1)
x64 = rng.normal(size=(2, 7, 7, 2))
settings = dict(pool_size=3, strides=2, padding="same", mode="avg")
dout64 = rng.normal(size=pool2d(x64, **settings).shape)


def loss(x_):
    return np.sum(dout64 * pool2d(x_, **settings))


h = 1e-4
numeric = np.zeros_like(x64)
for index in np.ndindex(x64.shape):
    step = np.zeros_like(x64)
    step[index] = h
    numeric[index] = (loss(x64 + step) - loss(x64 - step)) / (2 * h)

analytic = pool2d_backward(dout64, x64, **settings)
np.testing.assert_allclose(analytic, numeric, rtol=0, atol=1e-8)
print("numerical and analytic gradients agree to within 1e-8 in all", x64.size, "cells")

# %% [markdown]
# And against JAX differentiating Keras's `AveragePooling2D` (same settings, float32):

# %%
import jax
import jax.numpy as jnp

layer = keras.layers.AveragePooling2D(pool_size=3, strides=2, padding="same")
dout32 = jnp.asarray(dout64, dtype=jnp.float32)
jax_dx = jax.grad(lambda a: jnp.sum(dout32 * layer(a)))(jnp.asarray(x64, dtype=jnp.float32))
np.testing.assert_allclose(np.asarray(jax_dx), analytic, rtol=1e-5, atol=1e-6)
print("jax.grad through Keras == course_lib.pool2d_backward:", jax_dx.shape)

# %% [markdown]
# ## Summary
#
# * Average pooling outputs the mean of each window, per example and per channel; it has no
#   weights.
# * Without padding (`"valid"`), it is exactly a depthwise convolution with a constant
#   `1/f²` kernel and the same stride `s` (usually `f`): we checked it with NumPy and with
#   Keras's `DepthwiseConv2D`. A convolution could *learn* those weights; pooling keeps
#   them fixed.
# * Being a box blur, it is a low-pass filter: it smooths images, and it weakens the false
#   coarse patterns (aliasing) that plain subsampling creates from fine detail, while
#   keeping the mean brightness. It does not make the output shift-proof: on our stripes,
#   max pooling moved slightly less after a one-pixel shift.
# * With padding, Keras divides by the number of real cells; PyTorch by default divides by
#   the full window, padding included (`count_include_pad=True`). Borders differ; the
#   interior does not.
# * Backward: each cell of a window receives `dout / count`, independent of the input
#   values; overlapping windows add up. Checked numerically and against `jax.grad`.
#
# ## Check yourself
#
# Open [`exercises/ex04_average_pooling.ipynb`](../exercises/ex04_average_pooling.ipynb) and try:
#
# * **4.1** average-pool a whole `(N, H, W, C)` batch (the lesson pooled one map);
# * **4.2** `same` padding without counting the padded cells;
# * **4.3** find the one convolution kernel equal to *two* average poolings in a row
#   (stride 1): not a box any more;
# * **4.4** the backward pass of average pooling.
#
# A typical wrong answer to 4.2 counts the padding. The check's second case is the 5x5 ramp
# `1, 2, ..., 25` pooled 2x2 with `same` padding; here is what it then reports:

# %%
ramp = np.arange(1.0, 26.0).reshape(1, 5, 5, 1)
keras_rule = pool2d(ramp, 2, 2, padding="same", mode="avg")
padding_counted = pool2d(ramp, 2, 2, padding="same", mode="avg", count_include_pad=True)
print(f"got {padding_counted[0, 0, 2, 0]}, expected {keras_rule[0, 0, 2, 0]}")
assert (padding_counted[0, 0, 2, 0], keras_rule[0, 0, 2, 0]) == (3.75, 7.5)

# %% [markdown]
# The window in row 0, column 2 holds two real cells, 5 and 10, and two padded ones:
# `(5 + 10) / 4 = 3.75` counts the padding, `(5 + 10) / 2 = 7.5` does not. If `check("4.2")`
# reports 3.75 where 7.5 was expected, with the diagnosis "counts padding", reread section 5.
