"""Lessons 5 and 6 with eight seeds: the tables the lessons show, and the claims they make.

A lesson must run in seconds, so lesson 5 trains one network (``SEED = 0``) and lesson 6
trains its eight networks from one seed (``SEEDS = (0,)``). Both lessons also show a
table of the same experiment with the seeds 0 to 7, and state what held on all of them.
This benchmark makes those tables: it runs each lesson's own source
(``notebooks/NN_*.py``) in this process with only the seed line changed, prints the
tables in the Markdown the lessons show, and checks every claim the lessons make about
the eight seeds (exit status 1 if one fails). Training-dependent numbers can differ in
their last digits between machines. It takes several minutes: a benchmark, not a test.
Usage::

    python benchmarks/bench_seeds.py [5] [6]
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("MPLBACKEND", "Agg")  # the lessons' figures are drawn, never shown

import numpy as np

from course_lib.frameworks import configure_kernels
from course_lib.paths import course_root

SEEDS = tuple(range(8))


def run_lesson(stem: str, line: str, replacement: str) -> dict:
    """Execute ``notebooks/<stem>.py`` top to bottom with ``line`` replaced; its variables."""
    path = course_root() / "notebooks" / f"{stem}.py"
    source = path.read_text(encoding="utf-8")
    if source.count(line) != 1:
        raise SystemExit(f"{path.name}: expected the line {line!r} exactly once")
    namespace: dict = {"__name__": "__lesson__"}
    here = Path.cwd()
    os.chdir(path.parent)  # where the notebook runs
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            exec(compile(source.replace(line, replacement), str(path), "exec"), namespace)
    finally:
        os.chdir(here)
        import matplotlib.pyplot as plt

        plt.close("all")
    return namespace


def markdown_table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def report(claims: dict[str, bool]) -> bool:
    for text, holds in claims.items():
        print(f"  [{'ok' if holds else 'FAILS'}] {text}")
    return all(claims.values())


def lesson5() -> bool:
    """Train lesson 5's network once per seed; the table of section 5 and its claims."""
    rows, found = [], {}
    for seed in SEEDS:
        ns = run_lesson("05_global_pooling", "SEED = 0\n", f"SEED = {seed}\n")
        classes, default = ns["classes"], ns["default_class"]
        found[seed] = {
            "accuracy": float(ns["test_accuracy"]),
            "votes": int(ns["noise_votes"].max()),
            "default": default,
            "on_top": float(ns["on_top"][classes.index(default)]),
            "hot": float(ns["hot_in_box"].mean()),
        }
        f = found[seed]
        rows.append(
            [
                str(seed),
                f"{f['accuracy']:.2f}",
                f"{f['votes']} to {default}",
                f"{f['on_top']:.0%}",
                f"{f['hot']:.0%}",
            ]
        )
        print(f"lesson 5, seed {seed} done", file=sys.stderr, flush=True)
    header = [
        "seed",
        "test accuracy",
        "noise images (of 100)",
        "that class's map highest on the far cells",
        "hottest cell inside the box",
    ]
    print("\nLesson 5, section 5 (one network per seed):\n")
    print(markdown_table(header, rows))
    return report(
        {
            "every network is accurate (at least 0.9)": all(
                f["accuracy"] >= 0.9 for f in found.values()
            ),
            "each sends all 100 noise images to one class": all(
                f["votes"] == 100 for f in found.values()
            ),
            "on the far cells, that class's map is the highest in at least 90% of the images": all(
                f["on_top"] >= 0.9 for f in found.values()
            ),
            "that class is cross in six runs, x in two, never circle": sorted(
                f["default"] for f in found.values()
            )
            == ["cross"] * 6 + ["x"] * 2,
            "with seed 2 it is x": found[2]["default"] == "x",
            "the hottest cell is inside the box in only 50% to 70% of the images for some seeds": (
                0.5 <= min(f["hot"] for f in found.values()) < 0.8
            ),
        }
    )


def lesson6() -> bool:
    """Lesson 6 with SEEDS = 0..7: the two tables of section 5 and the claims about them."""
    line = "SEEDS = (0,)  # section 5 shows the seeds 0 to 7\n"
    ns = run_lesson("06_tradeoffs", line, f"SEEDS = {SEEDS!r}\n")
    runs, per_seed, grid = ns["runs"], ns["per_seed"], ns["GRID"]
    shifted = list(ns["consistency"])  # the six networks of section 2b, in its order
    accuracy = {(n, s): runs[n, s].test_accuracy for n in grid for s in SEEDS}
    consistency = {(n, s): float(per_seed[s][n].mean()) for n in shifted for s in SEEDS}

    def table(names: list[str], value: Callable[[str, int], float]) -> str:
        rows = [[str(s)] + [f"{value(n, s):.2f}" for n in names] for s in SEEDS]
        return markdown_table(["seed"] + [f"`{n}`" for n in names], rows)

    print("\nLesson 6, section 5, test accuracy:\n")
    print(table(list(grid), lambda n, s: accuracy[n, s]))
    print("\nLesson 6, section 5, consistency averaged over the shifts of 1 to 6 pixels:\n")
    print(table(shifted, lambda n, s: consistency[n, s]))
    best = {s: max(grid, key=lambda n: accuracy[n, s]) for s in SEEDS}
    allconv_ahead = sum(consistency["allconv", s] > consistency["max", s] for s in SEEDS)
    print(f"\nmost accurate, per seed: {best}")
    print(f"allconv more consistent than max: {allconv_ahead} of {len(SEEDS)} seeds")
    every = {
        "every configuration learned the task (accuracy above 2/5)": lambda s: all(
            accuracy[n, s] > 2 / 5 for n in grid
        ),
        "the 4x4 window was less accurate than 2x2 max pooling": lambda s: (
            accuracy["max 4/4", s] < accuracy["max", s]
        ),
        "strided was less accurate than 2x2 max pooling": lambda s: (
            accuracy["strided", s] < accuracy["max", s]
        ),
        "max pooling was more consistent than no pooling": lambda s: (
            consistency["max", s] > consistency["none", s]
        ),
        "anti-aliased max pooling was more consistent than max pooling": lambda s: (
            consistency["maxblur", s] > consistency["max", s]
        ),
        "no network kept its answer for 95% of the images shifted 6 pixels": lambda s: all(
            per_seed[s][n][-1] < 0.95 for n in shifted
        ),
    }
    claims = {f"on every seed, {text}": all(map(check, SEEDS)) for text, check in every.items()}
    claims["allconv was more consistent than max in seven of the eight seeds"] = allconv_ahead == 7
    blur_ahead = sum(accuracy["maxblur", s] > accuracy["max", s] for s in SEEDS)
    blur_varies = 0 < blur_ahead < len(SEEDS)
    claims["whether blurring raised the accuracy changed with the seed"] = blur_varies
    claims["the seed alone moved every configuration's accuracy by more than 0.02"] = all(
        max(accuracy[n, s] for s in SEEDS) - min(accuracy[n, s] for s in SEEDS) > 0.02 for n in grid
    )
    claims["the most accurate configuration changed with the seed"] = len(set(best.values())) > 1
    return report(claims)


def main(argv: list[str]) -> int:
    configure_kernels()
    np.set_printoptions(precision=3, suppress=True)
    chosen = argv or ["5", "6"]
    ok = True
    if "5" in chosen:
        ok &= lesson5()
    if "6" in chosen:
        ok &= lesson6()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
