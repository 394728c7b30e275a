"""Where the course's files are: the course folder, its notebooks and exercises, the progress file.

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

SOURCE_DIRS = ("notebooks", "exercises/solutions")
"""Folders holding jupytext ``py:percent`` sources and their executed ``.ipynb`` twins."""


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


def notebooks_dir() -> Path:
    """The course's ``notebooks/`` folder (the lessons)."""
    return course_root() / "notebooks"


def progress_path() -> Path:
    """Where progress is saved: ``$POOLING_COURSE_PROGRESS`` if set, else in the course folder."""
    override = os.environ.get(PROGRESS_ENV_VAR)
    return Path(override).expanduser() if override else course_root() / PROGRESS_FILE_NAME


def results_path() -> Path | None:
    """The file collecting check results for the grader, or None when nobody grades."""
    override = os.environ.get(RESULTS_ENV_VAR)
    return Path(override).expanduser() if override else None
