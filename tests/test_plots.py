"""Smoke tests of course_lib.viz.plots: every helper draws what it promises, on Agg.

They count the artists each helper documents (cells, windows, texts, images),
so a helper that silently draws nothing, or draws the wrong windows, fails.
"""

import subprocess
import sys

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.figure import Figure

from course_lib.lessons.fixtures import ARTICLE_MAP
from course_lib.pooling import output_size
from course_lib.viz import plots


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_pooling_windows_follow_row_major_output_order():
    windows = plots.pooling_windows((4, 4), 2)
    assert windows == [
        ((0, 2), (0, 2)),
        ((0, 2), (2, 4)),
        ((2, 4), (0, 2)),
        ((2, 4), (2, 4)),
    ]


def test_pooling_windows_non_square_and_padding():
    windows = plots.pooling_windows((5, 3), (2, 3), (2, 1), "same")
    assert len(windows) == output_size(5, 2, 2, "same") * output_size(3, 3, 1, "same")
    assert windows[-1] == ((4, 6), (1, 4))  # reaches into the bottom/right padding


def test_draw_grid_counts_cells_windows_and_texts():
    ax = plots.draw_grid(ARTICLE_MAP, windows=plots.pooling_windows((4, 4), 2))
    assert len(ax.patches) == 16 + 4
    assert sorted(t.get_text() for t in ax.texts) == sorted(str(v) for v in ARTICLE_MAP.ravel())


def test_draw_grid_padding_cells_are_drawn_but_not_numbered():
    ax = plots.draw_grid(np.ones((2, 3)), padding=(0, 1, 0, 1))
    assert len(ax.patches) == 3 * 4
    assert len(ax.texts) == 6


def test_draw_grid_leaves_nan_cells_blank():
    ax = plots.draw_grid(np.array([[1.0, np.nan]]))
    assert [t.get_text() for t in ax.texts] == ["1"]


def test_draw_grid_rejects_non_2d():
    with pytest.raises(ValueError, match="2-D"):
        plots.draw_grid(np.ones((2, 2, 2)))


def test_plot_pooling_shows_the_computed_results():
    fig = plots.plot_pooling(ARTICLE_MAP, 2)
    assert isinstance(fig, Figure)
    ax_in, ax_max, ax_avg = fig.axes
    assert len(ax_in.patches) == 16 + 4
    assert [t.get_text() for t in ax_max.texts] == ["9", "7", "8", "6"]
    assert [t.get_text() for t in ax_avg.texts] == ["4.25", "4.25", "4.25", "3.5"]


def test_plot_pooling_titles_name_the_output_shape_not_the_pool_size():
    fig = plots.plot_pooling(np.arange(24).reshape(4, 6), (2, 3), modes=("max", "avg"))
    titles = [ax.get_title() for ax in fig.axes[1:]]
    assert titles == ["max pooling\n→ output (2, 2)", "average pooling\n→ output (2, 2)"]


def test_plot_pooling_draws_padding_for_same():
    fig = plots.plot_pooling(np.arange(25).reshape(5, 5), 2, padding="same", modes=("max",))
    ax_in = fig.axes[0]
    # 6x6 cells (one padding row and column), 9 windows.
    assert len(ax_in.patches) == 36 + 9
    assert len(fig.axes[1].texts) == 9


def test_plot_pooling_step_fills_outputs_up_to_the_step():
    fig = plots.plot_pooling_step(ARTICLE_MAP, 2, 2, mode="max")
    ax_in, ax_out = fig.axes
    assert len(ax_in.patches) == 16 + 1
    assert [t.get_text() for t in ax_out.texts] == ["9", "7", "8"]
    assert ax_out.get_title() == "max = 8"


def test_plot_pooling_step_rejects_out_of_range():
    with pytest.raises(ValueError, match="step"):
        plots.plot_pooling_step(ARTICLE_MAP, 4, 2)


def test_plot_pooling_steps_has_two_axes_per_step():
    fig = plots.plot_pooling_steps(ARTICLE_MAP, 2, mode="avg")
    assert len(fig.axes) == 8
    last_output = fig.axes[-1]
    assert [t.get_text() for t in last_output.texts] == ["4.25", "4.25", "4.25", "3.5"]


@pytest.mark.parametrize(
    ("n", "f", "s", "padding", "ceil_mode", "cells"),
    [(7, 2, 2, "valid", False, 7), (5, 2, 2, "same", False, 6), (5, 2, 2, 1, True, 7)],
)
def test_plot_axis_windows_one_bar_per_window(n, f, s, padding, ceil_mode, cells):
    ax = plots.plot_axis_windows(n, f, s, padding, ceil_mode)
    windows = output_size(n, f, s, padding, ceil_mode)
    assert len(ax.patches) == cells + windows
    assert len(ax.texts) == n + windows
    assert f"{windows} windows" in ax.get_title()


def test_show_images_one_image_per_panel():
    rgb = np.linspace(0, 1, 4 * 5 * 3).reshape(4, 5, 3)
    fig = plots.show_images([rgb, rgb[:, :, 0]], ["rgb", "red"], cmap=[None, "Reds"])
    assert len(fig.axes) == 2
    assert all(len(ax.images) == 1 for ax in fig.axes)
    assert [ax.get_title() for ax in fig.axes] == ["rgb", "red"]
    assert fig.axes[1].images[0].get_cmap().name == "Reds"


def test_plots_module_import_does_not_touch_course_lib_init_lightness():
    code = "import sys, course_lib; print('matplotlib' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False"


# --------------------------------------------------------------------------
# course_lib.viz.widgets: the widgets build, and refuse what PyTorch refuses
# --------------------------------------------------------------------------
def test_importing_the_widgets_does_not_import_matplotlib():
    # A lesson imports the widgets with the plots, but the module itself must stay
    # light: matplotlib and ipywidgets are imported only when a widget is built or drawn.
    code = (
        "import sys, course_lib.viz.widgets\n"
        "print(sorted(m for m in ('keras', 'jax', 'matplotlib', 'ipywidgets') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_pooling_stepper_slider_spans_every_window():
    from course_lib.viz import widgets as interactive

    widget = interactive.pooling_stepper(ARTICLE_MAP, 2)
    slider = widget.children[0]
    assert (slider.min, slider.max) == (0, 3)


def test_output_size_explorer_builds_with_five_controls():
    from course_lib.viz import widgets as interactive

    widget = interactive.output_size_explorer()
    controls = [c for c in widget.children if hasattr(c, "description")]
    assert [c.description for c in controls][:5] == [
        "n (input)",
        "f (window)",
        "s (stride)",
        "p (padding)",
        "mode",
    ]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((5, 2, 2, 1, "explicit p + ceil_mode"), (1, True)),
        ((5, 2, 2, 0, "same"), ("same", False)),
        ((5, 2, 2, 2, "explicit p"), "PyTorch refuses padding=2 > f // 2 = 1."),
        ((2, 4, 1, 0, "valid"), "The window f=4 does not fit in 2 cells: no output."),
    ],
)
def test_explorer_arguments(args, expected):
    from course_lib.viz.widgets import _explorer_arguments

    assert _explorer_arguments(*args) == expected


def test_plot_axis_windows_draws_dropped_windows_apart():
    ax = plots.plot_axis_windows(5, 2, 2, 1, ceil_mode=True, dropped=[5])
    assert len(ax.patches) == 7 + 3 + 1
    assert "start 5: dropped" in [t.get_text() for t in ax.texts]
    assert ax.get_title().endswith("3 windows")


def test_widgets_fall_back_to_static_figures_without_ipywidgets(monkeypatch, capsys):
    from course_lib.viz import widgets as interactive

    monkeypatch.setattr(interactive, "_import_widgets", lambda: None)
    assert interactive.pooling_stepper(ARTICLE_MAP, 2) is None
    assert len(plt.gcf().axes) == 8  # plot_pooling_steps: 2 axes per window
    plt.close("all")
    assert interactive.output_size_explorer(n=5, f=2, s=2) is None
    assert capsys.readouterr().out.strip() == "output size: 2"
    assert len(plt.gcf().axes) == 1


def _outside_cells(ax):
    """Cells drawn as empty dotted squares: reached by a window, but neither input nor padding."""
    return [p for p in ax.patches if not p.get_fill() and p.get_linestyle() == ":"]


@pytest.mark.parametrize(
    ("n", "f", "s", "p", "outside"),
    [(3, 2, 2, 0, 1), (6, 3, 2, 1, 1), (5, 2, 2, 1, 0), (7, 3, 2, 0, 0)],
)
def test_ceil_mode_overhang_is_drawn_as_outside_not_as_padding(n, f, s, p, outside):
    ax = plots.plot_axis_windows(n, f, s, p, ceil_mode=True)
    hatched = [patch for patch in ax.patches if patch.get_hatch() == "//"]
    assert len(_outside_cells(ax)) == outside
    assert len(hatched) == 2 * p  # exactly the declared padding, p cells on each side
    labels = [t.get_text() for t in ax.texts]
    assert labels.count("outside (not padding)") == (1 if outside else 0)


def test_keras_same_padding_is_padding_even_where_only_the_last_window_reaches():
    ax = plots.plot_axis_windows(5, 2, 2, "same")
    assert _outside_cells(ax) == []
    assert len([patch for patch in ax.patches if patch.get_hatch() == "//"]) == 1
