"""Test-wide set-up: Keras on JAX on the CPU, for this process and every nbval kernel.

Kernels started by nbval inherit this process's environment, so setting the
variables here (before anything imports Keras) covers the notebooks too.
"""

import os

os.environ.setdefault("KERAS_BACKEND", "jax")
os.environ.setdefault("JAX_PLATFORMS", "cpu")
os.environ.setdefault("PYTHONHASHSEED", "0")
