"""Call a learner's function safely: catch what it raises, stop it if it hangs.

Nothing here prints. Every problem becomes a :class:`Outcome` whose ``problem``
is one plain sentence for the learner: the exception and the line of *their*
code that raised it (never a traceback from inside ``course_lib``), or that the
call was stopped after a time limit.

Time limits use ``signal.setitimer`` and so work on POSIX systems, in the main
thread (where a notebook kernel runs its cells). Elsewhere (Windows, a worker
thread) the call runs without a limit.
"""

from __future__ import annotations

import contextlib
import copy
import os
import signal
import sysconfig
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np

DEFAULT_TIMEOUT = 5.0
"""Seconds one ``check`` may spend in the learner's code, all cases together."""

_COURSE_LIB_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_LIBRARY_DIRS = tuple(
    {
        os.path.abspath(p)
        for k in ("stdlib", "platstdlib", "purelib", "platlib")
        if (p := sysconfig.get_paths().get(k))
    }
)


class CheckTimeout(BaseException):
    """Raised inside the learner's code when its time is up.

    A ``BaseException`` so that a learner's ``except Exception:`` cannot swallow it.
    """


@dataclass
class Outcome:
    """What one call of the learner's function did."""

    value: Any = None
    problem: str | None = None  # one sentence, or None when the call returned
    kind: str = "ok"  # "ok", "raised", "not_implemented", "timeout"
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.kind == "ok"


def can_time_out() -> bool:
    """True where :func:`call` can stop a function that runs too long."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextlib.contextmanager
def _time_limit(seconds: float | None) -> Iterator[None]:
    if not seconds or seconds <= 0 or not can_time_out():
        yield
        return

    def on_alarm(signum, frame):
        raise CheckTimeout

    previous = signal.signal(signal.SIGALRM, on_alarm)
    outer, _ = signal.setitimer(signal.ITIMER_REAL, seconds)  # an outer timer, if any
    start = time.monotonic()
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer > 0:  # give an outer timer (a test runner's, say) its remaining time back
            signal.setitimer(signal.ITIMER_REAL, max(outer - (time.monotonic() - start), 1e-3))


def _is_library_file(filename: str) -> bool:
    path = os.path.abspath(filename)
    return path.startswith(_COURSE_LIB_DIR + os.sep) or any(
        path.startswith(d + os.sep) for d in _LIBRARY_DIRS
    )


def learner_line(error: BaseException) -> str:
    """Where the learner's code raised ``error``: "line 3 in f: `return x[5]`".

    The innermost frame outside course_lib, the standard library and
    site-packages is the learner's. No file paths are shown: in a notebook the
    line number counts from the top of the cell.
    """
    frames = [
        fr for fr in traceback.extract_tb(error.__traceback__) if not _is_library_file(fr.filename)
    ]
    if not frames:
        return ""
    fr = frames[-1]
    code = f": `{fr.line.strip()}`" if fr.line else ""
    return f"line {fr.lineno} in {fr.name}{code}"


def describe_exception(error: BaseException) -> str:
    """``raised ZeroDivisionError: division by zero (line 3 in f: `return n / 0`)``."""
    text = str(error).strip().splitlines()
    first = f"{type(error).__name__}: {text[0]}" if text else type(error).__name__
    where = learner_line(error)
    return f"raised {first} ({where})" if where else f"raised {first}"


def call(
    func: Callable,
    args: tuple,
    timeout: float | None = DEFAULT_TIMEOUT,
    limit: float | None = None,
) -> Outcome:
    """Call ``func(*args)`` and report what happened, never raising (except Ctrl-C).

    ``timeout`` is the time this call may take; ``limit`` the limit to name in
    the message (the whole check's, when this call only had what was left of it).
    """
    start = time.perf_counter()
    try:
        with _time_limit(timeout):
            value = func(*args)
    except CheckTimeout:
        seconds = time.perf_counter() - start
        return Outcome(
            problem=(
                f"stopped after {limit or timeout:g} s: it runs too long (an endless loop, or much "
                "more work than the task needs)"
            ),
            kind="timeout",
            seconds=seconds,
        )
    except NotImplementedError as error:
        return Outcome(problem=describe_exception(error), kind="not_implemented")
    except (Exception, SystemExit) as error:
        return Outcome(problem=describe_exception(error), kind="raised")
    return Outcome(value=value, seconds=time.perf_counter() - start)


def fresh_copy(value: Any) -> Any:
    """A deep copy, so that nothing the learner does reaches our inputs."""
    if isinstance(value, np.ndarray):
        return value.copy()
    return copy.deepcopy(value)


def same_input(before: Any, after: Any) -> bool:
    """True if ``after`` still equals ``before`` exactly (shape, dtype and values)."""
    if isinstance(before, np.ndarray):
        return (
            isinstance(after, np.ndarray)
            and after.shape == before.shape
            and after.dtype == before.dtype
            and bool(np.array_equal(after, before, equal_nan=True))
        )
    return bool(after == before)
