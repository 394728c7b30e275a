"""How long each notebook of the course takes to run, top to bottom, in a fresh kernel.

The run times the README and the lessons state come from this benchmark on a
2-core machine like CI's. It runs every lesson (``notebooks/NN_*.ipynb``) and
every solution notebook (``exercises/solutions/NN_*.ipynb``) as stored, through
the course's one notebook runner, writes nothing, and prints the wall time of
each (kernel start included) and of the whole course. It is a benchmark, not a
test: times depend on the machine and on what else runs, so read them as an
order of magnitude and compare notebooks measured in one run. Usage::

    python benchmarks/bench_notebooks.py [NOTEBOOKS...]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import nbformat

from course_lib.build.execute import execute
from course_lib.paths import SOURCE_DIRS, course_root


def notebooks(names: list[str]) -> list[Path]:
    """The notebooks named, or every lesson and solution notebook."""
    if names:
        return [Path(n).resolve().with_suffix(".ipynb") for n in names]
    root = course_root()
    return [p for folder in SOURCE_DIRS for p in sorted((root / folder).glob("[0-9]*.ipynb"))]


def seconds_to_run(path: Path) -> float:
    """Wall seconds to execute ``path`` in a fresh kernel (its file is left as it is)."""
    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    execute(nb, path.parent, quiet=True)
    return time.perf_counter() - start


def main(argv: list[str]) -> int:
    root = course_root()
    total = 0.0
    print(f"{'notebook':<48} {'seconds':>8}")
    for path in notebooks(argv):
        seconds = seconds_to_run(path)
        total += seconds
        print(f"{path.relative_to(root)!s:<48} {seconds:8.1f}", flush=True)
    print(f"{'the whole course':<48} {total:8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
