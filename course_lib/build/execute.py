"""Run a notebook in a fresh kernel: the one place the course drives nbclient.

Three jobs execute notebooks, and all three come here:

* building a lesson or a solution notebook from its jupytext source
  (:func:`build_notebooks`, ``pooling-course notebooks``): run it, strip
  volatile metadata, write the ``.ipynb`` so that re-running an unchanged
  source leaves ``git diff`` empty;
* generating a learner's exercise notebook (:mod:`course_lib.build.generate`);
* grading a learner's notebook (:mod:`course_lib.build.grade`).

Each run happens with progress saved to a throw-away file
(:func:`course_lib.store.temporary_progress_file`) and an empty workspace, so no
build ever touches or reports on a learner's own record or copies, and with the
Keras/JAX defaults of :mod:`course_lib.frameworks` in the kernel's environment.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from course_lib.frameworks import configure_kernels
from course_lib.paths import SOURCE_DIRS, course_root
from course_lib.store import temporary_progress_file, temporary_workspace

KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
"""The kernel every course notebook names (stored in each notebook's metadata)."""

CELL_TIMEOUT = 300
"""Seconds one cell may run while a notebook is built (``make test`` gives nbval the same)."""

KEPT_NOTEBOOK_METADATA = frozenset({"kernelspec", "jupytext", "language_info"})
"""Notebook metadata a built lesson keeps. ``language_info`` is what the kernel adds when
the notebook opens in JupyterLab; storing it (as the build's kernel gives it) means that
opening and saving an unchanged lesson leaves it byte-identical (tests/test_roundtrip.py)."""

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
"""A widget view only names a model that lives in the kernel (a new random id each
run); stored, it renders as nothing on a static page. The static figure next to it stays."""

IGNORED_TAG = "nbval-ignore-output"


def execute(
    nb: Any,
    folder: Path,
    *,
    cell_timeout: float | None = CELL_TIMEOUT,
    notebook_timeout: float | None = None,
    allow_errors: bool = False,
    quiet: bool = False,
    on_cell_start: Callable[[int], None] | None = None,
) -> Any:
    """Run ``nb`` top to bottom in a fresh kernel started in ``folder``; return it.

    Parameters
    ----------
    nb : NotebookNode
        Executed in place (its outputs are replaced).
    folder : Path
        The kernel's working directory (the notebook's own folder).
    cell_timeout : float or None
        Seconds one cell may run.
    notebook_timeout : float or None
        Seconds the whole notebook may run, counted from the moment the kernel
        is up; when given, it replaces ``cell_timeout``.
    allow_errors : bool
        Go on after a cell raises (grading) instead of stopping (building).
    quiet : bool
        Send the kernel's own stdout and stderr to nowhere.
    on_cell_start : callable or None
        Called with each cell's index before it runs (to report where a run stopped).

    Raises
    ------
    nbclient.exceptions.CellTimeoutError, DeadKernelError, CellExecutionError
        As nbclient raises them; the caller decides what they mean.
    """
    from nbclient import NotebookClient

    configure_kernels()  # the kernel inherits this process's environment
    deadline = [None if notebook_timeout is None else time.monotonic() + notebook_timeout]
    options: dict[str, Any] = {"timeout": cell_timeout}
    if notebook_timeout is not None:
        options = {"timeout_func": lambda cell: max(1, int(deadline[0] - time.monotonic()))}
    client = NotebookClient(
        nb,
        kernel_name=KERNELSPEC["name"],
        allow_errors=allow_errors,
        record_timing=False,
        resources={"metadata": {"path": str(Path(folder).resolve())}},
        **options,
    )
    if notebook_timeout is not None:  # the kernel's start-up does not count
        client.on_notebook_start = lambda notebook: deadline.__setitem__(
            0, time.monotonic() + notebook_timeout
        )
    if on_cell_start is not None:
        client.on_cell_start = lambda cell, cell_index: on_cell_start(cell_index)
    quiet_streams = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL} if quiet else {}
    with temporary_progress_file(), temporary_workspace():
        client.execute(**quiet_streams)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    return nb


def number_cells(nb: Any) -> Any:
    """Give the cells the ids ``cell-00``, ``cell-01``, ...

    jupytext makes random ids; fixed ones keep diffs quiet, and let
    ``reset_exercise`` find an exercise's cells again in a learner's notebook
    (learners' notebooks carry these ids: changing the scheme would make reset
    restore whole notebooks instead of one exercise).
    """
    for index, cell in enumerate(nb.cells):
        cell.id = f"cell-{index:02d}"
    return nb


def clean(nb: Any) -> Any:
    """Drop what changes from run to run or machine to machine, in place; return ``nb``.

    Notebook metadata except the kernelspec, the kernel's ``language_info`` and
    jupytext's pairing and filter (from the ``.py`` header), code cells'
    metadata except their tags (nbconvert's ``ClearMetadataPreprocessor``), widget
    views, and the split of one cell's prints into several stream outputs, which
    depends on flush timing (``CoalesceStreamsPreprocessor`` joins them).
    """
    from nbconvert.preprocessors import ClearMetadataPreprocessor, CoalesceStreamsPreprocessor

    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = [o for o in cell.outputs if WIDGET_VIEW not in o.get("data", {})]
    ClearMetadataPreprocessor(
        preserve_nb_metadata_mask=set(KEPT_NOTEBOOK_METADATA),
        preserve_cell_metadata_mask={"tags"},
    ).preprocess(nb, {})
    CoalesceStreamsPreprocessor().preprocess(nb, {})
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nb.metadata.setdefault("jupytext", {})["formats"] = "ipynb,py:percent"
    nb.metadata["jupytext"].pop("text_representation", None)  # as jupytext saves an .ipynb
    return number_cells(nb)


def keep_volatile_outputs(fresh: Any, stored: Any) -> None:
    """Keep the stored outputs of unchanged ``nbval-ignore-output`` cells.

    Those cells print what differs on every run (timings, widget views); nbval does
    not compare them, and a fresh copy would only add noise to ``git diff``. A cell
    whose source changed gets its fresh output.
    """
    old = {c.source: c for c in stored.cells if c.cell_type == "code"}
    for cell in fresh.cells:
        previous = old.get(cell.source)
        if (
            cell.cell_type == "code"
            and IGNORED_TAG in cell.metadata.get("tags", [])
            and previous is not None
        ):
            cell.outputs = previous.outputs


def sources(paths: list[Path] | None = None) -> list[Path]:
    """The ``.py`` sources to build: the ones named (``.py`` or ``.ipynb``), or every one."""
    if paths:
        return [Path(p).resolve().with_suffix(".py") for p in paths]
    root = course_root()
    return [p for folder in SOURCE_DIRS for p in sorted((root / folder).glob("[0-9]*.py"))]


def build_notebook(source: Path) -> Path:
    """Execute one jupytext source and write its cleaned ``.ipynb``; return that path."""
    import jupytext
    import nbformat

    nb = jupytext.read(source)
    execute(nb, source.parent)
    target = source.with_suffix(".ipynb")
    clean(nb)
    if target.exists():
        keep_volatile_outputs(nb, nbformat.read(target, as_version=4))
    nbformat.write(nb, target)
    return target


def build_notebooks(paths: list[Path] | None = None) -> int:
    """Build each source in turn, report each result, and return the exit status."""
    root = course_root()
    failed = 0
    for source in sources(paths):
        shown = source.relative_to(root) if source.is_relative_to(root) else source
        if not source.exists():
            print(f"missing source: {shown}", file=sys.stderr)
            failed += 1
            continue
        try:
            target = build_notebook(source)
        except Exception as error:  # report it and go on with the others
            print(f"FAILED {shown}: {type(error).__name__}: {error}")
            failed += 1
        else:
            print(f"executed {target.relative_to(root)}")
    return 1 if failed else 0
