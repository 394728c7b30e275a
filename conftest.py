"""Test-wide set-up: the course's environment defaults, for this process and every nbval kernel.

Kernels started by nbval inherit this process's environment, so applying the
defaults here (before anything imports Keras) covers the notebooks too. The
defaults themselves live in ``course_lib.frameworks``.
"""

import os
import tempfile

import pytest

from course_lib import i18n
from course_lib.frameworks import configure_kernels
from course_lib.i18n import LANGUAGE_ENV_VAR
from course_lib.paths import PROGRESS_ENV_VAR, WORKSPACE_ENV_VAR

configure_kernels()
# Exercise checks (unit tests and nbval kernels) save progress here, never in the repo.
os.environ.setdefault(
    PROGRESS_ENV_VAR, os.path.join(tempfile.mkdtemp(prefix="pooling-"), "progress.json")
)
# ... and never look at (or change) a learner's workspace: doctor() in lesson 0 reports on an
# empty one, as when the lesson was built.
os.environ.setdefault(WORKSPACE_ENV_VAR, os.path.join(tempfile.mkdtemp(prefix="pooling-"), "ws"))
# The stored outputs are those of the notebooks' own language: English, unless a notebook
# chooses Chinese itself (a learner's POOLING_COURSE_LANG would change every English output).
os.environ.pop(LANGUAGE_ENV_VAR, None)


@pytest.fixture(autouse=True)
def _each_test_starts_in_english(monkeypatch):
    """A test (or a Chinese solution source it runs) that chooses a language chooses it for
    itself only: the choice is undone after each test."""
    monkeypatch.delenv(LANGUAGE_ENV_VAR, raising=False)
    monkeypatch.setattr(i18n, "_chosen", None)
