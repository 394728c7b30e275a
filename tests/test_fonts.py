"""Chinese labels in figures draw on any machine: the course ships its font (issue 13).

The glyph test draws every Chinese string the course can put in a figure (each translated
message of the catalogue, each Chinese string literal in the Chinese notebooks' code) with
matplotlib and fails on a missing glyph, which matplotlib reports as a warning and draws as
an empty box.
"""

from __future__ import annotations

import ast
import re
import warnings

import pytest

from course_lib import fonts
from course_lib.build.editions import source_pairs
from course_lib.build.font_subset import edition_texts, used_characters
from course_lib.i18n import catalogue_path

MISSING_GLYPH = re.compile(r"Glyph \d+ .* missing from font")


def _catalogue_strings() -> list[str]:
    from babel.messages.pofile import read_po

    path = catalogue_path("zh")
    if not path.is_file():
        return []
    with path.open("rb") as f:
        catalog = read_po(f)
    out = []
    for message in catalog:
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        out += [s for s in strings if s]
    return out


def _notebook_strings() -> list[str]:
    """Every string literal with Chinese in a code cell of the Chinese notebooks."""
    import jupytext
    from IPython.core.inputtransformer2 import TransformerManager

    out = []
    for _english, chinese in source_pairs():
        for cell in jupytext.read(chinese).cells:
            if cell.cell_type != "code":
                continue
            tree = ast.parse(TransformerManager().transform_cell(cell.source))
            for node in ast.walk(tree):
                if isinstance(node, ast.Constant) and isinstance(node.value, str):
                    if any(fonts.is_chinese(c) for c in node.value):
                        out.append(node.value)
    return out


def test_the_font_ships_with_its_licence():
    assert fonts.FONT_FILE.is_file(), "run `pooling-course font` (see course_lib.build.font_subset)"
    licence = fonts.LICENSE_FILE.read_text(encoding="utf-8")
    assert "SIL Open Font License" in licence and "Version 1.1" in licence
    size = fonts.FONT_FILE.stat().st_size
    assert size < 2_000_000, f"the subset grew to {size} bytes"


def test_the_font_holds_every_chinese_character_the_edition_uses():
    assert len(edition_texts()) >= 16, "the Chinese notebooks, glossary, README and catalogue"
    lacking = [c for c in used_characters() if c not in fonts.characters()]
    assert not lacking, (
        f"the course's font lacks {''.join(lacking[:40])}: rebuild it with "
        "`pooling-course font ...` (see course_lib.build.font_subset)"
    )


def test_every_chinese_label_draws_without_a_missing_glyph():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    labels = _catalogue_strings() + _notebook_strings()
    assert len(labels) > 400, f"only {len(labels)} Chinese labels found"
    assert fonts.register()
    figure = plt.figure(figsize=(4, 4))
    try:
        for i, label in enumerate(labels):
            # $ would start mathtext, which is not what a label with a price in it means
            figure.text(0, (i % 50) / 50, label.replace("$", r"\$"), usetex=False)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            figure.canvas.draw()
    finally:
        plt.close(figure)
    missing = sorted({str(w.message) for w in caught if MISSING_GLYPH.search(str(w.message))})
    assert not missing, "\n".join(missing[:20])


def test_without_the_font_matplotlib_would_draw_boxes():
    """The control: the glyph check does catch a missing glyph (DejaVu Sans alone)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure = plt.figure()
    try:
        figure.text(0, 0, "池化层", family="DejaVu Sans")
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            figure.canvas.draw()
    finally:
        plt.close(figure)
    assert any(MISSING_GLYPH.search(str(w.message)) for w in caught)


def test_the_font_is_a_fallback_latin_text_keeps_its_font():
    import matplotlib
    from matplotlib import font_manager

    assert fonts.register()
    assert matplotlib.rcParams["font.family"][-1] == fonts.FAMILY
    chain = font_manager.fontManager._find_fonts_by_props(font_manager.FontProperties())
    names = [font_manager.get_font(path).family_name for path in chain]
    assert names[0] != fonts.FAMILY and names[-1] == fonts.FAMILY, names


@pytest.mark.parametrize("text", ["最大池化", "步幅为 2，填充为 1。"])
def test_missing_names_no_character_the_font_has(text):
    assert fonts.missing(text) == []
    assert fonts.missing("𠀀") == ["𠀀"]  # a rare character outside the subset
