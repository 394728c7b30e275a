"""What a learner calls: ``check``, ``hint``, ``progress``, ``reset_exercise``, ``restore_lesson``.

This module composes the layers below it: the grading engine
(:mod:`course_lib.checks`), the course's exercises (:mod:`course_lib.lessons`,
imported here so that every exercise is registered), the progress file
(:mod:`course_lib.store`) and the exercise notebooks
(:mod:`course_lib.build.generate`, for ``reset_exercise``) and the learner's workspace
(:mod:`course_lib.workspace`, for ``restore_lesson``).
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import course_lib.lessons  # noqa: F401  (registers every exercise)
from course_lib import store as _progress
from course_lib.build.generate import Report, reset_exercise
from course_lib.checks import runner
from course_lib.checks.registry import all_exercises, get_exercise, id_key
from course_lib.checks.result import (
    FAILED,
    NOT_ATTEMPTED,
    PASSED,
    STATUS_NAMES,
    CheckResult,
    html_text,
    plain_words,
)
from course_lib.i18n import N_, _, display_width, pad
from course_lib.paths import in_worked_solution

__all__ = [
    "Hint",
    "ProgressTable",
    "check",
    "hint",
    "how_exercises_work",
    "progress",
    "reset_exercise",
    "restore_lesson",
]

EXERCISE_GUIDE = N_("""\
**How the exercises work.** Write your answer where a cell says `# YOUR CODE HERE` (and delete
the `raise NotImplementedError(...)` line under it) or `# YOUR ANSWER HERE` (replace the `...`).
Then run the check cell under it. It answers with ✓ and what you have shown; with ✗ and what
went wrong, on which input and, when your mistake is a common one, why; or with "not attempted
yet". For an exercise with one fixed answer (a shape, a number, a choice) it says which part is
wrong, never the right value.

- `hint("ID")` gives the next hint, one at a time; hints never give the answer away.
- `progress()` shows every exercise: passed, failed or not attempted, with your score.
- Made a mess of a cell? Run `reset_exercise("ID")` in a new cell: it puts the exercise's
  starting code back into this notebook's file on disk and keeps your version in
  `exercises/backups/`. Then choose *File → Reload Notebook from Disk* without saving first
  (saving would write your old version back over it). From a terminal:
  `.venv/bin/pooling-course reset ID`.
- Worked solutions are in `exercises/solutions/`: compare with them after a real attempt, not
  before.
""")
"""The instructions every exercise notebook shows, written once (see :func:`how_exercises_work`)."""

_HINTS_SHOWN: dict[str, int] = {}


def check(
    exercise_id: str,
    answer: Any,
    *,
    timeout: float | None = runner.DEFAULT_TIMEOUT,
    save: bool = True,
) -> CheckResult:
    """Check an answer to an exercise and show what it got right or wrong.

    Parameters
    ----------
    exercise_id : str
        The exercise, e.g. ``"2.1"``.
    answer : function or value
        Your function itself (``check("3.1", max_pool)``, no parentheses) or
        your value, as the exercise asks.
    timeout : float or None
        Seconds your code may run in total before it is stopped (POSIX only).
    save : bool
        Record the result in your progress file (see :mod:`course_lib.store`). Checks
        run in a worked-solution notebook are never recorded: they are not your work.

    Returns
    -------
    CheckResult
        Shows as a short report; ``.passed``, ``.score``, ``.diagnosis`` in code.
    """
    exercise = get_exercise(exercise_id)
    try:
        result = exercise.grade(answer, timeout)
    except Exception as error:  # a bug in the checker: say so, without a traceback
        result = CheckResult(
            exercise.id,
            exercise.title,
            FAILED,
            0.0,
            exercise.points,
            message=_(
                "The checker itself failed on this answer ({error}). "
                "This is a bug in the course, not in your answer: please report it."
            ).format(error=f"{type(error).__name__}: {error}"),
        )
    _progress.append_result(result)  # only while a grader collects results
    if save and not in_worked_solution():
        note = _progress.record(result)
        if note:
            result = result.with_notes(note)
    return result


def restore_lesson(*lessons: str | int) -> Report:
    """Put lessons in your workspace back as published, keeping your copies in ``backups/``.

    ``restore_lesson(3)`` restores lesson 3, ``restore_lesson()`` every lesson whose copy
    differs; ``"ex3"`` names exercise notebook 3 (all its answers go to the backup). The
    same as ``make restore LESSON=3`` in a terminal. Then reload the lesson from disk.
    """
    from course_lib import workspace

    try:
        lines = workspace.restore([str(name) for name in lessons] or None)
    except KeyError as error:
        lines = [str(error.args[0])]
    return Report("\n".join(lines))


class Hint:
    """One hint, shown as text or HTML (deterministic, so notebooks can store it)."""

    def __init__(self, exercise_id: str, number: int, total: int, text: str):
        self.exercise_id, self.number, self.total, self.text = exercise_id, number, total, text

    def __repr__(self) -> str:
        fields = {
            "id": self.exercise_id,
            "number": self.number,
            "total": self.total,
            "hint": _(self.text),
        }
        if self.total == 0:
            return _("No hints for {id}: re-read the task and the lesson.").format(**fields)
        if self.number < self.total:
            template = _(
                'Hint {number} of {total} for {id}: {hint} Run hint("{id}") again for the next one.'
            )
        else:
            template = _("Hint {number} of {total} for {id}: {hint} That was the last hint.")
        return template.format(**fields)

    def _repr_html_(self) -> str:
        style = "border-left:4px solid #9a6700;padding:0.3em 0.8em"
        return f"<div style='{style}'>{html_text(repr(self))}</div>"


def hint(exercise_id: str, number: int | None = None) -> Hint:
    """The next hint for an exercise (or hint ``number``, counting from 1).

    Hints go from a nudge to a near-complete plan; none prints the solution.
    """
    exercise = get_exercise(exercise_id)
    total = len(exercise.hints)
    if total == 0:
        return Hint(exercise.id, 0, 0, "")
    if number is None:
        number = min(_HINTS_SHOWN.get(exercise.id, 0) + 1, total)
    number = max(1, min(int(number), total))
    _HINTS_SHOWN[exercise.id] = max(_HINTS_SHOWN.get(exercise.id, 0), number)
    return Hint(exercise.id, number, total, exercise.hints[number - 1])


class ProgressTable:
    """Every exercise with its status, score, last diagnosis and last attempt; shows as a table.

    The totals count the scored exercises (those worth points): the same ones the
    grader counts. A warm-up worth no points is listed, not counted.

    ``rows`` are language-neutral data (ids, status and diagnosis codes, the exercises'
    English titles): ``pooling-course progress --json`` prints them. The text and HTML
    tables translate them into the current language as they are shown.
    """

    columns = (
        N_("exercise"),
        N_("title"),
        N_("status"),
        N_("score"),
        N_("diagnosis"),
        N_("last attempt"),
    )
    """The column names, in English (shown translated)."""

    def __init__(self, rows: list[dict[str, Any]], note: str | None = None):
        self.rows = rows
        self.note = note

    @property
    def scored(self) -> list[dict[str, Any]]:
        """The rows of exercises worth points (the ones totals and the grader count)."""
        return [r for r in self.rows if r["max_score"] > 0]

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
            diagnosis = _(plain_words(r["diagnosis"])) if r["diagnosis"] else "-"
            score = f"{r['score']:g}/{r['max_score']:g}" if r["max_score"] else _("warm-up")
            status = _(STATUS_NAMES.get(r["status"], r["status"]))
            out.append((r["id"], _(r["title"]), status, score, diagnosis, date))
        return out

    def __repr__(self) -> str:
        cells = [tuple(_(c) for c in self.columns), *self._cells()]
        widths = [max(display_width(row[i]) for row in cells) for i in range(len(self.columns))]
        lines = [
            "  ".join(pad(c, w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells
        ]
        lines.insert(1, "  ".join("-" * w for w in widths))
        done = sum(1 for r in self.scored if r["status"] == PASSED)
        got, out_of = self.total
        lines.append(
            _("{done} of {total} exercises passed; score {score}/{max_score}").format(
                done=done, total=len(self.scored), score=f"{got:g}", max_score=f"{out_of:g}"
            )
        )
        if self.note:
            lines.append(self.note)
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        head = "".join(f"<th>{html.escape(_(c))}</th>" for c in self.columns)
        body = "".join(
            "<tr>" + "".join(f"<td>{html_text(c)}</td>" for c in row) + "</tr>"
            for row in self._cells()
        )
        got, out_of = self.total
        score = _("Score {score}/{max_score}").format(score=f"{got:g}", max_score=f"{out_of:g}")
        note = f"<p>{html.escape(self.note)}</p>" if self.note else ""
        return (
            f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
            f"<p>{html_text(score)}</p>{note}"
        )


_NO_LONGER = N_("(no longer in the course)")
"""The title of a saved exercise the course no longer has."""


def progress(path: Path | None = None) -> ProgressTable:
    """The learner's progress over every exercise of the course, as a table."""
    data, note = _progress.load(path)
    saved = data["exercises"]
    rows = []
    known = {e.id: e for e in all_exercises()}
    for ex_id in sorted(set(known) | set(saved), key=id_key):
        entry = saved.get(ex_id, {})
        ex = known.get(ex_id)
        rows.append(
            {
                "id": ex_id,
                "title": ex.title if ex else _NO_LONGER,
                "status": entry.get("status", NOT_ATTEMPTED),
                "score": float(entry.get("score", 0.0)),
                "best_score": float(entry.get("best_score", 0.0)),
                "max_score": float(ex.points if ex else entry.get("max_score", 0)),
                "attempts": int(entry.get("attempts", 0)),
                "last_attempt": entry.get("last_attempt"),
                "diagnosis": entry.get("diagnosis"),
            }
        )
    return ProgressTable(rows, note)


class _Markdown:
    """Text that a notebook shows as Markdown (and as plain text elsewhere)."""

    def __init__(self, text: str):
        self.text = text

    def __repr__(self) -> str:
        return self.text

    def _repr_markdown_(self) -> str:
        return self.text


def how_exercises_work() -> _Markdown:
    """How to answer, check, get hints and reset: shown at the top of every exercise notebook.

    One text for all of them, so that every notebook gives the same instructions.
    """
    return _Markdown(_(EXERCISE_GUIDE))
