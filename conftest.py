"""Test-wide set-up: Keras on JAX on the CPU, for this process and every nbval kernel.

Kernels started by nbval inherit this process's environment, so setting the
variables here (before anything imports Keras) covers the notebooks too.
"""

import os
import tempfile

os.environ.setdefault("KERAS_BACKEND", "jax")
os.environ.setdefault("JAX_PLATFORMS", "cpu")
os.environ.setdefault("PYTHONHASHSEED", "0")
# Exercise checks (unit tests and nbval kernels) save progress here, never in the repo.
os.environ.setdefault(
    "POOLING_COURSE_PROGRESS", os.path.join(tempfile.mkdtemp(prefix="pooling-"), "progress.json")
)
