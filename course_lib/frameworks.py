"""Backend set-up: which Keras backend runs, and a cheap way to import Keras.

Keras 3 picks its backend from the ``KERAS_BACKEND`` environment variable, and
otherwise from ``~/.keras/keras.json`` (default: TensorFlow). The course installs
JAX, not TensorFlow, so without a choice Keras would fail to import. We set JAX on
the CPU **only where the learner has not chosen**: someone with TensorFlow or
PyTorch installed can export ``KERAS_BACKEND`` and keep theirs.

Nothing here imports Keras, JAX or matplotlib at module import time: they take
about two seconds to load and most of ``course_lib`` does not need them.
"""

from __future__ import annotations

import os
from types import ModuleType

ENV_DEFAULTS = {"KERAS_BACKEND": "jax", "JAX_PLATFORMS": "cpu", "TF_CPP_MIN_LOG_LEVEL": "2"}
"""The course's defaults, applied only where the environment has no value: Keras on
JAX on the CPU (and, for a learner who chose TensorFlow, no C++ start-up chatter).
The one place they are written; everything that starts Python or a kernel calls
:func:`configure_backend` or :func:`configure_kernels`."""

KERNEL_ENV_DEFAULTS = {"PYTHONHASHSEED": "0"}
"""Also set for the kernels that run lessons (JupyterLab, builds, tests): with a fixed
hash seed, anything that iterates over a set of strings prints the same order each run."""


def configure_backend() -> dict[str, str]:
    """Default Keras to JAX on the CPU unless the user chose otherwise.

    Sets ``KERAS_BACKEND=jax`` and ``JAX_PLATFORMS=cpu`` only when they are not
    already in the environment, and only before Keras is first imported (Keras
    reads the variable once). Also silences TensorFlow's C++ start-up chatter
    for learners who do run the TensorFlow backend.

    Returns
    -------
    dict
        The values now in force for ``KERAS_BACKEND`` and ``JAX_PLATFORMS``.
    """
    for key, value in ENV_DEFAULTS.items():
        os.environ.setdefault(key, value)
    return {
        "KERAS_BACKEND": os.environ["KERAS_BACKEND"],
        "JAX_PLATFORMS": os.environ["JAX_PLATFORMS"],
    }


def configure_kernels() -> None:
    """Apply :data:`ENV_DEFAULTS` and :data:`KERNEL_ENV_DEFAULTS` to this process's
    environment, which the kernels it starts inherit (unless already set)."""
    configure_backend()
    for key, value in KERNEL_ENV_DEFAULTS.items():
        os.environ.setdefault(key, value)


def import_keras() -> ModuleType:
    """Import and return ``keras`` with the course's backend defaults applied."""
    configure_backend()
    import keras

    return keras
