"""What JupyterLab does to a notebook it opens and saves, without a browser.

JupyterLab loads a notebook through Jupyter Server's contents manager (jupytext's
asynchronous one when jupytext is installed, as it is for the course: it also
writes a paired ``.py``), the kernel adds ``language_info`` to the notebook's
metadata, and autosave writes the notebook back.
"""

from __future__ import annotations

import asyncio
import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ipykernel.ipkernel import IPythonKernel
from jupytext import AsyncTextFileContentsManager


def open_and_save(root: Path, path: str, edit: Callable[[Any], None] | None = None) -> None:
    """Load ``path`` (relative to ``root``) as JupyterLab does, add the kernel's metadata,
    apply ``edit`` to the notebook if given, and save it back."""
    manager = AsyncTextFileContentsManager(root_dir=str(root))
    model = asyncio.run(manager.get(path, content=True))
    nb = model["content"]
    nb.metadata["language_info"] = copy.deepcopy(IPythonKernel.language_info)
    if edit is not None:
        edit(nb)
    asyncio.run(manager.save({"type": "notebook", "format": "json", "content": nb}, path))


def files(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` (but Jupyter's checkpoints), by relative path."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in root.rglob("*")
        if p.is_file() and ".ipynb_checkpoints" not in p.parts
    }
