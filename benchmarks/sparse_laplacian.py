"""companion.discrete against libigl, and a Poisson solve, measured in one run.

Prints two tables:

* building the cotangent Laplacian and the barycentric mass matrix with
  ``companion.discrete`` and with libigl (``igl.cotmatrix``,
  ``igl.massmatrix``) on icospheres and jittered grids of about 10^4 to
  10^6 faces: the fastest of ``--reps`` alternating runs of each, their
  ratio (companion / libigl: below 1 is faster, the goal is at most 2), and
  the largest difference between the two results, relative to the largest
  entry;
* a Poisson solve ``-Delta u = 2 z`` on the 163,842-vertex icosphere with
  the value at one vertex fixed (the exact solution is ``z``): the
  factorisation and the solve timed apart, with SciPy's SuperLU
  (``scipy.sparse.linalg.splu``, COLAMD ordering, what ``factorized`` and
  ``companion.discrete.solve_poisson`` use), with ``solve_poisson`` end to
  end, and with cholespy's sparse Cholesky if it is installed.

Usage: ``make bench`` installs the exact pins of benchmarks/requirements.txt
(libigl, cholespy) into .bench-libs/, outside the book's environment, and
runs this script with ``PYTHONPATH=.bench-libs``; ``--quick`` leaves out
the 10^6-face meshes and times fewer runs. A benchmark, not a test: it
prints numbers and asserts nothing.
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

# Measure this checkout's companion, installed or not.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from companion.discrete import (  # noqa: E402
    cotan_laplacian,
    jittered_grid_mesh,
    mass_matrix,
    mesh_boundary,
    solve_poisson,
    sphere_mesh,
)

POISSON_LEVEL = 7  # 163,842 vertices, 327,680 faces


def meshes(quick: bool) -> list[tuple[str, np.ndarray, np.ndarray]]:
    """(name, vertices, faces): icospheres of levels 5-8 and jittered grids
    with about 10^4, 10^5 and 10^6 faces (2 (n - 1)^2 faces for n per side)."""
    rng = np.random.default_rng(2026)
    levels = (5, 6, 7) if quick else (5, 6, 7, 8)
    sides = (72, 225) if quick else (72, 225, 708)
    out = [(f"icosphere level {s}", *sphere_mesh(s)) for s in levels]
    out += [(f"jittered grid {n} x {n}", *jittered_grid_mesh(n, 0.25, rng)) for n in sides]
    return out


def fastest_pair(ours: Callable[[], object], theirs: Callable[[], object],
                 reps: int) -> tuple[float, float, object, object]:
    """Fastest of ``reps`` alternating runs of each; also the last results."""
    best_ours = best_theirs = float("inf")
    for _ in range(reps):
        start = time.perf_counter()
        mine = ours()
        best_ours = min(best_ours, time.perf_counter() - start)
        start = time.perf_counter()
        other = theirs()
        best_theirs = min(best_theirs, time.perf_counter() - start)
    return best_ours, best_theirs, mine, other


def build_table(quick: bool, reps: int) -> None:
    import igl

    header = (f"{'mesh':24s} {'vertices':>9s} {'faces':>9s} | {'cotan':>8s} {'igl':>8s} "
              f"{'ratio':>6s} {'diff':>8s} | {'mass':>8s} {'igl':>8s} {'ratio':>6s} {'diff':>8s}")
    print(header)
    print("-" * len(header))
    for name, vertices, faces in meshes(quick):
        n_reps = reps if len(faces) < 500_000 else max(2, reps - 2)
        t_cot, t_igl_cot, L, L_igl = fastest_pair(
            lambda: cotan_laplacian(vertices, faces),
            lambda: igl.cotmatrix(vertices, faces), n_reps)
        t_mass, t_igl_mass, M, M_igl = fastest_pair(
            lambda: mass_matrix(vertices, faces),
            lambda: igl.massmatrix(vertices, faces, igl.MASSMATRIX_TYPE_BARYCENTRIC), n_reps)
        diff_cot = abs(L - L_igl).max() / abs(L_igl).max()
        diff_mass = abs(M - M_igl).max() / abs(M_igl).max()
        print(f"{name:24s} {len(vertices):9,d} {len(faces):9,d} | "
              f"{t_cot * 1e3:6.1f}ms {t_igl_cot * 1e3:6.1f}ms {t_cot / t_igl_cot:5.2f}x "
              f"{diff_cot:8.1e} | "
              f"{t_mass * 1e3:6.1f}ms {t_igl_mass * 1e3:6.1f}ms {t_mass / t_igl_mass:5.2f}x "
              f"{diff_mass:8.1e}", flush=True)
        del L, L_igl, M, M_igl


def poisson_table(reps: int) -> None:
    from scipy.sparse import linalg as sparse_linalg

    vertices, faces = sphere_mesh(POISSON_LEVEL)
    L, M = cotan_laplacian(vertices, faces), mass_matrix(vertices, faces)
    z = vertices[:, 2]
    fixed = np.zeros(len(vertices), dtype=bool)
    fixed[0] = True  # a closed sphere: without a fixed value the system is singular
    assert not mesh_boundary(vertices, faces).any()
    free = ~fixed
    A = (-L[free][:, free]).tocsc()
    b = (M @ (2 * z))[free] + L[free][:, fixed] @ z[fixed]
    print(f"Poisson -Delta u = 2z on the icosphere (level {POISSON_LEVEL}, {len(vertices):,d} "
          f"vertices, {A.nnz:,d} nonzeros), u = z at one vertex; fastest of {reps}")
    header = f"{'solver':44s} {'factorise':>9s} {'solve':>8s} {'total':>8s} {'max error':>9s}"
    print(header)
    print("-" * len(header))
    rows = []

    def run(label: str, factorise: Callable[[], object],
            solve: Callable[[object], np.ndarray]) -> None:
        best_f = best_s = float("inf")
        for _ in range(reps):
            start = time.perf_counter()
            factor = factorise()
            best_f = min(best_f, time.perf_counter() - start)
            start = time.perf_counter()
            x = solve(factor)
            best_s = min(best_s, time.perf_counter() - start)
            del factor
        error = np.max(np.abs(x - z[free]))
        rows.append((label, best_f + best_s))
        print(f"{label:44s} {best_f:8.2f}s {best_s * 1e3:6.1f}ms {best_f + best_s:7.2f}s "
              f"{error:9.1e}", flush=True)

    run("SciPy SuperLU: splu (COLAMD)", lambda: sparse_linalg.splu(A),
        lambda lu: lu.solve(b))
    best = float("inf")
    for _ in range(reps):
        start = time.perf_counter()
        u = solve_poisson(L, M, 2 * z, fixed, values=z)
        best = min(best, time.perf_counter() - start)
    print(f"{'companion solve_poisson (SuperLU), end to end':44s} {'':9s} {'':8s} "
          f"{best:7.2f}s {np.max(np.abs(u - z)):9.1e}", flush=True)
    try:
        import cholespy
    except ImportError:
        print("cholespy: not installed (pip install cholespy into .bench-libs)")
        return
    coo = A.tocoo()
    rows_i, cols_i = (index.astype(np.int32) for index in coo.coords)

    def cholespy_solve(solver: object) -> np.ndarray:
        x = np.zeros_like(b)
        solver.solve(b, x)
        return x

    run("cholespy sparse Cholesky (CholeskySolverD)",
        lambda: cholespy.CholeskySolverD(A.shape[0], rows_i, cols_i, coo.data,
                                         cholespy.MatrixType.COO),
        cholespy_solve)
    print(f"SuperLU / cholespy, factorise + solve: {rows[0][1] / rows[1][1]:.2f}x")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="no 10^6-face meshes, fewer runs")
    args = parser.parse_args(argv)
    reps = 3 if args.quick else 5

    from importlib.metadata import version

    print(f"Python {platform.python_version()}, numpy {np.__version__}, scipy "
          f"{version('scipy')}, libigl {version('libigl')}; fastest of "
          f"{reps} alternating runs ({max(2, reps - 2)} above 500,000 faces); ratio = "
          "companion / libigl; diff = largest |difference| / largest |entry|")
    build_table(args.quick, reps)
    print()
    poisson_table(2 if args.quick else 3)


if __name__ == "__main__":
    main()
