"""Interactive views for Jupyter: sliders that redraw a figure from course_lib.viz.plots.

Each function returns an ``ipywidgets`` widget to display in a notebook. Widgets
only come alive in a running Jupyter front end; a static page (GitHub, a PDF, a
site built from stored outputs) shows nothing useful for them. So each function
has a static twin in :mod:`course_lib.viz.plots` that the lessons draw next to it,
and when ``ipywidgets`` is not installed the function draws that static figure
and returns ``None`` instead of failing.

``ipywidgets``, matplotlib and :mod:`course_lib.viz.plots` are imported inside the
functions, never at module import: importing this module costs NumPy only. The
number of windows and the settings the frameworks refuse come from
:mod:`course_lib.pooling.geometry`, the rules ``pool2d`` itself follows.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from course_lib.i18n import _
from course_lib.pooling import IntOrPair, Padding
from course_lib.pooling.geometry import (
    NoWindowFitsError,
    PaddingTooLargeError,
    output_size,
    pooling_windows,
)

__all__ = ["output_size_explorer", "pooling_stepper"]


def _import_widgets() -> Any | None:
    """``ipywidgets``, or ``None`` when it is not installed."""
    try:
        import ipywidgets
    except ImportError:
        return None
    return ipywidgets


def _draw_and_show(plot: str, *args: Any, **kwargs: Any) -> None:
    """Draw ``course_lib.viz.plots.<plot>(*args, **kwargs)`` and show it.

    The one place this module imports matplotlib: when a figure is drawn.
    """
    import matplotlib.pyplot as plt

    from course_lib.viz import plots  # registers the Chinese font too

    getattr(plots, plot)(*args, **kwargs)
    plt.show()


def pooling_stepper(
    x: np.ndarray,
    pool_size: IntOrPair = 2,
    strides: IntOrPair | None = None,
    padding: Padding = "valid",
    mode: str = "max",
) -> Any | None:
    """A slider that moves the pooling window across ``x`` one step at a time.

    Each position draws :func:`course_lib.viz.plots.plot_pooling_step`: the current
    window on the input and the output filled up to that cell. A "mode" toggle
    switches between max and average pooling.

    Returns
    -------
    ipywidgets.interactive or None
        The widget; ``None`` (after drawing every step statically with
        :func:`course_lib.viz.plots.plot_pooling_steps`) when ipywidgets is missing.
    """
    x = np.asarray(x)
    widgets = _import_widgets()
    if widgets is None:
        _draw_and_show("plot_pooling_steps", x, pool_size, strides, padding, mode)
        return None
    n_windows = len(pooling_windows(x.shape, pool_size, strides, padding))

    def draw(step: int, mode: str) -> None:
        _draw_and_show("plot_pooling_step", x, step, pool_size, strides, padding, mode)

    return widgets.interactive(
        draw,
        step=widgets.IntSlider(value=0, min=0, max=n_windows - 1, description="step"),
        mode=widgets.ToggleButtons(options=["max", "avg"], value=mode, description="mode"),
    )


_PADDING_MODES = ("valid", "same", "explicit p", "explicit p + ceil_mode")


def _explorer_arguments(
    n: int, f: int, s: int, p: int, padding_mode: str
) -> tuple[str | int, bool] | str:
    """The ``(padding, ceil_mode)`` for one explorer setting, or why it is invalid.

    Whether a setting is refused is decided by :func:`course_lib.pooling.output_size`;
    only the short explanation is phrased here.
    """
    padding: str | int = padding_mode if padding_mode in ("valid", "same") else p
    ceil_mode = padding_mode.endswith("ceil_mode")
    try:
        output_size(n, f, s, padding, ceil_mode)
    except PaddingTooLargeError as refused:
        return _("PyTorch refuses padding={padding} > f // 2 = {limit}.").format(
            padding=refused.padding, limit=refused.limit
        )
    except NoWindowFitsError as refused:
        return _("The window f={f} does not fit in {span} cells: no output.").format(
            f=refused.pool_size, span=refused.span
        )
    return padding, ceil_mode


def output_size_explorer(n: int = 7, f: int = 2, s: int = 2, p: int = 0) -> Any | None:
    """Sliders for n, f, s, p and a padding mode, redrawing the window positions.

    Shows :func:`course_lib.viz.plots.plot_axis_windows` for the chosen setting and
    the output size :func:`course_lib.pooling.output_size` gives, or the reason
    the setting is refused (window larger than the input, PyTorch's
    ``p <= f // 2``).

    Returns
    -------
    ipywidgets.interactive or None
        The widget; ``None`` (after drawing the starting setting statically)
        when ipywidgets is missing.
    """
    widgets = _import_widgets()

    def draw(n: int, f: int, s: int, p: int, padding_mode: str) -> None:
        arguments = _explorer_arguments(n, f, s, p, padding_mode)
        if isinstance(arguments, str):
            print(arguments)
            return
        padding, ceil_mode = arguments
        out = output_size(n, f, s, padding, ceil_mode)
        _draw_and_show("plot_axis_windows", n, f, s, padding, ceil_mode)
        print(_("output size: {size}").format(size=out))

    if widgets is None:
        draw(n, f, s, p, "valid")
        return None
    return widgets.interactive(
        draw,
        n=widgets.IntSlider(value=n, min=1, max=16, description=_("n (input)")),
        f=widgets.IntSlider(value=f, min=1, max=6, description=_("f (window)")),
        s=widgets.IntSlider(value=s, min=1, max=6, description=_("s (stride)")),
        p=widgets.IntSlider(value=p, min=0, max=3, description=_("p (padding)")),
        padding_mode=widgets.Dropdown(options=_PADDING_MODES, value="valid", description="mode"),
    )
