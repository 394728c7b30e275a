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
# # Lesson 0 — Start here
#
# Welcome to **Pooling, from first principles**, a hands-on course on the pooling layers
# (<span lang="zh-Hans">池化层</span>, *pooling*) of convolutional neural networks.
#
# **After this page you can**
#
# 1. check that your machine runs the course;
# 2. find your way through the lessons and their exercises;
# 3. say in a sentence, with a small example, what the neural-network words the lessons use
#    mean: layer, weights, `Dense`, `Conv2D`, ReLU, `Flatten`, softmax, loss, gradient,
#    `dout`/`dx`, epoch, `fit`, RMSE, invariance;
# 4. run an exercise check, read what it tells you, and ask for a hint.
#
# **Time:** about 25 minutes: 10 for parts 1–3 and 5, and 15 for part 4, *Just enough neural
# network*, which you can skip if you have trained a network before.
#
# **How to use a notebook.** Run the cells from top to bottom with **Shift+Enter**. If
# something looks odd, use *Kernel → Restart Kernel and Run All Cells*: every page of this
# course is written to run top to bottom on an ordinary laptop, without a GPU and without an
# internet connection: measured on a 2-core machine, each lesson takes 10 to 30 seconds.

# %% [markdown]
# ## 1. Is your machine ready?
#
# `course_lib` is the course's small Python library. Importing it also chooses how Keras (the
# library the lessons use to build neural networks) runs: on the JAX backend (the library that
# does the arithmetic under Keras), on the CPU, unless you have chosen another backend yourself
# (by setting the environment variable `KERAS_BACKEND`). `doctor()` checks everything the course
# needs and says in plain words what to do if something is missing.

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
# | 2 | `02_output_size` | compute the output size for any window, stride (<span lang="zh-Hans">步幅</span>) and [padding](#nn-padding) (<span lang="zh-Hans">填充</span>), the way Keras and PyTorch really do it |
# | 3 | `03_max_pooling` | write max pooling (<span lang="zh-Hans">最大池化</span>) with loops, then fast; its backward pass |
# | 4 | `04_average_pooling` | write average pooling (<span lang="zh-Hans">平均池化</span>); see it is a blur followed by subsampling |
# | 5 | `05_global_pooling` | use global pooling (<span lang="zh-Hans">全局池化</span>) as a classifier head, and read a class activation map |
# | 6 | `06_tradeoffs` | **measure** what pooling buys (smaller, cheaper, partly shift-invariant) and what it costs |
# | 7 | `07_beyond` | meet the other poolings: Lp, stochastic, mixed, anti-aliased, adaptive, pyramid |
#
# The lessons assume you know what a layer, a loss or a gradient is. If you do not, part 4 of
# this page, *Just enough neural network*, defines each of those words with a small example,
# and the lessons link back to it. The [glossary](glossary.md) lists the course's key terms in
# English and Chinese, each with a link to where it is defined.
#
# Each lesson is in the `notebooks/` folder. Each lesson from 1 on has an exercise notebook
# in the `exercises/` folder, named after its lesson with `ex` in front
# (`ex03_max_pooling.ipynb` goes with lesson 3); the lesson's last section, *Check yourself*,
# tells you when to open it.
#
# What JupyterLab shows you is **your own copy** of the course, in the course's `workspace/`
# folder, which `make lab` made: change, run and save anything in it. The published lessons
# are never touched. If a lesson gets into a mess (a cell deleted, or outputs lost because it
# was saved half-run), `course_lib.restore_lesson(3)` in any cell puts the published lesson 3
# back (`make restore LESSON=3` in a terminal does the same); your copy is kept in a
# `backups/` folder beside it. Then choose *File → Reload Notebook from Disk* in the lesson's
# tab, without saving first. `doctor()` (part 1) tells you when a lesson needs it.
#
# The course grew out of a popular beginner's article on pooling (in Chinese). Its worked
# example is our anchor, and where the article is wrong or overstated the lessons say so and
# show why: its output-size formula (lesson 2), its claim that pooling "reduces the parameters
# to learn" (lesson 1), and its claim that an object's position "does not affect the
# classification" (lesson 6).

# %% [markdown]
# ## 3. A first taste: the article's example
#
# Here is the article's 4 × 4 feature map: a grid of numbers that a network computed from an
# image ([section 4.4](#nn-conv2d) shows how). Pooling slides a 2 × 2 window over it in steps of
# 2 and keeps one number per window: the largest (max pooling) or the mean (average pooling).
# `course_lib.pooling` works on a *batch* of maps with channels, shape `(N, H, W, C)` (also
# explained in section 4.4), so the single map becomes a batch of one map with one channel.
# Indexing with `None` (NumPy's alias `np.newaxis`) inserts a new axis of length 1 where it
# stands: `feature_map[None, :, :, None]` adds one axis in front and one at the end. (Later you
# will also meet `...`, which stands for all the axes not written: `x[..., None]` adds a last
# axis.)

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
# The 4 × 4 map became 2 × 2: making a map smaller like this is called **downsampling**
# (<span lang="zh-Hans">下采样</span>). Each output cell summarises one window: the top-left window
# `[[2, 2], [9, 4]]` gives 9 (its largest value) or 4.25 (its mean). Global pooling keeps a
# single number for the whole map. The next cell asserts these values, so if the library ever
# changed, this page would fail its tests instead of quietly showing something else.

# %%
assert max_pooled.tolist() == [[9, 7], [8, 6]]
assert avg_pooled.tolist() == [[4.25, 4.25], [4.25, 3.5]]
assert global_pool2d(batch, "max").item() == 9
assert global_pool2d(batch, "avg").item() == 4.0625

# %% [markdown]
# ## 4. Just enough neural network
#
# The lessons use the words of neural networks (layer, weights, `Conv2D`, softmax, loss,
# gradient, epoch, ...). If you have never trained a network, this part gives you just those
# words, each with a small example you can run; it takes about 15 minutes. If you already know
# them, skip to part 5. Lessons 1–7 link back to these definitions, and the
# [glossary](glossary.md) lists every key term of the course, in English and Chinese.
#
# First, Keras, the library the lessons use to build networks. `course_lib` imports it with the
# course's settings (the JAX backend, on the CPU):

# %%
keras = course_lib.frameworks.import_keras()  # `import keras`, with the course's settings
from keras import layers

# %% [markdown]
# <a id="nn-network"></a>
# ### 4.1 A network is layers in sequence
#
# A **neural network** (a *model*) is a function built from simple steps called **layers**.
# Each layer takes an array of numbers and returns another array; the output of one layer is
# the input of the next. In Keras, `keras.Sequential([layer1, layer2, ...])` chains layers in
# that order. The networks of this course are **convolutional neural networks** (CNNs): they
# read an image through `Conv2D` → ReLU → pooling blocks, repeated, then `Flatten` (or global
# pooling) → `Dense` → softmax, which turns the result into one probability per class. The
# next sections define each of these words, in that order.

# %% [markdown]
# <a id="nn-dense"></a>
# ### 4.2 A `Dense` layer: weighted sums
#
# A **`Dense`** layer (also *fully connected*) computes each of its outputs as a weighted sum of
# **all** its inputs plus a constant: `y = x @ W + b` (`@` is NumPy's matrix product). With 3
# inputs and 2 outputs, `W` is a 3 × 2 matrix (one column per output) and `b` holds 2 numbers,
# the **biases**. Below, the same layer twice: by hand with NumPy, then as
# `keras.layers.Dense(2)` with the same `W` and `b` put in with `set_weights`.

# %%
x = np.array([1.0, 2.0, 3.0])  # 3 input numbers
W = np.array([[0.5, -1.0], [0.0, 1.0], [2.0, 0.5]])  # 3 inputs x 2 outputs
b = np.array([0.1, -0.2])
y_by_hand = x @ W + b  # first output: 1*0.5 + 2*0.0 + 3*2.0 + 0.1

dense = layers.Dense(2, kernel_initializer="zeros")  # starts at 0; replaced just below
dense.build((None, 3))  # None: any number of examples; 3 numbers each
dense.set_weights([W, b])
y_keras = np.asarray(dense(x[None]))[0]  # Keras takes a batch: x[None] has shape (1, 3)
print("by hand:", y_by_hand.round(4), " Keras:", y_keras.round(4))
np.testing.assert_allclose(y_keras, y_by_hand, rtol=1e-6)  # equal up to float rounding
assert y_by_hand.round(6).tolist() == [6.6, 2.3]

# %% [markdown]
# The first output is `1 × 0.5 + 2 × 0 + 3 × 2 + 0.1 = 6.6`; Keras computes the same two numbers.
# Keras always works on a **batch** of examples at once, so the first axis of its inputs and
# outputs counts the examples.

# %% [markdown]
# <a id="nn-weights"></a>
# ### 4.3 Weights, also called parameters
#
# `W` and `b` are the layer's **weights**, also called its **parameters**
# (<span lang="zh-Hans">参数</span>): the numbers a layer stores and uses to compute. Here we
# chose them by hand; in a real network they start random and **training** (section 4.11)
# changes them until the network does its job. (Keras calls `W` the *kernel* and `b` the
# *bias*; "weights" means both. A convolution's filter, section 4.4, is stored as its *kernel*
# too.) A `Dense` layer with `n_in` inputs and `n_out` outputs has
# `n_in × n_out + n_out` of them: 3 × 2 + 2 = 8 here. A layer can also have none: a pooling
# layer applies a fixed rule (lesson 1 shows it).

# %%
print("Dense(2) on 3 inputs:", dense.count_params(), "parameters")
assert dense.count_params() == W.size + b.size == 3 * 2 + 2 == 8
assert layers.MaxPooling2D(2).count_params() == 0

# %% [markdown]
# <a id="nn-conv2d"></a>
# ### 4.4 Convolution and `Conv2D`: a small filter slid over the image
#
# A **convolution** (<span lang="zh-Hans">卷积</span>) slides a small grid of weights, the
# **filter** or **kernel** (<span lang="zh-Hans">卷积核</span>), over the image. At each
# position it multiplies the filter with the pixels under it, cell by cell, and adds the
# products: one output number. The grid of outputs is a **feature map**
# (<span lang="zh-Hans">特征图</span>): large where the image looks like the filter. Here a 3 × 3
# filter `[1, 0, -1]` (on each row) slides over a 5 × 5 image holding a bright vertical line;
# without padding (defined just below), a 3 × 3 filter fits in 3 × 3 positions of a 5 × 5 image.

# %% [markdown]
# <a id="nn-padding"></a>
# **Padding** (<span lang="zh-Hans">填充</span>) is extra cells added around the border of the
# input, usually zeros, so that a filter or a pooling window also fits at the edges. The
# convolution below uses none; lesson 2 counts how padding changes the number of positions.

# %%
image = np.zeros((5, 5))
image[:, 2] = 1.0  # a bright vertical line in the middle column
kernel = np.array([[1.0, 0.0, -1.0]] * 3)  # responds to left-right changes of brightness

conv_by_hand = np.zeros((3, 3))
for i in range(3):  # the filter's top-left corner visits rows 0, 1, 2 ...
    for j in range(3):  # ... and columns 0, 1, 2
        conv_by_hand[i, j] = (image[i : i + 3, j : j + 3] * kernel).sum()
print("by hand:\n", conv_by_hand)

conv = layers.Conv2D(filters=1, kernel_size=3, use_bias=False)
image_batch = image[None, :, :, None]  # shape (N, H, W, C) = (1, 5, 5, 1)
conv.build(image_batch.shape)
conv.set_weights([kernel[:, :, None, None]])  # Keras's kernel shape: (3, 3, C_in, C_out)
conv_keras = np.asarray(conv(image_batch))
print("Keras output shape:", conv_keras.shape)
np.testing.assert_allclose(conv_keras[0, :, :, 0], conv_by_hand)
assert conv_by_hand.tolist() == [[-3.0, 0.0, 3.0]] * 3

# %% [markdown]
# The line gives -3 where the filter's right column covers it (the brightness rises from left to
# right), 3 where its left column does (it falls), and 0 where it sits under the middle column of
# zeros. (Strictly, this is a *cross-correlation*: the filter is not flipped. Every deep-learning
# library calls it a convolution.) Each output cell depends only on the 3 × 3 pixels under the
# filter: its **receptive field** (<span lang="zh-Hans">感受野</span>). After more layers it
# grows, since each of those cells has its own receptive field in the layer before.
#
# Images and feature maps have **channels** (<span lang="zh-Hans">通道</span>): a colour photo
# has 3 (red, green, blue), one number per pixel each. `Conv2D(filters=k, ...)` learns `k`
# filters and outputs `k` channels, one feature map per filter, so a batch of feature maps is an
# array of shape `(N, H, W, C)`: `N` examples, `H × W` positions, `C` channels. Each filter
# spans all the input channels, so `Conv2D(4, 3)` on a 1-channel input has 4 filters of
# 3 × 3 × 1 weights plus 4 biases:

# %%
conv4 = layers.Conv2D(filters=4, kernel_size=3, kernel_initializer="zeros")  # only counted here
out4 = conv4(image_batch)
print("Conv2D(4, 3): output shape", tuple(out4.shape), " parameters:", conv4.count_params())
assert tuple(out4.shape) == (1, 3, 3, 4) and conv4.count_params() == 4 * 3 * 3 * 1 + 4 == 40

# %% [markdown]
# <a id="nn-relu"></a>
# ### 4.5 ReLU, an activation
#
# An **activation** (<span lang="zh-Hans">激活函数</span>) is a fixed function applied to every
# number of a layer's output on its own. The usual one is the **ReLU**: `relu(v) = max(0, v)`,
# which keeps the positive responses and sets the negative ones to 0. Without activations, a
# sequence of `Dense` or `Conv2D` layers would compute weighted sums of weighted sums, which is
# again a weighted sum plus a constant: one layer could do the same. The activations between
# them let a deep network compute more. In Keras ReLU is a layer, `layers.ReLU()`, or an
# option, `Conv2D(..., activation="relu")`.

# %%
relu_out = np.asarray(layers.ReLU()(conv_keras))
print("ReLU of the feature map:\n", relu_out[0, :, :, 0])
np.testing.assert_array_equal(relu_out, np.maximum(conv_keras, 0))
assert relu_out[0, :, :, 0].tolist() == [[0.0, 0.0, 3.0]] * 3

# %% [markdown]
# <a id="nn-flatten"></a>
# ### 4.6 `Flatten`
#
# A `Dense` layer takes a list of numbers per example, not a grid. **`Flatten`** reshapes each
# example's `(H, W, C)` array into one row of `H × W × C` numbers, so `(N, H, W, C)` becomes
# `(N, H·W·C)`. It has no weights and changes no value, only the shape.

# %%
flat = np.asarray(layers.Flatten()(relu_out))
print("before Flatten:", relu_out.shape, " after:", flat.shape)
print(flat)
assert flat.shape == (1, 3 * 3 * 1)
np.testing.assert_array_equal(flat, relu_out.reshape(1, -1))

# %% [markdown]
# <a id="nn-softmax"></a>
# ### 4.7 Softmax: from class scores to probabilities
#
# A network that sorts images into classes (circle, cross, square, ...) ends with a `Dense`
# layer of one output per class: the **class scores**, any real numbers. **Softmax** turns them
# into probabilities: `p_i = exp(s_i) / (exp(s_1) + ... + exp(s_K))`. Every `p_i` is positive,
# they add up to 1, and the largest score gets the largest probability. The **predicted class**
# is the one with the largest probability. Three scores:

# %%
scores = np.array([2.0, 1.0, 0.1])
probs = np.exp(scores) / np.exp(scores).sum()
print("scores:", scores, " probabilities:", probs.round(3), " sum:", probs.sum().round(6))
print("predicted class:", probs.argmax())
assert np.isclose(probs.sum(), 1) and probs.argmax() == scores.argmax() == 0
assert probs.round(3).tolist() == [0.659, 0.242, 0.099]

# %% [markdown]
# <a id="nn-loss"></a>
# ### 4.8 Loss and accuracy
#
# The **loss** (<span lang="zh-Hans">损失</span>) is one number that says how wrong the network's
# outputs are on some examples: 0 when perfect, larger when worse. Training makes it smaller.
# For classes, the usual loss is the **cross-entropy**: `-log(p)` (the natural logarithm,
# `np.log`), where `p` is the probability the network gave to the **correct** class, averaged
# over the examples. If the correct class of the scores above is class 0 (probability 0.659),
# the loss is 0.417; if it is class 2 (probability 0.099), the loss is 2.317. Keras calls this
# loss `"sparse_categorical_crossentropy"` (for labels given as class numbers).
#
# The **accuracy** is simpler: the fraction of examples whose predicted class is the correct
# one. It is what we report, but it cannot guide training: a small change of a weight almost
# never changes it, so it says nothing about which way to change the weights.

# %%
loss_if_class_0 = -np.log(probs[0])
loss_if_class_2 = -np.log(probs[2])
print(f"loss if the correct class is 0: {loss_if_class_0:.3f}; if it is 2: {loss_if_class_2:.3f}")
assert round(float(loss_if_class_0), 3) == 0.417 and round(float(loss_if_class_2), 3) == 2.317

predicted = np.array([0, 2, 1, 1])  # the predicted classes of 4 examples
correct = np.array([0, 2, 1, 0])  # their true classes
print("accuracy:", (predicted == correct).mean())
assert (predicted == correct).mean() == 0.75

# %% [markdown]
# <a id="nn-gradient"></a>
# ### 4.9 The gradient: which way to change a weight
#
# The **gradient** (<span lang="zh-Hans">梯度</span>) of the loss with respect to a number (a
# weight, or an input) says how fast the loss changes when that number changes a little: the
# slope. Take a network with one weight `w` that predicts `w × x`, one example `x = 2` whose
# correct output is `y = 3`, and the loss `(w·x − y)²`. At `w = 1` the loss is `(2 − 3)² = 1`
# and the formula for the slope, `2 (w·x − y) · x`, gives `−4`. We can also *measure* the slope:
# change `w` by a tiny `h` each way and divide the change of the loss by `2h`, a **finite
# difference**. Both agree:

# %%
x_example, y_example = 2.0, 3.0


def squared_error(w):
    """Loss of the one-weight model w * x on the example (x_example, y_example)."""
    return (w * x_example - y_example) ** 2


w0, h = 1.0, 1e-4
slope_formula = 2 * (w0 * x_example - y_example) * x_example
slope_measured = (squared_error(w0 + h) - squared_error(w0 - h)) / (2 * h)
print(
    f"loss at w = 1: {squared_error(w0)}; gradient: formula {slope_formula}, "
    f"finite difference {slope_measured:.6f}"
)
assert squared_error(w0) == 1.0 and slope_formula == -4.0
assert abs(slope_measured - slope_formula) < 1e-6

w1 = w0 - 0.1 * slope_formula  # one step against the gradient, of size 0.1
print(f"one step: w = {w1:.1f}, loss {squared_error(w1):.2f}")
assert round(w1, 6) == 1.4 and round(squared_error(w1), 6) == 0.04

# %% [markdown]
# The gradient is negative: increasing `w` decreases the loss. So training moves `w` a small
# step *against* the gradient, `w − 0.1 × (−4) = 1.4`, and the loss drops from 1 to 0.04. The
# step size, 0.1 here, is the **learning rate**. A network has one gradient per weight (its
# gradient is the array of all of them), and each weight takes the same kind of step.

# %% [markdown]
# <a id="nn-backprop"></a>
# ### 4.10 The chain rule and the backward pass: `dout` and `dx`
#
# A network has many layers, and the loss depends on an early layer only through the layers
# after it. The **chain rule** handles this: if `x` changes `h` at a rate of 3 (`h = 3x`) and
# `h` changes the loss at a rate of `2h` (`L = h²`), then `x` changes the loss at a rate of
# `3 × 2h`: the rates multiply.
#
# **Backpropagation** (<span lang="zh-Hans">反向传播</span>) applies the chain rule layer by
# layer. The **forward pass** computes every layer's output, from the input to the loss. The
# **backward pass** then computes the gradients, from the loss back to the first layer, each
# layer multiplying by its own rate. The course uses two names for what each layer handles:
#
# - `dout`: the gradient of the loss with respect to the layer's **output**, arriving from the
#   layer after it;
# - `dx`: the gradient of the loss with respect to the layer's **input**, which the layer
#   computes from `dout` and passes to the layer before it (where it is that layer's `dout`).
#
# `dout` has the shape of the layer's output and `dx` the shape of its input: one number per
# cell. Here is the two-step function above, with `x = 2`, as two "layers":

# %%
x_in = 2.0
h_mid = 3 * x_in  # forward pass, layer 1: h = 3x
loss = h_mid**2  # forward pass, layer 2: L = h²

dout_2 = 1.0  # the loss with respect to itself: the backward pass starts at 1
dx_2 = 2 * h_mid * dout_2  # layer 2 (L = h²): its dx is dL/dh ...
dout_1 = dx_2  # ... which is the dout of layer 1
dx_1 = 3 * dout_1  # layer 1 (h = 3x): its dx is dL/dx
print(f"forward: h = {h_mid}, L = {loss}; backward: dx of layer 2 = {dx_2}, of layer 1 = {dx_1}")

step = 1e-4  # check with a finite difference on L(x) = (3x)²
measured = ((3 * (x_in + step)) ** 2 - (3 * (x_in - step)) ** 2) / (2 * step)
assert (h_mid, loss, dx_2, dx_1) == (6.0, 36.0, 12.0, 36.0)
assert abs(measured - dx_1) < 1e-6

# %% [markdown]
# The chain rule gives `dx = 36` for `x`, and the finite difference measures the same slope.
# Lessons 3 and 4 write the backward pass of max and average pooling: given `dout`, compute `dx`.

# %% [markdown]
# <a id="nn-training"></a>
# ### 4.11 Training: optimizer, batch, epoch, `fit`
#
# **Training** repeats one step many times: take a **batch** (a few examples), run the forward
# pass, compute the loss, run the backward pass to get the gradient of every weight, and let
# the **optimizer** change each weight a small step against its gradient (the optimizer `SGD`,
# *stochastic gradient descent*, takes exactly the step of section 4.9). One **epoch** is one
# pass over all the training examples: 200 examples in batches of 20 make 10 steps per epoch.
#
# In Keras: `keras.Input(shape=...)` opens a `Sequential` model and gives the shape of **one**
# example (the batch axis is left out); `model.compile(optimizer=..., loss=..., metrics=[...])`
# chooses the optimizer and the loss, then `model.fit(x, y, epochs=..., batch_size=...)` trains.
# `model.evaluate(x, y)` returns the loss followed by each metric, here `[loss, accuracy]`:
# `_, accuracy = model.evaluate(...)` keeps the accuracy and throws the loss away (`_` is
# Python's usual name for a value you do not need). `verbose=0` turns off the
# progress bar. The weights start random, so we fix the **seed** first
# (`keras.utils.set_random_seed(0)`): the same seed gives the same starting weights, the same
# order of examples, and the same results each time the notebook runs.
#
# A deliberately tiny experiment: 200 generated points `(a, b)`, class 1 when `a + b > 0` and
# class 0 otherwise, a model of one `Dense` layer (6 weights) with softmax, 5 epochs. The
# **test** points are 100 new points that training never sees: the accuracy on them says
# whether the model learned the rule, not the examples.

# %%
rng = np.random.default_rng(0)
points_train = rng.normal(size=(200, 2)).astype("float32")
labels_train = (points_train.sum(axis=1) > 0).astype("int32")
points_test = rng.normal(size=(100, 2)).astype("float32")
labels_test = (points_test.sum(axis=1) > 0).astype("int32")

keras.utils.set_random_seed(0)
model = keras.Sequential([keras.Input(shape=(2,)), layers.Dense(2, activation="softmax")])
model.compile(
    optimizer=keras.optimizers.SGD(learning_rate=0.5),
    loss="sparse_categorical_crossentropy",
    metrics=["accuracy"],
)
_, accuracy_before = model.evaluate(points_test, labels_test, verbose=0)
history = model.fit(points_train, labels_train, epochs=5, batch_size=20, verbose=0)
_, accuracy_after = model.evaluate(points_test, labels_test, verbose=0)

print("parameters:", model.count_params())
print("training loss after each epoch:", [round(v, 2) for v in history.history["loss"]])
print(f"test accuracy: {accuracy_before:.2f} before training, {accuracy_after:.2f} after")
losses = history.history["loss"]
assert model.count_params() == 6 and len(losses) == 5 and len(points_train) // 20 == 10
assert losses[-1] < losses[0] / 2 and accuracy_after >= 0.95 > accuracy_before

# %% [markdown]
# The loss falls epoch after epoch, and the test accuracy, printed above, rises to at least
# 0.95 (the assertion checks it). That is all training is. Lessons 5 and 6 do the same with
# small CNNs on generated images; real networks do it with millions of weights and images.

# %% [markdown]
# <a id="nn-rmse"></a>
# ### 4.12 RMSE and other error measures
#
# To say how far an array `a` is from another array `b` (an image and its copy rebuilt after
# pooling, say), take the differences `a − b`, square them, average, and take the square root:
# the **root-mean-square error** (RMSE), `sqrt(mean((a − b)²))`. It is 0 when the arrays are
# equal and is in the units of the values. Two other measures: the **mean absolute error**
# `mean(|a − b|)`, and the **largest absolute error** `max(|a − b|)`. RMSE weighs large errors
# more than the mean absolute error does:

# %%
a = np.array([1.0, 2.0, 3.0, 4.0])
b = np.array([1.0, 2.0, 3.0, 6.0])  # one value off by 2
rmse = np.sqrt(np.mean((a - b) ** 2))
mae = np.mean(np.abs(a - b))
print(f"RMSE {rmse:.2f}, mean absolute error {mae:.2f}, largest error {np.abs(a - b).max():.2f}")
assert (rmse, mae, np.abs(a - b).max()) == (1.0, 0.5, 2.0)

# %% [markdown]
# <a id="nn-invariance"></a>
# ### 4.13 Invariance and equivariance to a shift
#
# Move the input by a few positions (a **shift**, or *translation*). An operation is
# **shift-equivariant** (<span lang="zh-Hans">等变性</span>, *equivariance*) when its output moves
# by the same amount: a convolution is (away from the borders), because the same filter is
# applied at every position. It is **shift-invariant** (<span lang="zh-Hans">平移不变性</span>,
# *translation invariance*) when its output does not change at all: the largest value of the
# whole signal (a *global max*, lesson 5) is. A 1-D signal, shifted 2 positions to the right:

# %%
signal = np.array([0, 0, 1, 3, 1, 0, 0, 0, 0, 0], dtype=float)
shifted = np.roll(signal, 2)  # the bump moves 2 positions to the right
blur = np.array([1.0, 2.0, 1.0])  # a 1-D filter


def convolve(s):
    """1-D convolution of s with `blur`, output as long as the input."""
    return np.convolve(s, blur, mode="same")


print("signal:          ", signal)
print("shifted:         ", shifted)
print("conv(signal):    ", convolve(signal))
print("conv(shifted):   ", convolve(shifted))
print("global max:      ", signal.max(), "and", shifted.max())
np.testing.assert_array_equal(convolve(shifted), np.roll(convolve(signal), 2))  # equivariant
assert signal.max() == shifted.max() == 3  # invariant

# %% [markdown]
# The convolution's output moved with the bump (equivariant: it still says *where*); the global
# max did not change (invariant: it only says *whether*). Pooling with a stride is partly
# invariant: lesson 6 measures how much of a pooled map survives a shift.

# %% [markdown]
# ## 5. How exercises are checked
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
# cell of its output in part 3? Here is a first, wrong attempt, so that you can see what a
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
#
# Each exercise notebook has a worked solution in `exercises/solutions/`
# (`sol03_max_pooling.ipynb` for `ex03_max_pooling.ipynb`). It is there for **after** a real attempt: once your check passes, to compare your code with
# another way of writing it, or when you are stuck after the last hint, to find the step you
# missed. If you read it before you try, the exercise becomes mere reading: the attempt, right
# or wrong, is what the exercise is for.

# %% [markdown]
# ## Summary
#
# - `course_lib.doctor()` checks your set-up; Keras runs on JAX on the CPU by default.
# - Lessons are in `notebooks/`, exercises in `exercises/`, worked solutions (for after your
#   own attempt) in `exercises/solutions/`; lessons 1–7 build on each other.
# - A network is layers in sequence. `Dense` and `Conv2D` layers compute weighted sums with
#   their weights (a `Conv2D` filter slides over the image and gives a feature map per filter);
#   ReLU keeps the positive values; `Flatten` only reshapes; softmax turns class scores into
#   probabilities; the loss says how wrong they are.
# - Training moves each weight a small step against its gradient, computed backwards layer by
#   layer with the chain rule: each layer turns the `dout` it receives into the `dx` it passes
#   on. One epoch is one pass over the training examples.
# - A convolution is shift-equivariant (its output moves with the input); a global max is
#   shift-invariant (its output does not change).
# - Pooling slides a window over each channel and keeps one number per window: the article's
#   4 × 4 map gives `[[9, 7], [8, 6]]` with max pooling and `[[4.25, 4.25], [4.25, 3.5]]` with
#   average pooling.
# - `check`, `hint`, `progress` and `reset_exercise` are your tools for the exercises.
#
# ## Check yourself
#
# - Did `doctor()` print only ✓ lines? If not, follow its → advice.
# - Can you compute by hand the output of a `Dense` layer with 3 inputs and 2 outputs, and
#   count its weights?
# - Can you say what `dout` and `dx` are, and which one a layer passes to the layer before it?
# - Can you say why 4.25 was the wrong answer to exercise 0.1, and what the right one is?
# - When a word in a lesson is new, look it up in part 4 or in the [glossary](glossary.md).
# - Next: open `notebooks/01_pooling_principle.ipynb`.
