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
# # 第 3 课 — 最大池化：前向与反向
#
# **最大池化**（max pooling）把[特征图](00_start_here.ipynb#nn-conv2d)（feature map，即卷积层输出的那张数字网格）中的每个窗口替换为窗口内的最大值。本课中你将针对单张特征图亲手实现它两次，然后推导训练时[梯度](00_start_here.ipynb#nn-gradient)（gradient）如何反向流过它。
#
# 学完本课，你将能够：
#
# 1. 先用朴素的循环、再用快速的 NumPy 版本实现单张特征图的最大池化，并用 Keras 的 `MaxPooling2D` 检验这两个版本；
# 2. 解释快速版本为什么快；
# 3. 计算*重叠*池化（3x3 窗口，步幅 2）的输出尺寸；
# 4. 说明为什么最大池化中的填充必须相当于 −∞，而不能相当于 0；
# 5. 手算反向传播（backward pass）：哪个单元格得到梯度，出现并列最大值或窗口重叠时又会怎样，并用数值梯度（第 0 课的有限差分）和 JAX 加以检验；
# 6. 说明最大池化从图像中保留了什么，以及少数几个特别亮的离群值会对它造成什么影响。
#
# **用时**：约 45 分钟，练习另需约 60 分钟。整个 notebook 在双核 CPU 上约 10 秒即可运行完毕。**预备知识**：第 1 课和第 2 课的内容，即窗口、步幅（stride）、填充（padding）和输出尺寸；以及第 0 课的「够用就好的神经网络知识」部分（本课中带链接的术语都在那里定义）。

# %%
import time

import matplotlib.pyplot as plt
import numpy as np

import course_lib
from course_lib.frameworks import import_keras
from course_lib.lab import data
from course_lib.pooling import output_size, pool2d, pool2d_backward
from course_lib.viz import plots

course_lib.set_language("zh")  # 课程库的提示与反馈使用中文

# Keras：我们用来对照的深度学习库（“后端”是什么意思，见第 6 节）。
keras = import_keras()
print("Keras 后端：", keras.backend.backend())

# %% [markdown]
# ## 1. 从原文的例子看定义
#
# 本课程所依据的原文《【小白深度学习入门】【2】池化层详解：工作原理、维度计算、池化类型》用的是下面这张 4x4 特征图，窗口为 2x2，步幅为 2。每个着色的窗口变成一个输出单元格，其值为窗口中四个数的最大值。

# %%
article = np.array([[2, 2, 7, 3], [9, 4, 6, 1], [8, 5, 2, 4], [3, 1, 2, 6]])
fig = plots.plot_pooling(article, pool_size=2, modes=("max",))
plt.show()

# %% [markdown]
# 在网络中，输入是由多张特征图组成的一个*批量*（batch），每张都带有若干[*通道*](00_start_here.ipynb#nn-conv2d)（channel）：也就是一个形状为 `(N, H, W, C)`（样本数、高、宽、通道数）的数组，这是 Keras 的默认布局。最大池化对每个样本、每个通道分别处理：它从不混合不同的通道，也没有需要学习的[权重](00_start_here.ipynb#nn-weights)（weight）。因此，需要理解的一切都发生在**一张二维特征图**上，本课实现的也正是这种情形。（对整个批量做池化，只需对每个样本、每个通道重复同样的操作：见练习 3.1。）
#
# ## 2. 版本 1：朴素的循环
#
# 第一个版本与定义一一对应：先写出最直白的循环，再设法让它变快。对每个输出单元格 `(i, j)`：找到窗口的左上角 `(i*s, j*s)`，从那里取 `f x f` 个单元格的最大值。这里不做填充（即有效填充，`"valid"`）：窗口必须完全落在特征图之内。


# %%
def max_pool_loops(m, f, s):
    """对单张二维特征图 m (H, W) 做最大池化：窗口 f x f，步幅 s，不填充。"""
    height, width = m.shape
    h_out = (height - f) // s + 1  # 第 2 课的公式，取 p = 0
    w_out = (width - f) // s + 1
    out = np.empty((h_out, w_out), dtype=m.dtype)
    for i in range(h_out):
        for j in range(w_out):
            window = m[i * s : i * s + f, j * s : j * s + f]
            out[i, j] = window.max()
    return out


print(max_pool_loops(article, f=2, s=2))

# %% [markdown]
# 这正是原文的结果 `[[9, 7], [8, 6]]`。加一条 `assert`，一旦结果有变，notebook 就会停下来：

# %%
assert max_pool_loops(article, 2, 2).tolist() == [[9, 7], [8, 6]]

# %% [markdown]
# <details><summary><b>延伸阅读</b></summary>
#
# 先用朴素的循环写出一层，再将其向量化，斯坦福大学的课程 CS231n（*Convolutional Neural Networks for Visual Recognition*）在作业中就是这样讲授各种层的。
#
# </details>

# %% [markdown]
# ## 3. 版本 2：改为遍历窗口内的偏移
#
# 上面的循环要执行 `H_out * W_out` 次（每个输出单元格一次），而每次只做很少的工作。换个角度看这个问题：输出单元格 `(i, j)` 查看的是输入单元格 `(i*s + di, j*s + dj)`，其中 `(di, dj)` 取遍窗口内的 `f*f` 个偏移。**固定一个偏移**，一次性从*所有*窗口中取出这个位置上的单元格：这就是带步幅的切片 `m[di::s, dj::s]`（从第 `di` 行起每隔 `s` 行取一行，从第 `dj` 列起每隔 `s` 列取一列，再截取到输出的大小）。原文的特征图有四个偏移，于是得到四张小图：

# %%
for di in range(2):
    for dj in range(2):
        print(f"偏移 ({di}, {dj})：", article[di::2, dj::2].tolist())

# %% [markdown]
# 最大池化的输出就是这四张图逐个单元格取的最大值：左上角是 `max(2, 2, 9, 4) = 9`，其余依此类推。
#
# 写代码之前还有一个细节。在 4x4 的特征图上，每个切片的行数恰好等于窗口数。但当窗口没有覆盖整张特征图时，只写了起点和间隔的切片（`m[di::s]`）会一直延伸到特征图的末尾，可能多出一行。一张 9x9 的特征图在 f = s = 2 时每个轴上有 4 个窗口（最后一行和最后一列不属于任何窗口），然而：

# %%
m9 = np.arange(81).reshape(9, 9)
print("每个轴上的窗口数：", output_size(9, 2, 2))
print("m9[0::2] 的行数为", m9[0::2].shape[0], "，m9[1::2] 的行数为", m9[1::2].shape[0])
assert (output_size(9, 2, 2), m9[0::2].shape[0], m9[1::2].shape[0]) == (4, 5, 4)

# %% [markdown]
# 所以要给每个切片加上终点：紧接在它最后一个窗口所在的行之后，即 `di + (h_out - 1) * s + 1`（列也一样）。这样每个切片恰好有 `h_out` 行。写成代码后，Python 循环只执行 `f*f` 次，而每次 `np.maximum` 都在编译好的代码中一次性处理所有窗口：


# %%
def max_pool_offsets(m, f, s):
    """结果与 max_pool_loops 相同，但 Python 循环只遍历 f*f 个窗口偏移。"""
    height, width = m.shape
    h_out = (height - f) // s + 1
    w_out = (width - f) // s + 1
    out = None
    for di in range(f):
        for dj in range(f):
            # 每个窗口中偏移 (di, dj) 处的单元格：第 di、di+s……行，共 h_out 行。
            cells = m[di : di + (h_out - 1) * s + 1 : s, dj : dj + (w_out - 1) * s + 1 : s]
            # 切片是 m 的视图：复制第一个切片，使结果成为一个新数组。
            out = cells.copy() if out is None else np.maximum(out, cells)
    return out


assert max_pool_offsets(article, 2, 2).tolist() == [[9, 7], [8, 6]]

# %% [markdown]
# 现在做真正的检验：把两个版本与 Keras 的层、与本课程的参考实现 `course_lib.pooling.pool2d` 对照，窗口既有不重叠的，*也*有重叠的，还有让 9x9 特征图的一部分落在所有窗口之外的。Keras 的层接收的是批量 `(N, H, W, C)`，所以我们把这张随机特征图当作只含 1 个样本、1 个通道的批量 `map9[None, :, :, None]` 传给它，再用 `[0, :, :, 0]` 取回它唯一的输出特征图。

# %%
rng = np.random.default_rng(0)
map9 = rng.normal(size=(9, 9)).astype(np.float32)

for f, s in [(2, 2), (3, 2), (3, 3), (2, 1)]:
    layer = keras.layers.MaxPooling2D(pool_size=f, strides=s)
    keras_map = np.asarray(layer(map9[None, :, :, None]))[0, :, :, 0]
    np.testing.assert_array_equal(pool2d(map9[None, :, :, None], f, s)[0, :, :, 0], keras_map)
    np.testing.assert_array_equal(max_pool_loops(map9, f, s), keras_map)
    np.testing.assert_array_equal(max_pool_offsets(map9, f, s), keras_map)
    print(f"f={f}, s={s}：输出形状 {keras_map.shape}，循环版 == 偏移版 == Keras == course_lib")

# %% [markdown]
# 结果*完全*相等（而不只是接近）：取最大值只是从输入中挑出一个数，不存在可能产生分歧的舍入误差。
#
# ### 快了多少？
#
# 在一张 256x256 的特征图上，用 2x2 窗口、步幅 2，给两个版本计时。计时结果取决于机器以及同时运行的其他程序，所以这个单元格的输出不在 notebook 的自动检查之列（它带有 `nbval-ignore-output` 标签）。预计偏移版要快几百到几千倍。

# %% tags=["nbval-ignore-output"]
big = rng.normal(size=(256, 256)).astype(np.float32)


def best_time(fn, repeats):
    """取几次运行中最短的一次：它受其他程序的干扰最少。"""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


t_loops = best_time(lambda: max_pool_loops(big, 2, 2), 2)
t_offsets = best_time(lambda: max_pool_offsets(big, 2, 2), 20)
print(f"循环版：{t_loops * 1e6:10,.0f} µs")
print(f"偏移版：{t_offsets * 1e6:10,.0f} µs   （快 {t_loops / t_offsets:,.0f} 倍）")

# %% [markdown]
# 为什么？数一数 Python 层面执行的步数：

# %%
h_out = output_size(256, 2, 2)
loop_steps = h_out * h_out  # H_out * W_out：每个输出单元格执行一次
offset_steps = 2 * 2  # f * f
print(f"循环版：Python 循环体执行 {loop_steps} 次")
print(f"偏移版：执行 {offset_steps} 次，每次对 {loop_steps} 个数做一次 np.maximum")
assert (loop_steps, offset_steps) == (16384, 4)

# %% [markdown]
# Python 循环每执行一次，不管做多少算术，都要付出一微秒甚至更多的解释器开销（查找名字、创建对象、对一个很小的数组调用 `.max()`）。偏移版只付出 4 次这样的开销，而不是上面打印的 16384 次；比较运算本身则在 NumPy 编译好的循环中完成。`course_lib` 中的参考实现 `pool2d` 也建立在同样的技巧之上，处理的是整个批量，并做了几处改进：它支持填充；它先求各窗口的**列最大值**（对窗口的每一列，取该列 `f` 个单元格中的最大值），再在这些列之间取最大值，于是只需 `f + f` 次数组运算，而不是 `f * f` 次（窗口的最大值就是它各列最大值中的最大值）；它还会把大的批量分给多个线程处理。
#
# ## 4. 重叠池化：3x3 窗口，步幅 2
#
# 当步幅小于窗口时，相邻的窗口会共享一些单元格。经典网络 AlexNet 就是这样池化的：3x3 窗口，步幅 2（见下面的延伸阅读）。输出尺寸遵循第 2 课的规则 `floor((n + 2p − f) / s) + 1`；AlexNet 的三个池化层接收的特征图，边长分别为 55、27 和 13 个单元格：

# %%
for n in (55, 27, 13):
    print(f"n = {n:2d} -> floor(({n} - 3) / 2) + 1 = {output_size(n, 3, 2)}")
assert [output_size(n, 3, 2) for n in (55, 27, 13)] == [27, 13, 6]

# %% [markdown]
# 下图画出了在一个有 9 个单元格的轴上，各个窗口所处的位置。单元格 2、4、6 各属于两个窗口，其余单元格只属于一个；因此在二维情形下，一个单元格可以同时属于四个窗口。

# %%
ax = plots.plot_axis_windows(9, 3, 2)
plt.show()

# %% [markdown]
# 由此可以看到一个现象：被几个窗口共享的一个大值，会出现在几个输出中。在一张全是 1 的 5x5 特征图正中放一个 9：

# %%
spot = np.ones((5, 5))
spot[2, 2] = 9
print(pool2d(spot[None, :, :, None], 3, 2)[0, :, :, 0])

# %% [markdown]
# 四个输出全是 9：中心单元格位于全部四个 3x3 窗口之中。讲反向传播时请记住这个画面。

# %% [markdown]
# <details><summary><b>延伸阅读</b></summary>
#
# AlexNet（Krizhevsky、Sutskever 和 Hinton，*ImageNet Classification with Deep Convolutional Neural Networks*，NIPS 2012）赢得了 2012 年的 ImageNet 图像分类竞赛，掀起了深度卷积网络的浪潮。论文作者报告说，与不重叠的 2x2 池化相比，重叠池化（3x3，步幅 2）使他们的错误率略有下降。
#
# </details>

# %% [markdown]
# ## 5. 最大池化中的填充相当于 −∞，而不是 0
#
# 有了填充，一些窗口会伸出特征图的边缘。那些缺失的单元格取什么值？对最大池化来说，答案只能是一个**永远不会胜出**的值，也就是 −∞。PyTorch 在最大池化中用 −∞ 填充，TensorFlow/Keras 则干脆跳过填充的单元格，两者结果相同。人们很容易以为这里的填充是 0，就像[卷积](00_start_here.ipynb#nn-conv2d)层那样（卷积层通常用 0 填充）；这是一个错误想法，下面就来看它会破坏什么。取一张所有值都为负的特征图。这样的特征图很常见：在 [ReLU](00_start_here.ipynb#nn-relu)（许多网络在卷积之后使用的函数 `max(0, v)`）之前，或者在任何可能输出负值的层之后，都会出现：

# %%
negative = -np.arange(1, 10, dtype=np.float32).reshape(3, 3)  # -1 ... -9
print(negative)

# %% [markdown]
# 用 2x2 窗口、步幅 2 和 `padding="same"`（相同填充）对它做池化：对于 3x3 的特征图，Keras 会在底部加一行、在右侧加一列，使每个轴上恰好放下 `ceil(3 / 2) = 2` 个窗口。比较 Keras、参考实现（−∞ 填充），以及用 0 填充会得到的结果：

# %%
neg_batch = negative[None, :, :, None]
keras_same = np.asarray(keras.layers.MaxPooling2D(2, 2, padding="same")(neg_batch))[0, :, :, 0]
reference = pool2d(neg_batch, 2, 2, padding="same")[0, :, :, 0]
zero_padded = np.pad(negative, ((0, 1), (0, 1)), constant_values=0)  # 错误的想法
with_zeros = pool2d(zero_padded[None, :, :, None], 2, 2)[0, :, :, 0]

np.testing.assert_array_equal(keras_same, reference)
print("Keras / course_lib:\n", keras_same)
print("假如用 0 填充：\n", with_zeros)

# %% [markdown]
# 用 0 填充时，每个碰到填充的窗口都报告 0：一个在输入中根本没有出现过的值。“这个区域的响应有多强”这一特征，会被边界上凭空编造的一个常数所取代。而用 −∞ 填充时，每个边界窗口报告的都是它最大的*真实*值。（对于从不为负的特征图，例如紧跟在 ReLU 之后的特征图，两种做法给出的数相同。）
#
# ## 6. 反向传播：梯度只流向最大值
#
# [训练](00_start_here.ipynb#nn-training)网络，就是调整它的权重，使它的[损失](00_start_here.ipynb#nn-loss)（loss，一个衡量网络的回答错得有多厉害的数）下降。为此需要[梯度](00_start_here.ipynb#nn-gradient)：对网络中的每个数，它变化一个极小的量时，损失会变化多少。梯度从损失开始逐层往回计算，一直算到输入，这就是[反向传播](00_start_here.ipynb#nn-backprop)。池化层没有权重，但它必须把梯度传给它前面的层。本课程沿用第 0 课的名字：`dout` 是从池化之后那一层传来的梯度（每个输出单元格一个数：损失对这个单元格的值的梯度），`dx` 则是池化层必须计算出来并往回传的梯度（每个输入单元格一个数）。
#
# 看一个窗口。它的输出是 `y = max(x1, x2, x3, x4)`。如果 `x2` 最大，那么在微小的变化下 `y = x2`：把 `x2` 轻轻推动一点，`y` 就移动同样多；推动其他任何单元格，`y` 都纹丝不动。所以
#
# * 存放该窗口最大值的单元格得到这个窗口的 `dout`，
# * 窗口中其他所有单元格得到 **0**。
#
# 每个窗口最大值的位置称为它的**开关**（switch）：前向传播（forward pass，即计算输出）时找到它，反向传播时让梯度经由它传回。一个常见的错误是以为梯度会流向窗口中的每个单元格，但那是下一课要讲的平均池化（average pooling）的做法。下面是原文例子在 `dout` 处处为 1 时的掩码：

# %%
batch = article[None, :, :, None]  # pool2d_backward 接收一个批量：1 个样本，1 个通道
dx = pool2d_backward(np.ones((1, 2, 2, 1)), batch, 2, 2)[0, :, :, 0]
print(dx)

# %% [markdown]
# 画成图：输入及其四个窗口的边框，得到梯度的单元格涂成黄色。

# %%
mask_colors = [["#ffd54f" if dx[i, j] else None for j in range(4)] for i in range(4)]
fig, axes = plt.subplots(1, 2, figsize=(7, 3.4))
plots.draw_grid(article, axes[0], cell_colors=mask_colors, title="输入；黄色 = 得到梯度")
for k, ((r0, r1), (c0, c1)) in enumerate(plots.pooling_windows((4, 4), 2)):
    outline = plt.Rectangle(
        (c0 - 0.5, r0 - 0.5), c1 - c0, r1 - r0, fill=False, edgecolor=plots.window_color(k), lw=4
    )
    axes[0].add_patch(outline)  # 只画窗口的边框：黄色单元格保持黄色
plots.draw_grid(dx, axes[1], fmt="{:g}", title="dout = 1 时的 dx")
plt.show()

# %% [markdown]
# 每个窗口恰好一个单元格，16 个单元格中有 12 个什么也得不到。对于一般的 `dout`，开关得到的是该窗口自己的 `dout` 值。下面演示如何自己计算它，针对单张特征图、2x2 窗口、步幅 2。有两个 NumPy 函数可以找出窗口的开关：`np.argmax(window)` 返回最大值的位置，这个位置是把窗口逐行读成一个扁平列表后的序号（这里是 0、1、2 或 3）；`np.unravel_index(k, window.shape)` 则把这样一个扁平位置 `k` 还原为窗口内的（行，列）坐标：

# %%
print(np.argmax(np.array([[2, 2], [9, 4]])))  # 逐行读取时，9 是第三个值
print(np.unravel_index(2, (2, 2)))  # 扁平位置 2 = 第 1 行，第 0 列
assert np.argmax(np.array([[2, 2], [9, 4]])) == 2 and np.unravel_index(2, (2, 2)) == (1, 0)

dout_map = np.array([[0.1, 0.2], [0.3, 0.4]])  # 每个窗口（输出单元格）一个 dout 值
dx_map = np.zeros(article.shape)
for i in range(2):
    for j in range(2):
        window = article[2 * i : 2 * i + 2, 2 * j : 2 * j + 2]
        di, dj = np.unravel_index(np.argmax(window), window.shape)  # 开关
        dx_map[2 * i + di, 2 * j + dj] += dout_map[i, j]  # 为什么用 +=：见“重叠窗口的梯度相加”
print(dx_map)
reference_dx = pool2d_backward(dout_map[None, :, :, None], batch, 2, 2)[0, :, :, 0]
np.testing.assert_array_equal(dx_map, reference_dx)  # 与 course_lib 的结果相同

# %% [markdown]
# <details><summary><b>延伸阅读</b></summary>
#
# “开关”（switches）一词出自 Zeiler 和 Fergus 的 *Visualizing and Understanding Convolutional Networks*（ECCV 2014）：他们记录下每个窗口最大值的位置，以便让网络反向运行，看出是哪些输入像素让某个特征产生了响应。
#
# </details>

# %% [markdown]
# ### 并列最大值：需要一条规则
#
# 如果窗口中有两个单元格同为最大值，上面的规则并没有说明哪一个“是”最大值（把其中任何一个稍稍调大，输出都会随之改变），所以梯度在这里没有定义，库必须自己做出选择。`course_lib.pooling.pool2d_backward` 与 PyTorch 一样，把全部梯度交给按行优先顺序（逐行、从左到右读取窗口）的**第一个**最大单元格，而不是把梯度拆分；上面循环中的 `np.argmax` 也做出同样的选择，因为它返回的是第一个最大值。在本课中，Keras 运行在 JAX 这个库之上（JAX 是 Keras 的*后端*，backend），JAX 可以替我们对 Keras 层求导（`jax.grad`，下文还会介绍）。我们让它计算该层所有输出之和的梯度：任何一个输出变化 1，这个和就变化 1，所以这相当于 `dout` 处处为 1。在这个例子上，JAX 做出了同样的选择：

# %%
import jax
import jax.numpy as jnp

tie = np.array([[5.0, 5.0], [1.0, 5.0]])[None, :, :, None]
ours = pool2d_backward(np.ones((1, 1, 1, 1)), tie, 2)[0, :, :, 0]
pool_layer = keras.layers.MaxPooling2D(2, 2)
theirs = np.asarray(jax.grad(lambda a: jnp.sum(pool_layer(a)))(jnp.asarray(tie)))[0, :, :, 0]
print("course_lib:\n", ours)
print("对 keras.layers.MaxPooling2D 求 jax.grad：\n", theirs)
assert ours.sum() == 1.0  # 梯度不会复制给每个并列的单元格
np.testing.assert_array_equal(ours, theirs)  # 与 JAX 选中的单元格相同

# %% [markdown]
# 对于实数值的激活值（一层输出的数），并列很少见；但在 ReLU 的输出（大量恰好为 0 的值）和整数值的图像中却很常见，所以最大池化反向传播的测试应当包含并列的情形。
#
# ### 重叠窗口的梯度相加
#
# 回到正中有一个 9 的 5x5 特征图，窗口 3x3，步幅 2。中心单元格是全部四个窗口的开关，所以它得到全部四份梯度：

# %%
print(pool2d_backward(np.ones((1, 2, 2, 1)), spot[None, :, :, None], 3, 2)[0, :, :, 0])

# %% [markdown]
# 一个单元格得到的梯度，是所有以它为最大值的窗口的 `dout` 之**和**。这就是推广到多条路径的[链式法则](00_start_here.ipynb#nn-backprop)（chain rule）：当一个数沿多条路径影响损失时，它的梯度等于沿各条路径传回来的量之和。最简单的例子：在 `L = 2x + 3x` 中，`x` 沿两条路径到达 `L`，一条贡献 2，另一条贡献 3，所以 `dL/dx = 2 + 3 = 5`。有限差分也给出同样的结果：

# %%
x0, step_x = 1.5, 1e-6
slope = ((2 * (x0 + step_x) + 3 * (x0 + step_x)) - (2 * x0 + 3 * x0)) / step_x
print(f"有限差分：{slope:.4f}")
assert abs(slope - (2 + 3)) < 1e-6

# %% [markdown]
# 在这里，中心单元格沿四条路径影响损失，每个输出一条。
#
# ### 检验 1：与数值梯度对照
#
# 梯度的定义（某个输入变化一个极小的量时，损失变化多少）提供了一种独立的检验：*数值梯度*（numerical gradient），也就是对每个输入单元格分别算一次第 0 课的[有限差分](00_start_here.ipynb#nn-gradient)（finite difference）。取损失为 `L(x) = sum(dout * maxpool(x))`，作为真实网络损失的替身。这样构造的损失，使到达池化输出的梯度恰好是 `dout`：`L` 是把每个输出单元格乘以它的 `dout` 值后全部相加，因此把某个输出单元格调高一个极小的量，`L` 就升高 `dout` 乘以这个量。于是 `L` 对 `x` 的梯度恰好是 `pool2d_backward(dout, x)`。把一个输入单元格推动 `±h`，测量 `L` 的变化：`(L(x + h) − L(x − h)) / (2h)`。我们使用 float64，并让各个值彼此相距很远，这样推动一下永远不会改变哪个单元格是最大值。

# %%
rng = np.random.default_rng(1)
x64 = rng.permutation(np.arange(2 * 7 * 7 * 2, dtype=np.float64)).reshape(2, 7, 7, 2)
dout64 = rng.normal(size=pool2d(x64, 3, 2).shape)


def loss(x_):
    return np.sum(dout64 * pool2d(x_, 3, 2))


h = 1e-3
numeric = np.zeros_like(x64)
for index in np.ndindex(x64.shape):
    step = np.zeros_like(x64)
    step[index] = h
    numeric[index] = (loss(x64 + step) - loss(x64 - step)) / (2 * h)

analytic = pool2d_backward(dout64, x64, 3, 2)
np.testing.assert_allclose(analytic, numeric, rtol=0, atol=1e-8)
print("数值梯度与解析梯度在全部", x64.size, "个单元格中相差都不超过 1e-8")

# %% [markdown]
# ### 检验 2：与经由 Keras 层的 `jax.grad` 对照
#
# JAX 能对任何由它的运算构成的函数求导，包括运行在 JAX 后端上的 Keras 层。我们在一个函数中对 JAX 数组调用 `keras.layers.MaxPooling2D`，再让 `jax.grad` 求这个函数的梯度：

# %%
layer = keras.layers.MaxPooling2D(pool_size=3, strides=2)
x32 = jnp.asarray(x64, dtype=jnp.float32)
dout32 = jnp.asarray(dout64, dtype=jnp.float32)


def keras_loss(x_):
    return jnp.sum(dout32 * layer(x_))


jax_dx = np.asarray(jax.grad(keras_loss)(x32))
np.testing.assert_allclose(jax_dx, analytic, rtol=1e-6, atol=1e-6)
print("经由 Keras 的 jax.grad == course_lib.pool2d_backward，形状：", jax_dx.shape)

# %% [markdown]
# ## 7. 最大池化保留了什么
#
# 原文说，最大池化能“保留每个池化区域中最显著的特征”，比如边缘。我们用 matplotlib 自带的一张照片（无需下载）来看一看。先做一张*边缘图*（edge map）：相邻像素之间的亮度变化有多大。这粗略地模仿了网络第一个[卷积层](00_start_here.ipynb#nn-conv2d)的卷积核（filter）学会检测的东西。

# %%
photo = data.sample_photo(gray=True)  # (600, 512)，取值在 [0, 1] 之间的浮点数
edges = np.zeros_like(photo)
edges[:, :-1] += np.abs(np.diff(photo, axis=1))  # 与右边相邻像素的变化
edges[:-1, :] += np.abs(np.diff(photo, axis=0))  # 与下方相邻像素的变化
edge_batch = edges[None, :, :, None]

max8 = pool2d(edge_batch, 8)[0, :, :, 0]  # (75, 64)
avg8 = pool2d(edge_batch, 8, mode="avg")[0, :, :, 0]
fig = plots.show_images([photo], ["照片 (600x512)"], size=3.5)
plt.show()

# 只取脸部，让边缘图的每个像素在屏幕上都占一个像素（把整张 600x512 的图挤进一个小面板，
# 屏幕重采样会让细的边缘消失）。
# 第 176-343 行、第 160-319 列恰好由完整的 8x8 窗口组成：对应池化后的第 22-42 行、第 20-39 列。
face_edges, face_max, face_avg = edges[176:344, 160:320], max8[22:43, 20:40], avg8[22:43, 20:40]
fig = plots.show_images(
    [face_edges, face_max, face_avg],
    ["脸部的边缘图 (168x160)", "8x8 最大池化 (21x20)", "8x8 平均池化 (21x20)"],
    vmin=0,
    vmax=float(face_max.max()),
    size=3.2,
)
plt.show()

# %% [markdown]
# 三个边缘图面板使用同一色阶。最大池化后的图把每个 8x8 窗口中最强的边缘按原有强度保留下来（同一窗口中较弱的边缘则丢失了）：一个窗口报告的是“这里面某处有一条很强的边缘”。求平均则会把一个像素宽的边缘和它周围平坦的像素混在一起，把边缘冲淡。用数字来看：

# %%
print(f"最强的边缘，池化前：      {edges.max():.3f}")
print(f"最强的边缘，最大池化后：  {max8.max():.3f}")
print(f"最强的边缘，平均池化后：  {avg8.max():.3f}")
assert max8.max() == edges.max()

# %% [markdown]
# ### 代价：一个亮的离群值就能赢下它所在的窗口
#
# 最大值在每个窗口中只听*一个*单元格的，哪怕这个单元格是噪声。往照片上撒一些“盐”：把 1% 的像素设为纯白，就像传感器出了故障那样。然后分别用最大池化和平均池化对 4x4 窗口做池化，统计有多少个输出单元格因为噪声而变化超过 0.1。

# %%
fraction = 0.01
salty = data.salt_noise(photo, fraction, seed=0)


def pooled(img, mode):
    return pool2d(img[None, :, :, None], 4, mode=mode)[0, :, :, 0]


changed = {}
for mode in ("max", "avg"):
    changed[mode] = (np.abs(pooled(salty, mode) - pooled(photo, mode)) > 0.1).mean()
    print(f"{mode}：{changed[mode]:.1%} 的池化输出单元格变化超过 0.1")
p_window = 1 - (1 - fraction) ** 16  # 1 - P(窗口的 16 个像素中没有一个是盐噪声)
print(f"一个 4x4 窗口含有盐噪声像素的概率：{p_window:.1%}")
assert 0.12 < changed["max"] < p_window  # 约七分之一，略低于 p_window
assert changed["avg"] < 0.01  # 很少：不到 1%

# %%
crop = (slice(180, 340), slice(160, 320))  # 脸部
fig = plots.show_images(
    [salty[crop], pooled(salty, "max")[45:85, 40:80], pooled(salty, "avg")[45:85, 40:80]],
    ["1% 盐噪声（局部）", "4x4 最大池化", "4x4 平均池化"],
    vmin=0,
    vmax=1,
)
plt.show()

# %% [markdown]
# 损坏 1% 的像素，大约每七个最大池化输出单元格中就有一个发生了变化：每个至少含有一个白色像素的窗口，现在都报告白色。（这比上面算出的概率略低，因为有些窗口最亮的像素本来就接近白色，几乎没有变化。）在平均池化中，每个离群值只占它所在窗口的十六分之一，所以变化超过 0.1 的单元格很少（不到 1%）。最大池化会放大孤立的极端值；平均池化则把它们冲淡。
#
# ## 小结
#
# * 最大池化保留每个窗口的最大值，对每个样本、每个通道分别进行。它没有权重。
# * 朴素的循环让定义一目了然；改为遍历 `f*f` 个窗口偏移并使用带步幅的切片，结果完全相同，速度却快几百到几千倍，因为 Python 循环只执行 `f*f` 次，其余工作都由 NumPy 在编译好的代码中完成。
# * 重叠池化（3x3，步幅 2）遵循同样的尺寸规则：`floor((n + 2p − f) / s) + 1`，例如 AlexNet 的三个池化层上分别是 55 → 27、27 → 13 和 13 → 6。
# * 最大池化中的填充相当于 −∞（PyTorch），或者被直接跳过（Keras）；用 0 填充会在负值特征图上凭空造出数值。
# * 反向传播：每个窗口的梯度只流向它的最大值（开关），不流向别处。出现并列时，梯度交给按行优先顺序的第一个最大值（`course_lib`、PyTorch）。窗口重叠的地方，梯度相加。我们用数值梯度以及经由 Keras 的 `jax.grad` 验证了这些。
# * 最大池化能保留边缘这类强而细的响应；也正是同一个机制，让少数几个亮的离群值占据整个窗口。
#
# ## 自测
#
# 打开 [`exercises/zh/ex03_max_pooling.ipynb`](../../exercises/zh/ex03_max_pooling.ipynb)，不要回头看本课，试着完成：
#
# * **3.1** 对整个 `(N, H, W, C)` 批量做带步幅的最大池化（本课只池化了一张特征图）；
# * **3.2** 用可分离的方式将它向量化：先对行偏移 `di` 归约（得到列最大值），再对列偏移 `dj` 归约；
# * **3.3** 计算反向传播的掩码，包括并列的情形；
# * **3.4** 手算一个小矩阵的池化，并填入结果；
# * **3.5** 用 Keras 的 `same` 填充做最大池化，让填充的单元格永远不会胜出。
#
# 如果你在 3.3 中让窗口的每个单元格都得到了梯度，请重读第 6 节。
