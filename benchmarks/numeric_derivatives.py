"""Accuracy and speed of companion.numeric against numdifftools and SciPy.

For each of the book's examples (Jacobians of F1, F2 and polar coordinates,
gradients of Rosenbrock and g) and each method of ``companion.numeric``,
``numdifftools`` (``nd.Jacobian`` / ``nd.Gradient``) and
``scipy.differentiate.jacobian``, print

- the worst relative error, entry by entry, against exact SymPy derivatives
  (lambdified once, evaluated at 30 digits and rounded) over 20 seeded
  random points of [-2, 2]^2 (polar: r in [0.5, 2]), and the worst absolute
  error;
- the median time per call (time.perf_counter over repeated blocks of calls);
- numdifftools' time divided by this row's time (how many times faster than
  numdifftools).

The examples index their argument as p[0], p[1], so they are already
vectorised in the sense scipy.differentiate needs (an array of shape (n, k)
in, (m, k) out); scalar functions are wrapped to return shape (1, k). A
function that takes only shape (n,) would need np.apply_along_axis, slower.

Usage: ``make bench`` (or ``make bench BENCH_ARGS=--quick``) installs the
exact pins of benchmarks/requirements.txt into .bench-libs/, outside the
book's environment, and runs this script.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import mpmath
import numpy as np
import sympy as sp

# Measure this checkout's companion, installed or not.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from companion import numeric  # noqa: E402

X, Y = sp.symbols("x y")
N_POINTS = 20
SEED = 2024

# name, kind, NumPy callable, SymPy expressions, polar sampling?
EXAMPLES = [
    ("F1", "jacobian", lambda p: np.array([p[0] ** 2 * p[1], 5 * p[0] + np.sin(p[1])]),
     [X ** 2 * Y, 5 * X + sp.sin(Y)], False),
    ("F2", "jacobian", lambda p: np.array([p[0] ** 2 - p[1] ** 2, 2 * p[0] * p[1],
                                           p[0] + p[1]]),
     [X ** 2 - Y ** 2, 2 * X * Y, X + Y], False),
    ("polar", "jacobian", lambda p: np.array([p[0] * np.cos(p[1]), p[0] * np.sin(p[1])]),
     [X * sp.cos(Y), X * sp.sin(Y)], True),
    ("rosenbrock", "gradient", lambda p: (1 - p[0]) ** 2 + 100 * (p[1] - p[0] ** 2) ** 2,
     [(1 - X) ** 2 + 100 * (Y - X ** 2) ** 2], False),
    ("g", "gradient", lambda p: np.exp(p[0]) * np.sin(p[1]) + p[0] ** 3 * p[1],
     [sp.exp(X) * sp.sin(Y) + X ** 3 * Y], False),
]


def sample_points(polar: bool) -> np.ndarray:
    rng = np.random.default_rng(SEED)
    pts = rng.uniform(-2.0, 2.0, size=(N_POINTS, 2))
    if polar:
        pts[:, 0] = rng.uniform(0.5, 2.0, size=N_POINTS)
    return pts


def exact_derivatives(exprs: list[sp.Expr], pts: np.ndarray) -> list[np.ndarray]:
    """Exact Jacobians (m, 2) at pts: sympy.diff and lambdify once, 30 digits."""
    first = sp.lambdify((X, Y), [[sp.diff(e, v) for v in (X, Y)] for e in exprs], "mpmath")
    with mpmath.workdps(30):
        return [np.array(first(mpmath.mpf(p[0]), mpmath.mpf(p[1])), dtype=float)
                for p in pts]


def competitors(kind: str, f: Callable) -> dict[str, Callable[[np.ndarray], np.ndarray]]:
    """name -> callable x -> Jacobian (m, 2), for every method compared."""
    import numdifftools as nd
    import scipy.differentiate as sd

    ours = numeric.jacobian if kind == "jacobian" else numeric.gradient
    rows: dict[str, Callable] = {
        f"companion {method}": (lambda x, m=method: ours(f, x, method=m))
        for method in numeric.METHODS
    }
    if kind == "jacobian":
        nd_jacobian = nd.Jacobian(f)
        rows["numdifftools"] = nd_jacobian
        rows["scipy.differentiate"] = lambda x: sd.jacobian(f, x).df
    else:
        nd_gradient = nd.Gradient(f)
        rows["numdifftools"] = nd_gradient

        def vectorised(xs):
            return f(xs)[np.newaxis]   # scalar f: shape (1, k) as scipy expects
        rows["scipy.differentiate"] = lambda x: sd.jacobian(vectorised, x).df[0]
    return rows


def median_time(call: Callable[[], object], repeats: int, block_seconds: float) -> float:
    """Median seconds per call over ``repeats`` blocks of about block_seconds."""
    number = 1
    while True:   # calibrate the block size, as timeit.autorange does
        start = time.perf_counter()
        for _ in range(number):
            call()
        if time.perf_counter() - start >= block_seconds / 4 or number >= 10 ** 5:
            break
        number *= 4
    number = max(1, int(number * block_seconds / max(time.perf_counter() - start, 1e-9)))
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(number):
            call()
        times.append((time.perf_counter() - start) / number)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer, shorter timing repeats")
    args = parser.parse_args(argv)
    repeats, block = (3, 0.02) if args.quick else (7, 0.1)

    import numdifftools
    import scipy
    print(f"Python {platform.python_version()}, numpy {np.__version__}, "
          f"numdifftools {numdifftools.__version__}, scipy {scipy.__version__}; "
          f"{N_POINTS} points, seed {SEED}; timing: median of {repeats} blocks")
    header = (f"{'example':26s} {'method':22s} {'max rel err':>11s} {'max abs err':>11s} "
              f"{'time/call':>11s} {'nd/this':>8s}")
    print(header)
    print("-" * len(header))
    for name, kind, f, exprs, polar in EXAMPLES:
        pts = sample_points(polar)
        exact = exact_derivatives(exprs, pts)
        x_time = pts[0]
        results = []
        for label, method in competitors(kind, f).items():
            rel = absolute = 0.0
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")   # numdifftools' own warnings
                for p, J in zip(pts, exact):
                    err = np.abs(np.reshape(method(p), -1) - J.reshape(-1))
                    nonzero = J.reshape(-1) != 0
                    rel = max(rel, float(np.max(err[nonzero] / np.abs(J.reshape(-1)[nonzero]))))
                    absolute = max(absolute, float(err.max()))
                seconds = median_time(lambda: method(x_time), repeats, block)
            results.append((label, rel, absolute, seconds))
        nd_seconds = next(s for label, *_, s in results if label == "numdifftools")
        example = f"{name} ({len(exprs)}x2 {kind})"
        for label, rel, absolute, seconds in results:
            print(f"{example:26s} {label:22s} {rel:11.1e} {absolute:11.1e} "
                  f"{seconds * 1e6:8.1f} us {nd_seconds / seconds:8.1f}")


if __name__ == "__main__":
    main()
