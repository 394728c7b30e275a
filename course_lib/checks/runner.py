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
import types
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from course_lib.i18n import _

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
    error: type[BaseException] | None = None  # what a "raised" call raised

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
    outer, _interval = signal.setitimer(signal.ITIMER_REAL, seconds)  # an outer timer, if any
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
    if fr.line:
        return _("line {line} in {function}: `{code}`").format(
            line=fr.lineno, function=fr.name, code=fr.line.strip()
        )
    return _("line {line} in {function}").format(line=fr.lineno, function=fr.name)


def describe_exception(error: BaseException) -> str:
    """``raised ZeroDivisionError: division by zero (line 3 in f: `return n / 0`)``."""
    text = str(error).strip().splitlines()
    first = f"{type(error).__name__}: {text[0]}" if text else type(error).__name__
    where = learner_line(error)
    if where:
        return _("raised {error} ({where})").format(error=first, where=where)
    return _("raised {error}").format(error=first)


class ForbiddenCall(Exception):
    """Raised when the learner's code calls a function the exercise asks them to write."""

    def __init__(self, name: str):
        super().__init__(name)
        self.name = name


def _stand_in(original: Callable) -> Callable:
    name = getattr(original, "__name__", "it")

    def forbidden(*args: Any, **kwargs: Any) -> Any:
        raise ForbiddenCall(name)

    forbidden.__name__ = name
    return forbidden


def _cells(func: Callable) -> list[Any]:
    """The filled closure cells of ``func`` (the names it takes from an enclosing function)."""
    cells = []
    for cell in getattr(func, "__closure__", None) or ():
        try:
            cell.cell_contents  # noqa: B018  (an empty cell raises ValueError)
        except ValueError:
            continue
        cells.append(cell)
    return cells


def _namespaces(func: Callable) -> list[dict]:
    """Where the learner's function finds names: its globals, and the course's modules in them.

    ``from course_lib.pooling import pool2d``, ``from course_lib import pooling``
    and ``import course_lib`` (then ``course_lib.pooling.pool2d``) all reach the
    same function: through the globals, or through a ``course_lib`` module two
    attribute steps away at most.
    """
    spaces = [getattr(func, "__globals__", None) or {}]
    reachable = [*spaces[0].values(), *(c.cell_contents for c in _cells(func))]
    modules = [v for v in reachable if isinstance(v, types.ModuleType)]
    modules += [v for m in modules for v in vars(m).values() if isinstance(v, types.ModuleType)]
    seen: set[int] = set()
    for module in modules:
        if module.__name__.split(".")[0] == "course_lib" and id(module) not in seen:
            seen.add(id(module))
            spaces.append(vars(module))
    return spaces


@contextlib.contextmanager
def forbidding(func: Callable, forbidden: Sequence[Callable]) -> Iterator[None]:
    """While the block runs, every name under which ``func`` can reach a forbidden
    function (the course's own answer to the exercise) calls a stand-in that raises
    :class:`ForbiddenCall` instead; the names are restored afterwards."""
    replaced: list[tuple[dict, str, Any]] = []
    cells: list[tuple[Any, Any]] = []
    ours = str(getattr(func, "__module__", "")).split(".")[0] == "course_lib"
    if forbidden and not ours:  # the course's own references may call the oracle
        for space in _namespaces(func):
            for key, value in list(space.items()):
                if any(value is f for f in forbidden):
                    replaced.append((space, key, value))
                    space[key] = _stand_in(value)
        for cell in _cells(func):  # names from an enclosing function
            value = cell.cell_contents
            if any(value is f for f in forbidden):
                cells.append((cell, value))
                cell.cell_contents = _stand_in(value)
    try:
        yield
    finally:
        for space, key, value in reversed(replaced):
            space[key] = value
        for cell, value in cells:
            cell.cell_contents = value


def call(
    func: Callable,
    args: tuple,
    timeout: float | None = DEFAULT_TIMEOUT,
    limit: float | None = None,
    forbidden: Sequence[Callable] = (),
) -> Outcome:
    """Call ``func(*args)`` and report what happened, never raising (except Ctrl-C).

    ``timeout`` is the time this call may take; ``limit`` the limit to name in
    the message (the whole check's, when this call only had what was left of it).
    ``forbidden`` are the functions the learner is asked to write, not call
    (the course's own reference): a call to one of them is reported as such.
    """
    start = time.perf_counter()
    try:
        with forbidding(func, forbidden), _time_limit(timeout):
            value = func(*args)
    except ForbiddenCall as error:
        return Outcome(
            problem=_(
                "calls course_lib's `{name}`, the course's own answer to this "
                "exercise: the task is to write it yourself (NumPy is yours to use)"
            ).format(name=error.name),
            kind="raised",
        )
    except CheckTimeout:
        seconds = time.perf_counter() - start
        return Outcome(
            problem=_(
                "stopped after {seconds} s: it runs too long (an endless loop, or much "
                "more work than the task needs)"
            ).format(seconds=f"{limit or timeout:g}"),
            kind="timeout",
            seconds=seconds,
        )
    except NotImplementedError as error:
        return Outcome(problem=describe_exception(error), kind="not_implemented")
    except (Exception, SystemExit) as error:
        return Outcome(problem=describe_exception(error), kind="raised", error=type(error))
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
