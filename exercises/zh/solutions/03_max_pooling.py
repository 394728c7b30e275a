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
# # 练习 3 — 亲手实现最大池化
#
# 这些练习配合[第 3 课](../../notebooks/zh/03_max_pooling.ipynb)。做完之后，你将能用 NumPy 从零写出对一个批量的特征图做最大池化（max pooling）的代码，窗口和步幅任意；你也会了解框架替你处理的那些细节：默认步幅、逐通道池化、负值以及 dtype。你还会把它向量化、写出它的反向传播，并手算一张小特征图的池化。
#
# **用时**：约 60 分钟。

# %%
import course_lib
from course_lib.learner import how_exercises_work

course_lib.set_language("zh")  # 课程库的提示与反馈使用中文
how_exercises_work()

# %%
import numpy as np

from course_lib import check, hint, progress, reset_exercise  # noqa: F401 （供你使用）

# 原文的 4x4 例子，写成只含一张特征图、一个通道的批量，形状为 (1, 4, 4, 1)。
article = np.array([[2, 2, 7, 3], [9, 4, 6, 1], [8, 5, 2, 4], [3, 1, 2, 6]])[None, :, :, None]
print(article.shape)

# %% [markdown]
# ## 练习 3.1 — NHWC 批量的最大池化
#
# 第 3 课池化的是**一张二维特征图**（一幅图像、一个通道）。而网络中的一层接收的是整个批量：一个形状为 `(N, H, W, C)` 的数组（批量和通道在第 0 课讲 [`Conv2D`](../../notebooks/zh/00_start_here.ipynb#nn-conv2d) 时有解释）。现在写出这一层的版本 `max_pool(x, f, s=None)`：
#
# - `x` 是形状为 `(N, H, W, C)` 的 NumPy 数组（通道在后，与 Keras 相同）：`N` 个样本，每个大小为 `H × W`，有 `C` 个通道。dtype 任意，值任意（也可以是负数）。
# - 窗口为 `f × f`，在高和宽两个方向上都以步幅 `s` 移动；`s` 为 `None` 时等于 `f`，与 Keras 和 PyTorch 相同。不填充（`"valid"`）。
# - 返回一个形状为 `(N, H_out, W_out, C)`、dtype 与输入相同的**新**数组，其中 `out[n, i, j, c]` 是样本 `n` 的通道 `c` 在窗口 `(i, j)` 中的最大值。不要修改 `x`。
#
# 在原文的例子上，`max_pool(article, 2)[0, :, :, 0]` 应为 `[[9, 7], [8, 6]]`。对输出的行和列写循环没有问题；检查用的都是小数组。


# %%
def max_pool(x, f, s=None):
    """对形状为 (N, H, W, C) 的 x 做最大池化：窗口 f x f，步幅 s（默认为 f）。"""
    ### BEGIN SOLUTION
    if s is None:
        s = f
    n, h, w, c = x.shape
    h_out = (h - f) // s + 1
    w_out = (w - f) // s + 1
    out = np.empty((n, h_out, w_out, c), dtype=x.dtype)
    for i in range(h_out):
        for j in range(w_out):
            window = x[:, i * s : i * s + f, j * s : j * s + f, :]
            out[:, i, j, :] = window.max(axis=(1, 2))
    return out
    ### END SOLUTION


# %%
check("3.1", max_pool)

# %% [markdown]
# 卡住了？`hint("3.1")` 会给出第一条提示；再运行一次，就能看到下一条。
#
# ## 练习 3.2 — 向量化：可分离的做法
#
# 写出 `max_pool_fast(x, f, s=None)`：任务和结果都与 3.1 中的 `max_pool` 相同，但不对样本、输出单元格或通道写 Python 循环。第 3 课第 3 节对一张二维特征图遍历了 `f * f` 个窗口偏移；这里要做得更好，而且针对整个批量，就像 `course_lib` 自己的 `pool2d` 那样：窗口的最大值等于它各**列最大值**（对窗口 `f` 列中的每一列，取该列 `f` 个单元格中的最大值）中的最大值，因此池化是*可分离*的：先对行偏移 `di` 归约（得到列最大值），再对列偏移 `dj` 归约。
#
# 1. 先求列最大值：遍历 `f` 个行偏移 `di`；每个偏移对应 `x` 沿高度方向的一个带步幅的切片（保留所有列）。这些切片逐个单元格取最大值，得到的数组形状为 `(N, h_out, W, C)`：对每个窗口行和每一列，它是上下排列的 `f` 个单元格中的最大值。
# 2. 再用同样的方法，以 `f` 个列偏移 `dj` 沿列方向对这个结果做池化。
#
# 这样只需 `f + f` 次 NumPy 运算，而不是 `f * f` 次。以原文左上角的窗口 `[[2, 2], [9, 4]]` 为例：列最大值为 9 和 4，它们的最大值是 9。检查中包含一个由 8 张 33x31、16 个通道的特征图组成的批量。
#
# 注意，检查只比较结果：它看不到你的函数是怎样循环的，所以把 3.1 的代码原样复制过来也能通过。是否真的向量化了，需要你自己验证：在一个大的批量上给两个版本计时，用 `%timeit max_pool(big, 3, 2)` 和 `%timeit max_pool_fast(big, 3, 2)`，例如取 `big = np.random.default_rng(0).normal(size=(4, 32, 32, 16))`。


# %%
def max_pool_fast(x, f, s=None):
    """对 x (N, H, W, C) 做最大池化：先对 di 归约（列最大值），再对 dj 归约。"""
    ### BEGIN SOLUTION
    if s is None:
        s = f
    _, h, w, _ = x.shape
    h_out = (h - f) // s + 1
    w_out = (w - f) // s + 1
    rows = None  # (N, h_out, W, C)：每个窗口行的列最大值
    for di in range(f):
        cells = x[:, di : di + (h_out - 1) * s + 1 : s, :, :]
        # 切片是 x 的视图：复制第一个切片，使结果成为一个新数组。
        rows = cells.copy() if rows is None else np.maximum(rows, cells)
    out = None
    for dj in range(f):
        cells = rows[:, :, dj : dj + (w_out - 1) * s + 1 : s, :]
        out = cells.copy() if out is None else np.maximum(out, cells)
    return out
    ### END SOLUTION


# %%
check("3.2", max_pool_fast)

# %% [markdown]
# ## 练习 3.3 — 反向传播
#
# 写出 `max_pool_backward(dout, x, f, s=None)`，即最大池化（不填充）的梯度，做法同第 3 课第 6 节。第 0 课定义了[梯度](../../notebooks/zh/00_start_here.ipynb#nn-gradient)（gradient），以及 [`dout` 和 `dx`](../../notebooks/zh/00_start_here.ipynb#nn-backprop) 这两个名字：
#
# - `x` 是前向传播的输入 `(N, H, W, C)`；`dout` 是从后一层传来的梯度，形状与池化的输出相同，为 `(N, H_out, W_out, C)`；`s=None` 表示 `s = f`。
# - 返回 `dx`：一个与 `x` 形状相同的 **float** 数组。每个窗口把它的 `dout` 值传给存放其最大值的那一个单元格；窗口中的其他单元格从这个窗口得不到任何梯度。
# - **并列**：如果几个单元格同为最大值，只有按行优先顺序（在窗口内逐行、从左到右）的**第一个**得到梯度，与 PyTorch 相同。
# - **重叠**：一个单元格若是多个窗口的最大值，就得到这些窗口的梯度之**和**。
#
# 例子：对原文的特征图，取 `f = s = 2`、`dout = [[1, 2], [3, 4]]`，则 9 得到 1，7 得到 2，8 得到 3，6 得到 4，其他单元格都是 0。


# %%
def max_pool_backward(dout, x, f, s=None):
    """最大池化对 x 的梯度（并列时取按行优先顺序的第一个最大值）。"""
    ### BEGIN SOLUTION
    if s is None:
        s = f
    dx = np.zeros(x.shape, dtype=np.float64)
    n_batch, h_out, w_out, channels = dout.shape
    for n in range(n_batch):
        for i in range(h_out):
            for j in range(w_out):
                for c in range(channels):
                    window = x[n, i * s : i * s + f, j * s : j * s + f, c]
                    di, dj = np.unravel_index(np.argmax(window), window.shape)
                    dx[n, i * s + di, j * s + dj, c] += dout[n, i, j, c]
    return dx
    ### END SOLUTION


# %%
check("3.3", max_pool_backward)

# %% [markdown]
# ## 练习 3.4 — 手算重叠池化
#
# 用 **3x3 窗口、步幅 2** 对这张 5x5 特征图做池化（最大池化，不填充），用纸笔或者心算，不要写代码。把结果写成列表的列表，逐行给出。

# %%
by_hand = np.array(
    [
        [1, 3, 2, 0, 4],
        [5, 0, 1, 7, 2],
        [2, 6, 3, 1, 0],
        [0, 1, 8, 2, 5],
        [4, 2, 0, 3, 1],
    ]
)
print(by_hand)

# %%
### BEGIN SOLUTION
answer_3_4 = [[6, 7], [8, 8]]
### END SOLUTION

# %%
check("3.4", answer_3_4)

# %% [markdown]
# ## 练习 3.5 — `padding="same"`：填充的单元格永远不会胜出
#
# 写出 `max_pool_same(x, f, s=None)`，即采用相同填充的 Keras `MaxPooling2D(f, s, padding="same")`，`x` 的形状为 `(N, H, W, C)`：
#
# - 在有 `n` 个单元格的轴上，输出有 `out = ceil(n / s)` 个单元格。
# - 所需的填充为 `total = max((out - 1) * s + f - n, 0)`；其中 `total // 2` 个单元格加在输入之前，其余的加在输入之后。
# - 每个输出单元格是其窗口中最大的**真实**值：填充的单元格永远不能胜出，即使所有真实值都是负数。保持输入的 dtype。
#
# 对 3x3 的特征图 `[[-1, -2, -3], [-4, -5, -6], [-7, -8, -9]]`，取 `f = s = 2` 时，Keras 在底部加一行、在右侧加一列，结果为 `[[-1, -3], [-7, -9]]`。


# %%
def max_pool_same(x, f, s=None):
    """对形状为 (N, H, W, C) 的 x 做 Keras 的 'same' 最大池化：填充的单元格永远不会胜出。"""
    ### BEGIN SOLUTION
    if s is None:
        s = f
    n, h, w, c = x.shape
    h_out, w_out = -(-h // s), -(-w // s)
    top = max((h_out - 1) * s + f - h, 0) // 2
    left = max((w_out - 1) * s + f - w, 0) // 2
    out = np.empty((n, h_out, w_out, c), dtype=x.dtype)
    for i in range(h_out):
        r0 = i * s - top
        for j in range(w_out):
            c0 = j * s - left
            window = x[:, max(r0, 0) : min(r0 + f, h), max(c0, 0) : min(c0 + f, w), :]
            out[:, i, j, :] = window.max(axis=(1, 2))
    return out
    ### END SOLUTION


# %%
check("3.5", max_pool_same)

# %% [markdown]
# 卡住了？`hint("3.2")`、`hint("3.3")`、`hint("3.4")` 或 `hint("3.5")` 会逐条给出提示。
#
# ## 你已经证明了什么
#
# 通过检查的 `max_pool` 与本课程的参考实现（因而也与 Keras 的 `MaxPooling2D`）在以下情形中结果一致：批量、多个通道、负值、重叠窗口（`s < f`）、被跳过的单元格（`s > f`）以及默认步幅。`max_pool_fast` 用只有 `f + f` 步的循环算出同样的结果：先求列最大值，再在它们之间取最大值。`max_pool_backward` 把每个窗口的梯度送到它的最大值，遵循明确的并列规则，并把重叠处的梯度相加。你能手工摆放重叠的窗口，而 `max_pool_same` 按 Keras 的方式填充，又不让任何填充的单元格胜出。在一个新单元格中运行 `progress()`，可以查看你的记录。
