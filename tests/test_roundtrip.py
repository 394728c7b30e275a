"""Opening and saving an unchanged notebook in JupyterLab leaves every file byte-identical.

JupyterLab loads a notebook through Jupyter Server's contents manager (jupytext's,
when jupytext is installed, as it is here: it also writes the paired ``.py``), the
kernel adds ``language_info`` to the notebook's metadata, and autosave writes the
notebook back. This test does the same without a browser: load each notebook
through jupytext's asynchronous contents manager (the one JupyterLab uses), add
what ipykernel adds, save, and compare the bytes of every file.

It failed before the lessons stored ``language_info`` and before ``jupytext.toml``
kept jupytext's version numbers out of the ``.py`` headers (issue 11).
"""

from __future__ import annotations

import asyncio
import copy
import shutil
from pathlib import Path

from ipykernel.ipkernel import IPythonKernel
from jupytext import AsyncTextFileContentsManager

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


def _files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in root.rglob("*")
        if p.is_file() and ".ipynb_checkpoints" not in p.parts
    }


def _open_and_save(root: Path, path: str, edit=None) -> None:
    """What JupyterLab does to an untouched notebook: load, the kernel's metadata, save."""
    manager = AsyncTextFileContentsManager(root_dir=str(root))
    model = asyncio.run(manager.get(path, content=True))
    nb = model["content"]
    nb.metadata["language_info"] = copy.deepcopy(IPythonKernel.language_info)
    if edit is not None:
        edit(nb)
    asyncio.run(manager.save({"type": "notebook", "format": "json", "content": nb}, path))


def test_every_notebook_is_covered():
    assert len([p for p in NOTEBOOKS if p.startswith("notebooks/")]) == 8
    assert len([p for p in NOTEBOOKS if p.startswith("exercises/solutions/")]) == 7
    assert len([p for p in NOTEBOOKS if p.count("/") == 1 and p.startswith("exercises/")]) == 7


def test_opening_and_saving_changes_no_file(tmp_path):
    _copy_course(tmp_path)
    before = _files(tmp_path)
    for path in NOTEBOOKS:
        _open_and_save(tmp_path, path)
    after = _files(tmp_path)
    changed = sorted(p for p in before.keys() | after.keys() if before.get(p) != after.get(p))
    assert not changed, (
        f"opening and saving changed {changed}: rebuild with `make notebooks` "
        "(a lesson must store what the kernel adds) and keep jupytext.toml"
    )


def test_the_comparison_sees_a_change(tmp_path):
    """The test above can fail: a real edit to a lesson changes both of its files."""
    _copy_course(tmp_path)
    before = _files(tmp_path)

    def edit(nb):
        nb.cells[0].source += "\nA learner's note."

    _open_and_save(tmp_path, "notebooks/03_max_pooling.ipynb", edit)
    after = _files(tmp_path)
    changed = {p for p in before if before[p] != after.get(p)}
    assert changed == {"notebooks/03_max_pooling.ipynb", "notebooks/03_max_pooling.py"}
