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
# # 第 6 课 — 池化的利与弊，逐项实测
#
# 本课程的原文《【小白深度学习入门】【2】池化层详解：工作原理、维度计算、池化类型》列出了池化（pooling）的三个优点——「降维」（dimension reduction）、「平移不变性」（translation invariance）、「特征选择」（feature selection），以及三个缺点——「信息丢失」（information loss）、「过度平滑」（over-smoothing）和「超参数调整」：池化引入了额外的超参数（hyperparameter，即由人手工选定的设置，例如窗口大小）。原文只是给出了这些说法；本课则在看得见的数据上把它们逐一**测量**出来，指出每个说法在哪里成立、在哪里言过其实，最后用一张表汇总测得的数字，并给出一份选择池化方式的简短指南。
#
# **学完本课，你将能够**
#
# 1. 逐层统计一个小型 CNN 在有池化和无池化时的激活内存、参数量和乘加次数，并说出池化减少了其中哪些（以及没有减少哪些）；
# 2. 测量输入平移之后，池化输出还有多少保持不变；以及物体移动时，训练好的网络有多大比例维持原来的答案（即 Richard Zhang 在 2019 年的论文中所说的*一致性*，consistency）；
# 3. 解释为什么先模糊、再隔点采样（subsampling，即每隔一个值保留一个）的抗混叠池化会有帮助；
# 4. 测量最大池化和平均池化各自丢失了什么、模糊了什么、放大了什么；
# 5. 诚实地解读一次小规模的超参数扫描：报告结果的波动范围，而不是宣布一个赢家。
#
# **用时**：阅读并运行约 45 分钟，练习另需 20 分钟。整个 notebook 要训练八个很小的网络，在一台空闲的双核 CPU 上约需 25 秒（实测；最后一个单元格会打印在你的机器上用了多久）。**预备知识**：第 1–5 课讲过的最大池化（max pooling）、平均池化（average pooling）、步幅（stride）和填充（padding）。关于网络的术语（层、权重、训练、迭代周期、准确率）在[第 0 课的「够用就好的神经网络知识」](00_start_here.ipynb#nn-network)中有解释；本课第一次用到它们时会再次给出链接。

# %%
import time

START = time.perf_counter()  # 最后一个单元格会报告本 notebook 的运行时间

import matplotlib.pyplot as plt
import numpy as np
from IPython.display import Markdown, display

import course_lib
from course_lib.lab import data
from course_lib.lab.experiments import (
    SideBySide,
    build_cnn,
    fraction_unchanged,
    layer_table,
    reconstruction_error,
    upsample_nearest,
)
from course_lib.pooling import pool2d
from course_lib.viz import plots

course_lib.set_language("zh")  # 课程库的提示与反馈使用中文
np.set_printoptions(precision=3, suppress=True)

# %% [markdown]
# ## 0. 测试平台：位置各不相同的五种形状
#
# 下面所有网络学习的都是同一个任务——*分类*（classification）：在带噪声的 32x32 图像中区分五种白色形状（网络为每张图像输出五个类别名之一）。形状离图像中心不超过 5 个像素，因此把它们移得更远时（第 2 节），网络会遇到训练中从未见过的情况。数据来自 `course_lib.lab.data`：由随机种子（seed，随机数生成器的起始数：种子相同，生成的“随机”数也相同）生成，在每台机器上都完全一样。（图中的标题是代码里的类别名：square 正方形、circle 圆形、cross 十字、triangle 三角形、x 叉形。）

# %%
CLASSES = ("square", "circle", "cross", "triangle", "x")
shape_kw = dict(size=32, classes=CLASSES, noise=0.2, max_shift=5)
x_train, y_train = data.make_shapes(320, seed=1, **shape_kw)
x_test, y_test = data.make_shapes(256, seed=2, **shape_kw)
DATA = (x_train, y_train, x_test, y_test)
print("训练集", x_train.shape, "测试集", x_test.shape, "各类样本数", np.bincount(y_test).tolist())

first = [int(np.flatnonzero(y_test == k)[0]) for k in range(len(CLASSES))]
plots.show_images([x_test[i, :, :, 0] for i in first], list(CLASSES), size=2.0, vmin=0, vmax=1)
plt.show()

# %% [markdown]
# ## 1. 降维：池化省下了什么，又没省下什么
#
# 同一个小型 CNN（卷积神经网络，convolutional neural network）的五个版本：两个 3x3 的[卷积](00_start_here.ipynb#nn-conv2d)层（convolution），分别有 8 个和 16 个卷积核（filter），后面各接一个 [ReLU](00_start_here.ipynb#nn-relu)；每个卷积之后用某种方式缩小特征图（feature map），最后是一个作用在[展平](00_start_here.ipynb#nn-flatten)（flatten）后的特征图上的[全连接层](00_start_here.ipynb#nn-dense)（dense layer）：
#
# | 名称 | 每个卷积之后接什么 |
# |---|---|
# | `none` | 什么也不接：特征图保持 32x32 |
# | `max`、`avg` | 一个 2x2 的最大 / 平均池化层，步幅为 2 |
# | `strided` | 什么也不接，但卷积本身每次移动 2 个像素 |
# | `allconv` | 用一个可学习的、步幅为 2 的 3x3 卷积代替池化层 |
#
# `strided` 和 `allconv` 是两种已发表的、不用池化层的做法（见下面的方框）。`layer_table` 针对一张输入图像统计：
#
# - 每层写入内存的**数值个数**（float32 下每个占 4 字节：这就是*激活内存*，训练时要保留下来供[反向传播](00_start_here.ipynb#nn-backprop)（backpropagation）使用，也就是计算[梯度](00_start_here.ipynb#nn-gradient)（gradient）的那一步）。`flatten` 记为 0：它只是把 16 张特征图重新看作一个长向量，并不分配新的内存；
# - **参数**（parameter，即[学习得到的权重](00_start_here.ipynb#nn-weights)和偏置）；
# - **乘加次数**（multiply-adds）：一次乘法加一次加法，是卷积层和全连接层的工作量单位（在 8 个通道上做 3x3 卷积，每个输出值需要 3 x 3 x 8 次）。

# %% [markdown]
# <details><summary><b>延伸阅读</b></summary>
#
# Springenberg、Dosovitskiy、Brox 和 Riedmiller（2014），*Striving for Simplicity: The All Convolutional Net*：把每个池化层替换掉，要么加大它前面那个卷积的步幅（即我们的 `strided`），要么换成一个额外的、步幅为 2 的卷积（即我们的 `allconv`）。
#
# </details>

# %%
NETS = ("none", "max", "avg", "strided", "allconv")
tables = {name: layer_table(build_cnn(name, n_classes=len(CLASSES))) for name in NETS}


def print_table(rows):
    print(f"{'层':<9}{'输出':>12}{'数值个数':>5}{'参数量':>6}{'乘加次数':>7}{'窗口运算':>8}")
    for r in rows:
        shape = "x".join(str(d) for d in r["output"])
        print(
            f"{r['layer']:<10}{shape:>14}{r['values']:>9,}{r['params']:>9,}"
            f"{r['multiply_adds']:>11,}{r['window_ops']:>12,}"
        )


for name in ("none", "max"):
    print(f"--- {name}")
    print_table(tables[name])

# %% [markdown]
# 池化层**没有参数**，也没有乘加运算：最大池化每个输出值需要 `f*f - 1` 次比较，平均池化需要同样多次加法（外加一次除法）。它们缩小的是其**后面**的一切。五个版本每张图像的总计：

# %%
totals = {
    name: {key: sum(r[key] for r in rows) for key in ("values", "params", "multiply_adds")}
    for name, rows in tables.items()
}
print(f"{'网络':<7}{'激活值 (KiB)':>15}{'参数量':>6}{'乘加次数':>7}")
for name, t in totals.items():  # 1 KiB = 1024 字节
    print(f"{name:<9}{t['values'] * 4 / 1024:>18.1f}{t['params']:>9,}{t['multiply_adds']:>11,}")

pool_params = [r["params"] for r in tables["max"] if "pool" in r["layer"]]
assert pool_params == [0, 0]  # 池化什么也不学
param_ratio = totals["none"]["params"] / totals["max"]["params"]
madd_ratio = totals["none"]["multiply_adds"] / totals["max"]["multiply_adds"]
memory_ratio = totals["none"]["values"] / totals["max"]["values"]
dense_share = tables["none"][-1]["params"] / totals["none"]["params"]
print(
    f"不池化与最大池化相比：参数是 {param_ratio:.1f} 倍，"
    f"乘加次数是 {madd_ratio:.1f} 倍，激活值是 {memory_ratio:.1f} 倍"
)
print(f"不池化的网络中，全连接层的参数占全部参数的比例：{dense_share:.1%}")

# %% [markdown]
# 所以原文说的「减少模型中的参数数量」只是**间接地**成立：池化层本身没有参数，它缩小的是读取其输出的那个全连接层的参数（不池化的网络几乎全部参数都在那里）。原文还说，参数减少能「帮助避免过度拟合」。过拟合（overfitting）指的是把训练图像学得太细，以致在新图像上的准确率明显落后（文末的汇总表比较了这两种准确率）。如果网络最后用全局平均池化（global average pooling，第 5 课）代替展平，那么不论内部有没有池化层，参数量都一样；而内存和乘加次数上的节省依然存在。
#
# 注意这里“节省内存”的含义。训练时，池化层自己的输入（卷积的输出）仍然要保留给反向传播；缩小的是*后续*各层接收的、在其上计算的和保留下来的一切。
#
# ### 整节课只训练一次
#
# 现在我们来[训练](00_start_here.ipynb#nn-training)（training）每个版本，再加上第 2 节和第 5 节要用的另外三种配置：一共八个很小的网络。每个网络都从由随机种子生成的随机权重出发，训练 4 个*迭代周期*（epoch：把 320 张训练图像完整地过一遍），批量（batch）大小为 16。训练过程中不打印任何内容。训练结束后，每个网络的*测试准确率*，就是在训练中从未见过的 256 张测试图像里，类别预测正确的图像所占的比例（[准确率](00_start_here.ipynb#nn-loss)，accuracy）。`maxblur` 网络使用抗混叠最大池化（第 7 课）：先做步幅为 1 的 2x2 最大池化，再用 `[1, 2, 1]/4` 做模糊（Zhang 称这个卷积核为 Tri-3，是他试过的几种之一），然后每隔一个像素保留一个。*抗混叠*（anti-aliased）是指在隔点采样之前先模糊，使得对更粗的网格来说过于精细的细节不会变成虚假的粗糙图案；第 2b 节会说明这为什么重要。
#
# 为了节省时间，八个网络**并排**训练（`SideBySide`）：一个 Keras 模型有八个输出，它们就是这八个网络，每个都读取相同的图像。这个模型的损失（loss）是八个网络损失之和；这个和对某一个网络的权重求梯度，得到的就是该网络自身损失的梯度，而优化器（optimizer，这里是 Adam）只根据每个权重自己的梯度来更新它，所以每个网络学到的，和它在同样的批量上单独训练时学到的完全一样（`tests/test_experiments.py` 逐个权重地检查了这一点）。这样 Keras 只需为八个网络准备（*编译*）一个训练函数，而不必为每个网络各准备一个；在 CPU 上，这个准备过程可能比训练本身还要久（下面的单元格会把两者都打印出来）。这是一个小实验：4 个迭代周期、320 张训练图像、一个随机种子。第 5 节给出了用八个随机种子做同样训练的结果。

# %%
CONFIGS = {  # 名称：build_cnn 的参数
    "none": dict(reduction="none"),
    "max": dict(reduction="max", pool_size=2),
    "avg": dict(reduction="avg", pool_size=2),
    "strided": dict(reduction="strided", pool_size=2),
    "allconv": dict(reduction="allconv", pool_size=2),
    "maxblur": dict(reduction="maxblur", pool_size=2),
    "max 3/2": dict(reduction="max", pool_size=3, strides=2),  # 窗口相互重叠
    "max 4/4": dict(reduction="max", pool_size=4),
}
SEEDS = (0,)  # 第 5 节给出随机种子 0 到 7 的结果
seeds_label = ("随机种子 " if len(SEEDS) == 1 else "随机种子为 ") + ", ".join(map(str, SEEDS))
EPOCHS = 4
bundle = SideBySide(
    {name: build_cnn(n_classes=len(CLASSES), **kwargs) for name, kwargs in CONFIGS.items()}
)
runs, epoch_seconds = {}, {}
for seed in SEEDS:  # 每次运行都让每个网络从该随机种子的初始权重重新开始
    for name, result in bundle.train(DATA, epochs=EPOCHS, batch_size=16, seed=seed).items():
        runs[name, seed] = result
    epoch_seconds[seed] = bundle.epoch_seconds  # 每个迭代周期的实际耗时，八个网络合计
assert len(runs) == len(CONFIGS) * len(SEEDS)

accuracy = {name: np.mean([runs[name, s].test_accuracy for s in SEEDS]) for name in CONFIGS}
train_accuracy = {name: np.mean([runs[name, s].train_accuracy for s in SEEDS]) for name in CONFIGS}

# %% [markdown]
# 下面是五个版本的测试准确率、它们每张图像的乘加次数，以及并排训练时每个迭代周期所用的时间。时间取决于你的机器以及机器上同时运行的其他程序，所以这个单元格的输出不做检查；它后面的单元格只检查在任何机器上都成立的结论。

# %% tags=["nbval-ignore-output"]
print(f"{'网络':<7}{'乘加次数':>7}{'测试准确率':>10}")
for name in NETS:
    print(f"{name:<9}{totals[name]['multiply_adds']:>11,}{accuracy[name]:>15.2f}")
compiling, *epochs = epoch_seconds[SEEDS[0]]  # 第一个迭代周期还包含了编译
print(f"并排训练：第一个迭代周期（含编译）{compiling:.1f} 秒，之后每个 {np.median(epochs):.1f} 秒")

# %%
# strided 网络的第一个卷积只做四分之一的工作量，而且完全不做池化；不池化的网络工作量最大。
# 这个工作量的大小顺序与 CPU 无关。实测的时间还取决于内存访问、所用的库以及同时运行的其他
# 程序，所以本课程只断言这些计数（速度在 benchmarks 中比较，从不在测试中比较）。
assert totals["strided"]["multiply_adds"] < totals["max"]["multiply_adds"]
assert totals["max"]["multiply_adds"] < totals["none"]["multiply_adds"]
print("每张图像的乘加次数从少到多：strided < max < none")

# %% [markdown]
# ## 2. 平移不变性，实测
#
# 原文说，得益于池化，「图像中物体的位置不会影响分类结果」。我们分两步来检验：先看单独一个池化层，再看训练好的网络。
#
# ### 2a. 单个池化层
#
# 取一张特征图，把它向右移动 `k` 个像素，再做一次池化，然后数一数有多少输出单元格没有变化。我们用的是随机特征图，这样一个单元格保持不变，只可能是因为池化吸收了这次平移（没有相等的值，也没有平坦区域）。“in place”（原位比较）把每个单元格与同一位置上的单元格比较（[不变性](00_start_here.ipynb#nn-invariance)：输出留在原地不动）；“realigned”（对齐后比较）先把结果移回 `k // 2` 个整单元格——经过步幅为 2 的池化后，这次平移就相当于这么多个单元格（*等变性*，equivariance：输出*跟着*输入一起移动）。

# %%
feature_map = np.random.default_rng(0).random((256, 256))
SHIFTS = range(5)
unchanged = {
    (mode, realign): [fraction_unchanged(feature_map, k, mode, 2, realign) for k in SHIFTS]
    for mode in ("none", "max", "avg")
    for realign in (False, True)
}
print("平移（像素）：           ", "".join(f"{k:>7}" for k in SHIFTS))
for (mode, realign), values in unchanged.items():
    label = f"{mode}, {'realigned' if realign else 'in place'}"
    print(f"{label:<25}", "".join(f"{v:>7.3f}" for v in values))

# %% [markdown]
# 看 `max, in place` 这一行：平移一个像素后，约三分之一的最大池化单元格保持不变；平移两个像素后，几乎全都变了。这三分之一并非巧合。跟踪一个 2x2 窗口经历一次向右一个像素的平移：它的 4 个值中，有 2 个离开（它的右列移进了下一个窗口），2 个留下（它的左列，现在成了右列），还有 2 个进来（左边那个窗口的右列）。只有当新窗口的最大值就是原来的最大值，也就是这 6 个值中最大的那个恰好是留下的 2 个之一时，输出才保持不变——对随机值来说，概率是 2/6。平均池化会改变每一个单元格（每个平均值都吸收了新的值），不做池化时也一样。对齐后再比较，两种池化在偶数平移下都完全一致，而奇数平移和平移一个像素一样糟：步幅为 2 的池化只对 2 的倍数的平移具有等变性。（不做池化时，对齐后任何平移都完全一致。）

# %%
max_in_place_1 = unchanged["max", False][1]
assert abs(max_in_place_1 - 1 / 3) < 0.02
assert unchanged["avg", False][1] == 0.0 and unchanged["none", False][1] == 0.0
assert all(unchanged[mode, True][k] == 1.0 for mode in ("max", "avg") for k in (0, 2, 4))

fig, axes = plt.subplots(1, 2, figsize=(10, 3.2), sharey=True)
for ax, realign in zip(axes, (False, True), strict=True):
    for j, mode in enumerate(("none", "max", "avg")):
        ax.bar(np.array(SHIFTS) + (j - 1) * 0.27, unchanged[mode, realign], width=0.27, label=mode)
    ax.set_xlabel("输入的平移量（像素）")
    ax.set_title("原位比较" if not realign else "对齐后比较（按平移量移回）")
axes[0].set_ylabel("保持不变的输出单元格占比")
axes[0].legend()
fig.tight_layout()
plt.show()

# %% [markdown]
# ### 2b. 训练好的网络：平移之后，预测的类别还一样吗？
#
# Zhang 提出的**一致性**（论文见下面的方框）衡量的是：网络给一张图像和它平移后的副本预测出同一类别的频率。我们把测试图像向右平移 1 到 6 个像素（左边移入黑色），把每个网络的答案与它在未平移图像上的答案相比较。（Zhang 比较的是从同一张大图中随机平移裁出的两块：从边界移进来的是照片中更多的真实内容，而不是人为的条带。我们的做法是平移一张固定的图像，这样每个平移量对应一个分数，但会有黑色条带移入，所以要求稍严苛一些。）
#
# 为什么先模糊会有帮助（`maxblur` 网络）？每隔一个值保留一个，就是*隔点采样*。当特征图的值从一个像素到下一个像素不断变化时，保留下哪些值取决于网格落在哪里，平移一个像素就会把它们换成截然不同的值：精细的细节以虚假的粗糙图案重新出现，这种效应叫作*混叠*（aliasing）。先模糊，就能去掉对更粗的网格来说过于精细的细节，于是输入移动时，保留下来的值只会稍有变化：这就是*抗混叠*池化（第 7 课会在条纹图上演示）。

# %%
SHIFT_RANGE = range(1, 7)
per_seed = {}
for seed in SEEDS:
    for name in CONFIGS:  # 每个网络都恢复为它在这个随机种子下训练结束时的权重
        runs[name, seed].trained_model()
    per_seed[seed] = bundle.shift_consistency(x_test, [(0, k) for k in SHIFT_RANGE])
consistency = {
    name: np.mean([per_seed[seed][name] for seed in SEEDS], axis=0)
    for name in ("none", "max", "avg", "strided", "maxblur", "allconv")
}

# %% tags=["nbval-ignore-output"]
fig, ax = plt.subplots(figsize=(6.5, 3.4))
for name, values in consistency.items():
    ax.plot(list(SHIFT_RANGE), values, "o-", label=f"{name}（均值 {values.mean():.2f}）")
ax.set_xlabel("测试图像的平移量（像素）")
ax.set_ylabel("一致性")
ax.set_title("平移前后预测的类别相同吗？")
ax.legend(fontsize=8)
plt.show()
for name, values in consistency.items():
    print(f"{name:<8}", " ".join(f"{v:.2f}" for v in values))

# %% [markdown]
# 具体数值取决于你的 CPU 的浮点运算细节（在同一台机器上，每次运行的结果都相同），所以上面的单元格不做检查；定性的结论是：

# %%
mean_consistency = {name: float(v.mean()) for name, v in consistency.items()}
assert mean_consistency["max"] > mean_consistency["none"]  # 池化有帮助……
assert mean_consistency["maxblur"] > mean_consistency["max"]  # ……先模糊帮助更大……
assert mean_consistency["allconv"] > mean_consistency["max"]  # ……可学习的下采样也是……
assert min(mean_consistency, key=mean_consistency.get) in ("none", "strided")
assert all(v[-1] < 0.95 for v in consistency.values())  # ……而且没有哪个网络能无视位置
print("一致性：none < max < maxblur，max < allconv；一致性最低的网络没有池化层")
print("图像平移 6 个像素时，每个网络都会改变一部分答案")

# %% [markdown]
# 所以原文的这句话**言过其实**。在我们的小实验中（一个随机种子、4 个迭代周期、320 张训练图像和 256 张测试图像），池化让网络*更能*容忍小的平移，抗混叠池化更甚，但位置仍然改变了相当一部分答案，而且平移越大，改变的越多。第 5 节表格中的八个随机种子，每一个都是如此。`none` 与其他网络之间的差距，有一部分可能来自它的分类头（head，网络末端输出类别的部分），而不是缺少池化：每个版本都以 `Flatten` + `Dense` 结尾，而 `none` 的全连接层要读取全部 32x32x16 个值，每个值都有一个只对应某个确切位置的权重，所以一平移，物体就被交给了另一批权重。一致性最低的网络是一个没有池化层的网络（`none` 或 `strided`）。Zhang 在 ImageNet（一个包含 1000 个类别、130 万张照片的基准数据集）上也发现了同样的现象：标准网络对大多数平移后的图像对都保持答案不变，但并非全部；而先模糊再隔点采样，同时提高了一致性和准确率（见下面的方框）。在我们的实验中，一致性提高了，准确率则对一些随机种子有所提高，对另一些没有（第 5 节）。
#
# `allconv` 网络**没有池化层**：它自己学习下采样（downsampling，用一个步幅为 2 的 3x3 卷积），而且比最大池化网络更常保持答案不变（这里如此，第 5 节的八个随机种子中也有七个如此）。但这并不是同等条件下的比较：它在每个卷积之后多加了一层，随之增加了参数和计算量（见下面的输出），所以这个差异反映的可能是多出来的那一层，而不是可学习的下采样。Springenberg 等人为此训练了对照组（加上额外的卷积，同时保留池化）；我们没有。网络所具有的不变性，主要是它*学*来的：来自它的各层，也来自在许多位置展示物体的数据（*数据增强*，data augmentation：用图像经过平移、翻转或裁剪的副本来训练），而不只是来自池化。

# %% [markdown]
# <details><summary><b>延伸阅读</b></summary>
#
# Zhang（2019），*Making Convolutional Networks Shift-Invariant Again*（ICML）：几种标准网络及其抗混叠版本在 ImageNet 上的准确率和一致性。它的代码仓库（github.com/adobe/antialiased-cnns）在 README 中维护着一张结果表，论文发表后还更新过，所以表中的数字不一定与论文一致：引用数字时，要说明它来自两者中的哪一个（以及哪个日期的 README）。
#
# </details>

# %%
extra_params = totals["allconv"]["params"] / totals["max"]["params"] - 1
print(
    f"参数：allconv {totals['allconv']['params']:,}，max {totals['max']['params']:,}"
    f"（多 {extra_params:.0%}）；乘加次数：allconv "
    f"{totals['allconv']['multiply_adds']:,}，max {totals['max']['multiply_adds']:,}"
)
assert totals["allconv"]["params"] > totals["max"]["params"]

# %% [markdown]
# ## 3. 信息丢失：池化，放大回去，再比较
#
# 原文说，池化层「会从输入特征图中丢弃一些信息」。丢了多少？用大小为 `f` 的窗口（步幅为 `f`）对照片做池化，再把每个池化后的值重复 `f x f` 次，得到一张与原图同样大小的图像，然后计算它与原图之间的[均方根误差](00_start_here.ipynb#nn-rmse)（RMSE：像素差的平方取平均再开平方根；像素值在 [0, 1] 之间）。

# %%
photo = data.sample_photo(gray=True)  # 600 x 512
POOL_SIZES = (2, 4, 8, 16)
rmse = {mode: [reconstruction_error(photo, f, mode) for f in POOL_SIZES] for mode in ("max", "avg")}
print("窗口大小：  ", "".join(f"{f:>8}" for f in POOL_SIZES))
for mode, errors in rmse.items():
    print(f"{mode} RMSE:   ", "".join(f"{e:>8.4f}" for e in errors))
print("保留的值：  ", "".join(f"{1 / f**2:>8.2%}" for f in POOL_SIZES))
assert all(a < m for a, m in zip(rmse["avg"], rmse["max"], strict=True))
assert rmse["max"] == sorted(rmse["max"]) and rmse["avg"] == sorted(rmse["avg"])
window_growth = POOL_SIZES[-1] / POOL_SIZES[0]
rmse_growth = {mode: errors[-1] / errors[0] for mode, errors in rmse.items()}
print(
    f"窗口放大 {window_growth:.0f} 倍 -> RMSE 增大 {rmse_growth['max']:.1f} 倍（最大池化），"
    f"{rmse_growth['avg']:.1f} 倍（平均池化）"
)
assert all(1 < g < window_growth for g in rmse_growth.values())  # 在增大，但比窗口增大得慢

# %%
f = 8
rebuilt = {
    mode: upsample_nearest(
        pool2d(photo[None, :, :, None], f, mode=mode)[0, :, :, 0], f, photo.shape
    )
    for mode in ("max", "avg")
}
plots.show_images(
    [photo, rebuilt["max"], rebuilt["avg"]],
    ["原图", f"{f}x{f} 最大池化后放大回原尺寸", f"{f}x{f} 平均池化后放大回原尺寸"],
    vmin=0,
    vmax=1,
)
plt.show()

# %% [markdown]
# 丢失**随窗口增大而增多**（`f x f` 的窗口在 `f²` 个值中只保留一个），但增长得比窗口本身慢（增长倍数见上面的输出）；而且按这个度量，最大池化比平均池化丢失得更多：在平方误差的意义下，平均值是代表一个窗口的最佳单个值，而最大值偏高（上图更亮）。丢失的细节要不要紧，取决于任务：分类器只需要知道“这里有一张脸”，而*分割*网络（给每个像素都打上标签的网络）需要知道每条边缘在哪里。这就是为什么 U-Net 这样的分割网络要加上*跳跃连接*（skip connection）：它们把每个池化层之前未经池化的特征图，直接交给后面负责重建全尺寸输出的那些层。

# %% [markdown]
# <details><summary><b>延伸阅读</b></summary>
#
# Ronneberger、Fischer 和 Brox（2015），*U-Net: Convolutional Networks for Biomedical Image Segmentation*。
#
# </details>

# %% [markdown]
# ## 4. 过度平滑与噪声
#
# 用生成的图案可以把效果看得一清二楚：一条一个像素宽的亮线，以及一条落在某个池化窗口内部的、暗亮分明的边缘；然后再单独看第 3 节的照片撒上少量明亮的“盐”像素（salt，即盐噪声）之后的情况。

# %%
pattern = np.zeros((16, 16), dtype=np.float32)
pattern[:, 2] = 1.0  # 一条细线，1 个像素宽
pattern[:, 9:] = 1.0  # 一条边缘，落在覆盖第 8、9 列的窗口内部
pooled = {
    mode: pool2d(pattern[None, :, :, None], 2, mode=mode)[0, :, :, 0] for mode in ("max", "avg")
}
LINE_COL, EDGE_COL = 1, 4  # 包含输入第 2–3 列和第 8–9 列的池化列


def grey_cells(column):
    """池化后某一列中，既不是黑色（0）也不是白色（1）的单元格个数。"""
    return int(np.sum((column > 0) & (column < 1)))


line_peak = {mode: float(p[:, LINE_COL].max()) for mode, p in pooled.items()}
line_grey = {mode: grey_cells(p[:, LINE_COL]) for mode, p in pooled.items()}
edge_grey = {mode: grey_cells(p[:, EDGE_COL]) for mode, p in pooled.items()}
print("池化后细线的亮度：", line_peak)
print("细线所在池化列中的灰色单元格数：", line_grey)
print("边缘所在池化列中的灰色单元格数：", edge_grey)
assert line_peak == {"max": 1.0, "avg": 0.5}
assert edge_grey["max"] == line_grey["max"] == 0
assert edge_grey["avg"] == line_grey["avg"] == pooled["avg"].shape[0]  # 整列都是灰色
assert sum(grey_cells(c) for c in pooled["avg"].T) == line_grey["avg"] + edge_grey["avg"]

fig = plots.show_images(
    [pattern, pooled["max"], pooled["avg"]],
    ["细线与边缘，16x16", "2x2 最大池化", "2x2 平均池化"],
    size=2.6,
    vmin=0,
    vmax=1,
)
for ax in fig.axes:  # 加一个边框，免得边界上的白色单元格和页面背景融为一体
    ax.set_axis_on()
    ax.set_xticks([])
    ax.set_yticks([])
plt.show()

# %% [markdown]
# 平均池化让细线的亮度减半，并把边缘变成一列灰色（细线池化后所在的那一列同样是灰色，原因相同）：这就是原文所警告的「特征图的过度平滑」。最大池化让细线保持满亮度，边缘也保持锐利（只是移到了窗口的边界上）。但噪声一来，就显出了另一面。给照片加上 2% 的盐噪声，再做 2x2 池化：

# %%
SALT = 0.02
noisy = data.salt_noise(photo, SALT, seed=0)
salt_effect = {}
for mode in ("max", "avg"):
    clean_pooled = pool2d(photo[None, :, :, None], 2, mode=mode)[0, :, :, 0]
    noisy_pooled = pool2d(noisy[None, :, :, None], 2, mode=mode)[0, :, :, 0]
    error = np.abs(noisy_pooled - clean_pooled)
    salt_effect[mode] = {
        "cells hit": float(np.mean(error > 0.25)),
        "mean error": float(error.mean()),
    }
n_salted = int(np.sum(noisy != photo))
n_pooled = photo.size // 4  # 2x2 池化每 4 个像素只保留一个单元格
print(f"输入中的盐噪声像素：{photo.size:,} 个中有 {n_salted:,} 个（{n_salted / photo.size:.2%}）")
for mode, effect in salt_effect.items():
    n_hit = round(effect["cells hit"] * n_pooled)
    print(
        f"{mode}：{n_pooled:,} 个池化单元格中有 {n_hit:,} 个（{effect['cells hit']:.2%}）"
        f"偏差超过 0.25，平均误差 {effect['mean error']:.4f}"
    )
assert salt_effect["max"]["mean error"] > 2 * salt_effect["avg"]["mean error"]
assert salt_effect["max"]["cells hit"] > 3 * SALT > salt_effect["avg"]["cells hit"]
assert salt_effect["max"]["cells hit"] * n_pooled < n_salted  # 受影响的单元格更少，但占比更大

crop = (slice(150, 350), slice(150, 350))
plots.show_images(
    [
        noisy[crop],
        pool2d(noisy[crop][None, :, :, None], 2)[0, :, :, 0],
        pool2d(noisy[crop][None, :, :, None], 2, mode="avg")[0, :, :, 0],
    ],
    ["2% 盐噪声（局部）", "2x2 最大池化", "2x2 平均池化"],
    vmin=0,
    vmax=1,
)
plt.show()

# %% [markdown]
# 最大池化把每一个盐噪声像素都以满强度传了下去。池化后特征图的单元格数只有输入像素数的四分之一，所以受严重影响的单元格数比被撒上盐的像素数略*少*（见上面的计数）；但由于每个输出单元格要看四个输入像素，受严重影响的单元格所占的*比例*是被撒盐像素所占比例的三倍多。平均池化则把每个离群值除以四：一个盐噪声像素最多只能让 2x2 的平均值变化 0.25，所以只有包含两个或更多盐噪声像素的窗口才会越过这条线。原文所说的“特征选择”（「最大池化选择最显著的特征」），选出的其实是最亮的东西，不管它是特征还是噪声。
#
# ## 5. 超参数：一次小规模扫描，诚实地解读
#
# 窗口大小、步幅、用最大还是平均，或者干脆不用池化层：这些选择都是*超参数*，即由搭建网络的人选定的设置（训练不会学习它们）。对我们的任务来说，这些选择的影响有多大？下面是每种配置在 256 张测试图像上的准确率（表头沿用代码中的英文：configuration 即配置，seed 即随机种子）：

# %% tags=["nbval-ignore-output"]
GRID = ("max", "max 3/2", "max 4/4", "avg", "strided", "allconv", "maxblur", "none")
print(f"{'configuration':<14}" + "".join(f"{f'seed {s}':>8}" for s in SEEDS))
for name in GRID:
    print(f"{name:<14}" + "".join(f"{runs[name, s].test_accuracy:>8.2f}" for s in SEEDS))
best_per_seed = {s: max(GRID, key=lambda n: runs[n, s].test_accuracy) for s in SEEDS}
print("最准确的配置：", best_per_seed)

fig, ax = plt.subplots(figsize=(8, 3))
for i, name in enumerate(GRID):
    ax.plot([i] * len(SEEDS), [runs[name, s].test_accuracy for s in SEEDS], "o-", color="C0")
ax.set_xticks(range(len(GRID)), GRID)
ax.set_ylabel(f"测试准确率（{seeds_label}）")
ax.set_ylim(0, 1)
ax.axhline(1 / len(CLASSES), ls=":", color="grey", label="随机猜测")
ax.legend()
plt.show()

# %%
config_spread = max(accuracy[n] for n in GRID) - min(accuracy[n] for n in GRID)
assert all(accuracy[n] > 2 / len(CLASSES) for n in GRID)  # 每个网络都学会了这个任务
assert accuracy["max 4/4"] < accuracy["max"] and accuracy["strided"] < accuracy["max"]
print("每种配置都学会了这个任务（准确率远高于随机猜测）；")
print("与 2x2 最大池化相比，4x4 窗口和带步幅的卷积（strided）准确率更低")

# %% [markdown]
# 只凭一个随机种子很难下结论。`benchmarks/bench_seeds.py` 用随机种子 0 到 7 重新运行本 notebook，并打印出下面两张表（在双核 CPU 上测得；换一台机器，最后几位数字可能不同）。随机种子 0 就是上面那次运行。测试准确率：
#
# | 随机种子 | `max` | `max 3/2` | `max 4/4` | `avg` | `strided` | `allconv` | `maxblur` | `none` |
# |---|---|---|---|---|---|---|---|---|
# | 0 | 0.87 | 0.95 | 0.62 | 0.79 | 0.75 | 0.91 | 0.85 | 0.86 |
# | 1 | 0.85 | 0.92 | 0.75 | 0.76 | 0.70 | 0.92 | 0.88 | 0.87 |
# | 2 | 0.79 | 0.86 | 0.76 | 0.74 | 0.62 | 0.85 | 0.80 | 0.76 |
# | 3 | 0.78 | 0.80 | 0.69 | 0.74 | 0.70 | 0.75 | 0.74 | 0.87 |
# | 4 | 0.81 | 0.84 | 0.56 | 0.76 | 0.66 | 0.78 | 0.75 | 0.79 |
# | 5 | 0.85 | 0.91 | 0.77 | 0.78 | 0.72 | 0.96 | 0.83 | 0.86 |
# | 6 | 0.82 | 0.88 | 0.74 | 0.69 | 0.70 | 0.86 | 0.81 | 0.78 |
# | 7 | 0.81 | 0.86 | 0.63 | 0.67 | 0.73 | 0.85 | 0.75 | 0.92 |
#
# 一致性，对 1 到 6 个像素的平移取平均（第 2b 节）：
#
# | 随机种子 | `none` | `max` | `avg` | `strided` | `maxblur` | `allconv` |
# |---|---|---|---|---|---|---|
# | 0 | 0.63 | 0.71 | 0.76 | 0.64 | 0.84 | 0.80 |
# | 1 | 0.67 | 0.71 | 0.71 | 0.60 | 0.81 | 0.86 |
# | 2 | 0.58 | 0.73 | 0.73 | 0.61 | 0.84 | 0.84 |
# | 3 | 0.66 | 0.71 | 0.70 | 0.64 | 0.71 | 0.76 |
# | 4 | 0.59 | 0.73 | 0.73 | 0.57 | 0.78 | 0.72 |
# | 5 | 0.70 | 0.82 | 0.77 | 0.68 | 0.84 | 0.84 |
# | 6 | 0.64 | 0.71 | 0.67 | 0.60 | 0.76 | 0.84 |
# | 7 | 0.76 | 0.77 | 0.80 | 0.64 | 0.88 | 0.84 |
#
# 在全部八个随机种子上，每种配置都学会了这个任务，4x4 窗口和 `strided` 的准确率都低于 2x2 最大池化，最大池化的一致性也都高于不池化；抗混叠最大池化的一致性在其中七个随机种子上还要更高，在随机种子 3 上两者四舍五入后同为 0.71。其余的结果则随随机种子而变。
#
# 从这样的扫描中该得出什么：好几种配置的结果相差无几，而且**单是随机种子就能改变一种配置的准确率**，变化幅度与许多配置之间的差异相当；最准确的配置也随随机种子而变。只有几个随机种子、4 个迭代周期和 256 张测试图像，我们无法给如此接近的配置排出名次，只能看到较大的效应（例如很大的 4x4 窗口，或者带步幅的卷积：`strided` 的两个卷积都每次移动 2 个像素；步幅为 2 的 3x3 窗口虽然仍会读到每个像素，但只在四分之一的位置上计算输出，这在 32x32 的小输入上可能损失准确率）。Springenberg 等人发现，在 CIFAR（一个由 32x32 的小幅彩色照片组成的基准数据集）上，可学习的带步幅卷积（`allconv`）可以替代池化而不损失准确率。在我们的实验中，它属于最准确的几种之一，但并没有明显胜过最好的池化。而且这也不是同等条件下的替换：它在每个卷积块之后增加了一个卷积层，连同这一层的参数和乘加运算（第 2b 节已打印），而我们没有训练一个加上这一层、同时保留池化的对照组。正如原文所说，调参确实要花功夫（「这可能很耗时」）；步幅为 2 的 2x2 窗口是一个可靠的默认选择，条件允许时值得试试可学习的下采样，而解读扫描结果时，必须把其中的噪声考虑进去。
#
# ## 6. 总结：原文的说法与测量结果对照
#
# 下表由上面计算出的变量生成（没有任何手工填写的数字）。来自训练的数字在不同机器上会略有差异，所以检查 notebook 时不比较这张表的输出；它后面的单元格会逐条断言表中的每个结论。


# %% tags=["nbval-ignore-output"]
# nbval 不比较这个单元格：表中含有依赖训练结果的数字（而且 nbval 反正也只会看到
# "<IPython.core.display.Markdown object>"）。下一个单元格会断言每一条结论。
def pct(value):
    return f"{value:.0%}"


claims = [
    (
        "降维：降低计算成本，减少模型中的参数数量",
        f"不池化与 2x2 最大池化相比：乘加次数 {madd_ratio:.1f} 倍，激活值 {memory_ratio:.1f} 倍，"
        f"参数 {param_ratio:.1f} 倍——但池化层本身只有 0 个参数；省下的参数在其后的全连接层"
        f"（占不池化网络全部参数的 {pct(dense_share)}）",
        "成立（参数：只是间接减少）",
    ),
    (
        "……从而帮助避免过度拟合",
        f"训练 / 测试准确率：不池化 {pct(train_accuracy['none'])} / "
        f"{pct(accuracy['none'])}，最大池化 {pct(train_accuracy['max'])} / {pct(accuracy['max'])}",
        "部分成立（差距变小，但没有保证）",
    ),
    (
        "平移不变性：图像中物体的位置不会影响分类结果",
        f"平移 1 个像素后，最大池化输出中有 {pct(max_in_place_1)} 保持不变，平移 2 个像素后为 "
        f"{pct(unchanged['max', False][2])}；训练后的网络在平移 "
        f"{SHIFT_RANGE[-1]} 个像素时的一致性：最大池化 {pct(consistency['max'][-1])}，"
        f"抗混叠池化 {pct(consistency['maxblur'][-1])}，不池化 {pct(consistency['none'][-1])}，"
        f"可学习的下采样（allconv）{pct(consistency['allconv'][-1])}",
        "言过其实（不变性只是部分的，可以测量）",
    ),
    (
        "特征选择：最大池化选择最显著的特征",
        f"2x2 池化后细线的亮度：最大池化 {line_peak['max']:.1f}，平均池化 {line_peak['avg']:.1f}；"
        f"但最大池化会把盐噪声传下去：{pct(SALT)} 的盐噪声使 "
        f"{pct(salt_effect['max']['cells hit'])} 的池化单元格偏差超过 0.25（平均池化：{salt_effect['avg']['cells hit']:.1%}）",
        "部分成立（噪声同样显著）",
    ),
    (
        "信息丢失",
        f"池化再放大后的 RMSE，f = {POOL_SIZES[0]} → {POOL_SIZES[-1]}：最大池化 "
        f"{rmse['max'][0]:.3f} → {rmse['max'][-1]:.3f}，平均池化 {rmse['avg'][0]:.3f} → "
        f"{rmse['avg'][-1]:.3f}",
        "成立（随窗口增大而增多）",
    ),
    (
        "过度平滑",
        f"平均池化让细线亮度减半（{line_peak['avg']:.1f}），并把边缘变灰（池化后该列有 "
        f"{edge_grey['avg']} 个灰色单元格）；最大池化：{edge_grey['max']} 个",
        "对平均池化成立",
    ),
    (
        "超参数需要调整",
        f"{len(GRID)} 种配置的测试准确率最高与最低相差 {config_spread:.2f}"
        f"（{seeds_label}）；在八个随机种子上（第 5 节），单是随机种子就会改变每种配置的结果，"
        "最准确的配置也随之改变",
        "部分成立（默认设置就够用；解读扫描结果要考虑噪声）",
    ),
]
table = "| 原文的说法 | 本课的测量结果 | 结论 |\n|---|---|---|\n"
table += "\n".join(f"| {c} | {e} | {v} |" for c, e, v in claims)
display(Markdown(table))

# %%
# 表中的每条结论，以及支持它的不等式。
overfit_gap = {name: train_accuracy[name] - accuracy[name] for name in ("none", "max")}
verdicts = {
    "dimension reduction holds, parameters only indirectly": (
        madd_ratio > 1 and memory_ratio > 1 and param_ratio > 1 and pool_params == [0, 0]
    ),
    "overfitting: a smaller train/test gap with pooling": overfit_gap["none"] > overfit_gap["max"],
    "invariance overstated": 0 < max_in_place_1 < 1
    and all(v[-1] < 0.95 for v in consistency.values()),
    "feature selection holds partly": (
        line_peak["max"] > line_peak["avg"]
        and salt_effect["max"]["cells hit"] > salt_effect["avg"]["cells hit"]
    ),
    "information loss grows with the window": rmse["max"] == sorted(rmse["max"]),
    "over-smoothing by average pooling": edge_grey["avg"] > edge_grey["max"] == 0,
    "hyperparameters: the choice matters": config_spread > 0.1,
}
assert all(verdicts.values()), [k for k, ok in verdicts.items() if not ok]
print(f"表中的 {len(verdicts)} 条结论全部成立")

# %% [markdown]
# ### 何时选用哪种池化
#
# - **分类器，默认选择：** 每个卷积块之后接步幅为 2 的 2x2 最大池化；最后用全局平均池化（第 5 课），而不是展平。
# - **物体会移动，而答案不能来回跳变：** 抗混叠池化（先模糊再隔点采样，第 7 课），再加上训练图像的平移副本；在我们的小实验中，可学习的带步幅卷积效果还要更好，代价是网络更大。
# - **输入有噪声、带有明亮的离群值，或者需要平滑的数值（回归，即预测一个数而不是一个类别；纹理）：** 平均池化——它把离群值除以窗口大小。
# - **细、稀疏而明亮的特征（边缘、笔画、检测结果）：** 最大池化——求平均会把它们冲淡。
# - **精细的空间细节很重要（分割，或定位眼角这类关键点）：** 少做池化，并把未经池化的特征图传下去（跳跃连接），或者使用能学会该保留什么的带步幅卷积。
# - **想让网络学会自己的下采样方式：** 带步幅的卷积（参数更多，没有固定的规则）——在你自己的数据上、用多个随机种子，把它和池化比较一下。
#
# ## 小结
#
# - 池化层没有参数；它减少的是激活内存，以及它后面各层的计算量和参数。
# - 步幅为 2 的 2x2 最大池化能吸收一部分一个像素的平移（在随机特征图上约为三分之一的输出），并且只对偶数平移严格等变。在我们的小实验中（一个随机种子、4 个迭代周期、320 张训练图像和 256 张测试图像；八个随机种子上结论相同），带最大池化的训练网络在小平移下保持答案的频率高于不带池化的网络（后者庞大的 `Flatten` 分类头可能也难辞其咎），抗混叠的网络还要更高；可学习的带步幅卷积也比最大池化表现更好，八个随机种子中有七个如此（代价是多一层、参数更多）。这里没有一个网络能无视位置。
# - 池化丢失的信息随窗口增大而增多，但增长得比窗口慢（第 3 节打印了增长倍数）；平均池化按平方误差计丢失得更少，却会模糊细线和边缘；最大池化保住了它们，却也把离群值传了下去。
# - 在小任务上做超参数扫描，结果噪声很大：最准确的配置随随机种子而变；要报告不同随机种子之间的波动范围。
#
# ## 自测
#
# 练习在 [`exercises/zh/ex06_tradeoffs.ipynb`](../../exercises/zh/ex06_tradeoffs.ipynb) 中：
#
# - **6.1** 先预测，再测量：平移一个像素后，最大池化输出中保持不变的比例。
# - **6.2** 池化后的批量比输入小多少 MiB：也就是池化之后的各层少接收、少保留了多少数据。
# - **6.3–6.5** 为描述的情境选择池化方式（夜空中的星星、卫星图像上的反光、在大小受限时答案来回跳变）；每个选项都附有解释。
#
# 最后一个单元格打印本 notebook 的运行时间（上次测量时，在空闲的双核 CPU 上约为 25 秒）。

# %% tags=["nbval-ignore-output"]
print(f"notebook 运行时间：{time.perf_counter() - START:.0f} 秒")
