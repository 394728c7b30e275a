"""Test-wide set-up: the course's environment defaults, for this process and every nbval kernel.

Kernels started by nbval inherit this process's environment, so applying the
defaults here (before anything imports Keras) covers the notebooks too. The
defaults themselves live in ``course_lib.frameworks``.
"""

import os
import tempfile

from course_lib.frameworks import configure_kernels
from course_lib.paths import PROGRESS_ENV_VAR, WORKSPACE_ENV_VAR

configure_kernels()
# Exercise checks (unit tests and nbval kernels) save progress here, never in the repo.
os.environ.setdefault(
    PROGRESS_ENV_VAR, os.path.join(tempfile.mkdtemp(prefix="pooling-"), "progress.json")
)
# ... and never look at (or change) a learner's workspace: doctor() in lesson 0 reports on an
# empty one, as when the lesson was built.
os.environ.setdefault(WORKSPACE_ENV_VAR, os.path.join(tempfile.mkdtemp(prefix="pooling-"), "ws"))
