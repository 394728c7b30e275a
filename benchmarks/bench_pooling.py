"""Benchmark of ``course_lib.pooling.pool2d`` against its peers (issue 2, section 4).

Prints one table. For each case (NHWC float32) and mode, the median time of
``pool2d`` and the ratio ``pool2d time / other time`` for:

* ``naive``: ``pool2d_naive``, the teaching loops (only where they finish in
  seconds; "skipped" otherwise);
* ``keras``: the Keras layer called on a NumPy array (JAX backend, CPU);
* ``xla``: ``jax.jit`` of ``jax.lax.reduce_window`` on a JAX array, warmed up,
  waited for with ``block_until_ready``;
* ``bound``: the memory-bandwidth bound, (input + output bytes) divided by the
  single-thread copy bandwidth measured in this run with ``np.copyto``.

A ratio below 1 means ``pool2d`` is faster. The targets are ``xla <= 2`` on
every case but the tiny one and ``bound <= 3`` on (8, 112, 112, 64) f2s2.
The last column is the peak temporary memory of ``pool2d`` (measured with
``tracemalloc``, the output itself excluded) over ``output bytes * f * f``;
the target is <= 1 (on the tiny case a few bookkeeping arrays of a few hundred
bytes dominate it, hence the column in KB).

The machine is shared and noisy (about 25 % between runs): compare ratios from
one run, and run it twice. Usage::

    python benchmarks/bench_pooling.py          # full table, under 2 minutes
    python benchmarks/bench_pooling.py --quick  # fewer repeats, naive only on the tiny case
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
import tracemalloc
from collections.abc import Callable

import numpy as np

from course_lib import pooling
from course_lib.frameworks import configure_backend, import_keras

# Keras on JAX on the CPU unless KERAS_BACKEND / JAX_PLATFORMS say otherwise: the
# course's one place for these defaults, applied before jax or keras is imported.
configure_backend()

CASES = [
    ((1, 4, 4, 1), 2, 2),
    ((32, 32, 32, 16), 2, 2),
    ((8, 112, 112, 64), 2, 2),
    ((8, 112, 112, 64), 3, 2),
    ((64, 28, 28, 32), 2, 2),
]
NAIVE_MAX_CELLS = 600_000  # pool2d_naive visits every window cell in Python: ~1 us each


def median_time(
    func: Callable[[], object], budget: float, min_repeats: int = 5, warm_up: bool = True
) -> float:
    """Median wall time of ``func()`` over as many calls as fit in ``budget`` seconds."""
    if warm_up:
        func()  # caches, lazy imports, JIT compilation
    times: list[float] = []
    start = time.perf_counter()
    while len(times) < min_repeats or time.perf_counter() - start < budget:
        t0 = time.perf_counter()
        func()
        times.append(time.perf_counter() - t0)
        if len(times) >= 1000:
            break
    return statistics.median(times)


def copy_bandwidth(budget: float) -> float:
    """Single-thread memory bandwidth, bytes read + written per second, via np.copyto."""
    src = np.ones(2**25, dtype=np.float32)  # 128 MB: far larger than the caches
    dst = np.empty_like(src)
    np.copyto(dst, src)
    times = []
    start = time.perf_counter()
    while len(times) < 5 or time.perf_counter() - start < budget:
        t0 = time.perf_counter()
        np.copyto(dst, src)
        times.append(time.perf_counter() - t0)
    # The best time, not the median: a bound is what the memory can do, not what a
    # busy machine happened to give.
    return 2 * src.nbytes / min(times)


def peak_temporary_bytes(func: Callable[[], np.ndarray]) -> int:
    """Peak memory ``func`` allocates through NumPy beyond the array it returns."""
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        result = func()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return max(peak - result.nbytes, 0)


def xla_pool(jax, f: int, s: int, mode: str):
    """``jax.jit`` of a VALID ``lax.reduce_window`` pool (NHWC)."""
    jnp, lax = jax.numpy, jax.lax
    window, strides = (1, f, f, 1), (1, s, s, 1)

    def pool(a):
        if mode == "max":
            return lax.reduce_window(a, -jnp.inf, lax.max, window, strides, "VALID")
        return lax.reduce_window(a, 0.0, lax.add, window, strides, "VALID") / (f * f)

    return jax.jit(pool)


def fmt_ratio(value: float | None) -> str:
    if value is None:
        return "skipped"
    return f"{value:.2f}" if value >= 0.01 else f"{value:.0e}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats; naive on tiny only")
    args = parser.parse_args()
    budget = 0.1 if args.quick else 0.4
    naive_limit = 100 if args.quick else NAIVE_MAX_CELLS

    keras = import_keras()
    import jax

    bandwidth = copy_bandwidth(budget)
    print(
        f"numpy {np.__version__}, keras {keras.__version__} ({keras.backend.backend()}), "
        f"jax {jax.__version__}; {os.cpu_count()} cores, pool2d threads: {pooling.fast._WORKERS}; "
        f"copy bandwidth {bandwidth / 1e9:.1f} GB/s (read + write, one thread)"
    )
    print("ratios are pool2d time / other time (below 1: pool2d is faster)\n")
    header = (
        f"{'case (NHWC float32)':<24}{'mode':<5}{'pool2d ms':>10}{'naive':>9}{'keras':>8}"
        f"{'xla':>7}{'xla ms':>8}{'bound':>10}{'temp KB':>9}{'temp/(out*f*f)':>16}"
    )
    print(header)
    print("-" * len(header))
    rng = np.random.default_rng(0)
    for shape, f, s in CASES:
        x = rng.standard_normal(shape).astype(np.float32)
        for mode in ("max", "avg"):
            row = measure(keras, jax, x, f, s, mode, budget, naive_limit)
            bound = (x.nbytes + row["out_bytes"]) / bandwidth
            case = f"{shape} f{f}s{s}"
            print(
                f"{case:<24}{mode:<5}{row['ours'] * 1e3:>10.3f}{fmt_ratio(row['naive']):>9}"
                f"{row['ours'] / row['keras']:>8.2f}{row['ours'] / row['xla']:>7.2f}"
                f"{row['xla'] * 1e3:>8.3f}{row['ours'] / bound:>10.2f}{row['temp'] / 1024:>9.0f}"
                f"{row['temp'] / (row['out_bytes'] * f * f):>16.2f}"
            )


def measure(keras, jax, x: np.ndarray, f: int, s: int, mode: str, budget: float, naive_limit):
    """Times (seconds) of pool2d and its peers on one case, and pool2d's temporaries."""
    ours = median_time(lambda: pooling.pool2d(x, f, s, mode=mode), budget)
    out = pooling.pool2d(x, f, s, mode=mode)

    naive_ratio = None
    if out.size * f * f <= naive_limit:
        naive = median_time(
            lambda: pooling.pool2d_naive(x, f, s, mode=mode), budget, 1, warm_up=False
        )
        naive_ratio = ours / naive

    layer_class = keras.layers.MaxPooling2D if mode == "max" else keras.layers.AveragePooling2D
    layer = layer_class(f, s, padding="valid", data_format="channels_last")
    np.testing.assert_allclose(out, np.asarray(layer(x)), rtol=1e-5, atol=1e-5)
    keras_time = median_time(lambda: np.asarray(layer(x)), budget)

    pool_jit = xla_pool(jax, f, s, mode)
    x_jax = jax.device_put(x)
    np.testing.assert_allclose(out, np.asarray(pool_jit(x_jax)), rtol=1e-5, atol=1e-5)
    xla = median_time(lambda: pool_jit(x_jax).block_until_ready(), budget)

    temp = peak_temporary_bytes(lambda: pooling.pool2d(x, f, s, mode=mode))
    return {
        "ours": ours,
        "naive": naive_ratio,
        "keras": keras_time,
        "xla": xla,
        "temp": temp,
        "out_bytes": out.nbytes,
    }


if __name__ == "__main__":
    main()
