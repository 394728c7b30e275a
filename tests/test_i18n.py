"""The Chinese edition's messages (issue 13): the catalogue is complete and up to date, its
translations keep every placeholder, the language can be chosen, and what a learner reads
really goes through the catalogue (a small fake one proves each display path is wired).

English output itself is guarded by the other tests, which compare English text.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

import course_lib
from course_lib import i18n
from course_lib.build import grade as grading
from course_lib.build import messages
from course_lib.checks import case, registry
from course_lib.checks.function import function_exercise
from course_lib.checks.registry import Misconception
from course_lib.cli import main

ZH = i18n.catalogue_path("zh")


@pytest.fixture(autouse=True)
def _english_by_default(monkeypatch, tmp_path):
    """Each test starts in English with its own progress file, and leaves no language set."""
    monkeypatch.delenv(i18n.LANGUAGE_ENV_VAR, raising=False)
    monkeypatch.setenv("POOLING_COURSE_PROGRESS", str(tmp_path / "progress.json"))
    i18n.set_language(None)
    yield
    i18n.set_language(None)
    i18n.clear_cache()


def _read(path: Path) -> Catalog:
    """A catalogue as written: without the ``python-format`` flag babel guesses on reading
    from any "%" in a message ("2 % salt noise"), which the files never carry (the course
    formats no message with %, and ``pooling-course messages`` drops the guess too)."""
    with path.open("rb") as f:
        catalog = read_po(f, locale="zh_CN")
    for message in catalog:
        message.flags.discard("python-format")
    return catalog


# --------------------------------------------------------------------------
# The template and the catalogue
# --------------------------------------------------------------------------
def test_the_template_and_the_catalogue_are_up_to_date_with_the_code():
    stale = [str(p.relative_to(messages.PACKAGE_DIR.parent)) for p in messages.stale()]
    assert not stale, f"{stale} out of date: run `pooling-course messages` and commit the result"


def test_the_command_checks_and_writes_byte_for_byte_the_same(capsys):
    assert main(["messages", "--check"]) == 0
    before = {p: p.read_bytes() for p in (i18n.TEMPLATE_PATH, ZH)}
    assert messages.template_text() == messages.template_text()
    assert messages.catalogue_text("zh") == before[ZH].decode("utf-8")
    assert "POT-Creation-Date" not in before[i18n.TEMPLATE_PATH].decode("utf-8")
    assert not re.search(r"^#: .*:\d+$", before[i18n.TEMPLATE_PATH].decode(), re.M)  # no lines


def test_every_message_has_a_checked_chinese_translation():
    """Fails until translators fill course_lib/locale/zh/LC_MESSAGES/course_lib.po."""
    template, zh = _read(i18n.TEMPLATE_PATH), _read(ZH)
    missing = []
    for message in template:
        if not message.id:
            continue
        ours = zh.get(message.id)
        strings = () if ours is None else ours.string
        strings = strings if isinstance(strings, tuple) else (strings,)
        if ours is None or ours.fuzzy or not strings or not all(strings):
            missing.append(message.id if isinstance(message.id, str) else message.id[0])
    assert not missing, (
        f"{len(missing)} of {len(template)} messages have no checked (non-fuzzy) Chinese "
        f"translation in {ZH.name}, e.g. {missing[:3]}"
    )


def _formats(text: str) -> list:
    return sorted(messages.placeholders(text))


_PERCENT = re.compile(r"%(?:\(\w+\))?[-#0 +]?(?:\*|\d+)?(?:\.(?:\*|\d+))?[diouxXeEfFgGcrs%]")


def placeholder_problems(catalog: Catalog) -> list[str]:
    """Translations whose ``{placeholders}`` (names, conversions, format specs) or
    ``%`` specifiers differ from their English message's."""
    problems = []
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in (s for s in strings if s):
            if messages.BRACE_FLAG in message.flags:
                try:
                    wanted, got = {tuple(_formats(i)) for i in ids}, tuple(_formats(text))
                except ValueError as error:
                    problems.append(f"{ids[0]!r}: the translation is no template ({error})")
                    continue
                if got not in wanted:
                    problems.append(f"{ids[0]!r}: {list(got)} instead of {sorted(wanted)}")
            if "python-format" in message.flags:
                if sorted(_PERCENT.findall(text)) != sorted(_PERCENT.findall(ids[-1])):
                    problems.append(f"{ids[0]!r}: its % specifiers differ")
    return problems


def test_every_translation_keeps_the_placeholders_of_its_message():
    assert placeholder_problems(_read(ZH)) == []


def test_a_translation_that_drops_or_renames_a_placeholder_is_caught():
    catalog = Catalog(locale="zh_CN")
    catalog.add(
        "returned {value}, expected {expected}", "返回 {value}", flags=[messages.BRACE_FLAG]
    )
    catalog.add("{count} of {total}", "{count} / {totl}", flags=[messages.BRACE_FLAG])
    catalog.add("stopped after {seconds} s", "{seconds!r} 秒后", flags=[messages.BRACE_FLAG])
    catalog.add("good {x}", "好 {x}", flags=[messages.BRACE_FLAG])
    catalog.add("100 %d", "100", flags=["python-format"])
    assert len(placeholder_problems(catalog)) == 4


def test_every_code_message_with_placeholders_is_flagged_for_the_check():
    template = _read(i18n.TEMPLATE_PATH)
    code = [m for m in template if m.id and any(".py" in path for path, _ in m.locations)]
    for message in code:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        if any("{" in i for i in ids) and "/lessons/" not in str(message.locations):
            assert messages.BRACE_FLAG in message.flags, message.id


def test_the_registry_walk_covers_a_new_exercise_on_its_own(monkeypatch):
    monkeypatch.setattr(registry, "_EXERCISES", dict(registry._EXERCISES))
    function_exercise(
        "99.1",
        "Double a number",
        name="double",
        reference=lambda n: 2 * n,
        cases=lambda: [case("a brand-new label", n=1)],
        returns="int",
        misconceptions=[Misconception("adds_one", "Doubling is not adding one.", lambda n: n + 1)],
        hints=("Twice n.",),
        proves="You can double.",
        module="course_lib.lessons.lesson02",
    )
    found = {e.key: e for e in messages.collect()}
    for text in (
        "Double a number",
        "a brand-new label",
        "Doubling is not adding one.",
        "adds one",
        "Twice n.",
        "You can double.",
    ):
        assert text in found and "course_lib/lessons/lesson02.py" in found[text].locations
    assert "exercise 99.1, misconception adds_one" in found["Doubling is not adding one."].comments


def test_merging_keeps_translations_drops_the_obsolete_and_guesses_nothing(monkeypatch, tmp_path):
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    entries = [
        messages.Entry("kept {n}", {"course_lib/x.py"}, flags={messages.BRACE_FLAG}),
        messages.Entry("checked later", {"course_lib/x.py"}),
        messages.Entry("new", {"course_lib/x.py"}),
        messages.Entry(("one case", "{n} cases"), {"course_lib/x.py"}),
    ]
    old = Catalog(locale="zh_CN")
    old.add("kept {n}", "保留 {n}", user_comments=["a translator's note"])
    old.add("checked later", "稍后", flags=["fuzzy"])
    old.add("gone", "已删")
    old.add("neww", "新的")  # close to "new": no fuzzy guess is made from it
    path = i18n.catalogue_path("zh")
    path.parent.mkdir(parents=True)
    with path.open("wb") as f:
        write_po(f, old)
    merged = read_po(io.StringIO(messages.catalogue_text("zh", entries)), locale="zh_CN")
    assert merged["kept {n}"].string == "保留 {n}"
    assert merged["kept {n}"].user_comments == ["a translator's note"]
    assert merged["checked later"].fuzzy and merged["checked later"].string == "稍后"
    assert merged["new"].string == "" and not merged["new"].fuzzy
    assert merged["one case"].string == ("",)  # one plural form in Chinese
    assert merged.get("gone") is None and merged.get("neww") is None
    path.write_text(messages.catalogue_text("zh", entries), encoding="utf-8")
    assert messages.catalogue_text("zh", entries) == path.read_text(encoding="utf-8")


def test_a_new_catalogue_gets_the_chinese_header(monkeypatch, tmp_path):
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    text = messages.catalogue_text("zh", [messages.Entry("x", {"course_lib/x.py"})])
    assert '"Language: zh_CN\\n"' in text and '"Plural-Forms: nplurals=1; plural=0;\\n"' in text


# --------------------------------------------------------------------------
# Choosing the language
# --------------------------------------------------------------------------
def test_the_language_comes_from_set_language_then_the_environment(monkeypatch):
    assert i18n.get_language() == "en"
    monkeypatch.setenv(i18n.LANGUAGE_ENV_VAR, "zh_CN.UTF-8")
    assert i18n.get_language() == "zh"
    i18n.set_language("en")
    assert i18n.get_language() == "en"  # the code's choice wins
    i18n.set_language("zh-Hans")
    assert course_lib.get_language() == "zh"
    i18n.set_language(None)
    assert i18n.get_language() == "zh"  # back to the environment
    monkeypatch.setenv(i18n.LANGUAGE_ENV_VAR, "klingon")
    assert i18n.get_language() == "en"


def test_an_unknown_language_is_refused_with_a_message_and_changes_nothing(capsys):
    i18n.set_language("fr")
    assert i18n.get_language() == "en"
    said = capsys.readouterr().out
    assert "'fr' is not one of them" in said and '"zh" (简体中文)' in said
    i18n.set_language("zh")
    i18n.set_language("fr")  # refused in the language of the moment
    assert i18n.get_language() == "zh"
    assert "'fr' 不在其中" in capsys.readouterr().out
    course_lib.set_language(42)  # not even a string: still no exception
    assert i18n.get_language() == "zh"


def test_importing_the_course_does_not_load_babel():
    code = "import sys, course_lib; print('babel' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --------------------------------------------------------------------------
# What the learner reads goes through the catalogue
# --------------------------------------------------------------------------
_FAKE = {
    "{symbol} {id} failed ({passed}/{total} cases, score {score}/{max_score}): {title}": (
        "{symbol} {id} 未通过（{passed}/{total} 例，得分 {score}/{max_score}）：{title}"
    ),
    "Output size with valid padding": "valid 填充的输出大小",
    "Case {index} of {total} ({label}): {call} {problem}.": (
        "第 {index}/{total} 例（{label}）：{call} {problem}。"
    ),
    "overlapping windows, stride < pool": "窗口重叠，步长小于池",
    "returned {value}, expected {expected}": "返回 {value}，应为 {expected}",
    "Diagnosis — {name}: {explanation}": "诊断 — {name}：{explanation}",
    "size over pool": "尺寸除以池",
    "n // f is right only when the stride equals the pool size. The stride decides where "
    "windows start; the pool size only decides how far the last one reaches.": (
        "只有步长等于池大小时 n // f 才对。"
    ),
    "Hint {number} of {total} for {id}: {hint} That was the last hint.": (
        "{id} 的提示 {number}/{total}：{hint} 这是最后一个提示。"
    ),
    "exercise": "练习",
    "passed": "通过",
    "failed": "未通过",
    "{done} of {total} exercises passed; score {score}/{max_score}": (
        "已通过 {done}/{total} 个练习；得分 {score}/{max_score}"
    ),
    "not found": "找不到",
    "Total {score}/{max_score} over {count} notebook(s); {failed} could not run": (
        "{count} 个笔记本共 {score}/{max_score} 分；{failed} 个无法运行"
    ),
}
_FAKE_PLURALS = {
    (
        "{count} other case failed too.",
        "{count} other cases failed too.",
    ): "另有 {count} 例也未通过。"
}


@pytest.fixture
def fake_chinese(monkeypatch, tmp_path):
    """A small Chinese catalogue in place of the real one, and Chinese chosen."""
    catalog = Catalog(locale="zh_CN")
    for english, chinese in _FAKE.items():
        catalog.add(english, chinese)
    for english, chinese in _FAKE_PLURALS.items():
        catalog.add(english, (chinese,))
    path = tmp_path / "locale" / "zh" / "LC_MESSAGES" / f"{i18n.DOMAIN}.po"
    path.parent.mkdir(parents=True)
    with path.open("wb") as f:
        write_po(f, catalog)
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path / "locale")
    i18n.clear_cache()
    i18n.set_language("zh")
    return _FAKE


def _size_over_pool(n, f, s):
    return n // f


def test_a_failed_check_its_case_and_diagnosis_come_out_translated(fake_chinese):
    text = repr(course_lib.check("2.1", _size_over_pool, save=False))
    assert text.splitlines()[0] == "✗ 2.1 未通过（14/25 例，得分 0.56/1）：valid 填充的输出大小"
    assert "第 4/25 例（窗口重叠，步长小于池）：output_size(n=7, f=3, s=2) 返回 2，应为 3。" in text
    assert "另有 10 例也未通过。" in text  # a plural, in Chinese's one form
    assert "诊断 — 尺寸除以池：只有步长等于池大小时 n // f 才对。" in text
    i18n.set_language("en")  # the title and diagnosis follow the language at once
    assert "Output size with valid padding" in repr(course_lib.check("2.1", _size_over_pool))


def test_a_hint_comes_out_translated(fake_chinese):
    assert repr(course_lib.hint("2.1", 3)).startswith("2.1 的提示 3/3：Count the starts")


def test_the_progress_table_comes_out_translated(fake_chinese):
    course_lib.check("2.1", _size_over_pool)
    text = repr(course_lib.progress())
    assert text.split()[0] == "练习" and "未通过" in text and "尺寸除以池" in text
    assert re.search(r"已通过 0/\d+ 个练习；得分 0.56/", text)
    assert "<th>练习</th>" in course_lib.progress()._repr_html_()


def test_the_grade_table_comes_out_translated(fake_chinese):
    grades = [
        grading.NotebookGrade.failed("missing.ipynb", "not_found"),
        grading.NotebookGrade(
            "ex02.ipynb", True, exercises=[grading.ExerciseGrade("2.1", "passed", 1.0, 1.0)]
        ),
    ]
    table = grading.as_table(grades)
    assert "missing.ipynb: 找不到" in table and "  2.1    通过" in table
    assert table.splitlines()[-1] == "2 个笔记本共 1/1 分；1 个无法运行"


# --------------------------------------------------------------------------
# The JSON outputs are the same in every language
# --------------------------------------------------------------------------
def _both_languages(monkeypatch, capsys, argv: list[str]) -> tuple[str, str]:
    outputs = []
    for language in ("en", "zh"):
        monkeypatch.setenv(i18n.LANGUAGE_ENV_VAR, language)
        main(argv)
        outputs.append(capsys.readouterr().out)
    return outputs[0], outputs[1]


def test_grade_json_is_language_neutral(fake_chinese, monkeypatch, capsys, tmp_path):
    i18n.set_language(None)  # the environment decides
    argv = ["grade", str(tmp_path / "nothing.ipynb")]
    english, chinese = _both_languages(monkeypatch, capsys, [*argv, "--json"])
    assert english == chinese
    notebook = json.loads(english)["notebooks"][0]
    assert notebook["problem_code"] == "not_found" and notebook["problem"] == "not found"
    english, chinese = _both_languages(monkeypatch, capsys, argv)
    assert "找不到" in chinese and "找不到" not in english  # the table is translated


def test_progress_json_is_language_neutral(fake_chinese, monkeypatch, capsys):
    i18n.set_language(None)
    course_lib.check("2.1", _size_over_pool)
    english, chinese = _both_languages(monkeypatch, capsys, ["progress", "--json"])
    assert english == chinese
    row = next(r for r in json.loads(english)["exercises"] if r["id"] == "2.1")
    assert row["title"] == "Output size with valid padding"
    assert (row["status"], row["diagnosis"]) == ("failed", "size_over_pool")
    english, chinese = _both_languages(monkeypatch, capsys, ["progress"])
    assert "尺寸除以池" in chinese and "尺寸除以池" not in english


def test_each_language_names_its_editions_folder():
    """The language's code is its edition's folder: one rule for the grader, reset and restore."""
    from course_lib.paths import EDITION_FOLDER

    assert i18n.edition_subfolder("en") == ""
    assert i18n.edition_subfolder("zh") == EDITION_FOLDER
    with i18n.speaking("zh"):
        assert i18n.edition_subfolder() == EDITION_FOLDER
    assert i18n.edition_subfolder() == ""
