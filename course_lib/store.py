"""Saved progress: which exercises a learner passed, with scores and dates.

Where it lives
--------------
One small JSON file, ``.course_progress.json``, in the course folder (the
folder that holds ``course_lib/`` and ``exercises/``; if the course was
installed elsewhere, the current working directory). The environment variable
``POOLING_COURSE_PROGRESS`` overrides the path: the tests, nbval runs and the
grader point it at a temporary file so that they never touch a learner's
record.

The file is written atomically (a temporary file in the same folder, then
``os.replace``), so an interrupted save never leaves half a file, and each
update (read, change, write) holds a lock file beside it (``filelock``), so two
notebooks checking at the same moment never lose each other's result. A file
that cannot be read as progress is **never silently discarded**: it is moved
aside to ``.course_progress.json.corrupt-<time>``, and the move is reported.

Results for the grader
----------------------
While ``POOLING_COURSE_RESULTS`` names a file (the grader sets it for the
kernel it starts), every check also appends its full result there, one JSON
line each. The grader reads them back as :class:`CheckResult` objects with
:func:`read_results`, never by parsing the learner's progress file.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from filelock import FileLock

from course_lib.checks.result import CheckResult
from course_lib.i18n import _
from course_lib.paths import PROGRESS_ENV_VAR as ENV_VAR
from course_lib.paths import RESULTS_ENV_VAR, WORKSPACE_ENV_VAR, progress_path, results_path

FORMAT_VERSION = 1


@contextlib.contextmanager
def _temporary_file(env_var: str, name: str) -> Iterator[Path]:
    """Point ``$env_var`` at ``name`` in a fresh temporary folder while the block runs.

    For this process and the kernels it starts; on exit the variable is restored
    (or unset) and the folder deleted.
    """
    saved = os.environ.get(env_var)
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / name
        os.environ[env_var] = str(target)
        try:
            yield target
        finally:
            if saved is None:
                os.environ.pop(env_var, None)
            else:
                os.environ[env_var] = saved


def temporary_progress_file() -> contextlib.AbstractContextManager[Path]:
    """Save progress to a fresh file in a temporary folder while the block runs.

    Running a notebook (to build, generate or grade it) never touches the
    learner's own progress.
    """
    return _temporary_file(ENV_VAR, "progress.json")


def temporary_workspace() -> contextlib.AbstractContextManager[Path]:
    """Point the learner's workspace at an empty folder while the block runs.

    A lesson built or tested then reports on an empty workspace (``doctor()`` in
    lesson 0), whatever the author's own workspace holds.
    """
    return _temporary_file(WORKSPACE_ENV_VAR, "workspace")


def temporary_results_file() -> contextlib.AbstractContextManager[Path]:
    """Collect every check's full result in a fresh file while the block runs (grading)."""
    return _temporary_file(RESULTS_ENV_VAR, "results.jsonl")


def _lock(path: Path) -> FileLock:
    """The lock guarding one file's read-change-write (a ``.lock`` file beside it)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    return FileLock(str(path) + ".lock", timeout=30)


def _empty() -> dict[str, Any]:
    return {"version": FORMAT_VERSION, "exercises": {}}


def _valid(data: Any) -> bool:
    return (
        isinstance(data, dict)
        and isinstance(data.get("exercises"), dict)
        and all(isinstance(v, dict) for v in data["exercises"].values())
    )


def load(path: Path | None = None) -> tuple[dict[str, Any], str | None]:
    """Read saved progress. Returns ``(data, note)``; ``note`` reports a set-aside file."""
    path = progress_path() if path is None else Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return _empty(), None
    try:
        data = json.loads(text)
    except ValueError:
        data = None
    if _valid(data):
        return data, None
    stamp = _dt.datetime.now(_dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    aside = path.with_name(f"{path.name}.corrupt-{stamp}")
    os.replace(path, aside)
    return _empty(), _(
        "Note: the progress file {name} could not be read; it was kept as "
        "{aside} and a new one was started."
    ).format(name=path.name, aside=aside.name)


def save(data: dict[str, Any], path: Path | None = None) -> None:
    """Write ``data`` atomically: a temporary file beside the target, then a rename."""
    path = progress_path() if path is None else Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, indent=1, sort_keys=True)
            handle.write("\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def record(result: CheckResult, path: Path | None = None) -> str | None:
    """Save one check result. Returns a note for the learner, or None.

    A "not attempted" result is not saved (nothing was tried). The record keeps
    the latest status, score and diagnosis, the best score, the number of
    attempts and the time of the last attempt (UTC).
    """
    if not result.attempted:
        return None
    path = progress_path() if path is None else Path(path)
    try:
        with _lock(path):
            return _record_locked(result, path)
    except OSError as error:  # includes filelock's Timeout
        return _("Note: progress not saved ({error}).").format(
            error=f"{type(error).__name__}: {error.strerror or error}"
        )


def _record_locked(result: CheckResult, path: Path) -> str | None:
    data, note = load(path)
    entry = data["exercises"].get(result.exercise_id, {})
    best = max(float(entry.get("best_score", 0.0)), float(result.score))
    data["exercises"][result.exercise_id] = {
        "status": result.status,
        "score": result.score,
        "best_score": best,
        "max_score": result.max_score,
        "diagnosis": result.diagnosis,
        "attempts": int(entry.get("attempts", 0)) + 1,
        "last_attempt": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
    }
    save(data, path)
    return note


def append_result(result: CheckResult) -> None:
    """Append ``result`` to the results file, if one is named (see the module docstring)."""
    path = results_path()
    if path is None:
        return
    line = json.dumps(result.as_dict(), sort_keys=True)
    with _lock(path), path.open("a", encoding="utf-8") as handle:
        handle.write(line + "\n")


def read_results(path: Path) -> dict[str, CheckResult]:
    """The last result of each exercise in a results file (empty if it is missing).

    A line that is not a result (a kernel killed mid-write) is skipped.
    """
    results: dict[str, CheckResult] = {}
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return results
    for line in lines:
        try:
            fields = json.loads(line)
            fields["notes"] = tuple(fields.get("notes", ()))
            result = CheckResult(**fields)
        except (ValueError, TypeError):
            continue
        results[result.exercise_id] = result
    return results
