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
# # 第 0 课 — 从这里开始
#
# 欢迎来到**池化：从第一性原理讲起**（*Pooling, from first principles*）。这是一门动手实践的课程，讲的是卷积神经网络（convolutional neural network，CNN）中的池化层（pooling layer）。
#
# **读完本页，你将能够**
#
# 1. 确认你的电脑能运行本课程；
# 2. 弄清各课和配套练习是怎样组织的，知道该去哪里找什么；
# 3. 用一句话加一个小例子，说清各课用到的这些神经网络术语是什么意思：层、权重、`Dense`、`Conv2D`、ReLU、`Flatten`、softmax、损失、梯度、`dout`/`dx`、迭代周期、`fit`、RMSE、不变性；
# 4. 运行一次练习检查，读懂它给出的反馈，并请求提示。
#
# **用时**：约 25 分钟。第 1–3 部分和第 5 部分共 10 分钟，第 4 部分「够用就好的神经网络知识」15 分钟；如果你训练过神经网络，可以跳过第 4 部分。
#
# **怎样使用 notebook。** 按 **Shift+Enter** 从上到下依次运行各个单元格。如果看到什么异常，就选择菜单 *内核 → 重启并运行所有单元格…*（英文界面中是 *Kernel → Restart Kernel and Run All Cells*）。本课程的每一页都能在普通笔记本电脑上从头到尾运行，不需要 GPU，也不需要联网；在一台双核机器上实测，每一课需要 10 到 30 秒。

# %% [markdown]
# ## 1. 你的电脑准备好了吗？
#
# `course_lib` 是本课程自带的一个小型 Python 库。导入它时，它还会设定 Keras（各课用来搭建神经网络的库）的运行方式：Keras 使用 JAX 后端（backend，即在 Keras 底层实际做运算的库），并在 CPU 上运行；如果你通过环境变量 `KERAS_BACKEND` 自己选了别的后端，就用你选的那个。`doctor()` 会检查本课程需要的一切；如果缺了什么，它会用浅显的话告诉你该怎么做。

# %%
import course_lib

course_lib.set_language("zh")  # 课程库的提示与反馈使用中文
course_lib.doctor()

# %% [markdown]
# 每一行都应该以 ✓ 开头。如果你要在论坛上求助，请把这份报告连同下一个单元格显示的版本号一起贴出来。（它的输出因机器而异，所以这是本页唯一一个输出不参与课程测试比对的单元格。）

# %% tags=["nbval-ignore-output"]
course_lib.doctor(show_versions=True)

# %% [markdown]
# ## 2. 课程内容
#
# | # | 课程 | 你将学会 |
# |---|---|---|
# | 1 | `01_pooling_principle` | 说出池化对形状为 `(H, W, C)` 的特征图（feature map）做了什么、为什么它在每个通道上各自进行、为什么它没有权重，以及它在 CNN 中处于什么位置 |
# | 2 | `02_output_size` | 对任意窗口、步幅（stride）和[填充](#nn-padding)（padding），按 Keras 和 PyTorch 的实际做法算出输出尺寸 |
# | 3 | `03_max_pooling` | 先用循环、再用快速的写法实现最大池化（max pooling），并写出它的反向传播 |
# | 4 | `04_average_pooling` | 实现平均池化（average pooling），并看到它其实就是先模糊、再隔点采样（subsampling） |
# | 5 | `05_global_pooling` | 把全局池化（global pooling）用作分类头，并读懂类激活图（class activation map） |
# | 6 | `06_tradeoffs` | **测量**池化带来了什么（更小、计算更省、部分平移不变）以及付出了什么代价 |
# | 7 | `07_beyond` | 认识其他池化：Lp 池化、随机池化、混合池化、抗混叠池化、自适应池化、空间金字塔池化 |
#
# 各课默认你已经知道层、损失、梯度这些概念。如果你还不知道，本页第 4 部分「够用就好的神经网络知识」会用小例子逐一定义这些词，各课也会链接回那里。[术语表](glossary.md)列出了本课程的关键术语，英中对照，每个术语都附有指向其定义处的链接。
#
# 各课都在 `notebooks/zh/` 文件夹中。从第 1 课起，每一课都配有一个练习 notebook，放在 `exercises/zh/` 文件夹中，文件名就是在课程名前面加上 `ex`（`ex03_max_pooling.ipynb` 对应第 3 课）；每课最后一节「自测」会告诉你什么时候打开它。
#
# 你在 JupyterLab 中打开的，是课程的一份**属于你自己的副本**：它放在课程的 `workspace/` 文件夹中，由 `make lab-zh`（或 `make lab`）生成，其中的任何内容你都可以修改、运行和保存，已发布的课程本身永远不会被改动。如果某一课被弄乱了（删掉了一个单元格，或者在运行到一半时保存，导致输出丢失），在任意单元格中运行 `course_lib.restore_lesson(3)`，就能把已发布的第 3 课恢复回来（在终端中运行 `make restore LESSON=zh3` 效果相同）；你原来的副本会保存在它旁边的 `backups/` 文件夹中。然后在该课的标签页中选择 *文件 → 从磁盘重新加载 Notebook*（英文界面中是 *File → Reload Notebook from Disk*），事先不要保存。某一课需要这样恢复时，`doctor()`（第 1 部分）会告诉你。
#
# 本课程源自一篇广受欢迎的池化入门文章《【小白深度学习入门】【2】池化层详解：工作原理、维度计算、池化类型》。原文的算例是我们的出发点；原文中有错误或言过其实的地方，各课都会指出来，并说明原因：它的池化后维度计算公式（第 2 课）、它说池化层“减少了需要学习的参数数量”（第 1 课），以及它说“图像中物体的位置不会影响分类结果”（第 6 课）。

# %% [markdown]
# ## 3. 初体验：原文中的例子
#
# 下面是原文中那张 4 × 4 的特征图：一个由数字排成的网格，是网络根据一张图像算出来的（[第 4.4 节](#nn-conv2d)会讲怎么算）。池化让一个 2 × 2 的窗口以 2 为步幅在上面滑动，每个窗口只保留一个数：最大值（最大池化）或平均值（平均池化）。`course_lib.pooling` 处理的是带通道的*一批*特征图，形状为 `(N, H, W, C)`（第 4.4 节也会解释），所以这张单独的特征图要变成“一批只有一张、只有一个通道”的特征图。用 `None`（即 NumPy 的 `np.newaxis`）做索引，会在它所在的位置插入一个长度为 1 的新轴：`feature_map[None, :, :, None]` 在最前面和最后面各加一个轴。（后面你还会见到 `...`，它代表所有没有写出来的轴：`x[..., None]` 会在最后加一个轴。）

# %%
import numpy as np

from course_lib.pooling import global_pool2d, pool2d

feature_map = np.array([[2, 2, 7, 3], [9, 4, 6, 1], [8, 5, 2, 4], [3, 1, 2, 6]])
batch = feature_map[None, :, :, None]  # 形状为 (1, 4, 4, 1)

max_pooled = pool2d(batch, pool_size=2, strides=2, mode="max")[0, :, :, 0]
avg_pooled = pool2d(batch, pool_size=2, strides=2, mode="avg")[0, :, :, 0]
print("最大池化：\n", max_pooled)
print("平均池化：\n", avg_pooled)
print("全局最大池化：", global_pool2d(batch, "max").item())
print("全局平均池化：", global_pool2d(batch, "avg").item())

# %% [markdown]
# 4 × 4 的特征图变成了 2 × 2：像这样把特征图变小，就叫作**下采样**（downsampling）。每个输出单元格概括一个窗口：左上角的窗口 `[[2, 2], [9, 4]]` 给出 9（其中的最大值）或 4.25（其平均值）。全局池化则为整张图只保留一个数。下一个单元格用断言检查这些值；这样，如果哪天库的行为变了，本页就会在测试中报错，而不会悄悄地显示别的结果。

# %%
assert max_pooled.tolist() == [[9, 7], [8, 6]]
assert avg_pooled.tolist() == [[4.25, 4.25], [4.25, 3.5]]
assert global_pool2d(batch, "max").item() == 9
assert global_pool2d(batch, "avg").item() == 4.0625

# %% [markdown]
# ## 4. 够用就好的神经网络知识
#
# 各课会用到神经网络的术语（层、权重、`Conv2D`、softmax、损失、梯度、迭代周期……）。如果你从没训练过神经网络，这一部分正好给你这些词，每个都配有一个可以运行的小例子；大约需要 15 分钟。如果你已经熟悉它们，可以直接跳到第 5 部分。第 1–7 课会链接回这里的定义，[术语表](glossary.md)则列出了本课程的全部关键术语，英中对照。
#
# 首先是 Keras，各课用来搭建网络的库。`course_lib` 会按本课程的设置导入它（JAX 后端，在 CPU 上运行）：

# %%
keras = course_lib.frameworks.import_keras()  # 相当于 `import keras`，但使用本课程的设置
from keras import layers

# %% [markdown]
# <a id="nn-network"></a>
# ### 4.1 网络就是依次排列的层
#
# **神经网络**（neural network，也叫*模型*，model）是由一些叫作**层**（layer）的简单步骤搭成的函数。每一层接收一个数组，返回另一个数组；前一层的输出就是后一层的输入。在 Keras 中，`keras.Sequential([layer1, layer2, ...])` 把各层按这个顺序串起来。本课程中的网络都是**卷积神经网络**（CNN）：它们先用 `Conv2D` → ReLU → 池化这样的模块反复处理图像，然后经过 `Flatten`（或全局池化）→ `Dense` → softmax，softmax 把结果变成每个类别一个概率。下面各节就按这个顺序，逐一定义这些词。

# %% [markdown]
# <a id="nn-dense"></a>
# ### 4.2 `Dense` 层：加权求和
#
# **`Dense`** 层（也叫*全连接层*，fully connected layer）的每个输出，都是它**全部**输入的加权和再加上一个常数：`y = x @ W + b`（`@` 是 NumPy 的矩阵乘法）。有 3 个输入、2 个输出时，`W` 是一个 3 × 2 的矩阵（每个输出对应一列），`b` 含 2 个数，叫作**偏置**（bias）。下面把同一个层算两遍：先用 NumPy 手算，再用 `keras.layers.Dense(2)`，并用 `set_weights` 放入同样的 `W` 和 `b`。

# %%
x = np.array([1.0, 2.0, 3.0])  # 3 个输入值
W = np.array([[0.5, -1.0], [0.0, 1.0], [2.0, 0.5]])  # 3 个输入 x 2 个输出
b = np.array([0.1, -0.2])
y_by_hand = x @ W + b  # 第一个输出：1*0.5 + 2*0.0 + 3*2.0 + 0.1

dense = layers.Dense(2, kernel_initializer="zeros")  # 初始为 0，紧接着就会被替换
dense.build((None, 3))  # None：样本数任意；每个样本 3 个数
dense.set_weights([W, b])
y_keras = np.asarray(dense(x[None]))[0]  # Keras 接收的是一批样本：x[None] 的形状为 (1, 3)
print("手算：", y_by_hand.round(4), " Keras：", y_keras.round(4))
np.testing.assert_allclose(y_keras, y_by_hand, rtol=1e-6)  # 在浮点舍入误差范围内相等
assert y_by_hand.round(6).tolist() == [6.6, 2.3]

# %% [markdown]
# 第一个输出是 `1 × 0.5 + 2 × 0 + 3 × 2 + 0.1 = 6.6`；Keras 算出的两个数与手算相同。Keras 总是同时处理一批样本，即一个**批量**（batch），所以它的输入和输出的第一个轴都对应各个样本。

# %% [markdown]
# <a id="nn-weights"></a>
# ### 4.3 权重，也叫参数
#
# `W` 和 `b` 是这个层的**权重**（weight），也叫它的**参数**（parameter）：层存储下来、用于计算的那些数。这里是我们手工选定的；在真正的网络中，它们一开始是随机的，**训练**（第 4.11 节）会不断调整它们，直到网络能完成任务。（Keras 把 `W` 叫作 *kernel*，把 `b` 叫作 *bias*；“权重”同时指这两者。第 4.4 节中卷积的卷积核也以 *kernel* 的名字存储。）一个有 `n_in` 个输入、`n_out` 个输出的 `Dense` 层共有 `n_in × n_out + n_out` 个参数：这里是 3 × 2 + 2 = 8 个。层也可以一个参数都没有：池化层按固定的规则计算（第 1 课会说明）。

# %%
print("Dense(2) 作用于 3 个输入：", dense.count_params(), "个参数")
assert dense.count_params() == W.size + b.size == 3 * 2 + 2 == 8
assert layers.MaxPooling2D(2).count_params() == 0

# %% [markdown]
# <a id="nn-conv2d"></a>
# ### 4.4 卷积与 `Conv2D`：让一个小卷积核在图像上滑动
#
# **卷积**（convolution）让一个由权重组成的小网格，即**卷积核**（filter，或 kernel），在图像上滑动。在每个位置上，它把卷积核与其下方的像素逐个单元格相乘，再把乘积加起来，得到一个输出值。所有输出组成的网格就是一张**特征图**：图像中越像卷积核的地方，值越大。这里，一个 3 × 3 的卷积核（每一行都是 `[1, 0, -1]`）在一张中间有一条竖直亮线的 5 × 5 图像上滑动；不加填充（下面马上定义）时，3 × 3 的卷积核在 5 × 5 的图像中有 3 × 3 个位置可放。

# %% [markdown]
# <a id="nn-padding"></a>
# **填充**是在输入的边界外围额外添加的单元格，通常填 0，好让卷积核或池化窗口在边缘处也能放得下。下面的卷积不加填充；第 2 课会计算填充怎样改变位置的个数。

# %%
image = np.zeros((5, 5))
image[:, 2] = 1.0  # 中间一列是一条竖直的亮线
kernel = np.array([[1.0, 0.0, -1.0]] * 3)  # 对从左到右的亮度变化有响应

conv_by_hand = np.zeros((3, 3))
for i in range(3):  # 卷积核的左上角依次经过第 0、1、2 行……
    for j in range(3):  # ……以及第 0、1、2 列
        conv_by_hand[i, j] = (image[i : i + 3, j : j + 3] * kernel).sum()
print("手算：\n", conv_by_hand)

conv = layers.Conv2D(filters=1, kernel_size=3, use_bias=False)
image_batch = image[None, :, :, None]  # 形状 (N, H, W, C) = (1, 5, 5, 1)
conv.build(image_batch.shape)
conv.set_weights([kernel[:, :, None, None]])  # Keras 的卷积核形状：(3, 3, C_in, C_out)
conv_keras = np.asarray(conv(image_batch))
print("Keras 输出的形状：", conv_keras.shape)
np.testing.assert_allclose(conv_keras[0, :, :, 0], conv_by_hand)
assert conv_by_hand.tolist() == [[-3.0, 0.0, 3.0]] * 3

# %% [markdown]
# 卷积核的右列压在亮线上时，输出为 -3（亮度从左到右上升）；左列压在亮线上时，输出为 3（亮度下降）；亮线落在中间那列 0 下面时，输出为 0。严格说来，这是*互相关*（cross-correlation）：卷积核没有翻转；但所有深度学习库都把它叫作卷积。每个输出单元格只依赖于卷积核下方的 3 × 3 个像素，这就是它的**感受野**（receptive field）。层数越多，感受野越大：这 3 × 3 个单元格中的每一个，在前一层中又有它自己的感受野。
#
# 图像和特征图都有**通道**（channel）：一张彩色照片有 3 个通道（红、绿、蓝），每个像素在每个通道上各有一个数。`Conv2D(filters=k, ...)` 学习 `k` 个卷积核，输出 `k` 个通道，每个卷积核对应一张特征图；所以一批特征图是一个形状为 `(N, H, W, C)` 的数组：`N` 个样本、`H × W` 个位置、`C` 个通道。每个卷积核都覆盖全部输入通道，因此作用于单通道输入的 `Conv2D(4, 3)` 有 4 个 3 × 3 × 1 的卷积核，外加 4 个偏置：

# %%
conv4 = layers.Conv2D(filters=4, kernel_size=3, kernel_initializer="zeros")  # 这里只用来数参数
out4 = conv4(image_batch)
print("Conv2D(4, 3)：输出形状", tuple(out4.shape), " 参数个数：", conv4.count_params())
assert tuple(out4.shape) == (1, 3, 3, 4) and conv4.count_params() == 4 * 3 * 3 * 1 + 4 == 40

# %% [markdown]
# <a id="nn-relu"></a>
# ### 4.5 激活函数 ReLU
#
# **激活函数**（activation function）是一个固定的函数，它分别作用于层输出中的每一个数。最常用的是 **ReLU**（修正线性单元）：`relu(v) = max(0, v)`，它保留正的响应，把负的置为 0。如果没有激活函数，一串 `Dense` 或 `Conv2D` 层算出的只是加权和的加权和，结果仍然是一个加权和加上一个常数：用一层就能做到同样的事。有了层与层之间的激活函数，深层网络才能计算更多的函数。在 Keras 中，ReLU 既可以是一个层 `layers.ReLU()`，也可以是一个选项 `Conv2D(..., activation="relu")`。

# %%
relu_out = np.asarray(layers.ReLU()(conv_keras))
print("特征图经过 ReLU 之后：\n", relu_out[0, :, :, 0])
np.testing.assert_array_equal(relu_out, np.maximum(conv_keras, 0))
assert relu_out[0, :, :, 0].tolist() == [[0.0, 0.0, 3.0]] * 3

# %% [markdown]
# <a id="nn-flatten"></a>
# ### 4.6 `Flatten`：展平
#
# `Dense` 层要求每个样本是一列数，而不是一个网格。**`Flatten`**（展平）把每个样本形状为 `(H, W, C)` 的数组重排成一行 `H × W × C` 个数，于是 `(N, H, W, C)` 变成 `(N, H·W·C)`。它没有权重，也不改变任何值，只改变形状。

# %%
flat = np.asarray(layers.Flatten()(relu_out))
print("Flatten 之前：", relu_out.shape, " 之后：", flat.shape)
print(flat)
assert flat.shape == (1, 3 * 3 * 1)
np.testing.assert_array_equal(flat, relu_out.reshape(1, -1))

# %% [markdown]
# <a id="nn-softmax"></a>
# ### 4.7 Softmax：从类别分数到概率
#
# 把图像分成若干类别（圆形、十字、方形……）的网络，最后是一个每类一个输出的 `Dense` 层：这些输出就是**类别分数**（class score），可以是任意实数。**Softmax** 把它们变成概率：`p_i = exp(s_i) / (exp(s_1) + ... + exp(s_K))`。每个 `p_i` 都是正数，它们加起来等于 1，而且分数最大的类别得到的概率也最大。概率最大的那个类别就是**预测类别**（predicted class）。下面是三个分数：

# %%
scores = np.array([2.0, 1.0, 0.1])
probs = np.exp(scores) / np.exp(scores).sum()
print("分数：", scores, " 概率：", probs.round(3), " 总和：", probs.sum().round(6))
print("预测类别：", probs.argmax())
assert np.isclose(probs.sum(), 1) and probs.argmax() == scores.argmax() == 0
assert probs.round(3).tolist() == [0.659, 0.242, 0.099]

# %% [markdown]
# <a id="nn-loss"></a>
# ### 4.8 损失与准确率
#
# **损失**（loss）是一个数，它说明网络在一些样本上的输出错得有多厉害：完全正确时为 0，越差越大。训练就是要让它变小。对于分类问题，常用的损失是**交叉熵**（cross-entropy）：`-log(p)`（自然对数，`np.log`），其中 `p` 是网络给**正确**类别的概率，再对所有样本取平均。如果上面那组分数的正确类别是类别 0（概率 0.659），损失就是 0.417；如果是类别 2（概率 0.099），损失就是 2.317。Keras 把这种损失叫作 `"sparse_categorical_crossentropy"`（用于以类别编号给出的标签）。
#
# **准确率**（accuracy）更简单：预测类别正确的样本所占的比例。我们报告的是它，但它不能指导训练：权重的微小变化几乎从不改变准确率，所以它无法告诉我们权重该往哪个方向改。

# %%
loss_if_class_0 = -np.log(probs[0])
loss_if_class_2 = -np.log(probs[2])
print(f"若正确类别是 0，损失为 {loss_if_class_0:.3f}；若是 2，损失为 {loss_if_class_2:.3f}")
assert round(float(loss_if_class_0), 3) == 0.417 and round(float(loss_if_class_2), 3) == 2.317

predicted = np.array([0, 2, 1, 1])  # 4 个样本的预测类别
correct = np.array([0, 2, 1, 0])  # 它们的真实类别
print("准确率：", (predicted == correct).mean())
assert (predicted == correct).mean() == 0.75

# %% [markdown]
# <a id="nn-gradient"></a>
# ### 4.9 梯度：权重该往哪个方向改
#
# 损失对某个数（一个权重，或一个输入）的**梯度**（gradient）说明：这个数稍微变一点时，损失变化得有多快，也就是斜率。设想一个只有一个权重 `w` 的网络，它的预测为 `w × x`；有一个样本 `x = 2`，其正确输出为 `y = 3`；损失为 `(w·x − y)²`。在 `w = 1` 处，损失为 `(2 − 3)² = 1`，而斜率公式 `2 (w·x − y) · x` 给出 `−4`。我们也可以*测量*斜率：让 `w` 向两边各变化一个很小的 `h`，再把损失的变化除以 `2h`，这叫**有限差分**（finite difference）。两者一致：

# %%
x_example, y_example = 2.0, 3.0


def squared_error(w):
    """单权重模型 w * x 在样本 (x_example, y_example) 上的损失。"""
    return (w * x_example - y_example) ** 2


w0, h = 1.0, 1e-4
slope_formula = 2 * (w0 * x_example - y_example) * x_example
slope_measured = (squared_error(w0 + h) - squared_error(w0 - h)) / (2 * h)
print(
    f"w = 1 时的损失：{squared_error(w0)}；梯度：公式给出 {slope_formula}，"
    f"有限差分给出 {slope_measured:.6f}"
)
assert squared_error(w0) == 1.0 and slope_formula == -4.0
assert abs(slope_measured - slope_formula) < 1e-6

w1 = w0 - 0.1 * slope_formula  # 逆着梯度走一步，步子的大小为 0.1
print(f"走一步之后：w = {w1:.1f}，损失为 {squared_error(w1):.2f}")
assert round(w1, 6) == 1.4 and round(squared_error(w1), 6) == 0.04

# %% [markdown]
# 梯度是负的：增大 `w` 会让损失减小。所以训练让 `w` *逆着*梯度走一小步：`w − 0.1 × (−4) = 1.4`，损失就从 1 降到了 0.04。每一步的大小（这里是 0.1）叫作**学习率**（learning rate）。网络的每个权重都有一个梯度（网络的梯度就是由所有这些梯度组成的数组），每个权重都按同样的方式走一步。

# %% [markdown]
# <a id="nn-backprop"></a>
# ### 4.10 链式法则与反向传播：`dout` 与 `dx`
#
# 网络有很多层，损失只能通过后面的那些层，间接地依赖于前面的某一层。**链式法则**（chain rule）处理的正是这种情况：如果 `h` 随 `x` 变化的速率是 3（`h = 3x`），损失随 `h` 变化的速率是 `2h`（`L = h²`），那么损失随 `x` 变化的速率就是 `3 × 2h`：变化率相乘。
#
# **反向传播**（backpropagation）就是逐层应用链式法则。先做**前向传播**（forward pass）：从输入到损失，依次算出每一层的输出。然后反过来（backward pass，各课也把这一步简称为反向传播）：从损失回到第一层，逐层计算梯度，每一层都乘上自己的变化率。本课程给每一层处理的两个量起了名字：
#
# - `dout`：损失对该层**输出**的梯度，从它后面的那一层传来；
# - `dx`：损失对该层**输入**的梯度，由该层根据 `dout` 算出，再传给它前面的那一层（在那一层看来，它就是 `dout`）。
#
# `dout` 的形状与该层的输出相同，`dx` 的形状与该层的输入相同：每个单元格一个数。下面把上面那个两步的函数写成两“层”，取 `x = 2`：

# %%
x_in = 2.0
h_mid = 3 * x_in  # 前向传播，第 1 层：h = 3x
loss = h_mid**2  # 前向传播，第 2 层：L = h²

dout_2 = 1.0  # 损失对它自身的梯度：反向传播从 1 开始
dx_2 = 2 * h_mid * dout_2  # 第 2 层（L = h²）：它的 dx 是 dL/dh……
dout_1 = dx_2  # ……也就是第 1 层的 dout
dx_1 = 3 * dout_1  # 第 1 层（h = 3x）：它的 dx 是 dL/dx
print(f"前向传播：h = {h_mid}，L = {loss}；反向传播：第 2 层的 dx = {dx_2}，第 1 层的 dx = {dx_1}")

step = 1e-4  # 用有限差分对 L(x) = (3x)² 做检查
measured = ((3 * (x_in + step)) ** 2 - (3 * (x_in - step)) ** 2) / (2 * step)
assert (h_mid, loss, dx_2, dx_1) == (6.0, 36.0, 12.0, 36.0)
assert abs(measured - dx_1) < 1e-6

# %% [markdown]
# 链式法则给出 `x` 的 `dx = 36`，有限差分测得的斜率与之相同。第 3 课和第 4 课会写出最大池化和平均池化的反向传播：已知 `dout`，求 `dx`。

# %% [markdown]
# <a id="nn-training"></a>
# ### 4.11 训练：优化器、批量、迭代周期、`fit`
#
# **训练**（training）就是把一个步骤重复很多次：取一个**批量**（几个样本），做前向传播，计算损失，做反向传播得到每个权重的梯度，再让**优化器**（optimizer）把每个权重逆着梯度改变一小步（优化器 `SGD` 走的正是第 4.9 节那样的一步；SGD 是 *stochastic gradient descent* 的缩写，即*随机梯度下降*）。一个**迭代周期**（epoch）就是把全部训练样本过一遍：200 个样本，每批 20 个，每个迭代周期就是 10 步。
#
# 在 Keras 中：`keras.Input(shape=...)` 放在 `Sequential` 模型的开头，给出**一个**样本的形状（不含批量那一轴）；`model.compile(optimizer=..., loss=..., metrics=[...])` 选定优化器和损失，然后由 `model.fit(x, y, epochs=..., batch_size=...)` 进行训练。`model.evaluate(x, y)` 先返回损失，后面跟着各个指标，这里是 `[loss, accuracy]`：`_, accuracy = model.evaluate(...)` 只保留准确率，把损失丢掉（`_` 是 Python 中给用不到的值起的惯用名字）。`verbose=0` 关掉进度条。权重的初始值是随机的，所以我们先用 `keras.utils.set_random_seed(0)` 固定**随机种子**（seed）：同样的种子给出同样的初始权重、同样的样本顺序，因此每次运行这个 notebook，结果都一样。
#
# 一个刻意做得很小的实验：生成 200 个点 `(a, b)`，`a + b > 0` 的属于类别 1，其余属于类别 0；模型只有一个带 softmax 的 `Dense` 层（6 个权重），训练 5 个迭代周期。**测试集**（test set）是训练中从未见过的 100 个新点：模型在它们上面的准确率可以说明，它学会的是规则，还是只记住了样本。

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

print("参数个数：", model.count_params())
print("每个迭代周期之后的训练损失：", [round(v, 2) for v in history.history["loss"]])
print(f"测试准确率：训练前 {accuracy_before:.2f}，训练后 {accuracy_after:.2f}")
losses = history.history["loss"]
assert model.count_params() == 6 and len(losses) == 5 and len(points_train) // 20 == 10
assert losses[-1] < losses[0] / 2 and accuracy_after >= 0.95 > accuracy_before

# %% [markdown]
# 损失随着一个个迭代周期不断下降，测试准确率（见上面的输出）上升到至少 0.95（断言会检查这一点）。训练说到底就是这么回事。第 5 课和第 6 课会用生成的图像在小型 CNN 上做同样的事；真实的网络则是在数以百万计的权重和图像上这样做。

# %% [markdown]
# <a id="nn-rmse"></a>
# ### 4.12 RMSE 及其他误差度量
#
# 要说明一个数组 `a` 与另一个数组 `b` 相差多远（比如一张图像，与它经过池化后再重建出来的副本），就先求差 `a − b`，再平方、求平均，最后开平方根：这就是**均方根误差**（root-mean-square error，RMSE），`sqrt(mean((a − b)²))`。两个数组相等时它为 0，而且它的单位与数组中的值相同。另外两种度量是**平均绝对误差**（mean absolute error）`mean(|a − b|)` 和**最大绝对误差**（largest absolute error）`max(|a − b|)`。与平均绝对误差相比，RMSE 更看重大的误差：

# %%
a = np.array([1.0, 2.0, 3.0, 4.0])
b = np.array([1.0, 2.0, 3.0, 6.0])  # 有一个值差了 2
rmse = np.sqrt(np.mean((a - b) ** 2))
mae = np.mean(np.abs(a - b))
print(f"RMSE {rmse:.2f}，平均绝对误差 {mae:.2f}，最大误差 {np.abs(a - b).max():.2f}")
assert (rmse, mae, np.abs(a - b).max()) == (1.0, 0.5, 2.0)

# %% [markdown]
# <a id="nn-invariance"></a>
# ### 4.13 平移不变性与平移等变性
#
# 把输入移动几个位置，这叫**平移**（shift，或 *translation*）。如果一个运算的输出也移动同样的距离，它就具有**平移等变性**（*equivariance*）：卷积就是这样（在离边界较远的地方），因为同一个卷积核被用在每一个位置上。如果它的输出完全不变，它就具有**平移不变性**（*translation invariance*）：整个信号的最大值（即*全局最大值*，global max，见第 5 课）就是如此。下面是一个一维信号，把它向右平移 2 个位置：

# %%
signal = np.array([0, 0, 1, 3, 1, 0, 0, 0, 0, 0], dtype=float)
shifted = np.roll(signal, 2)  # 凸起向右移动了 2 个位置
blur = np.array([1.0, 2.0, 1.0])  # 一个一维卷积核


def convolve(s):
    """s 与 `blur` 的一维卷积，输出与输入等长。"""
    return np.convolve(s, blur, mode="same")


print("原信号：        ", signal)
print("平移后：        ", shifted)
print("卷积(原信号)：  ", convolve(signal))
print("卷积(平移后)：  ", convolve(shifted))
print("全局最大值：    ", signal.max(), "和", shifted.max())
np.testing.assert_array_equal(convolve(shifted), np.roll(convolve(signal), 2))  # 等变
assert signal.max() == shifted.max() == 3  # 不变

# %% [markdown]
# 卷积的输出随着凸起一起移动了（等变：它仍然告诉你凸起*在哪里*）；全局最大值没有变（不变：它只告诉你凸起*有没有*）。带步幅的池化只具有部分平移不变性：第 6 课会测量，输入平移之后，池化后的特征图还有多少保持不变。

# %% [markdown]
# ## 5. 练习是怎样检查的
#
# 练习会要求你写一个函数或算出一个值，然后检查它：
#
# - `check("ID", answer)` 在许多输入上运行你的答案，并与本课程经过测试的参考实现比较。它的回答有三种：✓（通过）；“尚未作答”；或者 ✗（未通过），同时给出让你的答案出错的那个输入、你的答案给出的结果和期望的结果；如果这是一个常见错误，还会说明它**为什么**会发生。
# - `hint("ID")` 给出下一条提示。提示只指明方向，从不打印答案。
# - `progress()` 列出所有练习：已通过、未通过或尚未作答，以及你的得分。
# - `reset_exercise("ID")` 把一道练习的初始代码恢复回来（并保留一份你的代码）。
#
# 拿热身练习 **0.1** 试试：在第 3 部分中，最大池化在输出的**右上角**单元格里写的是什么？下面先给出一个错误的尝试，让你看看检查不通过时是什么样子：

# %%
from course_lib import check, hint, progress  # noqa: F401 （progress：留给你自己试）

check("0.1", 4.25)

# %% [markdown]
# 检查认出了这个错误：4.25 是那个窗口的*平均值*。请求一条提示：

# %%
hint("0.1")

# %% [markdown]
# 现在给出正确答案，也就是 7、3、6、1 中的最大值：

# %%
check("0.1", 7)

# %% [markdown]
# 你的结果会随做随存（保存在课程文件夹中的 `.course_progress.json` 里），所以下次回来时，`progress()` 仍然记得它们。在一个新单元格中运行 `progress()`，就能看到这张表。
#
# 每个练习 notebook 在 `exercises/zh/solutions/` 中都有一份详细解答（`ex03_max_pooling.ipynb` 对应 `sol03_max_pooling.ipynb`）。它是留到你**认真尝试之后**看的：检查通过后，拿来和你的代码比较，看看另一种写法；或者看完最后一条提示仍然卡住时，用它找出你漏掉的那一步。如果还没尝试就先看解答，练习就只剩下阅读了：练习的意义正在于尝试本身，无论做对还是做错。

# %% [markdown]
# ## 小结
#
# - `course_lib.doctor()` 检查你的环境配置；Keras 默认以 JAX 为后端，在 CPU 上运行。
# - 各课在 `notebooks/zh/` 中，练习在 `exercises/zh/` 中，详细解答（留到你自己尝试之后再看）在 `exercises/zh/solutions/` 中；第 1–7 课前后衔接，后一课建立在前一课之上。
# - 网络就是依次排列的层。`Dense` 层和 `Conv2D` 层用各自的权重计算加权和（`Conv2D` 的卷积核在图像上滑动，每个卷积核得到一张特征图）；ReLU 保留正值；`Flatten` 只改变形状；softmax 把类别分数变成概率；损失说明这些概率错得有多厉害。
# - 训练让每个权重逆着梯度走一小步；梯度用链式法则从后往前逐层算出：每一层把收到的 `dout` 变成 `dx`，再往前传。一个迭代周期就是把训练样本过一遍。
# - 卷积具有平移等变性（输出随输入一起移动）；全局最大值具有平移不变性（输出不变）。
# - 池化让一个窗口在每个通道上滑动，每个窗口保留一个数：原文中的 4 × 4 特征图经最大池化得到 `[[9, 7], [8, 6]]`，经平均池化得到 `[[4.25, 4.25], [4.25, 3.5]]`。
# - `check`、`hint`、`progress` 和 `reset_exercise` 是你做练习的工具。
#
# ## 自测
#
# - `doctor()` 打印的是否全是 ✓ 行？如果不是，请按它在 → 后面给出的建议去做。
# - 你能手算一个 3 输入、2 输出的 `Dense` 层的输出，并数出它有几个权重吗？
# - 你能说出 `dout` 和 `dx` 分别是什么，以及一层会把哪一个传给它前面的层吗？
# - 你能说出为什么 4.25 是练习 0.1 的错误答案，以及正确答案是什么吗？
# - 在课程中遇到新词时，到第 4 部分或[术语表](glossary.md)里查一查。
# - 下一步：打开 `notebooks/zh/01_pooling_principle.ipynb`。
