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
# # Lesson 1 — What a pooling layer does
#
# **After this lesson you can**
#
# 1. say what a pooling layer does to a feature map of shape `(H, W, C)`, and compute max and
#    average pooling of a small grid by hand;
# 2. show that pooling works on each channel separately and has **no learnable parameters**;
# 3. explain why pooling comes *after* a convolution and a ReLU, and place it in a CNN;
# 4. say exactly what the often-repeated claim "pooling reduces the parameters" means.
#
# **Time:** about 30 minutes, plus 15 for the exercises.
#
# **You need:** Python and NumPy, and lesson 0's part "Just enough neural network"
# ([`00_start_here.ipynb`](00_start_here.ipynb#nn-network)): this lesson links each
# network term (layer, weights, `Conv2D`, ReLU, `Dense`, `Flatten` ...) to its definition there
# where it first appears. Every number in this page is computed by the code next to it.

# %%
import matplotlib.pyplot as plt
import numpy as np
from matplotlib import cbook

import course_lib  # sets Keras to the JAX backend on the CPU, unless you chose otherwise
from course_lib.pooling import global_pool2d, pool2d
from course_lib.viz import plots, widgets

print("course_lib", course_lib.__version__)

# %% [markdown]
# <a id="idea"></a>
# ## 1. The idea in one picture
#
# A neural network is a chain of [layers](00_start_here.ipynb#nn-network), each turning an array
# into another. A convolutional neural network (**CNN**) is one whose early layers are
# [convolutions](00_start_here.ipynb#nn-conv2d) (Keras's `Conv2D`): each slides a small filter
# over the image and produces **feature maps** (<span lang="zh-Hans">特征图</span>): for every
# position of the image, a number that says how strongly some pattern (an edge, a colour blob, a
# corner) is present there. A batch of them is an array of shape `(N, H, W, C)`: `N` examples (the
# *batch*), `H x W` positions, `C` **channels** (one per pattern; a colour photo's three channels
# are red, green and blue). Putting the channels last is a convention, Keras's default and this
# course's throughout; PyTorch puts them first, `(N, C, H, W)`. Pooling treats both the same way.
#
# **Pooling** (<span lang="zh-Hans">池化</span>) summarises each small neighbourhood of a feature
# map by one number. A window of `f x f` cells (the *pool size*) is placed on the map, its cells
# are reduced to one value, and the window moves on by a **stride**
# (<span lang="zh-Hans">步幅</span>) of `s` cells. Two reductions are common:
#
# * **max pooling** (<span lang="zh-Hans">最大池化</span>): keep the largest value of the window;
# * **average pooling** (<span lang="zh-Hans">平均池化</span>): keep the mean of the window.
#
# In Keras and PyTorch the stride **defaults to the pool size**, not to 1: `MaxPooling2D(2)` moves
# its window by 2, so the windows tile the map without overlapping, and a 2x2 pooling halves the
# height and the width.
#
# Here is the 4x4 example from the source article (a beginner's blog post, in Chinese, that this
# course started from), with its four 2x2 windows coloured and the two results beside it. Each
# output cell has the colour of the window it summarises.

# %%
article = np.array([[2, 2, 7, 3], [9, 4, 6, 1], [8, 5, 2, 4], [3, 1, 2, 6]])
plots.plot_pooling(article, pool_size=2, strides=2, modes=("max", "avg"))
plt.show()

# %% [markdown]
# Check one window by hand: the blue window holds 2, 2, 9, 4. Its maximum is 9 and its mean is
# (2 + 2 + 9 + 4) / 4 = 17 / 4 = 4.25.
#
# The same numbers from `course_lib.pooling.pool2d`, the course's reference implementation.
# It works on a *batch* `(N, H, W, C)`, so the single 4x4 map becomes a batch of one example with
# one channel: `article[None, :, :, None]` has shape `(1, 4, 4, 1)` (each `None` inserts a new
# axis of length 1, as in [lesson 0, part 3](00_start_here.ipynb)).

# %%
batch = article[None, :, :, None]
max_pooled = pool2d(batch, pool_size=2, strides=2, mode="max")
avg_pooled = pool2d(batch, pool_size=2, strides=2, mode="avg")
print("input shape :", batch.shape, "-> output shape:", max_pooled.shape)
print("max pooling:\n", max_pooled[0, :, :, 0])
print("average pooling:\n", avg_pooled[0, :, :, 0])
assert (max_pooled[0, :, :, 0] == [[9, 7], [8, 6]]).all()
assert (avg_pooled[0, :, :, 0] == [[4.25, 4.25], [4.25, 3.5]]).all()
assert max_pooled[0, 0, 0, 0] == 9 and avg_pooled[0, 0, 0, 0] == 17 / 4

# %% [markdown]
# ### The same with Keras
#
# **Keras** is a Python library for building networks layer by layer; `keras.Sequential([...])`
# makes a *model*, a chain of layers applied in order, and `model.predict(x)` runs it on an array.
# The source article checks its example with Keras too. We do the same in our own code: a model
# that contains nothing but one pooling layer, and `predict(..., verbose=0)` so that no progress
# bar is printed. Keras computes in `float32` (32-bit floats), hence the decimal points.

# %%
keras = course_lib.frameworks.import_keras()  # `import keras`, with the JAX backend already set
from keras import layers

max_model = keras.Sequential([keras.Input(shape=(4, 4, 1)), layers.MaxPooling2D(pool_size=2)])
avg_model = keras.Sequential([keras.Input(shape=(4, 4, 1)), layers.AveragePooling2D(pool_size=2)])
keras_max = max_model.predict(batch.astype("float32"), verbose=0)
keras_avg = avg_model.predict(batch.astype("float32"), verbose=0)
print("Keras max pooling:\n", keras_max[0, :, :, 0])
print("Keras average pooling:\n", keras_avg[0, :, :, 0])
np.testing.assert_array_equal(keras_max, max_pooled)
np.testing.assert_allclose(keras_avg, avg_pooled)
print("Keras agrees with course_lib.")

# %% [markdown]
# We passed only `pool_size=2`. The layer's stride was filled in from the pool size:

# %%
print("MaxPooling2D(pool_size=2).strides =", layers.MaxPooling2D(pool_size=2).strides)
assert layers.MaxPooling2D(pool_size=2).strides == (2, 2)

# %% [markdown]
# ### Global pooling
#
# **Global pooling** (<span lang="zh-Hans">全局池化</span>) is the extreme case: one window as
# large as the whole map, so each channel becomes a single number. For the article's grid: global max 9, global average
# 65 / 16 = 4.0625. (Lesson 5 comes back to it: many modern networks end with it.)

# %%
global_max = global_pool2d(batch, "max")
global_avg = global_pool2d(batch, "avg")
print("global max:", global_max[0, 0], " global average:", global_avg[0, 0])
assert global_max[0, 0] == 9 and article.sum() == 65 and global_avg[0, 0] == 65 / 16 == 4.0625

# %% [markdown]
# ## 2. Step by step
#
# Pooling is a loop: place the window, reduce it to one number, write that number into the next
# output cell, move the window. Drag the slider to move the window (this needs a running Jupyter;
# the static figure below shows the same four steps for readers of a static page).

# %% tags=["nbval-ignore-output"]
widgets.pooling_stepper(article, pool_size=2, mode="max")

# %%
plots.plot_pooling_steps(article, pool_size=2, mode="max")
plt.show()

# %% [markdown]
# Written as Python, this is two `for` loops over the output rows `i` and columns `j`: the window
# of output cell `(i, j)` starts at row `i * s` and column `j * s`. You will write exactly that
# loop in exercise 1.3.
#
# How many windows fit? With the default stride `s = f` the windows sit side by side without
# overlapping, and a window that would stick out past the edge is not used: `n` cells hold
# `n // f` whole windows, and the `n % f` cells left over at the end are never looked at (9 cells
# hold 4 windows of 2; the last cell is left over). Lesson 2 counts the windows for any stride,
# and with [padding](00_start_here.ipynb#nn-padding) (extra cells, usually zeros, added around
# the border).
#
# The batch axis `N` is never pooled either: each example of a batch is pooled on its own, so a
# batch of two 9x9 maps gives a batch of two 4x4 maps.

# %%
# np.stack gives shape (2, 9, 9); [..., None] (`...`: all the other axes) adds the channel axis
two_maps = np.stack([np.arange(81.0).reshape(9, 9), -np.arange(81.0).reshape(9, 9)])[..., None]
pooled_two = pool2d(two_maps, pool_size=2)
print("input batch:", two_maps.shape, "-> pooled:", pooled_two.shape, "| 9 // 2 =", 9 // 2)
assert pooled_two.shape == (2, 9 // 2, 9 // 2, 1) == (2, 4, 4, 1) and 9 % 2 == 1
for k in range(2):  # example k pooled alone gives the same as example k of the pooled batch
    assert np.array_equal(pool2d(two_maps[k : k + 1], pool_size=2)[0], pooled_two[k])

# %% [markdown]
# ## 3. A real picture
#
# Matplotlib ships a photograph of the computer scientist Grace Hopper, so we can use a real image
# without downloading anything. `plt.imread` gives 8-bit integers 0..255; we scale them to floats
# in [0, 1]. The picture is one `(H, W, 3)` map with three channels: red, green and blue.

# %%
photo = plt.imread(cbook.get_sample_data("grace_hopper.jpg")).astype(np.float32) / 255
print("shape:", photo.shape, " dtype:", photo.dtype, " range:", photo.min(), "..", photo.max())
assert photo.shape == (600, 512, 3) and photo.min() >= 0 and photo.max() <= 1

# %% [markdown]
# Pool it with windows of 2, 4 and 8 (stride = window, as always by default). Each step keeps one
# number per window, so the height and width shrink by the window size, and the number of values
# by its square.

# %%
factors = (2, 4, 8)
pooled = {
    (mode, f): pool2d(photo[None], pool_size=f, mode=mode)[0]
    for mode in ("max", "avg")
    for f in factors
}
for f in factors:
    shape = pooled["max", f].shape
    print(
        f"{f}x{f} pooling: {photo.shape} -> {shape}, {photo.size // pooled['max', f].size}x fewer values"
    )
    assert shape == (600 // f, 512 // f, 3) and photo.size == pooled["max", f].size * f * f

# %%
plots.show_images(
    [photo] + [pooled["max", f] for f in factors],
    ["original 600x512"] + [f"max pool {f}x{f}: {600 // f}x{512 // f}" for f in factors],
)
plt.show()
plots.show_images(
    [photo] + [pooled["avg", f] for f in factors],
    ["original 600x512"] + [f"average pool {f}x{f}: {600 // f}x{512 // f}" for f in factors],
)
plt.show()

# %% [markdown]
# All panels are drawn at the same size, so the pooled images look blocky: each block is one
# output value. Two differences to look for:
#
# * **Max pooling brightens.** Every output is the largest of its window, so it can never be darker
#   than the window's average: thin bright details (the badge, the highlights on the face) grow and
#   survive, dark ones shrink.
# * **Average pooling blurs.** It keeps the mean, so fine details fade into their surroundings, as
#   when you squint.
#
# The first claim is a fact we can check on every value:

# %%
for f in factors:
    gap = pooled["max", f] - pooled["avg", f]
    print(
        f"{f}x{f}: max >= average everywhere: {bool((gap >= 0).all())}, mean gap {gap.mean():.3f}"
    )
    assert (gap >= 0).all()

# %% [markdown]
# ## 4. Each channel is pooled on its own
#
# Pooling never mixes channels: the red output is computed from red inputs only, and the number of
# channels stays 3. Below, each channel is drawn in its own colour, before and after 8x8 max
# pooling.

# %%
channel_names = ("red", "green", "blue")
cmaps = ("Reds_r", "Greens_r", "Blues_r")
plots.show_images(
    [photo[:, :, c] for c in range(3)] + [pooled["max", 8][:, :, c] for c in range(3)],
    [f"{name} channel" for name in channel_names]
    + [f"{name}, max pool 8x8" for name in channel_names],
    cmap=cmaps + cmaps,
    size=2.2,
    vmin=0,
    vmax=1,
)
plt.show()

# %% [markdown]
# A numerical proof rather than a picture: pool each channel separately, stack the three results,
# and compare with pooling the stacked RGB image in one go. If pooling mixed channels in any way,
# the two would differ.

# %%
for mode in ("max", "avg"):
    one_by_one = np.stack(
        [
            pool2d(photo[None, :, :, c : c + 1], pool_size=4, mode=mode)[0, :, :, 0]
            for c in range(3)
        ],
        axis=-1,
    )
    all_at_once = pool2d(photo[None], pool_size=4, mode=mode)[0]
    print(
        f"{mode}: pooled channel by channel == pooled together: {np.array_equal(one_by_one, all_at_once)}"
    )
    assert np.array_equal(one_by_one, all_at_once)

# %% [markdown]
# <a id="after-conv"></a>
# ## 5. Why pooling comes after a convolution and a ReLU
#
# Pooling a photograph directly is only a way to see what it does. In a CNN it is applied to
# **feature maps**. Let us make one by hand: a 3x3 *vertical-edge filter* (the Sobel filter) slid
# over the grey-level picture. Where brightness changes from left to right it gives a large value;
# in flat regions it gives about 0. A [**ReLU**](00_start_here.ipynb#nn-relu) (an *activation*
# applied to every value after a convolution) then keeps only the positive responses
# (`max(0, v)`): edges where the image gets darker towards the right.
#
# (We write the convolution with NumPy: nine shifted copies of the image, each multiplied by one
# filter weight and added up. Strictly this is a cross-correlation, the filter is not flipped, which
# is what every deep-learning library calls a convolution. The picture is first padded by one
# cell, repeating its border, so the feature map keeps the 600x512 size.)

# %%
# photo is (H, W, 3): @ with a 3-vector takes, for every pixel, the weighted sum of its red,
# green and blue values (standard luminance weights), giving one (H, W) grey-level map
gray = photo @ np.array([0.299, 0.587, 0.114], dtype=np.float32)
edge_filter = np.array([[1, 0, -1], [2, 0, -2], [1, 0, -1]], dtype=np.float32)
padded = np.pad(gray, 1, mode="edge")
height, width = gray.shape
response = sum(
    edge_filter[di, dj] * padded[di : di + height, dj : dj + width]
    for di in range(3)
    for dj in range(3)
)
feature_map = np.maximum(response, 0)  # ReLU
print(
    "feature map:",
    feature_map.shape,
    f" zero after ReLU: {(feature_map == 0).mean():.0%} of the cells,",
    f"below 10% of the maximum: {(feature_map < 0.1 * feature_map.max()).mean():.0%}",
)

f = 4
fm_max = pool2d(feature_map[None, :, :, None], pool_size=f, mode="max")[0, :, :, 0]
fm_avg = pool2d(feature_map[None, :, :, None], pool_size=f, mode="avg")[0, :, :, 0]
print(f"after {f}x{f} pooling:", fm_max.shape)

# %%
# One colour scale for all three panels. Its top is the 99th percentile, not the maximum: a few
# very strong edges would otherwise make everything else nearly black. Brighter cells saturate.
shared_scale = float(np.quantile(feature_map, 0.99))
plots.show_images(
    [feature_map, fm_max, fm_avg],
    ["edge filter + ReLU 600x512", f"then max pool {f}x{f}", f"then average pool {f}x{f}"],
    vmin=0,
    vmax=shared_scale,
    size=3.6,
)
plt.show()

# %% [markdown]
# The feature map is mostly dark (the numbers printed above: most cells are zero or weak) with
# thin bright lines: the edges. After max pooling the lines
# are still there, as bright as before, on a 16x smaller map. After average pooling they are dimmer,
# because each thin line is averaged with the dark cells around it.
#
# Let us measure "the strong responses survive". Take the 1% strongest cells of the feature map.
# For each one, look at the pooled cell whose window covers it, and ask what fraction of the
# response that pooled cell still reports (capped at 100%).

# %%
strong = feature_map >= np.quantile(feature_map, 0.99)
rows, cols = np.nonzero(strong)  # the row and column index of every True cell, as two arrays
print(f"{strong.sum()} strongest cells (top 1%), each at least {feature_map[strong].min():.2f}")


def fraction_kept(pooled_map):
    """Mean over the strong cells of min(pooled value of its window / its value, 1)."""
    # cell (r, c) lies in the window of pooled cell (r // f, c // f); indexing with two arrays
    # picks one pooled cell per strong cell
    reported = pooled_map[rows // f, cols // f]
    return float(np.minimum(reported / feature_map[rows, cols], 1).mean())


kept_max, kept_avg = fraction_kept(fm_max), fraction_kept(fm_avg)
print(f"max pooling keeps {kept_max:.0%} of each strong response; average pooling {kept_avg:.0%}")
assert kept_max == 1.0  # a window's max is at least every value in it
assert kept_avg < 0.75

# %% [markdown]
# Max pooling keeps 100% by construction: a window's maximum is at least every value in it. Average
# pooling reports much less (the number printed above), because strong responses are rare and thin.
# This is why max pooling became the usual choice right after convolution + ReLU: it keeps the
# evidence "this pattern occurs somewhere in this neighbourhood" at full strength while throwing
# away its exact position inside the window. The price is exactly that lost position: how much a
# network gains or loses from it is measured in Lesson 6.
#
# ### Where pooling sits in a CNN
#
# The classic building block is **convolution -> ReLU -> pooling**, repeated, and followed by a
# classifier: [`Flatten`](00_start_here.ipynb#nn-flatten) lays the last `(H, W, C)` map out as
# one vector of `H * W * C` numbers, and a [`Dense`](00_start_here.ipynb#nn-dense) layer (every
# output connected to every input) with a [softmax](00_start_here.ipynb#nn-softmax) turns it into
# one score per class (10 here, as for the digits 0-9 on 28x28 images). Here is a small network of
# that shape, written as Keras layers: `Conv2D(8, 3, activation="relu")` is a convolution with 8
# filters of 3x3 followed by a ReLU. We only look at shapes and sizes, no training, so its
# [weights](00_start_here.ipynb#nn-weights) (the numbers a network learns) start at zero
# (`kernel_initializer="zeros"`): drawing random ones would cost time and change no shape or
# count. `layer_table` prints each layer's output shape and its number of **parameters**, the
# learned numbers it holds (its weights and biases).

# %%
cnn = keras.Sequential(
    [
        keras.Input(shape=(28, 28, 1)),
        layers.Conv2D(8, 3, activation="relu", kernel_initializer="zeros"),
        layers.MaxPooling2D(2),
        layers.Conv2D(16, 3, activation="relu", kernel_initializer="zeros"),
        layers.MaxPooling2D(2),
        layers.Flatten(),
        layers.Dense(10, activation="softmax", kernel_initializer="zeros"),
    ]
)


def layer_table(model):
    """Print each layer's type, output shape and parameter count; return the counts."""
    counts = []
    print(f"{'layer':<20}{'output shape':<22}{'parameters':>10}")
    for layer in model.layers:
        counts.append(layer.count_params())
        print(f"{type(layer).__name__:<20}{layer.output.shape!s:<22}{counts[-1]:>10}")
    print(f"{'total':<42}{sum(counts):>10}")
    return counts


cnn_counts = layer_table(cnn)

# %% [markdown]
# Read the shapes: each convolution (3x3, no padding) trims a border of one cell and sets the number
# of channels to its number of filters; each pooling halves height and width and **keeps the
# channels**. Halving 11 gives 5, not 5.5: a window that would not fit is dropped, and the last row
# and column are not used (Lesson 2 works out exactly when that happens). And the pooling rows say
# **0 parameters**.
#
# The first axis of every output shape is `None`: it is the batch size `N`, which Keras leaves open
# until the model is called on data (any number of examples will do). Pooling never changes it:
# each example is pooled on its own.
#
# <a id="no-parameters"></a>
# ## 6. Pooling has no parameters
#
# A convolution learns its filter weights (its [parameters](00_start_here.ipynb#nn-weights)); a
# pooling layer has nothing to learn: "take the max" and "take the mean" are fixed rules. Keras
# agrees: its list of weights is empty.

# %%
pool_layers = [layer for layer in cnn.layers if isinstance(layer, layers.MaxPooling2D)]
for layer in pool_layers:
    print(type(layer).__name__, "weights:", layer.weights, " count_params():", layer.count_params())
    assert layer.weights == [] and layer.count_params() == 0

# %% [markdown]
# ### What "pooling reduces the parameters" really means
#
# The source article says pooling "reduces the number of parameters to learn". Taken literally that
# is wrong: pooling has none to remove. What is true is that pooling **shrinks the input of the
# layers after it**, and a `Dense` layer after `Flatten` has one weight per input value per
# *unit* (one output number), plus one bias (an added constant) per unit.
#
# Take a 32x32 feature map with 16 channels, flatten it and feed it to a `Dense` layer of 10 units,
# with 0, 1 or 2 max-pooling layers (2x2) in between:


# %%
def dense_head(n_poolings):
    """(32, 32, 16) -> n_poolings x MaxPooling2D(2) -> Flatten -> Dense(10)."""
    return keras.Sequential(
        [keras.Input(shape=(32, 32, 16))]
        + [layers.MaxPooling2D(2) for _ in range(n_poolings)]
        + [layers.Flatten(), layers.Dense(10, kernel_initializer="zeros")]
    )


print(
    f"{'poolings':<10}{'Flatten size':>13}{'Dense weights':>15}{'Dense biases':>14}{'pooling params':>16}"
)
dense_weights = []
for n_poolings in range(3):
    model = dense_head(n_poolings)
    dense = model.layers[-1]
    kernel, bias = dense.get_weights()
    pooling_params = sum(layer.count_params() for layer in model.layers[:-2])
    dense_weights.append(kernel.size)
    print(
        f"{n_poolings:<10}{kernel.shape[0]:>13}{kernel.size:>15}{bias.size:>14}{pooling_params:>16}"
    )
    assert kernel.shape[0] == 32 * 32 * 16 // 4**n_poolings
    assert pooling_params == 0

ratios = [dense_weights[k] / dense_weights[k + 1] for k in range(2)]
print("each 2x2 pooling divides the Dense weights by", ratios)
assert ratios == [4.0, 4.0]

# %% [markdown]
# Each 2x2 pooling divides the Dense layer's weights by 4 (the 10 biases do not change), while the
# pooling layers themselves contribute 0. So the accurate statement is: **pooling has no
# parameters; it reduces the number of parameters the following layers need**, and the computation
# they do.
#
# ## Summary
#
# * A pooling layer slides an `f x f` window over each feature map with stride `s` (by default
#   `s = f`) and replaces each window by its **max** or its **mean**; **global** pooling uses one
#   window covering the whole map.
# * It changes `(N, H, W, C)` into `(N, H', W', C)`: height and width shrink, **channels stay**,
#   each channel pooled on its own (we proved pooled-then-stacked = stacked-then-pooled).
# * It has **no learnable parameters**. It reduces what the *following* layers must learn: each
#   2x2 pooling divides the weights of a `Dense` layer after `Flatten` by 4.
# * After convolution + ReLU, max pooling keeps every strong response at full strength on a smaller
#   map; average pooling dilutes thin, rare responses.
#
# ## Check yourself
#
# Open [`exercises/ex01_pooling_principle.ipynb`](../exercises/ex01_pooling_principle.ipynb):
#
# * **1.1** Predict the output shape of several poolings of `(H, W, C)` maps and of a batch.
# * **1.2** Count the `Dense` parameters after 0, 1 and 2 poolings.
# * **1.3** Write 2x2, stride-2 max pooling of one channel with your own loops.
#
# Next: Lesson 2 works out the output size for every window, stride and padding, and where the
# article's formula `(n - f + 1) / s` goes wrong.
