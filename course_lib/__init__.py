"""Pooling, from first principles: the course's library.

What a learner imports::

    from course_lib import check, hint, progress, reset_exercise
    course_lib.doctor()
    course_lib.restore_lesson(3)   # lesson 3 of your workspace back as published
    course_lib.set_language("zh")  # messages in Simplified Chinese (the Chinese edition)

The layers, from the bottom: :mod:`course_lib.pooling` (the reference
implementations, the oracle everything is compared with), :mod:`course_lib.checks`
(the grading engine), :mod:`course_lib.lessons` (the exercises),
:mod:`course_lib.store` (saved progress) and :mod:`course_lib.workspace` (the
learner's copies of the notebooks), :mod:`course_lib.learner` (the calls
above), :mod:`course_lib.build` (executing, generating and grading notebooks),
:mod:`course_lib.viz` and :mod:`course_lib.lab` (figures and experiments for
the lessons). ``exercises/AUTHORING.md`` draws the picture.

Importing ``course_lib`` is cheap: it never imports Keras, JAX or matplotlib;
the modules that need them import them when they are used. It also defaults
Keras to the JAX backend on the CPU, unless you have set ``KERAS_BACKEND`` or
``JAX_PLATFORMS`` yourself (see :mod:`course_lib.frameworks`).
"""

from __future__ import annotations

from course_lib.frameworks import configure_backend

configure_backend()

# The lessons bind their references to the oracle on import, before any learner
# code can reassign course_lib.pooling.pool2d (pure NumPy, cheap).
from course_lib.doctor import doctor  # noqa: E402
from course_lib.i18n import get_language, set_language  # noqa: E402
from course_lib.learner import (  # noqa: E402
    check,
    hint,
    progress,
    reset_exercise,
    restore_lesson,
)

__version__ = "0.1.0"
__all__ = [
    "__version__",
    "check",
    "configure_backend",
    "doctor",
    "get_language",
    "hint",
    "progress",
    "reset_exercise",
    "restore_lesson",
    "set_language",
]
