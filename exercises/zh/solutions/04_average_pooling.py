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
# # 练习 4 — 平均池化：无填充与有填充
#
# 这组练习配合[第 4 课](../../notebooks/zh/04_average_pooling.ipynb)。做完之后，你能够从零写出对一个批量的平均池化（average pooling），以及 Keras 的 `padding="same"` 版本：其中填充出来的单元格**不**计入平均值。你还会找出与连续两次平均池化效果相同的那一个卷积核，并写出反向传播。
#
# **用时**：约 50 分钟。

# %%
import course_lib
from course_lib.learner import how_exercises_work

course_lib.set_language("zh")  # 课程库的提示与反馈使用中文
how_exercises_work()

# %%
import numpy as np

from course_lib import check, hint, progress, reset_exercise  # noqa: F401 （供你使用）

# 原文中的 4x4 例子，写成形状为 (1, 4, 4, 1) 的批量。
article = np.array([[2, 2, 7, 3], [9, 4, 6, 1], [8, 5, 2, 4], [3, 1, 2, 6]])[None, :, :, None]
print(article.shape)

# %% [markdown]
# ## 练习 4.1 — 对 NHWC 批量做平均池化
#
# 本课只对**单张二维特征图**求了平均。现在写出层所用的批量版本 `avg_pool(x, f, s=None)`：和练习 3.1 的 `max_pool` 一样（`x` 的形状为 `(N, H, W, C)`，窗口为 `f × f`，步幅为 `s`，`None` 表示取 `f`，不加填充），只是每个输出单元格是其窗口的**平均值**。返回一个形状为 `(N, H_out, W_out, C)` 的新浮点数组，输入为整数时也一样。在原文的例子上，`avg_pool(article, 2)[0, :, :, 0]` 应为 `[[4.25, 4.25], [4.25, 3.5]]`。


# %%
def avg_pool(x, f, s=None):
    """对形状为 (N, H, W, C) 的 x 做平均池化，窗口 f x f，步幅 s（默认为 f）。"""
    ### BEGIN SOLUTION
    if s is None:
        s = f
    n, h, w, c = x.shape
    h_out = (h - f) // s + 1
    w_out = (w - f) // s + 1
    out = np.zeros((n, h_out, w_out, c))
    for i in range(h_out):
        for j in range(w_out):
            out[:, i, j, :] = x[:, i * s : i * s + f, j * s : j * s + f, :].mean(axis=(1, 2))
    return out
    ### END SOLUTION


# %%
check("4.1", avg_pool)

# %% [markdown]
# ## 练习 4.2 — `padding="same"`，不计入填充单元格
#
# 写出 `avg_pool_same(x, f, s=None)`，也就是 Keras 的 `AveragePooling2D(f, s, padding="same")`：
#
# - 沿一个有 `n` 个单元格的轴，输出有 `out = ceil(n / s)` 个单元格。
# - 所需的填充为 `total = max((out - 1) * s + f - n, 0)`；其中 `total // 2` 个单元格放在输入之前，其余的（`total` 为奇数时多一个）放在输入之后。
# - 每个输出单元格是其窗口中**真实**单元格的平均值：填充单元格既不计入求和，*也*不计入个数。
#
# 对于依次存放 1, 2, ..., 25 的 5 × 5 特征图，取 `f = s = 2`，输出为 3 × 3，最后一列为 `[7.5, 17.5, 25]`：右下角的窗口只包含一个真实单元格 25。


# %%
def avg_pool_same(x, f, s=None):
    """对形状为 (N, H, W, C) 的 x 做 Keras 的 'same' 平均池化：不计入填充。"""
    ### BEGIN SOLUTION
    if s is None:
        s = f
    n, h, w, c = x.shape
    h_out, w_out = -(-h // s), -(-w // s)
    top = max((h_out - 1) * s + f - h, 0) // 2
    left = max((w_out - 1) * s + f - w, 0) // 2
    out = np.zeros((n, h_out, w_out, c))
    for i in range(h_out):
        r0 = i * s - top
        rows = slice(max(r0, 0), min(r0 + f, h))
        for j in range(w_out):
            c0 = j * s - left
            cols = slice(max(c0, 0), min(c0 + f, w))
            out[:, i, j, :] = x[:, rows, cols, :].mean(axis=(1, 2))
    return out
    ### END SOLUTION


# %%
check("4.2", avg_pool_same)

# %% [markdown]
# 卡住了？`hint("4.1")` 或 `hint("4.2")` 会一条一条地给出提示。
#
# ## 练习 4.3 — 连续两次平均池化，合成一个卷积核
#
# 第 4 课表明，一次 `f x f` 平均池化就是用一个形状为 `(f, f)` 的常数卷积核做卷积，卷积核的权重都是 `1 / f²`。网络常常把层一层层堆起来，所以我们再往前走一步：连续做**两次**平均池化，都用 `f x f` 窗口、**步幅 1**、不加填充。结果仍然是一次步幅为 1 的卷积（两步都是加权求和，合起来还是一个加权求和），只不过卷积核更大，权重也*不*再全部相等。
#
# 写出返回这个卷积核的 `stacked_avg_kernel(f)`：一个形状为 `(2f - 1, 2f - 1)` 的二维浮点数组，使得把它以步幅 1 在特征图上滑动（每个输出单元格等于卷积核各权重与其下方单元格乘积之和）时，恰好得到两次池化的结果。
#
# 为什么是 `2f - 1`：第一次池化之后，每个单元格沿每个轴覆盖 `f` 个输入单元格；第二次的窗口覆盖 `f` 个这样的单元格，它们的起点依次相隔一个输入单元格，因此又向外多延伸了 `f - 1` 个单元格。先在纸上算出 `f = 2` 时的权重（先沿一个轴，再推广到二维）。


# %%
def stacked_avg_kernel(f):
    """连续两次步幅为 1 的 f x f 平均池化所对应的 (2f - 1, 2f - 1) 卷积核。"""
    ### BEGIN SOLUTION
    line = np.convolve(np.ones(f), np.ones(f)) / (f * f)  # 一维权重：1, 2, ..., f, ..., 1
    return np.outer(line, line)
    ### END SOLUTION


# %%
check("4.3", stacked_avg_kernel)

# %% [markdown]
# ## 练习 4.4 — 平均池化的反向传播
#
# 写出 `avg_pool_backward(dout, x, f, s=None)`，即不加填充（`"valid"`）的平均池化对 `x` 的梯度，做法同本课第 6 节（第 0 课定义了[梯度](../../notebooks/zh/00_start_here.ipynb#nn-gradient)，以及 [`dout` 和 `dx`](../../notebooks/zh/00_start_here.ipynb#nn-backprop) 这两个名字）：
#
# - `x` 是前向传播的输入，形状为 `(N, H, W, C)`；`dout` 是从后一层传回的梯度，形状为 `(N, H_out, W_out, C)`；`s=None` 表示 `s = f`。
# - 返回 `dx`，一个与 `x` 形状相同的**浮点**数组。每个窗口把它的 `dout` 值平均分给窗口内的 `f * f` 个单元格；窗口重叠处，各份额**相加**；不属于任何窗口的单元格得到 0。
#
# 例如：对原文的特征图，取 `f = s = 2`、`dout = [[1, 2], [3, 4]]`，左上角窗口的四个单元格各得 0.25，右下角窗口的四个单元格各得 1.0。


# %%
def avg_pool_backward(dout, x, f, s=None):
    """不加填充（valid）的平均池化对 x 的梯度。"""
    ### BEGIN SOLUTION
    if s is None:
        s = f
    dx = np.zeros(x.shape, dtype=np.float64)
    for i in range(dout.shape[1]):
        for j in range(dout.shape[2]):
            share = dout[:, i : i + 1, j : j + 1, :] / (f * f)
            dx[:, i * s : i * s + f, j * s : j * s + f, :] += share
    return dx
    ### END SOLUTION


# %%
check("4.4", avg_pool_backward)

# %% [markdown]
# 卡住了？`hint("4.3")` 或 `hint("4.4")` 会一条一条地给出提示。
#
# ## 你已经证明了什么
#
# 对一个批量做平均池化，就是把最大池化的循环换一种归约方式；而 `"same"` 填充，无非是窗口从哪里开始、计入哪些单元格的问题。Keras 不把填充单元格计入平均值；PyTorch 的默认做法（`count_include_pad=True`）则把它们当作 0 计入。连续两次步幅为 1 的平均池化等于一次卷积，其卷积核呈金字塔形，中心最重：这是比单个方框卷积核更平滑的模糊。此外，平均池化是线性运算，它的梯度会把每个窗口的 `dout` 平均分配给窗口内的各个单元格。在新的单元格中运行 `progress()`，即可查看你的记录。
