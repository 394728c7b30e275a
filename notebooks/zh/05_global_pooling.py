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
# # 第 5 课 — 全局池化与分类头
#
# **全局池化**（global pooling）把池化窗口推到了极限：只用一个窗口覆盖整张[特征图](00_start_here.ipynb#nn-conv2d)（feature map），于是每个通道（channel）都变成一个数。大多数现代图像分类器正是靠它把最后的特征图变成一个向量，交给最后一层。（*分类器*（classifier）是为每张图像输出一个类别（例如“猫”或“狗”）的网络。这里用到的关于网络的术语，如[层](00_start_here.ipynb#nn-network)、[`Conv2D`](00_start_here.ipynb#nn-conv2d)、[`Dense`](00_start_here.ipynb#nn-dense)、[训练](00_start_here.ipynb#nn-training)……，都在第 0 课中讲过，并在首次出现处附有链接。）
#
# 学完本课，你将能够：
#
# 1. 计算一张特征图的全局最大池化（global max pooling）和全局平均池化（global average pooling，GAP），并说出它们作用于批量 `(N, H, W, C)` 时得到的形状（带或不带 `keepdims`），并确认结果与 Keras 的 `GlobalMaxPooling2D` / `GlobalAveragePooling2D` 一致；
# 2. 说明全局平均池化就是窗口与特征图一样大的平均池化；
# 3. 说出二者各自对什么敏感：一个强响应点，还是分布在整张图上的证据；
# 4. 计算分类头（classifier head）在使用和不使用全局池化时的参数量；
# 5. 解释为什么采用全局池化分类头的网络能接受任意尺寸的图像；
# 6. 从训练好的网络计算**类激活图**，并看出网络“看”的是哪里。
#
# 下一个单元格导入 Keras，即本课程用来搭建和训练网络的深度学习库；第 5 节会训练一个小网络。
#
# **用时**：约 40 分钟，练习另需约 40 分钟。整个 notebook（含一次小规模训练）在双核 CPU 上运行约 20 秒。**预备知识**：第 3 课和第 4 课。

# %%
import matplotlib.pyplot as plt
import numpy as np

import course_lib
from course_lib.frameworks import import_keras
from course_lib.lab import data
from course_lib.lab.experiments import initial_weights
from course_lib.pooling import global_pool2d, pool2d
from course_lib.viz import plots

course_lib.set_language("zh")  # 课程库的提示与反馈使用中文
keras = import_keras()  # 除非你另选了后端，否则是以 JAX 为后端、在 CPU 上运行的 Keras
print("Keras 后端：", keras.backend.backend())

# %% [markdown]
# ## 1. 一个窗口覆盖整张特征图
#
# 在原文《【小白深度学习入门】【2】池化层详解：工作原理、维度计算、池化类型》的 4x4 例子上，全局最大池化给出这 16 个数中最大的那个，全局平均池化给出它们的平均值：

# %%
article = np.array([[2, 2, 7, 3], [9, 4, 6, 1], [8, 5, 2, 4], [3, 1, 2, 6]])
batch = article[None, :, :, None].astype(np.float32)  # (N, H, W, C) = (1, 4, 4, 1)

gmax = global_pool2d(batch, "max")
gavg = global_pool2d(batch, "avg")
print("全局最大池化：", gmax, "形状", gmax.shape)
print("全局平均池化：", gavg, "形状", gavg.shape)
assert gmax[0, 0] == 9 and gavg[0, 0] == 4.0625  # 65 / 16

# %% [markdown]
# 这正是原文的结果 9.0 和 4.0625（原文输出为“gm_输出:9.0”“ga_输出:4.0625”；16 个数之和为 65，而 65 / 16 = 4.0625）。`global_pool2d` 是本课程的参考实现，位于 `course_lib.pooling`。注意形状：高和宽两个轴没有了，`(N, H, W, C)` 变成了 `(N, C)`。若设置 `keepdims=True`，这两个轴会保留下来，大小为 1；当结果仍需保持特征图的样子时，这很方便：

# %%
print(global_pool2d(batch, "avg", keepdims=True).shape)

# %% [markdown]
# 对单张二维特征图，全局池化只需调用一次 NumPy：取它的最大值，或取它的平均值。

# %%
one_map = article.astype(np.float32)  # 就是那张 4x4 特征图本身，形状为 (4, 4)
print("单张特征图：", one_map.max(), one_map.mean())
assert one_map.max() == gmax[0, 0] and one_map.mean() == gavg[0, 0]

# %% [markdown]
# 在批量 `(N, H, W, C)` 中，每个样本的每个通道各自被归约为一个数，总共得到 `N · C` 个数。（练习 5.1 要求你只调用一次 NumPy，对整个批量完成这一操作。）Keras 的层也是这样做的。下面在一个含多个样本、多个通道的批量上，把它们与课程的 `global_pool2d` 作比较：

# %%
rng = np.random.default_rng(0)
x = rng.normal(size=(4, 7, 5, 3)).astype(np.float32)

keras_max = np.asarray(keras.layers.GlobalMaxPooling2D()(x))
keras_avg = np.asarray(keras.layers.GlobalAveragePooling2D()(x))
keras_avg_kept = np.asarray(keras.layers.GlobalAveragePooling2D(keepdims=True)(x))
np.testing.assert_array_equal(keras_max, global_pool2d(x, "max"))
np.testing.assert_allclose(keras_avg, global_pool2d(x, "avg"), rtol=1e-6, atol=1e-6)
np.testing.assert_allclose(
    keras_avg_kept, global_pool2d(x, "avg", keepdims=True), rtol=1e-6, atol=1e-6
)
print("输入", x.shape, "-> GlobalMaxPooling2D", keras_max.shape)
print("输入", x.shape, "-> GlobalAveragePooling2D(keepdims=True)", keras_avg_kept.shape)

# %% [markdown]
# ### 全局平均池化就是窗口与特征图一样大的平均池化
#
# 取第 4 课的平均池化，令 `pool_size = (H, W)`：这时恰好只有一个窗口，输出形状为 `(N, 1, 1, C)`，数值与带 `keepdims` 的全局平均池化完全相同。

# %%
full_window = pool2d(x, pool_size=(7, 5), mode="avg")
print(full_window.shape)
np.testing.assert_allclose(
    full_window, global_pool2d(x, "avg", keepdims=True), rtol=1e-6, atol=1e-6
)
np.testing.assert_array_equal(pool2d(x, (7, 5)), global_pool2d(x, "max", keepdims=True))

# %% [markdown]
# 两者的区别只在于是否方便：全局池化层不需要知道 `H` 和 `W`。后面会看到，这一点非常重要（第 4 节）。
#
# ## 2. 全局最大还是全局平均：各自对什么敏感？
#
# 把最后一层特征图的一个通道看作一个检测器，比如“车轮”检测器，它的特征图就是这个检测器在各个位置上的响应。来看 8x8 特征图上的三种情形：

# %%
one_spot = np.zeros((8, 8))
one_spot[2, 5] = 1.0  # 单个强响应
spread = np.full((8, 8), 0.25)  # 处处都有微弱的证据
spread_plus_spike = spread.copy()
spread_plus_spike[6, 1] = 1.0  # 同上，再加一个离群值
maps = {  # 三个名字也是图的标题：单个强响应点、分散的证据、分散的证据加一个尖峰
    "one strong spot": one_spot,
    "spread evidence": spread,
    "spread + one spike": spread_plus_spike,
}

fig = plots.show_images(list(maps.values()), list(maps), vmin=0, vmax=1, size=2.5)
plt.show()

print(f"{'特征图':17s}   全局最大        全局平均")
for name, m in maps.items():
    b = m[None, :, :, None]
    print(f"{name:20s} {global_pool2d(b, 'max')[0, 0]:10.3f} {global_pool2d(b, 'avg')[0, 0]:15.3f}")

# %% [markdown]
# * **全局最大池化**问的是“这个特征是否在*任何地方*出现过？”。一个强响应点（“one strong spot”）就给出 1.0，分散的证据（“spread evidence”）只得到 0.25，而单个尖峰就足以让结果跳到 1.0。
# * **全局平均池化**问的是“特征图上有多大一部分呈现了这个特征？”。单个强响应点被稀释为 1/64 ≈ 0.016；分散的证据保持 0.25；尖峰几乎不改变结果。
#
# 第 3 课和第 4 课讲的反向传播，在训练中也说明了同样的道理（[梯度](00_start_here.ipynb#nn-gradient)（gradient）表示每个值应该变化多少才能降低损失（loss）；[反向传播](00_start_here.ipynb#nn-backprop)（backward pass）把梯度一层一层地往回传）。全局最大池化把每个通道的梯度只送给*一个*单元格，因此网络只从最有说服力的那一个位置学习。全局平均池化把梯度的 `1/(H·W)` 送给*每一个*单元格，因此物体所在的每个位置都有贡献。这是分类头通常选用全局平均池化的原因之一；Zhou 等人（见第 5 节的“延伸阅读”）认为，它还有助于让第 5 节的类激活图覆盖物体的整个范围，而不只是一个点（不过也请看看那里的十字形是什么情况）。
#
# ## 3. 分类头：使用和不使用全局池化时的参数量
#
# 一个分类网络最后得到一张特征图，例如 7x7 个位置、512 个通道（这是知名分类器 VGG-16 在 224x224 图像上最后一张特征图的大小），而它必须为每个类别给出一个分数（例如 ImageNet 有 1000 个类别，它是一个包含 130 万张照片的基准数据集）。有两种方式把二者连接起来：
#
# * **Flatten + Dense**：把 7·7·512 个数展平（flatten）成一个向量，再把其中每一个数都与每个类别相连；
# * **GlobalAveragePooling2D + Dense**：先把每个通道平均成一个数，再把这 512 个平均值与每个类别相连。
#
# 用 Keras 数一数[参数](00_start_here.ipynb#nn-weights)（parameter，即学到的数：权重和偏置）的个数（对每层调用 `count_params()`）：

# %%
features = keras.Input(shape=(7, 7, 512))
count_only = dict(kernel_initializer="zeros")  # 这里只数权重的个数，权重的值无关紧要
heads = {
    "Flatten + Dense": keras.Sequential(
        [features, keras.layers.Flatten(), keras.layers.Dense(1000, **count_only)]
    ),
    "GAP + Dense": keras.Sequential(
        [features, keras.layers.GlobalAveragePooling2D(), keras.layers.Dense(1000, **count_only)]
    ),
}
counts = {}
for name, head in heads.items():
    per_layer = [f"{type(layer).__name__} {layer.count_params():,}" for layer in head.layers]
    counts[name] = head.count_params()
    print(f"{name:16s} {counts[name]:>12,} 个参数   （{', '.join(per_layer)}）")

assert counts["Flatten + Dense"] == 7 * 7 * 512 * 1000 + 1000
assert counts["GAP + Dense"] == 512 * 1000 + 1000
print(f"比值：{counts['Flatten + Dense'] / counts['GAP + Dense']:.1f}")

# %% [markdown]
# 池化层本身的参数是 **0** 个。它们所做的，是把 `Dense` 层的输入从 25,088 个数缩减到 512 个，全连接层的权重也随之减少约 49 倍（7·7）：从 2500 万个参数降到 50 万个。这就是原文所说的池化层「减少了需要学习的参数数量」的含义：池化本身什么也不学，它让*下一*层变小。分类头的参数更少，也意味着网络死记训练图像的余地更小（这叫*过拟合*（overfitting）：在训练图像上表现很好，在新图像上却差一些）。
#
# 丢掉位置信息会损失准确率（accuracy）吗？在图像分类上，通常不会，或者只损失很少：提出全局平均池化分类头的那篇论文报告说，在一个标准基准数据集上，它的测试误差与全连接分类头一样低，甚至更低，而参数却少得多；后来的大多数分类器也都采用了它。但 GAP 丢弃了每个特征出现在图像中的*位置*。当答案取决于绝对位置时（物体在左边还是右边？肿瘤在上半部分吗？），对所有位置求平均可能会损失准确率，这时保留位置的分类头（`Flatten`，或较小的池化）才是更好的选择。第 6 课会测量池化与位置之间的相互影响。

# %% [markdown]
# <details><summary><b>延伸阅读</b></summary>
#
# - Lin, Chen & Yan (2013), *Network In Network*：提出了全局平均池化分类头，并在 CIFAR-10 上将其测试误差与全连接分类头作了比较（CIFAR-10 是一个基准数据集，由 10 个类别的 32x32 彩色小照片组成）。该文还认为 GAP 起到了正则化（regulariser）的作用（即能减轻过拟合）。
# - He, Zhang, Ren & Sun (2016), *Deep Residual Learning for Image Recognition*（ResNet）：后来一个采用 GAP 分类头的分类器。
# - Simonyan & Zisserman (2015), *Very Deep Convolutional Networks for Large-Scale Image Recognition*（VGG-16，采用 `Flatten` + `Dense` 分类头）。
#
# </details>

# %% [markdown]
#
# ## 4. 全局池化分类头能接受任意尺寸的输入
#
# `Dense` 需要固定长度的输入。经过 `Flatten` 后，这个长度是 `H·W·C`，会随图像尺寸而变；经过全局池化后则是 `C`，不论 `H` 和 `W` 是多少。下面是一个带 GAP 分类头的小型卷积网络，它的输入高和宽都不固定，形状写作 `(None, None, 1)`。（下一节就会训练这个网络。）


# %%
def make_gap_net(n_classes=3, seed=0):
    """三个卷积层（中间有一次最大池化），再接一个全局平均池化分类头。"""
    conv = dict(padding="same", activation="relu", kernel_initializer="zeros")
    inputs = keras.Input(shape=(None, None, 1))  # 高和宽不固定
    h = keras.layers.Conv2D(8, 3, **conv)(inputs)
    h = keras.layers.MaxPooling2D(2)(h)
    h = keras.layers.Conv2D(16, 3, **conv)(h)
    h = keras.layers.Conv2D(16, 3, name="features", **conv)(h)
    h = keras.layers.GlobalAveragePooling2D()(h)
    outputs = keras.layers.Dense(
        n_classes, activation="softmax", name="classifier", kernel_initializer="zeros"
    )(h)
    net = keras.Model(inputs, outputs)
    net.set_weights(initial_weights(net, seed))  # 用 NumPy 抽取的随机初始权重
    return net


net = make_gap_net()
for height, width in [(32, 32), (48, 64)]:
    images = np.zeros((2, height, width, 1), dtype=np.float32)
    print(f"输入 {images.shape} -> 输出 {tuple(net(images).shape)}")

# %% [markdown]
# 网络从随机权重出发，再由训练来调整。`make_gap_net` 先用零创建各层，再用 `initial_weights`（来自 `course_lib.lab`）根据随机种子（seed）抽取初始权重：用的是 Keras 默认的规则（每层的主权重，即 Keras 所说的 kernel，在 ± 某个界限之间均匀抽取，这个界限由该层的输入数和输出数决定；偏置为 0），只不过改用 NumPy 来抽取。Keras 本可以自己抽取，但在 JAX 上，它每遇到一种新的权重形状，都要先编译一次随机数生成器，这在 CPU 上很慢；此外，NumPy 在每台机器上都给出相同的数。
#
# 同样的权重，两种图像尺寸，输出的形状都是 `(N, 3)`。而采用 `Flatten` 分类头的网络，只能接受构建它时所用的尺寸：

# %%
flat_net = keras.Sequential(  # 这里只关心它的形状，所以权重保持为零
    [
        keras.Input(shape=(32, 32, 1)),
        keras.layers.Conv2D(8, 3, padding="same", activation="relu", kernel_initializer="zeros"),
        keras.layers.MaxPooling2D(2),
        keras.layers.Flatten(),
        keras.layers.Dense(3, kernel_initializer="zeros"),
    ]
)
try:
    flat_net(np.zeros((1, 48, 64, 1), dtype=np.float32))
    refused = False
except ValueError:  # Keras 的报错信息会指出哪里不匹配：期望 2048，收到 6144
    refused = True
assert refused
print("Keras 拒绝了这张 48x64 的图像，抛出 ValueError。")
print("Dense 层需要 16*16*8 =", 16 * 16 * 8, "个输入；而 48x64 的图像给出 24*32*8 =", 24 * 32 * 8)

# %% [markdown]
# ## 5. 类激活图：网络看的是哪里？
#
# GAP 分类头有一个了不起的副作用。全连接层为每个类别计算一个分数，[softmax](00_start_here.ipynb#nn-softmax) 函数再把这些分数变成概率（和为 1 的正数；预测类别就是概率最大的那个）。类别 `c` 的分数为
#
# `score_c = b_c + Σ_k W[k, c] · mean(A_k)`，
#
# 其中 `A_k` 是通道 `k` 的最后一层特征图，`W[k, c]` 是全连接层的权重。求平均和加权求和都是线性运算，所以两者可以交换次序：
#
# `score_c = b_c + mean( Σ_k W[k, c] · A_k ) = b_c + mean(CAM_c)`。
#
# `CAM_c = Σ_k W[k, c] · A_k` 是一张图，每个位置一个数：这就是**类激活图**（class activation map，CAM）。类别 `c` 的分数就是它的平均值，所以 `CAM_c` 显示了每个位置对判为 `c` 这一决策贡献了多少。

# %% [markdown]
# <details><summary><b>延伸阅读</b></summary>
#
# Zhou, Khosla, Lapedriza, Oliva & Torralba (2016), *Learning Deep Features for Discriminative Localization*：类激活图。
#
# </details>

# %% [markdown]
#
# 下面在生成的图像（`course_lib.lab.data.make_shapes`）上训练上面的网络：白色的圆（`"circle"`）、十字（`"cross"`）和 X 形（`"x"`），位置随机，并带有噪声。随机种子固定了一切，所以这次训练可以重复：`SEED` 固定了初始权重以及图像的呈现顺序，本节末尾会说明换一个种子会有什么变化。训练过程简述如下（参见[第 0 课](00_start_here.ipynb#nn-training)）：*优化器*（optimizer，这里是 Adam）调整权重以降低[损失](00_start_here.ipynb#nn-loss)（交叉熵：网络给正确类别的概率越高，它就越小），每次处理一个 32 张图像的*批量*（batch）；一个*迭代周期*（epoch）是把 600 张训练图像完整过一遍；`fit` 运行 6 个迭代周期，`verbose=0` 让它不输出信息。*准确率*是预测类别正确的图像所占的比例。

# %%
classes = ("circle", "cross", "x")
x_train, y_train = data.make_shapes(600, size=32, classes=classes, seed=0)
x_test, y_test, centres = data.make_shapes(
    300, size=32, classes=classes, seed=1, return_positions=True
)
fig = plots.show_images(
    [x_train[i, :, :, 0] for i in range(6)], [classes[y] for y in y_train[:6]], size=1.8
)
plt.show()

# %%
SEED = 0
keras.utils.set_random_seed(SEED)  # 固定各批量的顺序
net = make_gap_net(len(classes), seed=SEED)
net.compile(
    optimizer=keras.optimizers.Adam(learning_rate=3e-3),
    loss="sparse_categorical_crossentropy",
    metrics=["accuracy"],
)
net.fit(x_train, y_train, epochs=6, batch_size=32, verbose=0)
_, test_accuracy = net.evaluate(x_test, y_test, verbose=0)
assert test_accuracy >= 0.9
print("在 300 张新测试图像上的准确率：至少 0.9")

# %% [markdown]
# （不同机器上准确率的最后几位可能不同，所以 notebook 检查的是一个阈值，而不把它打印出来。你可以自己试试 `print(test_accuracy)`。）
#
# 现在来算类激活图。我们需要最后一层特征图 `A`（用第二个模型取得，它在名为 `"features"` 的层处停下）以及全连接层的权重 `W` 和偏置 `b`：

# %%
feature_model = keras.Model(net.input, net.get_layer("features").output)
A = np.asarray(feature_model(x_test))  # (300, 16, 16, 16)：16x16 个位置，16 个通道
W, b = net.get_layer("classifier").get_weights()  # W: (16, 3), b: (3,)
# 对每张图像、每个位置和每个类别 c：对通道 k 求 A[..., k] * W[k, c] 之和。
cams = A @ W  # (300, 16, 16, 3)：每张图像、每个类别各一张 CAM
print("特征图", A.shape, "-> 类激活图", cams.shape)

# %% [markdown]
# 验证上面的恒等式：每张 CAM 的平均值加上偏置就是分数，而分数的 softmax 恰好就是网络输出的概率。

# %%
scores = cams.mean(axis=(1, 2)) + b
probabilities = np.asarray(keras.ops.softmax(scores))
np.testing.assert_allclose(probabilities, np.asarray(net(x_test)), atol=1e-5)
print("softmax(mean(CAM) + b) == 网络的输出，对全部", len(x_test), "张测试图像都成立")

# %% [markdown]
# 在几张测试图像上叠加画出预测类别的 CAM。每个 CAM 单元格画在一个 2x2 的像素块上（网络做过一次池化）。颜色以 0 为中心：红色单元格推高了预测类别的分数，蓝色单元格压低了它，白色单元格则不起作用。不同类别的图取值范围相差很大，所以每个子图都有自己的色标：请对照旁边的颜色条读数。虚线方框是形状的边界框：以形状的中心（`make_shapes` 返回了每个形状的中心）为基准，沿每个轴各加减它的半径 `32 // 5 = 6` 个像素。

# %%
predicted = probabilities.argmax(axis=1)
shown = [int(np.flatnonzero(y_test == c)[k]) for c in range(len(classes)) for k in range(2)]
radius = 32 // 5
pixel_extent = (-0.5, 31.5, 31.5, -0.5)  # 把 16x16 的 CAM 拉伸到 32x32 个像素上

fig, axes = plt.subplots(1, len(shown), figsize=(2.9 * len(shown), 2.9))
for ax, i in zip(axes, shown, strict=True):
    cam = cams[i, :, :, predicted[i]]
    limit = np.abs(cam).max()  # 对称的色标：0 为白色
    ax.imshow(x_test[i, :, :, 0], cmap="gray", vmin=0, vmax=1, extent=pixel_extent)
    heat = ax.imshow(cam, cmap="RdBu_r", vmin=-limit, vmax=limit, alpha=0.65, extent=pixel_extent)
    row, col = centres[i]
    box = plt.Rectangle(
        (col - radius - 0.5, row - radius - 0.5),
        2 * radius + 1,
        2 * radius + 1,
        fill=False,
        edgecolor="black",
        linestyle="--",
        lw=1.5,
    )
    ax.add_patch(box)
    fig.colorbar(heat, ax=ax, fraction=0.046, pad=0.03)
    ax.set_title(f"{classes[y_test[i]]} → {classes[predicted[i]]}", fontsize=10)
    ax.set_axis_off()
fig.tight_layout()
plt.show()

# %% [markdown]
# 对于圆和 X 形，红色都落在方框内，不论形状在图像中的什么位置，尽管从来没有人告诉网络形状在哪里：它只知道每张图像属于哪个类别。
#
# 十字形则不同：“cross”类的图（`CAM_cross`）几乎处处都是红色（包括远离形状的地方），在十字本身上反而是蓝色。在测量之前，先提醒一点：一个 CAM 单元格虽然画在一个 2x2 的像素块上，它却是由图像中更大的一块区域算出来的，这块区域就是它的*感受野*（receptive field）。每个 3x3 卷积都会让这块区域变大：在池化之前扩大 2 个像素，在池化之后扩大 4 个像素（那时每个单元格跨 2 个像素）：

# %%
receptive_field = 3  # 第一个 3x3 卷积看到 3x3 个像素
receptive_field += 2 - 1  # 2x2 最大池化：4x4；从这里开始，每个单元格跨 2 个像素
receptive_field += (3 - 1) * 2  # 第二个 3x3 卷积：8x8
receptive_field += (3 - 1) * 2  # 第三个：12x12
assert receptive_field == 12
print(f"最后一层特征图的每个单元格能看到 {receptive_field}x{receptive_field} 个像素")

# %% [markdown]
# 所以，紧挨在虚线框外的单元格仍然能看到形状的一部分。只有当一个单元格的中心在行方向或列方向上距离形状中心超过 `radius + 12 // 2 = 12` 个像素时，我们才称它为**远处**单元格：这时它的 12x12 区域里不含边界框内的任何像素。下面在每个类别的全部 100 张测试图像上，用图像自身类别的 CAM 来测量：框内单元格的 CAM 平均值、远处单元格的 CAM 平均值，以及整张图的总和（所有单元格之和；类别分数是它们的平均值再加上偏置）中来自远处单元格的份额。这些数值会随机器的算术细节而略有不同，所以 notebook 的自动检查会跳过这个单元格的输出；它后面的断言会检查正文中的说法。

# %% tags=["nbval-ignore-output"]
cell_centres = np.arange(16) * 2 + 0.5  # 每个 CAM 单元格中心的像素坐标
far_limit = radius + receptive_field // 2  # 12 个像素
row_distance = np.abs(cell_centres[None, :] - centres[:, :1])  # (300, 16)
col_distance = np.abs(cell_centres[None, :] - centres[:, 1:])  # (300, 16)
in_box = (row_distance[:, :, None] <= radius) & (col_distance[:, None, :] <= radius)
far = (row_distance[:, :, None] > far_limit) | (col_distance[:, None, :] > far_limit)
assert far.sum(axis=(1, 2)).min() > 0  # 每张测试图像都有远处单元格

inside_mean, far_mean, far_share = {}, {}, {}
for c, name in enumerate(classes):
    rows = []
    for i in np.flatnonzero(y_test == c):
        cam = cams[i, :, :, c]
        rows.append([cam[in_box[i]].mean(), cam[far[i]].mean(), cam[far[i]].sum() / cam.sum()])
    inside_mean[name], far_mean[name], far_share[name] = np.median(rows, axis=0)

print("各类别测试图像上的中位数，使用图像自身类别的 CAM")
print(f"{'类别':6s} {'框内均值':>12s} {'远处均值':>5s} {'来自远处单元格的份额':>11s}")
for name in classes:
    print(f"{name:8s} {inside_mean[name]:16.1f} {far_mean[name]:9.1f} {far_share[name]:21.0%}")

# %%
WRITTEN_FOR = (("circle", "cross", "x"), 0)  # 本课正文所描述的类别和随机种子
if (classes, SEED) == WRITTEN_FOR:
    assert far_mean["cross"] > 0 > inside_mean["cross"] and far_share["cross"] > 0.5
    assert inside_mean["circle"] > 0 and far_share["circle"] < 0.5
    assert inside_mean["x"] > 0 and far_share["x"] < 0

# %% [markdown]
# 对于“cross”，只能看到背景的远处单元格平均为正，十字上的单元格却为负：十字类分数的一半以上，来自从未看到过十字的单元格。对于圆和 X 形，分数的大部分来自能看到形状的单元格；对于 X 形，远处单元格甚至*降低*了分数（它们的份额为负）。
#
# 但仅凭 `CAM_cross` 为正，并不能说明背景把决策推向了“cross”：softmax 只比较各类别的分数，所以关键在于*在同样的单元格上*，`CAM_cross` 是否比其他类别的图更高。下面在 300 张测试图像各自的远处单元格上比较这三张图，然后给网络看 100 张纯噪声图像，里面根本没有形状（噪声与 `make_shapes` 添加的相同）：

# %% tags=["nbval-ignore-output"]
far_cams = np.array([cams[i][far[i]].mean(axis=0) for i in range(len(x_test))])  # (300, 3)
on_top = np.bincount(far_cams.argmax(axis=1), minlength=len(classes)) / len(x_test)
print("各张图在远处单元格上的平均值，取 300 张测试图像的中位数：")
for c, name in enumerate(classes):
    median = np.median(far_cams[:, c])
    print(f"  CAM_{name:7s} {median:6.1f}   在 {on_top[c]:.0%} 的图像中是三者中最高的")

noise_rng = np.random.default_rng(2)
noise_only = np.clip(noise_rng.normal(0.0, 0.1, size=(100, 32, 32, 1)), 0, 1).astype(np.float32)
noise_votes = np.bincount(np.asarray(net(noise_only)).argmax(axis=1), minlength=len(classes))
print("100 张纯噪声图像的分类结果：", dict(zip(classes, noise_votes.tolist(), strict=True)))
default_class = classes[int(noise_votes.argmax())]  # “没有形状”的图像被归入的类别

# %%
if (classes, SEED) == WRITTEN_FOR:
    assert default_class == "cross" and noise_votes.max() >= 90
    assert on_top[classes.index("cross")] >= 0.9  # 远处单元格：在 >= 90% 的图像中，CAM_cross 最高

# %% [markdown]
# 在远处单元格上，至少 90% 的测试图像中 `CAM_cross` 是三张图里最高的，而 100 张噪声图像中也至少有 90 张被判为“cross”。所以，对这个网络来说，单纯的背景确实会把决策推向“cross”：网络在一定程度上把“cross”学成了“既不是圆，也不是 X 形”。CAM 显示的是*支持这一决策*的证据在哪里，而那里未必就是物体。
#
# 那么，最“热”的那个单元格（CAM 值最大的单元格）至少落在框内吗？我们在全部 300 张测试图像上检查，并单独在 100 张十字图像上检查：

# %%
hot = np.array(
    [np.unravel_index(cams[i, :, :, predicted[i]].argmax(), (16, 16)) for i in range(300)]
)
hot_pixels = hot * 2 + 0.5  # CAM 单元格所覆盖的 2x2 像素块的中心
hot_in_box = np.abs(hot_pixels - centres).max(axis=1) <= radius
if (classes, SEED) == WRITTEN_FOR:
    assert hot_in_box.mean() >= 0.8 and hot_in_box[y_test == classes.index("cross")].mean() >= 0.8
share = "至少 80%" if hot_in_box.mean() >= 0.8 else f"仅 {hot_in_box.mean():.0%}"
print(f"CAM 最热单元格落在形状边界框内的图像比例：{share}")

# %% [markdown]
# 是的，至少 80% 的图像如此，单看十字图像也至少有 80%：即便是十字，峰值也落在形状上或紧挨着形状，背景只是额外带来一片范围较广、强度较弱的“暖色”。
#
# ### 一个网络，一个随机种子
#
# 以上描述的都只是一个训练好的网络。换一个随机种子，还会看到同样的景象吗？`benchmarks/bench_seeds.py` 把 `SEED` 依次设为 0, 1, ..., 7，重新运行本 notebook，并打印出下表（在双核 CPU 上测得；换一台机器，最后几位可能不同）：
#
# | 随机种子 | 测试准确率 | 噪声图像（共 100 张） | 噪声所归类别的图在远处单元格上最高 | 最热单元格在框内 |
# |---|---|---|---|---|
# | 0 | 0.96 | 100 张归为 cross | 100% | 100% |
# | 1 | 1.00 | 100 张归为 cross | 100% | 94% |
# | 2 | 1.00 | 100 张归为 x | 100% | 99% |
# | 3 | 1.00 | 100 张归为 cross | 99% | 63% |
# | 4 | 1.00 | 100 张归为 cross | 100% | 53% |
# | 5 | 1.00 | 100 张归为 cross | 100% | 67% |
# | 6 | 1.00 | 100 张归为 x | 100% | 50% |
# | 7 | 1.00 | 100 张归为 cross | 100% | 70% |
#
# 在全部八次运行中，网络都很准确，100 张噪声图像全都被归入同一个类别，而且在远处单元格上，几乎每张测试图像中都是该类别的图最高：网络可以部分地靠其他类别的*缺席*来学会一个类别。由哪个类别扮演这个角色取决于随机种子：六次是“cross”，两次是“x”，从来不是“circle”，而圆恰恰是唯一一个有实心主体的形状。另一方面，对某些种子，最热单元格落在框内的图像只占 50% 到 70%，所以种子 0 的峰值都落在形状上，也并不是普遍规律。在训练单元格中设置 `SEED = 2` 并重新运行本节，就能看到由 X 形来扮演这个角色（这时为种子 0 写的检查会被跳过）。你也可以改用 `classes = ("square", "circle", "cross")` 重新运行，看看图和表格；使用这些类别时，上面的单元格可能会打印出低于 80% 的比例，而不是中止运行。

# %% [markdown]
# ## 6. 需要摒弃的错误想法
#
# * *“池化层不可或缺。”* 池化层很常见，但并非必需：步幅为 2 的卷积也能完成下采样（即“全卷积”网络，all-convolutional network）。第 6 课会比较这两种做法。
# * *“窗口越大，池化效果越好。”* 实践中局部池化窗口都很小，2x2 或 3x3；更大的窗口会过早地丢掉太多细节。全局池化是唯一一个有意为之的例外，它位于网络的最末端，在那里，做决策通常已经不再需要位置信息。
# * “*全局平均池化总会损失准确率*”，或者“*它从不损失准确率*”。在图像分类上，它通常与全连接分类头效果相当，而参数少得多（第 3 节），并且还能免费得到类激活图（第 5 节）。它丢弃了绝对位置，所以当答案取决于物体在哪里时，它可能会损失准确率。

# %% [markdown]
# <details><summary><b>延伸阅读</b></summary>
#
# - 全卷积网络：Springenberg, Dosovitskiy, Brox & Riedmiller (2014), *Striving for Simplicity: The All Convolutional Net*.
# - 斯坦福大学 CS231n 课程笔记（*Convolutional Neural Networks*，“Pooling Layer”一节）称大于 3x3 的池化窗口“破坏性太强”（“too destructive”）。
#
# </details>

# %% [markdown]
#
# ## 小结
#
# * 全局池化把每个通道归约为一个数：`(N, H, W, C) → (N, C)`，带 `keepdims` 时为 `(N, 1, 1, C)`。在原文的例子上：最大值 9，平均值 4.0625。
# * 全局平均池化就是窗口与特征图一样大的平均池化。
# * 全局最大池化报告某个特征是否在任何地方出现过（一个点就足够）；全局平均池化报告特征图上有多大一部分呈现了这个特征，而且它的梯度能到达每一个位置。
# * GAP 分类头所需的权重约为 Flatten + Dense 的 H·W 分之一（对 7x7x512 → 1000，分别为 513,000 和 25,089,000），而且它让网络能接受任意尺寸的输入。
# * 由于求平均是线性运算，类别分数就是类激活图 `Σ_k W[k, c] · A_k` 的平均值，类激活图显示了支持某个类别的证据在哪里：通常在物体上，但并非总是如此（“cross”的分数有一半以上来自只看到背景的单元格，纯噪声也被判为“cross”；换成其他种子时，则由“x”扮演这个角色）。
#
# ## 自测
#
# 打开 [`exercises/zh/ex05_global_pooling.ipynb`](../../exercises/zh/ex05_global_pooling.ipynb)，试着完成：
#
# * **5.1** 用正确的轴，对整个批量做全局最大池化；
# * **5.2** 对一批尺寸各异、用 0 填充过的图像做全局平均池化；
# * **5.3** 计算一个分类头的参数量；
# * **5.4** 把任意一种带窗口的池化变成它的全局版本；
# * **5.5** 仅凭网络的最后一层特征图和分类头，找出网络在哪里看到了它的第二名类别。
