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
# # 第 4 课 — 平均池化：先做固定的模糊，再隔点采样
#
# **平均池化**（average pooling）把特征图（feature map）的每个窗口替换为窗口内各数值的平均值。看上去它只是在最大池化（max pooling）的基础上改了一点，行为却大不相同：它是一种*线性*滤波（每个输出都是输入的加权和，而且权重（weight）永远不变），实际上就是一个权重固定的[卷积](00_start_here.ipynb#nn-conv2d)（convolution）。
#
# 学完本课，你将能够：
#
# 1. 分别用循环和向量化的方式（用少数几个作用于整个数组的 NumPy 运算，代替对每个输出单元格的 Python 循环）写出单张特征图的平均池化，并与 Keras 的 `AveragePooling2D` 对照检验；
# 2. 证明平均池化*就是*对每个通道（channel）分别做的卷积：卷积核（kernel）的每个权重都是常数 `1/f²`，步幅（stride）与池化相同；
# 3. 解释这对图像意味着什么：平滑（低通滤波），以及它为什么能抑制隔点采样（subsampling）所产生的虚假图案，即混叠（aliasing）；
# 4. 预测有填充（padding）时边界上的数值：Keras 和 PyTorch 除以的个数不同；
# 5. 计算反向传播（backward pass）——它把梯度（gradient）平均分配——并用数值方法验证。
#
# **用时**：约 40 分钟，练习另需约 50 分钟。**预备知识**：第 3 课（最大池化、偏移技巧和反向传播），以及第 0 课「够用就好的神经网络知识」部分中本课链接到的术语。

# %%
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import to_rgba

import course_lib
from course_lib.frameworks import import_keras
from course_lib.lab import data
from course_lib.pooling import pool2d, pool2d_backward
from course_lib.viz import plots

course_lib.set_language("zh")  # 课程库的提示与反馈使用中文

# Keras 是我们用来对照的深度学习库，和第 3 课一样。
keras = import_keras()
print("Keras 后端：", keras.backend.backend())

# %% [markdown]
# ## 1. 定义：还是原文的例子
#
# 同样是那张 4x4 的特征图，2x2 窗口，步幅为 2；不过这次正如原文《【小白深度学习入门】【2】池化层详解：工作原理、维度计算、池化类型》所说，「每个池化区域的输出值是该区域内输入值的平均值」：每个窗口输出它那四个数的平均值。

# %%
article = np.array([[2, 2, 7, 3], [9, 4, 6, 1], [8, 5, 2, 4], [3, 1, 2, 6]])
fig = plots.plot_pooling(article, pool_size=2, modes=("avg",))
plt.show()

# %% [markdown]
# 以左上角的窗口为例：`(2 + 2 + 9 + 4) / 4 = 4.25`。
#
# ## 2. 先写循环，再用偏移
#
# 与第 3 课一样，我们写的是**单张二维特征图**的池化：一个层会对其批量（batch）中每个样本的每个通道做同样的事。循环版本就是把第 3 课版本中的 `.max()` 换成 `.mean()`：


# %%
def avg_pool_loops(m, f, s):
    """对单张二维特征图 m (H, W) 做平均池化：窗口 f x f，步幅 s，无填充。"""
    height, width = m.shape
    h_out = (height - f) // s + 1
    w_out = (width - f) // s + 1
    out = np.empty((h_out, w_out), dtype=np.float64)  # 平均值是小数：用浮点数
    for i in range(h_out):
        for j in range(w_out):
            out[i, j] = m[i * s : i * s + f, j * s : j * s + f].mean()
    return out


print(avg_pool_loops(article, 2, 2))
assert avg_pool_loops(article, 2, 2).tolist() == [[4.25, 4.25], [4.25, 3.5]]

# %% [markdown]
# 向量化版本沿用第 3 课的偏移技巧：窗口内的每个偏移对应一个带步幅的切片，只不过这次我们把这些切片*相加*，最后再除以 `f*f`。


# %%
def avg_pool_offsets(m, f, s):
    """结果与 avg_pool_loops 相同：把 f*f 个带步幅的切片相加，再除以 f*f。"""
    height, width = m.shape
    h_out = (height - f) // s + 1
    w_out = (width - f) // s + 1
    total = np.zeros((h_out, w_out))
    for di in range(f):
        for dj in range(f):
            total += m[di : di + (h_out - 1) * s + 1 : s, dj : dj + (w_out - 1) * s + 1 : s]
    return total / (f * f)


# %% [markdown]
# 在一张随机的 9x9 特征图上，把这两种写法与 Keras 的 `AveragePooling2D` 以及课程库的 `pool2d` 对照检验；和第 3 课一样，把特征图包装成只有 1 个样本、1 个通道的批量交给它们：

# %%
rng = np.random.default_rng(0)
map9 = rng.normal(size=(9, 9)).astype(np.float32)
batch9 = map9[None, :, :, None]  # (1, 9, 9, 1)
for f, s in [(2, 2), (3, 2), (3, 3), (2, 1)]:
    layer = keras.layers.AveragePooling2D(pool_size=f, strides=s)
    keras_map = np.asarray(layer(batch9))[0, :, :, 0]
    reference_map = pool2d(batch9, f, s, mode="avg")[0, :, :, 0]
    for ours in (reference_map, avg_pool_loops(map9, f, s), avg_pool_offsets(map9, f, s)):
        np.testing.assert_allclose(ours, keras_map, rtol=1e-5, atol=1e-6)
    print(f"f={f}, s={s}：输出形状 {keras_map.shape}，循环 ≈ 偏移 ≈ Keras ≈ course_lib")

# %% [markdown]
# 与求最大值不同，求平均要做加法，而 float32 的加法换一种顺序，结果的最后一位就可能不同。所以这里用带容差的比较（`assert_allclose`），而不要求完全相等。
#
# ## 3. 平均池化就是一种卷积
#
# [卷积层](00_start_here.ipynb#nn-conv2d)让一个小的权重网格，即**卷积核**（也叫 filter），在特征图上滑动，并在每个位置输出它所覆盖单元格的加权和：每个单元格乘以压在它上面的那个卷积核权重，再全部加起来。**逐通道卷积**（depthwise convolution）对每个通道分别做这件事，每个通道用自己的卷积核，因此它从不把通道混在一起，这一点和池化一样。对单张特征图（一个通道），用偏移技巧写出来就是：


# %%
def conv_map(m, kernel, s):
    """单张二维特征图 m 与二维卷积核 kernel 的卷积，步幅 s，无填充。

    卷积核按原样使用，不做翻转，深度学习库都是这样做的；数学上把这种运算称为互相关。
    （对于对称的卷积核，例如常数卷积核，翻不翻转反正都一样。）
    """
    f = kernel.shape[0]
    height, width = m.shape
    h_out = (height - f) // s + 1
    w_out = (width - f) // s + 1
    out = np.zeros((h_out, w_out))
    for di in range(f):
        for dj in range(f):
            cells = m[di : di + (h_out - 1) * s + 1 : s, dj : dj + (w_out - 1) * s + 1 : s]
            out += kernel[di, dj] * cells  # 唯一的改动：每个偏移乘上一个权重
    return out


# %% [markdown]
# 和 `avg_pool_offsets` 比较一下：唯一的区别是每个切片前面多了一个权重 `kernel[di, dj]`。把每个权重都取为 `1/f²`，步幅取与池化相同的 `s`（通常 `s = f`），并且不加填充，两个函数算的就是同一个东西（逐通道卷积对每个样本的每个通道都这样做）。我们在上面的 `map9` 上验证：

# %%
print(np.full((2, 2), 1 / 2**2))  # 2x2 卷积核：每个权重都是 0.25
for f, s in [(2, 2), (3, 2), (3, 1)]:
    box = np.full((f, f), 1 / f**2)
    expected = pool2d(batch9, f, s, mode="avg")[0, :, :, 0]
    np.testing.assert_allclose(conv_map(map9, box, s), expected, atol=1e-6)
    print(f"f={f}, s={s}：用权重全为 1/f² 的卷积核做卷积 == 平均池化")

# %% [markdown]
# 在 Keras 中也是如此：把逐通道卷积层 `DepthwiseConv2D` 的权重固定为 `1/f²`，并且不加偏置（bias，卷积通常给每个输出加上的那个可学习的数），它的输出就与 `AveragePooling2D` 相同。这里用一个含 2 个样本、3 个通道的随机批量来验证：

# %%
x = rng.normal(size=(2, 9, 9, 3)).astype(np.float32)
conv = keras.layers.DepthwiseConv2D(
    kernel_size=2,
    strides=2,
    use_bias=False,
    depthwise_initializer=keras.initializers.Constant(1 / 4),
)
conv_out = np.asarray(conv(x))
pool_out = np.asarray(keras.layers.AveragePooling2D(2)(x))
np.testing.assert_allclose(conv_out, pool_out, atol=1e-6)
print("Keras DepthwiseConv2D（权重均为 1/4）== AveragePooling2D，输入形状：", x.shape)
print("卷积层存储的权重个数：", conv.count_params())
print("池化层存储的权重个数：", keras.layers.AveragePooling2D(2).count_params())
assert conv.count_params() == 2 * 2 * 3

# %% [markdown]
# 卷积层*存储*了 `2 * 2 * 3 = 12` 个权重（每个通道一个 2x2 卷积核），[训练](00_start_here.ipynb#nn-training)会改变它们。池化层**一个也不存储**：它的权重按定义就是固定的。（如果让这些权重参与学习，网络就是在用*带步幅的卷积*（strided convolution）来下采样（downsampling），这是池化的一种真正的替代方案；第 6 课还会回到这个话题。）
#
# 有一个前提：**没有填充**。卷积把填充出来的单元格当作 0，并且总是除以 `f²`（它的权重都是 `1/f²`）；而 Keras 采用 `"same"` 填充的平均池化，对边界上的窗口只除以其中真实单元格的个数。第 5 节会展示两者的差别：有填充时，这个等式在 PyTorch 的规则 `count_include_pad=True` 下成立，在 Keras 的规则下则不成立。
#
# ### 沿一个轴连续做两次平均池化
#
# 网络会把层一层层堆起来。对平均池化的结果再做一次平均池化，算出来的是什么？只看一个轴，取最简单的情况：两次都是对相邻 2 个数求平均，步幅都为 1。用一行只有一个 1、其余全为 0 的数（一个*单位脉冲*，impulse）就能回答这个问题：每个输出都等于两次运算合起来之后给这个 1 的权重，所以输出依次列出了这些权重（顺序是反过来的，不过这里的权重正着读和倒着读都一样，所以没有影响）。

# %%
impulse = np.array([0.0, 0.0, 1.0, 0.0, 0.0])
once = (impulse[:-1] + impulse[1:]) / 2  # 每相邻 2 个数求平均，步幅 1
twice = (once[:-1] + once[1:]) / 2  # 对结果再做一次同样的操作
print("一次：", once)
print("两次：", twice)
assert once.tolist() == [0, 0.5, 0.5, 0] and twice.tolist() == [0.25, 0.5, 0.25]

# %% [markdown]
# 两次宽度为 2 的平均，效果相当于对相邻 3 个数做一次加权求和，权重为 1/4、1/2、1/4：不再相等，中间的单元格被算了两次，因为有两种不同的窗口组合能够到达它（第一次取左边的窗口、第二次取右边的，或者反过来），而两端的单元格各只有一种。
#
# 在二维情形下，池化沿行和沿列各自独立地求平均，所以二维卷积核在（第 r 行，第 c 列）处的权重等于一个行权重乘以一个列权重。由所有这些乘积组成的表，叫作两个一维列表的**外积**（outer product）：`np.outer(a, b)[r, c] = a[r] * b[c]`。例如：

# %%
print(np.outer([1, 2], [1, 10, 100]))
assert np.outer([1, 2], [1, 10, 100]).tolist() == [[1, 10, 100], [2, 20, 200]]
# 权重全为 1/4 的 2x2 卷积核（权重全部相等，称为方框卷积核），就是一维权重 [1/2, 1/2] 与自身的外积：
assert np.array_equal(np.outer([0.5, 0.5], [0.5, 0.5]), np.full((2, 2), 1 / 2**2))

# %% [markdown]
# 练习 4.3 会把这两个想法结合起来，推广到二维和任意窗口大小 `f`。
#
# ## 4. 推论：平均池化会造成模糊，而这很有用
#
# 权重全部相等且为正的卷积核（方框卷积核，box filter，平均池化用的就是它）起的是**低通滤波**（low-pass filtering）的作用：它保留缓慢的变化（亮度相近的大片区域），削弱快速的变化（细密的纹理、噪声、单个亮像素）。下面比较把第 3 课那张照片在每个方向上缩小 4 倍的三种方法：每 16 个像素只保留 1 个（隔点采样，`img[::4, ::4]`）、最大池化，以及平均池化。

# %%
photo = data.sample_photo(gray=True)


def pooled(img, f, mode):
    return pool2d(img[None, :, :, None], f, mode=mode)[0, :, :, 0]


# 字典的键保留英文，它们也是下面三张图的标题和表格各行的名称：
# subsampled = 隔点采样，max-pooled = 最大池化，average-pooled = 平均池化。
smaller = {
    "subsampled [::4, ::4]": photo[::4, ::4],
    "max-pooled 4x4": pooled(photo, 4, "max"),
    "average-pooled 4x4": pooled(photo, 4, "avg"),
}
face = (slice(45, 85), slice(40, 80))  # 脸部所在的区域（在 150x128 的结果中）
fig = plots.show_images([img[face] for img in smaller.values()], list(smaller), vmin=0, vmax=1)
plt.show()

# %% [markdown]
# 平均池化的结果最平滑；隔点采样则恰好落在网格上的是哪个像素就保留哪个，连同细密的纹理和噪声一起。给“平滑”一个数值的一种办法是：结果中相邻像素之间亮度跳变的平均大小。


# %%
def roughness(img):
    """水平相邻和竖直相邻的像素之差的绝对值的平均。"""
    return (np.abs(np.diff(img, axis=0)).mean() + np.abs(np.diff(img, axis=1)).mean()) / 2


for name, img in smaller.items():
    print(f"{name:22s} 粗糙度 {roughness(img):.3f}")
rough = {name: roughness(img) for name, img in smaller.items()}
assert rough["average-pooled 4x4"] < rough["max-pooled 4x4"]
assert rough["average-pooled 4x4"] < rough["subsampled [::4, ::4]"]

# %% [markdown]
# ### 混叠：凭空出现的图案
#
# 缩小之前先平滑，并不只是为了好看。如果图案比新网格所能表示的更精细，隔点采样时它并不会简单地消失：它会以一种*虚假的、更粗的*图案重新出现。这就叫**混叠**（用摄像机拍条纹衬衫时看到的摩尔纹就是它）。
#
# 先看最极端的情况：竖条纹，一列白、一列黑。做 2 倍的隔点采样（每 2 个像素保留 1 个），结果要么全白、要么全黑，取决于图案是否从白色的一列开始；输入平移一个像素，整个输出就会翻转。2x2 池化则不受影响：

# %%
fine = data.stripes(8, period=2)
fine_shifted = data.stripes(8, period=2, phase=1)  # 同样的图案，平移了一个像素
for name, img in [("原始条纹", fine), ("平移 1 像素", fine_shifted)]:
    print(
        f"{name:19s} 隔点采样均值 {img[::2, ::2].mean():.2f}，"
        f"最大池化均值 {pooled(img, 2, 'max').mean():.2f}，"
        f"平均池化均值 {pooled(img, 2, 'avg').mean():.2f}"
    )
    assert pooled(img, 2, "avg").mean() == 0.5 and pooled(img, 2, "max").mean() == 1
assert {fine[::2, ::2].mean(), fine_shifted[::2, ::2].mean()} == {0.0, 1.0}

# %% [markdown]
# 无论怎样平移，平均池化都给出 0.5，也就是真实的平均亮度。最大池化给出 1，意思是“每个窗口里都有一条白条纹”，同样稳定。隔点采样给出 1 或 0：两种情况都是错的，错向哪一边取决于一个像素的平移。
#
# 再看一个不那么规则的情况：周期为 2.5 像素的平滑条纹，缩小 4 倍。

# %%
wavy = data.stripes(64, period=2.5, smooth=True)
wavy_shifted = data.stripes(64, period=2.5, phase=1, smooth=True)
shrunk = {
    "subsampled [::4, ::4]": (wavy[::4, ::4], wavy_shifted[::4, ::4]),
    "max-pooled 4x4": (pooled(wavy, 4, "max"), pooled(wavy_shifted, 4, "max")),
    "average-pooled 4x4": (pooled(wavy, 4, "avg"), pooled(wavy_shifted, 4, "avg")),
}
# 条纹是竖直的，所以每一行都相同：看一行就够了。画出输入的第一行（64 个像素），
# 并把隔点采样和平均池化从中保留下来的 16 个值，画在它们所来自的输入位置上。
columns = np.arange(64)
fig, ax = plt.subplots(figsize=(9, 3))
ax.plot(columns, wavy[0], ".-", color="0.7", label="输入的一行（周期 2.5 像素）")
ax.plot(columns[::4], wavy[0, ::4], "o-", label="隔点采样 [::4]")
ax.plot(columns[::4] + 1.5, shrunk["average-pooled 4x4"][0][0], "s-", label="平均池化 4x4")
ax.set_xlabel("输入的列")
ax.set_ylabel("亮度")
ax.legend(loc="upper right", fontsize=8)
plt.show()
# 隔点采样得到的这一行每 5 个样本重复一次，也就是每 20 个输入列重复一次：
assert np.allclose(wavy[0, ::4][5:], wavy[0, ::4][:-5])
assert not np.allclose(wavy[0, ::4][1:], wavy[0, ::4][:-1])
assert 5 * 4 == 20 and 20 / 2.5 == 8
assert np.abs(shrunk["average-pooled 4x4"][0][0] - 0.5).max() < 0.13  # 接近 0.5

# %% [markdown]
# 对只有 16 列的网格来说，输入的条纹太细了：用 16 个值如实地概括这一行，得到的应当是一片均匀的灰色，每个值都是 0.5。隔点采样却画出了一条缓慢的波，每 20 个输入列重复一次，是输入周期 2.5 的 8 倍：这是输入中并不存在的粗糙图案（即混叠的产物）。平均池化得到的这一行始终与 0.5 相差不到 0.13。下面对每种方法测量三样东西：虚假图案的强度（输出的标准差：结果完全平坦时为 0）、平均亮度，以及输入平移一个像素后输出的变化量（表中最后一列“平移后的变化”）。

# %%
print(f"{'方法':20s}  虚假图案强度   均值   平移后的变化")
shift_change = {}
for name, (out, out_shifted) in shrunk.items():
    shift_change[name] = np.abs(out - out_shifted).mean()
    print(f"{name:22s} {out.std():13.2f} {out.mean():6.2f} {shift_change[name]:14.2f}")

# %% [markdown]
# 隔点采样产生的虚假图案最强，输入平移一个像素时变化也最大。求平均把虚假图案削弱了好几倍，并保留了真实的平均亮度（0.5）。最大池化也削弱了虚假图案，但给出的是一个偏亮的值，而不是平均值：它回答的问题是“这个窗口里有没有亮条纹？”。
#
# 不过请注意最后一列：平移一个像素后，这里最大池化的变化反而比求平均*略小*。求平均并不能根治对平移的敏感。无论怎样平移，几乎每个 4x4 窗口里都有一条接近白色的条纹波峰，所以最大值始终接近 1；平均值则取决于每条条纹有多少落在窗口之内，而这会随着平移而改变。两者的变化都远小于隔点采样。下面的断言守住了这些说法：如果有人改动了数据，让它们不再成立，断言就会报错：

# %%
sub, mx, avg = (pair[0] for pair in shrunk.values())
assert avg.std() < sub.std() / 3 and mx.std() < sub.std() / 2
assert abs(avg.mean() - 0.5) < 0.05 and mx.mean() > 0.9
change_sub, change_max, change_avg = shift_change.values()
assert change_max < change_avg < change_sub / 3

# %% [markdown]
# 4x4 的方框卷积核仍然只是一种粗糙的低通滤波，而最大池化根本不是线性滤波，所以两者之后都还残留着一些混叠。第 6 课会测量这对于一个看到平移后图像的网络意味着什么，并尝试一种更好的模糊。
#
# ## 5. 填充：该除以几？
#
# 采用 `padding="same"` 时，有些窗口会伸出边界。最大池化直接忽略缺失的单元格（第 3 课）。对平均值来说，则确实需要做一个选择：是除以窗口中**真实**单元格的个数，还是除以整个窗口的大小 `f*f`，把填充当作 0 计入？各框架的做法并不一致：
#
# * **Keras / TensorFlow** 除以真实单元格的个数（不计入填充）；
# * **PyTorch** 的 `AvgPool2d` 默认计入填充（`count_include_pad=True`）。
#
# 所以“平均池化总是除以 f²”是一种错误想法：有填充时，这取决于框架。最清楚的检验是一张全为 1 的特征图，它的真实平均值处处都是 1。在一张 5x5 的特征图上用 3x3 窗口、步幅 2。这里 Keras 的 `same` 填充恰好在每一边加一个单元格，与 PyTorch 的 `padding=1` 相同，因此两种规则可以直接比较。

# %%
ones = np.ones((1, 5, 5, 1), dtype=np.float32)
keras_same = np.asarray(keras.layers.AveragePooling2D(3, 2, padding="same")(ones))[0, :, :, 0]
excluded = pool2d(ones, 3, 2, padding=1, mode="avg")[0, :, :, 0]
included = pool2d(ones, 3, 2, padding=1, mode="avg", count_include_pad=True)[0, :, :, 0]
np.testing.assert_allclose(keras_same, excluded, atol=1e-7)
np.testing.assert_allclose(
    included, [[4 / 9, 6 / 9, 4 / 9], [6 / 9, 1, 6 / 9], [4 / 9, 6 / 9, 4 / 9]]
)
# 第 3 节的说法：有填充时，池化等于在用 0 填充过的特征图上做卷积，
# 这在 PyTorch 的规则（计入填充）下成立，在 Keras 的规则下不成立。
zero_padded_conv = conv_map(np.pad(ones[0, :, :, 0], 1), np.full((3, 3), 1 / 9), 2)
np.testing.assert_allclose(zero_padded_conv, included)
assert not np.allclose(zero_padded_conv, excluded)

fig, axes = plt.subplots(1, 3, figsize=(10, 3.4))
plots.draw_grid(
    ones[0, :, :, 0], axes[0], padding=(1, 1, 1, 1), title="5x5 全 1，四周各填充 1 个单元格"
)
plots.draw_grid(excluded, axes[1], fmt="{:.3f}", title="Keras：不计入填充")
plots.draw_grid(included, axes[2], fmt="{:.3f}", title="PyTorch 默认：计入填充")
plt.show()

# %% [markdown]
# 按 PyTorch 的默认规则，角上的窗口在 9 个单元格中只有 4 个是真实的，所以输出 `4/9 ≈ 0.444`；边上的窗口则有 9 个中的 6 个。只有中间那个不含填充的窗口，在两种规则下结果相同。`course_lib.pooling.pool2d` 可以通过它的 `count_include_pad` 选项遵循任一种规则（本课程并没有安装 PyTorch 本身；参考实现遵循的是 PyTorch 文档中说明的规则）。在不同框架之间移植模型时，这是边界处出现细小差异的一个典型原因。

# %% [markdown]
# <details><summary><b>延伸阅读</b></summary>
#
# PyTorch 的默认做法沿用了 Caffe 的规则。Caffe 是一个较早的深度学习库，它的平均池化同样除以整个窗口的大小，填充也计算在内。`count_include_pad` 选项的说明见 PyTorch 中 `torch.nn.AvgPool2d` 的参考文档页面。
#
# </details>

# %% [markdown]
# ## 6. 反向传播：梯度被平均分配
#
# 与第 3 课第 6 节一样：`dout` 是从池化之后那一层传回来的[梯度](00_start_here.ipynb#nn-gradient)，每个输出单元格一个数；池化的[反向传播](00_start_here.ipynb#nn-backprop)要算出 `dx`，每个输入单元格一个数。一个窗口的输出是 `y = (x1 + x2 + ... + x_{f²}) / f²`。每个单元格都以权重 `1/f²` 参与其中：把它改变一个很小的量，`y` 就随之改变这个量的 `1/f²`。所以窗口中的每个单元格都得到 `dout / f²`，与它自身的值无关。对比最大池化：在那里，是一个单元格拿走了全部。窗口重叠的地方，各份额相加，和以前一样。有填充并采用 Keras 的规则时，边界上的窗口除以其中真实单元格的个数，所以其中的单元格得到 `dout / count`。

# %%
dout = np.array([[1.0, 2.0], [3.0, 4.0]])[None, :, :, None]
batch = article[None, :, :, None]  # pool2d_backward 接受一个批量：1 个样本，1 个通道
dx = pool2d_backward(dout, batch, 2, 2, mode="avg")[0, :, :, 0]
print(dx)

# 每个 dout 单元格涂上它所属窗口的浅色（与 draw_grid 给窗口涂的颜色相同）。
dout_colors = [[to_rgba(plots.window_color(2 * i + j), 0.25) for j in range(2)] for i in range(2)]
fig, axes = plt.subplots(1, 2, figsize=(6.5, 3.4))
plots.draw_grid(dout[0, :, :, 0], axes[0], cell_colors=dout_colors, title="dout（每个窗口一个）")
plots.draw_grid(dx, axes[1], windows=plots.pooling_windows((4, 4), 2), title="dx = dout / 4")
plt.show()

# %% [markdown]
# 左上角窗口的每个单元格都得到 `1 / 4 = 0.25`，右下角窗口的每个单元格都得到 `4 / 4 = 1`。输入的值（2、9、4……）不起任何作用：对于线性运算（固定的权重乘以输入，再加起来），每个输入的梯度都等于 `dout` 乘以它的固定权重，与输入本身无关。
#
# 再用数值方法验证一下。这次用相互重叠的窗口和 `same` 填充，让边界处的除数也得到检验：把每个输入单元格分别改变 `±h`，观察损失（loss）`L(x) = sum(dout * avgpool(x))` 的变化。

# %%
rng = np.random.default_rng(1)
x64 = rng.normal(size=(2, 7, 7, 2))
settings = dict(pool_size=3, strides=2, padding="same", mode="avg")
dout64 = rng.normal(size=pool2d(x64, **settings).shape)


def loss(x_):
    return np.sum(dout64 * pool2d(x_, **settings))


h = 1e-4
numeric = np.zeros_like(x64)
for index in np.ndindex(x64.shape):
    step = np.zeros_like(x64)
    step[index] = h
    numeric[index] = (loss(x64 + step) - loss(x64 - step)) / (2 * h)

analytic = pool2d_backward(dout64, x64, **settings)
np.testing.assert_allclose(analytic, numeric, rtol=0, atol=1e-8)
print("数值梯度与解析梯度在全部", x64.size, "个单元格上都一致，相差不超过 1e-8")

# %% [markdown]
# 再与 JAX 对 Keras 的 `AveragePooling2D` 求导的结果比较（设置相同，float32）：

# %%
import jax
import jax.numpy as jnp

layer = keras.layers.AveragePooling2D(pool_size=3, strides=2, padding="same")
dout32 = jnp.asarray(dout64, dtype=jnp.float32)
jax_dx = jax.grad(lambda a: jnp.sum(dout32 * layer(a)))(jnp.asarray(x64, dtype=jnp.float32))
np.testing.assert_allclose(np.asarray(jax_dx), analytic, rtol=1e-5, atol=1e-6)
print("对 Keras 层求 jax.grad 的结果 == course_lib.pool2d_backward，形状：", jax_dx.shape)

# %% [markdown]
# ## 小结
#
# * 平均池化对每个样本、每个通道分别输出每个窗口的平均值；它没有权重。
# * 不加填充（`"valid"`）时，它恰好就是一个逐通道卷积：卷积核为常数 `1/f²`，步幅 `s` 相同（通常为 `f`）。我们用 NumPy 和 Keras 的 `DepthwiseConv2D` 都验证过。卷积可以*学习*这些权重，池化则让它们保持固定。
# * 它相当于用方框卷积核做模糊，起低通滤波的作用：它让图像变得平滑，削弱隔点采样从细节中制造出的虚假粗糙图案（混叠），同时保留平均亮度。但它并不能让输出不受平移的影响：在我们的条纹上，平移一个像素后，最大池化的变化还略小一些。
# * 有填充时，Keras 除以真实单元格的个数；PyTorch 默认除以整个窗口的大小，填充也计算在内（`count_include_pad=True`）。两者在边界处不同，在内部相同。
# * 反向传播：窗口中的每个单元格都得到 `dout / count`，与输入的值无关；窗口重叠处的份额相加。我们用数值方法和 `jax.grad` 都验证过。
#
# ## 自测
#
# 打开 [`exercises/zh/ex04_average_pooling.ipynb`](../../exercises/zh/ex04_average_pooling.ipynb)，试着完成：
#
# * **4.1** 对整个 `(N, H, W, C)` 批量做平均池化（本课只池化了一张特征图）；
# * **4.2** 实现 `same` 填充，且不计入填充单元格；
# * **4.3** 找出与连续*两次*平均池化（步幅 1）等价的那一个卷积核：它不再是方框卷积核；
# * **4.4** 平均池化的反向传播。
#
# 4.2 的一个典型错误答案是把填充也计入了平均。检查的第二个用例是 5x5 的递增数组 `1, 2, ..., 25`，用 `same` 填充做 2x2 池化；这时检查会这样报告：

# %%
ramp = np.arange(1.0, 26.0).reshape(1, 5, 5, 1)
keras_rule = pool2d(ramp, 2, 2, padding="same", mode="avg")
padding_counted = pool2d(ramp, 2, 2, padding="same", mode="avg", count_include_pad=True)
print(f"得到的是 {padding_counted[0, 0, 2, 0]}，应为 {keras_rule[0, 0, 2, 0]}")
assert (padding_counted[0, 0, 2, 0], keras_rule[0, 0, 2, 0]) == (3.75, 7.5)

# %% [markdown]
# 第 0 行第 2 列的窗口有两个真实单元格 5 和 10，另有两个填充单元格：`(5 + 10) / 4 = 3.75` 计入了填充，`(5 + 10) / 2 = 7.5` 则没有。如果 `check("4.2")` 报告得到 3.75 而应为 7.5，并给出诊断“计入了填充的单元格”，请重读第 5 节。
