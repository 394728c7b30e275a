"""How long one ``check`` takes, per exercise (issue 3: "well under a second").

For every registered exercise, times ``check(id, answer)`` with a right answer
(``Exercise.right_answer()``: all cases run, the usual path for a correct
learner) and with the first misconception's wrong answer (all cases run, then
the diagnosis runs every misconception: the slowest path). Progress is not
saved.

Prints the median of a few runs in milliseconds. The machine is shared and
noisy: read the order of magnitude, not the last digit. Usage::

    python benchmarks/bench_checks.py
"""

from __future__ import annotations

import statistics
import time

from course_lib import check
from course_lib.checks import all_exercises

REPEATS = 5


def _median_ms(exercise_id: str, answer) -> float:
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        check(exercise_id, answer, save=False)
        times.append(time.perf_counter() - start)
    return 1000 * statistics.median(times)


def main() -> None:
    rows = []
    for exercise in all_exercises():
        right_ms = _median_ms(exercise.id, exercise.right_answer())
        wrong = exercise.misconceptions[0].wrong if exercise.misconceptions else None
        if exercise.kind == "value" and callable(wrong):
            wrong = wrong()
        wrong_ms = _median_ms(exercise.id, wrong) if wrong is not None else float("nan")
        rows.append((exercise.id, exercise.kind, right_ms, wrong_ms))
    print(f"check() latency, median of {REPEATS} runs (ms)")
    print(f"{'exercise':<9} {'kind':<9} {'right':>8} {'wrong':>8}")
    for ex_id, kind, right_ms, wrong_ms in rows:
        print(f"{ex_id:<9} {kind:<9} {right_ms:8.1f} {wrong_ms:8.1f}")
    worst = max(t for r in rows for t in r[2:] if t == t)  # skip NaN (no misconception)
    print(f"slowest: {worst:.1f} ms (target: well under 1000 ms)")


if __name__ == "__main__":
    main()
