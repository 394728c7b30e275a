"""The course's command line: ``python -m course_lib`` or ``pooling-course``.

Commands::

    pooling-course grade [NOTEBOOKS...] [--json] [--timeout SECONDS]
    pooling-course progress [--json]
    pooling-course reset EXERCISE_ID

``grade`` runs each exercise notebook (default: ``exercises/NN_*.ipynb``) in a
fresh kernel, never modifying it, and prints a score table. Exit status: 0 when
every notebook ran (whatever the score), 1 when one could not run, 2 for a
usage error.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pooling-course", description="Pooling, from first principles: course tools."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    grade = sub.add_parser("grade", help="grade exercise notebooks in fresh kernels")
    grade.add_argument("notebooks", nargs="*", type=Path, help="default: exercises/NN_*.ipynb")
    grade.add_argument("--json", action="store_true", help="print the grades as JSON")
    grade.add_argument(
        "--timeout", type=float, default=None, help="seconds per notebook (default 120)"
    )
    progress = sub.add_parser("progress", help="show your saved progress")
    progress.add_argument("--json", action="store_true", help="print it as JSON")
    reset = sub.add_parser("reset", help="restore one exercise's starting code (with a backup)")
    reset.add_argument("exercise_id", help='e.g. "2.1"')
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run a command; return the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "grade":
        from course_lib.build import grade as grading

        timeout = grading.DEFAULT_TIMEOUT if args.timeout is None else args.timeout
        if timeout <= 0:
            parser.error("--timeout must be positive")
        paths = args.notebooks or grading.default_notebooks()
        if not paths:
            parser.error("no notebooks given and none found in exercises/")
        grades = grading.grade(paths, timeout)
        print(grading.as_json(grades) if args.json else grading.as_table(grades))
        return grading.exit_status(grades)
    if args.command == "progress":
        from course_lib.learner import progress
        from course_lib.paths import progress_path

        table = progress()
        if args.json:
            print(json.dumps({"path": str(progress_path()), "exercises": table.rows}, indent=2))
        else:
            print(f"Progress saved in {progress_path()}\n{table!r}")
        return 0
    from course_lib.learner import reset_exercise

    try:
        print(reset_exercise(args.exercise_id))
    except KeyError as error:
        parser.error(str(error.args[0]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
