"""The language the course speaks to the learner: English (the source) or Simplified Chinese.

Every message a learner reads from ``course_lib`` (check feedback, diagnoses, hints,
misconception explanations, the progress table, the grade report, figure labels) is
written in English in the code and translated through a gettext catalogue,
``course_lib/locale/<lang>/LC_MESSAGES/course_lib.po``: the format translators' tools
(Poedit, Weblate, Transifex ...) read and write. ``pooling-course messages`` extracts the
English messages into ``course_lib/locale/course_lib.pot`` and merges them into each
catalogue; ``tests/test_i18n.py`` fails on a message without a translation, or whose
``{placeholders}`` differ from the English ones.

The language is, in this order: the one given to :func:`set_language` (the Chinese
notebooks call ``course_lib.set_language("zh")`` in their first cell), else the
environment variable ``POOLING_COURSE_LANG`` (``make lab-zh`` sets it), else English.

Messages are translated when they are shown, not when they are defined: a lesson module
registers its hints in English at import time, and :func:`_` turns them into the current
language each time one is displayed. So switching the language takes effect at once.
"""

from __future__ import annotations

import contextlib
import functools
import gettext
import io
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

LANGUAGE_ENV_VAR = "POOLING_COURSE_LANG"
"""Environment variable choosing the language (``en`` or ``zh``) when no code chose it."""

SOURCE_LANGUAGE = "en"
"""The language the messages are written in; the default."""

LANGUAGES = ("en", "zh")
"""The languages the course speaks: the source and every catalogue."""

LANGUAGE_NAMES = {"en": "English", "zh": "简体中文"}
"""Each language's name, in itself."""

_ALIASES = {
    "en": "en",
    "en_us": "en",
    "en_gb": "en",
    "english": "en",
    "zh": "zh",
    "zh_cn": "zh",
    "zh_hans": "zh",
    "zh_hans_cn": "zh",
    "chinese": "zh",
    "中文": "zh",
}

DOMAIN = "course_lib"
"""The gettext domain: the catalogues' file name."""

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
"""Where the catalogues are: ``<lang>/LC_MESSAGES/course_lib.po``, and the template."""

TEMPLATE_PATH = LOCALE_DIR / f"{DOMAIN}.pot"
"""The extracted English messages (``pooling-course messages`` writes it)."""

_chosen: str | None = None


def normalise(language: str) -> str | None:
    """``"zh_CN"``, ``"zh-Hans"``, ``"ZH"``... -> ``"zh"``; None for a language we lack."""
    if not isinstance(language, str):
        return None
    key = language.strip().lower().replace("-", "_").split(".")[0]
    return _ALIASES.get(key)


def catalogue_path(language: str) -> Path:
    """The ``.po`` catalogue of ``language`` (not of English, the source)."""
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def get_language() -> str:
    """The language messages are shown in now: ``"en"`` or ``"zh"``."""
    if _chosen is not None:
        return _chosen
    from_env = os.environ.get(LANGUAGE_ENV_VAR)
    if from_env:
        return normalise(from_env) or SOURCE_LANGUAGE
    return SOURCE_LANGUAGE


def set_language(language: str | None) -> None:
    """Show the course's messages in ``language`` from now on: ``"zh"`` (简体中文) or
    ``"en"`` (English). ``None`` goes back to ``$POOLING_COURSE_LANG`` (or English).

    A language the course does not have is refused with a message (no exception), and
    the language stays as it was.
    """
    global _chosen
    if language is None:
        _chosen = None
        return
    code = normalise(language)
    if code is None:
        names = ", ".join(f'"{c}" ({LANGUAGE_NAMES[c]})' for c in LANGUAGES)
        print(
            _(
                "The course speaks {names}; {language!r} is not one of them, so the language "
                "stays {current}."
            ).format(names=names, language=language, current=LANGUAGE_NAMES[get_language()])
        )
        return
    _chosen = code
    if code != SOURCE_LANGUAGE:  # Chinese figure labels: the shipped font, if plotting
        from course_lib.fonts import register_if_plotting

        register_if_plotting()


def edition_subfolder(language: str | None = None) -> str:
    """Where ``language``'s edition (by default the current language's) sits inside the
    course's ``notebooks/`` and ``exercises/`` folders: ``""`` for English, at their top;
    else the language's code, which names its folder (``"zh"``: ``notebooks/zh/``)."""
    language = get_language() if language is None else language
    return "" if language == SOURCE_LANGUAGE else language


@contextlib.contextmanager
def speaking(language: str) -> Iterator[None]:
    """Within the ``with`` block, messages are in ``language``; afterwards the language is
    what it was (chosen by :func:`set_language`, or left to the environment)."""
    global _chosen
    before = _chosen
    set_language(language)
    try:
        yield
    finally:
        _chosen = before


@functools.cache
def _translations(language: str) -> gettext.NullTranslations:
    """The compiled catalogue of ``language`` (English: no translation at all).

    The ``.po`` file is the only copy kept: babel compiles it in memory the first time
    it is needed (about 0.1 s), so there is no ``.mo`` file to forget to rebuild.
    Fuzzy (unchecked) entries are left out, as ``msgfmt`` leaves them out, and so are
    untranslated ones (shown in English).
    """
    path = catalogue_path(language)
    if language == SOURCE_LANGUAGE or not path.is_file():
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with path.open("rb") as f:
        catalog = read_po(f, locale=language)
    for message in list(catalog):  # babel would fill an empty plural with the English singular
        untranslated = not message.string or (
            isinstance(message.string, tuple) and not all(message.string)
        )
        if message.id and untranslated:
            del catalog[message.id]
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def _(message: str) -> str:
    """``message`` (English) in the current language; itself when it has no translation."""
    if not message:
        return message
    return _translations(get_language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form of a message for the count ``n``, translated."""
    return _translations(get_language()).ngettext(singular, plural, n)


def join(items: Iterable[object]) -> str:
    """Items of a list in a sentence, separated as the language separates them (", " in
    English, "，" in Chinese)."""
    # Translators: the separator between the items of a list inside a sentence.
    return _(", ").join(str(item) for item in items)


def display_width(text: str) -> int:
    """How many columns ``text`` fills in a monospaced font: a Chinese character fills two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, width: int) -> str:
    """``text`` followed by spaces up to ``width`` columns (:func:`display_width`), so that
    tables line up in Chinese as in English."""
    return text + " " * max(width - display_width(text), 0)


def N_(message: str) -> str:
    """Mark ``message`` for the catalogue without translating it now (it is translated
    with :func:`_` where it is shown)."""
    return message


def clear_cache() -> None:
    """Forget compiled catalogues (after ``pooling-course messages`` rewrote one)."""
    _translations.cache_clear()
