"""The measurements of lesson 6: what pooling costs, keeps and loses.

Lesson 6 tests the article's claims about pooling with experiments small enough
to run in seconds on a laptop CPU. The notebook keeps only the story and the
figures; the machinery lives here, tested in ``tests/test_experiments.py``:

* **Cost** -- :func:`build_cnn` builds the same tiny CNN with different ways of
  shrinking the feature maps (none, max, average, strided convolution,
  anti-aliased max); :func:`layer_table` counts, layer by layer, the values each
  layer outputs (activation memory), its parameters and its multiply-adds.
* **Training** -- :func:`train` fits a model deterministically from the
  starting weights of a seed (:func:`initial_weights`) and times its epochs;
  :class:`SideBySide` trains several models at once, exactly as each would
  learn alone, with one compiled training function for all of them (on a CPU,
  compiling costs more than these tiny trainings); :func:`shift_consistency`
  is the metric of Zhang (2019): how often the predicted class survives a
  shift of the input.
* **Invariance of one pooling layer** -- :func:`fraction_unchanged`: how much of
  a pooled map stays identical when the input moves by a few pixels.
* **Information loss** -- :func:`upsample_nearest` and
  :func:`reconstruction_error`: pool, blow back up, compare.

Unlike the rest of ``course_lib`` this module imports Keras at its top (through
:func:`course_lib.frameworks.import_keras`, so the JAX/CPU defaults apply): it
is only imported by lessons 5 (for :func:`initial_weights`) and 6 and by tests
and benchmarks, never by ``course_lib/__init__``.
"""

from __future__ import annotations

import time
import weakref
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from course_lib.frameworks import import_keras
from course_lib.lab.data import shift_image
from course_lib.pooling import pool2d
from course_lib.pooling.variants import binomial_kernel

keras = import_keras()

__all__ = [
    "PREDICT_BATCH",
    "REDUCTIONS",
    "BlurPool2D",
    "SideBySide",
    "TrainingResult",
    "build_cnn",
    "fraction_unchanged",
    "initial_weights",
    "layer_table",
    "predict_classes",
    "reconstruction_error",
    "shift_consistency",
    "train",
    "upsample_nearest",
]

Reduction = Literal["none", "max", "avg", "strided", "allconv", "maxblur"]
REDUCTIONS: tuple[str, ...] = ("none", "max", "avg", "strided", "allconv", "maxblur")
"""Ways :func:`build_cnn` can shrink the feature maps after each convolution."""


# --------------------------------------------------------------------------
# Anti-aliased subsampling as a Keras layer
# --------------------------------------------------------------------------
class BlurPool2D(keras.layers.Layer):
    """Blur each channel with a fixed binomial filter, then subsample (Zhang 2019).

    The Keras twin of :func:`course_lib.pooling.variants.blur_downsample` (same filter,
    same reflect padding, same output size ``ceil(n / strides)``). The filter is
    a constant, not a weight: the layer has no parameters, like pooling.
    Channels-last input with known height and width only.
    """

    def __init__(self, blur_size: int = 3, strides: int = 2, **kwargs):
        super().__init__(**kwargs)
        self.blur_size = int(blur_size)
        self.strides = int(strides)
        self._kernel_1d = binomial_kernel(self.blur_size)

    def call(self, inputs):
        # Separable filter written as shifted slices: cheap element-wise work
        # (a depthwise convolution was ten times slower on the CPU).
        k, taps = self.blur_size, [float(t) for t in self._kernel_1d]
        lo = (k - 1) // 2
        hi = k - 1 - lo
        x = keras.ops.pad(inputs, ((0, 0), (lo, hi), (lo, hi), (0, 0)), mode="reflect")
        h, w = inputs.shape[1], inputs.shape[2]
        x = sum(taps[i] * x[:, i : i + h] for i in range(k))
        x = sum(taps[j] * x[:, :, j : j + w] for j in range(k))
        return x[:, :: self.strides, :: self.strides]

    def compute_output_shape(self, input_shape):
        n, h, w, c = input_shape

        def out(size):
            return None if size is None else -(-size // self.strides)

        return (n, out(h), out(w), c)

    def get_config(self):
        return {**super().get_config(), "blur_size": self.blur_size, "strides": self.strides}


# --------------------------------------------------------------------------
# Starting weights, drawn with NumPy
# --------------------------------------------------------------------------
PREDICT_BATCH = 64
"""Images per forward pass in :func:`predict_classes`. One fixed size means one
compiled prediction function per model, whatever the number of images, as long
as it is a multiple of this size (lesson 6's 320 and 256 images are): a last,
smaller batch would be compiled anew (about a second on a 2-core CPU)."""


def initial_weights(model: keras.Model, seed: int) -> list[np.ndarray]:
    """Starting weights for every variable of ``model``, drawn from ``seed`` with NumPy.

    The rule is Keras's default for ``Conv2D`` and ``Dense``: each kernel
    (every variable with two or more axes) is drawn uniformly from
    ``[-limit, limit]``, ``limit = sqrt(6 / (fan_in + fan_out))`` (Glorot
    uniform), and each bias is zero. Drawing with NumPy instead of Keras's own
    generator gives the same numbers on every machine and backend, and costs
    nothing to set up: on the CPU, JAX compiles its generator anew for every
    weight shape, which took seconds per shape on a 2-core machine.

    Returns
    -------
    list of numpy.ndarray
        In the order of ``model.get_weights()``, ready for ``model.set_weights``.
    """
    rng = np.random.default_rng(seed)
    weights = []
    for variable in model.weights:
        shape = tuple(int(d) for d in variable.shape)
        if len(shape) < 2:
            weights.append(np.zeros(shape, dtype=np.float32))
            continue
        receptive_field = int(np.prod(shape[:-2]))  # kernel height x width (1 for Dense)
        fan_in, fan_out = shape[-2] * receptive_field, shape[-1] * receptive_field
        limit = np.sqrt(6.0 / (fan_in + fan_out))
        weights.append(rng.uniform(-limit, limit, size=shape).astype(np.float32))
    return weights


def _current_weights(model: keras.Model) -> list[np.ndarray]:
    """``model``'s weights as NumPy arrays (Keras's ``get_weights`` warns under NumPy 2)."""
    return [keras.ops.convert_to_numpy(v.value) for v in model.weights]


class _NumpyZeros(keras.initializers.Initializer):
    """Zeros made by NumPy: a placeholder until :func:`initial_weights` fills the model
    (Keras's own initializers would compile a JAX function for each new shape)."""

    def __call__(self, shape, dtype=None):
        return np.zeros(tuple(shape), dtype=np.float32)


_FRESH_OPTIMIZER: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
"""Each optimizer's state before its first step (Adam: step 0, zero moments)."""


def _reset_optimizer(model: keras.Model) -> None:
    """Put ``model``'s optimizer back in the state it had before its first step,
    keeping the compiled training function (compiling again costs seconds)."""
    optimizer = model.optimizer
    if not optimizer.built:
        optimizer.build(model.trainable_variables)
    if optimizer not in _FRESH_OPTIMIZER:
        _FRESH_OPTIMIZER[optimizer] = [
            keras.ops.convert_to_numpy(v.value) for v in optimizer.variables
        ]
    for variable, value in zip(optimizer.variables, _FRESH_OPTIMIZER[optimizer], strict=True):
        variable.assign(value)


# --------------------------------------------------------------------------
# The tiny CNN and its cost, layer by layer
# --------------------------------------------------------------------------
def _reduce_layer(reduction: str, pool_size: int, strides: int | None, k: int, n_filters: int):
    """The layer that shrinks the maps after convolution ``k`` (None: nothing)."""
    if reduction == "allconv":
        step = pool_size if strides is None else strides
        return keras.layers.Conv2D(
            n_filters,
            3,
            strides=step,
            padding="same",
            activation="relu",
            name=f"downconv{k}",
            kernel_initializer=_NumpyZeros(),
            bias_initializer=_NumpyZeros(),
        )
    if reduction == "max":
        return keras.layers.MaxPooling2D(pool_size, strides, name=f"maxpool{k}")
    if reduction == "avg":
        return keras.layers.AveragePooling2D(pool_size, strides, name=f"avgpool{k}")
    if reduction == "maxblur":
        # Zhang's MaxBlurPool: dense max (stride 1, "same" keeps the size), blur, subsample.
        return [
            keras.layers.MaxPooling2D(pool_size, 1, padding="same", name=f"densemax{k}"),
            BlurPool2D(3, pool_size if strides is None else strides, name=f"blurpool{k}"),
        ]
    return None


def build_cnn(
    reduction: Reduction = "max",
    pool_size: int = 2,
    strides: int | None = None,
    input_shape: Sequence[int] = (32, 32, 1),
    n_classes: int = 3,
    filters: Sequence[int] = (8, 16),
    seed: int = 0,
    name: str | None = None,
) -> keras.Model:
    """The lesson's tiny CNN: ``[conv 3x3 + ReLU, shrink] x len(filters)``, flatten, dense.

    Parameters
    ----------
    reduction : "none", "max", "avg", "strided", "allconv" or "maxblur"
        How the maps shrink after each convolution: not at all; a max or average
        pooling layer (``pool_size``, ``strides``); the convolution itself with
        the pooling's stride and no pooling layer ("Strided-CNN" in Springenberg et al. 2014);
        a learned 3x3 convolution with stride ``pool_size`` in place of the
        pooling layer (their "All-CNN", which adds parameters); or anti-aliased
        max pooling (dense max, then :class:`BlurPool2D`).
    pool_size, strides : int
        Window and step of the pooling layers (``strides=None``: equal to
        ``pool_size``). For ``"maxblur"`` the stride of the blur subsampling.
    input_shape, n_classes, filters
        Image shape (channels last), number of classes, filters per convolution.
    seed : int
        The starting weights are :func:`initial_weights` of this seed: same
        seed, same initial model.
    name : str or None
        The model's name; ``None`` gives ``cnn_max_2_2`` (reduction, window,
        stride) and the like, distinct for distinct configurations.

    Returns
    -------
    keras.Model
        Compiled with Adam and sparse categorical cross-entropy, accuracy metric.
        Layers are named ``conv1``, ``maxpool1``, ... so tables read well.
    """
    if reduction not in REDUCTIONS:
        raise ValueError(f"reduction must be one of {REDUCTIONS}, got {reduction!r}.")
    placeholder = {"kernel_initializer": _NumpyZeros(), "bias_initializer": _NumpyZeros()}
    step = pool_size if strides is None else strides
    layers: list = [keras.Input(tuple(input_shape))]
    for k, n_filters in enumerate(filters, start=1):
        conv_stride = step if reduction == "strided" else 1
        layers.append(
            keras.layers.Conv2D(
                n_filters,
                3,
                strides=conv_stride,
                padding="same",
                activation="relu",
                name=f"conv{k}",
                **placeholder,
            )
        )
        extra = _reduce_layer(reduction, pool_size, strides, k, n_filters)
        layers += extra if isinstance(extra, list) else ([extra] if extra is not None else [])
    layers += [
        keras.layers.Flatten(name="flatten"),
        keras.layers.Dense(n_classes, activation="softmax", name="dense", **placeholder),
    ]
    if name is None:  # distinct for distinct configurations (Keras needs unique names)
        name = f"cnn_{reduction}" if reduction == "none" else f"cnn_{reduction}_{pool_size}_{step}"
    model = keras.Sequential(layers, name=name)
    model.set_weights(initial_weights(model, seed))
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=3e-3),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    return model


def _multiply_adds(layer, in_shape: tuple, out_shape: tuple) -> int:
    """Multiply-adds of one forward pass of ``layer`` for one example."""
    if isinstance(layer, keras.layers.Conv2D):
        kh, kw = layer.kernel_size
        return int(np.prod(out_shape[1:])) * kh * kw * int(in_shape[-1])
    if isinstance(layer, keras.layers.Dense):
        return int(np.prod(in_shape[1:])) * int(out_shape[-1])
    if isinstance(layer, BlurPool2D):
        return int(np.prod(out_shape[1:])) * layer.blur_size**2
    return 0


def _window_ops(layer, out_shape: tuple) -> int:
    """Comparisons or additions of a pooling layer for one example (else 0)."""
    if isinstance(layer, (keras.layers.MaxPooling2D, keras.layers.AveragePooling2D)):
        fh, fw = layer.pool_size
        return int(np.prod(out_shape[1:])) * (fh * fw - 1)
    return 0


def _only_reshapes(layer) -> bool:
    """True for layers that give their input a new shape without computing anything."""
    return isinstance(layer, (keras.layers.Flatten, keras.layers.Reshape))


def layer_table(model: keras.Model) -> list[dict]:
    """What each layer of ``model`` costs, for one input example.

    Returns
    -------
    list of dict
        One row per layer, in order, with keys ``layer`` (name), ``output``
        (shape without the batch axis), ``values`` (numbers the layer writes
        to new memory: the activation memory is ``4 * values`` bytes in
        float32, and training keeps most of them for the backward pass, the
        computation of the gradients; 0 for ``Flatten`` and ``Reshape``,
        which only relabel the numbers they receive), ``params`` (from Keras's
        ``count_params``), ``multiply_adds`` (convolutions, dense layers and the
        blur filter) and ``window_ops`` (comparisons or additions inside pooling
        windows: ``f * f - 1`` per output value).
    """
    rows = []
    in_shape = tuple(model.inputs[0].shape)
    for layer in model.layers:
        out_shape = tuple(layer.compute_output_shape(in_shape))
        rows.append(
            {
                "layer": layer.name,
                "output": out_shape[1:],
                "values": 0 if _only_reshapes(layer) else int(np.prod(out_shape[1:])),
                "params": int(layer.count_params()),
                "multiply_adds": _multiply_adds(layer, in_shape, out_shape),
                "window_ops": _window_ops(layer, out_shape),
            }
        )
        in_shape = out_shape
    return rows


# --------------------------------------------------------------------------
# Training and the shift-consistency metric
# --------------------------------------------------------------------------
@dataclass
class TrainingResult:
    """One training run: what we measured, and the weights it ended with.

    Runs of one architecture may share one ``model`` object (:func:`train`
    restarts it), so ``model`` holds the weights of the *last* run trained;
    :meth:`trained_model` puts this run's weights back first.
    """

    model: keras.Model
    test_accuracy: float
    epoch_seconds: list[float] = field(default_factory=list)
    train_accuracy: float = float("nan")
    weights: list[np.ndarray] = field(default_factory=list)

    def trained_model(self) -> keras.Model:
        """``model`` with the weights this run ended with (nothing is compiled again)."""
        if self.weights:
            self.model.set_weights(self.weights)
        return self.model

    @property
    def seconds_per_epoch(self) -> float:
        """Median epoch time, leaving out the first epoch (it may include compiling);
        NaN when the epochs were not timed alone (:class:`SideBySide`)."""
        times = self.epoch_seconds[1:] or self.epoch_seconds
        return float(np.median(times)) if times else float("nan")


def _fit_from_seed(
    model: keras.Model,
    members: list[keras.Model],
    x: np.ndarray,
    y: np.ndarray | list[np.ndarray],
    epochs: int,
    batch_size: int,
    seed: int,
) -> list[float]:
    """Restart ``members`` from ``seed``, reset ``model``'s optimizer, fit; epoch times.

    The batch order is drawn with NumPy too, from the seed pair ``(seed, 1)``: a
    new order every epoch, the same orders on every machine, and nothing that
    depends on what Keras did before (its own shuffling draws differently on a
    model's first and later ``fit``). One ``fit`` call per epoch, so each
    epoch can be timed; the first includes compiling the training step, unless
    an earlier run compiled it.
    """
    for member in members:
        member.set_weights(initial_weights(member, seed))
    _reset_optimizer(model)
    order = np.random.default_rng([seed, 1])
    seconds = []
    for _ in range(epochs):
        batches = order.permutation(len(x))
        targets = [t[batches] for t in y] if isinstance(y, list) else y[batches]
        start = time.perf_counter()
        model.fit(x[batches], targets, batch_size=batch_size, shuffle=False, verbose=0)
        seconds.append(time.perf_counter() - start)
    return seconds


def train(
    model: keras.Model,
    data: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray],
    epochs: int = 6,
    batch_size: int = 32,
    seed: int = 0,
) -> TrainingResult:
    """Train ``model`` from the starting weights of ``seed``; score it on both data sets.

    ``model`` first gets :func:`initial_weights` of ``seed`` and an optimizer
    that has never stepped, so a run does not depend on what the model did
    before: one compiled model serves several seeds, and only its first run pays
    for compiling the training step. Then it is fitted on ``(x_train, y_train)``
    and its accuracy measured on the training and the test images.

    Deterministic for a given seed on one machine: the seed fixes the starting
    weights and the order of the batches; nothing is printed (``verbose=0``).
    """
    x_train, y_train, x_test, y_test = data
    seconds = _fit_from_seed(model, [model], x_train, y_train, epochs, batch_size, seed)
    return TrainingResult(
        model,
        test_accuracy=float(np.mean(predict_classes(model, x_test) == y_test)),
        epoch_seconds=seconds,
        train_accuracy=float(np.mean(predict_classes(model, x_train) == y_train)),
        weights=_current_weights(model),
    )


def predict_classes(model: keras.Model, images: np.ndarray) -> np.ndarray:
    """The most probable class of each image (no printing).

    Images go through in batches of :data:`PREDICT_BATCH`, so that every call
    reuses one compiled prediction function.
    """
    return np.argmax(model.predict(images, batch_size=PREDICT_BATCH, verbose=0), axis=1)


def shift_consistency(
    model: keras.Model,
    images: np.ndarray,
    shifts: Sequence[tuple[int, int]],
    mode: str = "constant",
) -> np.ndarray:
    """How often the predicted class stays the same when the input is shifted.

    Zhang (2019) calls this *consistency*: for every image and every shift
    ``(dy, dx)``, compare the class predicted for the shifted image with the
    class predicted for the original (Zhang compares two shifted copies; we
    keep one copy fixed so each shift has its own score). Shifts use
    :func:`course_lib.lab.data.shift_image` (``mode="constant"``: black comes in).

    Returns
    -------
    numpy.ndarray
        One fraction in ``[0, 1]`` per shift.
    """
    reference = predict_classes(model, images)
    return np.array(
        [
            np.mean(predict_classes(model, shift_image(images, dy, dx, mode=mode)) == reference)
            for dy, dx in shifts
        ]
    )


class SideBySide:
    """Several models trained at once, as the outputs of one Keras model.

    All the models read the same input; the combined model's loss is the sum
    of their losses. The gradient of that sum with respect to one model's
    weights is the gradient of that model's own loss, and Adam updates each
    weight from its own gradient alone, so each model learns exactly what it
    would learn if trained alone on the same batches (``tests/test_experiments.py``
    checks it). What is saved is time: one training function is compiled for
    all of them, once, instead of one per model, and every later run (another
    seed) reuses it.

    Parameters
    ----------
    models : dict of str to keras.Model
        Single-input, single-output classifiers with the same input shape and
        distinct names (``build_cnn(..., name=...)``). They keep their own
        weights: after :meth:`train`, each holds what it learned.
    learning_rate : float
        Adam's learning rate, as :func:`build_cnn` compiles a single model.
    """

    def __init__(self, models: dict[str, keras.Model], learning_rate: float = 3e-3):
        self.models = dict(models)
        first = next(iter(self.models.values()))
        inputs = keras.Input(tuple(first.inputs[0].shape[1:]))
        self.model = keras.Model(inputs, [m(inputs) for m in self.models.values()])
        self.model.compile(
            optimizer=keras.optimizers.Adam(learning_rate=learning_rate),
            loss=["sparse_categorical_crossentropy"] * len(self.models),
        )
        self.epoch_seconds: list[float] = []

    def predict_classes(self, images: np.ndarray) -> dict[str, np.ndarray]:
        """The most probable class of each image, for every model (one pass for all)."""
        probabilities = self.model.predict(images, batch_size=PREDICT_BATCH, verbose=0)
        if len(self.models) == 1:  # Keras returns a lone output without its list
            probabilities = [probabilities]
        return {
            name: np.argmax(p, axis=1) for name, p in zip(self.models, probabilities, strict=True)
        }

    def train(
        self,
        data: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray],
        epochs: int = 6,
        batch_size: int = 32,
        seed: int = 0,
    ) -> dict[str, TrainingResult]:
        """Train every model from the starting weights of ``seed``, as :func:`train` does.

        Each model gets :func:`initial_weights` of ``seed``, the optimizer is
        reset, and the seed fixes the order of the batches, which all the models
        share.
        ``epoch_seconds`` records the wall time of each epoch for all the
        models together; a result's own ``epoch_seconds`` stays empty.
        """
        x_train, y_train, x_test, y_test = data
        members = list(self.models.values())
        targets = [y_train] * len(members)
        self.epoch_seconds = _fit_from_seed(
            self.model, members, x_train, targets, epochs, batch_size, seed
        )
        on_test, on_train = self.predict_classes(x_test), self.predict_classes(x_train)
        return {
            name: TrainingResult(
                model,
                test_accuracy=float(np.mean(on_test[name] == y_test)),
                train_accuracy=float(np.mean(on_train[name] == y_train)),
                weights=_current_weights(model),
            )
            for name, model in self.models.items()
        }

    def shift_consistency(
        self, images: np.ndarray, shifts: Sequence[tuple[int, int]], mode: str = "constant"
    ) -> dict[str, np.ndarray]:
        """:func:`shift_consistency` of every model, with their current weights."""
        reference = self.predict_classes(images)
        moved = [self.predict_classes(shift_image(images, dy, dx, mode=mode)) for dy, dx in shifts]
        return {
            name: np.array([np.mean(m[name] == reference[name]) for m in moved])
            for name in self.models
        }


# --------------------------------------------------------------------------
# One pooling layer: invariance and information loss
# --------------------------------------------------------------------------
def fraction_unchanged(
    feature_map: np.ndarray,
    shift: int,
    mode: Literal["max", "avg", "none"] = "max",
    pool_size: int = 2,
    realign: bool = False,
) -> float:
    """Share of a pooled map left identical when its input moves ``shift`` pixels right.

    ``feature_map`` is one 2-D map. The shift wraps around (``np.roll``), so no
    border effect blurs the picture. ``mode="none"`` compares the maps
    themselves (no pooling). With ``realign=False`` each output cell is compared
    with the cell at the same place: that is invariance. With ``realign=True``
    the shifted result is first moved back by ``shift // pool_size`` cells, the
    whole cells the shift amounts to after pooling: that is equivariance, which a
    pooling layer has exactly for shifts that are multiples of its stride.
    """
    x = np.asarray(feature_map, dtype=np.float64)
    moved = shift_image(x, 0, shift, mode="wrap")
    if mode == "none":
        before, after, cells = x, moved, shift
    else:
        before = pool2d(x[None, :, :, None], pool_size, mode=mode)[0, :, :, 0]
        after = pool2d(moved[None, :, :, None], pool_size, mode=mode)[0, :, :, 0]
        cells = shift // pool_size
    if realign:
        after = np.roll(after, -cells, axis=1)
    return float(np.mean(np.isclose(before, after, rtol=0, atol=1e-9)))


def upsample_nearest(pooled: np.ndarray, factor: int, shape: Sequence[int]) -> np.ndarray:
    """Blow a pooled 2-D map back up by repeating each cell ``factor x factor`` times.

    The result is cut or edge-padded to ``shape`` (the original height and width,
    which pooling may have rounded down).
    """
    big = np.repeat(np.repeat(np.asarray(pooled), factor, axis=0), factor, axis=1)
    h, w = int(shape[0]), int(shape[1])
    big = big[:h, :w]
    pad = ((0, h - big.shape[0]), (0, w - big.shape[1]))
    return np.pad(big, pad, mode="edge") if any(p[1] for p in pad) else big


def reconstruction_error(image: np.ndarray, pool_size: int, mode: Literal["max", "avg"]) -> float:
    """Root-mean-square error of ``image`` rebuilt from its pooled version.

    Pool the 2-D ``image`` with windows and stride ``pool_size``, then
    :func:`upsample_nearest` back to full size. Nearest upsampling of an average
    is the best a block-constant picture can do in squared error, so average
    pooling should always lose less than max pooling by this measure.
    """
    img = np.asarray(image, dtype=np.float64)
    pooled = pool2d(img[None, :, :, None], pool_size, mode=mode)[0, :, :, 0]
    rebuilt = upsample_nearest(pooled, pool_size, img.shape)
    return float(np.sqrt(np.mean((rebuilt - img) ** 2)))
