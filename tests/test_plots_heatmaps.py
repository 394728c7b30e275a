"""Smoke tests of ``course_lib.viz.plots.overlay_heatmaps`` (lesson 5's class activation maps)."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest

from course_lib.viz import plots


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_each_panel_holds_the_image_and_a_heat_map_covering_it():
    images = [np.zeros((32, 32, 1)), np.ones((32, 32))]
    heats = [np.arange(256.0).reshape(16, 16), np.eye(16)]
    fig = plots.overlay_heatmaps(images, heats, ["a", "b"])
    assert len(fig.axes) == 2
    for ax, heat in zip(fig.axes, heats, strict=True):
        image_artist, heat_artist = ax.get_images()
        assert image_artist.get_array().shape == (32, 32)
        np.testing.assert_array_equal(heat_artist.get_array(), heat)
        assert heat_artist.get_extent() == image_artist.get_extent() == [-0.5, 31.5, 31.5, -0.5]
    assert [ax.get_title() for ax in fig.axes] == ["a", "b"]


def test_mismatched_lengths_are_rejected():
    with pytest.raises(ValueError):
        plots.overlay_heatmaps([np.zeros((4, 4))], [])
