"""Where the course's files are: the course folder, its notebooks and exercises, the
learner's workspace, the progress file.

Every other module asks here instead of working paths out itself, so that a
course installed somewhere unusual (or a test pointing the progress file
elsewhere) has one place to change.
"""

from __future__ import annotations

import os
from pathlib import Path

PROGRESS_ENV_VAR = "POOLING_COURSE_PROGRESS"
"""Environment variable naming the progress file (tests, nbval and the grader set it)."""

PROGRESS_FILE_NAME = ".course_progress.json"

RESULTS_ENV_VAR = "POOLING_COURSE_RESULTS"
"""Environment variable naming a file that collects every check's full result (the grader's)."""

EDITION_FOLDER = "zh"
"""The Chinese edition sits beside the English one, in a ``zh/`` folder of each:
``notebooks/zh/``, ``exercises/zh/`` and ``exercises/zh/solutions/``."""

SOURCE_DIRS = (
    "notebooks",
    "exercises/solutions",
    f"notebooks/{EDITION_FOLDER}",
    f"exercises/{EDITION_FOLDER}/solutions",
)
"""Folders holding jupytext ``py:percent`` sources and their executed ``.ipynb`` twins,
the English edition's first."""

EXERCISE_NOTEBOOK_PREFIX = "ex"
"""A learner's exercise notebook is its lesson's name with this prefix
(``ex02_output_size.ipynb`` for lesson ``02_output_size``): a lesson and its exercises
then open in JupyterLab as two tabs with different names."""

EXERCISE_NOTEBOOKS = EXERCISE_NOTEBOOK_PREFIX + "[0-9]*.ipynb"
"""The glob matching the learner exercise notebooks in an exercises folder."""

WORKSPACE_ENV_VAR = "POOLING_COURSE_WORKSPACE"
"""Environment variable naming the learner's workspace (tests and builds point it elsewhere)."""

WORKSPACE_DIR_NAME = "workspace"


def course_root() -> Path:
    """The course folder: the checkout holding ``course_lib`` and ``exercises``.

    If the course was installed elsewhere (not from a checkout), the current
    working directory.
    """
    here = Path(__file__).resolve().parent.parent
    if (here / "exercises").is_dir():
        return here
    return Path.cwd()


def exercises_dir() -> Path:
    """The course's ``exercises/`` folder (learner notebooks, ``solutions/`` beside them)."""
    return course_root() / "exercises"


def exercise_dirs() -> list[Path]:
    """The exercise folders of both editions: ``exercises/`` and ``exercises/zh/``."""
    return [exercises_dir(), exercises_dir() / EDITION_FOLDER]


def notebooks_dir() -> Path:
    """The course's ``notebooks/`` folder (the lessons)."""
    return course_root() / "notebooks"


def exercise_notebook_name(lesson_stem: str) -> str:
    """``"02_output_size"`` -> ``"ex02_output_size.ipynb"``."""
    return f"{EXERCISE_NOTEBOOK_PREFIX}{lesson_stem}.ipynb"


def workspace_dir() -> Path:
    """The learner's own copies of the lessons and exercises: ``$POOLING_COURSE_WORKSPACE``
    if set, else ``workspace/`` in the course folder (see :mod:`course_lib.workspace`)."""
    override = os.environ.get(WORKSPACE_ENV_VAR)
    return Path(override).expanduser() if override else course_root() / WORKSPACE_DIR_NAME


def in_worked_solution() -> bool:
    """True in the kernel of a worked-solution notebook (a kernel runs in its notebook's
    folder, here ``exercises/solutions/``): its checks are not the learner's work."""
    return Path.cwd().name == "solutions"


def progress_path() -> Path:
    """Where progress is saved: ``$POOLING_COURSE_PROGRESS`` if set, else in the course folder."""
    override = os.environ.get(PROGRESS_ENV_VAR)
    return Path(override).expanduser() if override else course_root() / PROGRESS_FILE_NAME


def results_path() -> Path | None:
    """The file collecting check results for the grader, or None when nobody grades."""
    override = os.environ.get(RESULTS_ENV_VAR)
    return Path(override).expanduser() if override else None
