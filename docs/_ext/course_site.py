"""The course's own additions to the Sphinx build of its website.

* **The pages to read.** Sphinx reads the staging folder build/site-src/, which this fills
  (at ``config-inited``, before Sphinx looks for documents) with the pages of docs/, the
  lessons (notebooks/NN_*.ipynb), the glossary and the learner exercise notebooks
  (exercises/*.ipynb, never exercises/solutions/), under their own folder names: the links
  between them (``../notebooks/02_output_size.ipynb``, ``00_start_here.ipynb#nn-conv2d``)
  then work on the site as in JupyterLab. Files keep their times, so an unchanged page is
  not read again; a file gone from the course is removed from the staging folder.
  (Symbolic links would not do: Sphinx resolves them when it follows a link, and finds the
  target outside its source folder.)
* **MathJax from the site itself.** The `jupyter-server-mathjax` package ships MathJax 2
  (its fonts included); this copies it into ``_static/mathjax/`` and points Sphinx there,
  so no page fetches MathJax from a CDN.
* **Widgets.** A stored notebook has no live kernel behind it, so a cell that shows an
  ``ipywidgets`` control (one of :mod:`course_lib.viz.widgets`' functions) gets a note that
  it is interactive in JupyterLab; the lesson's next cell draws its static figure. Any stored
  widget output (which a static page cannot show) is dropped.
* **The landing page** links each lesson name of the syllabus it includes from the README
  (``02_output_size`` in code) to that lesson's page.
* **Exercise pages** get a box under their title: the notebook to download and how to run it.
* **The common-mistakes page** is generated from the misconception registry
  (:func:`course_lib.checks.registry.all_exercises` after importing
  :mod:`course_lib.lessons`): each misconception's name, explanation and the exercises that
  detect it. The registry is its one source.

The notebooks themselves are never changed: the additions are made to the text Sphinx reads
(the ``source-read`` event), not to the files.
"""

from __future__ import annotations

import json
import re
import shutil
from collections import defaultdict
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util import logging

from course_lib.paths import EDITION_FOLDER as EDITION  # docs/conf.py puts the course on the path

logger = logging.getLogger(__name__)

MATHJAX_CONFIG = "TeX-AMS-MML_HTMLorMML-full"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
MISTAKES_DOC = "mistakes"
MISTAKES_MARKER = "% course-site: the misconception registry goes here"


# --- the staging folder --------------------------------------------------------------------
def _is_chinese(app: Sphinx) -> bool:
    """True in the build of the Chinese edition (``-t zh``, language ``zh_CN``)."""
    return str(app.config.language).startswith("zh")


def _edition(chinese: bool) -> str:
    """The folder prefix of an edition's notebooks: ``""`` or ``"zh/"``."""
    return f"{EDITION}/" if chinese else ""


def _sources_to_stage(repo: Path, docs: Path, chinese: bool = False) -> dict[str, Path]:
    """Path in the staging folder -> the course file it copies.

    The Chinese edition's pages come from ``docs/zh/`` and its notebooks keep their course
    paths (``notebooks/zh/03_max_pooling.ipynb``), so that their links work unchanged.
    """
    pages = docs / EDITION if chinese else docs
    files = {path.name: path for path in sorted(pages.glob("*.md"))}
    readme = "README.zh.md" if chinese else "README.md"
    files[readme] = repo / readme  # index.md includes its opening sections
    zh = _edition(chinese)
    for pattern in (
        f"notebooks/{zh}[0-9][0-9]_*.ipynb",
        f"notebooks/{zh}glossary.md",
        f"exercises/{zh}*.ipynb",
    ):
        for path in sorted(repo.glob(pattern)):
            files[path.relative_to(repo).as_posix()] = path
    return files


def _stage_sources(app: Sphinx, config: Any) -> None:
    """Mirror the course's pages into app.srcdir (see the module's docstring)."""
    docs = Path(app.confdir)
    repo = docs.parent
    staging = Path(app.srcdir)
    if staging.resolve() in (docs.resolve(), repo.resolve()):
        raise ExtensionError("the source folder must be the staging folder, e.g. build/site-src")
    wanted = _sources_to_stage(repo, docs, _is_chinese(app))
    for relative, source in wanted.items():
        target = staging / relative
        stat = source.stat()
        if target.is_file():
            old = target.stat()
            if (old.st_size, old.st_mtime_ns) == (stat.st_size, stat.st_mtime_ns):
                continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
    for path in sorted(staging.rglob("*"), reverse=True):
        relative = path.relative_to(staging).as_posix()
        if path.is_file() and relative not in wanted:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()


# --- MathJax -------------------------------------------------------------------------------
def _mathjax_source() -> Path:
    """The folder of MathJax 2 files that `jupyter-server-mathjax` installs."""
    try:
        import jupyter_server_mathjax
    except ImportError as missing:
        raise ExtensionError(
            "jupyter-server-mathjax is not installed: run `make site`, which installs the "
            "'site' extra of pyproject.toml"
        ) from missing
    static = Path(jupyter_server_mathjax.__file__).parent / "static"
    if not (static / "MathJax.js").is_file():
        raise ExtensionError(f"no MathJax.js in {static}")
    return static


def _configure_mathjax(app: Sphinx) -> None:
    _mathjax_source()  # fail early, with the fix, when it is missing
    app.config.mathjax_path = f"mathjax/MathJax.js?config={MATHJAX_CONFIG}"


def _copy_mathjax(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / "_static" / "mathjax"
    source = _mathjax_source()
    if (target / "MathJax.js").is_file() and (target / "MathJax.js").read_bytes() == (
        source / "MathJax.js"
    ).read_bytes():
        return  # copied by an earlier build
    shutil.copytree(source, target, dirs_exist_ok=True)


# --- notebooks: widgets and exercise pages -------------------------------------------------
def _widget_call() -> re.Pattern[str]:
    """A call of one of course_lib.viz.widgets' functions (that module imports NumPy only)."""
    from course_lib.viz import widgets

    names = "|".join(re.escape(name) for name in widgets.__all__)
    return re.compile(rf"\b(?:{names})\(")


def _markdown_cell(text: str, cell_id: str) -> dict[str, Any]:
    return {"cell_type": "markdown", "id": cell_id, "metadata": {}, "source": text}


WIDGET_NOTE = """:::{note}
**Interactive in JupyterLab.** The cell above shows sliders when you run this lesson in
JupyterLab (`make lab`). This page cannot run it; the figure below is its static version.
:::
"""
WIDGET_NOTE_ZH = (  # one line per paragraph: a line break between Chinese shows as a space
    ":::{note}\n"
    "**在 JupyterLab 中可以交互。** 在 JupyterLab 中运行本课（`make lab-zh`）时，上面的单元格"
    "会显示滑块。本页无法运行它；下面的图是它的静态版本。\n"
    ":::\n"
)


def _note_widgets(
    cells: list[dict[str, Any]], widget_call: re.Pattern[str], note: str = WIDGET_NOTE
) -> int:
    """Drop stored widget outputs and put a note after each widget cell; the notes added."""
    added = 0
    index = 0
    while index < len(cells):
        cell = cells[index]
        index += 1
        if cell["cell_type"] != "code":
            continue
        outputs = cell.get("outputs", [])
        has_widget_output = any(WIDGET_MIME in out.get("data", {}) for out in outputs)
        if not (has_widget_output or widget_call.search(_text(cell["source"]))):
            continue
        cell["outputs"] = [out for out in outputs if WIDGET_MIME not in out.get("data", {})]
        cells.insert(index, _markdown_cell(note, f"course-site-widget-{added}"))
        index += 1
        added += 1
    return added


HTML_ANCHOR = re.compile(r'^[ \t]*<a id="([A-Za-z0-9_-]+)"></a>[ \t]*$', re.MULTILINE)


def _anchors_as_targets(cells: list[dict[str, Any]]) -> int:
    """Turn each ``<a id="x"></a>`` line of a markdown cell into the MyST target ``(x)=``.

    The lessons mark the sections other pages link to (``00_start_here.ipynb#nn-conv2d``)
    with an HTML anchor, which JupyterLab follows but Sphinx does not know; as a target it
    becomes a label that such a link resolves to (and that `-W` checks exists).
    """
    changed = 0
    for cell in cells:
        if cell["cell_type"] == "markdown":
            text, count = HTML_ANCHOR.subn(r"(\1)=", _text(cell["source"]))
            if count:
                cell["source"] = text
                changed += count
    return changed


def _exercise_box(filename: str, chinese: bool = False) -> str:
    if chinese:  # one line per paragraph: a line break between Chinese shows as a space
        return (
            ":::{admonition} 请在 JupyterLab 中做这些练习\n"
            ":class: tip course-run-locally\n\n"
            "本页显示的是发给学习者时的练习 notebook：每个检查单元格显示的是尚未作答时它给出的"
            "信息。检查要运行你的代码，所以需要把课程装在你自己的电脑上：克隆课程的仓库，在它的"
            "文件夹中运行 `make lab-zh`（第一次运行时会建好 `.venv`），然后在 JupyterLab 的文件"
            f"浏览器中打开 `exercises/zh/{filename}`。"
            f"下载这个 notebook：{{download}}`{filename} <{filename}>`（它需要课程的 "
            "`course_lib` 包，`make lab-zh` 会安装它）。\n"
            ":::\n"
        )
    return f""":::{{admonition}} Do these exercises in JupyterLab
:class: tip course-run-locally

This page shows the exercise notebook as it is handed out: each check cell shows what it
says before any attempt. The checks run your code, so they need the course on your machine:
clone the course's repository and, in its folder, run `make lab` (it sets up `.venv` the
first time), then open `exercises/{filename}` in JupyterLab's file browser.
Download the notebook: {{download}}`{filename} <{filename}>` (it needs the course's
`course_lib` package, which `make lab` installs).
:::
"""


def _text(source: str | list[str]) -> str:
    return source if isinstance(source, str) else "".join(source)


def _adapt_notebook(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: the widget notes, and the box on exercise pages."""
    path = Path(app.env.doc2path(docname))
    if path.suffix != ".ipynb":
        return
    notebook = json.loads(source[0])
    cells = notebook["cells"]
    chinese = _is_chinese(app)
    note = WIDGET_NOTE_ZH if chinese else WIDGET_NOTE
    changed = _note_widgets(cells, _widget_call(), note) + _anchors_as_targets(cells) > 0
    if docname.startswith("exercises/"):
        first_is_title = cells and cells[0]["cell_type"] == "markdown"
        box = _exercise_box(path.name, chinese)
        cells.insert(1 if first_is_title else 0, _markdown_cell(box, "course-site-run"))
        changed = True
    if changed:
        source[0] = json.dumps(notebook)


# --- the landing page ----------------------------------------------------------------------
LESSON_NAME = re.compile(r"\d\d_\w+")


def _link_lesson_names(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: on the landing page, ``02_output_size`` links to that lesson."""
    if docname != app.config.root_doc:
        return
    for literal in list(doctree.findall(nodes.literal)):
        name = literal.astext()
        target = f"notebooks/{_edition(_is_chinese(app))}{name}"
        if LESSON_NAME.fullmatch(name) and target in app.env.found_docs:
            uri = app.builder.get_relative_uri(docname, target)
            link = nodes.reference("", "", internal=True, refuri=uri)
            link += literal.deepcopy()
            literal.replace_self(link)


# --- the common-mistakes page --------------------------------------------------------------
HEADING = re.compile(r"^#{2,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)
CHECK_CALL = re.compile(r"""\bcheck\(\s*["'](\d+\.\d+)["']""")


def _exercise_places(srcdir: Path, zh: str = "") -> dict[str, tuple[str, str]]:
    """Exercise id -> (notebook path relative to srcdir, the heading above its check cell).

    Looks in the learner exercise notebooks first, then in the lessons (lesson 0 holds the
    warm-up 0.1).
    """
    places: dict[str, tuple[str, str]] = {}
    notebooks = sorted(srcdir.glob(f"exercises/{zh}*.ipynb")) + sorted(
        srcdir.glob(f"notebooks/{zh}[0-9][0-9]_*.ipynb")
    )
    for notebook_path in notebooks:
        heading = ""
        for cell in json.loads(notebook_path.read_text(encoding="utf-8"))["cells"]:
            text = _text(cell["source"])
            if cell["cell_type"] == "markdown":
                headings = HEADING.findall(text)
                if headings:
                    heading = headings[-1]
            elif cell["cell_type"] == "code":
                for exercise_id in CHECK_CALL.findall(text):
                    places.setdefault(
                        exercise_id, (notebook_path.relative_to(srcdir).as_posix(), heading)
                    )
    return places


def _lesson_titles(srcdir: Path, zh: str = "") -> dict[int, str]:
    """Lesson number -> the title of its notebook ("Lesson 2 — How big is the output?")."""
    titles = {}
    for path in sorted(srcdir.glob(f"notebooks/{zh}[0-9][0-9]_*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            title = re.search(r"^#\s+(.+?)\s*$", _text(cell["source"]), re.MULTILINE)
            if cell["cell_type"] == "markdown" and title:
                titles[int(path.name[:2])] = title.group(1)
                break
    return titles


def _slug(heading: str) -> str:
    from myst_parser.slugs import github_slugify

    return github_slugify(re.sub(r"[`*]", "", heading))


def _exercise_link(exercise_id: str, places: dict[str, tuple[str, str]]) -> str:
    if exercise_id not in places:
        raise ExtensionError(
            f"exercise {exercise_id} is registered but no notebook calls check({exercise_id!r})"
        )
    path, heading = places[exercise_id]
    anchor = f"#{_slug(heading)}" if heading else ""
    return f"[{exercise_id}]({path}{anchor})"


def _mistakes_markdown(srcdir: Path, chinese: bool = False) -> str:
    """The misconceptions, grouped by the lesson of the first exercise that detects each.

    In the Chinese build the explanations come from the message catalogue
    (:mod:`course_lib.i18n`), as a Chinese learner's check shows them.
    """
    import course_lib.lessons  # noqa: F401 (registers every exercise)
    from course_lib.checks.registry import all_exercises
    from course_lib.i18n import SOURCE_LANGUAGE, _, speaking

    with speaking(EDITION if chinese else SOURCE_LANGUAGE):
        return _mistakes_text(srcdir, chinese, _, all_exercises())


def _mistakes_text(srcdir: Path, chinese: bool, _: Any, exercises: list[Any]) -> str:
    zh = _edition(chinese)
    places = _exercise_places(srcdir, zh)
    choice_ids = [e.id for e in exercises if e.kind == "choice" and e.misconceptions]
    # name -> [(exercise id, explanation)], in exercise order
    detected: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for exercise in exercises:
        if exercise.kind == "choice":
            continue
        for misconception in exercise.misconceptions:
            detected[misconception.name].append((exercise.id, _(misconception.explanation)))
    by_lesson: dict[int, list[str]] = defaultdict(list)
    for name, found in detected.items():
        by_lesson[int(found[0][0].split(".")[0])].append(name)
    titles = _lesson_titles(srcdir, zh)
    counted = sum(1 for e in exercises if e.kind != "choice")
    if chinese:
        lines = [
            f"课程的检查认得 **{len(detected)} 种错误想法**，分布在 {counted} 道练习中。每种只列"
            "一次，放在第一道能识别它的练习所属的那一课下面，并附上你的答案与它相符时检查会对你说"
            "的话。两道练习措辞不同时，两种说法都列出。",
            "",
        ]
        if choice_ids:
            lines += [
                f"选择题（{'、'.join(choice_ids)}）也会解释每个错误选项；这里没有列出它们，"
                "因为列出来就等于用排除法给出了答案。",
                "",
            ]
    else:
        lines = [
            f"The course's checks know **{len(detected)} misconceptions** in "
            f"{counted} exercises. Each is listed once, "
            "under the lesson of the first exercise that detects it, with what its check tells "
            "you when your answer matches it. Where two exercises word it differently, both "
            "wordings are shown.",
            "",
        ]
        if choice_ids:
            lines += [
                f"The choice exercises ({', '.join(choice_ids)}) also explain each wrong "
                "option; they are left out here, because the list would give each answer away "
                "by elimination.",
                "",
            ]
    for lesson in sorted(by_lesson):
        default = f"第 {lesson} 课" if chinese else f"Lesson {lesson}"
        lines += [f"## {titles.get(lesson, default)}", ""]
        for name in by_lesson[lesson]:
            found = detected[name]
            ids = ", ".join(_exercise_link(i, places) for i, _text in found)
            if chinese:
                detected_by = f"识别它的练习：{ids}。"
            else:
                detected_by = f"Detected by exercise{'s' * (len(found) > 1)} {ids}."
            lines += [f"### `{name}`", "", detected_by, ""]
            wordings: dict[str, list[str]] = defaultdict(list)
            for exercise_id, explanation in found:
                wordings[explanation].append(exercise_id)
            for explanation, ids_for in wordings.items():
                prefix = f"**{', '.join(ids_for)}:** " if len(wordings) > 1 else ""
                lines += [f"{prefix}{explanation}", ""]
    return "\n".join(lines)


def _fill_mistakes(app: Sphinx, docname: str, source: list[str]) -> None:
    if docname != MISTAKES_DOC:
        return
    if MISTAKES_MARKER not in source[0]:
        raise ExtensionError(f"{docname}: the line {MISTAKES_MARKER!r} is missing")
    text = _mistakes_markdown(Path(app.srcdir), _is_chinese(app))
    source[0] = source[0].replace(MISTAKES_MARKER, text)
    root = Path(app.confdir).parent
    for module in sorted((root / "course_lib" / "lessons").glob("*.py")):
        app.env.note_dependency(str(module))
    app.env.note_dependency(str(root / "course_lib" / "checks" / "registry.py"))


# --- the language switch -------------------------------------------------------------------
def counterpart(docname: str, chinese: bool, pages_zh: set[str] | None = None) -> str:
    """The page of the other edition that matches ``docname``: a notebook's twin, or the
    page of the same name (``pages_zh``: the hand-written pages of ``docs/zh``), else the
    landing page (the API reference is in English only)."""
    if chinese:
        for folder in ("notebooks", "exercises"):
            prefix = f"{folder}/{EDITION}/"
            if docname.startswith(prefix):
                return folder + "/" + docname.removeprefix(prefix)
        return docname
    for folder in ("notebooks", "exercises"):
        if docname.startswith(f"{folder}/"):
            return f"{folder}/{EDITION}/" + docname.removeprefix(f"{folder}/")
    pages = {"index", MISTAKES_DOC} if pages_zh is None else pages_zh
    return docname if docname in pages else "index"


def _language_switch(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: a link to the same page in the other language, at the top of
    every page. The English site is ``build/site/``, the Chinese one ``build/site/zh/``."""
    if "body" not in context:
        return
    chinese = _is_chinese(app)
    up = "../" * pagename.count("/")
    pages_zh = {p.stem for p in (Path(app.confdir) / EDITION).glob("*.md")}
    other = counterpart(pagename, chinese, pages_zh)
    href = f"{up}../{other}.html" if chinese else f"{up}{EDITION}/{other}.html"
    label, lang, title = (
        ("English", "en", "Read this page in English")
        if chinese
        else ("中文", "zh-Hans", "本页的中文版")
    )
    link = (
        f'<p class="course-language-switch"><a href="{href}" hreflang="{lang}" '
        f'lang="{lang}" title="{title}">{label}</a></p>'
    )
    context["body"] = link + context["body"]


# --- Chinese search -------------------------------------------------------------------------
def _chinese_search() -> type:
    """Sphinx's Chinese search (words split by jieba), with its JavaScript stemmer named.

    Sphinx 9.0 names the stemmer ``ChineseStemmer`` in ``language_data.js``, but the stemmer
    it ships for Chinese is the English one (for the Latin words in Chinese text), so every
    page of a Chinese site logs "ChineseStemmer is not defined" and search finds nothing
    (sphinx-doc/sphinx#14229, fixed upstream by #14416). The name is taken from
    ``language_name``: calling the language "English" there names the stemmer that exists.
    """
    from sphinx.search.zh import SearchChinese

    class SearchChineseNamedStemmer(SearchChinese):
        language_name = "English"

    return SearchChineseNamedStemmer


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_search_language(_chinese_search())
    app.connect("config-inited", _stage_sources)
    app.connect("builder-inited", _configure_mathjax)
    app.connect("build-finished", _copy_mathjax)
    app.connect("source-read", _adapt_notebook)
    app.connect("source-read", _fill_mistakes)
    app.connect("doctree-resolved", _link_lesson_names)
    app.connect("html-page-context", _language_switch)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
