"""Extract every message a learner reads into the translators' catalogue (``pooling-course
messages``).

Two sources, one template (``course_lib/locale/course_lib.pot``):

* **code**: every ``_("...")``, ``N_("...")`` and ``ngettext("...", "...", n)`` call with
  literal strings in ``course_lib/**/*.py``, found by babel's Python extractor. A comment
  starting ``# Translators:`` just above such a call goes to the catalogue with it.
* **the registry**: the texts each registered exercise shows, walked from
  :class:`course_lib.checks.registry.Exercise` itself (title, ``proves``, hints, each
  misconception's explanation and its name in plain words, the test cases' labels, the
  names of a value answer's items, a choice's explanations). They are plain English where
  the lesson modules define them and translated where they are shown, so a new exercise
  is in the catalogue as soon as it is registered. Only exercises defined in
  ``course_lib`` count (tests register scratch exercises of their own).

The template is written deterministically, byte for byte the same on every run: entries
sorted by msgid, locations as file paths without line numbers (registry texts: the lesson
module, with a comment such as "exercise 2.1, misconception article_unrounded"), and no
creation date. Entries with ``{placeholders}`` from the code are flagged
``python-brace-format`` (so translation tools and ``tests/test_i18n.py`` check that a
translation keeps them); ``python-format`` is never set (the course formats no message
with ``%``).

Then every catalogue (``course_lib/locale/zh/LC_MESSAGES/course_lib.po``) is merged with
the template: its header and translations are kept, new messages come in untranslated,
messages no longer in the template are dropped. Nothing is guessed: no fuzzy matching
of a new message against old ones (a guess shown to learners as if checked would be
worse than English); an entry a translator marked fuzzy stays fuzzy (and is not shown
until someone clears the mark).
"""

from __future__ import annotations

import io
import string
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

import course_lib.lessons  # noqa: F401  (registers every exercise)
from course_lib import i18n
from course_lib.checks.registry import Exercise, all_exercises
from course_lib.checks.result import plain_words

__all__ = ["Entry", "catalogue_text", "collect", "main", "template_text", "write"]

PACKAGE_DIR = i18n.LOCALE_DIR.parent
"""``course_lib/``: the code whose messages are extracted."""

KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
"""The functions of :mod:`course_lib.i18n` that mark a message, and which arguments are
messages (``ngettext``: the singular and the plural)."""

BRACE_FLAG = "python-brace-format"

LOCALES = {"zh": "zh_CN"}
"""The locale each catalogue is written for (its ``Language:`` header)."""

_TEMPLATE_HEADER = """\
# The English messages of course_lib, for translators: "Pooling, from first principles".
# Written by `pooling-course messages` from the code and the exercise registry: do not
# edit it; translate in course_lib/locale/<lang>/LC_MESSAGES/course_lib.po instead.
msgid ""
msgstr ""
"Project-Id-Version: pooling-course\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"

"""

_CATALOGUE_HEADER = """\
# The {name} catalogue of course_lib, the course "Pooling, from first principles".
# `pooling-course messages` merges new English messages in (untranslated); translate
# them here, with Poedit or any editor.
msgid ""
msgstr ""
"Project-Id-Version: pooling-course\\n"
"Language: {locale}\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: {plural_forms}\\n"

"""

_PLURAL_FORMS = {"zh": "nplurals=1; plural=0;"}


@dataclass
class Entry:
    """One message for the catalogue: where it comes from and what a translator should know."""

    msgid: str | tuple[str, str]  # a pair: singular and plural (ngettext)
    locations: set[str] = field(default_factory=set)
    comments: set[str] = field(default_factory=set)
    flags: set[str] = field(default_factory=set)
    origins: set[str] = field(default_factory=set)  # "code" and/or "registry"

    @property
    def key(self) -> str:
        return self.msgid[0] if isinstance(self.msgid, tuple) else self.msgid


def placeholders(text: str) -> list[tuple[str, str | None, str | None]]:
    """The ``{name!conversion:spec}`` fields of a ``str.format`` template, in order.

    Raises ValueError for a malformed template (a lone ``{``).
    """
    return [
        (name, conversion, spec)
        for _, name, spec, conversion in string.Formatter().parse(text)
        if name is not None
    ]


def _has_placeholders(msgid: str | tuple[str, str]) -> bool:
    texts = msgid if isinstance(msgid, tuple) else (msgid,)
    try:
        return any(placeholders(t) for t in texts)
    except ValueError:
        return False


# --------------------------------------------------------------------------
# Collecting
# --------------------------------------------------------------------------
def _from_code() -> Iterator[Entry]:
    """Every literal message marked in the code, with its file and translator comments."""
    results = extract_from_dir(
        PACKAGE_DIR,
        method_map=[("**.py", "python")],
        keywords=KEYWORDS,
        comment_tags=("Translators:",),
        strip_comment_tags=True,
    )
    for filename, _lineno, message, comments, _context in results:
        path = f"{PACKAGE_DIR.name}/{Path(filename).as_posix()}"
        flags = {BRACE_FLAG} if _has_placeholders(message) else set()
        yield Entry(message, {path}, set(comments), flags, {"code"})


def _module_path(exercise: Exercise) -> str:
    """The lesson module that defines ``exercise``, as a path from the repository root."""
    module = sys.modules.get(exercise.module)
    filename = getattr(module, "__file__", None)
    if not filename:
        return "registry"
    try:
        return Path(filename).resolve().relative_to(PACKAGE_DIR.parent).as_posix()
    except ValueError:
        return "registry"


def exercise_texts(exercise: Exercise) -> Iterator[tuple[str, str]]:
    """``(text, what it is)`` for every text ``exercise`` shows the learner.

    Each of these is passed through ``_()`` where it is shown (in
    :mod:`course_lib.checks` and :mod:`course_lib.learner`).
    """
    where = f"exercise {exercise.id}"
    yield exercise.title, f"{where}, title"
    yield exercise.proves, f"{where}, shown when it passes"
    for k, text in enumerate(exercise.hints, start=1):
        yield text, f"{where}, hint {k} of {len(exercise.hints)}"
    for m in exercise.misconceptions:
        yield m.explanation, f"{where}, misconception {m.name}"
        yield plain_words(m.name), f"{where}, the name of misconception {m.name}, in words"
    for letter, text in sorted(exercise.explanations.items()):
        yield text, f"{where}, why option {letter} is right or wrong"
    for k, name in enumerate(exercise.item_names, start=1):
        yield name, f"{where}, item {k} of the answer"
    if exercise.cases is not None:
        for c in exercise.cases():
            yield getattr(c, "label", ""), f"{where}, a test case's label"


def _from_registry() -> Iterator[Entry]:
    for exercise in all_exercises():
        if not exercise.module.startswith(f"{PACKAGE_DIR.name}."):
            continue  # a test's scratch exercise
        path = _module_path(exercise)
        for text, what in exercise_texts(exercise):
            if text:
                yield Entry(text, {path}, {what}, origins={"registry"})


def collect() -> list[Entry]:
    """Every message of the course, merged by msgid, sorted by msgid."""
    merged: dict[str, Entry] = {}
    for entry in [*_from_code(), *_from_registry()]:
        known = merged.get(entry.key)
        if known is None:
            merged[entry.key] = entry
            continue
        if isinstance(entry.msgid, tuple) and not isinstance(known.msgid, tuple):
            known.msgid = entry.msgid  # the plural form wins (the same singular, counted)
        known.locations |= entry.locations
        known.comments |= entry.comments
        known.flags |= entry.flags
        known.origins |= entry.origins
    return [merged[key] for key in sorted(merged)]


# --------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------
def _message(entry: Entry, translation: str | tuple[str, ...] = "") -> Message:
    message = Message(
        entry.msgid,
        translation,
        locations=[(path, None) for path in sorted(entry.locations)],
        auto_comments=sorted(entry.comments),
        flags=sorted(entry.flags),
    )
    message.flags.discard("python-format")  # babel's guess from a "%" in the text
    return message


def _po_text(header: str, catalog: Catalog) -> str:
    buffer = io.BytesIO()
    write_po(
        buffer,
        catalog,
        omit_header=True,
        sort_output=True,
        include_lineno=False,
        ignore_obsolete=True,
        width=79,
    )
    return header + buffer.getvalue().decode("utf-8").lstrip("\n")


def template_text(entries: list[Entry] | None = None) -> str:
    """The ``.pot`` file's text for ``entries`` (default: :func:`collect`)."""
    entries = collect() if entries is None else entries
    catalog = Catalog(domain=i18n.DOMAIN, fuzzy=False)
    for entry in entries:
        catalog[entry.msgid] = _message(entry)
    return _po_text(_TEMPLATE_HEADER, catalog)


def _existing_header(text: str) -> str | None:
    """The header block (comments and the ``msgid ""`` entry) of an existing catalogue."""
    head, sep, _rest = text.partition("\n\n")
    if sep and '\nmsgid ""\n' in f"\n{head}\n":
        return head + "\n\n"
    return None


def catalogue_text(language: str, entries: list[Entry] | None = None) -> str:
    """The catalogue of ``language`` merged with the messages: its header and translations
    kept, new messages untranslated, messages no longer used dropped."""
    entries = collect() if entries is None else entries
    locale = LOCALES.get(language, language)
    path = i18n.catalogue_path(language)
    old_text = path.read_text(encoding="utf-8") if path.is_file() else ""
    old = read_po(io.StringIO(old_text), locale=locale) if old_text else Catalog(locale=locale)
    header = _existing_header(old_text) or _CATALOGUE_HEADER.format(
        name=locale,
        locale=locale,
        plural_forms=_PLURAL_FORMS.get(language, "nplurals=2; plural=(n != 1);"),
    )
    catalog = Catalog(locale=locale, domain=i18n.DOMAIN, fuzzy=False)
    for entry in entries:
        plural = isinstance(entry.msgid, tuple)
        empty: str | tuple[str, ...] = ("",) * catalog.num_plurals if plural else ""
        translation: str | tuple[str, ...] = empty
        previous = old.get(entry.key)
        if previous is not None and isinstance(previous.string, tuple) == plural:
            translation = previous.string
        message = _message(entry, translation)
        if previous is not None and previous.fuzzy and translation != empty:
            message.flags.add("fuzzy")
        if previous is not None:
            message.user_comments = list(previous.user_comments)
        catalog[entry.msgid] = message
    return _po_text(header, catalog)


def _outputs(entries: list[Entry]) -> dict[Path, str]:
    out = {i18n.TEMPLATE_PATH: template_text(entries)}
    for language in i18n.LANGUAGES:
        if language != i18n.SOURCE_LANGUAGE:
            out[i18n.catalogue_path(language)] = catalogue_text(language, entries)
    return out


def stale() -> list[Path]:
    """The template and catalogues that ``pooling-course messages`` would change."""
    return [
        path
        for path, text in _outputs(collect()).items()
        if not path.is_file() or path.read_text(encoding="utf-8") != text
    ]


def write(entries: list[Entry] | None = None) -> list[tuple[Path, bool]]:
    """Write the template and merge every catalogue; ``(path, changed)`` for each file."""
    done = []
    for path, text in _outputs(collect() if entries is None else entries).items():
        changed = not path.is_file() or path.read_text(encoding="utf-8") != text
        if changed:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        done.append((path, changed))
    i18n.clear_cache()
    return done


def main(check: bool = False) -> int:
    """``pooling-course messages [--check]``: write (or with ``check``, only compare) the
    template and catalogues; 1 when ``check`` finds one out of date."""
    root = PACKAGE_DIR.parent
    if check:
        out_of_date = stale()
        for path in out_of_date:
            print(f"{path.relative_to(root)} is out of date: run `pooling-course messages`")
        return 1 if out_of_date else 0
    entries = collect()
    for path, changed in write(entries):
        print(f"{path.relative_to(root)}: {'updated' if changed else 'up to date'}")
    code = sum(1 for e in entries if "code" in e.origins)
    registry = sum(1 for e in entries if "registry" in e.origins)
    print(f"{len(entries)} messages: {code} from the code, {registry} from the exercise registry")
    return 0
