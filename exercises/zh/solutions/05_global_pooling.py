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
# # 练习 5 — 全局池化
#
# 这组练习配合[第 5 课](../../notebooks/zh/05_global_pooling.ipynb)。做完之后，你将能够：为整个批量编写全局最大池化（global max pooling）；对一批尺寸各异的图像求平均，而不把填充算进去；计算全局池化省下的参数量；把任意一种池化变成全局池化；仅凭训练好的网络的最后一层特征图和分类头，找出它看的是哪里。
#
# **用时**：约 40 分钟。

# %%
import course_lib
from course_lib.learner import how_exercises_work

course_lib.set_language("zh")  # 课程库的提示与反馈使用中文
how_exercises_work()

# %%
import numpy as np

from course_lib import check, hint, progress, reset_exercise  # noqa: F401 （供你使用）

# 原文中的 4x4 例子，做成形状为 (1, 4, 4, 1) 的批量。
article = np.array([[2, 2, 7, 3], [9, 4, 6, 1], [8, 5, 2, 4], [3, 1, 2, 6]])[None, :, :, None]
print(article.shape)

# %% [markdown]
# ## 练习 5.1 — 对一个批量做全局最大池化
#
# 第 5 课求的是一张 4x4 特征图的最大值。现在要对整个批量做这件事：编写 `global_max_pool(x)`，对形状为 `(N, H, W, C)` 的 `x`，返回每个样本每个通道的最大值，即一个形状为 `(N, C)`、dtype 与输入相同的数组（这正是 Keras 的 `GlobalMaxPooling2D` 所做的）。不需要循环：NumPy 的归约操作（如 `x.max(...)`）接受 `axis` 参数，它可以是由几个轴组成的元组。在原文的例子上，结果是 `[[9]]`。


# %%
def global_max_pool(x):
    """全局最大池化：形状为 (N, H, W, C) 的 x -> (N, C)。"""
    ### BEGIN SOLUTION
    return x.max(axis=(1, 2))
    ### END SOLUTION


# %%
check("5.1", global_max_pool)

# %% [markdown]
# ## 练习 5.2 — 对尺寸各异的图像做全局平均池化
#
# 第 5 课表明，采用全局平均池化分类头的网络能接受任意尺寸的图像。要把*不同*尺寸的图像放进同一个批量（一个数组），就要在它们的底部和右侧用 0 填充到最大的高和宽，再用一个形状为 `(N, H, W)` 的布尔数组 `mask` 标出哪些像素是真实的（`True`），哪些是填充（`False`）。普通的全局平均池化会把填充的 0 当作暗像素算进去。
#
# 编写 `masked_global_avg_pool(x, mask)`：对 `(N, H, W, C)` 的 `x` 和 `(N, H, W)` 的 `mask`，返回一个形状为 `(N, C)` 的浮点数组，即每个通道只在该图像的**真实**像素上求得的平均值。例如：把原文的 4x4 特征图填充到 5x6（14 个填充的 0）后，平均值仍然是 4.0625，而不是 65 / 30。

# %%
article_padded = np.zeros((1, 5, 6, 1))
article_padded[:, :4, :4] = article
article_mask = np.zeros((1, 5, 6), dtype=bool)
article_mask[:, :4, :4] = True
print(article_padded[0, :, :, 0])
print(article_mask[0].astype(int))


# %%
def masked_global_avg_pool(x, mask):
    """各通道在真实像素上的平均值：x (N, H, W, C)，mask (N, H, W) -> (N, C)。"""
    ### BEGIN SOLUTION
    total = (x * mask[:, :, :, None]).sum(axis=(1, 2))  # (N, C)：填充处计为 0
    count = mask.sum(axis=(1, 2))  # (N,)：每张图像的真实像素数
    return total / count[:, None]
    ### END SOLUTION


# %%
check("5.2", masked_global_avg_pool)

# %% [markdown]
# 卡住了？`hint("5.1")` 或 `hint("5.2")` 会一次给出一条提示。
#
# ## 练习 5.3 — 计算两种分类头的参数量
#
# 某个网络的最后一层特征图为 **8 x 8，有 256 个通道**，它要为 **10 个类别**打分。用纸和笔算出第 5 课中两种分类头的参数量（权重和偏置）：
#
# 1. `Flatten()` 后接 `Dense(10)`；
# 2. `GlobalAveragePooling2D()` 后接 `Dense(10)`。
#
# 用一个二元组作答：`answer_5_3 = (params_of_head_1, params_of_head_2)`。

# %%
### BEGIN SOLUTION
answer_5_3 = (8 * 8 * 256 * 10 + 10, 256 * 10 + 10)
### END SOLUTION

# %%
check("5.3", answer_5_3)

# %% [markdown]
# ## 练习 5.4 — 把任意池化变成全局池化
#
# 第 5 课表明，全局平均池化就是只用一个与特征图一样大的窗口的平均池化。其他带窗口的池化也是如此：最大池化、中位数池化（取窗口的中位数）、均方根池化（各值平方的平均值再开平方）……
#
# 编写 `make_global(pool, x)`。它接收一个池化函数 `pool` 和一个形状为 `(N, H, W, C)` 的批量 `x`。`pool(x, pool_size)` 用大小为 `pool_size`（一个数，或一对 `(height, width)`）的窗口对 `x` 做池化，步幅等于窗口大小，不做填充，返回 `(N, H_out, W_out, C)`。`make_global` 必须**调用 `pool`** 来算出这种池化的全局版本，形状为 `(N, C)`。特征图不一定是正方形。检查程序会传入几种不同的池化，所以自己去算平均值或最大值是行不通的。
#
# 下面把 2x2 平均窗口的 `pool2d` 做成这样一个函数，并作用在原文的特征图上：

# %%
from course_lib.pooling import pool2d


def average_pooling(x, pool_size):
    """步幅等于窗口大小的平均池化：`pool` 函数的一个例子。"""
    return pool2d(x, pool_size, mode="avg")


print(average_pooling(article, 2)[0, :, :, 0])


# %%
def make_global(pool, x):
    """池化 `pool` 的全局版本：x (N, H, W, C) -> (N, C)，通过调用 pool 得到。"""
    ### BEGIN SOLUTION
    pooled = pool(x, (x.shape[1], x.shape[2]))  # 只有一个窗口：(N, 1, 1, C)
    return pooled[:, 0, 0, :]
    ### END SOLUTION


# %%
check("5.4", make_global)

# %% [markdown]
# ## 练习 5.5 — 网络在哪里看到了第二名？
#
# 第 5 课训练了一个网络，它的分类头是全局平均池化后接一个全连接层；课上还表明，类别 `c` 的分数等于它的类激活图的平均值加上偏置，即 `score_c = mean(CAM_c) + b_c`，其中 `CAM_c[i, j] = Σ_k features[i, j, k] · weights[k, c]`。
#
# 课上看的是网络所选类别的图。这里你要看的是它*差点*选中的类别：**第二名**（runner-up），即分数第二大的类别。它的图显示了网络在哪里看到了支持它第二个猜测的证据。
#
# 你只拿到**一张图像**的最后一层特征图 `features` `(H, W, K)`、全连接层的权重 `weights` `(K, n_classes)` 和偏置 `bias` `(n_classes,)`，而没有网络本身。编写 `runner_up_peak(features, weights, bias)`，返回**第二名类别**的类激活图最大值所在的位置 `(row, col)`，形式为由两个整数组成的元组。（类别总是至少有两个。）
#
# 例如：`features` 的形状为 `(2, 3, 2)`，通道 0 在 `(0, 0)` 处为 1.0，通道 1 在 `(1, 2)` 处为 3.0（其余位置为 0），`weights` 为单位矩阵（通道 `k` 为类别 `k` 投票），且没有偏置。这时类别 1 获胜，类别 0 是第二名，它的图在 `(0, 0)` 处取得峰值。


# %%
def runner_up_peak(features, weights, bias):
    """分数第二大的类别的激活图峰值位置 (row, col)。"""
    ### BEGIN SOLUTION
    cams = features @ weights  # (H, W, n_classes)：一次算出所有类别的图
    scores = cams.mean(axis=(0, 1)) + bias
    runner_up = int(np.argsort(scores)[-2])  # argsort：按升序排列
    row, col = np.unravel_index(np.argmax(cams[:, :, runner_up]), cams.shape[:2])
    return int(row), int(col)
    ### END SOLUTION


# %%
check("5.5", runner_up_peak)

# %% [markdown]
# 卡住了？`hint("5.3")`、`hint("5.4")` 或 `hint("5.5")` 会一次给出一条提示。
#
# ## 你已经证明了什么
#
# 全局池化就是用一个与整张特征图一样大的窗口做池化，这对任何带窗口的池化都成立：它把高和宽两个轴归约掉，而让各样本、各通道保持分开，`(N, H, W, C) -> (N, C)`；对于填充过的图像，只有真实像素才能计入。它让分类头的权重减少到原来的 `H * W` 分之一；而且因为它是求平均，类别分数就是类激活图的平均值加上偏置，这让你无需运行网络，就能读出各类别的排名，以及每个类别在哪里找到了证据。在一个新的单元格中运行 `progress()`，即可查看你的记录。
