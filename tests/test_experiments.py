"""Tests of course_lib.lab.experiments on tiny inputs (lesson 6's machinery)."""

from __future__ import annotations

import numpy as np
import pytest

from course_lib.frameworks import import_keras
from course_lib.lab import data
from course_lib.lab.experiments import (
    REDUCTIONS,
    BlurPool2D,
    SideBySide,
    build_cnn,
    fraction_unchanged,
    initial_weights,
    layer_table,
    reconstruction_error,
    shift_consistency,
    train,
    upsample_nearest,
)
from course_lib.pooling import pool2d
from course_lib.pooling.variants import blur_downsample

to_numpy = import_keras().ops.convert_to_numpy


# ------------------------------------------------------------ BlurPool2D
@pytest.mark.parametrize(("h", "w", "blur", "stride"), [(8, 8, 3, 2), (7, 6, 3, 2), (9, 9, 5, 3)])
def test_blurpool_layer_matches_the_numpy_reference(h, w, blur, stride):
    x = np.random.default_rng(0).random((2, h, w, 3)).astype("float32")
    layer = BlurPool2D(blur, stride)
    out = np.asarray(layer(x))
    np.testing.assert_allclose(out, blur_downsample(x, blur, stride), rtol=1e-5, atol=1e-6)
    assert tuple(layer.compute_output_shape(x.shape)) == out.shape
    assert layer.count_params() == 0


# ------------------------------------------------------------ layer_table
@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_layer_table_params_add_up_to_keras_count(reduction):
    model = build_cnn(reduction)
    rows = layer_table(model)
    assert sum(r["params"] for r in rows) == model.count_params()
    assert rows[-1]["output"] == (3,)
    assert [r["layer"] for r in rows] == [layer.name for layer in model.layers]


def test_layer_table_counts_by_hand_for_max_pooling():
    rows = {r["layer"]: r for r in layer_table(build_cnn("max", input_shape=(8, 8, 1)))}
    # conv1: 8x8x8 outputs, each 3*3*1 multiply-adds; 8 filters * (9 + 1) params.
    assert rows["conv1"]["values"] == 8 * 8 * 8
    assert rows["conv1"]["multiply_adds"] == 8 * 8 * 8 * 9
    assert rows["conv1"]["params"] == 80
    # maxpool1: 4x4x8 outputs, 3 comparisons each, no parameters.
    assert rows["maxpool1"]["values"] == 4 * 4 * 8
    assert rows["maxpool1"]["window_ops"] == 4 * 4 * 8 * 3
    assert rows["maxpool1"]["params"] == 0
    # conv2 on 4x4x8: 4*4*16 outputs * 72 multiply-adds.
    assert rows["conv2"]["multiply_adds"] == 4 * 4 * 16 * 72
    # flatten only relabels the 2x2x16 values: no new memory.
    assert rows["flatten"]["output"] == (64,) and rows["flatten"]["values"] == 0
    # dense after 2x2x16 = 64 values: 64 * 3 weights + 3 biases.
    assert rows["dense"]["params"] == 64 * 3 + 3
    assert rows["dense"]["multiply_adds"] == 64 * 3


def test_pooling_shrinks_the_dense_layer_not_itself():
    none = {r["layer"]: r for r in layer_table(build_cnn("none"))}
    pooled = {r["layer"]: r for r in layer_table(build_cnn("max"))}
    assert none["dense"]["params"] == 32 * 32 * 16 * 3 + 3
    assert pooled["dense"]["params"] == 8 * 8 * 16 * 3 + 3
    assert pooled["maxpool1"]["params"] == pooled["maxpool2"]["params"] == 0
    assert none["conv2"]["params"] == pooled["conv2"]["params"]


def test_strided_and_allconv_shapes():
    strided = layer_table(build_cnn("strided"))
    assert [r["output"] for r in strided][:2] == [(16, 16, 8), (8, 8, 16)]
    allconv = {r["layer"]: r for r in layer_table(build_cnn("allconv"))}
    assert allconv["downconv1"]["output"] == (16, 16, 8)
    assert allconv["downconv1"]["params"] == 3 * 3 * 8 * 8 + 8
    with pytest.raises(ValueError, match="reduction"):
        build_cnn("median")


# ------------------------------------------------ training and consistency
@pytest.fixture(scope="module")
def tiny_data():
    x_train, y_train = data.make_shapes(64, 16, classes=("square", "cross"), noise=0.05, seed=1)
    x_test, y_test = data.make_shapes(32, 16, classes=("square", "cross"), noise=0.05, seed=2)
    return x_train, y_train, x_test, y_test


def test_training_is_deterministic_and_learns(tiny_data):
    results = [
        train(build_cnn("max", input_shape=(16, 16, 1), n_classes=2), tiny_data, epochs=4)
        for _ in range(2)
    ]
    w0 = [to_numpy(v.value) for v in results[0].model.weights]
    w1 = [to_numpy(v.value) for v in results[1].model.weights]
    for a, b in zip(w0, w1, strict=True):
        np.testing.assert_array_equal(a, b)
    assert results[0].test_accuracy > 0.6  # two classes: chance is 0.5
    assert len(results[0].epoch_seconds) == 4 and results[0].seconds_per_epoch > 0


def weights_of(result):
    return [np.asarray(w) for w in result.weights]


def assert_same_weights(a, b):
    for x, y in zip(a, b, strict=True):
        np.testing.assert_array_equal(x, y)


def test_initial_weights_follow_glorot_uniform_and_the_seed():
    model = build_cnn("max", input_shape=(8, 8, 1), n_classes=2)
    first, again, other = (initial_weights(model, s) for s in (3, 3, 4))
    assert [w.shape for w in first] == [tuple(v.shape) for v in model.weights]
    assert_same_weights(first, again)
    assert not np.array_equal(first[0], other[0])
    conv1_kernel, conv1_bias = first[0], first[1]
    limit = np.sqrt(6 / (3 * 3 * 1 + 3 * 3 * 8))  # fan_in + fan_out of a 3x3, 1 -> 8 kernel
    assert np.abs(conv1_kernel).max() <= limit and np.abs(conv1_kernel).max() > 0.8 * limit
    assert not conv1_bias.any()
    # build_cnn starts from exactly these weights
    built = build_cnn("max", input_shape=(8, 8, 1), n_classes=2, seed=3)
    assert_same_weights([to_numpy(v.value) for v in built.weights], first)


def test_train_restarts_the_model_so_a_compiled_model_serves_several_seeds(tiny_data):
    kw = dict(input_shape=(16, 16, 1), n_classes=2)
    fresh = train(build_cnn("avg", name="fresh", **kw), tiny_data, epochs=2, seed=1)
    model = build_cnn("avg", name="reused", **kw)
    train(model, tiny_data, epochs=3, seed=7)  # some other run first
    again = train(model, tiny_data, epochs=2, seed=1)
    assert_same_weights(weights_of(fresh), weights_of(again))
    assert again.test_accuracy == fresh.test_accuracy
    assert again.train_accuracy == fresh.train_accuracy


def test_side_by_side_learns_exactly_what_each_model_learns_alone(tiny_data):
    kw = dict(input_shape=(16, 16, 1), n_classes=2)
    names = ("max", "maxblur", "allconv")
    alone = {
        n: train(build_cnn(n, name=f"alone_{n}", **kw), tiny_data, epochs=3, seed=5) for n in names
    }
    bundle = SideBySide({n: build_cnn(n, name=f"together_{n}", **kw) for n in names})
    bundle.train(tiny_data, epochs=1, seed=0)  # an earlier run must not matter
    together = bundle.train(tiny_data, epochs=3, seed=5)
    assert len(bundle.epoch_seconds) == 3
    for n in names:
        assert_same_weights(weights_of(alone[n]), weights_of(together[n]))
        assert together[n].test_accuracy == alone[n].test_accuracy
    # each result can put its weights back, and consistency matches the single-model metric
    shifts = [(0, 1), (0, 3)]
    scores = bundle.shift_consistency(tiny_data[2], shifts)
    for n in names:
        model = together[n].trained_model()
        np.testing.assert_array_equal(scores[n], shift_consistency(model, tiny_data[2], shifts))


def test_side_by_side_with_one_model(tiny_data):
    bundle = SideBySide({"max": build_cnn("max", input_shape=(16, 16, 1), n_classes=2)})
    (result,) = bundle.train(tiny_data, epochs=1, seed=0).values()
    assert 0 <= result.test_accuracy <= 1


def test_default_names_differ_between_configurations():
    configs = [
        dict(reduction="max"),
        dict(reduction="max", pool_size=3, strides=2),
        dict(reduction="max", pool_size=4),
        dict(reduction="none"),
    ]
    names = {build_cnn(input_shape=(16, 16, 1), **c).name for c in configs}
    assert len(names) == len(configs)


def test_shift_consistency_is_one_for_no_shift_and_a_fraction_otherwise(tiny_data):
    model = build_cnn("avg", input_shape=(16, 16, 1), n_classes=2)
    images = tiny_data[2]
    scores = shift_consistency(model, images, [(0, 0), (0, 3), (2, 2)])
    assert scores[0] == 1.0
    assert scores.shape == (3,) and np.all((scores >= 0) & (scores <= 1))
    # A model that ignores its input entirely is perfectly consistent.
    const = build_cnn("max", input_shape=(16, 16, 1), n_classes=2)
    for v in const.weights:
        v.assign(np.zeros(v.shape, dtype="float32"))
    assert np.all(shift_consistency(const, images, [(0, 5), (4, 0)]) == 1.0)


# ----------------------------------------------- invariance of one pooling
def test_fraction_unchanged_by_hand():
    x = np.array([[0.0, 5.0, 1.0, 2.0], [0.0, 0.0, 3.0, 0.0]])
    # Moved right by 1 (wrapping): [[2, 0, 5, 1], [0, 0, 0, 3]]; max pools 5, 3 -> 2, 5.
    assert fraction_unchanged(x, 1, "max") == 0.0
    assert fraction_unchanged(x, 0, "max") == 1.0
    assert fraction_unchanged(x, 2, "max", realign=True) == 1.0
    assert fraction_unchanged(x, 2, "avg", realign=True) == 1.0
    # Maxima in the left column survive a 1-pixel move when the newcomers are smaller.
    y = np.array([[9.0, 1.0, 8.0, 2.0], [0.0, 0.0, 0.0, 0.0]])
    assert fraction_unchanged(y, 1, "max") == 1.0
    assert fraction_unchanged(y, 1, "avg") == 0.0


def test_fraction_unchanged_matches_the_one_third_rule_on_random_maps():
    # Shift by 1: a 2x2 max survives iff the largest of the 6 values it then competes
    # with lies in the 2 cells that stay: probability 2/6.
    x = np.random.default_rng(0).random((200, 200))
    assert fraction_unchanged(x, 1, "max") == pytest.approx(1 / 3, abs=0.02)
    assert fraction_unchanged(x, 1, "avg") == 0.0
    assert fraction_unchanged(x, 1, "none") == 0.0
    assert fraction_unchanged(x, 3, "none", realign=True) == 1.0


# ---------------------------------------------------------- information loss
def test_upsample_nearest_restores_shape_and_blocks():
    pooled = np.array([[1.0, 2.0], [3.0, 4.0]])
    up = upsample_nearest(pooled, 2, (5, 4))
    assert up.shape == (5, 4)
    np.testing.assert_array_equal(up[:2, :2], 1.0)
    np.testing.assert_array_equal(up[4], [3.0, 3.0, 4.0, 4.0])  # edge-padded last row


def test_reconstruction_error_zero_for_block_constant_images_and_avg_beats_max():
    blocks = np.kron(np.arange(16.0).reshape(4, 4), np.ones((2, 2)))
    assert reconstruction_error(blocks, 2, "max") == 0.0
    assert reconstruction_error(blocks, 2, "avg") == 0.0
    x = np.random.default_rng(1).random((24, 24))
    for f in (2, 3, 4):
        assert reconstruction_error(x, f, "avg") < reconstruction_error(x, f, "max")
    expected = np.sqrt(
        np.mean((np.repeat(pool2d(x[None, :, :, None], 2)[0, :, :, 0], 2, 0).repeat(2, 1) - x) ** 2)
    )
    assert reconstruction_error(x, 2, "max") == pytest.approx(expected)
