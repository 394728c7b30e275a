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
# # Lesson 7 — Beyond max and average
#
# Max pooling (<span lang="zh-Hans">最大池化</span>) and average pooling (<span lang="zh-Hans">平均池化</span>) are the two poolings
# (<span lang="zh-Hans">池化</span>) every framework ships, but they are two points of larger families. This lesson
# tours the variants you will meet in papers and in library code, each with a reference
# implementation from `course_lib.pooling.variants`, one figure, and one sentence on when it is
# used.
#
# **This lesson is a tour for later.** Nothing in the course depends on it, and there is no
# need to remember every variant. Read it once to know the names, run the cells, and come back
# when you meet one of them in a paper or in library code. Where a section names papers, they
# are in a collapsible "Further reading" box: skip those on a first reading.
#
# **After this lesson you will be able to**
#
# - write Lp (power-mean) pooling and show that it runs from average (p = 1) to max (p → ∞);
# - explain stochastic pooling: a random pick while training, its expectation at test time;
# - mix max and average with one weight;
# - say why blurring before subsampling (anti-aliased pooling) makes a network less
#   sensitive to one-pixel shifts;
# - pool any input to a fixed output size (adaptive pooling, spatial pyramid pooling);
# - use 1-D and 3-D pooling layers in Keras and predict their output shapes;
# - recognise attention pooling as a *learned* weighted average.
#
# **Time:** about 30 minutes. The whole notebook runs in about 15 seconds on a 2-core CPU.

# %%
import matplotlib.pyplot as plt
import numpy as np

import course_lib
from course_lib.lab import data
from course_lib.pooling import output_size, pool2d
from course_lib.pooling.variants import (
    adaptive_pool2d,
    adaptive_windows,
    lp_pool2d,
    max_blur_pool2d,
    mixed_pool2d,
    spatial_pyramid_pool,
    stochastic_pool2d,
    stochastic_pool_probabilities,
)
from course_lib.viz import plots

np.set_printoptions(precision=3, suppress=True)
ARTICLE = np.array([[2, 2, 7, 3], [9, 4, 6, 1], [8, 5, 2, 4], [3, 1, 2, 6]], dtype=float)
x = ARTICLE[None, :, :, None]  # a batch of one map with one channel: (N, H, W, C)
print("course_lib", course_lib.__version__)

# %% [markdown]
# Throughout, `x` is the 4x4 example from the earlier lessons. Its 2x2, stride-2 max pooling is
# `[[9, 7], [8, 6]]` and its average pooling `[[4.25, 4.25], [4.25, 3.5]]`.
#
# ## 1. Lp pooling: one dial from average to max
#
# Lp pooling (<span lang="zh-Hans">Lp 池化</span>, also "power-mean pooling") replaces the window's values `v` by
#
# $$\Big(\frac{1}{|R|}\sum_{v \in R} |v|^p\Big)^{1/p}.$$
#
# (`R` is the window, a *region* of the map, `|R|` the number of values in it, 4 for a 2x2
# window, and `|v|` the absolute
# value of `v`.) At `p = 1` this is the average of `|v|`; as `p` grows the largest value
# dominates the sum, and in the limit it is the maximum. For non-negative activations, as
# after a [ReLU](00_start_here.ipynb#nn-relu) (which replaces every negative value by 0), the
# two classic poolings are the two ends of one dial.

# %%
for p in [1, 2, 4, 16, 64, np.inf]:
    print(f"p = {p:>4}:", lp_pool2d(x, p, 2)[0, :, :, 0].round(3).tolist())

assert np.allclose(lp_pool2d(x, 1, 2), pool2d(x, 2, mode="avg"))
assert np.array_equal(lp_pool2d(x, np.inf, 2), pool2d(x, 2, mode="max"))

# %% [markdown]
# The figure follows the top-left window `[2, 2, 9, 4]` as `p` grows: the value climbs from
# the average 4.25 towards the maximum 9 but, for any finite `p`, stays below it.

# %%
powers = np.geomspace(1, 200, 60)
curve = [lp_pool2d(x, p, 2)[0, 0, 0, 0] for p in powers]
fig, ax = plt.subplots(figsize=(6, 3))
ax.semilogx(powers, curve, label="Lp pooling of [2, 2, 9, 4]")
ax.axhline(pool2d(x, 2, mode="avg")[0, 0, 0, 0], ls="--", color="C1", label="average (p = 1)")
ax.axhline(pool2d(x, 2, mode="max")[0, 0, 0, 0], ls=":", color="C2", label="max (p → ∞)")
ax.set_xlabel("p")
ax.set_ylabel("pooled value")
ax.legend()
plt.show()

# %% [markdown]
# **Limits.** Lp pooling pools `|v|`, so it loses the sign: a window gives the same value when
# its `9` becomes `-9`. It only interpolates between average and max for non-negative input.
# Large `p` is numerically delicate (`9**400` overflows 64-bit floats); `lp_pool2d` divides by
# the window's maximum first.

# %%
print("pooled |v| loses the sign:", lp_pool2d(-x, 2, 2)[0, :, :, 0].round(3).tolist())
with np.errstate(over="ignore"):
    print("9.0 ** 400 in float64:", np.float64(9.0) ** 400)
print("lp_pool2d with p = 400:", lp_pool2d(x, 400, 2)[0, :, :, 0].round(3).tolist())
assert np.allclose(lp_pool2d(-x, 2, 2), lp_pool2d(x, 2, 2))

# %% [markdown]
# **Frameworks differ.** PyTorch's `LPPool2d` is *not* this formula. It uses the **sum**
# instead of the mean, and it takes **no absolute value**: it adds up the signed `v ** p` into
# a sum `S` and takes the `p`-th root of `S`. At `p = 1` the root changes nothing and the sign
# of the sum survives; for other `p`, the root is computed as `S ** (1 / p)`, which for a
# negative `S` is NaN ("not a number") in floating point (even where a real root exists,
# such as the cube root of `-8`), and so is a negative `v` raised to a `p` that is not a
# whole number. Below, its rule written in NumPy, on windows with negative values and on the
# article's first window:


# %%
def torch_style_lp(window, p):
    """PyTorch's LPPool2d rule on one window: S ** (1/p), S = sum of v ** p (NaN if S < 0)."""
    with np.errstate(invalid="ignore"):  # NaN is the expected result, not an accident
        total = np.sum(np.asarray(window, dtype=float) ** p)
        return float(total) if p == 1 else float(np.power(total, 1 / p))


def ours(window, p):
    """lp_pool2d on one 2x2 window."""
    return lp_pool2d(np.reshape(window, (1, 2, 2, 1)), p, 2).item()


signed = [-4.0, 2.0, -2.0, 4.0]
print(f"[-4, 2, -2, 4], p = 1: PyTorch's rule {torch_style_lp(signed, 1)}, ours {ours(signed, 1)}")
first = [2.0, 2.0, 9.0, 4.0]
ratio_lp = torch_style_lp(first, 2) / ours(first, 2)
print(f"[2, 2, 9, 4], p = 2: PyTorch's rule / ours = {ratio_lp:.4f}, and 4 ** (1/2) = 2")
negative_sum = [-6.0, 3.0, -1.0, 2.0]  # -6 + 3 - 1 + 2 = -2
print(
    f"[-6, 3, -1, 2]: PyTorch's rule at p = 1: {torch_style_lp(negative_sum, 1)}, "
    f"at p = 3: {torch_style_lp(negative_sum, 3)}"
)
assert torch_style_lp(signed, 1) == 0.0 and ours(signed, 1) == 3.0
assert np.isclose(ratio_lp, 4 ** (1 / 2))
assert torch_style_lp(negative_sum, 1) == -2.0 and np.isnan(torch_style_lp(negative_sum, 3))

# %% [markdown]
# On `[-4, 2, -2, 4]` the signed values cancel: PyTorch's rule gives 0 where ours gives 3.
# On `[-6, 3, -1, 2]` the sum is negative: -2 at `p = 1`, NaN at `p = 3`. On non-negative
# input (or with an even `p`, where every `v ** p` is non-negative) the two agree up to a
# constant factor: the sum is the mean times `|R|`, so PyTorch's result is ours times
# `|R| ** (1/p)` (2 for a 2x2 window at p = 2). (This rule was checked against PyTorch
# 2.13's `LPPool2d` when the lesson was written; you do not need PyTorch here.)

# %% [markdown]
# **When it is used:** "L2 pooling" (p = 2) appeared in early convolutional networks and in
# models of the visual cortex; today it is rare, but it is the cleanest way to see that max and
# average are not the only choice.

# %% [markdown]
# <details><summary><b>Further reading</b></summary>
#
# L2 pooling in a convolutional network: Sermanet, Chintala & LeCun (2012), *Convolutional
# Neural Networks Applied to House Numbers Digit Classification*.
#
# </details>

# %% [markdown]
# ## 2. Stochastic pooling: random while training, expected at test time
#
# Stochastic pooling (<span lang="zh-Hans">随机池化</span>) works on non-negative activations. While
# [training](00_start_here.ipynb#nn-training) (the phase where the network's weights are
# adjusted), each window picks **one** of its cells at random, with probability proportional
# to the cell's value, and outputs that value. At test time (when the trained network is used)
# it outputs the **expected** value of that pick, `sum(p_i * v_i)` with `p_i = v_i / sum(v)`,
# which lies between the average and the maximum.

# %%
values, prob = stochastic_pool_probabilities(x, 2)
print("top-left window:", values[0, 0, 0, 0].tolist())
print("pick probabilities:", prob[0, 0, 0, 0].round(3).tolist())
print("test-time output:", stochastic_pool2d(x, 2, training=False)[0, :, :, 0].round(3).tolist())
print("one training draw:", stochastic_pool2d(x, 2, rng=0)[0, :, :, 0].tolist())

# %% [markdown]
# Draw many times (each with its own seed) and count how often each cell of the top-left
# window wins; the mean of the draws should approach the test-time output.

# %%
draws = np.array([stochastic_pool2d(x, 2, rng=seed)[0, 0, 0, 0] for seed in range(2000)])
window = values[0, 0, 0, 0]
frequency = [np.mean(draws == v) for v in np.unique(window)]
expected = float(stochastic_pool2d(x, 2, training=False)[0, 0, 0, 0])
print(f"mean of 2000 draws: {draws.mean():.2f}   test-time output: {expected:.2f}")
assert abs(draws.mean() - expected) < 0.2

fig, ax = plt.subplots(figsize=(6, 3))
labels = [f"value {v:g}" for v in np.unique(window)]
theory = [prob[0, 0, 0, 0][window == v].sum() for v in np.unique(window)]
pos = np.arange(len(labels))
ax.bar(pos - 0.2, theory, width=0.4, label="probability (value / sum)")
ax.bar(pos + 0.2, frequency, width=0.4, label="share of 2000 draws")
ax.set_xticks(pos, labels)
ax.set_ylabel("how often it is picked")
ax.set_title("Stochastic pooling of the window [2, 2, 9, 4]")
ax.legend()
plt.show()

# %% [markdown]
# **When it is used:** as a *regulariser*, something that keeps a network from memorising its
# training images, when data are scarce: the random pick acts a little like *dropout* (a layer
# that, while training, zeroes a random part of its input), which is older (2012) and was
# the regulariser it was offered beside. Dropout, *data augmentation* (training on shifted,
# flipped or cropped copies of the images) and *batch normalisation* (a layer that rescales
# each channel's values to a standard mean and spread during training) remained the standard
# regularisers, and stochastic pooling is rarely used in current networks.

# %% [markdown]
# <details><summary><b>Further reading</b></summary>
#
# Zeiler & Fergus (2013), *Stochastic Pooling for Regularization of Deep Convolutional Neural
# Networks*.
#
# </details>

# %% [markdown]
# ## 3. Mixed pooling: a weighted blend of max and average
#
# Mixed pooling (<span lang="zh-Hans">混合池化</span>) outputs `alpha * max + (1 - alpha) * average`. One version
# *learns* `alpha` (one per layer or per channel) along with the network's other
# [weights](00_start_here.ipynb#nn-weights); another instead chooses max or average at random
# while training.

# %%
photo = data.sample_photo(gray=True)[::4, ::4]  # 150 x 128, enough to see the effect
batch = photo[None, :, :, None]
alphas = [0.0, 0.5, 1.0]
mixed = [mixed_pool2d(batch, a, 4)[0, :, :, 0] for a in alphas]
assert np.allclose(mixed[0], pool2d(batch, 4, mode="avg")[0, :, :, 0])
assert np.allclose(mixed[2], pool2d(batch, 4, mode="max")[0, :, :, 0])
print(
    "mean brightness:", {a: round(float(m.mean()), 3) for a, m in zip(alphas, mixed, strict=True)}
)
plots.show_images(
    [photo, *mixed],
    ["input 150x128", *[f"alpha = {a} (4x4 pool)" for a in alphas]],
    vmin=0,
    vmax=1,
)
plt.show()

# %% [markdown]
# Moving `alpha` from 0 to 1 brightens the result (the maximum of a window is at least its
# average) and sharpens bright details. **When it is used:** when you would rather let
# training decide between max and average than choose yourself; the gains reported are small.

# %% [markdown]
# <details><summary><b>Further reading</b></summary>
#
# Learned mixing weight: Lee, Gallagher & Tu (2016), *Generalizing Pooling Functions in
# Convolutional Neural Networks: Mixed, Gated, and Tree*. Random choice between max and
# average: Yu et al. (2014), *Mixed Pooling for Convolutional Neural Networks*.
#
# </details>

# %% [markdown]
# ## 4. Anti-aliased pooling: blur, then subsample
#
# A 2x2 max pool with stride 2 does two things at once: it takes a maximum, and it keeps only
# every second position (*subsampling*). Subsampling a pattern that changes from one pixel to
# the next causes **aliasing** (<span lang="zh-Hans">混叠</span>): fine detail is folded into a coarse pattern that
# depends on where the grid happens to fall. Anti-aliased pooling splits the operation: a dense
# max (stride 1), then a small blur, then the subsampling. This is **MaxBlurPool**
# (<span lang="zh-Hans">抗混叠池化</span>, anti-aliased pooling). Blurring before subsampling is an old idea of
# signal processing; Zhang (2019) brought it into max pooling as MaxBlurPool and tried several
# blur filters of growing width (his Rect-2 `[1, 1] / 2`, Tri-3 `[1, 2, 1] / 4`, Bin-5
# `[1, 4, 6, 4, 1] / 16`, among others); `max_blur_pool2d` uses Tri-3, `[1, 2, 1] / 4` in each direction, unless you
# pass another `blur_size`.
#
# Below, vertical stripes 2 pixels wide are shifted by 0 to 3 pixels. Plain max pooling
# flips between stripes and a flat white image; on this pattern the blurred version changes
# half as much (the ratio is printed; other patterns give other ratios).

# %%
pattern = data.stripes(16, period=4)
shifts = [0, 1, 2, 3]
shifted = [data.shift_image(pattern, 0, s, mode="wrap")[None, :, :, None] for s in shifts]
plain = [pool2d(im, 2, mode="max")[0, :, :, 0] for im in shifted]
blurred = [max_blur_pool2d(im, 2, 2, blur_size=3)[0, :, :, 0] for im in shifted]


def change(outputs):
    """Mean absolute change of a pooled map between shift 0 and shift 1."""
    return float(np.abs(outputs[1] - outputs[0]).mean())


ratio = change(blurred) / change(plain)
print(
    f"change of the output for a 1-pixel shift: max pool {change(plain):.3f}, "
    f"MaxBlurPool {change(blurred):.3f} (ratio {ratio:.2f})"
)
assert np.isclose(ratio, 0.5)

fig, axes = plt.subplots(2, 4, figsize=(9, 4.6))
for k, s in enumerate(shifts):
    for row, (name, outs) in enumerate([("max pool", plain), ("MaxBlurPool", blurred)]):
        axes[row, k].imshow(outs[k], cmap="gray", vmin=0, vmax=1, interpolation="nearest")
        axes[row, k].set_title(f"{name}, shift {s}", fontsize=9)
        axes[row, k].set_xticks([])  # no ticks, but keep the frame: an all-white map
        axes[row, k].set_yticks([])  # would otherwise vanish into the page
fig.tight_layout()
plt.show()

# %% [markdown]
# One detail of the figure is a border effect, not anti-aliasing: the first and last
# columns of the MaxBlurPool maps can differ from the inner ones. The dense max of a 16-column
# map has only 15 columns, and the blur pads the border by reflection, whereas the stripes
# wrap around. Read the inner columns.
#
# **When it is used:** in classifiers that should change their answer less when the object
# moves by a pixel (Zhang reports higher accuracy *and* a more stable answer under shifts on
# ImageNet, a benchmark of 1.3 million photographs in 1000 classes); lesson 6 measures the
# effect on trained networks. The price: a little extra computation and a softer output.

# %% [markdown]
# <details><summary><b>Further reading</b></summary>
#
# Zhang (2019), *Making Convolutional Networks Shift-Invariant Again* (ICML): the blur
# filters Rect-2, Tri-3 and Bin-5 are compared in its ImageNet tables.
#
# </details>
#
# ## 5. Adaptive pooling: choose the output size, not the window
#
# Ordinary pooling fixes the window and stride, and the output size follows from the input
# size. Adaptive pooling (<span lang="zh-Hans">自适应池化</span>) fixes the **output size** and computes the windows. PyTorch's
# `AdaptiveAvgPool2d` (and Keras's `AdaptiveAveragePooling2D`) use, along each axis of length
# `n` pooled to `out` cells, the windows
#
# $$\text{start}_i = \Big\lfloor \frac{i\,n}{out} \Big\rfloor,\qquad
#   \text{end}_i = \Big\lceil \frac{(i+1)\,n}{out} \Big\rceil .$$
#
# When `out` divides `n` they are ordinary windows of size and stride `n / out`; otherwise
# their sizes differ by at most one (n = 5 to 3 cells gives sizes 2, 3, 2) and neighbours may
# overlap.

# %%
for n in [5, 6, 7, 10]:
    print(f"n = {n:>2} -> 3 cells:", adaptive_windows(n, 3))
assert [b - a for a, b in adaptive_windows(5, 3)] == [2, 3, 2]

fig, axes = plt.subplots(1, 3, figsize=(10, 1.8))
for ax, n in zip(axes, [6, 7, 10], strict=True):
    for i, (a, b) in enumerate(adaptive_windows(n, 3)):
        ax.barh(i, b - a, left=a, color=plots.window_color(i), alpha=0.7)
    ax.set_xticks(range(n + 1))
    ax.set_yticks([])
    ax.set_xlim(0, n)
    ax.set_title(f"n = {n} pooled to 3 cells", fontsize=10)
fig.tight_layout()
plt.show()

# %% [markdown]
# Our implementation agrees with Keras's layer, and with ordinary pooling when sizes divide:

# %%
keras = course_lib.frameworks.import_keras()

rng = np.random.default_rng(0)
odd = rng.random((1, 7, 10, 2)).astype("float32")
adaptive_ours = adaptive_pool2d(odd, (3, 4), "avg")
theirs = np.asarray(keras.layers.AdaptiveAveragePooling2D((3, 4))(odd))
print("matches Keras to 1e-6:", bool(np.abs(adaptive_ours - theirs).max() < 1e-6))
even = rng.random((1, 8, 8, 2))
assert np.allclose(adaptive_pool2d(even, 4, "max"), pool2d(even, 2, mode="max"))

# %% [markdown]
# **Spatial pyramid pooling** (<span lang="zh-Hans">空间金字塔池化</span>) pools the same map adaptively to
# several grids, say 1x1, 2x2 and 4x4, and concatenates the results. With `C` channels the
# vector has `C * (1 + 4 + 16)` numbers **whatever the input size**, so a
# [dense layer](00_start_here.ipynb#nn-dense) can follow a convolutional network that accepts
# images of any size.

# %%
for h, w in [(32, 32), (45, 60), (150, 128)]:
    features = rng.random((1, h, w, 8))
    print(
        f"input {h:>3}x{w:<3} x 8 channels -> SPP vector of length",
        spatial_pyramid_pool(features, (1, 2, 4)).shape[1],
    )
assert spatial_pyramid_pool(rng.random((1, 45, 60, 8))).shape == (1, 8 * 21)

fig, axes = plt.subplots(1, 3, figsize=(9, 3.4))
for ax, level in zip(axes, (1, 2, 4), strict=True):
    ax.imshow(photo, cmap="gray", interpolation="nearest")
    for a, _ in adaptive_windows(photo.shape[0], level)[1:]:
        ax.axhline(a - 0.5, color="yellow")
    for a, _ in adaptive_windows(photo.shape[1], level)[1:]:
        ax.axvline(a - 0.5, color="yellow")
    ax.set_title(f"level {level}x{level}: {level * level} cell(s) per channel", fontsize=9)
    ax.set_axis_off()
fig.tight_layout()
plt.show()

# %% [markdown]
# **When it is used:** adaptive average pooling to 1x1 is the last pooling of most image
# classifiers (it is global average pooling, lesson 5), which is why they accept images of any
# size; pyramid pooling appears in *detection* (finding and boxing objects in an image) and
# *segmentation* (labelling every pixel).

# %% [markdown]
# <details><summary><b>Further reading</b></summary>
#
# Spatial pyramid pooling: He, Zhang, Ren & Sun (2014), *Spatial Pyramid Pooling in Deep
# Convolutional Networks for Visual Recognition* (SPP-net). The pyramid pooling module of
# PSPNet: Zhao et al. (2017), *Pyramid Scene Parsing Network*. ResNet's head in torchvision is
# `AdaptiveAvgPool2d((1, 1))`.
#
# </details>
#
# ## 6. Pooling in one and three dimensions
#
# Nothing in pooling is specific to images. Keras has `MaxPooling1D` / `AveragePooling1D` for
# sequences `(batch, steps, features)` — audio, sensor readings, text (each word turned into
# a vector of numbers, an *embedding*) — and
# `MaxPooling3D` / `AveragePooling3D` for volumes `(batch, depth, height, width, channels)` —
# video clips, CT and MRI scans. Each axis follows the same rule as before,
# `floor((n + 2p - f) / s) + 1`, which `output_size` computes.

# %%
signal = np.sin(np.linspace(0, 6 * np.pi, 60)) + 0.3 * rng.standard_normal(60)
seq = signal.reshape(1, 60, 1).astype("float32")
pooled_seq = np.asarray(keras.layers.MaxPooling1D(pool_size=4, strides=2)(seq))
print("MaxPooling1D(4, 2):", seq.shape, "->", pooled_seq.shape)
assert pooled_seq.shape[1] == output_size(60, 4, 2)

volume = rng.random((2, 16, 32, 32, 3)).astype("float32")
pooled_vol = keras.layers.AveragePooling3D(pool_size=(2, 4, 4))(volume)
print("AveragePooling3D((2, 4, 4)):", volume.shape, "->", tuple(pooled_vol.shape))
assert tuple(pooled_vol.shape) == (2, 8, 8, 8, 3)

fig, ax = plt.subplots(figsize=(7, 2.8))
ax.plot(np.arange(60), signal, ".-", lw=0.8, label="signal (60 steps)")
centres = np.arange(pooled_seq.shape[1]) * 2 + 1.5  # window i covers steps 2i .. 2i+3
ax.step(centres, pooled_seq[0, :, 0], where="mid", color="C3", label="MaxPooling1D(4, stride 2)")
ax.set_xlabel("step")
ax.legend(loc="lower left", fontsize=8)
plt.show()

# %% [markdown]
# **When it is used:** 1-D pooling in audio and time-series networks and in text networks
# (where a global max over the words picks the strongest match of each feature anywhere in the
# sentence); 3-D pooling in video and medical-volume networks, often with a smaller window
# along time or depth than in space.
#
# ## 7. Attention pooling: a learned weighted average
#
# Average pooling gives every cell the weight `1/|R|` (`|R|` cells in the window); max pooling gives all the weight to one
# cell. **Attention pooling** lets the network compute the weights from the content:
# `w = softmax(score(v))`, output `sum(w_i * v_i)`, with a small learned scoring function.
# ([softmax](00_start_here.ipynb#nn-softmax) turns any list of numbers into positive weights
# that add up to 1, the largest number getting the largest weight.) With
# the score `beta * v` a single number `beta` already moves between the two classic cases:
# `beta = 0` is the average and large `beta` approaches the max.

# %%
window = np.array([2.0, 2.0, 9.0, 4.0])
betas = np.linspace(0, 3, 31)


def softmax_pool(v, beta):
    """Softmax-weighted average of v, with weights exp(beta * v) / sum."""
    weights = np.exp(beta * (v - v.max()))
    return float((weights * v).sum() / weights.sum())


print({b: round(softmax_pool(window, b), 3) for b in (0.0, 0.5, 1.0, 3.0)})
assert softmax_pool(window, 0.0) == window.mean()
fig, ax = plt.subplots(figsize=(6, 2.8))
ax.plot(betas, [softmax_pool(window, b) for b in betas], label="softmax-weighted average")
ax.axhline(window.mean(), ls="--", color="C1", label="average")
ax.axhline(window.max(), ls=":", color="C2", label="max")
ax.set_xlabel("beta (sharpness of the weights)")
ax.legend(fontsize=8)
plt.show()

# %% [markdown]
# In real models the score is a learned function, not `beta * v`. **When it is used:**
# wherever a set of vectors must become one: the patches of a large image, the words of a
# sentence, the elements of a set, and, in some image networks, the last feature map, in place
# of global average pooling.

# %% [markdown]
# <details><summary><b>Further reading</b></summary>
#
# - A bag of image patches: Ilse, Tomczak & Welling (2018), *Attention-based Deep Multiple
#   Instance Learning*.
# - The words of a sentence: Lin et al. (2017), *A Structured Self-Attentive Sentence
#   Embedding*.
# - The elements of a set: Lee et al. (2019), *Set Transformer* ("pooling by multihead
#   attention").
# - The last feature map: CLIP's ResNet image encoders (Radford et al. 2021) replace global
#   average pooling by an attention pooling layer. In vision transformers (ViT, Dosovitskiy et
#   al. 2021), including CLIP's own, a learned "class token" plays the same role.
#
# </details>
#
# ## Summary
#
# - **Lp pooling** is one dial: average at p = 1, max as p → ∞ (for non-negative input).
#   PyTorch's `LPPool2d` sums the signed powers instead (0 for `[-4, 2, -2, 4]` at p = 1).
# - **Stochastic pooling** picks one value at random in proportion to its size while
#   training; at test time it outputs that pick's expectation.
# - **Mixed pooling** blends max and average with a weight that can be learned.
# - **Anti-aliased pooling** blurs before subsampling (the course's default blur is Tri-3,
#   `[1, 2, 1] / 4`), so a one-pixel shift changes the output less.
# - **Adaptive pooling** fixes the output size (windows `floor(i n / out)` to
#   `ceil((i + 1) n / out)`); **spatial pyramid pooling** concatenates several such grids into
#   a vector whose length does not depend on the input size.
# - The same pooling rules hold in **1-D and 3-D** (`MaxPooling1D`, `AveragePooling3D`).
# - **Attention pooling** learns the weights of a weighted average from the content.
#
# ## Check yourself
#
# Exercises in [`exercises/ex07_beyond.ipynb`](../exercises/ex07_beyond.ipynb):
#
# - **7.1** Write Lp pooling yourself and watch where it stops behaving like max pooling.
# - **7.2** Compute the course's Lp pooling and PyTorch's rule on a new window with negative
#   values.
# - **7.3** What shape does `MaxPooling1D(pool_size=3, strides=2)` give for a `(8, 100, 16)`
#   input?
#
# And without a checker:
#
# - For the window `[1, 3]`, what does stochastic pooling output at test time? Work it out,
#   then check with `stochastic_pool2d(np.array([[[[1.0], [3.0]]]]), (1, 2), training=False)`.
# - Which windows does adaptive pooling use to pool 10 cells to 4? Compute them by hand, then
#   with `adaptive_windows(10, 4)`.
