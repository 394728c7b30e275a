"""The one notebook runner: what a built notebook keeps, and how check results reach the grader."""

from __future__ import annotations

import os
from pathlib import Path

import nbformat

from course_lib import check
from course_lib.build import execute
from course_lib.checks.result import FAILED, PASSED
from course_lib.paths import RESULTS_ENV_VAR
from course_lib.store import read_results, temporary_results_file


def _stream(name: str, text: str):
    return nbformat.v4.new_output("stream", name=name, text=text)


def _notebook():
    code = nbformat.v4.new_code_cell("print(1)")
    code.metadata = {"tags": ["nbval-ignore-output"], "execution": {"start": "now"}, "x": 1}
    code.outputs = [
        _stream("stdout", "a\n"),
        _stream("stdout", "b\n"),
        _stream("stderr", "warn\n"),
        _stream("stdout", "c\n"),
        nbformat.v4.new_output(
            "display_data", data={execute.WIDGET_VIEW: {"model_id": "123"}, "text/plain": "w"}
        ),
    ]
    text = nbformat.v4.new_markdown_cell("# Title")
    nb = nbformat.v4.new_notebook(cells=[text, code])
    nb.metadata = {
        "kernelspec": {"name": "somewhere-else"},
        "language_info": {"name": "python", "version": "3.11.7"},
        "widgets": {"state": {}},
        "jupytext": {
            "formats": "ipynb,py:percent",
            "notebook_metadata_filter": "-jupytext.text_representation",
            "text_representation": {"x": 1},
        },
    }
    return nb


def test_clean_keeps_what_a_reader_sees_and_drops_what_changes_between_runs():
    nb = execute.clean(_notebook())
    assert nb.metadata == {  # language_info: what JupyterLab's kernel would add anyway
        "kernelspec": execute.KERNELSPEC,
        "language_info": {"name": "python", "version": "3.11.7"},
        "jupytext": {
            "formats": "ipynb,py:percent",
            "notebook_metadata_filter": "-jupytext.text_representation",
        },
    }
    code = nb.cells[1]
    assert code.metadata == {"tags": ["nbval-ignore-output"]}
    assert [(o.name, o.text) for o in code.outputs] == [
        ("stdout", "a\nb\n"),  # consecutive writes to one stream are joined
        ("stderr", "warn\n"),
        ("stdout", "c\n"),
    ]
    assert [c.id for c in nb.cells] == ["cell-00", "cell-01"]


def test_clean_is_idempotent():
    once = execute.clean(_notebook())
    twice = execute.clean(nbformat.from_dict(once))
    assert twice == once


def test_a_check_reaches_the_grader_as_a_result_when_results_are_collected(monkeypatch):
    monkeypatch.delenv(RESULTS_ENV_VAR, raising=False)
    with temporary_results_file() as collected:
        check("2.1", lambda n, f, s: (n - f) // s + 1)
        check("2.2", lambda n, f, s, p: 0)
        check("2.2", lambda n, f, s, p: (n + 2 * p - f) // s + 1)
        check("2.1", lambda n, f, s: 0)  # the last result of an exercise counts
        with collected.open("a", encoding="utf-8") as handle:
            handle.write('{"exercise_id": "2.3", "stat')  # a kernel killed mid-write
        results = read_results(collected)
    assert RESULTS_ENV_VAR not in os.environ
    assert sorted(results) == ["2.1", "2.2"]
    assert results["2.2"].status == PASSED and results["2.2"].score == results["2.2"].max_score
    assert results["2.1"].status == FAILED


def test_without_a_grader_no_results_file_is_written(monkeypatch, tmp_path):
    monkeypatch.delenv(RESULTS_ENV_VAR, raising=False)
    monkeypatch.chdir(tmp_path)
    check("2.1", lambda n, f, s: (n - f) // s + 1)
    assert list(tmp_path.iterdir()) == []


def _unset(monkeypatch, *names):
    """Unset variables for this test only (setenv first, so that teardown unsets them again)."""
    for name in names:
        monkeypatch.setenv(name, "")
        monkeypatch.delenv(name)


def test_lab_opens_the_workspace_at_lesson_0_with_the_course_environment(monkeypatch, tmp_path):
    from course_lib import cli

    calls = []
    monkeypatch.setattr(cli.os, "execv", lambda path, argv: calls.append(argv))
    monkeypatch.setenv("POOLING_COURSE_WORKSPACE", str(tmp_path / "ws"))
    _unset(monkeypatch, "KERAS_BACKEND", "PYTHONHASHSEED", "JUPYTERLAB_SETTINGS_DIR")
    _unset(monkeypatch, "JUPYTERLAB_WORKSPACES_DIR")
    assert cli.main(["lab", "--no-browser", "--help"]) == 0
    assert calls and calls[0][1:] == [
        "lab",
        f"--ServerApp.root_dir={tmp_path / 'ws'}",
        "--LabApp.default_url=/lab/tree/notebooks/00_start_here.ipynb",
        "--no-browser",
        "--help",
    ]
    assert os.environ["KERAS_BACKEND"] == "jax" and os.environ["PYTHONHASHSEED"] == "0"
    assert (tmp_path / "ws" / "notebooks" / "00_start_here.ipynb").is_file()  # synced first
    settings = Path(os.environ["JUPYTERLAB_SETTINGS_DIR"])
    assert settings.is_relative_to(tmp_path / "ws")
    news = settings / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
    assert '"fetchNews": "false"' in news.read_text()


def test_lab_arguments_win_over_the_course_defaults(monkeypatch, tmp_path):
    from course_lib import cli

    calls = []
    monkeypatch.setattr(cli.os, "execv", lambda path, argv: calls.append(argv))
    monkeypatch.setenv("POOLING_COURSE_WORKSPACE", str(tmp_path / "ws"))
    _unset(monkeypatch, "JUPYTERLAB_SETTINGS_DIR", "JUPYTERLAB_WORKSPACES_DIR")
    assert cli.main(["lab", "--ServerApp.root_dir=/elsewhere"]) == 0
    assert calls[0][1:] == [
        "lab",
        "--LabApp.default_url=/lab/tree/notebooks/00_start_here.ipynb",
        "--ServerApp.root_dir=/elsewhere",
    ]
