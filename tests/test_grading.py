"""The grading command: fresh kernels, one clear line per broken notebook, exit codes.

Small synthetic notebooks in tmp_path keep this fast: one grading run covers a
good notebook, a missing one, a malformed one, one that hangs and one whose
kernel dies, and checks that the others are still graded.
"""

from __future__ import annotations

import json

import nbformat
import pytest

from course_lib.build import grade as grading
from course_lib.checks import all_exercises
from course_lib.cli import main


def _notebook(path, *sources):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, path)
    return path


GOOD = (
    "from course_lib import check",
    "def output_size(n, f, s):\n    return (n - f) // s + 1",
    'check("2.1", output_size)',
    "undefined_name",  # an error in a cell does not stop the grading
    'check("2.3", lambda n, s: n)',
)


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    folder = tmp_path_factory.mktemp("grading")
    good = _notebook(folder / "02_mine.ipynb", *GOOD)
    before = good.read_bytes()
    hangs = _notebook(
        folder / "03_hangs.ipynb",
        "from course_lib import check",
        'check("3.1", lambda x, f, s=None: x)',
        "import time\ntime.sleep(60)",
    )
    dies = _notebook(folder / "05_dies.ipynb", "import os\nos._exit(1)")
    malformed = folder / "04_broken.ipynb"
    malformed.write_text("{ not a notebook")
    paths = [good, folder / "missing.ipynb", malformed, hangs, dies]
    grades = grading.grade(paths, timeout=8)
    assert good.read_bytes() == before, "grading modified the learner's notebook"
    return {g.path.rsplit("/", 1)[-1]: g for g in grades}, grades


def test_a_good_notebook_is_scored_per_exercise(graded):
    by_name, _ = graded
    g = by_name["02_mine.ipynb"]
    assert g.ran and g.problem is None
    rows = {e.id: e for e in g.exercises}
    assert rows["2.1"].status == "passed" and rows["2.1"].score == 1
    assert rows["2.2"].status == "not attempted"  # lesson 2's exercise, never checked
    assert rows["2.3"].status == "failed" and rows["2.3"].diagnosis == "same_keeps_size"
    assert rows["2.3"].score == 0.2  # partial credit: 4 of its 20 cases have stride 1
    lesson_2 = [e for e in all_exercises() if e.lesson == 2]
    assert g.score == 1.2 and g.max_score == sum(e.points for e in lesson_2)
    assert g.cell_errors == ["cell 4: NameError: name 'undefined_name' is not defined"]


def test_each_broken_notebook_gets_one_clear_line(graded):
    by_name, grades = graded
    assert by_name["missing.ipynb"].problem == "not found"
    assert by_name["04_broken.ipynb"].problem.startswith("not a readable notebook")
    assert by_name["03_hangs.ipynb"].problem == "stopped: cell 3 was still running after 8 s"
    assert by_name["05_dies.ipynb"].problem.startswith("the kernel died while running cell 1")
    assert [g.ran for g in grades] == [True, False, False, False, False]
    assert grading.exit_status(grades) == 1


def test_checks_before_a_hang_still_count(graded):
    by_name, _ = graded
    rows = {e.id: e for e in by_name["03_hangs.ipynb"].exercises}
    assert rows["3.1"].status == "failed"


def test_the_table_and_the_json_say_the_same(graded):
    _, grades = graded
    table = grading.as_table(grades)
    assert "missing.ipynb: not found" in table
    assert "  2.3    failed         0/3" not in table  # scores are per exercise
    assert "  2.1    passed         1/1" in table
    assert table.splitlines()[-1].endswith("5 notebook(s); 4 could not run")
    data = json.loads(grading.as_json(grades))
    assert data["exit_status"] == 1
    assert data["notebooks"][0]["exercises"][0] == {
        "id": "2.1",
        "status": "passed",
        "score": 1.0,
        "max_score": 1.0,
        "diagnosis": None,
    }


def test_the_command_exit_codes(tmp_path, capsys):
    assert main(["grade", "--json", str(tmp_path / "nothing.ipynb")]) == 1
    assert json.loads(capsys.readouterr().out)["notebooks"][0]["problem"] == "not found"
    with pytest.raises(SystemExit) as usage:
        main(["grade", "--no-such-option"])
    assert usage.value.code == 2
    with pytest.raises(SystemExit) as bad_timeout:
        main(["grade", "--timeout", "0", str(tmp_path / "x.ipynb")])
    assert bad_timeout.value.code == 2


def test_the_progress_command(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("POOLING_COURSE_PROGRESS", str(tmp_path / "p.json"))
    assert main(["progress"]) == 0
    assert "exercises passed" in capsys.readouterr().out
    assert main(["progress", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)["exercises"]
    assert any(r["id"] == "2.1" for r in rows)


def test_a_solution_notebook_grades_full_marks_and_its_learner_twin_zero():
    from course_lib.build.generate import exercises_dir

    solved = grading.grade_notebook(exercises_dir() / "solutions" / "02_output_size.ipynb")
    assert solved.ran and solved.exercises
    assert all(e.status == "passed" for e in solved.exercises)
    assert solved.score == solved.max_score
    fresh = grading.grade_notebook(exercises_dir() / "ex02_output_size.ipynb")
    assert fresh.ran and fresh.score == 0
    assert {e.status for e in fresh.exercises} == {"not attempted"}
