"""The Chinese edition beside the English one, kept in step by comparing their sources.

Each Chinese notebook has its own jupytext source, ``notebooks/zh/NN_slug.py`` for the
lesson ``notebooks/NN_slug.py`` and ``exercises/zh/solutions/NN_slug.py`` for the solution
source ``exercises/solutions/NN_slug.py``. The two of a pair must run the same code:

* the same cells, in the same order, of the same types, with the same tags;
* every code cell the same Python, compared as syntax trees (so comments and layout may
  differ), except that a string literal may be translated when its Chinese version holds
  Chinese characters (a printed sentence, a figure's title, a docstring), and an f-string
  may put its ``{expressions}`` in another order, as long as they are the same ones. Strings
  that are code stay as they are (:func:`_code_strings`: keys, compared values, options,
  exercise ids), a number keeps its type, a padded table label may change only if it fills
  the same columns, and ``### BEGIN/END SOLUTION`` markers enclose the same code;
* the Chinese edition's first code cell adds ``course_lib.set_language("zh")`` (and
  ``import course_lib`` if the cell lacks it), nothing else;
* every ``<a id="...">`` anchor of an English markdown cell is in the Chinese cell too,
  so that links into the lessons work in both editions.

Markdown is free: the Chinese prose is written for Chinese readers, not word for word.
:func:`compare_sources` lists what drifted, and ``tests/test_editions.py`` fails on it,
naming the cell and line.
"""

from __future__ import annotations

import ast
import re
from collections import Counter
from pathlib import Path

from course_lib.fonts import CHINESE_CHARACTERS
from course_lib.i18n import display_width
from course_lib.paths import EDITION_FOLDER, SOURCE_DIRS, course_root

EDITION = EDITION_FOLDER
"""The translated edition's language code and folder name."""

EDITION_DIRS = tuple(d for d in SOURCE_DIRS if EDITION not in d.split("/"))
"""English source folders; each has its Chinese twin (``notebooks/zh``,
``exercises/zh/solutions``)."""

CJK = re.compile(f"[{CHINESE_CHARACTERS}]")
"""A Chinese character or Chinese punctuation."""

EXERCISE_ID = re.compile(r"\d+\.\d+")
"""An exercise id (``"2.1"``): code wherever it is, never translated."""

CODE_KEYWORDS = frozenset(
    "mode padding reduction data_format dtype kind method activation loss optimizer "
    "interpolation cmap color marker linestyle ls ha va loc fmt aspect".split()
)
"""Keyword arguments whose string values are options, not text (``mode="max"``)."""

CODE_CALLS = frozenset({"check", "hint", "reset_exercise", "restore_lesson", "set_language"})
"""Calls whose string arguments name an exercise, a lesson or a language."""


def _code_strings(tree: ast.AST) -> set[int]:
    """The ``id`` of every string constant of ``tree`` that is code, not text: a key looked up
    (``d["max"]``, a dict's keys), a value compared (``x == "same"``), an option
    (``mode="avg"``), an exercise id, an argument of :data:`CODE_CALLS`."""
    found: list[ast.AST] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Subscript):
            found.append(node.slice)
        elif isinstance(node, ast.Compare):
            found += [node.left, *node.comparators]
        elif isinstance(node, ast.Dict):
            found += [k for k in node.keys if k is not None]
        elif isinstance(node, ast.keyword) and node.arg in CODE_KEYWORDS:
            found.append(node.value)
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in CODE_CALLS:
                found += node.args
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            if EXERCISE_ID.fullmatch(node.value.strip()):
                found.append(node)
    return {
        id(sub)
        for node in found
        for sub in ast.walk(node)
        if isinstance(sub, ast.Constant) and isinstance(sub.value, str)
    }


ANCHOR = re.compile(r"""<a\s+id=["']([^"']+)["']""")

_LANGUAGE_CALL = "set_language"


def edition_folder(english_folder: str) -> str:
    """``"notebooks"`` -> ``"notebooks/zh"``; ``"exercises/solutions"`` ->
    ``"exercises/zh/solutions"``."""
    head, _, tail = english_folder.partition("/")
    return f"{head}/{EDITION}/{tail}" if tail else f"{head}/{EDITION}"


def source_pairs(root: Path | None = None) -> list[tuple[Path, Path]]:
    """Every (English source, Chinese source) pair, by English source; the Chinese path
    may not exist yet."""
    root = course_root() if root is None else root
    pairs = []
    for folder in EDITION_DIRS:
        for english in sorted((root / folder).glob("[0-9]*.py")):
            pairs.append((english, root / edition_folder(folder) / english.name))
    return pairs


def _code(source: str) -> ast.Module:
    """A code cell's Python: IPython's ``%magic`` and ``!shell`` lines turned into calls."""
    from IPython.core.inputtransformer2 import TransformerManager

    return ast.parse(TransformerManager().transform_cell(source))


def _is_language_call(node: ast.stmt) -> bool:
    call = node.value if isinstance(node, ast.Expr) else None
    if not isinstance(call, ast.Call):
        return False
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
    return (
        name == _LANGUAGE_CALL
        and len(call.args) == 1
        and isinstance(call.args[0], ast.Constant)
        and call.args[0].value == EDITION
    )


def _is_course_import(node: ast.stmt) -> bool:
    return isinstance(node, ast.Import) and [a.name for a in node.names] == ["course_lib"]


def _is_label(node: ast.AST) -> bool:
    """A padded text inside an f-string, such as the table heading ``{'layer':<20}``."""
    return (
        isinstance(node, ast.FormattedValue)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    )


def _is_expression(node: ast.AST) -> bool:
    return isinstance(node, ast.FormattedValue) and not _is_label(node)


_WIDTH_SPEC = re.compile(r"^(?P<align>.?[<>^])?(?P<width>\d+)(?P<rest>s?)$")


def _label_differs(en: ast.FormattedValue, zh: ast.FormattedValue) -> str | None:
    """A padded label may be translated if it still fills the same screen columns: a Chinese
    character is two columns wide, so ``{'layer':<20}`` may become ``{'层':<19}``."""
    en_text, zh_text = en.value.value, zh.value.value  # type: ignore[attr-defined]
    en_spec, zh_spec = (ast.unparse(v.format_spec) if v.format_spec else "" for v in (en, zh))
    if en_text == zh_text and en_spec == zh_spec and en.conversion == zh.conversion:
        return None
    if not CJK.search(zh_text) or en.conversion != zh.conversion:
        if en_text == zh_text:
            return f"the label {en_text!r}'s format {en_spec or '(none)'} became {zh_spec}"
        return f"the label {en_text!r} became {zh_text!r}"
    # the spec is an f-string itself: f'<20' unparses as "f'<20'"
    en_match = _WIDTH_SPEC.match(en_spec[2:-1] if en_spec else "")
    zh_match = _WIDTH_SPEC.match(zh_spec[2:-1] if zh_spec else "")
    if en_spec == zh_spec == "":
        return None
    if not (en_match and zh_match) or en_match["align"] != zh_match["align"]:
        return f"the label {en_text!r}'s format {en_spec} became {zh_spec}"
    wide = display_width(zh_text) - len(zh_text)
    if int(zh_match["width"]) + wide != int(en_match["width"]):
        return (
            f"the label {zh_text!r} would fill {int(zh_match['width']) + wide} columns, "
            f"not {en_match['width']}"
        )
    return None


def _differ(en: object, zh: object, path: str, code: frozenset[int] = frozenset()) -> str | None:
    """Where the two syntax trees differ (beyond translated strings), or None. ``code``: the
    ``id`` of the English string constants that must not be translated."""
    if isinstance(en, ast.Constant) and isinstance(zh, ast.Constant):
        if type(en.value) is type(zh.value) and en.value == zh.value:  # 0 is not 0.0 nor False
            return None
        if (
            isinstance(en.value, str)
            and isinstance(zh.value, str)
            and CJK.search(zh.value)
            and id(en) not in code
        ):
            return None
        return f"{path}: {en.value!r} became {zh.value!r}"
    if isinstance(en, ast.JoinedStr) and isinstance(zh, ast.JoinedStr):
        en_values = Counter(ast.dump(v) for v in en.values if _is_expression(v))
        zh_values = Counter(ast.dump(v) for v in zh.values if _is_expression(v))
        if en_values != zh_values:
            return f"{path}: the f-string's {{expressions}} differ"
        en_labels = [v for v in en.values if _is_label(v)]
        zh_labels = [v for v in zh.values if _is_label(v)]
        if len(en_labels) != len(zh_labels):
            return f"{path}: the f-string's padded labels differ"
        for a, b in zip(en_labels, zh_labels, strict=True):
            problem = _label_differs(a, b)
            if problem:
                return f"{path}: {problem}"
        en_text = [v.value for v in en.values if isinstance(v, ast.Constant)]
        zh_text = [v.value for v in zh.values if isinstance(v, ast.Constant)]
        if en_text != zh_text and not CJK.search("".join(map(str, zh_text))):
            return f"{path}: the f-string's text changed but is not Chinese"
        return None
    if type(en) is not type(zh):
        return f"{path}: {type(en).__name__} became {type(zh).__name__}"
    if isinstance(en, list):
        if len(en) != len(zh):  # type: ignore[arg-type]
            return f"{path}: {len(en)} items became {len(zh)}"  # type: ignore[arg-type]
        for a, b in zip(en, zh, strict=True):  # type: ignore[call-overload]
            problem = _differ(a, b, path, code)
            if problem:
                return problem
        return None
    if isinstance(en, ast.AST):
        if hasattr(en, "lineno"):
            path = f"line {en.lineno}"
        for field in en._fields:
            problem = _differ(getattr(en, field, None), getattr(zh, field, None), path, code)
            if problem:
                return problem
        return None
    return None if en == zh else f"{path}: {en!r} became {zh!r}"


def _answers_differ(en_source: str, zh_source: str) -> str | None:
    """The ``### BEGIN/END SOLUTION`` markers (comments, which the syntax trees do not see)
    must enclose the same code, or a Chinese learner notebook would keep an answer."""
    from course_lib.build.generate import BEGIN, END, SolutionMarkerError, strip_solutions

    if not any(marker in text for marker in (BEGIN, END) for text in (en_source, zh_source)):
        return None
    try:
        en_kept, _ = strip_solutions(en_source)
        zh_kept, _ = strip_solutions(zh_source)
        if _differ(_code(en_kept), _code(zh_kept), "the learner's code") is None:
            return None
    except (SolutionMarkerError, SyntaxError):
        pass
    return "the ### BEGIN/END SOLUTION markers do not enclose the same code as in English"


def _first_line(source: str) -> str:
    line = next((s for s in source.splitlines() if s.strip()), "")
    return line if len(line) <= 60 else line[:57] + "..."


def compare_notebooks(english: object, chinese: object) -> list[str]:
    """What differs between two notebooks (nbformat nodes) beyond what a translation may
    change; an empty list when they are in step."""
    en_cells, zh_cells = english.cells, chinese.cells  # type: ignore[attr-defined]
    problems: list[str] = []
    en_types = [c.cell_type for c in en_cells]
    zh_types = [c.cell_type for c in zh_cells]
    if en_types != zh_types:
        for i, (a, b) in enumerate(zip(en_types, zh_types, strict=False)):
            if a != b:
                problems.append(
                    f"cell {i + 1}: a {a} cell in English ({_first_line(en_cells[i].source)!r}) "
                    f"but a {b} cell in Chinese; the cells must pair up one to one"
                )
                return problems
        problems.append(f"{len(en_types)} cells in English but {len(zh_types)} in Chinese")
        return problems
    first_code = True
    for i, (en, zh) in enumerate(zip(en_cells, zh_cells, strict=True)):
        where = f"cell {i + 1} ({_first_line(en.source)!r})"
        en_tags = list(en.metadata.get("tags", []))
        zh_tags = list(zh.metadata.get("tags", []))
        if en_tags != zh_tags:
            problems.append(f"{where}: tags {en_tags} in English, {zh_tags} in Chinese")
        if en.cell_type == "markdown":
            missing = set(ANCHOR.findall(en.source)) - set(ANCHOR.findall(zh.source))
            if missing:
                problems.append(f"{where}: the Chinese cell lacks the anchors {sorted(missing)}")
            continue
        if en.cell_type != "code":
            continue
        try:
            en_tree, zh_tree = _code(en.source), _code(zh.source)
        except SyntaxError as error:
            problems.append(f"{where}: does not parse ({error.msg}, line {error.lineno})")
            continue
        if first_code:
            calls = [s for s in zh_tree.body if _is_language_call(s)]
            if len(calls) != 1:
                problems.append(f'{where}: the first code cell must call set_language("zh") once')
            zh_tree.body = [s for s in zh_tree.body if not _is_language_call(s)]
            if not any(_is_course_import(s) for s in en_tree.body):
                zh_tree.body = [s for s in zh_tree.body if not _is_course_import(s)]
            first_code = False
        problem = _differ(
            en_tree, zh_tree, "the code", frozenset(_code_strings(en_tree))
        ) or _answers_differ(en.source, zh.source)
        if problem:
            problems.append(f"{where}: {problem}")
    return problems


def compare_sources(english: Path, chinese: Path) -> list[str]:
    """:func:`compare_notebooks` of two jupytext sources, plus their headers."""
    import jupytext

    if not chinese.is_file():
        return [f"{chinese} is missing"]
    en, zh = jupytext.read(english), jupytext.read(chinese)
    problems = []
    if en.metadata != zh.metadata:
        problems.append("the notebook metadata (the jupytext header) differs")
    return problems + compare_notebooks(en, zh)


# --------------------------------------------------------------------------
# Chinese paragraphs: no line break between two Chinese characters
# --------------------------------------------------------------------------
_CJK_END = re.compile(f"[{CHINESE_CHARACTERS}][*_]*$")  # also after **bold** or *italics*
_CJK_START = re.compile(f"^[*_]*[{CHINESE_CHARACTERS}]")


def join_chinese_lines(markdown: str) -> str:
    """``markdown`` with each line break between two Chinese characters removed.

    Markdown turns a line break inside a paragraph into a space, and browsers show a space
    between Chinese characters (Chinese has none), so Chinese paragraphs are kept on one
    line or broken next to Latin text only. Fenced code blocks are left alone.
    """
    out: list[str] = []
    fenced = False
    for line in markdown.split("\n"):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
            out.append(line)
            continue
        if (
            not fenced
            and out
            and _CJK_END.search(out[-1])
            and _CJK_START.search(line.lstrip())
            and out[-1].strip()
        ):
            out[-1] += line.lstrip()
            continue
        out.append(line)
    return "\n".join(out)
