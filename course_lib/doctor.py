"""``doctor()``: check that this machine can run the course, in plain words.

Each line says what was checked and whether it is fine, so a learner can paste
the report into a question. By default the report holds no version numbers
(they differ between machines, and lesson 0 stores this output for nbval to
compare); ``doctor(show_versions=True)`` adds them.
"""

from __future__ import annotations

import importlib
import os
import sys
from dataclasses import dataclass, field

from course_lib.frameworks import import_keras

# Lowest versions the course was run and tested with (pyproject.toml says the same;
# tests/test_environment.py keeps the two in step).
MINIMUM_VERSIONS = {
    "numpy": "2.4",
    "matplotlib": "3.11",
    "keras": "3.15",
    "jax": "0.10",
    "jupyterlab": "4.6",
    "ipywidgets": "8.1",
}
MINIMUM_PYTHON = (3, 10)


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
                line += f" (found {f.version})"
            if not f.ok and f.advice:
                line += f"\n    → {f.advice}"
            lines.append(line)
        verdict = "Ready: every check passed."
        if not self.ok:
            verdict = "Some checks failed: see the → lines."
        return "\n".join([*lines, verdict])

    def __repr__(self) -> str:
        return str(self)

    def _repr_pretty_(self, printer, cycle: bool) -> None:  # IPython display
        printer.text(str(self))


def _version_tuple(text: str) -> tuple[int, ...]:
    parts = []
    for piece in text.split(".")[:3]:
        digits = "".join(ch for ch in piece if ch.isdigit())
        if not digits:
            break
        parts.append(int(digits))
    return tuple(parts)


def _package_finding(name: str, minimum: str) -> Finding:
    from importlib import metadata  # not at module top: it costs ~17 ms of `import course_lib`

    try:
        found = metadata.version(name)
    except metadata.PackageNotFoundError:
        return Finding(False, f"{name} >= {minimum} installed", "run `make install`")
    ok = _version_tuple(found) >= _version_tuple(minimum)
    advice = "" if ok else f"upgrade: `pip install -U '{name}>={minimum}'` or `make install`"
    return Finding(ok, f"{name} >= {minimum} installed", advice, found)


def doctor(show_versions: bool = False) -> DoctorReport:
    """Check Python, the packages, the Keras backend and widget support.

    Parameters
    ----------
    show_versions : bool
        Add the version found next to each package (differs between machines).

    Returns
    -------
    DoctorReport
        Displays as one line per check; ``report.ok`` is True when all passed.
    """
    report = DoctorReport(show_versions=show_versions)
    python = ".".join(map(str, sys.version_info[:3]))
    minimum_python = ".".join(map(str, MINIMUM_PYTHON))
    report.findings.append(
        Finding(
            sys.version_info[:2] >= MINIMUM_PYTHON,
            f"Python >= {minimum_python}",
            "install a newer Python and re-run `make lab`",
            python,
        )
    )
    for name, minimum in MINIMUM_VERSIONS.items():
        report.findings.append(_package_finding(name, minimum))

    try:
        keras = import_keras()
        backend = keras.backend.backend()
        report.findings.append(
            Finding(
                True,
                f"Keras imports and runs on the {backend} backend",
                version=keras.__version__,
            )
        )
    except Exception as error:  # any import failure is what we want to report
        chosen = os.environ.get("KERAS_BACKEND", "?")
        report.findings.append(
            Finding(
                False,
                "Keras imports",
                f"{type(error).__name__}: {error}. KERAS_BACKEND={chosen}; unset it to use JAX.",
            )
        )
    else:
        if backend == "jax":
            platforms = os.environ.get("JAX_PLATFORMS", "")
            report.findings.append(
                Finding(
                    platforms == "cpu",
                    "JAX runs on the CPU (no GPU needed)",
                    f"JAX_PLATFORMS={platforms!r}; the course expects 'cpu'",
                )
            )

    from importlib import metadata  # see _package_finding

    try:
        importlib.import_module("ipywidgets")
        metadata.version("jupyterlab_widgets")
        report.findings.append(Finding(True, "interactive widgets can render in JupyterLab"))
    except (ImportError, metadata.PackageNotFoundError):
        report.findings.append(
            Finding(
                False,
                "interactive widgets can render in JupyterLab",
                "run `make install`; lessons still show a static figure instead",
            )
        )
    return report
