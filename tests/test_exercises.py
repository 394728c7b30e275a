"""Learner notebooks are generated from the solution sources, and stay so.

A learner notebook must be exactly what the generator writes (cells and
sources), leak no line of a solution, and show every check "not attempted";
every solution must score full marks. Regenerating never overwrites a learner's
edits unless forced, and reset_exercise restores one exercise with a backup.
These tests write only into temporary folders, never into exercises/.
"""

from __future__ import annotations

import runpy
import shutil

import jupytext
import nbformat
import pytest

import course_lib
from course_lib.build import generate as exercises
from course_lib.checks import all_exercises

SOURCES = exercises.solution_sources()
IDS = [("zh/" if s.parent.parent.name == "zh" else "") + s.stem for s in SOURCES]


def test_there_are_exercise_notebooks():
    names = {s.stem for s in SOURCES}
    assert {"02_output_size", "03_max_pooling", "04_average_pooling", "05_global_pooling"} <= names


@pytest.mark.parametrize("source", SOURCES, ids=IDS)
def test_the_learner_notebook_is_what_the_generator_writes(source):
    assert exercises.up_to_date(source), (
        f"{exercises.learner_path(source).name} differs from {source.name}: run `make exercises`"
    )


@pytest.mark.parametrize("source", SOURCES, ids=IDS)
def test_no_solution_line_leaks_into_the_learner_notebook(source):
    text = source.read_text(encoding="utf-8")
    kept, removed = exercises.strip_solutions(text)
    given = {line.strip() for line in kept.splitlines()}
    secret = {line.strip() for line in removed if line.strip()} - given
    assert secret, f"{source.name} has no solution block"
    learner = nbformat.read(exercises.learner_path(source), as_version=4)
    for cell in learner.cells:
        for line in cell.source.splitlines():
            assert line.strip() not in secret, f"solution line leaks: {line.strip()!r}"


@pytest.mark.parametrize("source", SOURCES, ids=IDS)
def test_the_learner_notebook_shows_every_check_not_attempted(source):
    learner = nbformat.read(exercises.learner_path(source), as_version=4)
    checked = 0
    for cell in learner.cells:
        if cell.cell_type != "code":
            continue
        assert all(o.output_type != "error" for o in cell.outputs)
        if exercises.CHECK_CALL.search(cell.source):
            checked += 1
            text = cell.outputs[0]["data"]["text/plain"]
            chinese = source.parent.parent.name == "zh"  # the Chinese edition's, in Chinese
            assert (" 尚未作答" if chinese else " not attempted yet ") in text, text
    assert checked


@pytest.mark.parametrize("source", SOURCES, ids=IDS)
def test_the_solution_scores_full_marks(source, monkeypatch, tmp_path):
    monkeypatch.setenv("POOLING_COURSE_PROGRESS", str(tmp_path / "progress.json"))
    results = []
    real_check = course_lib.check

    def recording_check(exercise_id, answer, **kwargs):
        results.append(real_check(exercise_id, answer, **kwargs))
        return results[-1]

    monkeypatch.setattr(course_lib, "check", recording_check)
    monkeypatch.chdir(source.parent)
    runpy.run_path(str(source), run_name="__main__")
    assert results, f"{source.name} checks nothing"
    for result in results:
        assert result.passed, repr(result)
        assert result.score == result.max_score


def test_every_exercise_is_in_a_notebook():
    checked = set()
    # A warm-up may be checked in the lesson itself (lesson 0's 0.1), not in an exercise notebook.
    lessons = sorted((exercises.exercises_dir().parent / "notebooks").glob("[0-9]*.py"))
    for source in [*SOURCES, *lessons]:
        checked.update(exercises.CHECK_CALL.findall(source.read_text(encoding="utf-8")))
    missing = [e.id for e in all_exercises() if e.id not in checked]
    assert not missing, f"exercises no solution notebook checks: {missing}"


# --------------------------------------------------------------------------
# The placeholder rules
# --------------------------------------------------------------------------
def test_a_block_in_a_function_becomes_raise_not_implemented():
    source = "def f(x):\n    ### BEGIN SOLUTION\n    return x + 1\n    ### END SOLUTION\n"
    kept, removed = exercises.strip_solutions(source)
    assert kept.splitlines() == [
        "def f(x):",
        "    # YOUR CODE HERE",
        f"    {exercises.PLACEHOLDER_RAISE}",
    ]
    assert removed == ["    return x + 1"]


def test_a_top_level_block_becomes_an_ellipsis_per_name():
    source = "### BEGIN SOLUTION\nanswer_6_1 = 0.25\nshape, size = (1, 2), 3\n### END SOLUTION"
    kept, _ = exercises.strip_solutions(source)
    assert kept.splitlines() == [
        "answer_6_1 = ...  # YOUR ANSWER HERE",
        "shape = ...  # YOUR ANSWER HERE",
        "size = ...  # YOUR ANSWER HERE",
    ]


@pytest.mark.parametrize(
    "source",
    [
        "### BEGIN SOLUTION\nx = 1\n",
        "x = 1\n### END SOLUTION\n",
        "### BEGIN SOLUTION\n### BEGIN SOLUTION\n",
    ],
)
def test_unbalanced_markers_are_an_error(source):
    with pytest.raises(exercises.SolutionMarkerError):
        exercises.strip_solutions(source)


# --------------------------------------------------------------------------
# Regenerating and resetting, in a temporary copy of the course folder
# --------------------------------------------------------------------------
@pytest.fixture
def course(tmp_path):
    """A copy of exercise notebook 02 (source and learner notebook) in tmp_path."""
    (tmp_path / "solutions").mkdir()
    source = tmp_path / "solutions" / "02_output_size.py"
    shutil.copy(exercises.exercises_dir() / "solutions" / "02_output_size.py", source)
    shutil.copy(exercises.exercises_dir() / "ex02_output_size.ipynb", tmp_path)
    return tmp_path


def _edit(path, cell_id, text):
    nb = nbformat.read(path, as_version=4)
    next(c for c in nb.cells if c.id == cell_id).source = text
    nbformat.write(nb, path)


def _cell(path, cell_id):
    return next(c for c in nbformat.read(path, as_version=4).cells if c.id == cell_id)


def _answer_cell(exercise_id, path):
    return exercises.exercise_cells(nbformat.read(path, as_version=4))[exercise_id][0]


def test_regenerating_replaces_an_unedited_notebook(course):
    [(path, what)] = exercises.generate([course / "solutions" / "02_output_size.py"], run=False)
    assert what == "written" and path == course / "ex02_output_size.ipynb"
    assert not exercises.is_edited(path)


def test_regenerating_keeps_an_edited_notebook_unless_forced(course):
    source = course / "solutions" / "02_output_size.py"
    target = course / "ex02_output_size.ipynb"
    cell = _answer_cell("2.1", target)
    _edit(target, cell, "def output_size(n, f, s):\n    return 2")
    assert exercises.is_edited(target)
    [(_, what)] = exercises.generate([source], run=False)
    assert what.startswith("kept")
    assert _cell(target, cell).source.endswith("return 2")

    [(_, what)] = exercises.generate([source], force=True, run=False)
    assert what == "written"
    assert "NotImplementedError" in _cell(target, cell).source
    [backup] = (course / "backups").glob("ex02_output_size.*.ipynb")
    assert _cell(backup, cell).source.endswith("return 2")


def test_reset_restores_one_exercise_and_keeps_a_backup(course):
    target = course / "ex02_output_size.ipynb"
    first, second = _answer_cell("2.1", target), _answer_cell("2.2", target)
    _edit(target, first, "def output_size(n, f, s):\n    return 1")
    _edit(target, second, "def output_size_padded(n, f, s, p):\n    return 2")
    report = exercises.reset_exercise("2.1", course)
    assert "Exercise 2.1 restored in ex02_output_size.ipynb" in report
    assert repr(report) == str(report)  # shown without quotes in a notebook
    assert "NotImplementedError" in _cell(target, first).source
    assert _cell(target, second).source.endswith("return 2")
    [backup] = (course / "backups").glob("ex02_output_size.*.ipynb")
    assert _cell(backup, first).source.endswith("return 1")


def test_reset_of_an_unknown_exercise_raises(course):
    with pytest.raises(KeyError):
        exercises.reset_exercise("9.9", course)


def test_reset_is_importable_from_course_lib():
    from course_lib import reset_exercise

    assert reset_exercise is exercises.reset_exercise


def test_a_source_whose_learner_notebook_fails_is_reported_and_written_nowhere(tmp_path):
    (tmp_path / "solutions").mkdir()
    source = tmp_path / "solutions" / "09_broken.py"
    source.write_text(
        "# %%\ndef f(x):\n    ### BEGIN SOLUTION\n    return x\n    ### END SOLUTION\n\n\n"
        "# %%\nf(1)  # calling the answer outside check() raises in the learner notebook\n"
    )
    [(path, what)] = exercises.generate([source])
    assert what.startswith("FAILED: CellExecutionError")
    assert not path.exists()


def _solution_code_by_exercise() -> dict[str, set[str]]:
    """Each exercise's solution lines (a block belongs to the next check in its source)."""
    found: dict[str, set[str]] = {}
    for source in SOURCES:
        pending: set[str] = set()
        inside = False
        for line in source.read_text(encoding="utf-8").splitlines():
            stripped = line.strip()
            if stripped.startswith(exercises.BEGIN) or stripped.startswith(exercises.END):
                inside = stripped.startswith(exercises.BEGIN)
                continue
            code = stripped.removeprefix("return ").strip()
            if inside and len(code) >= 8 and not code.startswith("#"):
                pending.add(code)
            for ex_id in exercises.CHECK_CALL.findall(line):
                found.setdefault(ex_id, set()).update(pending)
                pending = set()
    return found


def test_no_hint_prints_its_solution():
    solutions = _solution_code_by_exercise()
    for exercise in all_exercises():
        for text in exercise.hints:
            leaked = [code for code in solutions.get(exercise.id, ()) if code in text]
            assert not leaked, f"a hint of {exercise.id} prints its solution: {leaked}"


def test_reset_leaves_no_stale_output_under_the_restored_exercise(course):
    target = course / "ex02_output_size.ipynb"
    nb = nbformat.read(target, as_version=4)
    checking = [c for c in nb.cells if c.cell_type == "code" and 'check("2.1"' in c.source]
    other = [c for c in nb.cells if c.cell_type == "code" and 'check("2.2"' in c.source]
    assert checking and other
    for cell in checking + other:  # as if the learner had passed both
        cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="✓ 2.x passed\n")]
        cell.execution_count = 7
    nbformat.write(nb, target)
    exercises.reset_exercise("2.1", course)
    assert all(_cell(target, c.id).outputs == [] for c in checking)
    assert all(_cell(target, c.id).outputs for c in other)  # other exercises keep theirs


@pytest.mark.parametrize("source", SOURCES, ids=IDS)
def test_every_exercise_notebook_shows_the_one_guide_and_no_other_reset_instructions(source):
    """The instructions live in course_lib.learner.EXERCISE_GUIDE: one text, the same everywhere."""
    nb = jupytext.read(source)
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    prose = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert any("how_exercises_work()" in c for c in code[:2]), "show the guide at the top"
    assert "Reload Notebook from Disk" not in prose and "reset_exercise(" not in prose


def test_reset_from_an_exercise_notebook_resets_that_notebook(tmp_path, monkeypatch):
    """In a kernel, ``reset_exercise("2.1")`` works on the notebook it runs in (the
    kernel's folder); from anywhere else, on the workspace's copy."""
    mine = tmp_path / "mine"
    mine.mkdir()
    target = mine / "ex02_output_size.ipynb"
    shutil.copy(exercises.exercises_dir() / "ex02_output_size.ipynb", target)
    cell = _answer_cell("2.1", target)
    _edit(target, cell, "def output_size(n, f, s):\n    return 1")
    monkeypatch.chdir(mine)
    exercises.reset_exercise("2.1")
    assert "NotImplementedError" in _cell(target, cell).source

    workspace = tmp_path / "ws"
    monkeypatch.setenv("POOLING_COURSE_WORKSPACE", str(workspace))
    monkeypatch.chdir(tmp_path)
    report = exercises.reset_exercise("2.1")
    assert (workspace / "exercises" / "ex02_output_size.ipynb").is_file()
    assert "did not exist" in report


def test_reset_never_changes_the_published_notebook(monkeypatch, tmp_path):
    """Typed in the course's own exercises/ folder, reset works on the workspace's copy."""
    published = exercises.exercises_dir() / "ex02_output_size.ipynb"
    before = published.read_bytes()
    monkeypatch.setenv("POOLING_COURSE_WORKSPACE", str(tmp_path / "ws"))
    monkeypatch.chdir(exercises.exercises_dir())
    exercises.reset_exercise("2.1")
    assert published.read_bytes() == before
    assert (tmp_path / "ws" / "exercises" / "ex02_output_size.ipynb").is_file()


def test_an_unknown_exercise_id_lists_the_real_ones(course):
    with pytest.raises(KeyError) as error:
        exercises.reset_exercise("two", course)
    assert "'two'" in error.value.args[0] and "2.1, 2.2" in error.value.args[0]


def test_reset_keeps_each_notebook_in_its_own_edition(tmp_path, monkeypatch):
    """Under `make lab-zh` the kernels speak Chinese, but an English exercise notebook reset
    from its own folder gets its English cells back, and a Chinese one its Chinese cells."""
    from course_lib import i18n

    english, chinese = tmp_path / "exercises", tmp_path / "exercises" / "zh"
    chinese.mkdir(parents=True)
    shutil.copy(exercises.exercises_dir() / "ex03_max_pooling.ipynb", english)
    shutil.copy(exercises.exercises_dir() / "zh" / "ex03_max_pooling.ipynb", chinese)
    monkeypatch.setattr(i18n, "_chosen", "zh")
    for folder, placeholder in (
        (english, exercises.PLACEHOLDER_RAISE),
        (chinese, exercises.PLACEHOLDER_RAISE_ZH),
    ):
        monkeypatch.chdir(folder)
        exercises.reset_exercise("3.1")
        nb = nbformat.read(folder / "ex03_max_pooling.ipynb", as_version=4)
        answer = next(c.source for c in nb.cells if exercises.PLACEHOLDER_COMMENT in c.source)
        assert placeholder in answer, folder
