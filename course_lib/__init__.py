"""Pooling, from first principles: the course's library.

``course_lib.pooling`` holds the reference implementations (the oracle the
exercise checkers and tests compare against). Importing ``course_lib`` is
cheap: it never imports Keras, JAX or matplotlib; the modules that need them
import them when they are used.

Importing it also defaults Keras to the JAX backend on the CPU, unless you have
set ``KERAS_BACKEND`` or ``JAX_PLATFORMS`` yourself (see
:mod:`course_lib.frameworks`).
"""

from __future__ import annotations

from course_lib.doctor import doctor
from course_lib.frameworks import configure_backend

configure_backend()

__version__ = "0.1.0"
__all__ = ["__version__", "configure_backend", "doctor"]

# The exercise checkers bind their private references to the oracle now, before
# any learner code can reassign course_lib.pooling.pool2d (pure NumPy, cheap).
from course_lib.checks import references as _check_references  # noqa: E402, F401

_LAZY = {
    "check": ("course_lib.checks.api", "check"),
    "hint": ("course_lib.checks.api", "hint"),
    "progress": ("course_lib.saved_progress", "progress"),
    "reset_exercise": ("course_lib.exercises", "reset_exercise"),
}


def __getattr__(name: str):
    """``from course_lib import check, hint, progress, reset_exercise``, loaded on first use."""
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        return getattr(importlib.import_module(module), attr)
    raise AttributeError(f"module 'course_lib' has no attribute {name!r}")
