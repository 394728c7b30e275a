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
# # Lesson 2 — How big is the output? Window, stride and padding, counted
#
# **After this lesson you can**
#
# 1. count, on a drawing, how many pooling windows fit along one axis for any window `f`,
#    stride `s` and padding `p`, and see which cells no window reaches (the exercises turn the
#    count into a rule you write yourself);
# 2. say exactly when the formula `(n - f + 1) / s`, found in many tutorials, is right;
# 3. predict what Keras (`padding="valid"` / `"same"`) does, including where it puts its
#    padding, and (optional section 4) what PyTorch (`padding=p`, `ceil_mode`) does;
# 4. trace the shapes through a whole network, and check them with Keras.
#
# **Time:** about 30 minutes for the core (sections 1-3 and 5-8), plus 10 for the optional
# section 4 on PyTorch. Exercises: about 25 minutes for the core (2.1-2.4), 10 for 2.5, and 10
# for the challenge 2.6, which goes with section 4.
#
# **You need:** [Lesson 1](01_pooling_principle.ipynb) (a pooling window, its size `f` and its
# stride `s`; shapes `(N, H, W, C)`).

# %%
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import ListedColormap

import course_lib  # sets Keras to the JAX backend on the CPU, unless you chose otherwise
from course_lib.pooling import axis_windows, output_shape, output_size, pool2d
from course_lib.pooling.geometry import PaddingTooLargeError
from course_lib.viz import plots, widgets

keras = course_lib.frameworks.import_keras()
from keras import layers

# %% [markdown]
# <a id="counting"></a>
# ## 1. Count where the windows can start
#
# Height and width are handled **separately and in the same way**, so take one axis: `n` cells
# numbered `0 .. n-1`, a window of `f` cells, a stride of `s`.
#
# * The first window starts at cell 0, the next at `s`, then `2s`, `3s`, ...
# * A window starting at cell `a` covers the cells `a .. a+f-1`. It is used only if all of them
#   exist, that is if it ends at or before cell `n - 1`.
#
# Each bar below is one window; the label is its start. The pictures place the windows with
# `course_lib.pooling.axis_windows`, the same code that places them when the course
# pools. Count the bars yourself before you read the printed counts.

# %%
examples = [(4, 2, 2), (7, 2, 2), (7, 3, 2), (6, 3, 1)]
fig, axes = plt.subplots(1, 4, figsize=(15, 3.2))
for ax, (n, f, s) in zip(axes, examples, strict=True):
    plots.plot_axis_windows(n, f, s, ax=ax)
fig.tight_layout()
plt.show()

# %%
for n, f, s in examples:
    windows = axis_windows(n, f, s)  # one (start, stop) pair per window, stop excluded
    starts = [start for start, _ in windows]
    print(f"n={n}, f={f}, s={s}: windows start at {starts} -> {len(starts)} windows")
    assert len(starts) == output_size(n, f, s)
    assert all(stop <= n for _, stop in windows)  # every window ends inside the input

# %% [markdown]
# In the `n=7, f=2, s=2` picture the last cell, 6, is in no window: a window starting at 6 would
# need cell 7, which does not exist. Max pooling simply never looks at cell 6. A window that does
# not fit entirely is **dropped**, never cut short.
#
# So counting windows means counting the starts `0, s, 2s, ...` that still leave room for a
# whole window. Turning that count into one line of arithmetic, for any `n`, `f` and `s`, is
# exercise 2.1; exercise 2.5 runs it backwards.
#
# [**Padding**](00_start_here.ipynb#nn-padding) (<span lang="zh-Hans">填充</span>) adds `p`
# extra cells on **each** side of the axis before the windows are placed (hatched below). The
# windows are then placed and counted on the padded axis exactly as above, starting at its first
# cell, which is a padding cell. (The
# labels keep numbering the cells from the input's first cell, 0, so a window that starts in the
# left padding has a negative start.) Counting them with padding is exercise 2.2.

# %%
fig, axes = plt.subplots(1, 2, figsize=(9, 3.2))
for ax, (n, f, s, p) in zip(axes, [(5, 3, 1, 1), (5, 2, 2, 1)], strict=True):
    plots.plot_axis_windows(n, f, s, p, ax=ax)
fig.tight_layout()
plt.show()
for n, f, s, p in [(5, 3, 1, 1), (5, 2, 2, 1)]:
    print(f"n={n}, f={f}, s={s}, p={p}: {output_size(n, f, s, padding=p)} windows")
assert output_size(5, 3, 1, padding=1) == 5 and output_size(5, 2, 2, padding=1) == 3

# %% [markdown]
# With `f = 3`, `s = 1` and one padding cell on each side, the 5 cells give 5 windows: this
# padding keeps the size.
#
# One more reminder: in Keras and PyTorch **the stride defaults to the window size**, not to 1.
# `output_size(n, f)` (no stride given) does the same:

# %%
print("output_size(28, 2)            =", output_size(28, 2), "(stride defaults to 2)")
print("output_size(28, 2, strides=1) =", output_size(28, 2, strides=1))
assert output_size(28, 2) == 14 and output_size(28, 2, strides=1) == 27

# %% [markdown]
# ## 2. The formula `(n - f + 1) / s`: when is it right?
#
# Many tutorials, including this course's source article, give the output size as
# `(n - f + 1) / s`. Try the article's own example, `n = 4`, `f = 2`, `s = 2`, and a 28-cell
# axis (the height of a handwritten-digit image):


# %%
def article_formula(n, f, s):
    """The source article's output size, as printed there: (n - f + 1) / s."""
    return (n - f + 1) / s


for n in (4, 28):
    print(
        f"n={n} f=2 s=2: article's formula {article_formula(n, 2, 2)}, windows counted {output_size(n, 2, 2)}"
    )
assert article_formula(4, 2, 2) == 1.5 and output_size(4, 2, 2) == 2
assert article_formula(28, 2, 2) == 13.5 and output_size(28, 2, 2) == 14

# %% [markdown]
# 1.5 windows cannot be right. Python's `//` would round it down, to 1: still wrong. Check the
# formula as written, and rounded down, against the counted windows on every small case:

# %%
cases = [(n, f, s) for n in range(1, 61) for f in range(1, n + 1) for s in range(1, 9)]
as_written = sum(article_formula(n, f, s) == output_size(n, f, s) for n, f, s in cases)
rounded_down = sum((n - f + 1) // s == output_size(n, f, s) for n, f, s in cases)
divisible = sum((n - f + 1) % s == 0 for n, f, s in cases)
print(f"{len(cases)} cases (n < 61, f <= n, s <= 8):")
print(f"  as written, (n - f + 1) / s   correct in {as_written}")
print(f"  rounded down, (n - f + 1) // s correct in {rounded_down}")
print(f"  cases where s divides n - f + 1: {divisible}")
assert as_written == rounded_down == divisible < len(cases)
for n, f, s in cases:  # and it is the very same cases, not just the same count
    assert (article_formula(n, f, s) == output_size(n, f, s)) == ((n - f + 1) % s == 0)
    assert (n - f + 1) // s <= output_size(n, f, s)  # rounded down it is never too large

# %% [markdown]
# So, without padding, `(n - f + 1) / s` as written, and `(n - f + 1) // s`, are right **exactly
# when `s` divides `n - f + 1`**, for example always when `s = 1`. Otherwise the first is not a
# whole number, and the second is too small (the loop above checked that it never overshoots).
#
# The map below shows, for a 2-wide window, which `(n, s)` the formula as written gets right:
# each cell holds the counted number of windows and a mark, ✓ where the formula gives it, ✗
# where it does not (the two colours, blue and orange, only repeat the marks).

# %%
ns, strides_ = np.arange(2, 25), np.arange(1, 6)
ok = np.array([[article_formula(n, 2, s) == output_size(n, 2, s) for n in ns] for s in strides_])
fig, ax = plt.subplots(figsize=(11, 2.8))
ax.imshow(ok, cmap=ListedColormap(["#f4b77a", "#9cc8ea"]), vmin=0, vmax=1, aspect="equal")
for i, s in enumerate(strides_):
    for j, n in enumerate(ns):
        mark = "✓" if ok[i, j] else "✗"
        ax.text(j, i, f"{output_size(n, 2, s)}{mark}", ha="center", va="center", fontsize=7)
ax.set_xticks(range(len(ns)), ns)
ax.set_yticks(range(len(strides_)), strides_)
ax.set_xlabel("input size n")
ax.set_ylabel("stride s")
ax.set_title(
    "f = 2: windows counted in each cell; ✓ (blue) where (n - f + 1) / s equals it, ✗ (orange) where not"
)
plt.show()

# %% [markdown]
# <details><summary><b>Further reading</b></summary>
#
# The Keras `MaxPooling2D` docstring once printed `(n - f + 1) / s` without any rounding. It was
# corrected in June 2020 (pull request tensorflow/tensorflow#40841) to the counting rule you
# write in exercise 2.1; the correction missed the TensorFlow 2.3 and 2.4 release branches, so
# the old text stayed on keras.io for a while, where a reader reported it again in October 2020
# (issue tensorflow/tensorflow#44216). TensorFlow's own documentation writes the `valid` size
# with `(n - f + 1) / s` and a rounding that makes it always right: after exercise 2.1, work out
# which rounding that is, and why.
#
# </details>

# %% [markdown]
# <a id="valid-same"></a>
# ## 3. Keras: `padding="valid"` and `padding="same"`
#
# Keras offers two paddings:
#
# * `"valid"`: no padding; only whole windows inside the input count, as in section 1;
# * `"same"`: Keras places one window for every `s` cells of the input (as many windows as there
#   are positions `0, s, 2s, ...` inside the input) and pads just enough that the last window is
#   complete. Part of that padding goes before the input, so every window then starts that many
#   cells earlier (the next subsection shows a first window starting at -1). When the stride is
#   larger than the window, some cells are still in no window, as with `"valid"`.
#
# The table gives both counts, `valid` and `same`, for a few settings. Look at the `same`
# column: does the window size `f` change it? Is the size really kept ("same")?

# %%
print(f"{'n':>3} {'f':>2} {'s':>2} {'valid':>6} {'same':>5}  same keeps n?")
for n, f, s in [(7, 2, 2), (8, 2, 2), (7, 3, 1), (7, 3, 2), (7, 3, 3), (10, 4, 3), (7, 2, 3)]:
    v, sm = output_size(n, f, s, "valid"), output_size(n, f, s, "same")
    print(f"{n:>3} {f:>2} {s:>2} {v:>6} {sm:>5}  {sm == n}")
    assert (sm == n) == (s == 1)
    assert all(output_size(n, g, s, "same") == sm for g in range(1, 6))  # f plays no part
    # the claims above, on the windows themselves: one every s cells, the first starting at
    # or before cell 0 and the last inside the input
    windows = axis_windows(n, f, s, "same")
    starts = [start for start, _ in windows]
    assert len(windows) == sm and starts[0] <= 0 and starts[-1] < n
    assert np.all(np.diff(starts) == s)
    covered = {cell for start, stop in windows for cell in range(start, stop)}
    assert set(range(n)) <= covered or s > f  # cells are skipped only when s > f
assert axis_windows(7, 2, 3, "same") == [(0, 2), (3, 5), (6, 8)]  # cells 2 and 5 left out

# %% [markdown]
# The name misleads: `"same"` keeps the size only when `s = 1`. With the default stride
# `s = f = 2` it about halves it, and the window size plays no part in the count (the check above
# tried windows 1 to 5 for every row). Exercise 2.3 asks you for the count. And in the last row
# (`f = 2`, `s = 3`) the windows cover cells 0-1, 3-4 and 6 (plus one padding cell): cells 2 and
# 5 are in no window.
#
# Verified against Keras itself: first Keras's shape rule (`compute_output_shape`) over a whole
# grid, then real layers run on arrays for a sample of it.

# %%
grid = [(n, f, s) for n in range(1, 17) for f in range(1, 6) for s in range(1, 6)]
for pad in ("valid", "same"):
    for n, f, s in grid:
        if pad == "valid" and f > n:
            continue
        # a window of f rows x 1 column, moved s rows at a time, pools the height only: one axis
        layer = layers.MaxPooling2D(pool_size=(f, 1), strides=(s, 1), padding=pad)
        assert layer.compute_output_shape((1, n, 3, 1))[1] == output_size(n, f, s, pad)

sample = [
    (n, f, s, pad)
    for n, f, s in [(5, 2, 2), (7, 3, 2), (9, 4, 3), (6, 3, 1), (11, 5, 4)]
    for pad in ("valid", "same")
]
for n, f, s, pad in sample:
    for Pool in (layers.MaxPooling2D, layers.AveragePooling2D):
        y = Pool(pool_size=(f, 1), strides=(s, 1), padding=pad)(np.zeros((1, n, 2, 1), "float32"))
        assert y.shape[1] == output_size(n, f, s, pad)
print(
    f"Keras agrees on {len(grid)} settings x 2 paddings, and on {2 * len(sample)} real layer runs"
)

# %% [markdown]
# ### Where does `"same"` put the padding?
#
# Keras pads as many cells in all, `total`, as its windows need beyond the input's `n` cells.
# Below, `total` is read off the windows themselves: the cells from the first window's start to
# the last window's end, minus the `n` input cells. Keras (like TensorFlow) puts `total // 2`
# before the input and **the rest after it**: when `total` is odd, the extra cell goes at the end
# (bottom, right).
#
# We can *see* this. Pool the row `1, 2, 3, 4` with a window of 4 and stride 1: 4 windows and 3
# padding cells, and the averages tell us where the padding went (padded cells are left out of
# an average, in Keras).

# %%
row = np.array([[1.0, 2.0, 3.0, 4.0]], dtype="float32")[None, :, :, None]  # shape (1, 1, 4, 1)
n, f, s = 4, 4, 1
# Each window is (start, stop) with stop excluded, like range(start, stop); a negative start
# or a stop past n - 1 = 3 reaches into the padding. (-1, 3) covers cells -1, 0, 1, 2.
windows = axis_windows(n, f, s, "same")
print("windows:", windows)
out = len(windows)
total = (windows[-1][1] - windows[0][0]) - n  # cells the windows span, minus the input's
print(f"out = {out}, total padding = {total}: {total // 2} before, {total - total // 2} after")
assert out == 4 and total == 3 and windows[0][0] == -(total // 2)

keras_max = layers.MaxPooling2D((1, 4), strides=1, padding="same")(row)[0, 0, :, 0]
keras_avg = layers.AveragePooling2D((1, 4), strides=1, padding="same")(row)[0, 0, :, 0]
print("Keras max    :", np.asarray(keras_max))
print("Keras average:", np.asarray(keras_avg))

# If the extra cell were at the start instead (2 before, 1 after), the windows would be:
other = [(a, a + 4) for a in range(-2, 2)]
values = row[0, 0, :, 0]  # the input cells 0..3, holding 1, 2, 3, 4
# slicing keeps only the input cells of a window: padded cells are left out of the average
avg_if_start = [float(values[max(a, 0) : b].mean()) for a, b in other]
print("average if the extra cell were at the start:", avg_if_start)
np.testing.assert_allclose(keras_avg, [2.0, 2.5, 3.0, 3.5])
np.testing.assert_allclose(keras_avg, pool2d(row, (1, 4), 1, "same", mode="avg")[0, 0, :, 0])
assert not np.allclose(keras_avg, avg_if_start)

# %% [markdown]
# The first Keras window averages `1, 2, 3` (one padding cell before them), so one padding cell
# went before and two after. The same in 2-D, on a 5x5 grid with a 2x2 window and stride 2: the
# padding row and column (hatched) appear only at the bottom and on the right.

# %%
plots.plot_pooling(
    np.arange(1, 26).reshape(5, 5), pool_size=2, padding="same", modes=("max", "avg")
)
plt.show()

# %% [markdown]
# <a id="pytorch"></a>
# ## 4. PyTorch: explicit padding and `ceil_mode` (optional)
#
# This section, and exercise 2.6 that goes with it, are optional: if you only use Keras, skip
# to section 5. Nothing after it needs this one, apart from the PyTorch settings of section 8's
# explorer.
#
# PyTorch is not installed for this course, so we take its rules from its documentation
# (`torch.nn.MaxPool2d`, with `dilation = 1`, the default: a dilation would spread the window's
# cells apart, and this course never uses one); `course_lib.pooling.output_size` follows them, and
# the course's tests check it against a table of cases worked out by hand. (PyTorch also orders
# the axes differently: `(N, C, H, W)`, channels first, where Keras by default and this course use
# `(N, H, W, C)`, channels last. Only `H` and `W` matter for the counting below.)
#
# * `padding=p` adds `p` cells on **each** side, as in section 1, and the windows are counted on
#   the padded axis as there (exercise 2.2).
# * `p` may be at most `f // 2`: PyTorch raises an error otherwise. That limit is **PyTorch's
#   convention**, which `course_lib` follows. It is not what keeps windows out of the padding: a
#   window lies entirely in padding only when `p >= f` (the cell below checks that `f = 3`,
#   `p = 2` has no such window, and PyTorch still refuses it).
# * With `ceil_mode=True` a last window that sticks out past the end of the padded axis is kept
#   instead of dropped (the documentation says: the output size is rounded up instead of down),
#   **but** "sliding windows are allowed to go off-bounds if they start within the left padding
#   or the input. Sliding windows that would start in the right padded region are ignored." So a
#   last window may stick out past the end, as long as it starts before the input's end: never in
#   the right padding, nor, when `p = 0`, just past the input. Writing this rule is exercise 2.6.

# %%
try:
    output_size(5, 3, 2, padding=2)
except PaddingTooLargeError as error:
    print("PaddingTooLargeError:", error)
print("padding=1 is accepted:", output_size(5, 3, 2, padding=1), "windows")

# Yet with f = 3 and p = 2 no window would lie entirely in padding. Every window of any stride
# is one of the windows that start at each cell of the padded axis in turn; look at all of them:
n, f, p = 5, 3, 2
cells = ["pad"] * p + ["input"] * n + ["pad"] * p
windows = [cells[a : a + f] for a in range(len(cells) - f + 1)]
all_padding = [w for w in windows if "input" not in w]
print(f"f={f}, p={p}: {len(windows)} window positions, {len(all_padding)} entirely in padding")
assert all_padding == []

# %% [markdown]
# The two `ceil_mode` cases to remember, drawn below:
#
# * `n = 5, f = 2, s = 2, p = 1`: rounding up would add a fourth window (dashed red, in the middle
#   picture), but it would start at cell 5, the right padding cell: it would contain no input at
#   all, so PyTorch ignores it and gives 3 windows, as without `ceil_mode` (left picture).
# * `n = 3, f = 2, s = 2, p = 0`: `ceil_mode` adds a real window that starts at the last input
#   cell and sticks out past the input (right picture). The cell it reaches beyond the input is
#   drawn dotted, "outside (not padding)": nothing is added there. PyTorch simply leaves it out:
#   it is never the max, and it is not counted in an average even with
#   `count_include_pad=True`, which counts real padding cells only.

# %%
for n, f, s, p in [(5, 2, 2, 1), (3, 2, 2, 0)]:
    floor_count = output_size(n, f, s, padding=p)
    ceil_count = output_size(n, f, s, padding=p, ceil_mode=True)
    print(f"n={n} f={f} s={s} p={p}: ceil_mode=False {floor_count}, ceil_mode=True {ceil_count}")
assert output_size(5, 2, 2, padding=1) == output_size(5, 2, 2, padding=1, ceil_mode=True) == 3
assert output_size(3, 2, 2, ceil_mode=True) == 2 > output_size(3, 2, 2) == 1

fig, axes = plt.subplots(1, 3, figsize=(15, 2.8))
plots.plot_axis_windows(5, 2, 2, 1, ceil_mode=False, ax=axes[0])
plots.plot_axis_windows(5, 2, 2, 1, ceil_mode=True, ax=axes[1], dropped=[5])
plots.plot_axis_windows(3, 2, 2, 0, ceil_mode=True, ax=axes[2])
fig.tight_layout()
plt.show()

# %% [markdown]
# (PyTorch pads max pooling with `-inf`, so padding never wins a max, and by default
# **does** count padding cells in an average (`count_include_pad=True`), unlike Keras. Lessons 3
# and 4 look at those values; here we only count windows.)
#
# <details><summary><b>Further reading</b></summary>
#
# The `ceil_mode` rule has a history: pytorch/pytorch#45357 reported a `ceil_mode` output
# computed from a window lying entirely outside the input, and pytorch/pytorch#46929 records that
# the documented formula, read alone, disagrees with the code; the documentation now carries the
# sentence quoted above. The padding limit is checked in PyTorch's C++ pooling code, with the
# message "pad should be at most half of effective kernel size".
#
# </details>
#
# ## 5. Non-square inputs, windows and strides
#
# Nothing forces height and width to match: Keras accepts `pool_size=(fh, fw)` and
# `strides=(sh, sw)`, and counts the windows of each axis separately, as in section 1.

# %%
input_shape = (1, 28, 20, 3)
settings = dict(pool_size=(3, 2), strides=(2, 1), padding="valid")
rows_, cols_ = axis_windows(28, 3, 2), axis_windows(20, 2, 1)
by_hand = (1, len(rows_), len(cols_), 3)
ours = output_shape(input_shape, **settings)
theirs = layers.MaxPooling2D(**settings)(np.zeros(input_shape, "float32")).shape
print(f"height: 3-row windows every 2 rows, last start {rows_[-1][0]} -> {len(rows_)} windows")
print(f"width: 2-column windows every column, last start {cols_[-1][0]} -> {len(cols_)} windows")
print("counted:", by_hand, " course_lib:", ours, " Keras:", tuple(theirs))
assert by_hand == ours == tuple(theirs)

# %%
plots.plot_pooling(np.arange(24).reshape(4, 6), pool_size=(2, 3), strides=(2, 3), modes=("max",))
plt.show()

# %% [markdown]
# ## 6. Many input sizes give the same output
#
# Because a window that does not fit is dropped, different inputs can give the same output size,
# so an output size does not tell you the input size. Pool the sizes 9 to 13 with a 2x2,
# stride-2 window:

# %%
print(f"{'n':>3} {'valid':>6} {'same':>5}")
for n in range(9, 14):
    print(f"{n:>3} {output_size(n, 2, 2):>6} {output_size(n, 2, 2, 'same'):>5}")
assert output_size(10, 2, 2) == output_size(11, 2, 2) == 5
assert output_size(9, 2, 2, "same") == output_size(10, 2, 2, "same") == 5

# %% [markdown]
# With `valid`, 11 gives 5 like 10 does: the last row and column of an 11x11 map are never
# looked at. With `same`, 9 and 10 both give 5. This matters whenever a network must later
# *undo* the pooling (upsampling back to the input size, as in segmentation networks, which label
# every pixel): from 5 you cannot tell whether to go back to 10 or 11.
#
# ## 7. Trace a network by hand
#
# A [convolution](00_start_here.ipynb#nn-conv2d) (Keras's `Conv2D`) slides a small `k x k`
# filter (its *kernel*) over the map, like a pooling window, but computes a weighted sum of the
# window instead of a max or mean, once for each of its *filters*; each filter gives one output
# channel. Its positions are counted exactly like pooling windows: with `valid` padding and stride
# 1, only where the whole kernel fits; with `same` padding and stride 1 it keeps the size. A
# convolution can take a stride too (`strides=`, 1 unless given), counted as a pooling's; the
# networks below use stride 1, the only one `trace` handles.
# [`Flatten`](00_start_here.ipynb#nn-flatten) turns an `(H, W, C)` map into one vector of
# `H * W * C` numbers. So one function, `trace` below, follows the shapes through both kinds of
# layer, and `compare` builds the same layers in Keras and checks each shape.


# %%
def trace(input_hw, channels, stack):
    """Follow (height, width, channels) through a list of ("conv", k, filters, padding),
    ("pool", f, s, padding) and ("flatten",) steps; return one row per layer."""
    h, w, c = *input_hw, channels
    rows = [("input", (h, w, c))]
    for step in stack:
        if step[0] == "conv":
            _, k, filters, pad = step
            h, w, c = output_size(h, k, 1, pad), output_size(w, k, 1, pad), filters
            rows.append((f"conv {k}x{k}, {filters}, {pad}", (h, w, c)))
        elif step[0] == "pool":
            _, f, s, pad = step
            h, w = output_size(h, f, s, pad), output_size(w, f, s, pad)
            rows.append((f"pool {f}x{f}/{s}, {pad}", (h, w, c)))
        else:
            rows.append(("flatten", (h * w * c,)))
    return rows


def keras_model(input_hw, channels, stack):
    """The same stack as a Keras model. Only the shapes matter here, so the kernels start at
    zero: drawing random weights for each new kernel shape would only cost time."""
    model_layers = [keras.Input(shape=(*input_hw, channels))]
    for step in stack:
        if step[0] == "conv":
            model_layers.append(
                layers.Conv2D(step[2], step[1], padding=step[3], kernel_initializer="zeros")
            )
        elif step[0] == "pool":
            model_layers.append(layers.MaxPooling2D(step[1], step[2], padding=step[3]))
        else:
            model_layers.append(layers.Flatten())
    return keras.Sequential(model_layers)


def compare(name, input_hw, channels, stack):
    rows = trace(input_hw, channels, stack)
    model = keras_model(input_hw, channels, stack)
    keras_shapes = [tuple(layer.output.shape[1:]) for layer in model.layers]
    print(f"{name}\n{'layer':<24}{'by hand':<18}{'Keras':<18}")
    print(f"{rows[0][0]:<24}{rows[0][1]!s:<18}")
    for (label, shape), k_shape in zip(rows[1:], keras_shapes, strict=True):
        print(f"{label:<24}{shape!s:<18}{k_shape!s:<18}")
        assert shape == k_shape
    print()
    return rows


lenet = [
    ("conv", 5, 6, "valid"),
    ("pool", 2, 2, "valid"),
    ("conv", 5, 16, "valid"),
    ("pool", 2, 2, "valid"),
    ("flatten",),
]
compare("LeNet-like, 32x32 grey input", (32, 32), 1, lenet)  # LeNet: an early digit reader

vgg = []
for filters in (8, 16, 32, 32, 32):
    vgg += [("conv", 3, filters, "same"), ("conv", 3, filters, "same"), ("pool", 2, 2, "valid")]
vgg_rows = compare("VGG-like, 100x100 colour input", (100, 100), 3, [*vgg, ("flatten",)])
assert [shape[0] for label, shape in vgg_rows if label.startswith("pool")] == [50, 25, 12, 6, 3]

# %% [markdown]
# Read the VGG-like table (VGG is a classic image network built from such blocks): the `same`
# convolutions keep the size, and each pooling halves it, dropping a leftover cell:
# 100 -> 50 -> 25 -> 12 -> 6 -> 3. At 25 -> 12 the last row and column were dropped. (VGG itself
# uses 224x224 inputs, which halve cleanly five times to 7.)

# %%
sizes_224 = [224]
for _ in range(5):
    sizes_224.append(output_size(sizes_224[-1], 2, 2))
print("224, halved five times:", sizes_224)
assert sizes_224[-1] == 7

# %% [markdown]
# ## 8. Explore
#
# Move the sliders: input size `n`, window `f`, stride `s`, padding `p` and the padding mode
# (Keras `valid` / `same`, PyTorch explicit `p` with or without `ceil_mode`). The picture shows
# where every window falls. It needs a running Jupyter; the static figure after it shows a few
# settings worth comparing (in the last one, `ceil_mode` lets the last window reach one cell past
# the padding: that dotted cell is outside, not padding).

# %% tags=["nbval-ignore-output"]
widgets.output_size_explorer(n=7, f=3, s=2, p=1)

# %%
settings = [
    (7, 3, 2, "valid", False),
    (7, 3, 2, "same", False),
    (7, 3, 2, 1, False),
    (6, 3, 2, 1, True),
]
fig, axes = plt.subplots(1, 4, figsize=(16, 3.2))
for ax, (n, f, s, pad, ceil_mode) in zip(axes, settings, strict=True):
    plots.plot_axis_windows(n, f, s, pad, ceil_mode, ax=ax)
fig.tight_layout()
plt.show()

# %% [markdown]
# ## Summary
#
# * One axis at a time: windows start at `0, s, 2s, ...` (on the padded axis, if there is
#   padding) as long as a whole window fits. Cells left over at the end are never looked at.
# * The stride defaults to the window size in Keras and PyTorch.
# * `(n - f + 1) / s`, as written or rounded down, is right only when `s` divides `n - f + 1`.
# * Keras `"same"` places one window for every `s` cells of the input and pads just enough to
#   complete the last one; the count does not depend on the window size, and the size is kept
#   only when `s = 1`. Any odd padding cell goes at the end (bottom/right). When `s > f` some
#   cells are still in no window.
# * PyTorch (optional section 4): `p <= f // 2`, a convention of PyTorch's (a window lies
#   entirely in padding only when `p >= f`); `ceil_mode=True` rounds up **except** that a
#   window may not start at or after the input's end, in the right padding or past it
#   (`n=5, f=2, s=2, p=1` gives 3, not 4).
# * Several input sizes give one output size (10 and 11 both give 5 after 2x2/2 `valid`).
#
# ## Check yourself
#
# Open [`exercises/ex02_output_size.ipynb`](../exercises/ex02_output_size.ipynb):
#
# * **2.1-2.3** The rules behind this lesson's counts: `valid`, with padding, and `same`.
# * **2.4** Trace the shapes through a stack of layers, one of them a strided convolution.
# * **2.5** List every input size that gives a target output size.
# * **2.6** (challenge, with the optional section 4) PyTorch's `ceil_mode` rule, edge case
#   included.
#
# Next: Lesson 3 builds max pooling from scratch, forward and backward, and checks it against Keras.
