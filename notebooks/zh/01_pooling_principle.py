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
# # 第 1 课 — 池化层做了什么
#
# **学完本课，你将能够**
#
# 1. 说出池化层（pooling layer）对形状为 `(H, W, C)` 的特征图做了什么，并能手算一个小网格的最大池化和平均池化；
# 2. 说明池化在每个通道上分别进行，并且**没有可学习的参数**；
# 3. 解释为什么池化要放在卷积和 ReLU *之后*，并指出它在 CNN 中的位置；
# 4. 准确说出那句常被转述的话——池化层「减少了需要学习的参数数量」——究竟是什么意思。
#
# **用时**：约 30 分钟，另加 15 分钟做练习。
#
# **预备知识**：Python 和 NumPy，以及第 0 课的「够用就好的神经网络知识」部分（[`00_start_here.ipynb`](00_start_here.ipynb#nn-network)）：本课中的每个网络术语（层、权重、`Conv2D`、ReLU、`Dense`、`Flatten` 等）第一次出现时，都链接到那里的定义。本页中的每个数字都由旁边的代码算出。

# %%
import matplotlib.pyplot as plt
import numpy as np
from matplotlib import cbook

import course_lib  # 把 Keras 的后端设为 CPU 上的 JAX（除非你另有选择）

course_lib.set_language("zh")  # 课程库的提示与反馈使用中文
from course_lib.pooling import global_pool2d, pool2d
from course_lib.viz import plots, widgets

print("course_lib", course_lib.__version__)

# %% [markdown]
# <a id="idea"></a>
# ## 1. 一张图看懂池化
#
# 神经网络是由一串[层](00_start_here.ipynb#nn-network)（layer）连成的，每一层把一个数组变成另一个数组。卷积神经网络（convolutional neural network，**CNN**）的前几层是[卷积](00_start_here.ipynb#nn-conv2d)（convolution，即 Keras 的 `Conv2D`）。每个卷积层让一个小的卷积核（filter）在图像上滑动，输出**特征图**（feature map）：图像上的每个位置都对应一个数，表示某种图案（一条边缘、一块色斑、一个角点）在那里出现得有多强。一批特征图是一个形状为 `(N, H, W, C)` 的数组：`N` 个样本（即一个*批量*，batch），`H x W` 个位置，`C` 个**通道**（channel，每种图案一个；彩色照片的三个通道是红、绿、蓝）。把通道放在最后只是一种约定，它是 Keras 的默认做法，本课程也始终如此；PyTorch 则把通道放在前面，即 `(N, C, H, W)`。两种排列下，池化的做法完全相同。
#
# **池化**（pooling）用一个数来概括特征图上的每个小邻域，做这件事的层就是池化层（《动手学深度学习》中文版称之为汇聚层）。把一个 `f x f` 的窗口（`f` 叫作池化窗口的大小，pool size）放在特征图上，把窗口里的所有单元格概括成一个值，然后让窗口向前移动 `s` 个单元格，`s` 叫作**步幅**（stride）。常见的概括方式有两种：
#
# * **最大池化**（max pooling）：保留窗口中的最大值；
# * **平均池化**（average pooling）：保留窗口中所有值的平均值。
#
# 在 Keras 和 PyTorch 中，步幅**默认等于池化窗口的大小**，而不是 1：`MaxPooling2D(2)` 每次把窗口移动 2 个单元格，所以窗口一个挨一个、互不重叠地铺满整张特征图，2x2 池化会把高度和宽度都减半。
#
# 下面是原文中的 4x4 例子。原文是本课程的出发点：一篇面向初学者的博客文章《【小白深度学习入门】【2】池化层详解：工作原理、维度计算、池化类型》。图中用不同颜色标出了四个 2x2 窗口，旁边是两种池化的结果，每个输出单元格的颜色与它所概括的窗口相同。

# %%
article = np.array([[2, 2, 7, 3], [9, 4, 6, 1], [8, 5, 2, 4], [3, 1, 2, 6]])
plots.plot_pooling(article, pool_size=2, strides=2, modes=("max", "avg"))
plt.show()

# %% [markdown]
# 动手验算一个窗口：蓝色窗口里是 2、2、9、4，最大值是 9，平均值是 (2 + 2 + 9 + 4) / 4 = 17 / 4 = 4.25。
#
# 下面用课程的参考实现 `course_lib.pooling.pool2d` 算出同样的数。它处理的是一个*批量* `(N, H, W, C)`，所以这张 4x4 特征图要先变成只含一个样本、一个通道的批量：`article[None, :, :, None]` 的形状是 `(1, 4, 4, 1)`（每个 `None` 插入一个长度为 1 的新轴，见[第 0 课第 3 部分](00_start_here.ipynb)）。

# %%
batch = article[None, :, :, None]
max_pooled = pool2d(batch, pool_size=2, strides=2, mode="max")
avg_pooled = pool2d(batch, pool_size=2, strides=2, mode="avg")
print("输入形状：", batch.shape, "-> 输出形状：", max_pooled.shape)
print("最大池化：\n", max_pooled[0, :, :, 0])
print("平均池化：\n", avg_pooled[0, :, :, 0])
assert (max_pooled[0, :, :, 0] == [[9, 7], [8, 6]]).all()
assert (avg_pooled[0, :, :, 0] == [[4.25, 4.25], [4.25, 3.5]]).all()
assert max_pooled[0, 0, 0, 0] == 9 and avg_pooled[0, 0, 0, 0] == 17 / 4

# %% [markdown]
# ### 用 Keras 再算一遍
#
# **Keras** 是一个逐层搭建网络的 Python 库：`keras.Sequential([...])` 构建一个*模型*（model），即按顺序依次作用的一串层；`model.predict(x)` 在数组 `x` 上运行这个模型。原文也用 Keras 验证了它的例子（「代码 #1：使用 keras 执行最大池化」）。我们在自己的代码里也这样做：模型里只有一个池化层，并用 `predict(..., verbose=0)` 让它不打印进度条。Keras 用 `float32`（32 位浮点数）计算，所以结果里带小数点。

# %%
keras = course_lib.frameworks.import_keras()  # 相当于 `import keras`，且已设好 JAX 后端
from keras import layers

max_model = keras.Sequential([keras.Input(shape=(4, 4, 1)), layers.MaxPooling2D(pool_size=2)])
avg_model = keras.Sequential([keras.Input(shape=(4, 4, 1)), layers.AveragePooling2D(pool_size=2)])
keras_max = max_model.predict(batch.astype("float32"), verbose=0)
keras_avg = avg_model.predict(batch.astype("float32"), verbose=0)
print("Keras 最大池化：\n", keras_max[0, :, :, 0])
print("Keras 平均池化：\n", keras_avg[0, :, :, 0])
np.testing.assert_array_equal(keras_max, max_pooled)
np.testing.assert_allclose(keras_avg, avg_pooled)
print("Keras 与 course_lib 的结果一致。")

# %% [markdown]
# 我们只传入了 `pool_size=2`，层的步幅是按池化窗口的大小自动填上的：

# %%
print("MaxPooling2D(pool_size=2).strides =", layers.MaxPooling2D(pool_size=2).strides)
assert layers.MaxPooling2D(pool_size=2).strides == (2, 2)

# %% [markdown]
# ### 全局池化
#
# **全局池化**（global pooling）是一种极端情况：只用一个和整张特征图一样大的窗口，正如原文所说，它「将特征图中的每个通道缩减为单个值」。对原文的网格来说：全局最大池化得 9，全局平均池化得 65 / 16 = 4.0625。（第 5 课还会回到全局池化：许多现代网络都以它结尾。）

# %%
global_max = global_pool2d(batch, "max")
global_avg = global_pool2d(batch, "avg")
print("全局最大池化：", global_max[0, 0], " 全局平均池化：", global_avg[0, 0])
assert global_max[0, 0] == 9 and article.sum() == 65 and global_avg[0, 0] == 65 / 16 == 4.0625

# %% [markdown]
# ## 2. 一步一步来
#
# 池化就是一个循环：放好窗口，把窗口里的值概括成一个数，把这个数写进下一个输出单元格，再移动窗口。拖动滑块可以移动窗口（这需要一个正在运行的 Jupyter；下面的静态图展示了同样的四步，供阅读静态页面的读者参考）。

# %% tags=["nbval-ignore-output"]
widgets.pooling_stepper(article, pool_size=2, mode="max")

# %%
plots.plot_pooling_steps(article, pool_size=2, mode="max")
plt.show()

# %% [markdown]
# 写成 Python，就是对输出的行 `i` 和列 `j` 的两重 `for` 循环：输出单元格 `(i, j)` 的窗口从第 `i * s` 行、第 `j * s` 列开始。你将在练习 1.3 中亲手写出这个循环。
#
# 能放下多少个窗口？在默认步幅 `s = f` 下，窗口一个挨一个、互不重叠，会超出边缘的窗口直接不用：`n` 个单元格能放下 `n // f` 个完整的窗口，末尾剩下的 `n % f` 个单元格根本不会被看到（9 个单元格能放下 4 个大小为 2 的窗口，最后一个单元格被剩下）。第 2 课会对任意步幅计算窗口个数，也会考虑[填充](00_start_here.ipynb#nn-padding)（padding，即在边界外补上的额外单元格，通常是 0）。
#
# 批量轴 `N` 也从不参与池化：批量中的每个样本各自单独池化，所以由两张 9x9 特征图组成的批量，池化后得到由两张 4x4 特征图组成的批量。

# %%
# np.stack 得到形状 (2, 9, 9)；[..., None]（`...` 表示其余所有轴）再加上通道轴
two_maps = np.stack([np.arange(81.0).reshape(9, 9), -np.arange(81.0).reshape(9, 9)])[..., None]
pooled_two = pool2d(two_maps, pool_size=2)
print("输入批量：", two_maps.shape, "-> 池化后：", pooled_two.shape, "| 9 // 2 =", 9 // 2)
assert pooled_two.shape == (2, 9 // 2, 9 // 2, 1) == (2, 4, 4, 1) and 9 % 2 == 1
for k in range(2):  # 单独池化样本 k，结果与池化整个批量后的第 k 个样本相同
    assert np.array_equal(pool2d(two_maps[k : k + 1], pool_size=2)[0], pooled_two[k])

# %% [markdown]
# ## 3. 一张真实的照片
#
# Matplotlib 自带一张计算机科学家 Grace Hopper 的照片，所以不用下载任何东西就能用上真实的图像。`plt.imread` 给出 0..255 的 8 位整数，我们把它们缩放成 [0, 1] 区间内的浮点数。这张照片是一张形状为 `(H, W, 3)` 的图，有红、绿、蓝三个通道。

# %%
photo = plt.imread(cbook.get_sample_data("grace_hopper.jpg")).astype(np.float32) / 255
print(
    "形状：", photo.shape, " 数据类型：", photo.dtype, " 取值范围：", photo.min(), "..", photo.max()
)
assert photo.shape == (600, 512, 3) and photo.min() >= 0 and photo.max() <= 1

# %% [markdown]
# 分别用大小为 2、4、8 的窗口对它做池化（步幅等于窗口大小，也就是默认值）。每个窗口只保留一个数，所以高度和宽度各自除以窗口大小，值的个数则除以窗口大小的平方。

# %%
factors = (2, 4, 8)
pooled = {
    (mode, f): pool2d(photo[None], pool_size=f, mode=mode)[0]
    for mode in ("max", "avg")
    for f in factors
}
for f in factors:
    shape = pooled["max", f].shape
    print(
        f"{f}x{f} 池化：{photo.shape} -> {shape}，值的个数只剩 1/{photo.size // pooled['max', f].size}"
    )
    assert shape == (600 // f, 512 // f, 3) and photo.size == pooled["max", f].size * f * f

# %%
plots.show_images(
    [photo] + [pooled["max", f] for f in factors],
    ["原图 600x512"] + [f"{f}x{f} 最大池化：{600 // f}x{512 // f}" for f in factors],
)
plt.show()
plots.show_images(
    [photo] + [pooled["avg", f] for f in factors],
    ["原图 600x512"] + [f"{f}x{f} 平均池化：{600 // f}x{512 // f}" for f in factors],
)
plt.show()

# %% [markdown]
# 所有子图都画成同样大小，所以池化后的图像看起来一块一块的：每一块就是一个输出值。请留意两点不同：
#
# * **最大池化让图像变亮**。每个输出都是窗口中的最大值，所以绝不会比窗口的平均值更暗：细小的亮部细节（徽章、脸上的高光）会变大并保留下来，暗部细节则会缩小。
# * **平均池化让图像变模糊**。它保留的是平均值，所以细节会融进周围，就像眯起眼睛看东西一样。
#
# 第一点是一个事实，可以在每个值上验证：

# %%
for f in factors:
    gap = pooled["max", f] - pooled["avg", f]
    print(f"{f}x{f}：最大池化处处 >= 平均池化：{bool((gap >= 0).all())}，平均差值 {gap.mean():.3f}")
    assert (gap >= 0).all()

# %% [markdown]
# ## 4. 每个通道单独池化
#
# 池化从不混合通道：红色通道的输出只由红色通道的输入算出，通道数保持为 3。下面把每个通道用各自的颜色画出来，分别是 8x8 最大池化之前和之后的样子。

# %%
channel_names = ("红色", "绿色", "蓝色")
cmaps = ("Reds_r", "Greens_r", "Blues_r")
plots.show_images(
    [photo[:, :, c] for c in range(3)] + [pooled["max", 8][:, :, c] for c in range(3)],
    [f"{name}通道" for name in channel_names] + [f"{name}，8x8 最大池化" for name in channel_names],
    cmap=cmaps + cmaps,
    size=2.2,
    vmin=0,
    vmax=1,
)
plt.show()

# %% [markdown]
# 比图更有说服力的是数值证明：把每个通道分别池化，再把三个结果堆叠起来，与一次性池化堆叠好的 RGB 图像作比较。只要池化以任何方式混合了通道，两者就会不同。

# %%
for mode in ("max", "avg"):
    one_by_one = np.stack(
        [
            pool2d(photo[None, :, :, c : c + 1], pool_size=4, mode=mode)[0, :, :, 0]
            for c in range(3)
        ],
        axis=-1,
    )
    all_at_once = pool2d(photo[None], pool_size=4, mode=mode)[0]
    print(f"{mode}：逐通道池化 == 整体池化：{np.array_equal(one_by_one, all_at_once)}")
    assert np.array_equal(one_by_one, all_at_once)

# %% [markdown]
# <a id="after-conv"></a>
# ## 5. 为什么池化放在卷积和 ReLU 之后
#
# 直接对照片做池化，只是为了看清池化做了什么。在 CNN 中，池化作用的对象是**特征图**。我们来手工做一张：让一个 3x3 的*竖直边缘卷积核*（即 Sobel 算子）在灰度图上滑动。在亮度从左到右发生变化的地方，它给出很大的值；在平坦的区域，它给出的值约为 0。接着，[**ReLU**](00_start_here.ipynb#nn-relu)（卷积之后作用在每个值上的一种*激活函数*，activation）只保留正的响应（`max(0, v)`）：也就是图像越往右越暗的那些边缘。
#
# （我们用 NumPy 来写这个卷积：把图像平移出九个副本，每个乘以卷积核的一个权重，再全部加起来。严格地说，这是互相关（cross-correlation），卷积核没有翻转；而所有深度学习库所说的“卷积”正是它。图像先在四周填充一圈单元格（重复边界上的值），这样特征图仍保持 600x512 的大小。）

# %%
# photo 的形状是 (H, W, 3)：与一个 3 维向量做 @，就是对每个像素的红、绿、蓝值求加权和
# （用的是标准的亮度权重），得到一张 (H, W) 的灰度图
gray = photo @ np.array([0.299, 0.587, 0.114], dtype=np.float32)
edge_filter = np.array([[1, 0, -1], [2, 0, -2], [1, 0, -1]], dtype=np.float32)
padded = np.pad(gray, 1, mode="edge")
height, width = gray.shape
response = sum(
    edge_filter[di, dj] * padded[di : di + height, dj : dj + width]
    for di in range(3)
    for dj in range(3)
)
feature_map = np.maximum(response, 0)  # ReLU
print(
    "特征图：",
    feature_map.shape,
    f" ReLU 之后为零的单元格占 {(feature_map == 0).mean():.0%}，",
    f"低于最大值的 10% 的占 {(feature_map < 0.1 * feature_map.max()).mean():.0%}",
)

f = 4
fm_max = pool2d(feature_map[None, :, :, None], pool_size=f, mode="max")[0, :, :, 0]
fm_avg = pool2d(feature_map[None, :, :, None], pool_size=f, mode="avg")[0, :, :, 0]
print(f"{f}x{f} 池化之后：", fm_max.shape)

# %%
# 三个子图共用一个颜色刻度。刻度的上限取第 99 百分位数而不是最大值：否则少数极强的边缘会让
# 其余部分几乎全黑。比上限更亮的单元格一律显示为最亮的颜色。
shared_scale = float(np.quantile(feature_map, 0.99))
plots.show_images(
    [feature_map, fm_max, fm_avg],
    ["边缘卷积核 + ReLU 600x512", f"再做 {f}x{f} 最大池化", f"再做 {f}x{f} 平均池化"],
    vmin=0,
    vmax=shared_scale,
    size=3.6,
)
plt.show()

# %% [markdown]
# 特征图大部分是暗的（见上面打印的数字：大多数单元格为零或很弱），上面有一些细细的亮线：那就是边缘。最大池化之后，这些线依然在，而且和原来一样亮，只是特征图缩小到了原来的 1/16。平均池化之后，线变暗了，因为每条细线都和它周围的暗单元格一起被平均了。
#
# 我们来量化“强响应得以保留”这句话。取特征图中最强的 1% 单元格；对其中每一个，找到窗口覆盖它的那个池化后单元格，看这个单元格还报告了原响应的百分之多少（最多按 100% 计）。

# %%
strong = feature_map >= np.quantile(feature_map, 0.99)
rows, cols = np.nonzero(strong)  # 每个 True 单元格的行下标和列下标，分成两个数组
print(f"最强的 {strong.sum()} 个单元格（前 1%），每个至少为 {feature_map[strong].min():.2f}")


def fraction_kept(pooled_map):
    """对所有强单元格求 min(其窗口的池化值 / 它自身的值, 1) 的平均值。"""
    # 单元格 (r, c) 位于池化后单元格 (r // f, c // f) 的窗口中；用两个数组做索引，
    # 就为每个强单元格取出了一个池化后单元格
    reported = pooled_map[rows // f, cols // f]
    return float(np.minimum(reported / feature_map[rows, cols], 1).mean())


kept_max, kept_avg = fraction_kept(fm_max), fraction_kept(fm_avg)
print(f"最大池化保留了每个强响应的 {kept_max:.0%}；平均池化保留了 {kept_avg:.0%}")
assert kept_max == 1.0  # 窗口的最大值不小于窗口中的每一个值
assert kept_avg < 0.75

# %% [markdown]
# 最大池化按其定义就能保留 100%：窗口的最大值不小于窗口中的每一个值。平均池化报告的则少得多（见上面打印的数字），因为强响应既稀少又细。这就是为什么在卷积 + ReLU 之后，最大池化成了通常的选择：它以完整的强度保留了“这种图案出现在这片邻域中的某个地方”这一证据，同时丢掉了它在窗口内的确切位置。代价恰恰就是丢掉的这个位置：网络因此得到多少、失去多少，第 6 课会实际测量。
#
# ### 池化在 CNN 中的位置
#
# 经典的构建模块是**卷积 -> ReLU -> 池化**，重复若干次，最后接一个分类器：[`Flatten`](00_start_here.ipynb#nn-flatten) 把最后一张 `(H, W, C)` 特征图展平成一个含 `H * W * C` 个数的向量，再由一个 [`Dense`](00_start_here.ipynb#nn-dense) 层（全连接层，每个输出都与每个输入相连）加上 [softmax](00_start_here.ipynb#nn-softmax) 把它变成每个类别一个分数（这里是 10 个类别，就像 28x28 图像上的数字 0-9 那样）。下面是一个这种结构的小网络，用 Keras 层写成：`Conv2D(8, 3, activation="relu")` 是一个有 8 个 3x3 卷积核的卷积，后面接一个 ReLU。我们只看形状和大小，不做训练，所以网络的[权重](00_start_here.ipynb#nn-weights)（weights，网络学习得到的那些数）都从零开始（`kernel_initializer="zeros"`）：随机初始化只会多花时间，不会改变任何形状或个数。`layer_table` 打印每一层的输出形状和**参数**（parameters）个数，参数就是该层所含的、学习得到的数（它的权重和偏置，bias）。

# %%
cnn = keras.Sequential(
    [
        keras.Input(shape=(28, 28, 1)),
        layers.Conv2D(8, 3, activation="relu", kernel_initializer="zeros"),
        layers.MaxPooling2D(2),
        layers.Conv2D(16, 3, activation="relu", kernel_initializer="zeros"),
        layers.MaxPooling2D(2),
        layers.Flatten(),
        layers.Dense(10, activation="softmax", kernel_initializer="zeros"),
    ]
)


def layer_table(model):
    """打印每一层的类型、输出形状和参数个数，并返回这些参数个数。"""
    counts = []
    print(f"{'层':<19}{'输出形状':<18}{'参数量':>7}")
    for layer in model.layers:
        counts.append(layer.count_params())
        print(f"{type(layer).__name__:<20}{layer.output.shape!s:<22}{counts[-1]:>10}")
    print(f"{'合计':<40}{sum(counts):>10}")
    return counts


cnn_counts = layer_table(cnn)

# %% [markdown]
# 看看这些形状：每个卷积（3x3，无填充）都会削去一圈宽为一个单元格的边框，并把通道数变成它的卷积核个数；每个池化都把高度和宽度减半，并且**保留通道数**。11 减半得到 5 而不是 5.5：放不下的窗口被舍弃，最后一行和最后一列没有用上（第 2 课会准确算出这种情况何时发生）。而池化层那几行显示的是 **0 个参数**。
#
# 每个输出形状的第一个轴都是 `None`：它是批量大小 `N`，在模型被用到数据上之前，Keras 不把它定死（多少个样本都可以）。池化从不改变它：每个样本都单独池化。
#
# <a id="no-parameters"></a>
# ## 6. 池化没有参数
#
# 卷积要学习它的卷积核权重（即它的[参数](00_start_here.ipynb#nn-weights)）；池化层则没有任何需要学习的东西：“取最大值”和“取平均值”都是固定的规则。Keras 的结果也是如此：池化层的权重列表是空的。

# %%
pool_layers = [layer for layer in cnn.layers if isinstance(layer, layers.MaxPooling2D)]
for layer in pool_layers:
    print(type(layer).__name__, "权重：", layer.weights, " count_params():", layer.count_params())
    assert layer.weights == [] and layer.count_params() == 0

# %% [markdown]
# ### “池化减少参数”的真正含义
#
# 原文说，池化层「减少了需要学习的参数数量」。按字面理解，这是错的：池化层根本没有参数可减。真正成立的是：池化**缩小了它后面那些层的输入**，而 `Flatten` 之后的 `Dense` 层，在每个输入值和每个*单元*（unit，即该层的一个输出）之间都有一个权重，另外每个单元还有一个偏置（一个加上去的常数）。
#
# 以一张 16 通道的 32x32 特征图为例：把它展平，送进一个有 10 个单元的 `Dense` 层，中间分别插入 0、1、2 个（2x2 的）最大池化层：


# %%
def dense_head(n_poolings):
    """(32, 32, 16) -> n_poolings 个 MaxPooling2D(2) -> Flatten -> Dense(10)。"""
    return keras.Sequential(
        [keras.Input(shape=(32, 32, 16))]
        + [layers.MaxPooling2D(2) for _ in range(n_poolings)]
        + [layers.Flatten(), layers.Dense(10, kernel_initializer="zeros")]
    )


print(f"{'池化次数':<6}{'Flatten 大小':>11}{'Dense 权重':>13}{'Dense 偏置':>12}{'池化层参数':>11}")
dense_weights = []
for n_poolings in range(3):
    model = dense_head(n_poolings)
    dense = model.layers[-1]
    kernel, bias = dense.get_weights()
    pooling_params = sum(layer.count_params() for layer in model.layers[:-2])
    dense_weights.append(kernel.size)
    print(
        f"{n_poolings:<10}{kernel.shape[0]:>13}{kernel.size:>15}{bias.size:>14}{pooling_params:>16}"
    )
    assert kernel.shape[0] == 32 * 32 * 16 // 4**n_poolings
    assert pooling_params == 0

ratios = [dense_weights[k] / dense_weights[k + 1] for k in range(2)]
print("每个 2x2 池化都把 Dense 层的权重数除以", ratios)
assert ratios == [4.0, 4.0]

# %% [markdown]
# 每个 2x2 池化都让 `Dense` 层的权重数除以 4（10 个偏置不变），而池化层自己贡献的参数是 0。所以准确的说法是：**池化层没有参数；它减少的是后续层所需的参数数量**，以及后续层的计算量。
#
# ## 小结
#
# * 池化层让一个 `f x f` 的窗口以步幅 `s`（默认 `s = f`）在每张特征图上滑动，把每个窗口替换成其中的**最大值**或**平均值**；**全局**池化只用一个覆盖整张特征图的窗口。
# * 它把 `(N, H, W, C)` 变成 `(N, H', W', C)`：高度和宽度缩小，**通道数不变**，每个通道单独池化（我们已经证明：先池化再堆叠 = 先堆叠再池化）。
# * 它**没有可学习的参数**。它减少的是*后续*层需要学习的东西：每个 2x2 池化都让 `Flatten` 之后的 `Dense` 层的权重数除以 4。
# * 在卷积 + ReLU 之后，最大池化在更小的特征图上以完整的强度保留每个强响应；平均池化则会稀释细而稀少的响应。
#
# ## 自测
#
# 打开 [`exercises/zh/ex01_pooling_principle.ipynb`](../../exercises/zh/ex01_pooling_principle.ipynb)：
#
# * **1.1** 预测对若干 `(H, W, C)` 特征图和一个批量做池化后的输出形状。
# * **1.2** 数一数 0、1、2 次池化之后 `Dense` 层的参数个数。
# * **1.3** 用自己写的循环实现单个通道的 2x2、步幅为 2 的最大池化。
#
# 下一课：第 2 课会推导任意窗口大小、步幅和填充下的输出尺寸，并指出原文「池化后维度计算」中的公式 `(n - f + 1) / s` 错在哪里。
