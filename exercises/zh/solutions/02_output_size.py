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
# # 练习 2 — 输出有多大？
#
# 这些练习配合[第 2 课](../../notebooks/zh/02_output_size.ipynb)。做完以后，你能够用手算和代码算出一个输入的某个轴上能放下多少个池化窗口（pooling window），包括三种情况：不填充、每侧填充（padding）`p` 个单元格，以及 Keras 的 `padding="same"`。
#
# **用时**：核心部分 2.1-2.4 约 25 分钟；2.5 再加约 10 分钟；2.6 是配合第 2 课选学第 4 节的挑战题，再加约 10 分钟。这里全是普通的 Python，不需要 NumPy。

# %%
import course_lib
from course_lib.learner import how_exercises_work

course_lib.set_language("zh")  # 课程库的提示与反馈使用中文
how_exercises_work()

# %%
from course_lib import check, hint, progress, reset_exercise  # noqa: F401 （供你使用）

# %% [markdown]
# ## 练习 2.1 — 有效填充
#
# 第 2 课在图上数了窗口。现在把规则写出来：`output_size(n, f, s)`，即大小为 `f`、步幅（stride）为 `s` 的窗口，在一个有 `n` 个单元格的轴上能完整放下的个数（不填充，也就是 Keras 中的有效填充 `padding="valid"`）。所有参数都是正整数，且 `f <= n`；返回一个 `int`，用算术算出（不需要循环）。
#
# 例如，原文中那张 4 × 4 的特征图（feature map），用 2 × 2 的窗口、步幅 2，每个轴上得到 `output_size(4, 2, 2) == 2`。注意：原文在「池化后维度计算」中给出的公式 `(n - f + 1) / s`（原文为「(nh - f + 1)/s X (nw - f + 1)/s X nc」）在这里得到 1.5。


# %%
def output_size(n, f, s):
    """大小为 f、步幅为 s 的窗口在有 n 个单元格的轴上的个数（不填充）。"""
    ### BEGIN SOLUTION
    return (n - f) // s + 1
    ### END SOLUTION


# %%
check("2.1", output_size)

# %% [markdown]
# 卡住了？运行 `hint("2.1")` 获得第一条提示；再运行一次，可以得到下一条。

# %% [markdown]
# ## 练习 2.2 — 两侧都填充
#
# 编写 `output_size_padded(n, f, s, p)`：在轴的**每一侧**各加 `p` 个填充单元格后（就像 PyTorch 的 `padding=p` 那样；第 2 课画过两个例子），同样的计数。你可以假设 `p <= f // 2`（PyTorch 的约定）。例如 `output_size_padded(5, 3, 1, 1) == 5`：大小为 3 的窗口、步幅 1、两侧各一个填充单元格，大小保持不变。


# %%
def output_size_padded(n, f, s, p):
    """大小为 f、步幅为 s 的窗口，在有 n 个单元格、两侧各填充 p 个单元格的轴上的个数。"""
    ### BEGIN SOLUTION
    return (n + 2 * p - f) // s + 1
    ### END SOLUTION


# %%
check("2.2", output_size_padded)

# %% [markdown]
# ## 练习 2.3 — Keras 的 `padding="same"`
#
# 编写 `output_size_same(n, s)`：Keras 池化层在 `padding="same"`（相同填充）、步幅为 `s` 时，在有 `n` 个单元格的轴上的输出大小。Keras 先按步幅定下窗口的个数，再只填充刚好够这些窗口用的单元格，所以式子里没有窗口大小（第 2 课的表格说明了这一点）。例如 `output_size_same(5, 2) == 3`。
#
# 动手写之前，先画图预测一下：`n = 9`、`s = 4` 会得到几个窗口？然后把你的预测和函数的返回值比较一下。


# %%
def output_size_same(n, s):
    """Keras 池化在 padding='same'、步幅为 s 时，有 n 个单元格的轴上的输出大小。"""
    ### BEGIN SOLUTION
    return -(-n // s)
    ### END SOLUTION


# %%
check("2.3", output_size_same)

# %% [markdown]
# ## 练习 2.4 — 手工追踪一个网络
#
# 一个 Keras 模型接收形状为 `(65, 65, 3)`（高、宽、通道）的图像，并依次执行：
#
# 1. `Conv2D(16, kernel_size=5)`（步幅 1，`padding="valid"`）
# 2. `MaxPooling2D(pool_size=2)`
# 3. `Conv2D(32, kernel_size=3, padding="same")`
# 4. `MaxPooling2D(pool_size=3, strides=2)`
# 5. `Conv2D(64, kernel_size=2, strides=2)`
# 6. `MaxPooling2D(pool_size=2, padding="same")`
# 7. `Flatten()`
#
# 给出这七层中每一层之后的形状，不含批量（batch）轴：先是六个 `(H, W, C)` 元组，然后是展平（flatten）后向量的大小，写成只有一个元素的元组，例如 `(100,)`。数卷积能放在哪些位置，方法与数池化窗口完全相同，只是用卷积自己的步幅（不指定 `strides=` 时为 1）；它的输出通道（channel）数等于它的卷积核（filter）个数。用这七个元组组成的列表作答。请手工算出来，愿意的话可以借助你在 2.1-2.3 中写的函数（第 2 课的 `trace` 处理不了带步幅的卷积）。

# %%
### BEGIN SOLUTION
answer_2_4 = [
    (61, 61, 16),  # (65 - 5) // 1 + 1
    (30, 30, 16),  # (61 - 2) // 2 + 1：最后一行和最后一列被丢弃
    (30, 30, 32),  # same，步幅 1：大小不变
    (14, 14, 32),  # (30 - 3) // 2 + 1
    (7, 7, 64),  # (14 - 2) // 2 + 1：卷积的步幅为 2
    (4, 4, 64),  # same，步幅 2：ceil(7 / 2)
    (4 * 4 * 64,),
]
### END SOLUTION

# %%
check("2.4", answer_2_4)

# %% [markdown]
# ## 练习 2.5 — 哪些输入会得到这个输出？
#
# 编写 `input_sizes(out, f, s)`：对于窗口为 `f`、步幅为 `s`、有效填充（即不填充）的池化，列出恰好产生 `out` 个窗口的**所有**输入大小 `n`，按从小到大排好。所有参数都是正整数。例如 `input_sizes(7, 2, 2) == [14, 15]`：2x2、步幅 2 的池化会把 14x14 和 15x15 的特征图都变成 7x7。


# %%
def input_sizes(out, f, s):
    """恰好得到 `out` 个窗口的所有输入大小 n（从小到大，有效填充）。"""
    ### BEGIN SOLUTION
    smallest = (out - 1) * s + f  # 最后一个窗口从 (out - 1) * s 开始，需要 f 个单元格
    return list(range(smallest, smallest + s))  # 再多 s - 1 个单元格也放不下另一个窗口
    ### END SOLUTION


# %%
check("2.5", input_sizes)

# %% [markdown]
# ## 练习 2.6 — PyTorch 的 `ceil_mode`（挑战题）
#
# 选做：这道挑战题配合第 2 课选学的第 4 节；如果你跳过了那一节，这道题也可以跳过。
#
# 编写 `output_size_ceil(n, f, s, p)`：PyTorch 的 `MaxPool2d(f, s, padding=p, ceil_mode=True)` 在有 `n` 个单元格的轴上的输出大小。PyTorch 的文档说了两件事：练习 2.2 的计数改为**向上**取整，而不是向下取整；以及 "sliding windows are allowed to go off-bounds if they start within the left padding or the input. Sliding windows that would start in the right padded region are ignored."（滑动窗口只要从左侧填充或输入中开始，就允许越界；会从右侧填充区域开始的滑动窗口则被忽略。）所以，如果最后一个窗口会在输入的末端或更后的位置开始（在右侧填充中，或者当 `p = 0` 时紧挨在输入之后），就不计入。你可以假设 `p <= f // 2`，并且填充后的轴上至少放得下一个窗口。按第 2 课的方式给单元格编号：单元格 0 是输入的第一个单元格，所以左侧填充是单元格 `-p .. -1`，输入的最后一个单元格是 `n - 1`。
#
# 例如 `output_size_ceil(3, 2, 2, 0) == 2`（第二个窗口只含最后一个单元格），但 `output_size_ceil(5, 2, 2, 1) == 3`，而不是 4。第 2 课第 4 节把这两种情况都画了出来。


# %%
def output_size_ceil(n, f, s, p):
    """PyTorch 在 ceil_mode=True、两侧各填充 p 个单元格时的输出大小。"""
    ### BEGIN SOLUTION
    out = -(-(n + 2 * p - f) // s) + 1
    if (out - 1) * s - p >= n:  # 最后一个窗口会从右侧填充中开始
        out -= 1
    return out
    ### END SOLUTION


# %%
check("2.6", output_size_ceil)

# %% [markdown]
# ## 你已经证明了什么
#
# 通过 2.1-2.3，你把第 2 课的图变成了规则，覆盖了各框架用到的三种设置：有效填充、每侧 `p` 个填充单元格，以及只在步幅为 1 时才保持大小不变的 `"same"`。通过 2.4-2.6，你还能追踪整个网络的形状，列出得到某个输出大小的所有输入大小，并应用 PyTorch 的 `ceil_mode` 规则，包括边界情形。在新的单元格中运行 `progress()`，查看你的记录。
