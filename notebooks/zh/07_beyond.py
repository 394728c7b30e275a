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
# # 第 7 课 — 最大池化和平均池化之外
#
# 最大池化（max pooling）和平均池化（average pooling）是每个框架都自带的两种池化（pooling），但它们只是更大的家族中的两个成员。本课带你浏览在论文和库代码中会遇到的各种变体：每种变体都配有 `course_lib.pooling.variants` 中的一个参考实现、一张图，以及一句话说明它用在什么场合。
#
# **本课是一次导览，留待日后查阅。** 课程的其他部分都不依赖它，也不必记住每一种变体。读一遍，认识这些名字，运行各个单元格；等到在论文或库代码里遇到其中某一种时，再回来看。有些小节会提到论文，它们都放在可折叠的“延伸阅读”框里：第一次阅读时可以跳过。
#
# **学完本课，你将能够**
#
# - 写出 Lp 池化（Lp pooling，即幂平均池化），并说明它从平均（p = 1）一直延伸到最大（p → ∞）；
# - 解释随机池化（stochastic pooling）：训练时随机挑选一个值，测试时输出这次挑选的期望；
# - 用一个权重把最大池化和平均池化混合起来（混合池化，mixed pooling）；
# - 说明为什么先模糊、再隔点采样（抗混叠池化，anti-aliased pooling）能让网络对一个像素的平移不那么敏感；
# - 把任意尺寸的输入池化成固定尺寸的输出（自适应池化，adaptive pooling；空间金字塔池化，spatial pyramid pooling）；
# - 在 Keras 中使用一维和三维池化层，并预测它们的输出形状；
# - 认识到注意力池化（attention pooling）是一种*学习得到的*加权平均。
#
# **用时**：约 30 分钟。整个 notebook 在双核 CPU 上运行约 15 秒。

# %%
import matplotlib.pyplot as plt
import numpy as np

import course_lib
from course_lib.lab import data
from course_lib.pooling import output_size, pool2d
from course_lib.pooling.variants import (
    adaptive_pool2d,
    adaptive_windows,
    lp_pool2d,
    max_blur_pool2d,
    mixed_pool2d,
    spatial_pyramid_pool,
    stochastic_pool2d,
    stochastic_pool_probabilities,
)
from course_lib.viz import plots

course_lib.set_language("zh")  # 课程库的提示与反馈使用中文
np.set_printoptions(precision=3, suppress=True)
ARTICLE = np.array([[2, 2, 7, 3], [9, 4, 6, 1], [8, 5, 2, 4], [3, 1, 2, 6]], dtype=float)
x = ARTICLE[None, :, :, None]  # 只含一张单通道特征图的批量：(N, H, W, C)
print("course_lib", course_lib.__version__)

# %% [markdown]
# 本课自始至终，`x` 都是前几课用过的那个 4x4 例子（来自原文）。对它做 2x2、步幅为 2 的最大池化，结果是 `[[9, 7], [8, 6]]`；做平均池化，结果是 `[[4.25, 4.25], [4.25, 3.5]]`。
#
# ## 1. Lp 池化：从平均到最大，只用一个旋钮
#
# Lp 池化（又称“幂平均池化”，power-mean pooling）把一个窗口 `R` 中的所有值 `v` 池化为一个数：
#
# $$\Big(\frac{1}{|R|}\sum_{v \in R} |v|^p\Big)^{1/p}.$$
#
# （`R` 是窗口，即特征图（feature map）中的一个*区域*（region）；`|R|` 是其中值的个数，2x2 窗口为 4；`|v|` 是 `v` 的绝对值。）当 `p = 1` 时，它就是 `|v|` 的平均值；随着 `p` 增大，最大的那个值在求和中越来越占主导，取极限时就得到最大值。对于非负的激活值，例如经过 [ReLU](00_start_here.ipynb#nn-relu)（它把每个负值都换成 0）之后的激活值，这两种经典池化正是同一个旋钮的两端。

# %%
for p in [1, 2, 4, 16, 64, np.inf]:
    print(f"p = {p:>4}:", lp_pool2d(x, p, 2)[0, :, :, 0].round(3).tolist())

assert np.allclose(lp_pool2d(x, 1, 2), pool2d(x, 2, mode="avg"))
assert np.array_equal(lp_pool2d(x, np.inf, 2), pool2d(x, 2, mode="max"))

# %% [markdown]
# 下图跟踪左上角的窗口 `[2, 2, 9, 4]` 随 `p` 增大而发生的变化：池化值从平均值 4.25 向最大值 9 攀升，但只要 `p` 是有限的，它就始终低于 9。

# %%
powers = np.geomspace(1, 200, 60)
curve = [lp_pool2d(x, p, 2)[0, 0, 0, 0] for p in powers]
fig, ax = plt.subplots(figsize=(6, 3))
ax.semilogx(powers, curve, label="[2, 2, 9, 4] 的 Lp 池化")
ax.axhline(pool2d(x, 2, mode="avg")[0, 0, 0, 0], ls="--", color="C1", label="平均（p = 1）")
ax.axhline(pool2d(x, 2, mode="max")[0, 0, 0, 0], ls=":", color="C2", label="最大（p → ∞）")
ax.set_xlabel("p")
ax.set_ylabel("池化值")
ax.legend()
plt.show()

# %% [markdown]
# **局限。** Lp 池化池化的是 `|v|`，因此会丢掉符号：把窗口中的 `9` 换成 `-9`，池化结果不变。只有对非负输入，它才是在平均与最大之间过渡。`p` 很大时，数值计算很脆弱（`9**400` 会超出 64 位浮点数的表示范围）；所以 `lp_pool2d` 会先把窗口中的值除以窗口的最大值。

# %%
print("池化的是 |v|，符号丢失了：", lp_pool2d(-x, 2, 2)[0, :, :, 0].round(3).tolist())
with np.errstate(over="ignore"):
    print("float64 中的 9.0 ** 400：", np.float64(9.0) ** 400)
print("p = 400 时的 lp_pool2d：", lp_pool2d(x, 400, 2)[0, :, :, 0].round(3).tolist())
assert np.allclose(lp_pool2d(-x, 2, 2), lp_pool2d(x, 2, 2))

# %% [markdown]
# **各框架的做法并不一致。** PyTorch 的 `LPPool2d` *不是*这个公式。它用**求和**代替平均，而且**不取绝对值**：它把带符号的 `v ** p` 加起来得到和 `S`，再对 `S` 开 `p` 次方根。`p = 1` 时开根不起作用，和的符号得以保留；对于其他的 `p`，开根是用浮点数计算 `S ** (1/p)`，而负数的非整数次幂在浮点运算中没有定义，所以和为负时结果是 NaN（“not a number”，即“不是一个数”）；负的 `v` 取非整数次幂时，结果同样是 NaN。下面用 NumPy 写出它的规则，分别用在含负值的窗口上，以及原文例子的第一个窗口上：


# %%
def torch_style_lp(window, p):
    """PyTorch 的 LPPool2d 在一个窗口上的规则：S ** (1/p)，S = v ** p 之和（S < 0 时为 NaN）。"""
    with np.errstate(invalid="ignore"):  # NaN 是预期的结果，不是意外
        total = np.sum(np.asarray(window, dtype=float) ** p)
        return float(total) if p == 1 else float(np.power(total, 1 / p))


def ours(window, p):
    """在一个 2x2 窗口上计算 lp_pool2d。"""
    return lp_pool2d(np.reshape(window, (1, 2, 2, 1)), p, 2).item()


signed = [-4.0, 2.0, -2.0, 4.0]
print(
    f"[-4, 2, -2, 4]，p = 1：PyTorch 的规则得 {torch_style_lp(signed, 1)}，我们的得 {ours(signed, 1)}"
)
first = [2.0, 2.0, 9.0, 4.0]
ratio_lp = torch_style_lp(first, 2) / ours(first, 2)
print(f"[2, 2, 9, 4]，p = 2：PyTorch 的规则 / 我们的 = {ratio_lp:.4f}，而 4 ** (1/2) = 2")
negative_sum = [-6.0, 3.0, -1.0, 2.0]  # -6 + 3 - 1 + 2 = -2
print(
    f"[-6, 3, -1, 2]：PyTorch 的规则在 p = 1 时得 {torch_style_lp(negative_sum, 1)}，"
    f"在 p = 3 时得 {torch_style_lp(negative_sum, 3)}"
)
assert torch_style_lp(signed, 1) == 0.0 and ours(signed, 1) == 3.0
assert np.isclose(ratio_lp, 4 ** (1 / 2))
assert torch_style_lp(negative_sum, 1) == -2.0 and np.isnan(torch_style_lp(negative_sum, 3))

# %% [markdown]
# 在 `[-4, 2, -2, 4]` 上，带符号的值相互抵消：PyTorch 的规则得到 0，而我们的得到 3。在 `[-6, 3, -1, 2]` 上，和是负数：`p = 1` 时得 -2，`p = 3` 时得 NaN。对于非负输入（或者 `p` 为偶数，这时每个 `v ** p` 都非负），两者只差一个常数因子：和等于平均值乘以 `|R|`，所以 PyTorch 的结果等于我们的结果乘以 `|R| ** (1/p)`（2x2 窗口、p = 2 时为 2）。（编写本课时，这条规则已经与 PyTorch 2.13 的 `LPPool2d` 核对过；学习本课并不需要 PyTorch。）

# %% [markdown]
# **何时使用：** “L2 池化”（p = 2）曾出现在早期的卷积网络和视觉皮层模型中；如今已很少见，但要看清最大和平均并不是仅有的选择，它是最简洁的例子。

# %% [markdown]
# <details><summary><b>延伸阅读</b></summary>
#
# 卷积网络中的 L2 池化：Sermanet、Chintala 和 LeCun（2012），*Convolutional Neural Networks Applied to House Numbers Digit Classification*。
#
# </details>

# %% [markdown]
# ## 2. 随机池化：训练时随机挑选，测试时取期望
#
# 随机池化只用于非负的激活值。在[训练](00_start_here.ipynb#nn-training)（training，即调整网络权重的阶段）时，每个窗口随机挑选它的**一个**单元格，挑中的概率与该单元格的值成正比，然后输出这个值。在测试时（即使用训练好的网络时），它输出这次挑选的**期望**值 `sum(p_i * v_i)`，其中 `p_i = v_i / sum(v)`；这个值介于平均值和最大值之间。

# %%
values, prob = stochastic_pool_probabilities(x, 2)
print("左上角的窗口：", values[0, 0, 0, 0].tolist())
print("各单元格被挑中的概率：", prob[0, 0, 0, 0].round(3).tolist())
print("测试时的输出：", stochastic_pool2d(x, 2, training=False)[0, :, :, 0].round(3).tolist())
print("训练时的一次抽取：", stochastic_pool2d(x, 2, rng=0)[0, :, :, 0].tolist())

# %% [markdown]
# 抽取很多次（每次用各自的随机种子），数一数左上角窗口中每个单元格各被挑中多少次；这些抽取结果的平均值应当接近测试时的输出。

# %%
draws = np.array([stochastic_pool2d(x, 2, rng=seed)[0, 0, 0, 0] for seed in range(2000)])
window = values[0, 0, 0, 0]
frequency = [np.mean(draws == v) for v in np.unique(window)]
expected = float(stochastic_pool2d(x, 2, training=False)[0, 0, 0, 0])
print(f"2000 次抽取的平均值：{draws.mean():.2f}   测试时的输出：{expected:.2f}")
assert abs(draws.mean() - expected) < 0.2

fig, ax = plt.subplots(figsize=(6, 3))
labels = [f"值 {v:g}" for v in np.unique(window)]
theory = [prob[0, 0, 0, 0][window == v].sum() for v in np.unique(window)]
pos = np.arange(len(labels))
ax.bar(pos - 0.2, theory, width=0.4, label="概率（值 / 总和）")
ax.bar(pos + 0.2, frequency, width=0.4, label="在 2000 次抽取中所占的比例")
ax.set_xticks(pos, labels)
ax.set_ylabel("被挑中的频率")
ax.set_title("窗口 [2, 2, 9, 4] 的随机池化")
ax.legend()
plt.show()

# %% [markdown]
# **何时使用：** 在数据稀少时用作一种*正则化方法*（regulariser，防止网络死记硬背训练图像的手段）：随机挑选的作用有点像 *dropout*（暂退法：训练时把输入中随机的一部分置为 0 的层）。dropout 出现得更早（2012 年），随机池化当初就是作为与它并列的正则化方法提出的。后来，dropout、*数据增强*（data augmentation，用平移、翻转或裁剪过的图像副本来训练）和*批量归一化*（batch normalization，训练时把每个通道的值重新缩放到标准的均值和离散程度的层）一直是标准的正则化方法，而随机池化在如今的网络中已很少使用。

# %% [markdown]
# <details><summary><b>延伸阅读</b></summary>
#
# Zeiler 和 Fergus（2013），*Stochastic Pooling for Regularization of Deep Convolutional Neural Networks*。
#
# </details>

# %% [markdown]
# ## 3. 混合池化：最大与平均的加权混合
#
# 混合池化输出 `alpha * max + (1 - alpha) * average`。一种做法是让 `alpha`（每层一个，或每个通道一个）与网络的其他[权重](00_start_here.ipynb#nn-weights)（weight）一起*学习*；另一种做法则是在训练时随机选用最大池化或平均池化。

# %%
photo = data.sample_photo(gray=True)[::4, ::4]  # 150 x 128，足以看出效果
batch = photo[None, :, :, None]
alphas = [0.0, 0.5, 1.0]
mixed = [mixed_pool2d(batch, a, 4)[0, :, :, 0] for a in alphas]
assert np.allclose(mixed[0], pool2d(batch, 4, mode="avg")[0, :, :, 0])
assert np.allclose(mixed[2], pool2d(batch, 4, mode="max")[0, :, :, 0])
print("平均亮度：", {a: round(float(m.mean()), 3) for a, m in zip(alphas, mixed, strict=True)})
plots.show_images(
    [photo, *mixed],
    ["输入 150x128", *[f"alpha = {a}（4x4 池化）" for a in alphas]],
    vmin=0,
    vmax=1,
)
plt.show()

# %% [markdown]
# 把 `alpha` 从 0 调到 1，结果会变亮（窗口的最大值至少等于它的平均值），明亮的细节也变得更清晰。**何时使用：** 当你宁愿让训练在最大池化和平均池化之间做出选择、而不想自己决定时；文献报告的提升都很小。

# %% [markdown]
# <details><summary><b>延伸阅读</b></summary>
#
# 学习混合权重：Lee、Gallagher 和 Tu（2016），*Generalizing Pooling Functions in Convolutional Neural Networks: Mixed, Gated, and Tree*。在最大与平均之间随机选择：Yu 等人（2014），*Mixed Pooling for Convolutional Neural Networks*。
#
# </details>

# %% [markdown]
# ## 4. 抗混叠池化：先模糊，再隔点采样
#
# 步幅为 2 的 2x2 最大池化同时做了两件事：取最大值，以及每隔一个位置保留一个（*隔点采样*，subsampling）。对逐像素变化的图案做隔点采样，会产生**混叠**（aliasing）：细节被折叠成一个粗糙的图案，而这个图案取决于采样网格恰好落在哪里。抗混叠池化把这个操作拆开：先做步幅为 1 的最大池化（在每个位置都取最大值），再做一次小范围的模糊，最后隔点采样。这就是 **MaxBlurPool**（抗混叠池化）。先模糊、再隔点采样是信号处理中的老办法；Zhang（2019）以 MaxBlurPool 的形式把它引入最大池化，并试验了几种宽度递增的模糊核（其中包括他的 Rect-2 `[1, 1] / 2`、Tri-3 `[1, 2, 1] / 4`、Bin-5 `[1, 4, 6, 4, 1] / 16`）；`max_blur_pool2d` 默认使用 Tri-3，即在每个方向上都用 `[1, 2, 1] / 4`，除非你传入别的 `blur_size`。
#
# 下面，把宽 2 像素的竖条纹分别平移 0 到 3 个像素。普通的最大池化会在条纹和一张全白的图像之间来回跳变；在这个图案上，模糊后的版本变化只有它的一半（比值会打印出来；换成别的图案，比值也会不同）。

# %%
pattern = data.stripes(16, period=4)
shifts = [0, 1, 2, 3]
shifted = [data.shift_image(pattern, 0, s, mode="wrap")[None, :, :, None] for s in shifts]
plain = [pool2d(im, 2, mode="max")[0, :, :, 0] for im in shifted]
blurred = [max_blur_pool2d(im, 2, 2, blur_size=3)[0, :, :, 0] for im in shifted]


def change(outputs):
    """平移 0 与平移 1 之间，池化输出的平均绝对变化。"""
    return float(np.abs(outputs[1] - outputs[0]).mean())


ratio = change(blurred) / change(plain)
print(
    f"平移 1 个像素时输出的变化：最大池化 {change(plain):.3f}，"
    f"MaxBlurPool {change(blurred):.3f}（比值 {ratio:.2f}）"
)
assert np.isclose(ratio, 0.5)

fig, axes = plt.subplots(2, 4, figsize=(9, 4.6))
for k, s in enumerate(shifts):
    for row, (name, outs) in enumerate([("最大池化", plain), ("MaxBlurPool", blurred)]):
        axes[row, k].imshow(outs[k], cmap="gray", vmin=0, vmax=1, interpolation="nearest")
        axes[row, k].set_title(f"{name}，平移 {s}", fontsize=9)
        axes[row, k].set_xticks([])  # 去掉刻度，但保留边框：否则一张全白的图
        axes[row, k].set_yticks([])  # 会与页面融为一体
fig.tight_layout()
plt.show()

# %% [markdown]
# 图中有一处细节是边界效应，与抗混叠无关：MaxBlurPool 输出图的第一列和最后一列可能与内部各列不同。16 列的图经过步幅为 1 的最大池化后只剩 15 列，而模糊时用反射的方式填充边界，条纹却是首尾相接（环绕）的。请只看内部的列。
#
# **何时使用：** 用在希望物体移动一个像素时答案尽量不变的分类器中（Zhang 报告说，在 ImageNet 上它既提高了准确率，*又*让答案在平移下更稳定；ImageNet 是一个包含 1000 个类别、130 万张照片的基准数据集）；第 6 课在训练好的网络上测量了这一效果。代价是：多一点计算量，输出也更平滑一些。

# %% [markdown]
# <details><summary><b>延伸阅读</b></summary>
#
# Zhang（2019），*Making Convolutional Networks Shift-Invariant Again*（ICML）：论文的 ImageNet 表格比较了 Rect-2、Tri-3 和 Bin-5 这几种模糊核。
#
# </details>
#
# ## 5. 自适应池化：选定输出尺寸，而不是窗口
#
# 普通池化固定窗口和步幅，输出尺寸随输入尺寸而定。自适应池化固定的则是**输出尺寸**，再由它算出窗口。PyTorch 的 `AdaptiveAvgPool2d`（以及 Keras 的 `AdaptiveAveragePooling2D`）在每个轴上把长度 `n` 池化为 `out` 个单元格时，使用的窗口是
#
# $$\text{start}_i = \Big\lfloor \frac{i\,n}{out} \Big\rfloor,\qquad
#   \text{end}_i = \Big\lceil \frac{(i+1)\,n}{out} \Big\rceil .$$
#
# 当 `out` 整除 `n` 时，它们就是大小和步幅都为 `n / out` 的普通窗口；否则，各窗口的大小最多相差 1（把 n = 5 池化为 3 个单元格，窗口大小为 2、3、2），相邻的窗口还可能重叠。

# %%
for n in [5, 6, 7, 10]:
    print(f"n = {n:>2} -> 3 个单元格：", adaptive_windows(n, 3))
assert [b - a for a, b in adaptive_windows(5, 3)] == [2, 3, 2]

fig, axes = plt.subplots(1, 3, figsize=(10, 1.8))
for ax, n in zip(axes, [6, 7, 10], strict=True):
    for i, (a, b) in enumerate(adaptive_windows(n, 3)):
        ax.barh(i, b - a, left=a, color=plots.window_color(i), alpha=0.7)
    ax.set_xticks(range(n + 1))
    ax.set_yticks([])
    ax.set_xlim(0, n)
    ax.set_title(f"n = {n} 池化为 3 个单元格", fontsize=10)
fig.tight_layout()
plt.show()

# %% [markdown]
# 我们的实现与 Keras 的层结果一致；在尺寸能整除时，也与普通池化一致：

# %%
keras = course_lib.frameworks.import_keras()

rng = np.random.default_rng(0)
odd = rng.random((1, 7, 10, 2)).astype("float32")
adaptive_ours = adaptive_pool2d(odd, (3, 4), "avg")
theirs = np.asarray(keras.layers.AdaptiveAveragePooling2D((3, 4))(odd))
print("与 Keras 的结果相差在 1e-6 以内：", bool(np.abs(adaptive_ours - theirs).max() < 1e-6))
even = rng.random((1, 8, 8, 2))
assert np.allclose(adaptive_pool2d(even, 4, "max"), pool2d(even, 2, mode="max"))

# %% [markdown]
# **空间金字塔池化**把同一张特征图自适应地池化成若干种网格，比如 1x1、2x2 和 4x4，再把结果拼接起来。若有 `C` 个通道，得到的向量就有 `C * (1 + 4 + 16)` 个数，**与输入尺寸无关**；因此，接受任意尺寸图像的卷积网络后面也可以接一个[全连接层](00_start_here.ipynb#nn-dense)。

# %%
for h, w in [(32, 32), (45, 60), (150, 128)]:
    features = rng.random((1, h, w, 8))
    print(
        f"输入 {h:>3}x{w:<3} x 8 个通道 -> SPP 向量的长度为",
        spatial_pyramid_pool(features, (1, 2, 4)).shape[1],
    )
assert spatial_pyramid_pool(rng.random((1, 45, 60, 8))).shape == (1, 8 * 21)

fig, axes = plt.subplots(1, 3, figsize=(9, 3.4))
for ax, level in zip(axes, (1, 2, 4), strict=True):
    ax.imshow(photo, cmap="gray", interpolation="nearest")
    for a, _ in adaptive_windows(photo.shape[0], level)[1:]:
        ax.axhline(a - 0.5, color="yellow")
    for a, _ in adaptive_windows(photo.shape[1], level)[1:]:
        ax.axvline(a - 0.5, color="yellow")
    ax.set_title(f"{level}x{level} 层级：每个通道 {level * level} 个单元格", fontsize=9)
    ax.set_axis_off()
fig.tight_layout()
plt.show()

# %% [markdown]
# **何时使用：** 大多数图像分类器的最后一次池化，就是自适应平均池化到 1x1（也就是第 5 课的全局平均池化），这正是它们能接受任意尺寸图像的原因；金字塔池化则出现在*目标检测*（找出图像中的物体并用框标出）和*图像分割*（为每个像素打上标签）中。

# %% [markdown]
# <details><summary><b>延伸阅读</b></summary>
#
# 空间金字塔池化：He、Zhang、Ren 和 Sun（2014），*Spatial Pyramid Pooling in Deep Convolutional Networks for Visual Recognition*（SPP-net）。PSPNet 的金字塔池化模块：Zhao 等人（2017），*Pyramid Scene Parsing Network*。torchvision 中 ResNet 的分类头是 `AdaptiveAvgPool2d((1, 1))`。
#
# </details>
#
# ## 6. 一维和三维池化
#
# 池化并不是图像专有的。Keras 有用于序列 `(batch, steps, features)` 的 `MaxPooling1D` / `AveragePooling1D`，序列可以是音频、传感器读数、文本（每个词被转换成一个数字向量，即*嵌入*，embedding）；也有用于体数据 `(batch, depth, height, width, channels)` 的 `MaxPooling3D` / `AveragePooling3D`，体数据可以是视频片段、CT 和 MRI 扫描。每个轴都遵循与前面相同的规则 `floor((n + 2p - f) / s) + 1`，由 `output_size` 计算。

# %%
signal = np.sin(np.linspace(0, 6 * np.pi, 60)) + 0.3 * rng.standard_normal(60)
seq = signal.reshape(1, 60, 1).astype("float32")
pooled_seq = np.asarray(keras.layers.MaxPooling1D(pool_size=4, strides=2)(seq))
print("MaxPooling1D(4, 2):", seq.shape, "->", pooled_seq.shape)
assert pooled_seq.shape[1] == output_size(60, 4, 2)

volume = rng.random((2, 16, 32, 32, 3)).astype("float32")
pooled_vol = keras.layers.AveragePooling3D(pool_size=(2, 4, 4))(volume)
print("AveragePooling3D((2, 4, 4)):", volume.shape, "->", tuple(pooled_vol.shape))
assert tuple(pooled_vol.shape) == (2, 8, 8, 8, 3)

fig, ax = plt.subplots(figsize=(7, 2.8))
ax.plot(np.arange(60), signal, ".-", lw=0.8, label="信号（60 步）")
centres = np.arange(pooled_seq.shape[1]) * 2 + 1.5  # 窗口 i 覆盖第 2i .. 2i+3 步
ax.step(centres, pooled_seq[0, :, 0], where="mid", color="C3", label="MaxPooling1D(4, 步幅 2)")
ax.set_xlabel("步")
ax.legend(loc="lower left", fontsize=8)
plt.show()

# %% [markdown]
# **何时使用：** 一维池化用于音频、时间序列网络和文本网络（在文本网络中，对所有词取全局最大值，可以为每个特征找出它在句子中任意位置的最强匹配）；三维池化用于视频和医学体数据网络，沿时间或深度方向的窗口往往比空间方向的小。
#
# ## 7. 注意力池化：学习得到的加权平均
#
# 平均池化给每个单元格的权重都是 `1/|R|`（窗口中有 `|R|` 个单元格）；最大池化则把全部权重都给一个单元格。**注意力池化**让网络根据内容计算权重：`w = softmax(score(v))`，输出 `sum(w_i * v_i)`，其中打分函数 `score` 是一个学习得到的小函数。（[softmax](00_start_here.ipynb#nn-softmax) 把任意一组数变成加起来等于 1 的正权重，最大的数得到最大的权重。）只要把打分取为 `beta * v`，单单一个数 `beta` 就能在两种经典情形之间移动：`beta = 0` 时是平均，`beta` 很大时趋近最大值。

# %%
window = np.array([2.0, 2.0, 9.0, 4.0])
betas = np.linspace(0, 3, 31)


def softmax_pool(v, beta):
    """v 的 softmax 加权平均，权重为 exp(beta * v) / 总和。"""
    weights = np.exp(beta * (v - v.max()))
    return float((weights * v).sum() / weights.sum())


print({b: round(softmax_pool(window, b), 3) for b in (0.0, 0.5, 1.0, 3.0)})
assert softmax_pool(window, 0.0) == window.mean()
fig, ax = plt.subplots(figsize=(6, 2.8))
ax.plot(betas, [softmax_pool(window, b) for b in betas], label="softmax 加权平均")
ax.axhline(window.mean(), ls="--", color="C1", label="平均")
ax.axhline(window.max(), ls=":", color="C2", label="最大")
ax.set_xlabel("beta（权重的集中程度）")
ax.legend(fontsize=8)
plt.show()

# %% [markdown]
# 在真实的模型中，打分是一个学习得到的函数，而不是 `beta * v`。**何时使用：** 凡是需要把一组向量合成一个向量的地方：一张大图像的各个图块、一个句子中的各个词、一个集合中的各个元素；在一些图像网络中，它还用于最后一张特征图，取代全局平均池化。

# %% [markdown]
# <details><summary><b>延伸阅读</b></summary>
#
# - 一组图像图块：Ilse、Tomczak 和 Welling（2018），*Attention-based Deep Multiple Instance Learning*。
# - 句子中的词：Lin 等人（2017），*A Structured Self-Attentive Sentence Embedding*。
# - 集合中的元素：Lee 等人（2019），*Set Transformer*（“pooling by multihead attention”，即多头注意力池化）。
# - 最后一张特征图：CLIP 的 ResNet 图像编码器（Radford 等人，2021）用一个注意力池化层取代了全局平均池化。在视觉 Transformer（ViT，Dosovitskiy 等人，2021）中，包括 CLIP 自己的 ViT，起同样作用的是一个学习得到的“类别词元”（class token）。
#
# </details>
#
# ## 小结
#
# - **Lp 池化**是一个旋钮：p = 1 时是平均，p → ∞ 时是最大（对非负输入而言）。PyTorch 的 `LPPool2d` 则把带符号的幂直接相加（对 `[-4, 2, -2, 4]`，p = 1 时得 0）。
# - **随机池化**在训练时按值的大小成比例地随机挑选一个值；测试时输出这次挑选的期望。
# - **混合池化**用一个可以学习的权重把最大和平均混合起来。
# - **抗混叠池化**先模糊、再隔点采样（本课程默认的模糊核是 Tri-3，`[1, 2, 1] / 4`），因此平移一个像素时输出的变化更小。
# - **自适应池化**固定输出尺寸（窗口从 `floor(i n / out)` 到 `ceil((i + 1) n / out)`）；**空间金字塔池化**把若干个这样的网格拼接成一个向量，其长度与输入尺寸无关。
# - 同样的池化规则在**一维和三维**中也成立（`MaxPooling1D`、`AveragePooling3D`）。
# - **注意力池化**根据内容学习加权平均的权重。
#
# ## 自测
#
# 练习在 [`exercises/zh/ex07_beyond.ipynb`](../../exercises/zh/ex07_beyond.ipynb) 中：
#
# - **7.1** 自己写出 Lp 池化，看看它从哪里开始不再像最大池化。
# - **7.2** 在一个新的、含负值的窗口上，分别计算本课程的 Lp 池化和 PyTorch 的规则。
# - **7.3** 对形状为 `(8, 100, 16)` 的输入，`MaxPooling1D(pool_size=3, strides=2)` 给出什么形状？
#
# 下面两题没有自动检查：
#
# - 对窗口 `[1, 3]`，随机池化在测试时输出什么？先自己算出来，再用 `stochastic_pool2d(np.array([[[[1.0], [3.0]]]]), (1, 2), training=False)` 验证。
# - 自适应池化把 10 个单元格池化为 4 个时，用的是哪些窗口？先手算，再用 `adaptive_windows(10, 4)` 计算。
