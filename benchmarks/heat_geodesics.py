"""companion.surfaces.heat_geodesics against potpourri3d's heat method, measured in one run.

Prints four tables:

* set-up and per-query times on the icosphere of ``--level`` (default 7:
  163,842 vertices) for ``companion.surfaces.heat_geodesics`` and
  potpourri3d's ``MeshHeatMethodDistanceSolver`` (geometry-central, C++ and
  Eigen), with the same time step: the two are run alternately (companion,
  potpourri3d, potpourri3d, companion, ...), ``--reps`` set-ups each and
  ``--queries`` sources per set-up, and the medians count. The machine is
  shared, so the load average is printed before and after. Then the ratios
  (companion / potpourri3d) and whether issue 18's targets are met: set-up
  (operators and both factorisations) no slower than potpourri3d's, each
  query within 2x of its, the same accuracy at the same time step (here: a
  mean relative error at most 1.1 times potpourri3d's);
* where the companion's set-up goes: each step of ``heat_geodesics`` timed
  on its own (median of ``--reps``);
* the factorisations it could use, on the same two matrices (``M - t L``
  and ``-L`` without vertex 0's row and column): SciPy's SuperLU with its
  COLAMD ordering, with ``SymmetricMode`` (no pivoting, the ordering of
  ``A + A.T``), and cholespy's sparse Cholesky (CHOLMOD inside), alternated,
  median of ``--reps``;
* the mean and largest relative error against the great-circle distance on
  the unit icosphere at levels 5, 6 and 7 (``--error-levels``), source at
  vertex 0 (a vertex of the original icosahedron), the source itself left
  out, for both implementations and their largest difference.

potpourri3d's time step is ``t_coef * h**2`` with ``h`` the mean length of
the (unique) edges; the companion's default is the mean edge length squared,
so ``t_coef`` is passed as the companion's ``t / h**2`` (1 to rounding on a
closed mesh). potpourri3d runs with its default ``use_robust=True`` (an
intrinsic Delaunay triangulation: on the icosphere it differs from the mesh
only by the few edges it flips).

Usage: ``make bench`` installs the exact pins of benchmarks/requirements.txt
(potpourri3d among them) into .bench-libs/ and runs this script with
``PYTHONPATH=.bench-libs``; ``--quick`` times fewer runs and leaves out the
factorisation table. A benchmark, not a test: it prints numbers and asserts
nothing.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

# Measure this checkout's companion, installed or not.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from companion.discrete import cotan_laplacian, mass_matrix, sphere_mesh  # noqa: E402
from companion.surfaces import (  # noqa: E402
    _Cholesky,
    _divergence,
    face_gradient,
    heat_geodesics,
)


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f} on {os.cpu_count()} cores"


def timed(function: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def potpourri_t_coef(vertices: np.ndarray, faces: np.ndarray, t: float) -> float:
    """The ``t_coef`` that makes potpourri3d's ``t_coef * h**2`` equal to ``t``."""
    edges = np.sort(np.concatenate([faces[:, [0, 1]], faces[:, [1, 2]], faces[:, [2, 0]]]), axis=1)
    edges = np.unique(edges, axis=0)
    h = np.linalg.norm(vertices[edges[:, 0]] - vertices[edges[:, 1]], axis=1).mean()
    return t / h**2


def great_circle(vertices: np.ndarray, source: int) -> np.ndarray:
    return np.arccos(np.clip(vertices @ vertices[source], -1.0, 1.0))


def relative_errors(d: np.ndarray, exact: np.ndarray, source: int) -> tuple[float, float]:
    keep = np.arange(len(d)) != source
    relative = np.abs(d[keep] - exact[keep]) / exact[keep]
    return float(relative.mean()), float(relative.max())


def time_table(level: int, reps: int, queries: int) -> dict[str, float]:
    import potpourri3d as pp3d

    vertices, faces = sphere_mesh(level)
    t = heat_geodesics(*sphere_mesh(2)).t  # warm-up: imports SciPy and cholespy
    t = float(np.mean(np.linalg.norm(vertices[faces] - vertices[np.roll(faces, -1, axis=1)],
                                     axis=2)) ** 2)
    t_coef = potpourri_t_coef(vertices, faces, t)
    sources = np.random.default_rng(18).choice(len(vertices), size=(reps, queries), replace=False)
    print(f"Heat-method geodesics on the icosphere, level {level}: {len(vertices):,d} vertices, "
          f"{len(faces):,d} faces; t = {t:.4e} (potpourri3d t_coef = {t_coef:.12f}); "
          f"{reps} set-ups each, alternating, {queries} sources per set-up, medians")
    print(f"before: {load()}", flush=True)
    setup = {"companion": [], "potpourri3d": []}
    query = {"companion": [], "potpourri3d": []}
    agree = 0.0

    def run_ours(rep: int) -> None:
        elapsed, solver = timed(lambda: heat_geodesics(vertices, faces))
        setup["companion"].append(elapsed)
        results = []
        for source in sources[rep]:
            elapsed, d = timed(lambda: solver.distance(int(source)))
            query["companion"].append(elapsed)
            results.append(d)
        outputs["companion"] = results

    def run_theirs(rep: int) -> None:
        elapsed, solver = timed(lambda: pp3d.MeshHeatMethodDistanceSolver(vertices, faces,
                                                                          t_coef=t_coef))
        setup["potpourri3d"].append(elapsed)
        results = []
        for source in sources[rep]:
            elapsed, d = timed(lambda: solver.compute_distance(int(source)))
            query["potpourri3d"].append(elapsed)
            results.append(d)
        outputs["potpourri3d"] = results

    for rep in range(reps):
        outputs: dict[str, list[np.ndarray]] = {}
        order = (run_ours, run_theirs) if rep % 2 == 0 else (run_theirs, run_ours)
        for run in order:
            run(rep)
        agree = max(agree, max(np.abs(a - b).max() for a, b in
                               zip(outputs["companion"], outputs["potpourri3d"])))
        print(f"  set-up {rep + 1}: companion {setup['companion'][-1]:6.2f}s, potpourri3d "
              f"{setup['potpourri3d'][-1]:6.2f}s; {load()}", flush=True)
    print(f"after: {load()}")
    header = f"{'':24s} {'companion':>10s} {'potpourri3d':>12s} {'ratio':>7s}"
    print(header)
    print("-" * len(header))
    medians = {}
    for label, times in (("set-up", setup), ("per query", query)):
        ours, theirs = statistics.median(times["companion"]), statistics.median(times["potpourri3d"])
        medians[label] = ours / theirs
        print(f"{label + ' (median)':24s} {ours:9.3f}s {theirs:11.3f}s {ours / theirs:6.2f}x")
    print(f"largest |companion - potpourri3d| over the {reps * queries} sources: {agree:.2e} "
          "(distances up to pi)")
    return medians


def setup_profile(level: int, reps: int) -> None:
    from scipy.sparse import csgraph

    from companion.discrete import _check_mesh
    from companion.surfaces import _check_manifold

    vertices, faces = sphere_mesh(level)
    steps: dict[str, list[float]] = {}
    for _ in range(reps):
        def step(name: str, function: Callable[[], object]) -> object:
            elapsed, result = timed(function)
            steps.setdefault(name, []).append(elapsed)
            return result

        total_start = time.perf_counter()
        points, faces_, tri = step("checks (_check_mesh)", lambda: _check_mesh(vertices, faces))
        step("checks (_check_manifold)",
             lambda: _check_manifold(faces_, len(points), "heat_geodesics", oriented=False))
        L = step("cotan_laplacian", lambda: cotan_laplacian(points, faces_))
        M = step("mass_matrix", lambda: mass_matrix(points, faces_))
        step("connected_components", lambda: csgraph.connected_components(L, directed=False))
        t = float(np.mean([np.linalg.norm(e, axis=1).mean() for e in tri.edges])) ** 2
        step("factorise M - t L (cholespy)", lambda: _Cholesky(M - t * L))
        step("factorise -L[1:, 1:] (cholespy)", lambda: _Cholesky(-L[1:, 1:]))
        G = step("face_gradient", lambda: face_gradient(points, faces_))
        step("divergence (-G.T A_f)", lambda: _divergence(G, tri.double_area / 2.0))
        steps.setdefault("sum of the steps", []).append(time.perf_counter() - total_start)
    print(f"Where heat_geodesics' set-up goes (level {level}, median of {reps}); {load()}")
    for name, times in steps.items():
        print(f"  {name:34s} {statistics.median(times):7.3f}s")


def factorisation_table(level: int, reps: int) -> None:
    from scipy import sparse
    from scipy.sparse import linalg as sparse_linalg

    vertices, faces = sphere_mesh(level)
    L, M = cotan_laplacian(vertices, faces), mass_matrix(vertices, faces)
    t = heat_geodesics(vertices, faces).t
    matrices = {"M - t L": sparse.csc_array(M - t * L), "-L[1:, 1:]": sparse.csc_array(-L[1:, 1:])}
    methods = {
        "SuperLU, COLAMD (splu's default)": lambda A: sparse_linalg.splu(A),
        # MMD_AT_PLUS_A, the ordering meant for symmetric matrices, is left
        # out: on the 40,962-vertex icosphere it took 1.7 s in SymmetricMode
        # and over a minute without (COLAMD: 0.5 s), here over 80 s.
        "SuperLU, COLAMD, SymmetricMode": lambda A: sparse_linalg.splu(
            A, diag_pivot_thresh=0.0, options={"SymmetricMode": True}),
        "cholespy (CHOLMOD Cholesky)": _Cholesky,
    }
    print(f"Factorisations of the two matrices (level {level}), alternating, median of {reps}; "
          f"{load()}")
    header = f"{'method':40s} {'matrix':12s} {'factorise':>9s} {'solve':>8s} {'residual':>9s}"
    print(header)
    print("-" * len(header))
    rng = np.random.default_rng(0)
    times = {(m, a): ([], []) for m in methods for a in matrices}
    residual = {}
    for _ in range(reps):
        for (method, factorise) in methods.items():
            for name, A in matrices.items():
                elapsed, factor = timed(lambda: factorise(A))
                b = rng.standard_normal(A.shape[0])
                solve_time, x = timed(lambda: factor.solve(b))
                times[method, name][0].append(elapsed)
                times[method, name][1].append(solve_time)
                residual[method, name] = np.linalg.norm(A @ x - b) / np.linalg.norm(b)
                del factor
    for (method, name), (fac, sol) in times.items():
        print(f"{method:40s} {name:12s} {statistics.median(fac):8.2f}s "
              f"{statistics.median(sol) * 1e3:6.1f}ms {residual[method, name]:9.1e}")


def error_table(levels: list[int]) -> tuple[float, float]:
    import potpourri3d as pp3d

    print("Relative error against the great-circle distance, unit icosphere, source vertex 0 "
          "(left out); same t for both")
    header = (f"{'level':>5s} {'vertices':>9s} | {'companion mean':>14s} {'max':>8s} | "
              f"{'potpourri3d mean':>16s} {'max':>8s} | {'max |diff|':>10s}")
    print(header)
    print("-" * len(header))
    ours_mean = theirs_mean = float("nan")
    for level in levels:
        vertices, faces = sphere_mesh(level)
        solver = heat_geodesics(vertices, faces)
        ours = solver.distance(0)
        theirs = pp3d.MeshHeatMethodDistanceSolver(
            vertices, faces, t_coef=potpourri_t_coef(vertices, faces, solver.t)).compute_distance(0)
        exact = great_circle(vertices, 0)
        ours_mean, ours_max = relative_errors(ours, exact, 0)
        theirs_mean, theirs_max = relative_errors(theirs, exact, 0)
        print(f"{level:5d} {len(vertices):9,d} | {ours_mean:14.3e} {ours_max:8.3f} | "
              f"{theirs_mean:16.3e} {theirs_max:8.3f} | {np.abs(ours - theirs).max():10.2e}",
              flush=True)
        del solver
    return ours_mean, theirs_mean


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="fewer runs, no factorisation table")
    parser.add_argument("--level", type=int, default=7,
                        help="icosphere level of the timings (default 7: 163,842 vertices)")
    parser.add_argument("--reps", type=int, default=None,
                        help="set-ups of each (default 5, 3 with --quick)")
    parser.add_argument("--queries", type=int, default=5, help="sources per set-up (default 5)")
    parser.add_argument("--error-levels", type=int, nargs="+", default=[5, 6, 7],
                        help="icosphere levels of the error table (default 5 6 7)")
    args = parser.parse_args(argv)
    reps = args.reps or (3 if args.quick else 5)

    from importlib.metadata import version

    print(f"Python {platform.python_version()}, numpy {np.__version__}, scipy "
          f"{version('scipy')}, cholespy {version('cholespy')}, potpourri3d "
          f"{version('potpourri3d')}; ratio = companion / potpourri3d")
    ratios = time_table(args.level, reps, args.queries)
    print()
    setup_profile(args.level, reps)
    if not args.quick:
        print()
        factorisation_table(args.level, 3)
    print()
    ours_mean, theirs_mean = error_table(args.error_levels)
    accuracy = ours_mean / theirs_mean
    print()
    print(f"Targets (issue 18), level {args.level} times, level {args.error_levels[-1]} errors:")
    print(f"  set-up no slower than potpourri3d's:  {ratios['set-up']:.2f}x  "
          f"{'met' if ratios['set-up'] <= 1.0 else 'NOT met'}")
    print(f"  each query within 2x of potpourri3d's: {ratios['per query']:.2f}x  "
          f"{'met' if ratios['per query'] <= 2.0 else 'NOT met'}")
    print(f"  same accuracy (mean relative error):  {accuracy:.2f}x  "
          f"{'met' if accuracy <= 1.1 else 'NOT met'}")


if __name__ == "__main__":
    main()
