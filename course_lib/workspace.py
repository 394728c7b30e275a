"""The learner's workspace: their own copies of the lessons and exercise notebooks.

Why copies
----------
``make lab`` opens JupyterLab on ``workspace/`` (a folder git ignores), never on the
published notebooks in ``notebooks/`` and ``exercises/``. Whatever happens in
JupyterLab (an edit, an autosave in the middle of *Run All* that stores a
half-run lesson, a cleared output) happens to the learner's copy; the published
lessons, which the tests compare, never change, ``git pull`` brings new versions
without conflicts, and any lesson can be had back with ``pooling-course restore``.
The workspace holds exactly what a learner opens, so JupyterLab's file browser shows
each lesson once (no ``.py`` twins, no solutions, no library code).

What is copied
--------------
``notebooks/NN_*.ipynb`` and ``notebooks/glossary.md`` to ``workspace/notebooks/``,
``exercises/exNN_*.ipynb`` to ``workspace/exercises/``, so that the links between
them work as they do in the repository, and the worked solutions
``exercises/solutions/NN_*.ipynb`` to ``workspace/exercises/solutions/solNN_*.ipynb``.
A copied notebook loses only its jupytext pairing (a copy has no ``.py`` twin).
``workspace/.published.json`` records, for each copy, a fingerprint of the published
file it was made from and of the copy's cells.

Keeping the copies current
--------------------------
:func:`sync` (run by ``pooling-course lab``) makes missing copies, and replaces a
copy whose published version changed **only if the learner has not edited its
cells**; an edited copy is kept and reported. Running cells is not editing: a copy
whose cells are unchanged counts as published, whatever its outputs say, unless
code cells lost their output (a save in the middle of a run, or *Clear Outputs*).
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from course_lib.i18n import N_, SOURCE_LANGUAGE, _, edition_subfolder, ngettext
from course_lib.paths import (
    EDITION_FOLDER,
    EXERCISE_NOTEBOOKS,
    course_root,
    workspace_dir,
)

MANIFEST = ".published.json"
BACKUPS = "backups"
"""The folder beside a file where its replaced versions are kept (visible in JupyterLab's
file browser, which hides names starting with a dot)."""

PUBLISHED = (
    ("notebooks", "[0-9]*.ipynb"),
    ("notebooks", "glossary.md"),
    ("exercises", EXERCISE_NOTEBOOKS),
    ("exercises/solutions", "[0-9]*.ipynb"),
    (f"notebooks/{EDITION_FOLDER}", "[0-9]*.ipynb"),
    (f"notebooks/{EDITION_FOLDER}", "glossary.md"),
    (f"exercises/{EDITION_FOLDER}", EXERCISE_NOTEBOOKS),
    (f"exercises/{EDITION_FOLDER}/solutions", "[0-9]*.ipynb"),
)
"""(folder, glob) of every published file a learner gets a copy of: the English edition's,
then the Chinese edition's (``notebooks/zh/``, ``exercises/zh/``, ``exercises/zh/solutions/``),
so that the links between the Chinese notebooks work in the workspace too."""

SOLUTION_PREFIX = "sol"
"""A worked solution's copy is named ``sol03_max_pooling.ipynb``: three different tab
names for a lesson, its exercises and their solution."""

# Statuses are compared as they are (English) and translated where shown.
AS_PUBLISHED = N_("as published")
MISSING = N_("not copied yet")
EDITED = N_("edited")
OUTPUTS_LOST = N_("outputs lost")
OUTDATED = N_("a newer version is published")

LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
}
"""JupyterLab settings the course ships (written once into the workspace's settings
folder, where the learner's own changes are saved too): no pop-up asking to fetch news."""

LAB_SETTINGS_ZH = {
    **LAB_SETTINGS,
    "@jupyterlab/translation-extension/plugin.jupyterlab-settings": {"locale": "zh_CN"},
}
"""The Chinese JupyterLab's settings (``make lab-zh``): the same, with the interface in
Chinese (the language pack ``jupyterlab-language-pack-zh-CN`` provides it). Kept in a
settings folder of its own, so that ``make lab`` stays in English."""

FIRST_LESSON = "notebooks/00_start_here.ipynb"
FIRST_LESSON_ZH = f"notebooks/{EDITION_FOLDER}/00_start_here.ipynb"


def first_lesson(language: str = SOURCE_LANGUAGE) -> str:
    """Lesson 0 of the edition in ``language``, relative to the workspace."""
    return FIRST_LESSON_ZH if language == EDITION_FOLDER else FIRST_LESSON


def first_layout(language: str = SOURCE_LANGUAGE) -> dict[str, Any]:
    """JupyterLab's layout before the learner has one: lesson 0 open (instead of the
    Launcher), also when they go to ``/lab`` directly, and the file browser beside it
    (in the Chinese JupyterLab, showing ``notebooks/zh/``). Written once; JupyterLab then
    saves theirs over it."""
    lesson = first_lesson(language)
    layout: dict[str, Any] = {
        "data": {
            "layout-restorer:data": {
                "main": {
                    "dock": {
                        "type": "tab-area",
                        "currentIndex": 0,
                        "widgets": [f"notebook:{lesson}"],
                    },
                    "current": f"notebook:{lesson}",
                },
                "left": {"collapsed": False, "visible": True, "current": "filebrowser"},
            },
            f"notebook:{lesson}": {"data": {"path": lesson, "factory": "Notebook"}},
        },
        "metadata": {"id": "default"},
    }
    if language == EDITION_FOLDER:  # the English root shows both editions' folders
        layout["data"]["file-browser-filebrowser:cwd"] = {"path": lesson.rsplit("/", 1)[0]}
    return layout


FIRST_LAYOUT = first_layout(SOURCE_LANGUAGE)

DEFAULT_LAYOUT_FILE = "default-37a8.jupyterlab-workspace"
"""Where JupyterLab keeps the layout of ``/lab``: its workspace "default", in a file named
``default-`` + the first 4 hex digits of sha256("default") (jupyterlab_server's ``slugify``)."""


@dataclass
class CopyState:
    """How one workspace copy compares with its published version."""

    path: str
    """Relative to the workspace, e.g. ``notebooks/03_max_pooling.ipynb``."""
    status: str
    detail: str = ""

    @property
    def is_lesson(self) -> bool:
        return self.path.startswith("notebooks/") and self.path.endswith(".ipynb")

    @property
    def is_chinese(self) -> bool:
        return is_chinese(self.path)

    def __str__(self) -> str:
        return f"{self.path}: {_(self.status)}" + (f" ({self.detail})" if self.detail else "")


def is_chinese(rel: str) -> bool:
    """True for a copy of the Chinese edition (``notebooks/zh/...``, ``exercises/zh/...``)."""
    return EDITION_FOLDER in rel.split("/")[:-1]


# --------------------------------------------------------------------------
# What a copy is
# --------------------------------------------------------------------------
def published_files(root: Path | None = None) -> list[str]:
    """The workspace's copies, relative to it, in course order: the lessons, the glossary,
    the exercise notebooks, the worked solutions (see :func:`published_path`)."""
    root = course_root() if root is None else root
    return [
        f"{folder}/{SOLUTION_PREFIX if folder.endswith('solutions') else ''}{p.name}"
        for folder, pattern in PUBLISHED
        for p in sorted((root / folder).glob(pattern))
    ]


def published_path(rel: str, root: Path | None = None) -> Path:
    """The published file a workspace copy (``rel``, relative to the workspace) comes from."""
    root = course_root() if root is None else root
    folder, _, name = rel.rpartition("/")
    if folder.endswith("solutions"):
        name = name.removeprefix(SOLUTION_PREFIX)
    return root / folder / name


def copy_bytes(published: Path) -> bytes:
    """The bytes of a fresh copy: the published file, a notebook without its ``.py`` pairing
    (and a worked solution with its links one folder deeper, as its copy is).

    Written with nbformat's own layout, so that JupyterLab saving an unchanged copy
    writes the same bytes back.
    """
    if published.suffix != ".ipynb":
        return published.read_bytes()
    import nbformat

    nb = nbformat.read(published, as_version=4)
    nb.metadata.get("jupytext", {}).pop("formats", None)
    if published.parent.name == "solutions":  # one folder deeper than the exercise notebook
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                cell.source = cell.source.replace("](../", "](../../")
    return (nbformat.writes(nb) + "\n").encode("utf-8")


def _cells(data: bytes) -> list[tuple[str, str]] | None:
    """The (type, source) of each cell, or None when it is not a readable notebook."""
    try:
        nb = json.loads(data)
        return [(c["cell_type"], "".join(c["source"])) for c in nb["cells"]]
    except (ValueError, KeyError, TypeError):
        return None


def _outputs_lost(published: bytes, copy: bytes) -> int:
    """How many code cells with stored output in ``published`` have none in ``copy``."""
    try:
        old, new = json.loads(published)["cells"], json.loads(copy)["cells"]
    except (ValueError, KeyError, TypeError):
        return 0
    return sum(
        1
        for a, b in zip(old, new, strict=False)
        if a.get("cell_type") == "code" and a.get("outputs") and not b.get("outputs")
    )


def fingerprint(data: bytes, notebook: bool) -> str:
    """What counts as the learner's edits: a notebook's cell types and sources, or all bytes."""
    cells = _cells(data) if notebook else None
    text = json.dumps(cells) if cells is not None else data.hex()
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _describe(published: bytes, copy: bytes, notebook: bool) -> tuple[str, str]:
    if not notebook:
        return (AS_PUBLISHED, "") if published == copy else (EDITED, "")
    mine, theirs = _cells(copy), _cells(published)
    if mine is None:
        return EDITED, _("it is not a readable notebook any more")
    if mine != theirs:
        changed = sum(1 for a, b in zip(mine, theirs, strict=False) if a != b)
        changed += abs(len(mine) - len(theirs))
        return EDITED, ngettext(
            "{count} cell differs from the published version",
            "{count} cells differ from the published version",
            changed,
        ).format(count=changed)
    lost = _outputs_lost(published, copy)
    if lost:
        return OUTPUTS_LOST, ngettext(
            "{count} code cell has no output", "{count} code cells have no output", lost
        ).format(count=lost)
    return AS_PUBLISHED, ""


# --------------------------------------------------------------------------
# The manifest
# --------------------------------------------------------------------------
def _load_manifest(workspace: Path) -> dict[str, Any]:
    try:
        data = json.loads((workspace / MANIFEST).read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def _save_manifest(workspace: Path, manifest: dict[str, Any]) -> None:
    target = workspace / MANIFEST
    temporary = target.with_suffix(".tmp")
    temporary.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", "utf-8")
    os.replace(temporary, target)


def _write_copy(root: Path, workspace: Path, rel: str, manifest: dict[str, Any]) -> None:
    data = copy_bytes(published_path(rel, root))
    target = workspace / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    notebook = rel.endswith(".ipynb")
    manifest[rel] = {
        "published": hashlib.sha256(published_path(rel, root).read_bytes()).hexdigest(),
        "copy": fingerprint(data, notebook),
    }


def backup(path: Path) -> Path:
    """Copy a file to ``backups/NAME.<date>_<time>.EXT`` beside it (UTC); return the copy."""
    folder = path.parent / BACKUPS
    folder.mkdir(exist_ok=True)
    stamp = _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d_%H%M%S")
    target = folder / f"{path.stem}.{stamp}{path.suffix}"
    count = 1
    while target.exists():  # two backups in one second
        count += 1
        target = folder / f"{path.stem}.{stamp}-{count}{path.suffix}"
    shutil.copy2(path, target)
    return target


# --------------------------------------------------------------------------
# What learners and the command line call
# --------------------------------------------------------------------------
def status(workspace: Path | None = None, root: Path | None = None) -> list[CopyState]:
    """How each copy in the workspace compares with the published file, in course order."""
    root = course_root() if root is None else root
    workspace = workspace_dir() if workspace is None else workspace
    manifest = _load_manifest(workspace)
    states = []
    for rel in published_files(root):
        copy, published = workspace / rel, published_path(rel, root)
        if not copy.is_file():
            states.append(CopyState(rel, MISSING))
            continue
        notebook = rel.endswith(".ipynb")
        data = copy.read_bytes()
        state, detail = _describe(copy_bytes(published), data, notebook)
        recorded = manifest.get(rel, {})
        if state == EDITED and recorded.get("copy") == fingerprint(data, notebook):
            state, detail = OUTDATED, "your copy is unchanged"
        states.append(CopyState(rel, state, detail))
    return states


def sync(workspace: Path | None = None, root: Path | None = None) -> list[str]:
    """Make missing copies and refresh unedited out-of-date ones; report what was done.

    A copy the learner edited is never replaced: it is reported with the command
    that restores it.
    """
    root = course_root() if root is None else root
    workspace = workspace_dir() if workspace is None else workspace
    report = []
    if not workspace.is_dir():
        report.append(
            _(
                "Making your workspace, {folder}: your own copies of the lessons and exercises, "
                "which JupyterLab opens (the published ones are never changed)."
            ).format(folder=shown(workspace, root))
        )
    workspace.mkdir(parents=True, exist_ok=True)
    manifest = _load_manifest(workspace)
    for state in status(workspace, root):
        if state.status in (MISSING, OUTDATED):
            _write_copy(root, workspace, state.path, manifest)
            if state.status == OUTDATED:
                report.append(
                    _("{path}: updated to the newly published version").format(path=state.path)
                )
        elif state.status == EDITED and manifest.get(state.path, {}).get("published") != (
            hashlib.sha256(published_path(state.path, root).read_bytes()).hexdigest()
        ):
            report.append(
                _(
                    "{path}: a newer version is published; yours has edits, so it was kept "
                    "(`{command}` replaces it, keeping yours as a backup)"
                ).format(path=state.path, command=restore_command(state.path))
            )
    _save_manifest(workspace, manifest)
    _write_lab_settings(workspace)
    return report


def find(name: str, root: Path | None = None) -> str:
    """The copy a learner means, relative to the workspace.

    Lessons: ``3``, ``03``, ``lesson 3``, ``03_max_pooling``, ``03_max_pooling.ipynb``,
    ``notebooks/03_max_pooling.ipynb``; exercise notebooks: ``ex3``, ``ex03_max_pooling``;
    worked solutions: ``sol3``; the glossary: ``glossary`` or ``glossary.md``. The Chinese
    edition's: the same names after ``zh`` (``zh3``, ``zh ex3``, ``zh/glossary``) or with
    their ``zh/`` folder; a name without it means the edition of the current language
    (:func:`course_lib.set_language`), so that ``restore_lesson(3)`` in a Chinese lesson
    restores the Chinese lesson 3.

    Raises
    ------
    KeyError
        With a message listing the short names that can be given.
    """
    all_files = published_files(root)
    text = re.sub(r"^lesson\s*", "", name.strip().lower().replace("\\", "/"))
    if text.startswith(EDITION_FOLDER):
        chinese, text = True, text[len(EDITION_FOLDER) :].lstrip(" /_-")
    else:
        # a path names its edition by its folder; a bare name means the current language's
        chinese = f"/{EDITION_FOLDER}/" in f"/{text}" or (
            "/" not in text and edition_subfolder() == EDITION_FOLDER
        )
    files = [rel for rel in all_files if is_chinese(rel) == chinese]
    wanted = text.rsplit("/", 1)[-1]
    wanted = re.sub(r"\.(ipynb|md|py)$", "", wanted)
    wanted = re.sub(r"^lesson\s*", "", wanted)
    number = re.fullmatch(r"([a-z]*)\s*0*(\d+)", wanted)
    for rel in files:
        if wanted in (_stem(rel), _short(rel)):
            return rel
        if number and _short(rel) == f"{number.group(1)}{int(number.group(2))}":
            return rel
    names = ", ".join(short_name(rel) for rel in all_files)
    raise KeyError(
        _("no lesson or exercise notebook called {name!r}; choose from {names}").format(
            name=name, names=names
        )
    )


def _stem(rel: str) -> str:
    return rel.rsplit("/", 1)[-1].rsplit(".", 1)[0]


def _short(rel: str) -> str:
    """``3``, ``ex3``, ``sol3`` or ``glossary``, whatever the edition."""
    match = re.match(r"([a-z]*)0*(\d+)_", _stem(rel))
    return f"{match.group(1)}{match.group(2)}" if match else _stem(rel)


def short_name(rel: str) -> str:
    """``3`` for lesson 3, ``ex3`` for its exercises, ``sol3`` for their solution; ``zh3``,
    ``zhex3``, ``zhsol3``, ``zhglossary`` for the Chinese edition's."""
    return f"{EDITION_FOLDER}{_short(rel)}" if is_chinese(rel) else _short(rel)


def restore_command(rel: str) -> str:
    """The ``make`` command a learner types, in the course folder, to restore ``rel``."""
    return f"make restore LESSON={short_name(rel)}"


def shown(path: Path, root: Path | None = None) -> str:
    """``path`` as a learner in the course folder sees it (relative to it when inside)."""
    root = course_root() if root is None else root
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


CLOSE_THE_TAB = N_(
    "If it is open in JupyterLab, choose File → Reload Notebook from Disk there, without "
    "saving first (saving would write the old version back)."
)


def restore(
    names: list[str] | None = None, workspace: Path | None = None, root: Path | None = None
) -> list[str]:
    """Put published versions back in the workspace, keeping each replaced copy as a backup.

    Parameters
    ----------
    names : list of str, optional
        Lessons or exercise notebooks (see :func:`find`). By default, every lesson
        whose copy is not as published (exercise notebooks only when named: their
        edits are the learner's answers).

    Returns
    -------
    list of str
        One line per file: what was restored and where the learner's copy went.
    """
    root = course_root() if root is None else root
    workspace = workspace_dir() if workspace is None else workspace
    if not workspace.is_dir():
        return [
            _("You have no workspace yet: `make lab` makes it, with every lesson as published.")
        ]
    states = {s.path: s for s in status(workspace, root)}
    if names:
        chosen = [find(n, root) for n in names]
    else:
        chosen = [s.path for s in states.values() if s.is_lesson and s.status != AS_PUBLISHED]
        if not chosen:
            return [_("Every lesson in your workspace is as published: nothing to restore.")]
    manifest = _load_manifest(workspace)
    report = []
    restored = False
    for rel in chosen:
        target = workspace / rel
        if states[rel].status == AS_PUBLISHED:
            report.append(
                _("{path} is already as published: nothing to do.").format(path=shown(target, root))
            )
            continue
        try:
            kept = backup(target) if target.is_file() else None
            _write_copy(root, workspace, rel, manifest)
        except OSError as error:
            report.append(
                _("{path} could not be restored: {error}").format(
                    path=shown(target, root), error=error
                )
            )
            continue
        restored = True
        if kept:
            line = _("{path} is as published again. Yours is in {backup}.")
        else:
            line = _("{path} is as published again.")
        backup_at = shown(kept, root) if kept else ""
        report.append(line.format(path=shown(target, root), backup=backup_at))
    _save_manifest(workspace, manifest)
    if restored:
        report.append(_(CLOSE_THE_TAB))
    return report


def changed_lessons(workspace: Path | None = None) -> list[CopyState]:
    """The lessons whose workspace copy is not as published, missing ones included (none
    when there is no workspace yet): what :func:`doctor` reports."""
    workspace = workspace_dir() if workspace is None else workspace
    if not workspace.is_dir():
        return []
    return [s for s in status(workspace) if s.is_lesson and s.status != AS_PUBLISHED]


def _lab_dir(workspace: Path | None, language: str) -> Path:
    workspace = workspace_dir() if workspace is None else workspace
    return workspace / ".jupyter" / ("lab" if language != EDITION_FOLDER else "lab-zh")


def settings_dir(workspace: Path | None = None, language: str = SOURCE_LANGUAGE) -> Path:
    """JupyterLab's user-settings folder for the course (inside the workspace); the
    Chinese JupyterLab (``make lab-zh``) has its own."""
    return _lab_dir(workspace, language) / "user-settings"


def layouts_dir(workspace: Path | None = None, language: str = SOURCE_LANGUAGE) -> Path:
    """JupyterLab's saved layouts ("workspaces", in its own words) for the course."""
    return _lab_dir(workspace, language) / "workspaces"


def _write_lab_settings(workspace: Path) -> None:
    files = {}
    for language, settings in ((SOURCE_LANGUAGE, LAB_SETTINGS), (EDITION_FOLDER, LAB_SETTINGS_ZH)):
        for rel, data in settings.items():
            files[settings_dir(workspace, language) / rel] = data
        files[layouts_dir(workspace, language) / DEFAULT_LAYOUT_FILE] = first_layout(language)
    for target, data in files.items():
        if not target.exists():  # the learner's own changes are kept
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
