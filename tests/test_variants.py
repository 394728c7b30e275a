"""Tests of course_lib.pooling.variants against definitions, limits and Keras."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from course_lib.lessons.fixtures import article_batch
from course_lib.pooling import pool2d
from course_lib.pooling.variants import (
    adaptive_pool2d,
    adaptive_windows,
    binomial_kernel,
    blur_downsample,
    lp_pool2d,
    max_blur_pool2d,
    mixed_pool2d,
    spatial_pyramid_pool,
    stochastic_pool2d,
    stochastic_pool_probabilities,
)


def batch(seed: int = 0, shape=(2, 7, 6, 3)) -> np.ndarray:
    return np.random.default_rng(seed).random(shape)


small_batches = arrays(
    np.float64,
    st.tuples(st.integers(1, 2), st.integers(2, 7), st.integers(2, 7), st.integers(1, 2)),
    elements=st.floats(0, 10, allow_nan=False),
)


# ----------------------------------------------------------------- Lp pooling
@settings(max_examples=40, deadline=None)
@given(small_batches, st.sampled_from(["valid", "same"]))
def test_lp_with_p_1_is_average_pooling(x, padding):
    np.testing.assert_allclose(
        lp_pool2d(x, 1, 2, padding=padding), pool2d(x, 2, padding=padding, mode="avg")
    )


@settings(max_examples=40, deadline=None)
@given(small_batches)
def test_lp_lies_between_average_and_max_and_grows_with_p(x):
    avg = pool2d(x, 2, mode="avg")
    hi = pool2d(x, 2, mode="max")
    previous = avg
    for p in (1, 2, 4, 16):
        now = lp_pool2d(x, p, 2)
        assert np.all(now >= previous - 1e-9)
        assert np.all(now <= hi + 1e-9)
        previous = now


def test_lp_tends_to_max_pooling_for_large_p():
    x = batch()
    hi = pool2d(x, 3, 2, mode="max")
    gaps = [np.abs(lp_pool2d(x, p, 3, 2) - hi).max() for p in (4, 32, 256)]
    assert gaps[0] > gaps[1] > gaps[2]
    # mean**(1/p) >= (1/9)**(1/p): the gap at p=256 is at most 1 - 9**(-1/256) ~ 0.9 %
    assert gaps[2] <= (1 - 9 ** (-1 / 256)) * hi.max() + 1e-12
    np.testing.assert_array_equal(lp_pool2d(x, np.inf, 3, 2), hi)


def test_lp_handles_huge_p_without_overflow():
    x = article_batch().astype(float) * 1e100
    out = lp_pool2d(x, 1e4, 2)
    assert np.all(np.isfinite(out))
    np.testing.assert_allclose(out[0, :, :, 0], np.array([[9, 7], [8, 6]]) * 1e100, rtol=1e-3)


def test_lp_pools_absolute_values_and_matches_pytorch_sum_convention():
    x = -batch(1)
    ours = lp_pool2d(x, 2, 2)
    pytorch_style = np.sqrt(pool2d(x**2, 2, mode="avg") * 4)  # LPPool2d: (sum x^p)^(1/p)
    np.testing.assert_allclose(ours * 4 ** (1 / 2), pytorch_style)


@pytest.mark.parametrize("p", [0.5, 0, -1, "2"])
def test_lp_rejects_p_below_one(p):
    with pytest.raises(ValueError, match="p must be"):
        lp_pool2d(batch(), p, 2)


# --------------------------------------------------------- stochastic pooling
def test_stochastic_test_mode_is_probability_weighted_average():
    out = stochastic_pool2d(article_batch(), 2, training=False)[0, :, :, 0]
    top_left = np.array([2, 2, 9, 4])
    assert out[0, 0] == pytest.approx((top_left**2).sum() / top_left.sum())
    # It lies between the average and the max of each window.
    assert np.all(out >= pool2d(article_batch(), 2, mode="avg")[0, :, :, 0])
    assert np.all(out <= pool2d(article_batch(), 2, mode="max")[0, :, :, 0])


def test_stochastic_training_mean_converges_to_test_mode():
    x = batch(2, (1, 4, 4, 2))
    draws = np.stack([stochastic_pool2d(x, 2, rng=seed) for seed in range(4000)])
    expected = stochastic_pool2d(x, 2, training=False)
    spread = draws.std(axis=0) / np.sqrt(len(draws))
    assert np.all(np.abs(draws.mean(axis=0) - expected) < 5 * spread + 1e-12)


def test_stochastic_training_output_is_one_of_the_window_values_and_seeded():
    x = batch(3, (2, 6, 6, 2))
    a = stochastic_pool2d(x, 2, rng=7)
    np.testing.assert_array_equal(a, stochastic_pool2d(x, 2, rng=7))
    windows, prob = stochastic_pool_probabilities(x, 2)
    assert np.all(np.any(windows == a[..., None], axis=-1))
    np.testing.assert_allclose(prob.sum(axis=-1), 1.0)


def test_stochastic_picks_in_proportion_to_value():
    x = np.array([[1.0, 3.0], [0.0, 0.0]])[None, :, :, None]
    picks = np.array([stochastic_pool2d(x, 2, rng=s)[0, 0, 0, 0] for s in range(2000)])
    assert set(np.unique(picks)) == {1.0, 3.0}  # a zero is never picked
    assert abs((picks == 3.0).mean() - 0.75) < 0.05


def test_stochastic_zero_window_gives_zero_and_negative_input_is_refused():
    zeros = np.zeros((1, 2, 2, 1))
    assert stochastic_pool2d(zeros, 2)[0, 0, 0, 0] == 0
    assert stochastic_pool2d(zeros, 2, training=False)[0, 0, 0, 0] == 0
    with pytest.raises(ValueError, match="non-negative"):
        stochastic_pool2d(-np.ones((1, 2, 2, 1)), 2)


# ------------------------------------------------------------- mixed pooling
def test_mixed_pooling_endpoints_and_midpoint():
    x = batch(4)
    hi, avg = pool2d(x, 2, mode="max"), pool2d(x, 2, mode="avg")
    np.testing.assert_allclose(mixed_pool2d(x, 1.0, 2), hi)
    np.testing.assert_allclose(mixed_pool2d(x, 0.0, 2), avg)
    np.testing.assert_allclose(mixed_pool2d(x, 0.5, 2), (hi + avg) / 2)
    per_channel = mixed_pool2d(x, np.array([0.0, 1.0, 0.25]), 2)
    np.testing.assert_allclose(per_channel[..., 1], hi[..., 1])
    with pytest.raises(ValueError, match="alpha"):
        mixed_pool2d(x, 1.5, 2)


# ---------------------------------------------------------- blur pooling
def test_binomial_kernels():
    np.testing.assert_allclose(binomial_kernel(1), [1.0])
    np.testing.assert_allclose(binomial_kernel(3), [0.25, 0.5, 0.25])
    np.testing.assert_allclose(binomial_kernel(5), np.array([1, 4, 6, 4, 1]) / 16)


@settings(max_examples=30, deadline=None)
@given(small_batches, st.integers(1, 3))
def test_blur_with_a_one_cell_filter_is_strided_subsampling(x, stride):
    np.testing.assert_array_equal(blur_downsample(x, 1, stride), x[:, ::stride, ::stride])


@settings(max_examples=30, deadline=None)
@given(small_batches)
def test_max_blur_pool_without_blur_is_max_pooling_with_stride_one_subsampled(x):
    dense = pool2d(x, 2, strides=1, mode="max")
    np.testing.assert_array_equal(max_blur_pool2d(x, 2, 2, blur_size=1), dense[:, ::2, ::2])


def test_max_blur_pool_without_blur_equals_ordinary_max_pool_on_even_sizes():
    x = batch(5, (1, 9, 9, 2))  # dense map 8x8, subsampled to 4x4 = MaxPool(2, 2) of 8x8 crop
    np.testing.assert_array_equal(max_blur_pool2d(x, 2, 2, 1), pool2d(x[:, :8, :8], 2))


def test_blur_keeps_a_constant_and_its_mean_and_output_size():
    const = np.full((1, 8, 6, 1), 3.0)
    np.testing.assert_allclose(blur_downsample(const, 3, 2), 3.0)
    assert blur_downsample(batch(), 5, 2).shape == (2, 4, 3, 3)  # ceil(7/2), ceil(6/2)


def test_blur_reduces_aliasing_of_a_checkerboard():
    # A checkerboard subsampled by 2 becomes a constant that depends on the phase
    # (aliasing); blurred first, both phases give the same grey.
    board = (np.indices((8, 8)).sum(axis=0) % 2).astype(float)[None, :, :, None]
    shifted = np.roll(board, 1, axis=2)
    plain = [blur_downsample(b, 1, 2)[0, 1:-1, 1:-1, 0].mean() for b in (board, shifted)]
    blurred = [blur_downsample(b, 3, 2)[0, 1:-1, 1:-1, 0].mean() for b in (board, shifted)]
    assert plain == [0.0, 1.0]
    assert blurred[0] == pytest.approx(0.5) and blurred[1] == pytest.approx(0.5)


# ---------------------------------------------------- adaptive pooling, SPP
def test_adaptive_windows_rule():
    assert adaptive_windows(7, 3) == [(0, 3), (2, 5), (4, 7)]
    assert adaptive_windows(6, 3) == [(0, 2), (2, 4), (4, 6)]
    assert adaptive_windows(2, 4) == [(0, 1), (0, 1), (1, 2), (1, 2)]


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 30), st.integers(1, 12))
def test_adaptive_windows_cover_the_axis_with_sizes_differing_by_at_most_one(n, out):
    wins = adaptive_windows(n, out)
    assert len(wins) == out and wins[0][0] == 0 and wins[-1][1] == n
    assert all(b > a for a, b in wins)
    assert all(nxt[0] <= prev[1] for prev, nxt in itertools.pairwise(wins))
    if out <= n:
        sizes = {b - a for a, b in wins}
        assert max(sizes) - min(sizes) <= 1


@pytest.mark.parametrize("mode", ["max", "avg"])
@pytest.mark.parametrize(("h", "w", "out"), [(8, 8, 4), (6, 9, (2, 3)), (12, 4, (4, 1))])
def test_adaptive_with_divisible_sizes_is_ordinary_pooling(mode, h, w, out):
    x = batch(6, (2, h, w, 3))
    oh, ow = (out, out) if isinstance(out, int) else out
    np.testing.assert_allclose(
        adaptive_pool2d(x, out, mode), pool2d(x, (h // oh, w // ow), mode=mode)
    )


@pytest.mark.parametrize("mode", ["max", "avg"])
@pytest.mark.parametrize(("h", "w", "out"), [(7, 5, (3, 2)), (10, 13, (4, 5)), (3, 3, (5, 5))])
def test_adaptive_matches_keras(mode, h, w, out):
    from course_lib.frameworks import import_keras

    keras = import_keras()
    layer_cls = (
        keras.layers.AdaptiveMaxPooling2D
        if mode == "max"
        else keras.layers.AdaptiveAveragePooling2D
    )
    x = batch(7, (2, h, w, 2)).astype("float32")
    expected = np.asarray(layer_cls(out, data_format="channels_last")(x))
    np.testing.assert_allclose(adaptive_pool2d(x, out, mode), expected, rtol=1e-5)


def test_spp_output_length_is_independent_of_the_input_size():
    for h, w in [(5, 5), (13, 8), (32, 17)]:
        out = spatial_pyramid_pool(batch(8, (2, h, w, 3)), levels=(1, 2, 4))
        assert out.shape == (2, 3 * (1 + 4 + 16))


def test_spp_first_level_is_global_pooling():
    x = batch(9, (2, 9, 7, 3))
    out = spatial_pyramid_pool(x, levels=(1, 3), mode="avg")
    np.testing.assert_allclose(out[:, :3], x.mean(axis=(1, 2)))
    np.testing.assert_allclose(out[:, 3:], adaptive_pool2d(x, 3, "avg").reshape(2, -1))
    with pytest.raises(ValueError, match="levels"):
        spatial_pyramid_pool(x, levels=())


def test_variants_refuse_non_batches():
    with pytest.raises(ValueError, match="4-D batch"):
        lp_pool2d(np.ones((4, 4)), 2, 2)
    with pytest.raises(ValueError, match="finite"):
        adaptive_pool2d(np.full((1, 2, 2, 1), np.nan), 1)


# ------------------------------------------- one rule for integer arguments
# A window size, stride or count must be an integer: a float, even 2.0, a bool or a
# string is a TypeError naming the argument; an integer that is too small (or a pair
# of the wrong length) is a ValueError. pool2d has always followed this rule (see
# tests/test_pooling.py); the variants used to raise ValueError for 2.0 and to
# accept True as 1.
X4 = np.ones((1, 4, 4, 1))


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda v: pool2d(X4, v), "pool_size"),
        (lambda v: pool2d(X4, 2, v), "strides"),
        (lambda v: lp_pool2d(X4, 2, v), "pool_size"),
        (lambda v: lp_pool2d(X4, 2, 2, v), "strides"),
        (lambda v: stochastic_pool2d(X4, v), "pool_size"),
        (lambda v: stochastic_pool_probabilities(X4, 2, v), "strides"),
        (lambda v: mixed_pool2d(X4, 0.5, v), "pool_size"),
        (lambda v: adaptive_pool2d(X4, v), "output_size"),
        (lambda v: adaptive_pool2d(X4, (2, v)), r"output_size\[1\]"),
        (lambda v: adaptive_windows(4, v), "out"),
        (lambda v: binomial_kernel(v), "size"),
        (lambda v: blur_downsample(X4, 3, v), "stride"),
        (lambda v: max_blur_pool2d(X4, v), "pool_size"),
    ],
)
@pytest.mark.parametrize(
    ("value", "error", "message"),
    [
        (2.0, TypeError, "must be an integer, got 2.0"),
        (np.float32(2), TypeError, "must be an integer"),
        (True, TypeError, "must be an integer, got True"),
        ("2", TypeError, "must be an integer"),
        (0, ValueError, "must be >= 1, got 0"),
    ],
)
def test_integer_arguments_follow_one_rule_everywhere(call, name, value, error, message):
    with pytest.raises(error, match=rf"^{name} must"):
        call(value)
    with pytest.raises(error, match=message):
        call(value)
