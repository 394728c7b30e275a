"""The font that draws Chinese in the course's figures, shipped with the course.

A fresh machine often has no Chinese font, and matplotlib then draws every Chinese
character as an empty box. So the course carries one: ``NotoSansSC-course.ttf``, a
subset of Noto Sans SC (Regular) under the SIL Open Font License (``OFL.txt`` beside
it), holding the characters the course's Chinese edition uses plus the 3,755 most
common Chinese characters (GB 2312 level 1), so that a learner's own labels draw too.
``pooling-course font`` rebuilds it (:mod:`course_lib.build.font_subset`).

:func:`register` adds it to matplotlib as a *fallback*: Latin text keeps matplotlib's
usual font, and only characters that font lacks come from this one. The course's
figure code calls it before drawing, and ``course_lib.set_language("zh")`` calls it
when matplotlib is already in use, so a Chinese notebook's own ``plt.title("...")``
draws too. Nothing here imports matplotlib unless it is already imported or asked for.
"""

from __future__ import annotations

import functools
import re
import sys
from pathlib import Path

FONT_DIR = Path(__file__).resolve().parent
FONT_FILE = FONT_DIR / "NotoSansSC-course.ttf"
LICENSE_FILE = FONT_DIR / "OFL.txt"
FAMILY = "Noto Sans SC"
"""The family name matplotlib knows the font by."""


@functools.cache
def characters() -> frozenset[str]:
    """Every character the shipped font can draw (empty if the file is missing)."""
    if not FONT_FILE.is_file():
        return frozenset()
    from fontTools.ttLib import TTFont  # installed with matplotlib

    with TTFont(FONT_FILE, lazy=True) as font:
        return frozenset(chr(code) for code in font.getBestCmap())


CHINESE_CHARACTERS = (
    "\u3000-\u303f"  # CJK symbols and punctuation
    "\u3400-\u9fff"  # ideographs (extension A and the unified block)
    "\uff00-\uffef"  # full-width forms (，：！？)
    "\U00020000-\U0003134f"  # the rarer ideographs (extensions B to G)
)
"""A regular-expression character class of Chinese characters and punctuation: the course's
one definition (the font, the editions' checks and the HTML markup all use it)."""

_CHINESE = re.compile(f"[{CHINESE_CHARACTERS}]")


def is_chinese(char: str) -> bool:
    """True for a CJK ideograph or a full-width/CJK punctuation mark."""
    return bool(_CHINESE.fullmatch(char))


def missing(text: str) -> list[str]:
    """The Chinese characters of ``text`` the shipped font cannot draw, in order, once each."""
    have = characters()
    return list(dict.fromkeys(c for c in text if is_chinese(c) and c not in have))


_registered = False


def register() -> bool:
    """Make matplotlib draw Chinese with the shipped font (once; cheap afterwards).

    Returns False, without raising, when the font file is missing or unreadable:
    ``course_lib.doctor()`` reports that case.
    """
    global _registered
    if _registered:
        return True
    if not FONT_FILE.is_file():
        return False
    import matplotlib as mpl
    from matplotlib import font_manager

    try:
        font_manager.fontManager.addfont(str(FONT_FILE))
    except Exception:  # a damaged file: report, do not break the learner's plot
        return False
    families = list(mpl.rcParams["font.family"])  # a fallback only works as a family
    if FAMILY not in families:
        mpl.rcParams["font.family"] = [*families, FAMILY]
    _registered = True
    return True


def register_if_plotting() -> None:
    """:func:`register` if matplotlib is already imported (never imports it)."""
    if "matplotlib" in sys.modules:
        register()
