"""The Chinese edition runs the same code as the English one (issue 13).

Each Chinese notebook source (``notebooks/zh/``, ``exercises/zh/solutions/``) is compared
with its English twin by :func:`course_lib.build.editions.compare_sources`: same cells, same
tags, same code as syntax trees; only comments, and strings that hold Chinese, may differ.
The checker itself is tested on drifted copies, so that these tests can fail.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from course_lib.build.editions import compare_sources, edition_folder, source_pairs
from course_lib.paths import course_root

ROOT = course_root()
PAIRS = source_pairs()


def test_every_english_source_has_a_chinese_twin_and_no_orphan():
    assert len(PAIRS) == 15, "8 lessons and 7 solution sources"
    missing = [zh.relative_to(ROOT).as_posix() for _, zh in PAIRS if not zh.is_file()]
    assert not missing, f"Chinese sources missing: {missing}"
    for folder in ("notebooks", "exercises/solutions"):
        english = {p.name for p in (ROOT / folder).glob("[0-9]*.py")}
        chinese = {p.name for p in (ROOT / edition_folder(folder)).glob("[0-9]*.py")}
        assert chinese == english, f"{edition_folder(folder)} has sources English lacks"


@pytest.mark.parametrize(
    ("english", "chinese"), PAIRS, ids=[zh.relative_to(ROOT).as_posix() for _, zh in PAIRS]
)
def test_the_chinese_source_runs_the_english_code(english: Path, chinese: Path):
    problems = compare_sources(english, chinese)
    assert not problems, f"{chinese.relative_to(ROOT)} drifted:\n" + "\n".join(problems)


@pytest.mark.parametrize(
    ("english", "chinese"), PAIRS, ids=[zh.relative_to(ROOT).as_posix() for _, zh in PAIRS]
)
def test_the_chinese_notebook_is_built_from_its_source(english: Path, chinese: Path):
    """Its executed ``.ipynb`` exists beside it with the same cells (``make notebooks``)."""
    import jupytext
    import nbformat

    built = chinese.with_suffix(".ipynb")
    assert built.is_file(), f"{built.relative_to(ROOT)} missing: run `make notebooks`"
    stored = nbformat.read(built, as_version=4)
    source = jupytext.read(chinese)
    assert [c.source for c in stored.cells] == [c.source for c in source.cells], (
        f"{built.relative_to(ROOT)} is older than its source: run `make notebooks NB={chinese}`"
    )


# --------------------------------------------------------------------------
# The checker fails on drift (so the tests above can fail)
# --------------------------------------------------------------------------
LESSON = ROOT / "notebooks" / "01_pooling_principle.py"
TWIN = ROOT / "notebooks" / "zh" / "01_pooling_principle.py"


def _drifted(tmp_path: Path, change) -> list[str]:
    text = change(TWIN.read_text(encoding="utf-8"))
    copy = tmp_path / TWIN.name
    copy.write_text(text, encoding="utf-8")
    return compare_sources(LESSON, copy)


def test_the_twin_used_below_is_in_step(tmp_path):
    assert _drifted(tmp_path, lambda text: text) == []


def test_a_changed_number_is_drift(tmp_path):
    problems = _drifted(tmp_path, lambda t: t.replace("pool_size=2", "pool_size=3", 1))
    assert problems and "2 became 3" in problems[0]


def test_a_comment_may_change(tmp_path):
    assert (
        _drifted(
            tmp_path, lambda t: t.replace("\nimport numpy as np", "\n# 注释\nimport numpy as np", 1)
        )
        == []
    )


def test_a_string_may_become_chinese_but_not_other_english(tmp_path):
    pattern = re.compile(r'print\("([^"\n]*)"')
    english_print = pattern.search(LESSON.read_text(encoding="utf-8"))
    assert english_print, "lesson 1 prints a string"

    def to(text: str, new: str) -> str:
        return text.replace(english_print.group(0), f'print("{new}"', 1)

    base = LESSON.read_text(encoding="utf-8").replace(
        "import course_lib  #", 'import course_lib\ncourse_lib.set_language("zh")  #', 1
    )
    chinese = tmp_path / "zh.py"
    chinese.write_text(to(base, "中文的句子"), encoding="utf-8")
    assert compare_sources(LESSON, chinese) == []
    chinese.write_text(to(base, "another English sentence"), encoding="utf-8")
    assert compare_sources(LESSON, chinese)


def test_a_missing_or_extra_cell_is_drift(tmp_path):
    problems = _drifted(tmp_path, lambda t: t + "\n# %%\nprint(1)\n")
    assert problems and "cells" in problems[0]


def test_the_language_must_be_set_in_the_first_code_cell(tmp_path):
    problems = _drifted(
        tmp_path, lambda t: re.sub(r"\n[^\n]*set_language\(\"zh\"\)[^\n]*", "", t, count=1)
    )
    assert any("set_language" in p for p in problems)


def test_a_lost_anchor_is_drift(tmp_path):
    problems = _drifted(tmp_path, lambda t: t.replace('<a id="idea"></a>', "", 1))
    assert any("idea" in p for p in problems)


def _chinese_markdown() -> dict[str, str]:
    """Every Chinese markdown text: the notebooks' markdown cells, glossary, README, pages."""
    import jupytext

    texts = {}
    for _english, chinese in PAIRS:
        cells = jupytext.read(chinese).cells
        texts[chinese.relative_to(ROOT).as_posix()] = "\n\n".join(
            c.source for c in cells if c.cell_type == "markdown"
        )
    for path in [
        ROOT / "notebooks" / "zh" / "glossary.md",
        ROOT / "README.zh.md",
        *sorted((ROOT / "docs" / "zh").glob("*.md")),
    ]:
        texts[path.relative_to(ROOT).as_posix()] = path.read_text(encoding="utf-8")
    return texts


def test_no_line_break_between_two_chinese_characters():
    """Markdown shows a line break as a space, and a space between Chinese characters is a
    visible gap: Chinese paragraphs stay on one line (or break next to Latin text)."""
    from course_lib.build.editions import join_chinese_lines

    broken = [
        name for name, text in _chinese_markdown().items() if join_chinese_lines(text) != text
    ]
    assert not broken, f"line breaks between Chinese characters in {broken}"


def test_join_chinese_lines_joins_only_between_chinese_and_not_in_code():
    from course_lib.build.editions import join_chinese_lines

    text = "池化\n层\n\n步幅\nstride 2\n```\n代码\n注释\n```"
    assert join_chinese_lines(text) == "池化层\n\n步幅\nstride 2\n```\n代码\n注释\n```"


@pytest.mark.parametrize(
    ("chinese", "in_step"),
    [
        ("print(f\"{'层':<19}{x:>5}\")", True),  # 1 wide character: 19 + 1 = 20 columns
        ("print(f\"{'层':<20}{x:>5}\")", False),  # 21 columns: the table would be skewed
        ("print(f\"{'lay':<20}{x:>5}\")", False),  # changed, but not into Chinese
        ("print(f\"{'层':<19}{x:>6}\")", False),  # an expression's format changed
        ("print(f\"{x:>5}{'层':<19}\")", True),  # the order may change
    ],
)
def test_a_padded_table_label_may_be_translated_if_it_fills_the_same_columns(
    tmp_path, chinese, in_step
):
    english = "# %%\nimport course_lib\n\n# %%\nprint(f\"{'layer':<20}{x:>5}\")\n"
    zh_first = '# %%\nimport course_lib\ncourse_lib.set_language("zh")\n\n# %%\n'
    (tmp_path / "en.py").write_text(english, encoding="utf-8")
    (tmp_path / "zh.py").write_text(zh_first + chinese + "\n", encoding="utf-8")
    problems = compare_sources(tmp_path / "en.py", tmp_path / "zh.py")
    assert (problems == []) == in_step, problems


def _in_step(tmp_path, english_code: str, chinese_code: str) -> list[str]:
    """compare_sources on a two-cell pair: the imports, then the code given."""
    english = "# %%\nimport course_lib\n\n# %%\n" + english_code + "\n"
    chinese = '# %%\nimport course_lib\ncourse_lib.set_language("zh")\n\n# %%\n' + chinese_code
    (tmp_path / "en.py").write_text(english, encoding="utf-8")
    (tmp_path / "zh.py").write_text(chinese + "\n", encoding="utf-8")
    return compare_sources(tmp_path / "en.py", tmp_path / "zh.py")


@pytest.mark.parametrize(
    ("english", "chinese", "in_step"),
    [
        ('print("max")', 'print("最大")', True),  # a printed word is text
        ('d["max"]', 'd["最大"]', False),  # a key looked up is code
        ('x == "same"', 'x == "相同"', False),  # a value compared is code
        ('f(x, mode="max")', 'f(x, mode="最大")', False),  # an option is code
        ('ax.plot(x, label="max")', 'ax.plot(x, label="最大")', True),  # a legend is text
        ('{"max": 1}', '{"最大": 1}', False),  # a dict's keys are code
        ('check("2.1", f)', 'check("练习 2.1", f)', False),  # an exercise id
        ("x = 0", "x = 0.0", False),  # 0 == 0.0, but not the same code
        ("x = 1", "x = True", False),
    ],
)
def test_code_strings_and_numbers_stay_as_they_are(tmp_path, english, chinese, in_step):
    problems = _in_step(tmp_path, english, chinese)
    assert (problems == []) == in_step, problems


def test_the_solution_markers_enclose_the_same_code(tmp_path):
    english = "def f(x):\n    ### BEGIN SOLUTION\n    return x\n    ### END SOLUTION"
    assert _in_step(tmp_path, english, english.replace("return x", "return x  # 答案")) == []
    unmarked = english.replace("    ### BEGIN SOLUTION\n", "").replace("    ### END SOLUTION", "")
    problems = _in_step(tmp_path, english, unmarked)  # would hand the answer out
    assert problems and "SOLUTION" in problems[0]
