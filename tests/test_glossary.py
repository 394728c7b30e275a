"""The glossary and lesson 0's "Just enough neural network" anchors hold together.

Other lessons link to lesson 0's definitions as ``00_start_here.ipynb#nn-...``; a renamed or
missing anchor would leave a dead link that no notebook run notices. The glossary
(``notebooks/glossary.md``) promises one Chinese name per term, each marked
``<span lang="zh-Hans">`` so that browsers draw Simplified Chinese glyphs.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LESSON0 = ROOT / "notebooks" / "00_start_here.py"
GLOSSARY = ROOT / "notebooks" / "glossary.md"

SHARED_ANCHORS = (
    "nn-network",
    "nn-weights",
    "nn-dense",
    "nn-conv2d",
    "nn-relu",
    "nn-flatten",
    "nn-softmax",
    "nn-loss",
    "nn-gradient",
    "nn-backprop",
    "nn-training",
    "nn-rmse",
    "nn-invariance",
    "nn-padding",
)
"""The anchors the other lessons may link to (fixed names, agreed for issue #10)."""

HEADER = ("English", "中文", "Meaning", "Where")
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]")
SPAN = re.compile(r'<span lang="zh-Hans">([^<]*)</span>')
ANCHOR = re.compile(r'<a id="(nn-[a-z0-9-]+)"></a>')
LINK = re.compile(r"00_start_here\.ipynb#(nn-[A-Za-z0-9_-]*)")


def _strip_tags(cell: str) -> str:
    return SPAN.sub(r"\1", cell).strip()


def _table(which: int = 0) -> list[list[str]]:
    """The rows (header first) of the glossary's first table (the terms), or of its second
    (``which=1``: other names), each a list of its stripped cells."""
    text = GLOSSARY.read_text(encoding="utf-8")
    tables = re.findall(r"(?:^\|.*\n?)+", text, flags=re.MULTILINE)
    table = tables[which].splitlines()
    rows = [[cell.strip() for cell in line.strip().strip("|").split("|")] for line in table]
    return [row for row in rows if not all(re.fullmatch(r":?-+:?", c) for c in row)]


def _lesson0_anchors() -> list[str]:
    return ANCHOR.findall(LESSON0.read_text(encoding="utf-8"))


def _markdown_cells(path: Path) -> list[str]:
    """The markdown cells of a jupytext py:percent file, comment markers removed."""
    cells = []
    for chunk in re.split(r"^# %%", path.read_text(encoding="utf-8"), flags=re.M)[1:]:
        header, _, body = chunk.partition("\n")
        if "[markdown]" in header:
            cells.append("\n".join(re.sub(r"^# ?", "", line) for line in body.splitlines()))
    return cells


def test_the_glossary_table_parses():
    rows = _table()
    assert tuple(_strip_tags(c) for c in rows[0]) == HEADER
    assert len(rows) > 40, "one row per key term of the course"
    for row in rows[1:]:
        assert len(row) == len(HEADER), f"row with {len(row)} cells: {row}"
        assert all(row), f"a row with an empty cell: {row}"


def test_english_and_chinese_terms_are_each_unique():
    rows = _table()[1:]
    english = [row[0].lower() for row in rows]
    chinese = [_strip_tags(row[1]) for row in rows]
    assert len(set(english)) == len(english), "an English term appears twice"
    assert len(set(chinese)) == len(chinese), "two terms share one Chinese name"


def test_each_term_has_exactly_one_chinese_name_in_a_span():
    for english, chinese, *_ in _table()[1:]:
        spans = SPAN.findall(chinese)
        assert len(spans) == 1 and SPAN.fullmatch(chinese), f"{english}: {chinese!r}"
        assert CJK.search(spans[0]), f"{english}: no Chinese in {chinese!r}"
        assert not re.search(r"[/,;、，]", spans[0]), f"{english}: one name only, {chinese!r}"


def test_the_glossary_holds_the_terms_the_course_promises():
    chinese = {_strip_tags(row[1]) for row in _table()[1:]}
    for name in (
        "池化",
        "池化层",
        "最大池化",
        "平均池化",
        "全局池化",
        "全局平均池化",
        "全局最大池化",
        "池化窗口",
        "步幅",
        "填充",
        "特征图",
        "通道",
        "感受野",
        "平移不变性",
        "等变性",
        "下采样",
        "卷积",
        "卷积神经网络",
        "卷积核",
        "参数",
        "权重",
        "梯度",
        "反向传播",
        "损失",
        "全连接层",
        "激活函数",
        "类激活图",
        "抗混叠",
    ):
        assert name in chinese, name


@pytest.mark.parametrize("path", [GLOSSARY, LESSON0], ids=lambda p: p.name)
def test_chinese_text_is_always_inside_a_zh_hans_span(path: Path):
    texts = [path.read_text(encoding="utf-8")] if path.suffix == ".md" else _markdown_cells(path)
    for text in texts:
        outside = SPAN.sub("", text)
        assert not CJK.search(outside), f"unwrapped Chinese in {path.name}: {outside[:200]!r}"


def test_every_shared_anchor_exists_once_and_starts_its_markdown_cell():
    anchors = _lesson0_anchors()
    assert len(set(anchors)) == len(anchors), "an anchor is defined twice"
    assert set(SHARED_ANCHORS) <= set(anchors)
    starts = [ANCHOR.match(cell.lstrip()) for cell in _markdown_cells(LESSON0)]
    assert sorted(m.group(1) for m in starts if m) == sorted(anchors)


def _linking_files() -> list[Path]:
    return [
        *sorted((ROOT / "notebooks").glob("*.py")),
        *sorted((ROOT / "exercises" / "solutions").glob("*.py")),
        GLOSSARY,
    ]


def test_every_link_to_lesson_0_names_an_existing_anchor():
    anchors = set(_lesson0_anchors())
    links = {
        (path.name, target)
        for path in _linking_files()
        for target in LINK.findall(path.read_text(encoding="utf-8"))
    }
    assert links, "the glossary links to lesson 0's definitions"
    dead = sorted(link for link in links if link[1] not in anchors)
    assert not dead, f"links to anchors lesson 0 does not define: {dead}"


def test_lesson_0_links_the_glossary_and_explains_the_solutions_folder():
    text = LESSON0.read_text(encoding="utf-8")
    assert "](glossary.md)" in text
    assert "exercises/solutions/" in text


LESSON_LINK = re.compile(r"\]\((0[1-7]_[a-z_]+)\.ipynb#([A-Za-z0-9_-]+)\)")


def test_every_link_into_a_lesson_section_names_an_anchor_of_that_lesson():
    """The glossary's "lesson N, §k" links open the section, not the top of the notebook."""
    links = LESSON_LINK.findall(GLOSSARY.read_text(encoding="utf-8"))
    assert links, "the glossary links to sections of lessons 1-7"
    for stem, anchor in links:
        source = (ROOT / "notebooks" / f"{stem}.py").read_text(encoding="utf-8")
        assert f'<a id="{anchor}"></a>' in source, f"{stem}.ipynb#{anchor}: no such anchor"
