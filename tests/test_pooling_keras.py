"""``course_lib.pooling`` against Keras 3 (JAX backend, on the CPU): the framework
the course teaches must agree with the oracle, cell for cell.

Keras layers run in float32, so inputs are float32 here. Each Keras call on a
new shape costs tens of milliseconds (JAX compiles it), which bounds the number
of random examples.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pooling_strategies import cases, distinct_values, random_values

from course_lib.frameworks import import_keras
from course_lib.pooling import global_pool2d, output_shape, pool2d, pool2d_backward, pool2d_naive

keras = import_keras()
jax = pytest.importorskip("jax")

KERAS_LAYERS = {"max": keras.layers.MaxPooling2D, "avg": keras.layers.AveragePooling2D}
KERAS_CASES = cases(paddings=("valid", "same"), max_size=10, max_pool=4, max_stride=4)


def keras_layer(case, mode):
    return KERAS_LAYERS[mode](
        pool_size=case.pool_size,
        strides=case.strides,
        padding=case.padding,
        data_format=case.data_format,  # explicit: the default comes from ~/.keras/keras.json
    )


def our_kwargs(case):
    return {
        "pool_size": case.pool_size,
        "strides": case.strides,
        "padding": case.padding,
        "data_format": case.data_format,
    }


@pytest.mark.parametrize("mode", ["max", "avg"])
@settings(max_examples=150, deadline=None)
@given(case=KERAS_CASES, seed=st.integers(0, 2**32 - 1))
def test_pool2d_and_naive_equal_keras(mode, case, seed):
    x = random_values(case.shape, seed, np.float32)
    layer = keras_layer(case, mode)
    expected = np.asarray(layer(x))
    assert expected.shape == output_shape(x.shape, **our_kwargs(case))
    assert tuple(layer.compute_output_shape(x.shape)) == expected.shape
    for pool in (pool2d, pool2d_naive):
        got = pool(x, mode=mode, **our_kwargs(case))
        assert got.shape == expected.shape
        assert got.dtype == np.float32
        if mode == "max":
            np.testing.assert_array_equal(got, expected)
        else:
            np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("mode", ["max", "avg"])
@pytest.mark.parametrize("data_format", ["channels_last", "channels_first"])
@pytest.mark.parametrize("keepdims", [False, True])
def test_global_pool_equals_keras(mode, data_format, keepdims):
    layer_cls = {"max": keras.layers.GlobalMaxPooling2D, "avg": keras.layers.GlobalAveragePooling2D}
    layer = layer_cls[mode](data_format=data_format, keepdims=keepdims)
    for seed, shape in enumerate([(1, 1, 1, 1), (2, 5, 7, 3), (3, 4, 1, 6)]):
        x = random_values(shape, seed, np.float32)
        expected = np.asarray(layer(x))
        got = global_pool2d(x, mode, keepdims=keepdims, data_format=data_format)
        assert got.shape == expected.shape == tuple(layer.compute_output_shape(shape))
        assert got.dtype == np.float32
        np.testing.assert_allclose(got, expected, rtol=1e-6, atol=1e-6)


def test_keras_same_average_on_the_notes_example():
    x = np.arange(1, 26, dtype=np.float32).reshape(1, 5, 5, 1)
    layer = keras.layers.AveragePooling2D(2, 2, padding="same", data_format="channels_last")
    expected = np.asarray(layer(x))
    np.testing.assert_array_equal(expected[0, :, -1, 0], [7.5, 17.5, 25])
    np.testing.assert_array_equal(pool2d(x, 2, padding="same", mode="avg"), expected)


@pytest.mark.parametrize("mode", ["max", "avg"])
@settings(max_examples=25, deadline=None)
@given(case=KERAS_CASES, seed=st.integers(0, 2**32 - 1))
def test_backward_equals_jax_grad_of_keras_layer(mode, case, seed):
    """Where the gradient is well defined (no ties), ours is JAX's autodiff of Keras."""
    jnp = jax.numpy
    x = distinct_values(case.shape, seed, np.float32)
    dout = random_values(output_shape(x.shape, **our_kwargs(case)), seed + 1, np.float32)
    layer = keras_layer(case, mode)

    def loss(inputs):
        return jnp.sum(layer(inputs) * dout)

    expected = np.asarray(jax.grad(loss)(jnp.asarray(x)))
    got = pool2d_backward(dout, x, mode=mode, **our_kwargs(case))
    assert got.dtype == np.float32
    np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-5)


def test_pool_larger_than_a_valid_input_is_refused():
    """We raise, like Keras's shape inference; the JAX layer call itself returns an
    empty (1, 0, 0, 1) array instead (Keras 3.15), which hides the mistake."""
    layer = keras.layers.MaxPooling2D(4, padding="valid", data_format="channels_last")
    with pytest.raises(ValueError, match="zero or negative"):
        layer.compute_output_shape((1, 3, 3, 1))
    assert np.asarray(layer(np.zeros((1, 3, 3, 1), dtype=np.float32))).shape == (1, 0, 0, 1)
    with pytest.raises(ValueError, match="larger than the padded input"):
        output_shape((1, 3, 3, 1), 4)
    # With "same" a window larger than the input is fine in both: padding fills it.
    layer = keras.layers.AveragePooling2D(5, 1, padding="same", data_format="channels_last")
    x = np.arange(9, dtype=np.float32).reshape(1, 3, 3, 1)
    np.testing.assert_array_equal(pool2d(x, 5, 1, "same", "avg"), np.asarray(layer(x)))
