"""No function a lesson defines passes an exercise: an exercise asks for the next step.

Every top-level function of every lesson source (``notebooks/NN_*.py``) is
run through every function exercise whose arguments it can take, as written
and with its stride defaulted to its window (the stride a learner who copies a
lesson's function would most likely drop). None may pass: copying the lesson
must not be a way to solve an exercise.
"""

from __future__ import annotations

import ast
import functools
import inspect
from pathlib import Path

import pytest

from course_lib import check
from course_lib.checks import all_exercises

ROOT = Path(__file__).resolve().parent.parent
LESSONS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.py"))
FUNCTION_EXERCISES = [e for e in all_exercises() if e.kind == "function"]
STRIDE_NAMES = ("s", "stride", "strides")
WINDOW_NAMES = ("f", "pool_size", "k", "size", "window")


def _definitions(source: Path) -> dict:
    """The lesson's imports, literal constants and top-level functions, executed."""
    tree = ast.parse(source.read_text(encoding="utf-8"))
    kept = []
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom, ast.FunctionDef)):
            kept.append(node)
        elif isinstance(node, ast.Assign):
            try:
                ast.literal_eval(node.value)
            except ValueError:
                continue
            kept.append(node)
    namespace: dict = {"__name__": f"lesson_{source.stem}"}
    for node in kept:  # one by one: an import that needs a notebook-only name is skipped
        module = ast.Module(body=[node], type_ignores=[])
        try:
            exec(compile(module, str(source), "exec"), namespace)
        except Exception:
            continue
    return {
        name: value
        for name, value in namespace.items()
        if inspect.isfunction(value) and value.__module__ == namespace["__name__"]
    }


def _stride_defaulted(function):
    """``function`` with its stride, when not given, equal to its window."""
    parameters = inspect.signature(function).parameters
    stride = next((p for p in STRIDE_NAMES if p in parameters), None)
    window = next((p for p in WINDOW_NAMES if p in parameters), None)
    if stride is None or window is None:
        return None

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        bound = inspect.signature(function).bind_partial(*args, **kwargs)
        if stride not in bound.arguments and window in bound.arguments:
            bound.arguments[stride] = bound.arguments[window]
        return function(*bound.args, **bound.kwargs)

    del wrapper.__wrapped__  # inspect.signature(wrapper) is (*args, **kwargs): any call is tried
    return wrapper


def _accepts(function, count: int) -> bool:
    """Whether ``function`` can be called with ``count`` positional arguments."""
    try:
        inspect.signature(function).bind(*range(count))
    except TypeError:
        return False
    return True


CANDIDATES = [
    (f"{source.stem}.{name}{suffix}", variant)
    for source in LESSONS
    for name, function in sorted(_definitions(source).items())
    for suffix, variant in (("", function), ("[stride=window]", _stride_defaulted(function)))
    if variant is not None
]


def test_the_lessons_define_functions_to_try():
    assert len(CANDIDATES) >= 10, [name for name, _ in CANDIDATES]


@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # lesson code on inputs it was not made for
@pytest.mark.parametrize("exercise", FUNCTION_EXERCISES, ids=[e.id for e in FUNCTION_EXERCISES])
def test_no_lesson_function_passes_the_exercise(exercise):
    arity = len(inspect.signature(exercise.solution).parameters)  # the reference's arguments
    passing = []
    for name, function in CANDIDATES:
        if not _accepts(function, arity):
            continue
        if check(exercise.id, function, timeout=1.0, save=False).passed:
            passing.append(name)
    assert not passing, f"{exercise.id} is passed by lesson code: {passing}"
