"""Re-execute course notebooks from their jupytext sources and store the outputs.

Each lesson has one source, ``notebooks/NN_name.py`` (jupytext ``py:percent``:
reviewable as text), and one executed twin, ``notebooks/NN_name.ipynb``, which is
what learners open and what nbval checks. This script rebuilds the twin: it reads
the ``.py``, executes it top to bottom in a fresh kernel of this interpreter (in
the notebook's own folder, with Keras on JAX on the CPU), strips volatile
metadata (execution timestamps, widget state), and writes the ``.ipynb`` so that
a re-run of an unchanged notebook leaves ``git diff`` empty.

Usage::

    python -m course_lib.build.execute                      # every paired notebook
    python -m course_lib.build.execute notebooks/01_x.py    # just these (.py or .ipynb)
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import jupytext
import nbformat
from nbclient import NotebookClient

from course_lib.paths import SOURCE_DIRS, course_root
from course_lib.store import temporary_progress_file

ROOT = course_root()
KEPT_NOTEBOOK_METADATA = ("kernelspec", "jupytext")
TIMEOUT_PER_CELL = 300
# A widget view only names a model that lives in the kernel (a new random id each run);
# stored, it renders as nothing on a static page. The static figure next to it stays.
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
IGNORED_TAG = "nbval-ignore-output"
# The kernel inherits these (unless already set), as under `make test`.
ENV_DEFAULTS = {"KERAS_BACKEND": "jax", "JAX_PLATFORMS": "cpu", "PYTHONHASHSEED": "0"}


def sources(paths: list[str]) -> list[Path]:
    """The ``.py`` sources to execute: the ones named, or every one."""
    if paths:
        return [Path(p).resolve().with_suffix(".py") for p in paths]
    found = []
    for folder in SOURCE_DIRS:
        found += sorted((ROOT / folder).glob("[0-9]*.py"))
    return found


def clean(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop metadata that changes from run to run or machine to machine."""
    nb.metadata = {k: nb.metadata[k] for k in KEPT_NOTEBOOK_METADATA if k in nb.metadata}
    nb.metadata["kernelspec"] = {
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
        "name": "python3",
    }
    nb.metadata.setdefault("jupytext", {})["formats"] = "ipynb,py:percent"
    for key in ("notebook_metadata_filter", "text_representation"):
        nb.metadata["jupytext"].pop(key, None)
    for index, cell in enumerate(nb.cells):
        cell.id = f"cell-{index}"  # jupytext makes random ids: fixed ones keep diffs quiet
        cell.metadata.pop("execution", None)
        cell.metadata.pop("ExecuteTime", None)
        if cell.cell_type == "code":
            cell.outputs = _merge_streams(
                [o for o in cell.outputs if WIDGET_VIEW not in o.get("data", {})]
            )
            for output in cell.outputs:
                output.get("metadata", {}).pop("execution", None)
    return nb


def _merge_streams(outputs: list) -> list:
    """Join consecutive writes to the same stream, as a reader sees them.

    How a cell's prints are split into stream outputs depends on flush timing
    (a slow call in the middle of a cell splits them); joined, they are stable.
    """
    merged: list = []
    for output in outputs:
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and output.output_type == previous.output_type == "stream"
            and output.name == previous.name
        ):
            previous.text += output.text
        else:
            merged.append(output)
    return merged


def execute(source: Path) -> Path:
    """Execute one ``.py`` source and write its ``.ipynb``; return the notebook path."""
    nb = jupytext.read(source)
    nb = nbformat.v4.upgrade(nb) if nb.nbformat < 4 else nb
    client = NotebookClient(
        nb,
        timeout=TIMEOUT_PER_CELL,
        kernel_name="python3",
        resources={"metadata": {"path": str(source.parent)}},
    )
    client.execute()
    target = source.with_suffix(".ipynb")
    nb = clean(nb)
    if target.exists():
        keep_volatile_outputs(nb, nbformat.read(target, as_version=4))
    nbformat.write(nb, target)
    return target


def keep_volatile_outputs(fresh: nbformat.NotebookNode, stored: nbformat.NotebookNode) -> None:
    """Keep the stored outputs of unchanged ``nbval-ignore-output`` cells.

    Those cells print what differs on every run (timings, widget views); nbval does
    not compare them, and a fresh copy would only add noise to ``git diff``. A cell
    whose source changed gets its fresh output.
    """
    old = {c.source: c for c in stored.cells if c.cell_type == "code"}
    for cell in fresh.cells:
        tags = cell.metadata.get("tags", [])
        previous = old.get(cell.source)
        if cell.cell_type == "code" and IGNORED_TAG in tags and previous is not None:
            cell.outputs = previous.outputs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", help=".py sources or .ipynb notebooks")
    args = parser.parse_args(argv)
    for key, value in ENV_DEFAULTS.items():
        os.environ.setdefault(key, value)
    # Checks run while building notebooks save progress to a throw-away file,
    # never to the author's own course progress.
    with temporary_progress_file():
        return run(sources(args.paths))


def run(paths: list[Path]) -> int:
    """Execute each source, report each result, and return the exit status."""
    failed = 0
    for source in paths:
        if not source.exists():
            print(f"missing source: {source.relative_to(ROOT)}", file=sys.stderr)
            failed += 1
            continue
        try:
            target = execute(source)
        except Exception as error:  # report and go on with the others
            print(f"FAILED {source.relative_to(ROOT)}: {type(error).__name__}: {error}")
            failed += 1
        else:
            print(f"executed {target.relative_to(ROOT)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
