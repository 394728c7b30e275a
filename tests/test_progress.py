"""Saved progress: where it goes, what it keeps, and that a damaged file is never lost."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from course_lib import check, learner, paths, store


@pytest.fixture
def path(tmp_path, monkeypatch):
    target = tmp_path / "progress.json"
    monkeypatch.setenv(store.ENV_VAR, str(target))
    return target


def _right(n, f, s):
    return (n - f) // s + 1


def test_the_environment_variable_chooses_the_file(path):
    assert store.progress_path() == path
    check("2.1", _right)
    data = json.loads(path.read_text())
    entry = data["exercises"]["2.1"]
    assert entry["status"] == "passed" and entry["score"] == 1.0 and entry["attempts"] == 1
    assert entry["last_attempt"].endswith("+00:00")


def test_without_the_variable_it_lives_in_the_course_folder(monkeypatch):
    monkeypatch.delenv(store.ENV_VAR, raising=False)
    expected = paths.course_root() / ".course_progress.json"
    assert store.progress_path() == expected


def test_attempts_add_up_and_the_best_score_is_kept(path):
    check("2.1", _right)
    check("2.1", lambda n, f, s: (n - f + 1) / s)
    entry = json.loads(path.read_text())["exercises"]["2.1"]
    assert entry["attempts"] == 2
    assert entry["status"] == "failed" and entry["score"] == 0.0
    assert entry["best_score"] == 1.0
    assert entry["diagnosis"] == "article_unrounded"


def test_not_attempted_is_not_recorded(path):
    def placeholder(n, f, s):
        raise NotImplementedError

    check("2.1", placeholder)
    assert not path.exists()


def test_save_false_records_nothing(path):
    check("2.1", _right, save=False)
    assert not path.exists()


def test_checks_in_a_worked_solution_are_not_the_learners_progress(path, tmp_path, monkeypatch):
    (tmp_path / "solutions").mkdir()
    monkeypatch.chdir(tmp_path / "solutions")  # where a solution notebook's kernel runs
    assert check("2.1", _right).passed
    assert not path.exists()
    monkeypatch.chdir(tmp_path)
    check("2.1", _right)
    assert path.exists()


def test_a_corrupted_file_is_moved_aside_and_reported(path):
    path.write_text("{ this is not json")
    result = check("2.1", _right)
    assert result.passed
    kept = list(path.parent.glob("progress.json.corrupt-*"))
    assert len(kept) == 1 and kept[0].read_text() == "{ this is not json"
    assert "could not be read; it was kept as progress.json.corrupt-" in repr(result)
    assert json.loads(path.read_text())["exercises"]["2.1"]["status"] == "passed"


def test_a_file_of_the_wrong_shape_is_set_aside_too(path):
    path.write_text('{"exercises": [1, 2]}')
    table = learner.progress()
    assert "could not be read" in repr(table)
    assert len(list(path.parent.glob("progress.json.corrupt-*"))) == 1


def test_saving_is_atomic_and_leaves_no_temporary_files(path):
    store.save({"version": 1, "exercises": {"2.1": {"status": "passed"}}})
    store.save({"version": 1, "exercises": {"2.2": {"status": "failed"}}})
    assert [p.name for p in path.parent.iterdir()] == ["progress.json"]
    assert list(json.loads(path.read_text())["exercises"]) == ["2.2"]


def test_an_unwritable_location_is_reported_not_raised(tmp_path, monkeypatch):
    blocker = tmp_path / "a_file"
    blocker.write_text("")
    monkeypatch.setenv(store.ENV_VAR, str(blocker / "progress.json"))
    result = check("2.1", _right)
    assert result.passed
    assert "progress not saved" in repr(result)


def test_the_table_lists_every_exercise(path):
    check("2.1", _right)
    check("2.3", lambda n, s: n)
    table = learner.progress()
    rows = {r["id"]: r for r in table.rows}
    assert {"2.1", "2.2", "2.3", "3.1", "4.1", "4.2", "5.1", "5.2"} <= set(rows)
    assert rows["2.1"]["status"] == "passed"
    assert rows["2.3"]["status"] == "failed" and rows["2.3"]["diagnosis"] == "same_keeps_size"
    assert rows["3.1"]["status"] == "not attempted" and rows["3.1"]["last_attempt"] is None
    text = repr(table)
    assert text.splitlines()[0].split() == [
        "exercise",
        "title",
        "status",
        "score",
        "diagnosis",
        "last",
        "attempt",
    ]
    scored = [r for r in table.rows if r["max_score"] > 0]
    assert f"1 of {len(scored)} exercises passed" in text
    assert "same keeps size" in text and "same_keeps_size" not in text  # in plain words
    assert "<table>" in table._repr_html_()


def test_progress_is_importable_from_course_lib(path):
    from course_lib import progress

    assert callable(progress)
    assert isinstance(progress(), learner.ProgressTable)


def test_a_temporary_progress_file_leaves_the_learners_own_alone(path, monkeypatch):
    with store.temporary_progress_file() as record:
        assert store.progress_path() == record != path
        check("2.1", _right)
        assert "2.1" in json.loads(record.read_text())["exercises"]
    assert store.progress_path() == path and not path.exists()
    assert not record.parent.exists()

    monkeypatch.delenv(store.ENV_VAR)
    with pytest.raises(RuntimeError), store.temporary_progress_file():
        raise RuntimeError("a notebook failed")
    assert store.ENV_VAR not in os.environ


_RECORD_MANY = """
import sys
from course_lib import store
from course_lib.checks.result import CheckResult

prefix, count = sys.argv[1], int(sys.argv[2])
for i in range(count):
    store.record(CheckResult(f"{prefix}.{i}", "t", "passed", 1.0, 1.0, 1, 1))
"""


def test_two_processes_recording_at_once_lose_no_result(path):
    """Two open notebooks check at the same moment: every result must be kept.

    Without a lock each writer reads the file, adds its entry and writes the whole
    file back, so the other writer's entry of the same moment is lost.
    """
    count = 60
    writers = [
        subprocess.Popen([sys.executable, "-c", _RECORD_MANY, prefix, str(count)])
        for prefix in ("1", "2")
    ]
    assert all(w.wait(timeout=120) == 0 for w in writers)
    data, note = store.load()
    assert note is None
    assert len(data["exercises"]) == 2 * count
