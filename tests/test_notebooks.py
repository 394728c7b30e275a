"""Committed notebooks are executed, in sync with their sources, and free of noise.

nbval compares stored outputs with a fresh run, but a cell with no stored output
is never compared: a notebook stripped of outputs would "pass" while checking
nothing. These tests close that gap, and keep each lesson's ``.ipynb`` in step
with its jupytext ``.py`` source.
"""

from __future__ import annotations

import re
from pathlib import Path

import jupytext
import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted(
    p
    for folder in ("notebooks", "exercises")
    for p in (ROOT / folder).rglob("*.ipynb")
    if ".ipynb_checkpoints" not in p.parts and "backups" not in p.parts
)
LESSONS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
PAIRED = [p for p in NOTEBOOKS if p.with_suffix(".py").exists()]


def _ids(paths: list[Path]) -> list[str]:
    return [str(p.relative_to(ROOT)) for p in paths]


def _code_cells(nb) -> list:
    return [c for c in nb.cells if c.cell_type == "code" and c.source.strip()]


def test_there_are_notebooks_to_check():
    assert (ROOT / "notebooks" / "00_start_here.ipynb") in NOTEBOOKS
    assert len(LESSONS) >= 1


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_every_code_cell_was_executed(path: Path):
    nb = nbformat.read(path, as_version=4)
    cells = _code_cells(nb)
    assert cells, "a notebook without code checks nothing"
    missing = [i for i, c in enumerate(nb.cells) if c in cells and c.execution_count is None]
    assert not missing, f"cells {missing} have no stored output: re-run `make notebooks`"
    counts = [c.execution_count for c in cells]
    assert counts == list(range(1, len(cells) + 1)), "not executed top to bottom in one kernel"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_no_errors_or_volatile_metadata_are_stored(path: Path):
    nb = nbformat.read(path, as_version=4)
    assert "widgets" not in nb.metadata, "widget state is volatile: strip it"
    for cell in nb.cells:
        assert "execution" not in cell.metadata, "execution timestamps are volatile"
        if cell.cell_type != "code" or "raises-exception" in cell.metadata.get("tags", []):
            continue
        errors = [o for o in cell.outputs if o.output_type == "error"]
        assert not errors, f"stored error: {errors[0].ename}: {errors[0].evalue}"


@pytest.mark.parametrize("path", PAIRED, ids=_ids(PAIRED))
def test_notebook_matches_its_jupytext_source(path: Path):
    stored = nbformat.read(path, as_version=4)
    source = jupytext.read(path.with_suffix(".py"))

    def cells(nb):
        return [(c.cell_type, c.source.strip()) for c in nb.cells]

    assert cells(stored) == cells(source), (
        f"{path.name} differs from {path.with_suffix('.py').name}: run "
        f"`make notebooks NB={path.with_suffix('.py').relative_to(ROOT)}`"
    )


@pytest.mark.parametrize("path", LESSONS, ids=_ids(LESSONS))
def test_lessons_are_paired_and_follow_the_lesson_shape(path: Path):
    assert path.with_suffix(".py").exists(), "each lesson has a jupytext .py source"
    nb = nbformat.read(path, as_version=4)
    markdown = [c.source for c in nb.cells if c.cell_type == "markdown"]
    assert markdown and markdown[0].startswith("# "), "a lesson opens with its title"
    opening = "\n".join(markdown[:2]).lower()
    assert re.search(r"\d+\s*(minutes|min)\b", opening), "the opening says how long it takes"
    closing = "\n".join(markdown[-3:]).lower()
    assert "check yourself" in closing, "a lesson ends with a 'check yourself' list"
