"""Sphinx configuration of the course's website (`make site` builds it into build/site/).

Run as `sphinx-build -c docs build/site-src build/site`: this folder holds the configuration,
the hand-written pages (*.md), the course's extension (_ext/course_site.py) and CSS
(_static/). The extension copies these pages, the lessons, the glossary and the learner
exercise notebooks into the staging folder build/site-src/, under their own folder names, so
the links between notebooks work on the site as they do in JupyterLab. The
notebooks are shown with their stored outputs, never re-executed: nbval proves in
`make test` that those outputs are current. Nothing on a page is fetched from another
host: MathJax is copied from the `jupyter-server-mathjax` package (docs/_ext/course_site.py).
"""

from __future__ import annotations

import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
sys.path.insert(0, str(DOCS / "_ext"))
sys.path.insert(0, str(ROOT))  # course_lib, for autodoc and the common-mistakes page

project = "Pooling, from first principles"
author = "the course's authors"
copyright = "the course's authors, MIT licence"
language = "en"

extensions = [
    "myst_nb",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.mathjax",
    "course_site",
]

root_doc = "index"
# The staging folder holds only the pages (course_site stages no solution); README.md is
# there for index.md to include its opening sections, not as a page.
exclude_patterns = ["README.md"]
templates_path: list[str] = []

# --- notebooks (myst-nb) ------------------------------------------------------------------
nb_execution_mode = "off"  # stored outputs only; nbval checks them
nb_ipywidgets_js: dict = {}  # no widget JavaScript from a CDN: widgets show static figures
nb_output_stderr = "show"
nb_merge_streams = True
myst_enable_extensions = ["dollarmath", "colon_fence", "html_image"]
myst_heading_anchors = 3
myst_update_mathjax = False  # MathJax 2 is configured below
suppress_warnings = [
    # Sphinx cannot tell which lexer a stored output's ANSI text needs; harmless.
    "misc.highlighting_failure",
]

# --- API reference -------------------------------------------------------------------------
autodoc_default_options = {"members": True, "member-order": "bysource"}
# The docstrings state the types in words ("int, (int, int) or None"): the annotations would
# only repeat them (and spell the type aliases out).
autodoc_typehints = "none"
napoleon_numpy_docstring = True
napoleon_google_docstring = False
napoleon_use_rtype = False

# --- MathJax 2, served from the site itself ------------------------------------------------
# course_site copies jupyter-server-mathjax's MathJax into _static/mathjax/ and sets
# mathjax_path to it; the combined configuration holds the TeX input and HTML-CSS output.
mathjax2_config = {
    "tex2jax": {
        "inlineMath": [["\\(", "\\)"]],
        "displayMath": [["\\[", "\\]"]],
        "processEscapes": True,
        "processClass": "math|output_area",
        "ignoreClass": "document",
    },
    "HTML-CSS": {
        # The package ships the STIX-Web fonts only: without this MathJax asks for TeX's.
        "availableFonts": [],
        "preferredFont": None,
        "webFont": "STIX-Web",
        "imageFont": None,
        # MathJax's always-missing reference font: as `url('about:blank')`, its default,
        # Chromium logs a console error; a local font that does not exist fails silently.
        "styles": {"@font-face": {"font-family": "MathJax_Blank", "src": "local('MathJax_Blank')"}},
    },
    "menuSettings": {"zoom": "None"},
    "showMathMenu": False,
}

# --- HTML ------------------------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_title = "Pooling, from first principles"
html_static_path = ["_static"]
html_css_files = ["course.css"]
html_js_files = ["course.js"]
html_last_updated_fmt = None
html_theme_options = {
    "show_toc_level": 2,
    "use_download_button": True,
    "use_fullscreen_button": False,
    "use_repository_button": False,
    "home_page_in_toc": True,
    "navigation_with_keys": False,
}
html_show_sphinx = False
# A first visit has no stored light/dark choice: without a default the theme logs a console
# error. Light: the figures are drawn for a white page.
html_context = {"default_mode": "light"}

# --- the Chinese edition ---------------------------------------------------------------------
# `make site` builds the site twice: in English into build/site/, and with `-t zh` in Chinese
# into build/site/zh/ (staged from docs/zh/, README.zh.md and the zh/ notebooks); every page
# links to its counterpart (course_site's language switch). Sphinx's Chinese search index
# splits words with jieba (in the `site` extra).
if tags.has("zh"):  # noqa: F821 (Sphinx puts `tags` in this file's namespace)
    language = "zh_CN"
    project = html_title = "池化，从第一性原理讲起"
    exclude_patterns = ["README.zh.md"]
