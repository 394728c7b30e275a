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
# # Lesson 6 — The trade-offs of pooling, measured
#
# Our source article lists three advantages of pooling (<span lang="zh-Hans">池化</span>) — dimension reduction,
# translation invariance, feature selection — and three disadvantages — information loss,
# over-smoothing, extra hyperparameters (settings chosen by hand, such as the window size). It
# states them; this lesson **measures** each one on
# data you can look at, says where the claim holds and where it is overstated, and ends with a
# table of the measured numbers and a short guide to choosing a pooling.
#
# **After this lesson you will be able to**
#
# 1. count, layer by layer, the activation memory, parameters and multiply-adds of a small CNN
#    with and without pooling, and say which of them pooling reduces (and which it does not);
# 2. measure how much of a pooled map survives a shift of the input, and how often a trained
#    network keeps its answer when the object moves (Zhang's *consistency*);
# 3. explain why blurring before subsampling (anti-aliased pooling) helps;
# 4. measure what max and average pooling lose, blur and amplify;
# 5. read a small hyperparameter sweep honestly: report the spread, not a winner.
#
# **Time:** about 45 minutes to read and run, plus 20 for the exercises. The whole notebook
# trains eight tiny networks and takes about 25 seconds on an otherwise idle 2-core CPU
# (measured; the last cell prints how long it took on yours). You need lessons
# 1–5: max pooling (<span lang="zh-Hans">最大池化</span>), average pooling (<span lang="zh-Hans">平均池化</span>), stride (<span lang="zh-Hans">步幅</span>),
# padding (<span lang="zh-Hans">填充</span>). The words about networks (layer, weights, training, epoch, accuracy)
# are explained in [lesson 0's "Just enough neural network"](00_start_here.ipynb#nn-network);
# each is linked again where this lesson first uses it.

# %%
import time

START = time.perf_counter()  # the last cell reports the notebook's run time

import matplotlib.pyplot as plt
import numpy as np
from IPython.display import Markdown, display

from course_lib.lab import data
from course_lib.lab.experiments import (
    SideBySide,
    build_cnn,
    fraction_unchanged,
    layer_table,
    reconstruction_error,
    upsample_nearest,
)
from course_lib.pooling import pool2d
from course_lib.viz import plots

np.set_printoptions(precision=3, suppress=True)

# %% [markdown]
# ## 0. The test bench: five shapes at varying positions
#
# All the networks below learn the same task, *classification*: tell five white shapes apart
# in noisy 32x32 images (the network outputs one of five class names for each image). The shapes sit within 5 pixels of the centre, so that moving them further (section
# 2) takes the networks somewhere they have not seen. The data come from `course_lib.lab.data`:
# generated from a seed (the starting number of a random-number generator: same seed, same
# "random" numbers), identical on every machine.

# %%
CLASSES = ("square", "circle", "cross", "triangle", "x")
shape_kw = dict(size=32, classes=CLASSES, noise=0.2, max_shift=5)
x_train, y_train = data.make_shapes(320, seed=1, **shape_kw)
x_test, y_test = data.make_shapes(256, seed=2, **shape_kw)
DATA = (x_train, y_train, x_test, y_test)
print("train", x_train.shape, "test", x_test.shape, "classes", np.bincount(y_test).tolist())

first = [int(np.flatnonzero(y_test == k)[0]) for k in range(len(CLASSES))]
plots.show_images([x_test[i, :, :, 0] for i in first], list(CLASSES), size=2.0, vmin=0, vmax=1)
plt.show()

# %% [markdown]
# ## 1. Dimension reduction (<span lang="zh-Hans">降维</span>): what pooling saves, and what it does not
#
# The same small CNN (convolutional neural network) in five versions: two 3x3
# [convolutions](00_start_here.ipynb#nn-conv2d) (8 and 16 filters, each followed by a
# [ReLU](00_start_here.ipynb#nn-relu)), each followed by a way to shrink the maps, then a
# [dense layer](00_start_here.ipynb#nn-dense) over the [flattened](00_start_here.ipynb#nn-flatten)
# maps:
#
# | name | what follows each convolution |
# |---|---|
# | `none` | nothing: the maps stay 32x32 |
# | `max`, `avg` | a 2x2 max / average pooling layer, stride 2 |
# | `strided` | nothing, but the convolution itself moves 2 pixels at a time |
# | `allconv` | a learned 3x3 convolution with stride 2 in place of the pooling layer |
#
# `strided` and `allconv` are two published ways to do without pooling layers (see the box
# below). `layer_table` counts, for one input image:
#
# - the **values** each layer writes to memory (4 bytes each in float32: the *activation
#   memory*, which training keeps for the [backward pass](00_start_here.ipynb#nn-backprop),
#   the step that computes the [gradients](00_start_here.ipynb#nn-gradient)). `flatten`
#   counts 0: it only relabels the 16 maps as one long vector and allocates nothing;
# - the **parameters** ([learned weights](00_start_here.ipynb#nn-weights) and biases);
# - the **multiply-adds**: one multiplication plus one addition, the unit of work of
#   convolutions and dense layers (a 3x3 convolution over 8 channels needs 3 x 3 x 8 of them
#   per output value).

# %% [markdown]
# <details><summary><b>Further reading</b></summary>
#
# Springenberg, Dosovitskiy, Brox & Riedmiller (2014), *Striving for Simplicity: The All
# Convolutional Net*: replaces each pooling layer either by a larger stride in the convolution
# before it (our `strided`) or by an extra convolution with stride 2 (our `allconv`).
#
# </details>

# %%
NETS = ("none", "max", "avg", "strided", "allconv")
tables = {name: layer_table(build_cnn(name, n_classes=len(CLASSES))) for name in NETS}


def print_table(rows):
    print(
        f"{'layer':<10}{'output':>14}{'values':>9}{'params':>9}{'mult-adds':>11}{'window ops':>12}"
    )
    for r in rows:
        shape = "x".join(str(d) for d in r["output"])
        print(
            f"{r['layer']:<10}{shape:>14}{r['values']:>9,}{r['params']:>9,}"
            f"{r['multiply_adds']:>11,}{r['window_ops']:>12,}"
        )


for name in ("none", "max"):
    print(f"--- {name}")
    print_table(tables[name])

# %% [markdown]
# The pooling layers have **no parameters** and no multiply-adds: a max costs `f*f - 1`
# comparisons per output value, an average as many additions (and one division). What they
# shrink is everything **after** them. Totals per image for all five versions:

# %%
totals = {
    name: {key: sum(r[key] for r in rows) for key in ("values", "params", "multiply_adds")}
    for name, rows in tables.items()
}
print(f"{'network':<9}{'activations (KiB)':>18}{'params':>9}{'mult-adds':>11}")
for name, t in totals.items():  # 1 KiB = 1024 bytes
    print(f"{name:<9}{t['values'] * 4 / 1024:>18.1f}{t['params']:>9,}{t['multiply_adds']:>11,}")

pool_params = [r["params"] for r in tables["max"] if "pool" in r["layer"]]
assert pool_params == [0, 0]  # pooling learns nothing
param_ratio = totals["none"]["params"] / totals["max"]["params"]
madd_ratio = totals["none"]["multiply_adds"] / totals["max"]["multiply_adds"]
memory_ratio = totals["none"]["values"] / totals["max"]["values"]
dense_share = tables["none"][-1]["params"] / totals["none"]["params"]
print(
    f"no pooling vs max pooling: {param_ratio:.1f}x the parameters, "
    f"{madd_ratio:.1f}x the multiply-adds, {memory_ratio:.1f}x the activations"
)
print(f"share of the no-pooling network's parameters in its dense layer: {dense_share:.1%}")

# %% [markdown]
# So the article's "fewer parameters" is true only **indirectly**: pooling has none, and it
# shrinks the parameters of the dense layer that reads its output (almost all of the
# no-pooling network's parameters sit there). The article adds that fewer parameters help
# avoid *overfitting*: learning the training images so closely that accuracy on new images
# lags behind (the summary table compares the two accuracies). A network that ends with global average pooling
# (<span lang="zh-Hans">全局平均池化</span>, lesson 5) instead of flattening would have the same parameter count with or
# without the inner pooling layers; the savings in memory and multiply-adds would remain.
#
# Note what "saves memory" means here. While training, the pooling layer's own input (the
# convolution's output) is still kept for the backward pass; what shrinks is everything the
# *following* layers receive, compute on and keep.
#
# ### Training once, for the whole lesson
#
# Now we [train](00_start_here.ipynb#nn-training) each version, plus three more configurations
# used in sections 2 and 5: eight tiny networks. Each starts from random weights drawn from
# a seed and makes 4 *epochs* (passes over the 320 training images, in batches of 16).
# Nothing is printed while training. Afterwards each network's *test accuracy* is the share
# of the 256 test images, never seen in training, whose class it predicts correctly
# ([accuracy](00_start_here.ipynb#nn-loss)). The `maxblur` network uses anti-aliased max
# pooling (lesson 7): a 2x2 max with stride 1, then a `[1, 2, 1]/4` blur (the filter Zhang
# calls Tri-3, one of several he tried), then keeping every second pixel. *Anti-aliased* means
# blurred before subsampling, so that detail too fine for the coarser grid does not turn into
# a false coarse pattern; section 2b says why that matters.
#
# To save time, the eight networks are trained **side by side** (`SideBySide`): one Keras
# model whose eight outputs are the eight networks, each reading the same images. Its loss is
# the sum of their losses; the gradient of that sum with respect to one network's weights is
# the gradient of that network's own loss, and the optimizer (Adam) updates each weight from
# its own gradient alone, so each network learns exactly what it would learn on its own from
# the same batches (`tests/test_experiments.py` checks it, weight for weight). Keras then
# prepares (*compiles*) one training function for all eight instead of one each; on a CPU
# that preparation can take longer than the training itself (the cell below prints both).
# This is a small experiment: 4 epochs, 320 training images, one seed. Section 5 shows the
# same runs for eight seeds.

# %%
CONFIGS = {  # name: build_cnn arguments
    "none": dict(reduction="none"),
    "max": dict(reduction="max", pool_size=2),
    "avg": dict(reduction="avg", pool_size=2),
    "strided": dict(reduction="strided", pool_size=2),
    "allconv": dict(reduction="allconv", pool_size=2),
    "maxblur": dict(reduction="maxblur", pool_size=2),
    "max 3/2": dict(reduction="max", pool_size=3, strides=2),  # overlapping windows
    "max 4/4": dict(reduction="max", pool_size=4),
}
SEEDS = (0,)  # section 5 shows the seeds 0 to 7
seeds_label = ("seed " if len(SEEDS) == 1 else "seeds ") + ", ".join(map(str, SEEDS))
EPOCHS = 4
bundle = SideBySide(
    {name: build_cnn(n_classes=len(CLASSES), **kwargs) for name, kwargs in CONFIGS.items()}
)
runs, epoch_seconds = {}, {}
for seed in SEEDS:  # each run restarts every network from the starting weights of its seed
    for name, result in bundle.train(DATA, epochs=EPOCHS, batch_size=16, seed=seed).items():
        runs[name, seed] = result
    epoch_seconds[seed] = bundle.epoch_seconds  # wall time of each epoch, all eight together
assert len(runs) == len(CONFIGS) * len(SEEDS)

accuracy = {name: np.mean([runs[name, s].test_accuracy for s in SEEDS]) for name in CONFIGS}
train_accuracy = {name: np.mean([runs[name, s].train_accuracy for s in SEEDS]) for name in CONFIGS}

# %% [markdown]
# The test accuracy of the five versions, next to their multiply-adds per image, and the time
# the side-by-side training took per epoch. Times depend on your machine and on what else
# runs on it, so this cell's output is not checked; the cell after it checks only what holds
# everywhere.

# %% tags=["nbval-ignore-output"]
print(f"{'network':<9}{'mult-adds':>11}{'test accuracy':>15}")
for name in NETS:
    print(f"{name:<9}{totals[name]['multiply_adds']:>11,}{accuracy[name]:>15.2f}")
compiling, *epochs = epoch_seconds[SEEDS[0]]  # the very first epoch also compiled
print(f"side by side: first epoch with compiling {compiling:.1f} s, then {np.median(epochs):.1f} s")

# %%
# The strided network does a quarter of the first convolution's work and skips pooling
# entirely; the network without pooling does the most. This order of the work does not depend
# on the CPU. Measured times also depend on memory traffic, on the library and on what else
# runs, so the course asserts only the counts (speed is compared in benchmarks, never in a
# test).
assert totals["strided"]["multiply_adds"] < totals["max"]["multiply_adds"]
assert totals["max"]["multiply_adds"] < totals["none"]["multiply_adds"]
print("ordering of the multiply-adds per image: strided < max < none")

# %% [markdown]
# ## 2. Translation invariance (<span lang="zh-Hans">平移不变性</span>), measured
#
# The article says that thanks to pooling "the position of an object does not affect the
# classification". We test that in two steps: one pooling layer on its own, then trained
# networks.
#
# ### 2a. One pooling layer
#
# Take a feature map, move it `k` pixels to the right, pool it again, and count the output
# cells that did not change. We use a random map, so that a cell can only stay the same
# because the pooling absorbed the shift (no ties, no flat areas). "In place" compares each
# cell with the cell at the same position ([invariance](00_start_here.ipynb#nn-invariance): the
# output stays put); "realigned" first moves the result back by the `k // 2` whole cells that
# the shift amounts to after a stride-2 pooling (*equivariance*: the output moves *with* the
# input).

# %%
feature_map = np.random.default_rng(0).random((256, 256))
SHIFTS = range(5)
unchanged = {
    (mode, realign): [fraction_unchanged(feature_map, k, mode, 2, realign) for k in SHIFTS]
    for mode in ("none", "max", "avg")
    for realign in (False, True)
}
print("shift (pixels):          ", "".join(f"{k:>7}" for k in SHIFTS))
for (mode, realign), values in unchanged.items():
    label = f"{mode}, {'realigned' if realign else 'in place'}"
    print(f"{label:<25}", "".join(f"{v:>7.3f}" for v in values))

# %% [markdown]
# Read the `max, in place` row: a one-pixel shift leaves about a third of the max-pooled cells
# unchanged, a two-pixel shift almost none. The third is no accident. Follow one 2x2 window
# through a one-pixel shift to the right: of its 4 values, 2 leave (its right column moves on
# into the next window), 2 stay (its left column, now its right one), and 2 come in (the right
# column of the window on its left). The output keeps its value only if the maximum of
# the new window is the old maximum, that is, if the largest of these 6 values is one of the 2
# that stay — on random values, probability 2/6.
# Average pooling changes every cell (every average takes in new values), and so does no
# pooling at all. Realigned, both poolings are exact for even shifts, and an odd shift is as
# bad as a one-pixel shift: a stride-2 pooling is equivariant to shifts by multiples of 2 only.
# (Without pooling, realigning is exact for every shift.)

# %%
max_in_place_1 = unchanged["max", False][1]
assert abs(max_in_place_1 - 1 / 3) < 0.02
assert unchanged["avg", False][1] == 0.0 and unchanged["none", False][1] == 0.0
assert all(unchanged[mode, True][k] == 1.0 for mode in ("max", "avg") for k in (0, 2, 4))

fig, axes = plt.subplots(1, 2, figsize=(10, 3.2), sharey=True)
for ax, realign in zip(axes, (False, True), strict=True):
    for j, mode in enumerate(("none", "max", "avg")):
        ax.bar(np.array(SHIFTS) + (j - 1) * 0.27, unchanged[mode, realign], width=0.27, label=mode)
    ax.set_xlabel("shift of the input (pixels)")
    ax.set_title("compared in place" if not realign else "realigned (moved back by the shift)")
axes[0].set_ylabel("share of output cells unchanged")
axes[0].legend()
fig.tight_layout()
plt.show()

# %% [markdown]
# ### 2b. Trained networks: does the predicted class survive a shift?
#
# Zhang's **consistency** (paper in the box below) measures how often a network gives the
# same class to an image and to a shifted copy of it. We shift the test images 1 to 6 pixels
# to the right (black comes in at the left) and compare each network's answers with its
# answers on the unshifted images. (Zhang compares two randomly
# shifted crops of one larger image: what comes in at a border is more of the real photograph,
# never an artificial strip. Our version shifts one fixed image, which gives one score per
# shift but lets a black strip enter, so it is a little harsher.)
#
# Why should blurring help (the `maxblur` networks)? Keeping every second value of a map is
# *subsampling*. When the map changes from one pixel to the next, which values are kept
# depends on where the grid falls, and a one-pixel shift swaps them for quite different ones:
# fine detail reappears as a false coarse pattern, an effect called *aliasing* (<span lang="zh-Hans">混叠</span>). A blur
# first removes the detail that is too fine for the coarser grid, so the values kept change
# only a little when the input moves: that is *anti-aliased* pooling (lesson 7 shows it on
# stripes).

# %%
SHIFT_RANGE = range(1, 7)
per_seed = {}
for seed in SEEDS:
    for name in CONFIGS:  # each network gets back the weights its run with this seed ended with
        runs[name, seed].trained_model()
    per_seed[seed] = bundle.shift_consistency(x_test, [(0, k) for k in SHIFT_RANGE])
consistency = {
    name: np.mean([per_seed[seed][name] for seed in SEEDS], axis=0)
    for name in ("none", "max", "avg", "strided", "maxblur", "allconv")
}

# %% tags=["nbval-ignore-output"]
fig, ax = plt.subplots(figsize=(6.5, 3.4))
for name, values in consistency.items():
    ax.plot(list(SHIFT_RANGE), values, "o-", label=f"{name} (mean {values.mean():.2f})")
ax.set_xlabel("shift of the test images (pixels)")
ax.set_ylabel("consistency")
ax.set_title("Same class before and after the shift?")
ax.legend(fontsize=8)
plt.show()
for name, values in consistency.items():
    print(f"{name:<8}", " ".join(f"{v:.2f}" for v in values))

# %% [markdown]
# The exact figures depend on floating-point details of your CPU (they are the same from run
# to run on one machine), so the cell above is not checked; the qualitative results are:

# %%
mean_consistency = {name: float(v.mean()) for name, v in consistency.items()}
assert mean_consistency["max"] > mean_consistency["none"]  # pooling helps...
assert mean_consistency["maxblur"] > mean_consistency["max"]  # ...blurring first helps more...
assert mean_consistency["allconv"] > mean_consistency["max"]  # ...so does a learned one...
assert min(mean_consistency, key=mean_consistency.get) in ("none", "strided")
assert all(v[-1] < 0.95 for v in consistency.values())  # ...and no network ignores position
print("consistency: none < max < maxblur, max < allconv; the least consistent has no pooling")
print("every network changes some of its answers when the images move 6 pixels")

# %% [markdown]
# So the article's sentence is **overstated**. In our small run (one seed, 4 epochs, 320
# training and 256 test images), pooling made a network *more* tolerant of small shifts, and
# anti-aliased pooling more so, but position still changed a noticeable share of the answers,
# more as the shift grew. The same held for each of the eight seeds of section 5's table.
# Part of the gap between `none` and the others may come from its head rather than
# from the missing pooling: every version ends in `Flatten` + `Dense`, and `none`'s dense
# layer reads all 32x32x16 values, each with its own weight for one exact position, so a
# shift hands the object to different weights. The least consistent network was one without
# a pooling layer (`none` or `strided`). Zhang found the same on ImageNet (a benchmark
# of 1.3 million photographs in 1000 classes): standard networks keep their answer for most
# shifted pairs but not all, and blurring before subsampling raised both consistency and
# accuracy (see the box below); in our runs the consistency rose, and the accuracy rose for
# some seeds but not for others (section 5).
#
# The `allconv` networks have **no pooling layer**: they learn their own downsampling (a 3x3
# convolution with stride 2), and they kept their answer more often than the max-pooling
# networks (here, and in seven of the eight seeds of section 5). That is not a like-for-like
# comparison: it adds a layer after each convolution and, with it, parameters and work
# (printed below), so the difference may reflect the extra layer rather than the learned
# downsampling. Springenberg et al. trained a control for this (the extra
# convolution with the pooling kept); we did not. Invariance that a network has,
# it mostly *learns*, from its layers and from data showing objects in many places (*data
# augmentation*: training on shifted, flipped or cropped copies of the images), not from
# pooling alone.

# %% [markdown]
# <details><summary><b>Further reading</b></summary>
#
# Zhang (2019), *Making Convolutional Networks Shift-Invariant Again* (ICML): ImageNet
# accuracy and consistency of several standard networks and of their anti-aliased versions.
# Its repository (github.com/adobe/antialiased-cnns) keeps a results table in its README that
# has been updated since the paper, so its numbers need not match the paper's: when you quote
# a number, say which of the two (and which date of the README) it comes from.
#
# </details>

# %%
extra_params = totals["allconv"]["params"] / totals["max"]["params"] - 1
print(
    f"parameters: allconv {totals['allconv']['params']:,}, max {totals['max']['params']:,} "
    f"({extra_params:.0%} more); multiply-adds: allconv "
    f"{totals['allconv']['multiply_adds']:,}, max {totals['max']['multiply_adds']:,}"
)
assert totals["allconv"]["params"] > totals["max"]["params"]

# %% [markdown]
# ## 3. Information loss (<span lang="zh-Hans">信息丢失</span>): pool, blow back up, compare
#
# Pool the photograph with windows of size `f` (stride `f`), then repeat each pooled value
# `f x f` times to get back an image of the original size, and measure the
# [root-mean-square error](00_start_here.ipynb#nn-rmse) (RMSE: the square root of the mean
# of the squared pixel differences) against the original (pixel values in [0, 1]).

# %%
photo = data.sample_photo(gray=True)  # 600 x 512
POOL_SIZES = (2, 4, 8, 16)
rmse = {mode: [reconstruction_error(photo, f, mode) for f in POOL_SIZES] for mode in ("max", "avg")}
print("pool size:  ", "".join(f"{f:>8}" for f in POOL_SIZES))
for mode, errors in rmse.items():
    print(f"{mode} RMSE:   ", "".join(f"{e:>8.4f}" for e in errors))
print("values kept:", "".join(f"{1 / f**2:>8.2%}" for f in POOL_SIZES))
assert all(a < m for a, m in zip(rmse["avg"], rmse["max"], strict=True))
assert rmse["max"] == sorted(rmse["max"]) and rmse["avg"] == sorted(rmse["avg"])
window_growth = POOL_SIZES[-1] / POOL_SIZES[0]
rmse_growth = {mode: errors[-1] / errors[0] for mode, errors in rmse.items()}
print(
    f"window x{window_growth:.0f} -> RMSE x{rmse_growth['max']:.1f} (max), "
    f"x{rmse_growth['avg']:.1f} (average)"
)
assert all(1 < g < window_growth for g in rmse_growth.values())  # grows, but slower

# %%
f = 8
rebuilt = {
    mode: upsample_nearest(
        pool2d(photo[None, :, :, None], f, mode=mode)[0, :, :, 0], f, photo.shape
    )
    for mode in ("max", "avg")
}
plots.show_images(
    [photo, rebuilt["max"], rebuilt["avg"]],
    ["original", f"max pooled {f}x{f}, blown back up", f"average pooled {f}x{f}, blown back up"],
    vmin=0,
    vmax=1,
)
plt.show()

# %% [markdown]
# The loss **grows with the window** (a window of `f x f` keeps one value in `f²`), though
# more slowly than the window itself (the growth factors are printed above), and max
# pooling loses more than average pooling by this measure: the average is the best single
# value to stand for a window in squared error, the max is biased upwards (the picture above
# is brighter). Whether the lost detail mattered depends on the task: a classifier needs
# "there is a face", a *segmentation* network (one that labels every pixel) needs where every
# edge is, which is why segmentation networks such as U-Net add *skip connections*: they
# hand the unpooled maps from before each pooling layer directly to the later layers that
# rebuild the full-size output.

# %% [markdown]
# <details><summary><b>Further reading</b></summary>
#
# Ronneberger, Fischer & Brox (2015), *U-Net: Convolutional Networks for Biomedical Image
# Segmentation*.
#
# </details>

# %% [markdown]
# ## 4. Over-smoothing and noise
#
# A generated pattern makes the effect exact: a one-pixel-wide bright line, a sharp edge
# between dark and bright that falls inside a pooling window; then, separately, the
# photograph of section 3 sprinkled with a few bright "salt" pixels.

# %%
pattern = np.zeros((16, 16), dtype=np.float32)
pattern[:, 2] = 1.0  # a thin line, 1 pixel wide
pattern[:, 9:] = 1.0  # an edge inside the window covering columns 8 and 9
pooled = {
    mode: pool2d(pattern[None, :, :, None], 2, mode=mode)[0, :, :, 0] for mode in ("max", "avg")
}
LINE_COL, EDGE_COL = 1, 4  # pooled columns holding input columns 2-3 and 8-9


def grey_cells(column):
    """Pooled cells in a column that are neither black (0) nor white (1)."""
    return int(np.sum((column > 0) & (column < 1)))


line_peak = {mode: float(p[:, LINE_COL].max()) for mode, p in pooled.items()}
line_grey = {mode: grey_cells(p[:, LINE_COL]) for mode, p in pooled.items()}
edge_grey = {mode: grey_cells(p[:, EDGE_COL]) for mode, p in pooled.items()}
print("brightness of the thin line after pooling:", line_peak)
print("grey cells in the line's pooled column:", line_grey)
print("grey cells in the edge's pooled column:", edge_grey)
assert line_peak == {"max": 1.0, "avg": 0.5}
assert edge_grey["max"] == line_grey["max"] == 0
assert edge_grey["avg"] == line_grey["avg"] == pooled["avg"].shape[0]  # whole columns
assert sum(grey_cells(c) for c in pooled["avg"].T) == line_grey["avg"] + edge_grey["avg"]

fig = plots.show_images(
    [pattern, pooled["max"], pooled["avg"]],
    ["line and edge, 16x16", "max pooled 2x2", "average pooled 2x2"],
    size=2.6,
    vmin=0,
    vmax=1,
)
for ax in fig.axes:  # a frame, so that white cells at the border do not melt into the page
    ax.set_axis_on()
    ax.set_xticks([])
    ax.set_yticks([])
plt.show()

# %% [markdown]
# Average pooling halves the thin line's brightness and turns the edge into a grey column
# (the line's pooled column is grey too, for the same reason): that is the
# **over-smoothing** (<span lang="zh-Hans">过度平滑</span>) the article warns about. Max pooling keeps the line
# at full brightness and the edge sharp (only moved to the window's border). The flip side
# comes with noise. Add 2 % salt to the photograph and pool it 2x2:

# %%
SALT = 0.02
noisy = data.salt_noise(photo, SALT, seed=0)
salt_effect = {}
for mode in ("max", "avg"):
    clean_pooled = pool2d(photo[None, :, :, None], 2, mode=mode)[0, :, :, 0]
    noisy_pooled = pool2d(noisy[None, :, :, None], 2, mode=mode)[0, :, :, 0]
    error = np.abs(noisy_pooled - clean_pooled)
    salt_effect[mode] = {
        "cells hit": float(np.mean(error > 0.25)),
        "mean error": float(error.mean()),
    }
n_salted = int(np.sum(noisy != photo))
n_pooled = photo.size // 4  # a 2x2 pooling keeps one cell per 4 pixels
print(f"salt pixels in the input: {n_salted:,} of {photo.size:,} ({n_salted / photo.size:.2%})")
for mode, effect in salt_effect.items():
    n_hit = round(effect["cells hit"] * n_pooled)
    print(
        f"{mode}: {n_hit:,} of {n_pooled:,} pooled cells ({effect['cells hit']:.2%}) off by "
        f"more than 0.25, mean error {effect['mean error']:.4f}"
    )
assert salt_effect["max"]["mean error"] > 2 * salt_effect["avg"]["mean error"]
assert salt_effect["max"]["cells hit"] > 3 * SALT > salt_effect["avg"]["cells hit"]
assert salt_effect["max"]["cells hit"] * n_pooled < n_salted  # fewer cells, larger share

crop = (slice(150, 350), slice(150, 350))
plots.show_images(
    [
        noisy[crop],
        pool2d(noisy[crop][None, :, :, None], 2)[0, :, :, 0],
        pool2d(noisy[crop][None, :, :, None], 2, mode="avg")[0, :, :, 0],
    ],
    ["2% salt (crop)", "max pooled 2x2", "average pooled 2x2"],
    vmin=0,
    vmax=1,
)
plt.show()

# %% [markdown]
# Max pooling passes every salt pixel on at full strength. The pooled map has a quarter as
# many cells as the input has pixels, so slightly *fewer* cells are hit than pixels were
# salted (the counts above); but since each output cell sees four input pixels, the *share*
# of badly hit cells is more than three times the share of salted pixels. Average pooling
# divides each outlier by four: one salt pixel can move a 2x2 average by at most 0.25, so only
# windows holding two or more salt pixels cross that line. "Feature selection" by the maximum
# selects whatever is brightest — the feature or the noise.
#
# ## 5. Hyperparameters: a small sweep, read honestly
#
# Window size, stride, max or average, or no pooling layer at all: these choices are
# *hyperparameters*, settings that the person building the network picks (training does not
# learn them). How much does the choice matter for our task? Accuracy on the 256 test images
# for each configuration:

# %% tags=["nbval-ignore-output"]
GRID = ("max", "max 3/2", "max 4/4", "avg", "strided", "allconv", "maxblur", "none")
print(f"{'configuration':<14}" + "".join(f"{f'seed {s}':>8}" for s in SEEDS))
for name in GRID:
    print(f"{name:<14}" + "".join(f"{runs[name, s].test_accuracy:>8.2f}" for s in SEEDS))
best_per_seed = {s: max(GRID, key=lambda n: runs[n, s].test_accuracy) for s in SEEDS}
print("the most accurate configuration:", best_per_seed)

fig, ax = plt.subplots(figsize=(8, 3))
for i, name in enumerate(GRID):
    ax.plot([i] * len(SEEDS), [runs[name, s].test_accuracy for s in SEEDS], "o-", color="C0")
ax.set_xticks(range(len(GRID)), GRID)
ax.set_ylabel(f"test accuracy ({seeds_label})")
ax.set_ylim(0, 1)
ax.axhline(1 / len(CLASSES), ls=":", color="grey", label="chance")
ax.legend()
plt.show()

# %%
config_spread = max(accuracy[n] for n in GRID) - min(accuracy[n] for n in GRID)
assert all(accuracy[n] > 2 / len(CLASSES) for n in GRID)  # every network learns the task
assert accuracy["max 4/4"] < accuracy["max"] and accuracy["strided"] < accuracy["max"]
print("every configuration learns the task (accuracy well above chance);")
print("the 4x4 window and the strided convolutions lose accuracy against 2x2 max pooling")

# %% [markdown]
# One seed is little to judge by. `benchmarks/bench_seeds.py` reruns this notebook with the
# seeds 0 to 7 and prints the two tables below (measured on a 2-core CPU; the last digits can
# differ on another machine). Seed 0 is the run above. Test accuracy:
#
# | seed | `max` | `max 3/2` | `max 4/4` | `avg` | `strided` | `allconv` | `maxblur` | `none` |
# |---|---|---|---|---|---|---|---|---|
# | 0 | 0.87 | 0.95 | 0.62 | 0.79 | 0.75 | 0.91 | 0.85 | 0.86 |
# | 1 | 0.85 | 0.92 | 0.75 | 0.76 | 0.70 | 0.92 | 0.88 | 0.87 |
# | 2 | 0.79 | 0.86 | 0.76 | 0.74 | 0.62 | 0.85 | 0.80 | 0.76 |
# | 3 | 0.78 | 0.80 | 0.69 | 0.74 | 0.70 | 0.75 | 0.74 | 0.87 |
# | 4 | 0.81 | 0.84 | 0.56 | 0.76 | 0.66 | 0.78 | 0.75 | 0.79 |
# | 5 | 0.85 | 0.91 | 0.77 | 0.78 | 0.72 | 0.96 | 0.83 | 0.86 |
# | 6 | 0.82 | 0.88 | 0.74 | 0.69 | 0.70 | 0.86 | 0.81 | 0.78 |
# | 7 | 0.81 | 0.86 | 0.63 | 0.67 | 0.73 | 0.85 | 0.75 | 0.92 |
#
# Consistency, averaged over the shifts of 1 to 6 pixels (section 2b):
#
# | seed | `none` | `max` | `avg` | `strided` | `maxblur` | `allconv` |
# |---|---|---|---|---|---|---|
# | 0 | 0.63 | 0.71 | 0.76 | 0.64 | 0.84 | 0.80 |
# | 1 | 0.67 | 0.71 | 0.71 | 0.60 | 0.81 | 0.86 |
# | 2 | 0.58 | 0.73 | 0.73 | 0.61 | 0.84 | 0.84 |
# | 3 | 0.66 | 0.71 | 0.70 | 0.64 | 0.71 | 0.76 |
# | 4 | 0.59 | 0.73 | 0.73 | 0.57 | 0.78 | 0.72 |
# | 5 | 0.70 | 0.82 | 0.77 | 0.68 | 0.84 | 0.84 |
# | 6 | 0.64 | 0.71 | 0.67 | 0.60 | 0.76 | 0.84 |
# | 7 | 0.76 | 0.77 | 0.80 | 0.64 | 0.88 | 0.84 |
#
# On every one of the eight seeds, every configuration learned the task, the 4x4 window and
# `strided` were less accurate than 2x2 max pooling, and max pooling was more consistent than
# no pooling; anti-aliased max pooling was more consistent still on seven seeds, and at seed 3
# the two round to the same 0.71. The rest moves with the seed.
#
# What to take from such a sweep: several configurations land close together, and **the seed
# alone moves a configuration's accuracy** by an amount comparable to many differences between
# configurations; the most accurate configuration changes from seed to seed. With a few seeds,
# 4 epochs and 256 test images we cannot rank configurations that close; we can only see the
# large effects (for instance a big 4x4 window, or strided convolutions, which in `strided`
# move 2 pixels at a time in both convolutions: a 3x3 window with stride 2 still reads every
# pixel but computes its output at only one position in four, and that can cost accuracy on
# small 32x32 inputs). Springenberg et al. found that a learned strided convolution
# (`allconv`) can replace pooling without loss on CIFAR (a benchmark of small 32x32 colour
# photographs). In our runs it was among the most accurate, not clearly ahead of the best
# pooling. Nor is it a like-for-like swap: it adds a convolution layer after each block, with
# its parameters and multiply-adds (printed in section 2b), and we trained no control with
# the extra layer and the pooling kept. Tuning is real work, as the article says; a 2x2 window
# with stride 2 is a sound default, a learned downsampling is worth trying when you can
# afford it, and sweeps must be read with their noise.
#
# ## 6. Summary: the article's claims against the measurements
#
# The table is built from the variables computed above (nothing is typed in by hand). Numbers
# that come from training depend slightly on the machine, so the table's output is not
# compared when the notebook is checked; the cell after it asserts each verdict.


# %% tags=["nbval-ignore-output"]
# Not compared by nbval: the table holds training-dependent numbers (and nbval would only see
# "<IPython.core.display.Markdown object>" anyway). The next cell asserts every verdict.
def pct(value):
    return f"{value:.0%}"


claims = [
    (
        "Dimension reduction: less computation and fewer parameters",
        f"no pooling vs 2x2 max: {madd_ratio:.1f}x multiply-adds, {memory_ratio:.1f}x "
        f"activations, {param_ratio:.1f}x parameters — but the pooling layers have 0 "
        f"parameters; the saving is in the dense layer after them ({pct(dense_share)} of the "
        "no-pooling network's parameters)",
        "holds (parameters: only indirectly)",
    ),
    (
        "... which helps avoid overfitting",
        f"train / test accuracy: no pooling {pct(train_accuracy['none'])} / "
        f"{pct(accuracy['none'])}, max {pct(train_accuracy['max'])} / {pct(accuracy['max'])}",
        "holds partly (smaller gap, not guaranteed)",
    ),
    (
        "Translation invariance: position does not affect the classification",
        f"1-pixel shift leaves {pct(max_in_place_1)} of a max-pooled map unchanged, 2 pixels "
        f"{pct(unchanged['max', False][2])}; trained consistency at a "
        f"{SHIFT_RANGE[-1]}-pixel shift: max {pct(consistency['max'][-1])}, "
        f"anti-aliased {pct(consistency['maxblur'][-1])}, none {pct(consistency['none'][-1])}, "
        f"learned downsampling (allconv) {pct(consistency['allconv'][-1])}",
        "overstated (partial, measurable)",
    ),
    (
        "Feature selection: max keeps the most salient feature",
        f"thin line after 2x2 pooling: max {line_peak['max']:.1f}, average {line_peak['avg']:.1f}; "
        f"but max passes salt noise on: {pct(salt_effect['max']['cells hit'])} of pooled cells "
        f"off by > 0.25 from {pct(SALT)} salt (average: {salt_effect['avg']['cells hit']:.1%})",
        "holds partly (noise is salient too)",
    ),
    (
        "Information loss",
        f"RMSE after pool + upsample, f = {POOL_SIZES[0]} → {POOL_SIZES[-1]}: max "
        f"{rmse['max'][0]:.3f} → {rmse['max'][-1]:.3f}, average {rmse['avg'][0]:.3f} → "
        f"{rmse['avg'][-1]:.3f}",
        "holds (grows with the window)",
    ),
    (
        "Over-smoothing",
        f"average pooling halves a thin line ({line_peak['avg']:.1f}) and greys an edge "
        f"({edge_grey['avg']} grey cells in its pooled column); max: {edge_grey['max']}",
        "holds for average pooling",
    ),
    (
        "Hyperparameters need tuning",
        f"test accuracy spread over {len(GRID)} configurations: {config_spread:.2f} "
        f"({seeds_label}); over eight seeds (section 5), the seed alone moves each configuration, and the most "
        "accurate one changes",
        "holds partly (defaults work; read sweeps with their noise)",
    ),
]
table = "| article's claim | measured here | verdict |\n|---|---|---|\n"
table += "\n".join(f"| {c} | {e} | {v} |" for c, e, v in claims)
display(Markdown(table))

# %%
# Each verdict of the table, as the inequality that supports it.
overfit_gap = {name: train_accuracy[name] - accuracy[name] for name in ("none", "max")}
verdicts = {
    "dimension reduction holds, parameters only indirectly": (
        madd_ratio > 1 and memory_ratio > 1 and param_ratio > 1 and pool_params == [0, 0]
    ),
    "overfitting: a smaller train/test gap with pooling": overfit_gap["none"] > overfit_gap["max"],
    "invariance overstated": 0 < max_in_place_1 < 1
    and all(v[-1] < 0.95 for v in consistency.values()),
    "feature selection holds partly": (
        line_peak["max"] > line_peak["avg"]
        and salt_effect["max"]["cells hit"] > salt_effect["avg"]["cells hit"]
    ),
    "information loss grows with the window": rmse["max"] == sorted(rmse["max"]),
    "over-smoothing by average pooling": edge_grey["avg"] > edge_grey["max"] == 0,
    "hyperparameters: the choice matters": config_spread > 0.1,
}
assert all(verdicts.values()), [k for k, ok in verdicts.items() if not ok]
print(f"all {len(verdicts)} verdicts of the table hold")

# %% [markdown]
# ### Which pooling when
#
# - **Classifier, default choice:** 2x2 max pooling with stride 2 after a convolution block;
#   end with global average pooling (lesson 5) rather than flattening.
# - **Objects move and the answer must not flicker:** anti-aliased pooling (blur before
#   subsampling, lesson 7), plus shifted copies of the training images; a learned strided
#   convolution did even better in our small runs, at the price of a larger network.
# - **Noisy inputs with bright outliers, or you need smooth values (regression, that is
#   predicting a number rather than a class; texture):**
#   average pooling — it divides an outlier by the window size.
# - **Thin, sparse, bright features (edges, strokes, detections):** max pooling — averaging
#   dilutes them.
# - **Fine spatial detail matters (segmentation, or locating keypoints such as the corners
#   of the eyes):** pool little, and pass the unpooled maps on (skip connections), or use
#   strided convolutions that learn what to keep.
# - **Want the network to learn its own downsampling:** a strided convolution (more
#   parameters, no fixed rule) — compare it with pooling on your data, with several seeds.
#
# ## Summary
#
# - Pooling has no parameters; it reduces activation memory and the work and parameters of
#   what follows it.
# - A 2x2, stride-2 max pool absorbs some one-pixel shifts (about a third of its outputs on a
#   random map) and is exactly equivariant only to even shifts. In our small runs (one seed,
#   4 epochs, 320 training and 256 test images; the same on eight seeds), trained networks
#   with max pooling kept their answer under small shifts more often than the one without
#   (whose large `Flatten` head may share the blame), anti-aliased ones more often still; a
#   learned strided convolution also did better than max pooling, in seven of the eight seeds
#   (with an extra layer and more parameters). No network here ignores position.
# - The information pooling loses grows with the window, though more slowly than the window
#   (section 3 printed the factors); average pooling loses less in squared error but blurs
#   thin lines and edges; max pooling keeps them and passes outliers on.
# - Hyperparameter sweeps on small tasks are noisy: the most accurate configuration changed
#   from seed to seed; report the spread across seeds.
#
# ## Check yourself
#
# Exercises in [`exercises/ex06_tradeoffs.ipynb`](../exercises/ex06_tradeoffs.ipynb):
#
# - **6.1** Predict, then measure: the share of a max-pooled map unchanged by a 1-pixel shift.
# - **6.2** How much smaller a pooled batch is than its input, in MiB: what the layers after
#   the pooling receive and keep.
# - **6.3–6.5** Choose a pooling for a described situation (stars in the night sky, glare on
#   satellite images, a flickering answer under a size limit); each option is explained.
#
# The last cell prints how long this notebook took (about 25 seconds on an idle 2-core CPU
# when it was last measured).

# %% tags=["nbval-ignore-output"]
print(f"notebook run time: {time.perf_counter() - START:.0f} s")
