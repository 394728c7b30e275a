"""``doctor()``: check that this machine can run the course, in plain words.

Each line says what was checked and whether it is fine, so a learner can paste
the report into a question. By default the report holds no version numbers
(they differ between machines, and lesson 0 stores this output for nbval to
compare); ``doctor(show_versions=True)`` adds them. Its last line says whether the
learner's copies of the lessons (:mod:`course_lib.workspace`) are as published, and
how to get a lesson back; tests and builds point the workspace at an empty folder.
"""

from __future__ import annotations

import importlib
import os
import sys
from dataclasses import dataclass, field

from course_lib.frameworks import import_keras
from course_lib.i18n import _

DISTRIBUTION = "pooling-course"
"""The course's own package: its installed metadata holds the minimum versions
(pyproject.toml's ``dependencies`` and ``requires-python``), read from there so
that they are written in one place."""

CHECKED_PACKAGES = ("numpy", "matplotlib", "keras", "jax", "jupyterlab", "ipywidgets")
"""The packages the report names, in its order (the ones a learner meets in the lessons)."""


@dataclass
class Finding:
    """One line of the report: what was checked, whether it is fine, and a detail."""

    ok: bool
    what: str
    advice: str = ""
    version: str = ""


@dataclass
class DoctorReport:
    """The result of :func:`doctor`; prints as a short text report."""

    findings: list[Finding] = field(default_factory=list)
    show_versions: bool = False

    @property
    def ok(self) -> bool:
        """True when every check passed."""
        return all(f.ok for f in self.findings)

    def __str__(self) -> str:
        lines = []
        for f in self.findings:
            line = f"{'✓' if f.ok else '✗'} {f.what}"
            if self.show_versions and f.version:
                line += _(" (found {version})").format(version=f.version)
            if not f.ok and f.advice:
                line += f"\n    → {f.advice}"
            lines.append(line)
        verdict = _("Ready: every check passed.")
        if not self.ok:
            verdict = _("Some checks failed: see the → lines.")
        return "\n".join([*lines, verdict])

    def __repr__(self) -> str:
        return str(self)

    def _repr_pretty_(self, printer, cycle: bool) -> None:  # IPython display
        printer.text(str(self))


def meets(found: str, minimum: str) -> bool:
    """True when version ``found`` is at least ``minimum``, by the packaging rules (PEP 440).

    A pre-release comes before its release: ``0.10.0rc1`` does not meet ``0.10``.
    """
    from packaging.version import InvalidVersion, Version

    try:
        return Version(found) >= Version(minimum)
    except InvalidVersion:
        return False


def minimum_versions() -> tuple[dict[str, str], str]:
    """The course's lower bounds: ``({"numpy": "2.4", ...}, ">=3.10")``, from its metadata.

    Empty (and ``""``) when the course is not installed as a package.
    """
    from importlib import metadata  # not at module top: it costs ~17 ms of `import course_lib`

    from packaging.requirements import Requirement

    try:
        requires = metadata.requires(DISTRIBUTION) or []
        python = metadata.metadata(DISTRIBUTION)["Requires-Python"] or ""
    except metadata.PackageNotFoundError:
        return {}, ""
    minimums = {}
    for line in requires:
        requirement = Requirement(line)
        if requirement.marker is not None:  # an optional extra (the tests' packages)
            continue
        for spec in requirement.specifier:
            if spec.operator == ">=":
                minimums[requirement.name.lower()] = spec.version
    return minimums, python


def _package_finding(name: str, minimum: str | None) -> Finding:
    from importlib import metadata

    what = (
        _("{name} >= {minimum} installed").format(name=name, minimum=minimum)
        if minimum
        else _("{name} installed").format(name=name)
    )
    try:
        found = metadata.version(name)
    except metadata.PackageNotFoundError:
        return Finding(False, what, _("run `make install`"))
    ok = minimum is None or meets(found, minimum)
    advice = (
        ""
        if ok
        else _("upgrade: `{command}` or `make install`").format(
            command=f"pip install -U '{name}>={minimum}'"
        )
    )
    return Finding(ok, what, advice, found)


def doctor(show_versions: bool = False) -> DoctorReport:
    """Check Python, the packages, the Keras backend, widget support, the Chinese font and
    your lessons.

    Parameters
    ----------
    show_versions : bool
        Add the version found next to each package (differs between machines).

    Returns
    -------
    DoctorReport
        Displays as one line per check; ``report.ok`` is True when all passed.
    """
    from packaging.specifiers import SpecifierSet

    report = DoctorReport(show_versions=show_versions)
    minimums, python_range = minimum_versions()
    if not minimums:
        report.findings.append(
            Finding(
                False, _("the course is installed"), _("run `make install` in the course folder")
            )
        )
    python = ".".join(map(str, sys.version_info[:3]))
    report.findings.append(
        Finding(
            SpecifierSet(python_range).contains(python),
            f"Python {python_range.replace('>=', '>= ')}".rstrip(),
            _("install a newer Python and re-run `make lab`"),
            python,
        )
    )
    for name in CHECKED_PACKAGES:
        report.findings.append(_package_finding(name, minimums.get(name)))

    try:
        keras = import_keras()
        backend = keras.backend.backend()
        report.findings.append(
            Finding(
                True,
                _("Keras imports and runs on the {backend} backend").format(backend=backend),
                version=keras.__version__,
            )
        )
    except Exception as error:  # any import failure is what we want to report
        chosen = os.environ.get("KERAS_BACKEND", "?")
        report.findings.append(
            Finding(
                False,
                _("Keras imports"),
                _("{error}. KERAS_BACKEND={chosen}; unset it to use JAX.").format(
                    error=f"{type(error).__name__}: {error}", chosen=chosen
                ),
            )
        )
    else:
        if backend == "jax":
            platforms = os.environ.get("JAX_PLATFORMS", "")
            report.findings.append(
                Finding(
                    platforms == "cpu",
                    _("JAX runs on the CPU (no GPU needed)"),
                    _("JAX_PLATFORMS={platforms}; the course expects 'cpu'").format(
                        platforms=repr(platforms)
                    ),
                )
            )

    from importlib import metadata

    try:
        importlib.import_module("ipywidgets")
        metadata.version("jupyterlab_widgets")
        report.findings.append(Finding(True, _("interactive widgets can render in JupyterLab")))
    except (ImportError, metadata.PackageNotFoundError):
        report.findings.append(
            Finding(
                False,
                _("interactive widgets can render in JupyterLab"),
                _("run `make install`; lessons still show a static figure instead"),
            )
        )
    report.findings.append(_font_finding())
    report.findings.append(_workspace_finding())
    return report


def _font_finding() -> Finding:
    """Whether figures can draw Chinese: the course's font is there and matplotlib takes it."""
    from course_lib import fonts

    what = _("figures can draw Chinese labels (the course's Noto Sans SC font)")
    if not fonts.FONT_FILE.is_file():
        return Finding(False, what, _("the font file is missing: `git checkout course_lib/fonts`"))
    lacking = fonts.missing("池化层步幅填充特征图")
    if lacking or not fonts.register():
        return Finding(False, what, _("the font file is damaged: `git checkout course_lib/fonts`"))
    return Finding(True, what)


def _workspace_finding() -> Finding:
    """Whether the learner's copies of the lessons are all there with their outputs.

    An edited lesson is fine (a learner's notes are theirs): it is named, not failed. A
    lesson missing, unreadable or saved half-run fails, with the command that fixes it.
    """
    from course_lib.workspace import EDITED, changed_lessons, restore_command, short_name

    what = _("your lessons are all there, with their outputs")
    changed = changed_lessons()
    broken = [s for s in changed if s.status != EDITED or "not a readable" in s.detail]
    edited = [s for s in changed if s not in broken]
    if edited:
        names = ", ".join(s.path.rsplit("/", 1)[-1] for s in edited)
        what += _(
            " (you edited {names}: fine; `{command}` would bring back the published version)"
        ).format(names=names, command=restore_command(edited[0].path))
    if not broken:
        return Finding(True, what)
    listed = "; ".join(str(s) for s in broken)
    return Finding(
        False,
        what,
        _(
            "{listed}. In the course folder (where you typed `make lab`), `{command}` puts "
            "the published lesson back (`make restore` does all of them; yours are kept in "
            'backups/), or run `course_lib.restore_lesson("{name}")` in a cell.'
        ).format(
            listed=listed,
            command=restore_command(broken[0].path),
            name=short_name(broken[0].path),
        ),
    )
