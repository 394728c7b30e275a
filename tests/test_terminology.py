"""One terminology in the Chinese edition: the glossary's (issue 13).

``notebooks/glossary.md`` is the source: its first table gives each key term's one Chinese
name, its second the other names learners meet elsewhere (d2l-zh's 汇聚层, the source
article's 步长 and 过滤器 ...). The Chinese glossary (``notebooks/zh/glossary.md``) must pair
the same terms; the Chinese edition (notebooks, messages, README, site pages) must use the
glossary's names where the English edition uses the English term, and may name another name
only beside the course's own (as in "池化层（d2l-zh 称之为汇聚层）").
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from course_lib.build.editions import source_pairs
from course_lib.i18n import catalogue_path
from course_lib.paths import course_root

ROOT = course_root()
GLOSSARY = ROOT / "notebooks" / "glossary.md"
GLOSSARY_ZH = ROOT / "notebooks" / "zh" / "glossary.md"
SPAN = re.compile(r"<span[^>]*>([^<]*)</span>")
CJK_WORD = re.compile(r"[\u3400-\u9fff]+")


def _tables(path: Path) -> list[list[list[str]]]:
    """Each Markdown table of ``path``: its rows without the header and the rule."""
    text = path.read_text(encoding="utf-8")
    tables = []
    for block in re.findall(r"(?:^\|.*\n?)+", text, flags=re.MULTILINE):
        rows = [
            [c.strip() for c in line.strip().strip("|").split("|")] for line in block.splitlines()
        ]
        tables.append([r for r in rows[1:] if not all(re.fullmatch(r":?-+:?", c) for c in r)])
    return tables


def _plain(cell: str) -> str:
    return SPAN.sub(r"\1", cell).strip()


def terms() -> list[tuple[str, str]]:
    """(English term, its Chinese name), from the English glossary."""
    return [(row[0], _plain(row[1])) for row in _tables(GLOSSARY)[0]]


def other_names() -> list[tuple[str, list[str]]]:
    """(another name, the course's names it stands for), from the English glossary."""
    return [(_plain(row[0]), CJK_WORD.findall(_plain(row[1]))) for row in _tables(GLOSSARY)[1]]


def _edition_texts() -> dict[str, str]:
    """Every Chinese text a learner reads, by file (the Chinese glossary excepted)."""
    from babel.messages.pofile import read_po

    texts = {}
    for _english, chinese in source_pairs():
        texts[chinese.relative_to(ROOT).as_posix()] = chinese.read_text(encoding="utf-8")
    for path in [ROOT / "README.zh.md", *sorted((ROOT / "docs" / "zh").glob("*.md"))]:
        texts[path.relative_to(ROOT).as_posix()] = path.read_text(encoding="utf-8")
    with catalogue_path("zh").open("rb") as f:
        catalog = read_po(f)
    texts["course_lib/locale/zh (messages)"] = "\n".join(
        s for m in catalog for s in (m.string if isinstance(m.string, tuple) else (m.string,)) if s
    )
    return texts


def test_the_chinese_glossary_pairs_the_same_terms():
    english = set(terms())
    chinese = {(row[1], row[0]) for row in _tables(GLOSSARY_ZH)[0]}
    assert chinese == english, (
        f"only in the English glossary: {sorted(english - chinese)}; "
        f"only in the Chinese one: {sorted(chinese - english)}"
    )


def test_the_chinese_glossary_lists_the_same_other_names():
    english = {name: set(course) for name, course in other_names()}
    chinese = {_plain(row[0]): set(CJK_WORD.findall(row[1])) for row in _tables(GLOSSARY_ZH)[1]}
    assert set(chinese) == set(english)
    for name, course in english.items():
        assert course <= chinese[name], f"{name}: the course's names {course}"


def test_each_other_name_maps_to_a_glossary_term():
    names = {zh for _en, zh in terms()}
    for other, course in other_names():
        assert course and set(course) <= names, f"{other} -> {course}"
        assert other not in names


@pytest.mark.parametrize("other", [name for name, _ in other_names()])
def test_the_chinese_edition_uses_another_name_only_beside_the_courses(other: str):
    course = dict(other_names())[other]
    offending = []
    for name, text in _edition_texts().items():
        for line in text.splitlines():
            if other in line and not any(word in line.replace(other, "") for word in course):
                offending.append(f"{name}: {line.strip()[:120]}")
    assert not offending, f"{other} (the course says {'/'.join(course)}):\n" + "\n".join(
        offending[:10]
    )


def _headwords(english_term: str) -> list[str]:
    """The words an English lesson uses for a glossary term: "pooling window (window), pool
    size" -> ["pooling window", "window", "pool size"]; code in backticks is left out."""
    cleaned = re.sub(r"`[^`]*`", "", english_term)
    words = [w.strip() for w in re.split(r"[(),]", cleaned)]
    return [w for w in words if len(w) > 2]


# Terms whose English word is also everyday English in the lessons, where the Chinese
# rightly says something else: "layer" (层) is checked through the other terms; "unit"
# also means a unit of measure (MiB); "model" and "window" are covered by their longer terms;
# "kernel" is also Jupyter's, and Keras's name for any layer's weights.
EVERYDAY = {
    "layer",
    "unit",
    "model",
    "window",
    "loss",
    "training",
    "batch",
    "weight",
    "seed",
    "kernel",
}


def _prose(path: Path) -> str:
    """The markdown cells of a jupytext source, without code spans, link targets, titles of
    papers (in italics) and the name of lesson 0's part "Just enough neural network"."""
    import jupytext

    text = "\n".join(c.source for c in jupytext.read(path).cells if c.cell_type == "markdown")
    text = re.sub(r"`[^`]*`", " ", text)
    text = re.sub(r"(?<![*\w])\*[^*]{1,300}?\*(?![*\w])", " ", text)
    text = text.replace("Just enough neural network", " ")
    text = re.sub(r"blur\s+filters?", "blur", text)  # 模糊核 in Chinese, not the glossary's filter
    return re.sub(r"\]\([^)]*\)", "]", text)


def _accepted(term: str, name: str) -> list[str]:
    """What a Chinese text may say for a term: its glossary name, or, for a term Chinese
    writes in Latin letters (ReLU, CNN, softmax), those letters."""
    latin = re.findall(r"\b[A-Za-z]*[A-Z][A-Za-z]*\b", term) + re.findall(r"[A-Za-z]+", name)
    return [name, *[w for w in latin if len(w) > 1]]


@pytest.mark.parametrize(
    ("english", "chinese"), source_pairs(), ids=[p.name for p, _ in source_pairs()]
)
def test_the_chinese_lesson_names_each_glossary_term_its_english_twin_uses(
    english: Path, chinese: Path
):
    english_text = _prose(english)
    chinese_text = chinese.read_text(encoding="utf-8")
    missing = []
    for term, name in terms():
        words = [w for w in _headwords(term) if w.lower() not in EVERYDAY]
        used = any(re.search(rf"\b{re.escape(w)}s?\b", english_text, re.IGNORECASE) for w in words)
        if used and not any(said in chinese_text for said in _accepted(term, name)):
            missing.append(f"{term} -> {name}")
    assert not missing, f"{chinese.relative_to(ROOT)} lacks the glossary's names: {missing}"
