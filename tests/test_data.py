"""Tests of ``course_lib.lab.data``: shapes, dtypes, ranges, balance, determinism, border rules."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from course_lib.lab import data


# --------------------------------------------------------------------------
# make_shapes
# --------------------------------------------------------------------------
def test_make_shapes_shapes_dtypes_and_range():
    images, labels = data.make_shapes(10, size=24, seed=3)
    assert images.shape == (10, 24, 24, 1)
    assert images.dtype == np.float32
    assert labels.shape == (10,)
    assert labels.dtype == np.int64
    assert images.min() >= 0.0
    assert images.max() <= 1.0


@pytest.mark.parametrize(("n", "classes"), [(30, ("square", "circle", "cross")), (11, data.SHAPES)])
def test_make_shapes_labels_are_balanced(n, classes):
    _, labels = data.make_shapes(n, size=16, classes=classes, seed=0)
    counts = np.bincount(labels, minlength=len(classes))
    assert counts.max() - counts.min() <= 1
    assert counts.sum() == n
    assert set(labels.tolist()) <= set(range(len(classes)))


def test_make_shapes_labels_are_shuffled():
    _, labels = data.make_shapes(60, size=16, seed=0)
    assert not np.array_equal(labels, np.resize(np.arange(3), 60))


def test_make_shapes_same_seed_same_data_other_seed_other_data():
    a_img, a_lab = data.make_shapes(12, size=16, seed=7)
    b_img, b_lab = data.make_shapes(12, size=16, seed=7)
    c_img, _ = data.make_shapes(12, size=16, seed=8)
    np.testing.assert_array_equal(a_img, b_img)
    np.testing.assert_array_equal(a_lab, b_lab)
    assert not np.array_equal(a_img, c_img)


def test_clean_image_is_exactly_the_drawn_shape_at_the_returned_position():
    images, labels, pos = data.make_shapes(
        9, size=20, noise=0.0, seed=2, radius=4, return_positions=True
    )
    classes = ("square", "circle", "cross")
    for img, lab, (r, c) in zip(images, labels, pos, strict=True):
        expected = data.draw_shape(classes[lab], 20, (int(r), int(c)), 4)
        np.testing.assert_array_equal(img[:, :, 0], expected)


def test_shapes_fit_whole_on_the_canvas():
    _, _, pos = data.make_shapes(200, size=20, radius=4, seed=0, return_positions=True)
    assert pos.min() >= 4
    assert pos.max() <= 20 - 1 - 4


@pytest.mark.parametrize("max_shift", [0, 2])
def test_max_shift_bounds_the_centre(max_shift):
    _, _, pos = data.make_shapes(100, size=32, max_shift=max_shift, seed=1, return_positions=True)
    assert np.abs(pos - 16).max() <= max_shift
    if max_shift > 0:
        assert np.abs(pos - 16).max() == max_shift  # the range is actually used


def test_noise_changes_pixels_and_zero_noise_does_not():
    clean, _ = data.make_shapes(4, size=16, noise=0.0, seed=0)
    noisy, _ = data.make_shapes(4, size=16, noise=0.2, seed=0)
    assert set(np.unique(clean).tolist()) == {0.0, 1.0}
    assert len(np.unique(noisy)) > 2


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"n": 0}, ValueError),
        ({"n": 3, "size": 4}, ValueError),
        ({"n": 3, "classes": ("hexagon",)}, ValueError),
        ({"n": 3, "classes": ()}, ValueError),
        ({"n": 3, "noise": -0.1}, ValueError),
        ({"n": 3, "size": 16, "radius": 8}, ValueError),
        ({"n": 3, "max_shift": -1}, ValueError),
    ],
)
def test_make_shapes_rejects_bad_arguments(kwargs, error):
    with pytest.raises(error):
        data.make_shapes(**kwargs)


@pytest.mark.parametrize("name", data.SHAPES)
def test_every_shape_is_drawn_distinctly(name):
    img = data.draw_shape(name, 21, radius=6)
    assert img.dtype == np.float32
    assert img[10, 10] == 1.0  # every shape covers its centre
    others = [data.draw_shape(o, 21, radius=6) for o in data.SHAPES if o != name]
    assert all(not np.array_equal(img, o) for o in others)


# --------------------------------------------------------------------------
# stripes
# --------------------------------------------------------------------------
def test_stripes_alternate_with_period_two():
    s = data.stripes(6, period=2)
    assert s.shape == (6, 6)
    assert s.dtype == np.float32
    np.testing.assert_array_equal(s[0], [1, 0, 1, 0, 1, 0])
    np.testing.assert_array_equal(s[:, 0], np.ones(6))  # vertical: constant down a column


def test_stripes_orientation_phase_and_smooth():
    np.testing.assert_array_equal(data.stripes(4, 2, "horizontal"), data.stripes(4, 2).T)
    np.testing.assert_array_equal(data.stripes(4, 2, phase=1)[0], [0, 1, 0, 1])
    smooth = data.stripes(8, 4, smooth=True)
    assert 0.0 <= smooth.min() and smooth.max() <= 1.0
    np.testing.assert_allclose(smooth[0, :4], [1.0, 0.5, 0.0, 0.5], atol=1e-6)
    diag = data.stripes(4, 2, "diagonal")
    assert diag[0, 0] == diag[1, 1] == 1.0 and diag[0, 1] == 0.0


def test_stripes_rejects_periods_below_the_grid_limit_and_bad_orientation():
    with pytest.raises(ValueError):
        data.stripes(8, period=1.5)
    with pytest.raises(ValueError):
        data.stripes(8, orientation="spiral")


# --------------------------------------------------------------------------
# shift_image
# --------------------------------------------------------------------------
def test_shift_fills_incoming_border_and_loses_outgoing_pixels():
    img = np.arange(1, 10, dtype=np.float32).reshape(3, 3)
    down_right = data.shift_image(img, 1, 1)
    np.testing.assert_array_equal(down_right, [[0, 0, 0], [0, 1, 2], [0, 4, 5]])
    up_left = data.shift_image(img, -1, -1, fill=-1)
    np.testing.assert_array_equal(up_left, [[5, 6, -1], [8, 9, -1], [-1, -1, -1]])
    assert down_right.dtype == img.dtype


def test_shift_wrap_is_roll_and_loses_nothing():
    img = np.arange(12).reshape(3, 4)
    np.testing.assert_array_equal(
        data.shift_image(img, 1, -1, mode="wrap"), np.roll(img, (1, -1), (0, 1))
    )


def test_shift_by_zero_and_beyond_the_canvas():
    img = np.arange(12.0).reshape(3, 4)
    np.testing.assert_array_equal(data.shift_image(img, 0, 0), img)
    np.testing.assert_array_equal(data.shift_image(img, 3, 0), np.zeros_like(img))


def test_shift_moves_rows_and_columns_of_batches_and_channels():
    batch = np.arange(2 * 3 * 3 * 2, dtype=np.float32).reshape(2, 3, 3, 2)
    out = data.shift_image(batch, 0, 1)
    np.testing.assert_array_equal(out[:, :, 1:, :], batch[:, :, :2, :])
    np.testing.assert_array_equal(out[:, :, 0, :], 0)
    hwc = batch[0]
    np.testing.assert_array_equal(data.shift_image(hwc, 1, 0)[1:], hwc[:2])


def test_shift_does_not_modify_its_input_and_rejects_bad_arguments():
    img = np.ones((3, 3))
    data.shift_image(img, 1, 1)
    np.testing.assert_array_equal(img, np.ones((3, 3)))
    with pytest.raises(ValueError):
        data.shift_image(img, 1, 1, mode="reflect")
    with pytest.raises(ValueError):
        data.shift_image(np.ones(3), 1, 1)


# --------------------------------------------------------------------------
# salt_noise
# --------------------------------------------------------------------------
def test_salt_noise_changes_exactly_the_requested_share_of_pixels():
    img = np.zeros((10, 20), dtype=np.float32)
    out = data.salt_noise(img, 0.05, seed=0)
    assert int((out == 1.0).sum()) == 10
    assert out.dtype == img.dtype
    np.testing.assert_array_equal(img, 0)  # input untouched


def test_salt_noise_sets_all_channels_and_is_deterministic():
    img = np.zeros((8, 8, 3), dtype=np.float32)
    a = data.salt_noise(img, 0.25, seed=4)
    b = data.salt_noise(img, 0.25, seed=4)
    c = data.salt_noise(img, 0.25, seed=5)
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)
    hit = a.max(axis=2) == 1.0
    assert hit.sum() == 16
    np.testing.assert_array_equal(a[hit], 1.0)  # every channel of a chosen pixel


def test_salt_noise_per_image_in_a_batch_and_bad_fraction():
    batch = np.zeros((3, 4, 5, 1))
    out = data.salt_noise(batch, 0.5, seed=0)
    np.testing.assert_array_equal((out == 1).sum(axis=(1, 2, 3)), [10, 10, 10])
    with pytest.raises(ValueError):
        data.salt_noise(batch, 1.5)


# --------------------------------------------------------------------------
# sample_photo
# --------------------------------------------------------------------------
def test_sample_photo_colour_and_gray():
    photo = data.sample_photo()
    gray = data.sample_photo(gray=True)
    assert photo.shape == (600, 512, 3)
    assert gray.shape == (600, 512)
    assert photo.dtype == gray.dtype == np.float32
    for img in (photo, gray):
        assert 0.0 <= img.min() and img.max() <= 1.0
    expected = photo @ np.array([0.299, 0.587, 0.114], dtype=np.float32)
    np.testing.assert_allclose(gray, expected, atol=1e-6)


def test_importing_data_loads_no_heavy_framework():
    code = (
        "import sys, course_lib.lab.data; "
        "print(sorted(m for m in ('keras', 'jax', 'matplotlib') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
