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
``os.replace``), so an interrupted save never leaves half a file. A file that
cannot be read as progress is **never silently discarded**: it is moved aside
to ``.course_progress.json.corrupt-<time>``, and the move is reported.
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

from course_lib.paths import PROGRESS_ENV_VAR as ENV_VAR
from course_lib.paths import progress_path

FORMAT_VERSION = 1


@contextlib.contextmanager
def temporary_progress_file() -> Iterator[Path]:
    """Save progress to a fresh file in a temporary folder while the block runs.

    ``$POOLING_COURSE_PROGRESS`` points there (for this process and the kernels it
    starts), so running a notebook never touches the learner's own progress; on
    exit it is restored (or unset) and the folder deleted.
    """
    saved = os.environ.get(ENV_VAR)
    with tempfile.TemporaryDirectory() as tmp:
        record = Path(tmp) / "progress.json"
        os.environ[ENV_VAR] = str(record)
        try:
            yield record
        finally:
            if saved is None:
                os.environ.pop(ENV_VAR, None)
            else:
                os.environ[ENV_VAR] = saved


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
    return _empty(), (
        f"Note: the progress file {path.name} could not be read; it was kept as "
        f"{aside.name} and a new one was started."
    )


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


def record(result: Any, path: Path | None = None) -> str | None:
    """Save one check result. Returns a note for the learner, or None.

    A "not attempted" result is not saved (nothing was tried). The record keeps
    the latest status, score and diagnosis, the best score, the number of
    attempts and the time of the last attempt (UTC).
    """
    if not result.attempted:
        return None
    try:
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
    except OSError as error:
        return f"Note: progress not saved ({type(error).__name__}: {error.strerror or error})."
    return note
