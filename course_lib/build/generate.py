"""Learner exercise notebooks, generated from the solution sources.

One source per exercise notebook: ``exercises/solutions/NN_slug.py`` (jupytext
``py:percent``), in which each answer sits between ``### BEGIN SOLUTION`` and
``### END SOLUTION`` lines (as in nbgrader). This module writes the learner's
notebook ``exercises/exNN_slug.ipynb`` with every answer replaced by a
placeholder, executes it (so its stored outputs show each check "not attempted"),
and never overwrites a learner's edits unless asked to.

Placeholders
------------
* A block **inside a function** (indented) becomes::

      # YOUR CODE HERE
      raise NotImplementedError("...")

  ``check`` reports a function that still raises ``NotImplementedError`` as "not
  attempted", so the notebook runs top to bottom without error.
* A block **at the top level of a cell** becomes ``name = ...`` for each name the
  block assigns (``answer_6_1 = 0.25`` becomes ``answer_6_1 = ...``); ``check``
  reports ``...`` as "not attempted".

Edits are detected with a hash of the generated code cells stored in the
notebook's metadata: if the learner's code cells no longer hash to it, the
notebook was edited and :func:`generate` refuses to replace it without
``force=True``. :func:`reset_exercise` restores one exercise's answer cells and
keeps a backup of the learner's notebook in ``backups/`` beside it.

Command line (``make exercises`` runs the first)::

    pooling-course exercises [--force] [--no-execute] [SOURCES...]
    pooling-course exercises --check   # exit 1 if a learner notebook is out of date
    pooling-course reset 2.1           # restore exercise 2.1, keep a backup
"""

from __future__ import annotations

import ast
import hashlib
import re
import textwrap
from pathlib import Path
from typing import Any

from course_lib.build.execute import KERNELSPEC, execute, number_cells
from course_lib.i18n import _, edition_subfolder
from course_lib.paths import (
    EDITION_FOLDER,
    EXERCISE_NOTEBOOKS,
    exercise_dirs,
    exercise_notebook_name,
    exercises_dir,
    workspace_dir,
)
from course_lib.workspace import BACKUPS, backup

BEGIN = "### BEGIN SOLUTION"
END = "### END SOLUTION"
PLACEHOLDER_COMMENT = "# YOUR CODE HERE"
PLACEHOLDER_RAISE = 'raise NotImplementedError("Replace this line with your code.")'
PLACEHOLDER_RAISE_ZH = 'raise NotImplementedError("把这一行换成你的代码。")'
"""The Chinese edition's placeholder (the generated line is not in the Chinese source)."""
METADATA_KEY = "pooling_course"
CHECK_CALL = re.compile(r"""\bcheck\(\s*["'](\d+\.\d+)["']""")
"""A cell that checks an exercise: ``check("2.1", ...)`` (the grader finds them the same way)."""


def solution_sources(folder: Path | None = None) -> list[Path]:
    """Every solution source ``solutions/NN_*.py`` of ``folder``, sorted; by default of
    both editions (``exercises/solutions/`` then ``exercises/zh/solutions/``)."""
    folders = exercise_dirs() if folder is None else [Path(folder)]
    return [p for f in folders for p in sorted((f / "solutions").glob("[0-9]*.py"))]


def learner_path(source: Path) -> Path:
    """``exercises/solutions/02_x.py`` -> ``exercises/ex02_x.ipynb`` (and
    ``exercises/zh/solutions/02_x.py`` -> ``exercises/zh/ex02_x.ipynb``)."""
    return source.parent.parent / exercise_notebook_name(source.stem)


# --------------------------------------------------------------------------
# Replacing answers with placeholders
# --------------------------------------------------------------------------
class SolutionMarkerError(ValueError):
    """A ``### BEGIN SOLUTION`` without its ``### END SOLUTION`` (or the reverse)."""


def _assigned_names(block: str) -> list[str]:
    try:
        tree = ast.parse(textwrap.dedent(block))
    except SyntaxError:
        return []
    names: list[str] = []
    for node in tree.body:
        targets = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AnnAssign):
            targets = [node.target]
        for target in targets:
            for sub in ast.walk(target):
                if isinstance(sub, ast.Name) and sub.id not in names:
                    names.append(sub.id)
    return names


def strip_solutions(source: str, raise_line: str = PLACEHOLDER_RAISE) -> tuple[str, list[str]]:
    """``source`` with each solution block replaced by its placeholder (``raise_line`` under
    ``# YOUR CODE HERE`` in a function).

    Returns the new source and the lines that were removed (to test for leaks).
    """
    out: list[str] = []
    removed: list[str] = []
    block: list[str] | None = None
    indent = ""
    for line in source.splitlines():
        stripped = line.strip()
        if stripped.startswith(BEGIN):
            if block is not None:
                raise SolutionMarkerError(f"nested {BEGIN!r}")
            block, indent = [], line[: len(line) - len(line.lstrip())]
            continue
        if stripped.startswith(END):
            if block is None:
                raise SolutionMarkerError(f"{END!r} without {BEGIN!r}")
            removed.extend(block)
            if indent:
                out += [indent + PLACEHOLDER_COMMENT, indent + raise_line]
            else:
                names = _assigned_names("\n".join(block))
                out += [f"{name} = ...  # YOUR ANSWER HERE" for name in names] or [
                    PLACEHOLDER_COMMENT
                ]
            block = None
            continue
        if block is not None:
            block.append(line)
        else:
            out.append(line)
    if block is not None:
        raise SolutionMarkerError(f"{BEGIN!r} without {END!r}")
    return "\n".join(out), removed


def _code_hash(nb: Any) -> str:
    text = "\n\x00\n".join(c.source for c in nb.cells if c.cell_type == "code")
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def learner_notebook(source: Path) -> Any:
    """The learner notebook for one solution source, not executed.

    Cell ids are ``cell-00``, ``cell-01``, ... (:func:`~course_lib.build.execute.number_cells`)
    so that regenerating gives the same notebook and :func:`reset_exercise` can
    find an exercise's cells again.
    """
    import jupytext
    import nbformat

    source = Path(source)
    nb = jupytext.read(source)
    chinese = source.parent.parent.name == EDITION_FOLDER  # exercises/zh/solutions/NN.py
    raise_line = PLACEHOLDER_RAISE_ZH if chinese else PLACEHOLDER_RAISE
    cells = []
    for cell in nb.cells:
        text = cell.source
        if cell.cell_type == "code":
            text, _removed = strip_solutions(text, raise_line)
            new = nbformat.v4.new_code_cell(text)
        elif cell.cell_type == "markdown":
            new = nbformat.v4.new_markdown_cell(text)
        else:
            new = nbformat.v4.new_raw_cell(text)
        tags = cell.metadata.get("tags")
        if tags:
            new.metadata["tags"] = list(tags)
        cells.append(new)
    out = number_cells(nbformat.v4.new_notebook(cells=cells))
    out.metadata = {
        "kernelspec": dict(KERNELSPEC),
        "language_info": {"name": "python"},
        METADATA_KEY: {
            "generated_from": f"solutions/{source.name}",
            "note": "Generated by `make exercises`; edit the solution source, not this file.",
        },
    }
    out.metadata[METADATA_KEY]["code_sha256"] = _code_hash(out)
    return out


def exercise_cells(nb: Any) -> dict[str, list[str]]:
    """For each exercise id, the ids of its answer cells (those with a placeholder).

    An answer cell belongs to the first exercise checked after it.
    """
    pending: list[str] = []
    found: dict[str, list[str]] = {}
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        if PLACEHOLDER_COMMENT in cell.source or "# YOUR ANSWER HERE" in cell.source:
            pending.append(cell.id)
        for ex_id in CHECK_CALL.findall(cell.source):
            found.setdefault(ex_id, []).extend(pending)
            pending = []
    return found


# --------------------------------------------------------------------------
# Executing and writing
# --------------------------------------------------------------------------
def is_edited(path: Path) -> bool:
    """True if the learner changed the code cells of a generated notebook."""
    import nbformat

    try:
        nb = nbformat.read(path, as_version=4)
    except Exception:  # unreadable: treat as the learner's, never overwrite silently
        return True
    stored = nb.metadata.get(METADATA_KEY, {}).get("code_sha256")
    return stored != _code_hash(nb)


def generate(
    sources: list[Path] | None = None, force: bool = False, run: bool = True
) -> list[tuple[Path, str]]:
    """Write the learner notebook of each source. Returns ``(path, what happened)``.

    An edited learner notebook is left alone (``"kept: ..."``) unless ``force``,
    in which case it is backed up first. A source that cannot be turned into a
    notebook that runs is reported (``"FAILED: ..."``) and its notebook left as it was.
    """
    import nbformat

    done = []
    for source in sources if sources is not None else solution_sources():
        source = Path(source)
        target = learner_path(source)
        if target.exists() and is_edited(target):
            if not force:
                done.append((target, "kept: it has been edited (use --force to replace it)"))
                continue
            backup(target)
        try:
            nb = learner_notebook(source)
            if run:  # its stored outputs show each check "not attempted"
                execute(nb, target.parent)
        except Exception as error:  # report it and go on with the other sources
            first = (str(error).strip().splitlines() or [""])[0]
            done.append((target, f"FAILED: {type(error).__name__}: {first}"))
            continue
        nbformat.write(nb, target)
        done.append((target, "written"))
    return done


def up_to_date(source: Path) -> bool:
    """True if the committed learner notebook has the cells the generator would write."""
    import nbformat

    target = learner_path(Path(source))
    if not target.exists():
        return False
    have = nbformat.read(target, as_version=4)
    want = learner_notebook(Path(source))
    return _structure(have) == _structure(want)


def _structure(nb: Any) -> list[tuple]:
    return [(c.cell_type, c.id, c.source, tuple(c.metadata.get("tags", []))) for c in nb.cells]


def _source_for(exercise_id: str, folder: Path) -> Path:
    ids = []
    for source in solution_sources(folder):
        found = CHECK_CALL.findall(source.read_text(encoding="utf-8"))
        if exercise_id in found:
            return source
        ids += found
    raise KeyError(
        _(
            "no exercise notebook checks {exercise!r}: give one of {ids} "
            "(the 0.1 warm-up is in lesson 0, not in an exercise notebook)"
        ).format(exercise=exercise_id, ids=", ".join(ids))
    )


class Report(str):
    """A report (one line or several) that a notebook shows as plain text (no quotes)."""

    def __repr__(self) -> str:
        return str(self)


def reset_exercise(exercise_id: str, folder: Path | str | None = None) -> Report:
    """Restore one exercise's answer cells from the source, keeping a backup.

    The learner's notebook is first copied to ``backups/`` beside it; then the
    exercise's answer cells get their placeholder back and its check cells lose
    their output, so no old "passed" is left under a restored answer (other
    cells, and other exercises' answers, are kept). Close the notebook in Jupyter first, or
    reload it from disk afterwards. Returns a one-line report.

    ``folder`` holds the learner's notebook: by default the folder of the notebook
    that calls this (when it is an exercise notebook), else the workspace's
    ``exercises/`` (:mod:`course_lib.workspace`). The solution sources are read
    from ``folder/solutions`` when it has one, else from the course's.
    """
    import nbformat

    exercise_id = str(exercise_id).strip()
    has_sources = folder is not None and bool(solution_sources(Path(folder)))
    here = Path.cwd()
    if folder is not None:
        chinese = Path(folder).name == EDITION_FOLDER
    elif any(here.glob(EXERCISE_NOTEBOOKS)):  # called from an exercise notebook: its edition
        chinese = here.name == EDITION_FOLDER
    else:  # from elsewhere: the edition of the language the learner chose
        chinese = edition_subfolder() == EDITION_FOLDER
    edition = exercises_dir() / EDITION_FOLDER if chinese else exercises_dir()
    source = _source_for(exercise_id, Path(folder) if has_sources else edition)
    name = exercise_notebook_name(source.stem)
    if folder is None:  # the notebook calling it (kernels run in their notebook's folder)
        mine = (here / name).is_file() and here.resolve() != edition.resolve()
        # never the published one
        folder = here if mine else workspace_dir() / edition.relative_to(exercises_dir().parent)
    target = Path(folder) / name
    template = learner_notebook(source)
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(template, target)
        return Report(
            _("{name} did not exist; it was created from the source.").format(name=target.name)
        )
    saved = backup(target)
    nb = nbformat.read(target, as_version=4)
    wanted = {c.id: c for c in template.cells}
    cell_ids = exercise_cells(template).get(exercise_id, [])
    present = {c.id: c for c in nb.cells}
    if not all(cid in present for cid in cell_ids):
        nbformat.write(template, target)
        return Report(
            _(
                "Exercise {exercise}'s cells were not found, so all of {name} was restored; "
                "your version is in {backup}."
            ).format(exercise=exercise_id, name=target.name, backup=f"{BACKUPS}/{saved.name}")
        )
    for cid in cell_ids:
        present[cid].source = wanted[cid].source
    checking = [c.id for c in nb.cells if exercise_id in CHECK_CALL.findall(c.source or "")]
    for cid in [*cell_ids, *checking]:  # no stale "✓ passed" under a restored answer
        present[cid].outputs = []
        present[cid].execution_count = None
    nbformat.write(nb, target)
    return Report(
        _("Exercise {exercise} restored in {name}; your version is in {backup}.").format(
            exercise=exercise_id, name=target.name, backup=f"{BACKUPS}/{saved.name}"
        )
    )
