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
import html
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ENV_VAR = "POOLING_COURSE_PROGRESS"
FILE_NAME = ".course_progress.json"
FORMAT_VERSION = 1


def course_root() -> Path:
    """The course folder: the checkout holding ``course_lib`` and ``exercises``."""
    here = Path(__file__).resolve().parent.parent
    if (here / "exercises").is_dir():
        return here
    return Path.cwd()


def progress_path() -> Path:
    """Where progress is saved (``$POOLING_COURSE_PROGRESS`` if set)."""
    override = os.environ.get(ENV_VAR)
    return Path(override).expanduser() if override else course_root() / FILE_NAME


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


class ProgressTable:
    """Every exercise with its status, score and last attempt; shows as a table."""

    columns = ("exercise", "title", "status", "score", "last attempt")

    def __init__(self, rows: list[dict[str, Any]], note: str | None = None):
        self.rows = rows
        self.note = note

    @property
    def total(self) -> tuple[float, float]:
        """(points scored, points available) over all exercises."""
        return (
            round(sum(r["score"] for r in self.rows), 2),
            round(sum(r["max_score"] for r in self.rows), 2),
        )

    def _cells(self) -> list[tuple[str, ...]]:
        out = []
        for r in self.rows:
            date = r["last_attempt"][:10] if r["last_attempt"] else "-"
            out.append(
                (r["id"], r["title"], r["status"], f"{r['score']:g}/{r['max_score']:g}", date)
            )
        return out

    def __repr__(self) -> str:
        cells = [self.columns, *self._cells()]
        widths = [max(len(row[i]) for row in cells) for i in range(len(self.columns))]
        lines = [
            "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
            for row in cells
        ]
        lines.insert(1, "  ".join("-" * w for w in widths))
        done = sum(1 for r in self.rows if r["status"] == "passed")
        got, out_of = self.total
        lines.append(f"{done} of {len(self.rows)} exercises passed; score {got:g}/{out_of:g}")
        if self.note:
            lines.append(self.note)
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        head = "".join(f"<th>{c}</th>" for c in self.columns)
        body = "".join(
            "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>"
            for row in self._cells()
        )
        got, out_of = self.total
        note = f"<p>{html.escape(self.note)}</p>" if self.note else ""
        return (
            f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
            f"<p>Score {got:g}/{out_of:g}</p>{note}"
        )


def progress(path: Path | None = None) -> ProgressTable:
    """The learner's progress over every exercise of the course, as a table."""
    from course_lib.checks.registry import all_exercises, id_key

    data, note = load(path)
    saved = data["exercises"]
    rows = []
    known = {e.id: e for e in all_exercises()}
    for ex_id in sorted(set(known) | set(saved), key=id_key):
        entry = saved.get(ex_id, {})
        ex = known.get(ex_id)
        rows.append(
            {
                "id": ex_id,
                "title": ex.title if ex else "(no longer in the course)",
                "status": entry.get("status", "not attempted"),
                "score": float(entry.get("score", 0.0)),
                "best_score": float(entry.get("best_score", 0.0)),
                "max_score": float(ex.points if ex else entry.get("max_score", 0)),
                "attempts": int(entry.get("attempts", 0)),
                "last_attempt": entry.get("last_attempt"),
                "diagnosis": entry.get("diagnosis"),
            }
        )
    return ProgressTable(rows, note)
