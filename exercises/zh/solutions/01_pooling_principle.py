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
# # 练习 1 — 池化层做了什么
#
# 这些练习配合**第 1 课**（[`notebooks/zh/01_pooling_principle.ipynb`](../../notebooks/zh/01_pooling_principle.ipynb)）。做完之后，你将能够预测池化后特征图的形状，算出池化为它后面的层省下了多少参数（池化自己没有参数），并用循环写出单张特征图的 2x2 最大池化（max pooling）。
#
# **用时**：约 15 分钟。

# %%
import course_lib
from course_lib.learner import how_exercises_work

course_lib.set_language("zh")  # 课程库的提示与反馈使用中文
how_exercises_work()

# %%
import numpy as np

from course_lib import check, hint, progress, reset_exercise  # noqa: F401 （供你使用）

# %% [markdown]
# ## 练习 1.1 — 预测输出形状
#
# 下面每一行描述一个输入和一个 Keras 池化层（没有[填充](../../notebooks/zh/00_start_here.ipynb#nn-padding)，即 `padding="valid"`；也没有指定步幅，所以用默认步幅）。前三个输入是形状为 `(H, W, C)` 的单张特征图，就像池化层处理批量中的每一张特征图那样对它们做池化（真要交给 Keras，得先在前面加一个批量轴）；最后一个是含 16 个样本的批量，形状为 `(N, H, W, C)`。不运行 Keras，预测每个输出的形状，写法与输入相同（特征图写三个数，批量写四个数）：
#
# 1. 一张 `(28, 28, 8)` 的特征图，`MaxPooling2D(pool_size=2)`
# 2. 一张 `(32, 32, 3)` 的特征图，`MaxPooling2D(pool_size=4)`
# 3. 一张 `(7, 7, 64)` 的特征图，`AveragePooling2D(pool_size=2)`
# 4. 一个 `(16, 9, 9, 5)` 的批量，`MaxPooling2D(pool_size=3)`
#
# 按这个顺序把四个元组放进一个列表作答，例如 `[(1, 2, 3), ...]`。（步幅不等于池化窗口大小的情况在第 2 课介绍。）

# %%
### BEGIN SOLUTION
answer_1_1 = [(14, 14, 8), (8, 8, 3), (3, 3, 64), (16, 3, 3, 5)]
### END SOLUTION

# %%
check("1.1", answer_1_1)

# %% [markdown]
# ## 练习 1.2 — 池化为后面的层省下了什么
#
# 某个网络的卷积部分最后输出一张 `(24, 24, 32)` 的特征图，接着是 `Flatten()`，再接 `Dense(64)`。在特征图和 `Flatten` 之间，我们分别放 0、1、2 个 `MaxPooling2D(pool_size=2)` 层。
#
# 给出这三个网络中 `Dense` 层的参数个数（权重加偏置），写成列表 `[0 个池化层时, 1 个时, 2 个时]`。用 Python 算术算出来，不要构建模型。

# %%
### BEGIN SOLUTION
answer_1_2 = [24 * 24 * 32 * 64 + 64, 12 * 12 * 32 * 64 + 64, 6 * 6 * 32 * 64 + 64]
### END SOLUTION

# %%
check("1.2", answer_1_2)

# %% [markdown]
# ## 练习 1.3 — 用循环实现单张特征图的最大池化
#
# 编写 `max_pool_2x2(x)`：
#
# - `x` 是形状为 `(H, W)` 的二维 NumPy 数组：一张特征图的一个通道。dtype 任意，取值任意（也可以是负数）。
# - 窗口为 2x2，步幅为 2，没有填充：当 `H` 或 `W` 为奇数时，最后一行或最后一列放不进任何窗口，直接舍去。
# - 返回一个形状为 `(H // 2, W // 2)`、dtype 与 `x` 相同的**新**数组，其中 `out[i, j]` 是左上角单元格为 `x[2 * i, 2 * j]` 的那个窗口中的最大值。
#
# 用普通的 `for` 循环逐个计算输出单元格。在原文的例子上，`max_pool_2x2(article)` 的结果是 `[[9, 7], [8, 6]]`。

# %%
article = np.array([[2, 2, 7, 3], [9, 4, 6, 1], [8, 5, 2, 4], [3, 1, 2, 6]])


def max_pool_2x2(x):
    """对二维特征图 x（形状为 (H, W)）做步幅为 2 的 2x2 最大池化。"""
    ### BEGIN SOLUTION
    out = np.zeros((x.shape[0] // 2, x.shape[1] // 2), dtype=x.dtype)
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = x[2 * i : 2 * i + 2, 2 * j : 2 * j + 2].max()
    return out
    ### END SOLUTION


# %%
check("1.3", max_pool_2x2)

# %% [markdown]
# ## 你已经证明了什么
#
# 三项检查都通过后，你就能说出池化对一张 `(H, W, C)` 特征图或一个 `(N, H, W, C)` 批量做了什么：在默认步幅下，窗口一个挨一个地排开，而且必须完整放得下，所以高度和宽度按池化窗口的大小缩小（向下取整）；通道和样本保持原样。池化没有参数；每多一个 2x2 池化，它后面的 `Dense` 层的权重数就除以 4。你还亲手写出了每个池化层都在运行的那个循环。
