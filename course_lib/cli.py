"""The course's one command line: ``pooling-course`` (or ``python -m course_lib``).

For learners and instructors::

    pooling-course progress [--json]          # what progress() shows
    pooling-course reset EXERCISE_ID          # restore one exercise's starting code (with a backup)
    pooling-course restore [LESSON...]        # get published lessons back (yours kept as backups)
    pooling-course grade [NOTEBOOKS...] [--json] [--timeout SECONDS]
    pooling-course lab [--lang zh] [JUPYTER-LAB ARGS...]  # JupyterLab on your workspace

For course authors (``make notebooks``, ``make exercises`` run these)::

    pooling-course notebooks [SOURCES...]     # re-execute lessons/solutions from their .py
    pooling-course exercises [--force] [--no-execute] [--check] [SOURCES...]
    pooling-course messages [--check]         # extract messages into the translators' catalogues
    pooling-course font NOTO-SANS-SC.woff     # rebuild the Chinese font subset

``lab`` first brings the learner's workspace up to date (:mod:`course_lib.workspace`:
their own copies of the lessons and exercises, which JupyterLab opens; the published
notebooks are never opened). ``grade`` runs each exercise notebook (default: the
workspace's ``exercises/exNN_*.ipynb``) in a
fresh kernel, never modifying it, and prints a score table. Exit status: 0 when
every notebook ran (whatever the score), 1 when one could not run, 2 for a
usage error.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from pathlib import Path

from course_lib.i18n import _

_LEARNER_COMMANDS = "progress, reset, restore, grade, lab"
_AUTHOR_COMMANDS = "notebooks, exercises, messages, font"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pooling-course",
        description="Pooling, from first principles: course tools.",
        epilog=f"For learners and instructors: {_LEARNER_COMMANDS}. "
        f"For course authors: {_AUTHOR_COMMANDS}.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    progress = sub.add_parser("progress", help="show your saved progress")
    progress.add_argument("--json", action="store_true", help="print it as JSON")
    reset = sub.add_parser("reset", help="restore one exercise's starting code (with a backup)")
    reset.add_argument("exercise_id", help='e.g. "2.1"')
    restore = sub.add_parser(
        "restore", help="put published lessons back in your workspace (yours kept as backups)"
    )
    restore.add_argument(
        "lessons",
        nargs="*",
        help='e.g. "3", "03_max_pooling" or "ex3" (default: every lesson that differs)',
    )
    grade = sub.add_parser("grade", help="grade exercise notebooks in fresh kernels")
    grade.add_argument(
        "notebooks", nargs="*", type=Path, help="default: workspace/exercises/exNN_*.ipynb"
    )
    grade.add_argument("--json", action="store_true", help="print the grades as JSON")
    grade.add_argument(
        "--timeout", type=float, default=None, help="seconds per notebook (default 120)"
    )
    sub.add_parser(
        "lab",
        help="open JupyterLab with the course's environment (arguments go to jupyter lab)",
        add_help=False,
    )

    notebooks = sub.add_parser(
        "notebooks", help="(authors) re-execute lessons and solutions from their .py sources"
    )
    notebooks.add_argument("sources", nargs="*", type=Path, help=".py or .ipynb (default: all)")
    exercises = sub.add_parser(
        "exercises", help="(authors) write the learner exercise notebooks from the solutions"
    )
    exercises.add_argument("sources", nargs="*", type=Path, help="solution sources (default: all)")
    exercises.add_argument(
        "--force", action="store_true", help="replace edited notebooks (backed up)"
    )
    exercises.add_argument("--no-execute", action="store_true", help="write without running them")
    exercises.add_argument(
        "--check", action="store_true", help="only report (exit 1) learner notebooks out of date"
    )
    messages = sub.add_parser(
        "messages",
        help="(authors) extract the messages into locale/course_lib.pot and merge the catalogues",
    )
    messages.add_argument(
        "--check", action="store_true", help="only report (exit 1) a catalogue out of date"
    )
    font = sub.add_parser(
        "font", help="(authors) rebuild the Chinese font subset from a Noto Sans SC file"
    )
    font.add_argument("source", help="noto-sans-sc-chinese-simplified-400-normal.woff or similar")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run a command; return the exit status."""
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["lab"]:  # everything after "lab" belongs to jupyter lab
        return _lab(argv[1:])
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "grade":
        return _grade(parser, args)
    if args.command == "progress":
        return _progress(args)
    if args.command == "reset":
        from course_lib.i18n import edition_subfolder
        from course_lib.learner import reset_exercise
        from course_lib.paths import workspace_dir

        # the edition of the chosen language (POOLING_COURSE_LANG=zh: exercises/zh/)
        folder = workspace_dir() / "exercises" / edition_subfolder()
        try:  # always the learner's copy, wherever the command is typed
            print(reset_exercise(args.exercise_id, folder))
        except KeyError as error:
            parser.error(str(error.args[0]))
        return 0
    if args.command == "restore":
        from course_lib import workspace

        try:
            print("\n".join(workspace.restore(args.lessons or None)))
        except KeyError as error:
            parser.error(str(error.args[0]))
        return 0
    if args.command == "messages":
        from course_lib.build import messages

        return messages.main(check=args.check)
    if args.command == "font":
        from course_lib.build.font_subset import main as build_font

        return build_font(args.source)
    if args.command == "notebooks":
        from course_lib.build.execute import build_notebooks

        return build_notebooks(args.sources or None)
    return _exercises(args)


def _grade(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    from course_lib.build import grade as grading

    timeout = grading.DEFAULT_TIMEOUT if args.timeout is None else args.timeout
    if timeout <= 0:
        parser.error(_("--timeout must be positive"))
    paths = args.notebooks or grading.default_notebooks()
    if not paths:
        parser.error(_("no notebooks given and none found in exercises/"))
    grades = grading.grade(paths, timeout)
    print(grading.as_json(grades) if args.json else grading.as_table(grades))
    return grading.exit_status(grades)


def _progress(args: argparse.Namespace) -> int:
    """Print the progress table, or with ``--json`` the same in every language: ids,
    status and diagnosis codes, scores, dates, and each exercise's title in English (never
    translated)."""
    from course_lib.learner import progress
    from course_lib.paths import progress_path

    table = progress()
    if args.json:
        print(json.dumps({"path": str(progress_path()), "exercises": table.rows}, indent=2))
    else:
        print(_("Progress saved in {path}").format(path=progress_path()))
        print(repr(table))
    return 0


def _exercises(args: argparse.Namespace) -> int:
    from course_lib.build import generate

    if args.check:
        stale = [s for s in generate.solution_sources() if not generate.up_to_date(s)]
        for source in stale:
            print(f"{generate.learner_path(source).name} is out of date: run `make exercises`")
        return 1 if stale else 0
    status = 0
    for path, what in generate.generate(args.sources or None, args.force, not args.no_execute):
        print(f"{path.name}: {what}")
        status |= what.startswith("FAILED")
    return status


def _take_language(arguments: list[str]) -> tuple[str | None, list[str]]:
    """``--lang zh`` / ``--lang=zh`` out of ``lab``'s arguments (the rest go to JupyterLab)."""
    rest, language, i = [], None, 0
    while i < len(arguments):
        arg = arguments[i]
        if arg == "--lang":
            language, i = (arguments[i + 1] if i + 1 < len(arguments) else ""), i + 2
            continue
        if arg.startswith("--lang="):
            language = arg.split("=", 1)[1]
        else:
            rest.append(arg)
        i += 1
    return language, rest


def _lab(arguments: list[str]) -> int:
    """Bring the workspace up to date, then replace this process with ``jupyter lab`` on it.

    JupyterLab opens the learner's workspace (their copies, never the published
    notebooks) at lesson 0, with the course's settings and the environment defaults
    of :mod:`course_lib.frameworks`; arguments given here win over those defaults.
    ``--lang zh`` (``make lab-zh``) opens the Chinese edition's lesson 0 in JupyterLab's
    Chinese interface, with the course's messages in Chinese (``POOLING_COURSE_LANG``,
    which the kernels inherit), and its own JupyterLab settings.
    """
    from course_lib import workspace
    from course_lib.frameworks import configure_kernels
    from course_lib.i18n import LANGUAGE_ENV_VAR, LANGUAGES, get_language, normalise
    from course_lib.paths import workspace_dir

    asked, arguments = _take_language(arguments)
    # no --lang: the language the learner chose already (POOLING_COURSE_LANG), else English
    language = get_language() if asked is None else normalise(asked)
    if language is None:
        print(f"--lang: choose one of {', '.join(LANGUAGES)}", file=sys.stderr)
        return 2
    configure_kernels()  # JupyterLab's kernels inherit them
    os.environ[LANGUAGE_ENV_VAR] = language  # the kernels speak JupyterLab's language
    jupyter = shutil.which(
        "jupyter",
        path=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]),
    )
    if jupyter is None:
        print(_("jupyter is not installed here: run `make install`"), file=sys.stderr)
        return 1
    for line in workspace.sync():
        print(line)
    folder = workspace_dir()
    os.environ.setdefault("JUPYTERLAB_SETTINGS_DIR", str(workspace.settings_dir(folder, language)))
    os.environ.setdefault("JUPYTERLAB_WORKSPACES_DIR", str(workspace.layouts_dir(folder, language)))
    defaults = {
        "--ServerApp.root_dir": str(folder),
        "--LabApp.default_url": f"/lab/tree/{workspace.first_lesson(language)}",
    }
    given = {a.split("=", 1)[0] for a in arguments}
    extra = [f"{key}={value}" for key, value in defaults.items() if key not in given]
    os.execv(jupyter, [jupyter, "lab", *extra, *arguments])
    return 0  # not reached


if __name__ == "__main__":
    sys.exit(main())
