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
# # 练习 6 — 池化的利与弊
#
# 这些练习配合**第 6 课**（`notebooks/zh/06_tradeoffs.ipynb`）。做完之后，你能够先预测、再测量最大池化的输出在平移后有多少保持不变；算出池化后的批量比输入小多少；并为描述的情境选择一种池化方式，说出理由。
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

x = np.array([[1, 5, 2, 0, 3, 9, 4, 1], [0, 2, 6, 1, 2, 1, 0, 7]])
print(x)
print("x 的 2x2 最大池化：", pool2d(x[None, :, :, None], 2)[0, :, :, 0])

# %% [markdown]
# ## 练习 6.1 — 先预测，再测量
#
# 对上面 2x8 的特征图 `x` 做最大池化，窗口 2x2、步幅 2：得到四个输出单元格。现在把 `x` 向**右**移动一个像素，并循环回绕（`np.roll(x, 1, axis=1)`：最后一列回到最前面），再做一次池化。
#
# 1. 先在纸上**预测**：四个池化单元格中，哪些会保持原来的值？
# 2. 再**测量**：对 `x` 和平移后的特征图，分别用 `pool2d(m[None, :, :, None], 2)`（`m` 代表其中一张特征图）算出池化结果，以及其中相等的单元格所占的比例（先用 `np.isclose`，再用 `np.mean`）。
#
# 答案是一个 0 到 1 之间的数。

# %%
### BEGIN SOLUTION
answer_6_1 = float(
    np.mean(
        np.isclose(
            pool2d(x[None, :, :, None], 2), pool2d(np.roll(x, 1, axis=1)[None, :, :, None], 2)
        )
    )
)
### END SOLUTION

# %%
check("6.1", answer_6_1)

# %% [markdown]
# 你预测对了吗？第 6 课表明，在随机特征图上，大约三分之一的单元格能在平移一个像素后保持不变；具体到某一张特征图，结果可能更好，也可能更差。
#
# ## 练习 6.2 — 池化后的批量小了多少？
#
# 一个卷积层输出一个批量：32 个样本，每个样本有 32 个通道，每个通道是一张 64x64 的特征图，数据类型为 float32（每个值占 4 字节）。它后面接一个 `MaxPooling2D(2)` 层（2x2 窗口，步幅 2）。池化后的批量比它的输入小多少 **MiB**（mebibyte：1 MiB = 2**20 = 1,048,576 字节）？给出一个数。
#
# 这个数意味着什么：它*不是*池化层释放出来的内存。训练时，池化层的输入仍然要保留给反向传播（第 3 课的反向传播需要用它来知道每个最大值在哪里）。缩小的是每个*后续*层接收的、在其上计算的，以及为自己的反向传播而保留的数据。

# %%
### BEGIN SOLUTION
answer_6_2 = (32 * 64 * 64 * 32 - 32 * 32 * 32 * 32) * 4 / 2**20  # 省下的数值个数 x 4 字节
### END SOLUTION

# %%
check("6.2", answer_6_2)

# %% [markdown]
# ## 练习 6.3 到 6.5 — 选择池化方式
#
# 每题用最佳选项的字母作答（一个字符串，例如 `"a"`）。选错了会得到解释；选对了也一样。
#
# 每个情境都混合了好几种需求：要结合第 6 课测得的结果来权衡，而不能只凭经验法则。
#
# **6.3** 一个网络要数出夜空照片中的星星：每颗星是暗而干净的背景上一两个明亮的像素。为了放得进内存，特征图在第一个卷积块之后必须缩小到原来的四分之一。哪种下采样最适合这个卷积块？
#
# - a：2x2 最大池化
# - b：2x2 平均池化
# - c：4x4 平均池化（更省内存）
# - d：完全不下采样，然后展平，接入全连接层

# %%
### BEGIN SOLUTION
answer_6_3 = "a"
### END SOLUTION

# %%
check("6.3", answer_6_3)

# %% [markdown]
# **6.4** 一个网络预测的是一个数而不是一个类别：根据卫星图像估计一块田地被作物覆盖的比例。反光会在随机位置让约 2% 的像素饱和到最大亮度。哪种下采样最适合第一个卷积块？
#
# - a：2x2 最大池化
# - b：2x2 平均池化
# - c：4x4 最大池化

# %%
### BEGIN SOLUTION
answer_6_4 = "b"
### END SOLUTION

# %%
check("6.4", answer_6_4)

# %% [markdown]
# **6.5** 货架摄像头上的一个分类器，商品哪怕只移动一个像素，它也会改变答案。这个网络运行在一块小芯片上：你可以修改它的池化层，但不能增加可学习的层或参数。什么办法有用？
#
# - a：什么都不用做：最大池化已经让网络具有平移不变性。
# - b：在步幅为 1 的最大池化和隔点采样之间插入一个固定的 `[1, 2, 1] / 4` 模糊卷积核，并在训练时让网络看到处在许多不同位置的商品。
# - c：把最大池化换成更大的 4x4 最大池化。
# - d：像 `allconv` 那样，把每个池化层换成一个可学习的、步幅为 2 的 3x3 卷积。

# %%
### BEGIN SOLUTION
answer_6_5 = "b"
### END SOLUTION

# %%
check("6.5", answer_6_5)

# %% [markdown]
# ## 你已经证明了什么
#
# 最大池化对平移的容忍只是部分的，而且可以逐个单元格地数出来；2x2 池化交给后续各层的激活值，在每个通道上都只有原来的四分之一；合适的池化方式取决于特征、噪声和预算：细而亮的细节用最大池化，对付离群值用平均池化，想让答案在平移下更稳定，就先模糊再隔点采样，而且不增加任何参数。在一个新的单元格中运行 `progress()`，查看你的记录。
