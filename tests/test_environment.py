"""The set-up files agree with each other, and ``import course_lib`` stays light."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from course_lib.doctor import CHECKED_PACKAGES, doctor, meets, minimum_versions

ROOT = Path(__file__).resolve().parent.parent
tomllib = pytest.importorskip("tomllib", reason="tomllib is in the standard library from 3.11")
REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9_.\-]+)\s*(?:>=\s*([0-9][0-9.]*))?\s*$")


def _requirements(lines: list[str]) -> dict[str, str | None]:
    """``{"numpy": "2.4", ...}`` from requirement strings, names normalised."""
    found = {}
    for line in lines:
        match = REQUIREMENT.match(line)
        assert match, f"unexpected requirement syntax: {line!r}"
        found[match.group(1).lower().replace("_", "-")] = match.group(2)
    return found


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def test_environment_yml_names_the_same_packages_and_bounds_as_pyproject():
    project = _pyproject()["project"]
    expected = _requirements(project["dependencies"] + project["optional-dependencies"]["test"])
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda_lines = [d for d in env["dependencies"] if isinstance(d, str)]
    conda = _requirements(conda_lines)
    conda.pop("pip")
    python_bound = conda.pop("python")
    assert python_bound == project["requires-python"].removeprefix(">=")
    assert conda == expected
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert pip_section == ["-e .[test]"]
    assert env["channels"] == ["conda-forge"]


def test_doctor_reads_its_minimums_from_the_installed_course_which_match_pyproject():
    project = _pyproject()["project"]
    minimums, python = minimum_versions()
    assert minimums == _requirements(project["dependencies"])
    assert python == project["requires-python"]
    assert set(CHECKED_PACKAGES) <= set(minimums)


@pytest.mark.parametrize(
    ("found", "minimum", "ok"),
    [
        ("0.10.2", "0.10", True),
        ("0.10", "0.10", True),
        ("0.10.0rc1", "0.10", False),  # a release candidate comes before the release
        ("3.15.0.dev1", "3.15", False),
        ("0.9.9", "0.10", False),  # 9 < 10 as numbers, not as text
        ("2.4.0.post1", "2.4", True),
        ("not a version", "1.0", False),
    ],
)
def test_doctor_compares_versions_as_pip_does(found, minimum, ok):
    assert meets(found, minimum) is ok


def test_doctor_reports_a_pre_release_below_the_minimum(monkeypatch):
    from importlib import metadata

    real = metadata.version
    monkeypatch.setattr(
        metadata, "version", lambda name: "0.10.0rc1" if name == "jax" else real(name)
    )
    report = doctor()
    line = next(f for f in report.findings if f.what.startswith("jax "))
    assert not line.ok and "upgrade" in line.advice


def _python(code: str, **env: str | None) -> str:
    environment = {k: v for k, v in os.environ.items() if k not in env}
    environment.update({k: v for k, v in env.items() if v is not None})
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=environment,
        cwd=ROOT,
        check=True,
    )
    return result.stdout.strip()


def test_import_course_lib_does_not_load_heavy_packages():
    code = (
        "import sys, course_lib, course_lib.pooling;"
        "import course_lib.checks;"
        "print(sorted(m for m in ('keras', 'jax', 'matplotlib', 'tensorflow', 'torch')"
        " if m in sys.modules))"
    )
    assert _python(code) == "[]"


def test_backend_defaults_to_jax_on_cpu_when_unset():
    code = "import os, course_lib; print(os.environ['KERAS_BACKEND'], os.environ['JAX_PLATFORMS'])"
    assert _python(code, KERAS_BACKEND=None, JAX_PLATFORMS=None) == "jax cpu"


def test_backend_choice_of_the_learner_is_kept():
    code = "import os, course_lib; print(os.environ['KERAS_BACKEND'], os.environ['JAX_PLATFORMS'])"
    assert _python(code, KERAS_BACKEND="torch", JAX_PLATFORMS="cuda") == "torch cuda"


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    assert "make lab" in readme and "make test" in readme
    ci = (ROOT / ".ci" / "run").read_text()
    assert re.search(r"^make test$", ci, re.MULTILINE)


def test_doctor_reports_every_check_passing_here():
    from course_lib import doctor

    report = doctor()
    assert report.ok, str(report)
    assert "Keras imports and runs on the jax backend" in str(report)
    assert "found" not in str(report)  # versions only on request: stable stored output
