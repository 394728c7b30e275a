"""The forward pass of ``course_lib.pooling``: worked examples, the fast ``pool2d``
against the teaching loops of ``pool2d_naive``, dtypes, NaN, and bad input.

Comparisons with Keras live in ``test_pooling_keras.py``, the backward pass in
``test_pooling_backward.py`` and the output-size rules in ``test_output_size.py``.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pooling_strategies import cases, random_values

import course_lib.pooling.fast as fast_module
from course_lib.lessons.fixtures import ARTICLE_MAP
from course_lib.pooling import (
    global_pool2d,
    output_shape,
    pool2d,
    pool2d_backward,
    pool2d_naive,
)

POOLS = [pool2d, pool2d_naive]


def as_batch(m: np.ndarray) -> np.ndarray:
    """A single 2-D map as a batch of one example with one channel (NHWC)."""
    return m[None, :, :, None]


# --------------------------------------------------------------------------
# The source article's worked example
# --------------------------------------------------------------------------
@pytest.mark.parametrize("pool", POOLS)
@pytest.mark.parametrize("dtype", [np.int64, np.float32, np.float64])
def test_article_example(pool, dtype):
    x = as_batch(ARTICLE_MAP.astype(dtype))
    np.testing.assert_array_equal(pool(x, 2)[0, :, :, 0], [[9, 7], [8, 6]])
    np.testing.assert_array_equal(pool(x, 2, mode="avg")[0, :, :, 0], [[4.25, 4.25], [4.25, 3.5]])


@pytest.mark.parametrize("dtype", [np.int64, np.float32, np.float64])
def test_article_example_global(dtype):
    x = as_batch(ARTICLE_MAP.astype(dtype))
    assert global_pool2d(x, "max").tolist() == [[9]]
    assert global_pool2d(x, "avg").tolist() == [[4.0625]]
    # Global pooling is pooling with a window the size of the whole map.
    assert pool2d(x, 4).item() == 9
    assert pool2d_naive(x, 4, mode="avg").item() == 4.0625


@pytest.mark.parametrize("pool", POOLS)
def test_channels_pooled_separately_and_layouts_agree(pool):
    x = np.stack([ARTICLE_MAP, -ARTICLE_MAP, 10 * ARTICLE_MAP], axis=-1)[None].astype(float)  # NHWC
    y = pool(x, 2)
    np.testing.assert_array_equal(y[0, :, :, 0], [[9, 7], [8, 6]])
    np.testing.assert_array_equal(y[0, :, :, 1], [[-2, -1], [-1, -2]])
    np.testing.assert_array_equal(y[0, :, :, 2], [[90, 70], [80, 60]])
    y_first = pool(x.transpose(0, 3, 1, 2), 2, data_format="channels_first")
    np.testing.assert_array_equal(y_first, y.transpose(0, 3, 1, 2))


# --------------------------------------------------------------------------
# Hand-worked padding rules (PyTorch and Keras), see /work/shared/notes
# --------------------------------------------------------------------------
@pytest.mark.parametrize("pool", POOLS)
def test_max_padding_acts_as_minus_infinity(pool):
    # Zero padding would give [0, -2]: padding never wins a max.
    x = np.array([-1.0, -2.0, -3.0])[None, None, :, None]
    y = pool(x, (1, 2), (1, 2), padding=(0, 1))
    np.testing.assert_array_equal(y.ravel(), [-1, -2])


@pytest.mark.parametrize("pool", POOLS)
def test_avg_ceil_mode_counts_cells_clipped_to_padded_frame(pool):
    x = np.ones((1, 1, 4, 1))
    kw = {"pool_size": (1, 3), "strides": (1, 2), "padding": (0, 1), "ceil_mode": True}
    with_pad = pool(x, mode="avg", count_include_pad=True, **kw)
    np.testing.assert_allclose(with_pad.ravel(), [2 / 3, 1, 0.5], rtol=1e-15)
    without_pad = pool(x, mode="avg", count_include_pad=False, **kw)
    np.testing.assert_array_equal(without_pad.ravel(), [1, 1, 1])


@pytest.mark.parametrize("pool", POOLS)
def test_keras_same_average_ignores_padding(pool):
    x = np.arange(1, 26, dtype=float).reshape(5, 5)
    y = pool(as_batch(x), 2, padding="same", mode="avg")[0, :, :, 0]
    np.testing.assert_array_equal(y[:, -1], [7.5, 17.5, 25])
    np.testing.assert_array_equal(y[-1], [21.5, 23.5, 25])


@pytest.mark.parametrize("pool", POOLS)
def test_same_padding_puts_the_extra_cell_at_the_end(pool):
    # n=4, f=3, s=1: total padding 2 -> 1 before, 1 after; n=4, f=2, s=1: 0 before, 1 after.
    x = as_batch(np.array([[1.0, 2.0, 3.0, 4.0]]))
    np.testing.assert_array_equal(pool(x, (1, 3), 1, "same").ravel(), [2, 3, 4, 4])
    np.testing.assert_array_equal(pool(x, (1, 2), 1, "same").ravel(), [2, 3, 4, 4])
    np.testing.assert_array_equal(pool(x, (1, 2), 1, "same", "avg").ravel(), [1.5, 2.5, 3.5, 4])


# --------------------------------------------------------------------------
# pool2d (fast) == pool2d_naive (teaching loops)
# --------------------------------------------------------------------------
def assert_same_result(fast: np.ndarray, naive: np.ndarray, mode: str) -> None:
    assert fast.dtype == naive.dtype
    assert fast.shape == naive.shape
    if mode == "max":
        np.testing.assert_array_equal(fast, naive)  # a max is exact: no rounding
    else:
        # The two add the same numbers in a different order.
        rtol = {2: 2e-3, 4: 1e-5}.get(fast.dtype.itemsize, 1e-12)
        np.testing.assert_allclose(fast, naive, rtol=rtol, atol=rtol)


@settings(max_examples=300, deadline=None)
@given(
    case=cases(pytorch_options=True),
    mode=st.sampled_from(["max", "avg"]),
    dtype=st.sampled_from([np.float64, np.float32, np.float16, np.int64, np.int8, np.uint8]),
    seed=st.integers(0, 2**32 - 1),
)
def test_pool2d_equals_naive(case, mode, dtype, seed):
    x = random_values(case.shape, seed, dtype)
    fast = pool2d(x, mode=mode, **case.kwargs())
    naive = pool2d_naive(x, mode=mode, **case.kwargs())
    assert_same_result(fast, naive, mode)
    assert fast.shape == output_shape(
        x.shape,
        case.pool_size,
        case.strides,
        case.padding,
        case.data_format,
        case.ceil_mode,
    )


@settings(max_examples=60, deadline=None)
@given(
    case=cases(pytorch_options=True, max_batch=5),
    mode=st.sampled_from(["max", "avg"]),
    seed=st.integers(0, 2**32 - 1),
)
def test_pool2d_split_in_threads_and_blocks_equals_naive(case, mode, seed):
    # Force the threads and the row blocks (normally only for inputs of several MB
    # and for temporaries beyond the cache) on small cases: one output row per block.
    x = random_values(case.shape, seed, np.float32)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(fast_module, "_PARALLEL_MIN_BYTES", 0)
        patch.setattr(fast_module, "_WORKERS", 3)
        patch.setattr(fast_module, "_BLOCK_BYTES", 1)
        patch.setattr(fast_module, "_BLOCKING_MIN_BYTES", 0)
        fast = pool2d(x, mode=mode, **case.kwargs())
    assert_same_result(fast, pool2d_naive(x, mode=mode, **case.kwargs()), mode)


@pytest.mark.parametrize("mode", ["max", "avg"])
def test_pool2d_on_a_batch_big_enough_for_threads(mode):
    x = random_values((6, 128, 128, 48), 0, np.float32)  # 19 MB: threads and row blocks
    assert x.nbytes >= fast_module._PARALLEL_MIN_BYTES
    assert x.nbytes / 2 / 2 >= fast_module._BLOCKING_MIN_BYTES  # each half's temporary
    blocks = x.reshape(6, 64, 2, 64, 2, 48)  # f = s = 2: windows are these 2x2 blocks
    expected = blocks.max(axis=(2, 4)) if mode == "max" else blocks.mean(axis=(2, 4))
    np.testing.assert_allclose(pool2d(x, 2, mode=mode), expected, rtol=1e-6, atol=1e-5)


@pytest.mark.parametrize("pool", POOLS)
@pytest.mark.parametrize("mode", ["max", "avg"])
def test_strides_larger_than_the_window_skip_cells(pool, mode):
    x = random_values((2, 10, 11, 3), 5)
    np.testing.assert_array_equal(pool(x, 1, 3, mode=mode), x[:, ::3, ::3])
    blocks = x[:, :8, :10].reshape(2, 2, 4, 2, 5, 3)[:, :, :2, :, :2]  # 2x2 windows, strides 4, 5
    expected = blocks.max(axis=(2, 4)) if mode == "max" else blocks.mean(axis=(2, 4))
    got = pool(x[:, :8, :10], 2, (4, 5), mode=mode)
    np.testing.assert_allclose(got, expected, rtol=1e-12)


@pytest.mark.parametrize(
    ("dtype", "max_dtype", "avg_dtype"),
    [
        (np.float16, np.float16, np.float16),
        (np.float32, np.float32, np.float32),
        (np.float64, np.float64, np.float64),
        (np.int8, np.int8, np.float64),
        (np.uint8, np.uint8, np.float64),
        (np.int32, np.int32, np.float64),
        (np.int64, np.int64, np.float64),
        (np.uint64, np.uint64, np.float64),
    ],
)
@pytest.mark.parametrize("pool", POOLS)
def test_output_dtypes(pool, dtype, max_dtype, avg_dtype):
    x = random_values((1, 5, 5, 2), 0, dtype)
    assert pool(x, 2, padding="same").dtype == max_dtype
    assert pool(x, 2, padding="same", mode="avg").dtype == avg_dtype
    assert global_pool2d(x, "max").dtype == max_dtype
    assert global_pool2d(x, "avg").dtype == avg_dtype


@pytest.mark.parametrize("pool", POOLS)
@pytest.mark.parametrize("dtype", [np.int8, np.uint8, np.int64, np.uint64])
def test_integer_extremes_with_padding(pool, dtype):
    info = np.iinfo(dtype)
    x = np.full((1, 3, 3, 1), info.min, dtype=dtype)
    x[0, 2, 2, 0] = info.max
    y = pool(x, 2, padding=1)  # windows hang into the padding on every side
    np.testing.assert_array_equal(y[0, :, :, 0], [[info.min, info.min], [info.min, info.max]])
    # Averages are taken in float64, so no integer overflow.
    y_avg = pool(x, 3, mode="avg")
    np.testing.assert_allclose(y_avg.item(), (8.0 * info.min + info.max) / 9, rtol=1e-12)


@settings(max_examples=100, deadline=None)
@given(
    case=cases(pytorch_options=True),
    mode=st.sampled_from(["max", "avg"]),
    seed=st.integers(0, 2**32 - 1),
)
def test_nan_propagates_to_every_window_that_holds_it(case, mode, seed):
    x = random_values(case.shape, seed, np.float64)
    flat = np.random.default_rng(seed).integers(x.size)
    x.reshape(-1)[flat] = np.nan
    fast = pool2d(x, mode=mode, **case.kwargs())
    naive = pool2d_naive(x, mode=mode, **case.kwargs())
    np.testing.assert_array_equal(np.isnan(fast), np.isnan(naive))
    np.testing.assert_allclose(fast, naive, rtol=1e-12, atol=1e-12, equal_nan=True)
    # The NaN reaches exactly the windows that contain it.
    marker = np.zeros_like(x)
    marker.reshape(-1)[flat] = 1
    touched = pool2d(marker, **case.kwargs()) == 1
    np.testing.assert_array_equal(np.isnan(fast), touched)


@pytest.mark.parametrize("pool", POOLS)
def test_infinities_are_ordinary_values(pool):
    x = as_batch(np.array([[-np.inf, -np.inf], [-np.inf, np.inf]]))
    assert pool(x, 2).item() == np.inf
    assert pool(x, 1, padding=0)[0, 0, 0, 0] == -np.inf
    assert pool(x[:, :1, :1], 2, padding=1).item() == -np.inf


@settings(max_examples=60, deadline=None)
@given(case=cases(pytorch_options=True), seed=st.integers(0, 2**32 - 1))
def test_inputs_are_never_modified(case, seed):
    x = random_values(case.shape, seed, np.float32)
    x_before = x.copy()
    x.setflags(write=False)  # any write into x would raise
    outputs = []
    for mode in ("max", "avg"):
        for pool in POOLS:
            y = pool(x, mode=mode, **case.kwargs())
            assert not np.shares_memory(y, x)
            outputs.append(y)
        dout = np.ones_like(outputs[-1])
        dout.setflags(write=False)
        dx = pool2d_backward(dout, x, mode=mode, **case.kwargs())
        assert not np.shares_memory(dx, x)
        assert not np.shares_memory(dx, dout)
    for mode in ("max", "avg"):
        assert not np.shares_memory(global_pool2d(x, mode), x)
    np.testing.assert_array_equal(x, x_before)


@pytest.mark.parametrize("pool", POOLS)
def test_accepts_lists_and_non_contiguous_arrays(pool):
    x = as_batch(ARTICLE_MAP).tolist()
    np.testing.assert_array_equal(pool(x, 2)[0, :, :, 0], [[9, 7], [8, 6]])
    wide = np.zeros((1, 4, 8, 1))
    wide[0, :, ::2, 0] = ARTICLE_MAP
    np.testing.assert_array_equal(pool(wide[:, :, ::2], 2)[0, :, :, 0], [[9, 7], [8, 6]])


@pytest.mark.parametrize("keepdims", [False, True])
@pytest.mark.parametrize("data_format", ["channels_last", "channels_first"])
@pytest.mark.parametrize("mode", ["max", "avg"])
def test_global_pool_is_pool_with_the_whole_map(mode, data_format, keepdims):
    x = random_values((2, 5, 3, 4), 1)
    g = global_pool2d(x, mode, keepdims=keepdims, data_format=data_format)
    full = pool2d(
        x,
        x.shape[1:3] if data_format == "channels_last" else x.shape[2:4],
        mode=mode,
        data_format=data_format,
    )
    if keepdims:
        np.testing.assert_allclose(g, full, rtol=1e-12)
    else:
        np.testing.assert_allclose(g, full.reshape(2, -1), rtol=1e-12)


# --------------------------------------------------------------------------
# Bad input: a clear error that names the argument and the rule
# --------------------------------------------------------------------------
X = np.zeros((1, 4, 4, 1))


@pytest.mark.parametrize("pool", [pool2d, pool2d_naive, pool2d_backward], ids=lambda f: f.__name__)
@pytest.mark.parametrize(
    ("x", "kwargs", "error", "match"),
    [
        (
            X,
            {"pool_size": 5},
            ValueError,
            r"pool_size 5 along the height is larger than the padded",
        ),
        (X, {"pool_size": (2, 5)}, ValueError, r"pool_size 5 along the width is larger"),
        (X, {"pool_size": 5, "padding": 0}, ValueError, r"larger than the padded input"),
        (X, {"pool_size": 2, "strides": 0}, ValueError, r"strides must be >= 1, got 0"),
        (X, {"pool_size": 2, "strides": (1, -1)}, ValueError, r"strides\[1\] must be >= 1"),
        (X, {"pool_size": 0}, ValueError, r"pool_size must be >= 1"),
        (X, {"pool_size": 2.0}, TypeError, r"pool_size must be an integer, got 2.0"),
        (X, {"pool_size": True}, TypeError, r"pool_size must be an integer, got True"),
        (X, {"pool_size": np.float32(2)}, TypeError, r"pool_size must be an integer"),
        (X, {"pool_size": 2, "strides": 1.5}, TypeError, r"strides must be an integer"),
        (X, {"pool_size": (2, 2, 2)}, ValueError, r"pool_size must be an int or a pair"),
        (X, {"pool_size": "2"}, TypeError, r"pool_size must be an integer"),
        (X[0], {"pool_size": 2}, ValueError, r"expected a 4-D batch \(N, H, W, C\)"),
        (X[0, :, :, 0], {"pool_size": 2}, ValueError, r"m\[None, :, :, None\]"),
        (X[None], {"pool_size": 2}, ValueError, r"expected a 4-D batch"),
        (X, {"pool_size": 2, "mode": "mean"}, ValueError, r"mode must be 'max' or 'avg'"),
        (X, {"pool_size": 2, "padding": "full"}, ValueError, r"padding must be 'valid', 'same'"),
        (X, {"pool_size": 2, "padding": None}, TypeError, r"padding must be an integer"),
        (X, {"pool_size": 2, "data_format": "NHWC"}, ValueError, r"data_format must be"),
        (X, {"pool_size": 2, "padding": -1}, ValueError, r"padding must be >= 0"),
        (X, {"pool_size": 2, "padding": 1.0}, TypeError, r"padding must be an integer"),
        (X, {"pool_size": 3, "padding": 2}, ValueError, r"more than half the pool size 3"),
        (X, {"pool_size": (3, 2), "padding": (1, 2)}, ValueError, r"padding=2 along the width"),
        (X, {"pool_size": 2, "padding": "same", "ceil_mode": True}, ValueError, r"ceil_mode"),
        (X, {"pool_size": 2, "ceil_mode": 1}, TypeError, r"ceil_mode must be True or False"),
        (X, {"pool_size": 2, "count_include_pad": "no"}, TypeError, r"count_include_pad must be"),
        (X.astype(complex), {"pool_size": 2}, TypeError, r"x must hold real numbers.*complex"),
        (X.astype(bool), {"pool_size": 2}, TypeError, r"x must hold real numbers.*bool"),
        (X.astype(object), {"pool_size": 2}, TypeError, r"x must hold real numbers.*object"),
        (np.array([["a"]]), {"pool_size": 2}, TypeError, r"x must hold real numbers"),
    ],
)
def test_bad_input_raises_a_clear_error(pool, x, kwargs, error, match):
    args = (np.ones((1, 2, 2, 1)), x) if pool is pool2d_backward else (x,)
    with pytest.raises(error, match=match):
        pool(*args, **kwargs)


@pytest.mark.parametrize(
    ("x", "kwargs", "error", "match"),
    [
        (X, {"mode": "median"}, ValueError, r"mode must be 'max' or 'avg'"),
        (X, {"data_format": "NCHW"}, ValueError, r"data_format must be"),
        (X[0], {}, ValueError, r"expected a 4-D batch"),
        (X.astype(complex), {}, TypeError, r"x must hold real numbers"),
        (X.astype(bool), {}, TypeError, r"x must hold real numbers"),
        (X, {"keepdims": "yes"}, TypeError, r"keepdims must be True or False"),
    ],
)
def test_global_pool_bad_input(x, kwargs, error, match):
    with pytest.raises(error, match=match):
        global_pool2d(x, **kwargs)


@pytest.mark.parametrize(
    ("dout_shape", "kwargs"),
    [((1, 3, 3, 1), {}), ((1, 2, 2), {}), ((1, 2, 2, 1), {"padding": "same", "strides": 1})],
)
def test_backward_rejects_dout_of_the_wrong_shape(dout_shape, kwargs):
    with pytest.raises(ValueError, match=r"dout must have the pooled output's shape \(1, "):
        pool2d_backward(np.ones(dout_shape), X, 2, **kwargs)


def test_backward_rejects_non_real_dout():
    with pytest.raises(TypeError, match=r"dout must hold real numbers"):
        pool2d_backward(np.ones((1, 2, 2, 1), dtype=complex), X, 2)
