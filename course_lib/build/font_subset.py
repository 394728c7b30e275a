"""Rebuilding the course's Chinese font (``pooling-course font SOURCE``), for authors.

The shipped font, ``course_lib/fonts/NotoSansSC-course.ttf``, is cut from Noto Sans SC
(SIL Open Font License 1.1) as packaged by Fontsource on npm::

    npm pack @fontsource/noto-sans-sc@5.3.0       # a 73 MB archive; we need one file of it
    tar xzf fontsource-noto-sans-sc-5.3.0.tgz package/LICENSE \\
        package/files/noto-sans-sc-chinese-simplified-400-normal.woff
    pooling-course font package/files/noto-sans-sc-chinese-simplified-400-normal.woff

It keeps (:func:`wanted_characters`) every Chinese character the Chinese edition uses
(its notebooks' sources, the catalogue of messages, the Chinese glossary and README)
and the 3,755 most common characters (GB 2312 level 1, read off Python's own gb2312
codec), so that a learner's own Chinese labels draw as well; about 1.1 MB. When a
translation brings a rarer character, ``tests/test_fonts.py`` fails and names it, and
this command adds it. The font's names are set to "Noto Sans SC" Regular (the
Fontsource file calls its 400 weight "Thin"). fontTools, which does the cutting, is
installed with matplotlib.
"""

from __future__ import annotations

from pathlib import Path

from course_lib.fonts import FONT_FILE, LICENSE_FILE, is_chinese
from course_lib.paths import EDITION_FOLDER, course_root

PUNCTUATION = [*range(0x3000, 0x3040), *range(0xFF00, 0xFF60)]
"""CJK symbols and punctuation, and full-width forms (，。：；！？（）…)."""


def common_characters() -> list[str]:
    """The 3,755 characters of GB 2312 level 1 (rows 16-55), the most common in use."""
    chars = []
    for row in range(0xB0, 0xD8):
        for cell in range(0xA1, 0xFF):
            try:
                chars.append(bytes([row, cell]).decode("gb2312"))
            except UnicodeDecodeError:  # the few empty places at the end of row 55
                continue
    return chars


def edition_texts(root: Path | None = None) -> list[Path]:
    """The files whose Chinese the font must draw."""
    root = course_root() if root is None else root
    return sorted(
        [
            *(root / "notebooks" / EDITION_FOLDER).glob("*.py"),
            *(root / "notebooks" / EDITION_FOLDER).glob("*.md"),
            *(root / "exercises" / EDITION_FOLDER / "solutions").glob("*.py"),
            *(root / "course_lib" / "locale").glob("*/LC_MESSAGES/*.po"),
            *root.glob("README.*.md"),
        ]
    )


def used_characters(root: Path | None = None) -> list[str]:
    """Every Chinese character (and Chinese punctuation mark) the Chinese edition uses."""
    return sorted(
        {c for path in edition_texts(root) for c in path.read_text("utf-8") if is_chinese(c)}
    )


def wanted_characters(root: Path | None = None) -> list[str]:
    """Every character the subset keeps: the course's Chinese, then the common ones (the
    few of GB 2312 level 1 that Fontsource's file lacks are simply not kept)."""
    return sorted(set(used_characters(root)) | set(common_characters()))


def build_font(source: Path, target: Path = FONT_FILE, root: Path | None = None) -> int:
    """Cut the subset out of ``source`` (a Noto Sans SC ``.woff``/``.otf``/``.ttf``) into
    ``target``; returns the number of characters it holds."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.flavor = None  # a plain TrueType file, which matplotlib reads
    options.layout_features = []  # no OpenType features: matplotlib does not apply them
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]  # keep the copyright and licence names
    options.notdef_outline = True
    font = TTFont(source, recalcTimestamp=False)  # the same input gives the same bytes
    subsetter = subset.Subsetter(options)
    wanted = [ord(c) for c in wanted_characters(root)] + PUNCTUATION + list(range(0x20, 0x7F))
    subsetter.populate(unicodes=wanted)
    subsetter.subset(font)
    font.flavor = None
    names = font["name"]
    for record in list(names.names):
        if record.nameID in (1, 4, 16):
            names.setName("Noto Sans SC", record.nameID, *_ids(record))
        elif record.nameID == 6:
            names.setName("NotoSansSC-Regular", record.nameID, *_ids(record))
        elif record.nameID in (2, 17):
            names.setName("Regular", record.nameID, *_ids(record))
    font["OS/2"].usWeightClass = 400
    target.parent.mkdir(parents=True, exist_ok=True)
    font.save(target)
    return len(font.getBestCmap())


def _ids(record: object) -> tuple[int, int, int]:
    return record.platformID, record.platEncID, record.langID  # type: ignore[attr-defined]


def main(source: str) -> int:
    """The command: rebuild the font from ``source`` and say what was written."""
    path = Path(source)
    if not path.is_file():
        print(f"{source}: no such file (see `pydoc course_lib.build.font_subset`)")
        return 2
    count = build_font(path)
    if not LICENSE_FILE.is_file():
        print(f"Copy the font's licence (package/LICENSE of the npm archive) to {LICENSE_FILE}")
    size = FONT_FILE.stat().st_size
    print(f"wrote {FONT_FILE.name}: {count} characters, {size / 1e6:.2f} MB")
    return 0
