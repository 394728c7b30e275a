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
# # 第 2 课 — 输出有多大？数一数窗口、步幅和填充
#
# **学完本课，你将能够**
#
# 1. 对任意的窗口大小 `f`、步幅（stride）`s` 和填充（padding）`p`，在图上数出一个轴上能放下多少个池化窗口（pooling window），并看出哪些单元格不在任何窗口里（练习会请你自己把这个计数写成规则）；
# 2. 准确说出许多教程中都有的公式 `(n - f + 1) / s` 在什么情况下是对的；
# 3. 预测 Keras（`padding="valid"` / `"same"`）会怎么做，包括它把填充放在哪里；以及（选学的第 4 节）PyTorch（`padding=p`、`ceil_mode`）会怎么做；
# 4. 追踪形状在整个网络中的变化，并用 Keras 验证。
#
# **用时**：核心部分（第 1-3 节和第 5-8 节）约 30 分钟，选学的第 4 节（PyTorch）另需 10 分钟。练习：核心部分（2.1-2.4）约 25 分钟，2.5 约 10 分钟，挑战题 2.6（配合第 4 节）约 10 分钟。
#
# **预备知识**：[第 1 课](01_pooling_principle.ipynb)（池化窗口、窗口大小 `f` 和步幅 `s`；形状 `(N, H, W, C)`）。

# %%
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import ListedColormap

import course_lib  # 把 Keras 设为在 CPU 上运行的 JAX 后端（除非你另有选择）

course_lib.set_language("zh")  # 课程库的提示与反馈使用中文
from course_lib.pooling import axis_windows, output_shape, output_size, pool2d
from course_lib.pooling.geometry import PaddingTooLargeError
from course_lib.viz import plots, widgets

keras = course_lib.frameworks.import_keras()
from keras import layers

# %% [markdown]
# <a id="counting"></a>
# ## 1. 数一数窗口可以从哪里开始
#
# 高度和宽度是**分开、按同样的方式**处理的，所以只看一个轴就够了：`n` 个单元格，编号为 `0 .. n-1`；窗口占 `f` 个单元格，步幅为 `s`。
#
# * 第一个窗口从单元格 0 开始，下一个从 `s` 开始，然后是 `2s`、`3s`……
# * 从单元格 `a` 开始的窗口覆盖单元格 `a .. a+f-1`。只有这些单元格全都存在，也就是窗口在单元格 `n - 1` 或更早的位置结束时，这个窗口才会被使用。
#
# 下图中每一根横条是一个窗口，标签是它的起点。这些图用 `course_lib.pooling.axis_windows` 放置窗口，课程做池化时放置窗口用的也正是这段代码。先自己数一数横条，再看打印出来的个数。

# %%
examples = [(4, 2, 2), (7, 2, 2), (7, 3, 2), (6, 3, 1)]
fig, axes = plt.subplots(1, 4, figsize=(15, 3.2))
for ax, (n, f, s) in zip(axes, examples, strict=True):
    plots.plot_axis_windows(n, f, s, ax=ax)
fig.tight_layout()
plt.show()

# %%
for n, f, s in examples:
    windows = axis_windows(n, f, s)  # 每个窗口一对 (start, stop)，不含 stop
    starts = [start for start, _ in windows]
    print(f"n={n}, f={f}, s={s}：窗口起点为 {starts} -> 共 {len(starts)} 个窗口")
    assert len(starts) == output_size(n, f, s)
    assert all(stop <= n for _, stop in windows)  # 每个窗口都在输入内部结束

# %% [markdown]
# 在 `n=7, f=2, s=2` 的图中，最后一个单元格 6 不在任何窗口里：从 6 开始的窗口需要单元格 7，而单元格 7 并不存在。最大池化（max pooling）根本不会看单元格 6。放不下的窗口会被**整个丢弃**，而不会被截短。
#
# 所以，数窗口就是数起点 `0, s, 2s, ...` 中还能容下一个完整窗口的那些。把这个计数写成一行算式（对任意 `n`、`f` 和 `s` 都成立）是练习 2.1；练习 2.5 则把它反过来用。
#
# [**填充**](00_start_here.ipynb#nn-padding)在放置窗口之前，在轴的**每一侧**各加上 `p` 个额外的单元格（下图中画斜线的部分）。然后在填充后的轴上完全按上面的方法放置窗口并计数：第一个窗口从这条轴的第一个单元格开始，而这个单元格是填充单元格。（标签仍然从输入的第一个单元格 0 开始编号，所以从左侧填充中开始的窗口，起点是负数。）带填充时的计数是练习 2.2。

# %%
fig, axes = plt.subplots(1, 2, figsize=(9, 3.2))
for ax, (n, f, s, p) in zip(axes, [(5, 3, 1, 1), (5, 2, 2, 1)], strict=True):
    plots.plot_axis_windows(n, f, s, p, ax=ax)
fig.tight_layout()
plt.show()
for n, f, s, p in [(5, 3, 1, 1), (5, 2, 2, 1)]:
    print(f"n={n}, f={f}, s={s}, p={p}：{output_size(n, f, s, padding=p)} 个窗口")
assert output_size(5, 3, 1, padding=1) == 5 and output_size(5, 2, 2, padding=1) == 3

# %% [markdown]
# 当 `f = 3`、`s = 1`，并且两侧各有一个填充单元格时，5 个单元格得到 5 个窗口：这样的填充保持了大小不变。
#
# 再提醒一次：在 Keras 和 PyTorch 中，**步幅默认等于窗口大小**，而不是 1。`output_size(n, f)`（不给步幅）也是如此：

# %%
print("output_size(28, 2)            =", output_size(28, 2), "（步幅默认为 2）")
print("output_size(28, 2, strides=1) =", output_size(28, 2, strides=1))
assert output_size(28, 2) == 14 and output_size(28, 2, strides=1) == 27

# %% [markdown]
# ## 2. 公式 `(n - f + 1) / s`：什么时候是对的？
#
# 许多教程，包括本课程的原文《【小白深度学习入门】【2】池化层详解：工作原理、维度计算、池化类型》，都把输出大小写成 `(n - f + 1) / s`。原文在「池化后维度计算」一节中写道：「对于具有 nh X nw X nc 维度的特征图，池化层后获得的输出维度为：(nh - f + 1)/s X (nw - f + 1)/s X nc」。用原文自己的例子 `n = 4`、`f = 2`、`s = 2`，以及一个有 28 个单元格的轴（一张手写数字图像的高度）来试一试：


# %%
def article_formula(n, f, s):
    """原文给出的输出大小，照原文的写法：(n - f + 1) / s。"""
    return (n - f + 1) / s


for n in (4, 28):
    print(
        f"n={n} f=2 s=2：原文的公式得 {article_formula(n, 2, 2)}，数出的窗口为 {output_size(n, 2, 2)} 个"
    )
assert article_formula(4, 2, 2) == 1.5 and output_size(4, 2, 2) == 2
assert article_formula(28, 2, 2) == 13.5 and output_size(28, 2, 2) == 14

# %% [markdown]
# 1.5 个窗口不可能是对的。用 Python 的 `//` 会把它向下取整为 1：仍然不对。下面在所有小规模的情形上，把原式和向下取整后的公式都与数出的窗口数对照一下：

# %%
cases = [(n, f, s) for n in range(1, 61) for f in range(1, n + 1) for s in range(1, 9)]
as_written = sum(article_formula(n, f, s) == output_size(n, f, s) for n, f, s in cases)
rounded_down = sum((n - f + 1) // s == output_size(n, f, s) for n, f, s in cases)
divisible = sum((n - f + 1) % s == 0 for n, f, s in cases)
print(f"共 {len(cases)} 种情形（n < 61，f <= n，s <= 8）：")
print(f"  按原式      (n - f + 1) / s ：{as_written} 种正确")
print(f"  向下取整后  (n - f + 1) // s：{rounded_down} 种正确")
print(f"  其中 n - f + 1 能被 s 整除的情形：{divisible} 种")
assert as_written == rounded_down == divisible < len(cases)
for n, f, s in cases:  # 而且正是同一批情形，不只是个数相同
    assert (article_formula(n, f, s) == output_size(n, f, s)) == ((n - f + 1) % s == 0)
    assert (n - f + 1) // s <= output_size(n, f, s)  # 向下取整后从不偏大

# %% [markdown]
# 所以，在没有填充时，原式 `(n - f + 1) / s` 和 `(n - f + 1) // s` **恰好在 `n - f + 1` 能被 `s` 整除时**是对的，例如 `s = 1` 时总是对的。否则前者不是整数，后者则偏小（上面的循环也检查了它从不偏大）。
#
# 下图针对宽为 2 的窗口，标出原式对哪些 `(n, s)` 算得对：每个单元格写着数出的窗口数和一个记号，✓ 表示公式给出的正是这个数，✗ 表示不是（蓝、橙两种颜色只是重复这两个记号）。

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
ax.set_xlabel("输入大小 n")
ax.set_ylabel("步幅 s")
ax.set_title(
    "f = 2：每个单元格为数出的窗口数；✓（蓝）表示 (n - f + 1) / s 与之相等，✗（橙）表示不等"
)
plt.show()

# %% [markdown]
# <details><summary><b>延伸阅读</b></summary>
#
# Keras 的 `MaxPooling2D` 文档字符串（docstring）曾经写着不做任何取整的 `(n - f + 1) / s`。它在 2020 年 6 月被更正（pull request tensorflow/tensorflow#40841），改成了你在练习 2.1 中写出的计数规则；但这次更正没有进入 TensorFlow 2.3 和 2.4 的发布分支，所以旧的写法在 keras.io 上又留了一段时间，2020 年 10 月还有读者再次报告了这个问题（issue tensorflow/tensorflow#44216）。TensorFlow 自己的文档写 `valid` 的输出大小时也用 `(n - f + 1) / s`，但加上了一种取整，使它总是对的：做完练习 2.1 后，想一想那是哪种取整，以及为什么。
#
# </details>

# %% [markdown]
# <a id="valid-same"></a>
# ## 3. Keras：`padding="valid"` 和 `padding="same"`
#
# Keras 提供两种填充方式：
#
# * `"valid"`，即有效填充（valid padding）：不填充；只有完全位于输入内部的窗口才算数，和第 1 节一样；
# * `"same"`，即相同填充（same padding）：Keras 为输入的每 `s` 个单元格放一个窗口（位置 `0, s, 2s, ...` 中有几个落在输入内，就有几个窗口），并且只填充刚好够让最后一个窗口完整的单元格。这些填充有一部分放在输入前面，于是每个窗口的起点都相应地提前那么多个单元格（下一小节会展示一个从 -1 开始的第一个窗口）。当步幅大于窗口时，和 `"valid"` 一样，仍有一些单元格不在任何窗口里。
#
# 下表给出几组设置下 `valid` 和 `same` 两种计数。看 `same` 这一列：窗口大小 `f` 会改变它吗？大小真的像“same”（相同）这个名字说的那样保持不变了吗？

# %%
print(f"{'n':>3} {'f':>2} {'s':>2} {'valid':>6} {'same':>5}  same 保持 n 不变？")
for n, f, s in [(7, 2, 2), (8, 2, 2), (7, 3, 1), (7, 3, 2), (7, 3, 3), (10, 4, 3), (7, 2, 3)]:
    v, sm = output_size(n, f, s, "valid"), output_size(n, f, s, "same")
    print(f"{n:>3} {f:>2} {s:>2} {v:>6} {sm:>5}  {sm == n}")
    assert (sm == n) == (s == 1)
    assert all(output_size(n, g, s, "same") == sm for g in range(1, 6))  # f 不起作用
    # 直接在窗口上检查上面的说法：每 s 个单元格一个窗口，第一个窗口在单元格 0 或更早的位置开始，
    # 最后一个窗口在输入内部开始
    windows = axis_windows(n, f, s, "same")
    starts = [start for start, _ in windows]
    assert len(windows) == sm and starts[0] <= 0 and starts[-1] < n
    assert np.all(np.diff(starts) == s)
    covered = {cell for start, stop in windows for cell in range(start, stop)}
    assert set(range(n)) <= covered or s > f  # 只有 s > f 时才会有单元格被跳过
assert axis_windows(7, 2, 3, "same") == [(0, 2), (3, 5), (6, 8)]  # 单元格 2 和 5 被漏掉

# %% [markdown]
# 这个名字有误导性：`"same"` 只有在 `s = 1` 时才保持大小不变。在默认步幅 `s = f = 2` 下，它大约把大小减半，而且窗口大小对计数毫无影响（上面的检查对每一行都试了大小为 1 到 5 的窗口）。练习 2.3 会请你写出这个计数。再看最后一行（`f = 2`，`s = 3`）：窗口覆盖单元格 0-1、3-4 和 6（外加一个填充单元格），单元格 2 和 5 不在任何窗口里。
#
# 下面用 Keras 本身来验证：先在一整个网格的设置上对照 Keras 的形状规则（`compute_output_shape`），再从中抽取一部分，在数组上运行真实的层。

# %%
grid = [(n, f, s) for n in range(1, 17) for f in range(1, 6) for s in range(1, 6)]
for pad in ("valid", "same"):
    for n, f, s in grid:
        if pad == "valid" and f > n:
            continue
        # f 行 x 1 列的窗口，每次移动 s 行，只对高度做池化：只涉及一个轴
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
print(f"与 Keras 一致：{len(grid)} 种设置 x 2 种填充方式，以及 {2 * len(sample)} 次真实的层运行")

# %% [markdown]
# ### `"same"` 把填充放在哪里？
#
# Keras 一共填充 `total` 个单元格，也就是它的窗口在输入的 `n` 个单元格之外还需要的单元格数。下面直接从窗口本身读出 `total`：从第一个窗口的起点到最后一个窗口的终点跨越的单元格数，减去 `n` 个输入单元格。Keras（和 TensorFlow 一样）在输入前面放 `total // 2` 个，**其余的放在后面**：当 `total` 为奇数时，多出的那个单元格放在末尾（下方、右侧）。
#
# 我们可以亲眼*看到*这一点。用大小为 4、步幅为 1 的窗口对一行 `1, 2, 3, 4` 做池化：得到 4 个窗口和 3 个填充单元格，而平均值会告诉我们填充去了哪里（在 Keras 中，求平均时不计入填充单元格）。

# %%
row = np.array([[1.0, 2.0, 3.0, 4.0]], dtype="float32")[None, :, :, None]  # 形状 (1, 1, 4, 1)
n, f, s = 4, 4, 1
# 每个窗口是 (start, stop)，不含 stop，和 range(start, stop) 一样；起点为负数或终点超过
# n - 1 = 3，就伸进了填充。(-1, 3) 覆盖单元格 -1、0、1、2。
windows = axis_windows(n, f, s, "same")
print("窗口：", windows)
out = len(windows)
total = (windows[-1][1] - windows[0][0]) - n  # 窗口跨越的单元格数，减去输入的单元格数
print(f"out = {out}，填充总数 total = {total}：前面 {total // 2} 个，后面 {total - total // 2} 个")
assert out == 4 and total == 3 and windows[0][0] == -(total // 2)

keras_max = layers.MaxPooling2D((1, 4), strides=1, padding="same")(row)[0, 0, :, 0]
keras_avg = layers.AveragePooling2D((1, 4), strides=1, padding="same")(row)[0, 0, :, 0]
print("Keras 最大池化：", np.asarray(keras_max))
print("Keras 平均池化：", np.asarray(keras_avg))

# 假如多出的那个单元格放在开头（前面 2 个、后面 1 个），窗口将会是：
other = [(a, a + 4) for a in range(-2, 2)]
values = row[0, 0, :, 0]  # 输入单元格 0..3，存着 1、2、3、4
# 切片只保留窗口中的输入单元格：求平均时不计入填充单元格
avg_if_start = [float(values[max(a, 0) : b].mean()) for a, b in other]
print("假如多出的那个单元格放在开头，平均值将是：", avg_if_start)
np.testing.assert_allclose(keras_avg, [2.0, 2.5, 3.0, 3.5])
np.testing.assert_allclose(keras_avg, pool2d(row, (1, 4), 1, "same", mode="avg")[0, 0, :, 0])
assert not np.allclose(keras_avg, avg_if_start)

# %% [markdown]
# Keras 的第一个窗口求的是 `1, 2, 3` 的平均（它们前面有一个填充单元格），所以一个填充单元格放在了前面，两个放在了后面。二维情形也是一样：在 5x5 的网格上用 2x2 的窗口、步幅 2，填充的行和列（画斜线的部分）只出现在底部和右侧。

# %%
plots.plot_pooling(
    np.arange(1, 26).reshape(5, 5), pool_size=2, padding="same", modes=("max", "avg")
)
plt.show()

# %% [markdown]
# <a id="pytorch"></a>
# ## 4. PyTorch：显式填充与 `ceil_mode`（选学）
#
# 本节以及与之配套的练习 2.6 都是选学内容：如果你只用 Keras，可以直接跳到第 5 节。之后的内容都不依赖本节，只有第 8 节交互工具中的 PyTorch 设置除外。
#
# 本课程没有安装 PyTorch，所以我们从它的文档中取它的规则（`torch.nn.MaxPool2d`，取默认的 `dilation = 1`：空洞（dilation）会把窗口中的单元格彼此拉开，本课程从不使用它）；`course_lib.pooling.output_size` 遵循这些规则，课程的测试还把它与一张手算的用例表做了对照。（PyTorch 的轴顺序也不同：它用 `(N, C, H, W)`，即通道在前（channels-first），而 Keras 默认和本课程都用 `(N, H, W, C)`，即通道在后（channels-last）。下面的计数只涉及 `H` 和 `W`。）
#
# * `padding=p` 在**每一侧**各加 `p` 个单元格，和第 1 节一样，然后同样在填充后的轴上数窗口（练习 2.2）。
# * `p` 最多为 `f // 2`，否则 PyTorch 会报错。这个上限是 **PyTorch 的约定**，`course_lib` 也遵循它。不过，保证窗口不会完全落在填充里的并不是这个上限：只有当 `p >= f` 时，才会有窗口完全落在填充里（下面的代码单元格检查了 `f = 3`、`p = 2` 时没有这样的窗口，而 PyTorch 仍然拒绝这个设置）。
# * 设置 `ceil_mode=True`（向上取整模式）时，伸出填充后轴末端的最后一个窗口会被保留，而不是丢弃（文档的说法是：输出大小向上取整，而不是向下取整），**但是** "sliding windows are allowed to go off-bounds if they start within the left padding or the input. Sliding windows that would start in the right padded region are ignored."（滑动窗口只要从左侧填充或输入中开始，就允许越界；会从右侧填充区域开始的滑动窗口则被忽略。）所以最后一个窗口可以伸出末端，只要它在输入结束之前开始：既不能从右侧填充中开始，也不能（当 `p = 0` 时）从紧挨着输入之后的位置开始。写出这条规则是练习 2.6。

# %%
try:
    output_size(5, 3, 2, padding=2)
except PaddingTooLargeError as error:
    print("PaddingTooLargeError:", error)
print("padding=1 可以接受：", output_size(5, 3, 2, padding=1), "个窗口")

# 然而当 f = 3、p = 2 时，并没有哪个窗口完全落在填充里。任何步幅下的每个窗口，都是从填充后的
# 轴的每个单元格依次开始的那些窗口之一；把它们全部检查一遍：
n, f, p = 5, 3, 2
cells = ["pad"] * p + ["input"] * n + ["pad"] * p
windows = [cells[a : a + f] for a in range(len(cells) - f + 1)]
all_padding = [w for w in windows if "input" not in w]
print(f"f={f}, p={p}：共 {len(windows)} 个窗口位置，其中 {len(all_padding)} 个完全落在填充里")
assert all_padding == []

# %% [markdown]
# 需要记住的两种 `ceil_mode` 情形，画在下面：
#
# * `n = 5, f = 2, s = 2, p = 1`：向上取整会多出第四个窗口（中间那张图中的红色虚线），但它会从单元格 5，也就是右侧的填充单元格开始：它完全不含输入，所以 PyTorch 忽略它，给出 3 个窗口，和不用 `ceil_mode` 时一样（左图）。
# * `n = 3, f = 2, s = 2, p = 0`：`ceil_mode` 增加了一个真正的窗口，它从最后一个输入单元格开始，伸出了输入之外（右图）。它伸到输入之外的那个单元格画成点线，表示“在输入之外（不是填充）”：那里什么也没有添加。PyTorch 直接把它排除在外：它永远不会是最大值，求平均时也不计入，即使设置了 `count_include_pad=True` 也不计入，因为这个选项只计入真正的填充单元格。

# %%
for n, f, s, p in [(5, 2, 2, 1), (3, 2, 2, 0)]:
    floor_count = output_size(n, f, s, padding=p)
    ceil_count = output_size(n, f, s, padding=p, ceil_mode=True)
    print(
        f"n={n} f={f} s={s} p={p}：ceil_mode=False 时 {floor_count}，ceil_mode=True 时 {ceil_count}"
    )
assert output_size(5, 2, 2, padding=1) == output_size(5, 2, 2, padding=1, ceil_mode=True) == 3
assert output_size(3, 2, 2, ceil_mode=True) == 2 > output_size(3, 2, 2) == 1

fig, axes = plt.subplots(1, 3, figsize=(15, 2.8))
plots.plot_axis_windows(5, 2, 2, 1, ceil_mode=False, ax=axes[0])
plots.plot_axis_windows(5, 2, 2, 1, ceil_mode=True, ax=axes[1], dropped=[5])
plots.plot_axis_windows(3, 2, 2, 0, ceil_mode=True, ax=axes[2])
fig.tight_layout()
plt.show()

# %% [markdown]
# （PyTorch 在最大池化时用 `-inf` 填充，所以填充单元格永远不会成为最大值；而求平均时，它默认**会**计入填充单元格（`count_include_pad=True`），这一点与 Keras 不同。第 3 课和第 4 课会研究这些值；这里我们只数窗口。）
#
# <details><summary><b>延伸阅读</b></summary>
#
# `ceil_mode` 的规则有一段历史：pytorch/pytorch#45357 报告了一个由完全位于输入之外的窗口算出的 `ceil_mode` 输出；pytorch/pytorch#46929 记录了文档中的公式单独来读时与代码不符；现在的文档里加上了上面引用的那句话。填充上限是在 PyTorch 的 C++ 池化代码中检查的，报错信息为 "pad should be at most half of effective kernel size"。
#
# </details>
#
# ## 5. 非正方形的输入、窗口和步幅
#
# 没有什么要求高度和宽度必须相同：Keras 接受 `pool_size=(fh, fw)` 和 `strides=(sh, sw)`，并像第 1 节那样，对每个轴分别数窗口。

# %%
input_shape = (1, 28, 20, 3)
settings = dict(pool_size=(3, 2), strides=(2, 1), padding="valid")
rows_, cols_ = axis_windows(28, 3, 2), axis_windows(20, 2, 1)
by_hand = (1, len(rows_), len(cols_), 3)
ours = output_shape(input_shape, **settings)
theirs = layers.MaxPooling2D(**settings)(np.zeros(input_shape, "float32")).shape
print(f"高度：3 行的窗口，每次移动 2 行，最后一个起点为 {rows_[-1][0]} -> {len(rows_)} 个窗口")
print(f"宽度：2 列的窗口，每次移动 1 列，最后一个起点为 {cols_[-1][0]} -> {len(cols_)} 个窗口")
print("手算：", by_hand, " course_lib:", ours, " Keras:", tuple(theirs))
assert by_hand == ours == tuple(theirs)

# %%
plots.plot_pooling(np.arange(24).reshape(4, 6), pool_size=(2, 3), strides=(2, 3), modes=("max",))
plt.show()

# %% [markdown]
# ## 6. 不同的输入可以得到相同的输出
#
# 由于放不下的窗口会被丢弃，不同的输入可能得到相同的输出大小，所以从输出大小推不出输入大小。用 2x2、步幅为 2 的窗口对大小 9 到 13 做池化：

# %%
print(f"{'n':>3} {'valid':>6} {'same':>5}")
for n in range(9, 14):
    print(f"{n:>3} {output_size(n, 2, 2):>6} {output_size(n, 2, 2, 'same'):>5}")
assert output_size(10, 2, 2) == output_size(11, 2, 2) == 5
assert output_size(9, 2, 2, "same") == output_size(10, 2, 2, "same") == 5

# %% [markdown]
# 在 `valid` 下，11 和 10 一样得到 5：11x11 特征图（feature map）的最后一行和最后一列从来没有被看过。在 `same` 下，9 和 10 都得到 5。只要网络之后需要*撤销*池化（上采样，即放大回输入的大小，比如在给每个像素打标签的分割网络中），这一点就很重要：从 5 出发，你无法判断应该回到 10 还是 11。
#
# ## 7. 手工追踪一个网络
#
# [卷积](00_start_here.ipynb#nn-conv2d)（convolution，即 Keras 的 `Conv2D`）把一个 `k x k` 的小卷积核（filter，Keras 称之为 *kernel*）在特征图上滑动，就像池化窗口一样，但它对窗口求的是加权和，而不是最大值或平均值；它有几个卷积核（*filters*），就这样算几遍，每个卷积核给出一个输出通道（channel）。数它能放在哪些位置，方法和数池化窗口完全相同：`valid` 填充、步幅为 1 时，只计入整个卷积核放得下的位置；`same` 填充、步幅为 1 时，大小保持不变。卷积也可以设步幅（`strides=`，不指定时为 1），计数方式和池化一样；下面的网络都用步幅 1，这也是 `trace` 唯一能处理的步幅。[`Flatten`](00_start_here.ipynb#nn-flatten) 把形状为 `(H, W, C)` 的特征图变成一个含 `H * W * C` 个数的向量。于是，下面的一个函数 `trace` 就能追踪形状经过这几种层的变化，而 `compare` 在 Keras 中搭出同样的层，并逐一核对每个形状。


# %%
def trace(input_hw, channels, stack):
    """追踪 (高, 宽, 通道数) 经过一串 ("conv", k, filters, padding)、
    ("pool", f, s, padding) 和 ("flatten",) 步骤的变化；每层返回一行。"""
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
    """把同样的层序列搭成一个 Keras 模型。这里只关心形状，所以卷积核从 0 开始：为每种新的
    卷积核形状生成随机权重只会白白耗费时间。"""
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
    print(f"{name}\n{'层':<23}{'手算':<16}{'Keras':<18}")
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
compare("类 LeNet 网络，32x32 灰度输入", (32, 32), 1, lenet)  # LeNet：早期的手写数字识别网络

vgg = []
for filters in (8, 16, 32, 32, 32):
    vgg += [("conv", 3, filters, "same"), ("conv", 3, filters, "same"), ("pool", 2, 2, "valid")]
vgg_rows = compare("类 VGG 网络，100x100 彩色输入", (100, 100), 3, [*vgg, ("flatten",)])
assert [shape[0] for label, shape in vgg_rows if label.startswith("pool")] == [50, 25, 12, 6, 3]

# %% [markdown]
# 读一读类 VGG 网络的那张表（VGG 是由这种模块搭成的经典图像网络）：`same` 卷积保持大小不变，每次池化把大小减半，并丢掉多出来的那个单元格：100 -> 50 -> 25 -> 12 -> 6 -> 3。在 25 -> 12 这一步，最后一行和最后一列被丢掉了。（VGG 本身使用 224x224 的输入，它能整整齐齐地连续减半五次，得到 7。）

# %%
sizes_224 = [224]
for _ in range(5):
    sizes_224.append(output_size(sizes_224[-1], 2, 2))
print("224 连续减半五次：", sizes_224)
assert sizes_224[-1] == 7

# %% [markdown]
# ## 8. 动手探索
#
# 拖动滑块：输入大小 `n`、窗口 `f`、步幅 `s`、填充 `p`，以及填充方式（Keras 的 `valid` / `same`，PyTorch 的显式 `p`，带或不带 `ceil_mode`）。图中显示每个窗口落在哪里。交互图需要一个正在运行的 Jupyter；它后面的静态图给出了几组值得比较的设置（在最后一组中，`ceil_mode` 让最后一个窗口越过填充、多伸出一个单元格：那个点线单元格在输入之外，不是填充）。

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
# ## 小结
#
# * 每次只看一个轴：窗口从 `0, s, 2s, ...` 开始（有填充时，在填充后的轴上），只要还放得下一个完整的窗口。末尾剩下的单元格永远不会被看到。
# * 在 Keras 和 PyTorch 中，步幅默认等于窗口大小。
# * `(n - f + 1) / s`，无论按原式还是向下取整，都只在 `n - f + 1` 能被 `s` 整除时才是对的。
# * Keras 的 `"same"` 为输入的每 `s` 个单元格放一个窗口，并且只填充刚好够让最后一个窗口完整的单元格；计数与窗口大小无关，只有 `s = 1` 时才保持大小不变。填充单元格数为奇数时，多出的那个单元格放在末尾（下方/右侧）。当 `s > f` 时，仍有一些单元格不在任何窗口里。
# * PyTorch（选学的第 4 节）：`p <= f // 2`，这是 PyTorch 的约定（只有 `p >= f` 时窗口才会完全落在填充里）；`ceil_mode=True` 向上取整，**但**窗口不能在输入的末端或更后的位置开始，即不能从右侧填充中或更远处开始（`n=5, f=2, s=2, p=1` 得到 3，而不是 4）。
# * 几种不同的输入大小会得到同一个输出大小（经过 2x2/2 的 `valid` 池化，10 和 11 都得到 5）。
#
# ## 自测
#
# 打开 [`exercises/zh/ex02_output_size.ipynb`](../../exercises/zh/ex02_output_size.ipynb)：
#
# * **2.1-2.3** 本课各种计数背后的规则：`valid`、带填充，以及 `same`。
# * **2.4** 追踪形状经过一串层的变化，其中有一个带步幅的卷积。
# * **2.5** 列出能得到给定输出大小的所有输入大小。
# * **2.6**（挑战题，配合选学的第 4 节）PyTorch 的 `ceil_mode` 规则，包括边界情形。
#
# 下一课：第 3 课从零实现最大池化的前向传播（forward pass）和反向传播（backpropagation），并与 Keras 对照检查。
