"""Opening and saving an unchanged notebook in JupyterLab leaves every file byte-identical.

JupyterLab loads a notebook through Jupyter Server's contents manager (jupytext's,
when jupytext is installed, as it is here: it also writes the paired ``.py``), the
kernel adds ``language_info`` to the notebook's metadata, and autosave writes the
notebook back. This test does the same without a browser (:mod:`jupyterlab_roundtrip`:
jupytext's asynchronous contents manager, the one JupyterLab uses, and what ipykernel
adds) and compares the bytes of every file. It failed before the lessons stored
``language_info`` and before ``jupytext.toml`` kept jupytext's version numbers out of
the ``.py`` headers (issue 11).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from jupyterlab_roundtrip import files, open_and_save

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted(
    p.relative_to(ROOT).as_posix()
    for pattern in ("notebooks/*.ipynb", "exercises/*.ipynb", "exercises/solutions/*.ipynb")
    for p in ROOT.glob(pattern)
)


def _copy_course(target: Path) -> None:
    """The notebooks, their .py twins and jupytext's configuration, as in the repository."""
    shutil.copy(ROOT / "jupytext.toml", target)
    for folder in ("notebooks", "exercises"):
        shutil.copytree(ROOT / folder, target / folder, ignore=shutil.ignore_patterns(".*"))


def test_every_notebook_is_covered():
    assert len([p for p in NOTEBOOKS if p.startswith("notebooks/")]) == 8
    assert len([p for p in NOTEBOOKS if p.startswith("exercises/solutions/")]) == 7
    assert len([p for p in NOTEBOOKS if p.count("/") == 1 and p.startswith("exercises/")]) == 7


def test_opening_and_saving_changes_no_file(tmp_path):
    _copy_course(tmp_path)
    before = files(tmp_path)
    for path in NOTEBOOKS:
        open_and_save(tmp_path, path)
    after = files(tmp_path)
    changed = sorted(p for p in before.keys() | after.keys() if before.get(p) != after.get(p))
    assert not changed, (
        f"opening and saving changed {changed}: rebuild with `make notebooks` "
        "(a lesson must store what the kernel adds) and keep jupytext.toml"
    )


def test_the_comparison_sees_a_change(tmp_path):
    """The test above can fail: a real edit to a lesson changes both of its files."""
    _copy_course(tmp_path)
    before = files(tmp_path)

    def edit(nb):
        nb.cells[0].source += "\nA learner's note."

    open_and_save(tmp_path, "notebooks/03_max_pooling.ipynb", edit)
    after = files(tmp_path)
    changed = {p for p in before if before[p] != after.get(p)}
    assert changed == {"notebooks/03_max_pooling.ipynb", "notebooks/03_max_pooling.py"}
