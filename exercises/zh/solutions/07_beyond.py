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
# # 练习 7 — 最大池化与平均池化之外
#
# 这些练习配合**第 7 课**（`notebooks/zh/07_beyond.ipynb`）。做完之后，你将能够自己实现 Lp（幂平均）池化，说出它从哪里开始不再像平均池化或最大池化那样工作，并预测一维池化层的输出形状。
#
# **用时**：约 20 分钟。

# %%
import course_lib
from course_lib.learner import how_exercises_work

course_lib.set_language("zh")  # 课程库的提示与反馈使用中文
how_exercises_work()

# %%
import numpy as np

from course_lib import check, hint, progress, reset_exercise  # noqa: F401 （供你使用）
from course_lib.pooling import pool2d

# 原文的 4x4 例子，做成形状为 (1, 4, 4, 1) 的批量，值为浮点数（原因见下文）。
article = np.array([[2, 2, 7, 3], [9, 4, 6, 1], [8, 5, 2, 4], [3, 1, 2, 6]], dtype=float)
article = article[None, :, :, None]
print(article.shape)
print("平均池化（用于对比）：", pool2d(article, 2, mode="avg")[0, :, :, 0].tolist())

# %% [markdown]
# ## 练习 7.1 — Lp 池化
#
# 编写 `lp_pool(x, p, f)`：对于形状为 `(N, H, W, C)`、取值**非负**（就像经过 ReLU 之后那样）的批量 `x`，用 `f x f` 的窗口、步幅 `f`、不加填充，把每个窗口 `R`（特征图上的一块区域，含 `|R|` 个值）替换为
#
# $$\Big(\frac{1}{|R|}\sum_{v \in R} |v|^p\Big)^{1/p}$$
#
# 并返回一个形状为 `(N, H // f, W // f, C)` 的浮点数组。你可以使用 `course_lib.pooling` 中的 `pool2d`。在原文的例子上，`p = 1` 得到的就是平均池化的结果 `[[4.25, 4.25], [4.25, 3.5]]`，`p = 2` 得到 `[[5.123, 4.873], [4.975, 3.873]]`（已四舍五入）。


# %%
def lp_pool(x, p, f):
    """对非负批量 x (N, H, W, C) 做 Lp 池化：f x f 窗口，步幅为 f。"""
    ### BEGIN SOLUTION
    powered = np.abs(np.asarray(x, dtype=float)) ** p
    return pool2d(powered, f, mode="avg") ** (1.0 / p)
    ### END SOLUTION


# %%
check("7.1", lp_pool)

# %% [markdown]
# **它的局限**。在原文的例子上用你的 `lp_pool` 试试 `p = 1, 2, 8, 64`，并与最大池化比较：对任何有限的 `p`，结果都低于最大值（除非窗口中所有的值都相等）。然后在 `article * 10.0` 上试试 `p = 400`：乘方会超出 float64 的范围（`90 ** 400` 约为 `10 ** 781`），结果是 `inf`；而 `course_lib.pooling.variants.lp_pool2d` 会先除以每个窗口的最大值，因此结果保持有限。
#
# 整数的情况更糟：它们溢出时**悄无声息**。NumPy 的 int64 最多只能表示约 `9.2e18`，而 `9 ** 64` 约为 `1.2e61`，所以对整数数组计算 `np.abs(x) ** 64` 会溢出并“回绕”（超出范围的部分从另一端，即负数那一端，绕回来），得到毫无意义的数（甚至是负数），而且不报任何错。这就是上面的 `article` 要用 `dtype=float` 构建的原因，也是你的 `lp_pool` 应当在乘方之前先把输入转换为浮点数的原因：检查时会用原文例子的整数版本、取 `p = 64` 来调用它。
#
# ## 练习 7.2 — 两种约定，一个含负值的窗口
#
# 第 7 课展示过，PyTorch 的 `LPPool2d` 遵循的规则与课程的 `lp_pool2d` 不同：它把**带符号**的 `v ** p` 加起来（不取绝对值，而且是求和而不是求平均），再对这个和开 `p` 次方根。在 `p = 1` 时，开方不起作用，和的符号会保留下来（对于其他的 `p`，负的和会得到 NaN）。在 `p = 1` 时，两种规则对 `[-4, 2, -2, 4]` 给出了不同的答案。
#
# 现在取 2x2 窗口 `[-6, 3, -1, 1]`，`p = 1`。在纸上算出两种规则各自的结果，并以一对数作答：`answer_7_2 = (course_lp_pool2d, pytorch_lppool2d)`，即先写课程的 `lp_pool2d` 的结果，再写 PyTorch 的 `LPPool2d` 的结果。

# %%
### BEGIN SOLUTION
answer_7_2 = (2.75, -3.0)
### END SOLUTION

# %%
check("7.2", answer_7_2)

# %% [markdown]
# ## 练习 7.3 — 一维池化
#
# 一个批量含 8 个序列，每个序列长 100 步、有 16 个特征，形状为 `(8, 100, 16)`，它经过 `keras.layers.MaxPooling1D(pool_size=3, strides=2)`（填充方式为 `"valid"`）。输出形状是什么？请给出一个元组。

# %%
### BEGIN SOLUTION
answer_7_3 = (8, 49, 16)
### END SOLUTION

# %%
check("7.3", answer_7_3)

# %% [markdown]
# ## 你已经证明了什么
#
# Lp 池化就是先对 `|v| ** p` 做平均池化，再开方；在 `p = 1` 时，只有输入非负，它才等于平均池化；而且只有在极限情况下，它才会变成最大池化。各个框架对它的定义并不一致：PyTorch 的 `LPPool2d` 对带符号的幂求和，所以两种规则只有在输入非负（或 `p` 为偶数）时才一致（相差一个常数因子），而且当 `p` 不为 1 时，负的和会得到 NaN。一维池化遵循与二维池化相同的输出尺寸规则，只是作用在它滑动的那一个轴上。在一个新单元格中运行 `progress()`，可以查看你的记录。
