"""The learner's workspace: copies made, kept current, compared, restored (issue 11).

Each test works on a copy of the course's published files in a temporary "course
folder" and a temporary workspace, never on the repository's own.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import nbformat
import pytest
from jupyterlab_roundtrip import files, open_and_save

from course_lib import cli, workspace
from course_lib.doctor import doctor

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def course(tmp_path, monkeypatch):
    """(published course folder, workspace), the workspace synced once."""
    root = tmp_path / "course"
    for rel in workspace.published_files(ROOT):
        source = workspace.published_path(rel, ROOT)
        target = root / source.relative_to(ROOT)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, target)
    mine = tmp_path / "workspace"
    monkeypatch.setenv("POOLING_COURSE_WORKSPACE", str(mine))
    [made] = workspace.sync(mine, root)
    assert made.startswith("Making your workspace")
    assert workspace.sync(mine, root) == []  # nothing to say the second time
    return root, mine


def _states(root, mine):
    return {s.path: s.status for s in workspace.status(mine, root)}


def _half_run(path: Path) -> None:
    """What an autosave in the middle of Run All stores: later code cells without output."""
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    for cell in code[len(code) // 3 :]:
        cell.outputs, cell.execution_count = [], None
    nbformat.write(nb, path)


def _edit_cell(path: Path, text: str) -> None:
    nb = nbformat.read(path, as_version=4)
    nb.cells[1].source = text
    nbformat.write(nb, path)


def test_the_workspace_holds_each_lesson_exercise_and_solution_once(course):
    root, mine = course
    names = sorted(p.relative_to(mine).as_posix() for p in mine.rglob("*") if p.is_file())
    visible = [n for n in names if not any(part.startswith(".") for part in n.split("/"))]
    for edition in ("", "zh/"):  # the English edition, then the Chinese one beside it
        lessons = sorted((ROOT / "notebooks" / edition).glob("[0-9]*.ipynb"))
        assert len(lessons) == 8
        assert [
            n
            for n in visible
            if n.startswith(f"notebooks/{edition}") and n.count("/") == 1 + bool(edition)
        ] == [*(f"notebooks/{edition}{p.name}" for p in lessons), f"notebooks/{edition}glossary.md"]
        mine_here = [
            n
            for n in visible
            if n.rsplit("/", 1)[0]
            in (f"exercises/{edition}".rstrip("/"), f"exercises/{edition}solutions")
        ]
        assert len([n for n in mine_here if n.rsplit("/", 1)[-1].startswith("ex")]) == 7
        assert len([n for n in mine_here if n.rsplit("/", 1)[-1].startswith("sol")]) == 7
        tabs = [n.rsplit("/", 1)[-1] for n in visible if ("/zh/" in f"/{n}") == bool(edition)]
        assert len(tabs) == 8 + 1 + 7 + 7 and len(tabs) == len(set(tabs)), "same-named tabs"
    assert not [n for n in visible if n.endswith(".py")]  # no jupytext twins
    assert set(_states(root, mine).values()) == {workspace.AS_PUBLISHED}


def test_a_copy_has_no_py_pairing_and_the_same_cells(course):
    root, mine = course
    copy = nbformat.read(mine / "notebooks/03_max_pooling.ipynb", as_version=4)
    published = nbformat.read(root / "notebooks/03_max_pooling.ipynb", as_version=4)
    assert "formats" not in copy.metadata.get("jupytext", {})
    assert copy.cells == published.cells


def test_opening_and_saving_a_copy_in_jupyterlab_changes_nothing(course):
    root, mine = course
    before = files(mine)
    for rel in workspace.published_files(root):
        if rel.endswith(".ipynb"):
            open_and_save(mine, rel)
    after = files(mine)
    assert {p for p in after if after[p] != before.get(p)} == set()


def test_a_half_saved_lesson_is_reported_and_restored_with_a_backup(course, monkeypatch):
    root, mine = course
    lesson = mine / "notebooks/06_tradeoffs.ipynb"
    _half_run(lesson)
    half = lesson.read_bytes()
    [state] = workspace.changed_lessons(mine)
    assert state.status == workspace.OUTPUTS_LOST and "have no output" in state.detail

    monkeypatch.setattr(workspace, "course_root", lambda: root)
    finding = doctor().findings[-1]
    assert not finding.ok
    assert "06_tradeoffs" in finding.advice and "`make restore LESSON=6`" in finding.advice
    assert 'course_lib.restore_lesson("6")' in finding.advice

    line, reload = workspace.restore(["6"], mine, root)
    assert line.startswith(f"{mine}/notebooks/06_tradeoffs.ipynb is as published again.")
    assert reload == workspace.CLOSE_THE_TAB
    [backup] = (mine / "notebooks" / "backups").glob("06_tradeoffs.*.ipynb")
    assert backup.read_bytes() == half and backup.name in line
    assert lesson.read_bytes() == workspace.copy_bytes(root / "notebooks/06_tradeoffs.ipynb")
    assert workspace.changed_lessons(mine) == []
    assert doctor().findings[-1].ok


def test_restore_without_names_restores_every_changed_lesson_only(course):
    root, mine = course
    _edit_cell(mine / "notebooks/03_max_pooling.ipynb", "my own note")
    _half_run(mine / "notebooks/05_global_pooling.ipynb")
    _edit_cell(mine / "exercises/ex03_max_pooling.ipynb", "my answer")  # answers are not lost
    states = _states(root, mine)
    assert states["notebooks/03_max_pooling.ipynb"] == workspace.EDITED
    assert states["notebooks/05_global_pooling.ipynb"] == workspace.OUTPUTS_LOST
    assert states["exercises/ex03_max_pooling.ipynb"] == workspace.EDITED

    report = workspace.restore(None, mine, root)
    assert [line.split()[0] for line in report[:-1]] == [
        f"{mine}/notebooks/03_max_pooling.ipynb",
        f"{mine}/notebooks/05_global_pooling.ipynb",
    ]
    assert _states(root, mine)["exercises/ex03_max_pooling.ipynb"] == workspace.EDITED
    assert workspace.restore(None, mine, root) == [
        "Every lesson in your workspace is as published: nothing to restore."
    ]


def test_running_a_lesson_is_not_changing_it(course):
    """New outputs (a learner ran the cells) leave a copy 'as published'."""
    root, mine = course
    path = mine / "notebooks/01_pooling_principle.ipynb"
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.execution_count = 99
            cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="ran\n")]
    nbformat.write(nb, path)
    assert _states(root, mine)["notebooks/01_pooling_principle.ipynb"] == workspace.AS_PUBLISHED


def test_an_unreadable_copy_is_reported_and_can_be_restored(course):
    root, mine = course
    (mine / "notebooks/02_output_size.ipynb").write_text("{ not json", encoding="utf-8")
    [state] = workspace.changed_lessons(mine)
    assert state.status == workspace.EDITED and "not a readable notebook" in state.detail
    workspace.restore(["02_output_size"], mine, root)
    assert workspace.changed_lessons(mine) == []


def test_a_deleted_copy_comes_back_at_the_next_sync(course):
    root, mine = course
    (mine / "notebooks/04_average_pooling.ipynb").unlink()
    assert _states(root, mine)["notebooks/04_average_pooling.ipynb"] == workspace.MISSING
    assert workspace.sync(mine, root) == []
    assert _states(root, mine)["notebooks/04_average_pooling.ipynb"] == workspace.AS_PUBLISHED


def test_a_new_published_version_replaces_untouched_copies_and_spares_edited_ones(course):
    root, mine = course
    for name in ("03_max_pooling", "04_average_pooling"):
        _edit_cell(root / f"notebooks/{name}.ipynb", "A corrected sentence.")  # a new release
    _edit_cell(mine / "notebooks/04_average_pooling.ipynb", "my own note")
    states = _states(root, mine)
    assert states["notebooks/03_max_pooling.ipynb"] == workspace.OUTDATED

    report = workspace.sync(mine, root)
    assert report[0] == "notebooks/03_max_pooling.ipynb: updated to the newly published version"
    assert report[1].startswith("notebooks/04_average_pooling.ipynb: a newer version")
    assert "`make restore LESSON=4`" in report[1]
    copy = nbformat.read(mine / "notebooks/03_max_pooling.ipynb", as_version=4)
    assert copy.cells[1].source == "A corrected sentence."
    mine_4 = nbformat.read(mine / "notebooks/04_average_pooling.ipynb", as_version=4)
    assert mine_4.cells[1].source == "my own note"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("3", "notebooks/03_max_pooling.ipynb"),
        ("03", "notebooks/03_max_pooling.ipynb"),
        ("03_max_pooling", "notebooks/03_max_pooling.ipynb"),
        ("notebooks/03_max_pooling.ipynb", "notebooks/03_max_pooling.ipynb"),
        ("ex3", "exercises/ex03_max_pooling.ipynb"),
        ("ex03_max_pooling.ipynb", "exercises/ex03_max_pooling.ipynb"),
        ("sol03_max_pooling", "exercises/solutions/sol03_max_pooling.ipynb"),
        ("glossary", "notebooks/glossary.md"),
        ("glossary.md", "notebooks/glossary.md"),
        ("0", "notebooks/00_start_here.ipynb"),
        ("00", "notebooks/00_start_here.ipynb"),
        ("lesson 3", "notebooks/03_max_pooling.ipynb"),
        (" Lesson3 ", "notebooks/03_max_pooling.ipynb"),
        ("workspace/notebooks/03_max_pooling.ipynb", "notebooks/03_max_pooling.ipynb"),
        ("sol3", "exercises/solutions/sol03_max_pooling.ipynb"),
    ],
)
def test_find_understands_the_names_a_learner_types(name, expected):
    assert workspace.find(name, ROOT) == expected


@pytest.mark.parametrize("name", ["9", "ex0", "nine", "", "03 max pooling"])
def test_an_unknown_name_lists_the_choices(name):
    with pytest.raises(KeyError) as error:
        workspace.find(name, ROOT)
    assert repr(name) in error.value.args[0]
    assert "0, 1, 2, 3, 4, 5, 6, 7, glossary, ex1" in error.value.args[0]
    assert "sol1, sol2" in error.value.args[0]


def test_the_command_line_restores_and_refuses_unknown_names(course, capsys, monkeypatch):
    root, mine = course
    monkeypatch.setattr(workspace, "course_root", lambda: root)
    _half_run(mine / "notebooks/06_tradeoffs.ipynb")
    assert cli.main(["restore", "6"]) == 0
    assert "06_tradeoffs.ipynb is as published again" in capsys.readouterr().out
    with pytest.raises(SystemExit) as stop:  # a usage error, not a traceback
        cli.main(["restore", "nine"])
    assert stop.value.code == 2
    assert "no lesson or exercise notebook called 'nine'" in capsys.readouterr().err


def test_the_manifest_is_plain_json(course):
    _, mine = course
    manifest = json.loads((mine / workspace.MANIFEST).read_text())
    assert set(manifest["notebooks/00_start_here.ipynb"]) == {"published", "copy"}


def test_jupyterlab_starts_on_lesson_0_with_the_course_settings(course):
    _, mine = course
    layout = json.loads((workspace.layouts_dir(mine) / workspace.DEFAULT_LAYOUT_FILE).read_text())
    dock = layout["data"]["layout-restorer:data"]["main"]["dock"]
    assert dock["widgets"] == [f"notebook:{workspace.FIRST_LESSON}"]
    assert (mine / workspace.FIRST_LESSON).is_file()
    news = workspace.settings_dir(mine) / next(iter(workspace.LAB_SETTINGS))
    assert json.loads(news.read_text())["fetchNews"] == "false"


def test_the_first_layout_is_where_jupyterlab_looks_for_it():
    from jupyterlab_server.workspaces_handler import WORKSPACE_EXTENSION, slugify

    assert workspace.DEFAULT_LAYOUT_FILE == slugify("default") + WORKSPACE_EXTENSION


def test_the_learners_own_layout_and_settings_are_kept(course):
    root, mine = course
    layout = workspace.layouts_dir(mine) / workspace.DEFAULT_LAYOUT_FILE
    layout.write_text('{"data": {}, "metadata": {"id": "default"}}')
    workspace.sync(mine, root)
    assert layout.read_text() == '{"data": {}, "metadata": {"id": "default"}}'


def test_a_missing_lesson_is_reported_and_restored(course, monkeypatch):
    root, mine = course
    (mine / "notebooks/04_average_pooling.ipynb").unlink()
    monkeypatch.setattr(workspace, "course_root", lambda: root)
    finding = doctor().findings[-1]
    assert not finding.ok and "04_average_pooling.ipynb: not copied yet" in finding.advice
    report = workspace.restore(None, mine, root)
    assert report[0] == f"{mine}/notebooks/04_average_pooling.ipynb is as published again."
    assert doctor().findings[-1].ok


def test_an_edited_lesson_is_named_without_failing_doctor(course, monkeypatch):
    root, mine = course
    _edit_cell(mine / "notebooks/01_pooling_principle.ipynb", "my own note")
    monkeypatch.setattr(workspace, "course_root", lambda: root)
    finding = doctor().findings[-1]
    assert finding.ok
    assert "you edited 01_pooling_principle.ipynb" in finding.what
    assert "`make restore LESSON=1`" in finding.what


def test_restoring_a_copy_as_published_changes_nothing(course):
    root, mine = course
    before = files(mine)
    [line] = workspace.restore(["3"], mine, root)
    assert line.endswith("03_max_pooling.ipynb is already as published: nothing to do.")
    assert files(mine) == before  # no backup either


def test_without_a_workspace_restore_says_how_to_make_one(tmp_path):
    [line] = workspace.restore(None, tmp_path / "none", ROOT)
    assert "`make lab` makes it" in line
    assert workspace.changed_lessons(tmp_path / "none") == []


def test_backups_in_the_same_second_do_not_overwrite_each_other(tmp_path):
    original = tmp_path / "lesson.ipynb"
    copies = []
    for text in ("one", "two", "three"):
        original.write_text(text)
        copies.append(workspace.backup(original))
    assert [c.read_text() for c in copies] == ["one", "two", "three"]
    assert all(c.parent.name == "backups" for c in copies)


def test_a_solution_copy_links_to_the_lessons_from_its_own_folder(course):
    _, mine = course
    nb = nbformat.read(mine / "exercises/solutions/sol03_max_pooling.ipynb", as_version=4)
    text = "".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert "](../../notebooks/03_max_pooling.ipynb)" in text
    assert "](../notebooks/" not in text
    for target in ("notebooks/03_max_pooling.ipynb", "notebooks/00_start_here.ipynb"):
        assert (mine / target).is_file()


def test_the_learner_api_restores_and_explains_bad_names(course):
    from course_lib import restore_lesson

    _, mine = course
    _half_run(mine / "notebooks/02_output_size.ipynb")
    report = restore_lesson(2)
    assert "02_output_size.ipynb is as published again" in report
    assert repr(report) == str(report)  # shown without quotes in a notebook
    assert "no lesson or exercise notebook called 'nine'" in restore_lesson("nine")


# --------------------------------------------------------------------------
# The Chinese edition's copies
# --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "found"),
    [
        ("zh3", "notebooks/zh/03_max_pooling.ipynb"),
        ("zh 3", "notebooks/zh/03_max_pooling.ipynb"),
        ("lesson zh3", "notebooks/zh/03_max_pooling.ipynb"),
        ("zh ex3", "exercises/zh/ex03_max_pooling.ipynb"),
        ("zhex3", "exercises/zh/ex03_max_pooling.ipynb"),
        ("zhsol3", "exercises/zh/solutions/sol03_max_pooling.ipynb"),
        ("zh/glossary", "notebooks/zh/glossary.md"),
        ("notebooks/zh/03_max_pooling.ipynb", "notebooks/zh/03_max_pooling.ipynb"),
        ("3", "notebooks/03_max_pooling.ipynb"),
        ("glossary", "notebooks/glossary.md"),
    ],
)
def test_find_names_the_chinese_edition(name, found):
    assert workspace.find(name) == found


def test_a_bare_name_means_the_current_languages_edition(monkeypatch):
    """restore_lesson(3) in a Chinese lesson restores the Chinese lesson 3; a path keeps its
    edition whatever the language."""
    from course_lib import i18n

    monkeypatch.setattr(i18n, "_chosen", "zh")
    assert workspace.find("3") == "notebooks/zh/03_max_pooling.ipynb"
    assert workspace.find("ex3") == "exercises/zh/ex03_max_pooling.ipynb"
    assert workspace.find("notebooks/03_max_pooling.ipynb") == "notebooks/03_max_pooling.ipynb"


def test_the_chinese_short_names_restore(tmp_path):
    assert workspace.short_name("notebooks/zh/03_max_pooling.ipynb") == "zh3"
    assert workspace.restore_command("exercises/zh/ex03_max_pooling.ipynb") == (
        "make restore LESSON=zhex3"
    )
    for rel in workspace.published_files():
        assert workspace.find(workspace.short_name(rel)) == rel  # every name it prints works


def test_lab_takes_its_language_and_refuses_an_unknown_one(capsys):
    assert cli._take_language(["--lang", "zh", "--port=1"]) == ("zh", ["--port=1"])
    assert cli._take_language(["--lang=zh_CN"]) == ("zh_CN", [])
    assert cli._take_language(["--port=1"]) == (None, ["--port=1"])
    assert cli._take_language(["--lang"]) == ("", [])  # missing value: refused below
    for bad in (["--lang=fr"], ["--lang"], ["--lang="]):
        assert cli.main(["lab", *bad]) == 2
        assert "choose one of en, zh" in capsys.readouterr().err
