"""Grade exercise notebooks: run each in a fresh kernel and collect every check.

For each notebook the grader reads it into memory (the learner's file is never
written), executes it top to bottom in a fresh kernel with a time limit for the
whole notebook, and collects the result of every ``check(...)`` it ran. The
results travel through a results file of the grader's own (the kernel inherits
``POOLING_COURSE_RESULTS`` pointing to it, see :mod:`course_lib.store`), so
nothing is parsed from the notebook's printed output, and the learner's own
progress file is untouched (the kernel saves progress to a throw-away file).

Cells that raise do not stop the run (the other exercises are still graded); a
cell that hangs past the time limit, a kernel that dies, or a file that is
missing or not a notebook is reported in one line, and the other notebooks are
still graded. The learner's code runs with the grader's rights: this is for
feedback and coursework, not for exams against a hostile author.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import course_lib.lessons  # noqa: F401  (registers every exercise)
from course_lib.build.execute import execute
from course_lib.build.generate import CHECK_CALL
from course_lib.checks.registry import all_exercises, get_exercise, id_key
from course_lib.checks.result import NOT_ATTEMPTED, STATUS_NAMES, plain_words
from course_lib.i18n import N_, _, edition_subfolder, pad
from course_lib.paths import EXERCISE_NOTEBOOKS, exercises_dir, workspace_dir
from course_lib.store import read_results, temporary_results_file

DEFAULT_TIMEOUT = 120.0
"""Seconds a whole notebook may run (its kernel's start-up not counted)."""

_LESSON_PREFIX = re.compile(r"^(?:ex)?(\d+)_")


@dataclass
class ExerciseGrade:
    """One exercise's result in one notebook."""

    id: str
    status: str
    score: float
    max_score: float
    diagnosis: str | None = None


PROBLEMS = {
    "not_found": N_("not found"),
    "unreadable": N_("not a readable notebook ({error})"),
    "timeout": N_("stopped: cell {cell} was still running after {seconds} s"),
    "timeout_at_start": N_("stopped: a cell was still running after {seconds} s"),
    "kernel_died": N_("the kernel died while running cell {cell}"),
    "kernel_died_at_start": N_("the kernel died while running a cell"),
    "could_not_run": N_("could not run ({error})"),
}
"""Why a notebook could not be graded: a stable code and its English sentence, whose
``{placeholders}`` come from :attr:`NotebookGrade.problem_args`."""


@dataclass
class NotebookGrade:
    """What grading one notebook gave.

    ``problem_code`` (a key of :data:`PROBLEMS`, or None when the notebook ran) and
    ``problem_args`` say why a notebook could not run; ``problem`` is the English
    sentence, the table shows it translated (:meth:`problem_text`).
    """

    path: str
    ran: bool
    problem: str | None = None
    cell_errors: list[str] = field(default_factory=list)
    exercises: list[ExerciseGrade] = field(default_factory=list)
    problem_code: str | None = None
    problem_args: dict[str, str] = field(default_factory=dict)

    @classmethod
    def failed(cls, path: str, code: str, **args: str) -> NotebookGrade:
        """A notebook that could not run, for the reason ``code`` (a key of PROBLEMS)."""
        return cls(path, False, PROBLEMS[code].format(**args), problem_code=code, problem_args=args)

    def problem_text(self) -> str | None:
        """Why the notebook could not run, in the current language (None if it ran)."""
        if self.problem_code in PROBLEMS:
            return _(PROBLEMS[self.problem_code]).format(**self.problem_args)
        return self.problem

    @property
    def score(self) -> float:
        return round(sum(e.score for e in self.exercises), 2)

    @property
    def max_score(self) -> float:
        return round(sum(e.max_score for e in self.exercises), 2)

    def as_dict(self) -> dict[str, Any]:
        """The grade as JSON-able data, the same in every language: ``problem_code``
        is the reason's code, ``problem`` its English sentence (never translated)."""
        return {
            "path": self.path,
            "ran": self.ran,
            "problem_code": self.problem_code,
            "problem": self.problem,
            "cell_errors": self.cell_errors,
            "score": self.score,
            "max_score": self.max_score,
            "exercises": [e.__dict__ for e in self.exercises],
        }


def default_notebooks() -> list[Path]:
    """The learner's exercise notebooks: ``workspace/exercises/exNN_*.ipynb`` (their
    answers), or the published ``exercises/exNN_*.ipynb`` when there is no workspace; in
    Chinese (``POOLING_COURSE_LANG=zh``), the Chinese edition's, in ``exercises/zh/``."""
    edition = edition_subfolder()
    mine = sorted((workspace_dir() / "exercises" / edition).glob(EXERCISE_NOTEBOOKS))
    return mine or sorted((exercises_dir() / edition).glob(EXERCISE_NOTEBOOKS))


def _expected_ids(path: Path, nb: Any) -> list[str]:
    """Exercises the notebook should answer: those it checks, and its lesson's exercises."""
    ids = set()
    for cell in nb.cells:
        if cell.cell_type == "code":
            ids.update(CHECK_CALL.findall(cell.source))
    match = _LESSON_PREFIX.match(path.name)
    if match:
        lesson = int(match.group(1))
        ids.update(e.id for e in all_exercises() if e.lesson == lesson)
    return sorted(ids, key=id_key)


def _cell_error(nb: Any) -> list[str]:
    errors = []
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                errors.append(f"cell {index + 1}: {output.get('ename')}: {output.get('evalue')}")
                # The notebook's own error, as it is: as_json and as_table both show it.
    return errors


def grade_notebook(path: Path | str, timeout: float = DEFAULT_TIMEOUT) -> NotebookGrade:
    """Execute one notebook in a fresh kernel and collect its checks' results."""
    import nbformat
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    path = Path(path)
    name = str(path)
    if not path.is_file():
        return NotebookGrade.failed(name, "not_found")
    try:
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)
    except Exception as error:  # any reason a file is not a notebook
        first = str(error).strip().splitlines()[0] if str(error).strip() else ""
        return NotebookGrade.failed(name, "unreadable", error=f"{type(error).__name__}: {first}")
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None

    problem: tuple[str, dict[str, str]] | None = None  # a code of PROBLEMS and its fields
    running = [-1]  # the index of the cell running now, for the report
    with temporary_results_file() as collected:
        try:
            execute(
                nb,
                path.parent,
                notebook_timeout=timeout,
                allow_errors=True,
                quiet=True,
                on_cell_start=lambda index: running.__setitem__(0, index),
            )
        except CellTimeoutError:
            problem = _while_running("timeout", running[0], seconds=f"{timeout:g}")
        except DeadKernelError:
            problem = _while_running("kernel_died", running[0])
        except Exception as error:
            problem = ("could_not_run", {"error": f"{type(error).__name__}: {error}"})
        results = read_results(collected)

    grades = []
    for ex_id in _expected_ids(path, nb):
        result = results.get(ex_id)
        try:
            points = float(get_exercise(ex_id).points)
        except KeyError:
            points = float(result.max_score) if result else 0.0
        if result is None:
            grades.append(ExerciseGrade(ex_id, NOT_ATTEMPTED, 0.0, points))
        else:
            grades.append(
                ExerciseGrade(ex_id, result.status, result.score, points, result.diagnosis)
            )
    if problem is None:
        return NotebookGrade(name, True, None, _cell_error(nb), grades)
    code, args = problem
    failed = NotebookGrade.failed(name, code, **args)
    failed.cell_errors, failed.exercises = _cell_error(nb), grades
    return failed


def _while_running(code: str, index: int, **args: str) -> tuple[str, dict[str, str]]:
    """A problem met while cell ``index`` ran (-1: before the first cell started)."""
    if index < 0:
        return f"{code}_at_start", args
    return code, {"cell": str(index + 1), **args}


def grade(paths: list[Path | str], timeout: float = DEFAULT_TIMEOUT) -> list[NotebookGrade]:
    """Grade each notebook in turn; one notebook's failure never stops the others."""
    return [grade_notebook(p, timeout) for p in paths]


def exit_status(grades: list[NotebookGrade]) -> int:
    """0 when every notebook ran (whatever the score), 1 when one could not run."""
    return 0 if all(g.ran for g in grades) else 1


def as_json(grades: list[NotebookGrade]) -> str:
    """The grades as JSON, for instructors' scripts: the same in every language.

    It carries ids, statuses, scores and codes (misconception names, ``problem_code``);
    the one sentence, why a notebook could not run, is under ``problem``, in English
    whatever the learner's language (``cell_errors`` are the notebook's own errors).
    """
    return json.dumps(
        {
            "notebooks": [g.as_dict() for g in grades],
            "score": round(sum(g.score for g in grades), 2),
            "max_score": round(sum(g.max_score for g in grades), 2),
            "exit_status": exit_status(grades),
        },
        indent=2,
    )


def as_table(grades: list[NotebookGrade]) -> str:
    """A plain-text score table: one row per exercise, a total per notebook and overall,
    in the current language."""
    lines = []
    for g in grades:
        title = Path(g.path).name
        problem = g.problem_text()
        if problem:
            lines.append(_("{notebook}: {problem}").format(notebook=title, problem=problem))
        else:
            lines.append(title)
        for error in g.cell_errors:
            lines.append("  " + _("note: {error}").format(error=error))
        for e in g.exercises:
            status = _(STATUS_NAMES.get(e.status, e.status))
            score = f"{e.score:g}/{e.max_score:g}"
            row = f"  {e.id:<6} {pad(status, 14)} {score}"
            if e.diagnosis:
                row += "  " + _("({diagnosis})").format(diagnosis=_(plain_words(e.diagnosis)))
            lines.append(row)
        if g.exercises:
            total = _("total")
            lines.append(f"  {pad(total, 6)} {'':<14} {g.score:g}/{g.max_score:g}")
    fields = {
        "score": f"{sum(g.score for g in grades):g}",
        "max_score": f"{sum(g.max_score for g in grades):g}",
        "count": len(grades),
        "failed": sum(1 for g in grades if not g.ran),
    }
    if fields["failed"]:
        summary = _("Total {score}/{max_score} over {count} notebook(s); {failed} could not run")
    else:
        summary = _("Total {score}/{max_score} over {count} notebook(s)")
    lines.append(summary.format(**fields))
    return "\n".join(lines)
