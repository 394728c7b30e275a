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
