"""The 7-joint spatial arm against the Robotics Toolbox for Python, measured in one run.

Prints three tables for ``companion.robotics.SpatialArm.seven_joint()`` and
the same arm given to the peer (roboticstoolbox-python, its kinematics in
C++) as an elementary transform sequence (``seven_joint_ets`` of
tests/test_robotics_peer.py, where the two are shown to agree to 1e-12):

* forward kinematics and the geometric Jacobian per call: each timed over a
  block of calls at 20 seeded configurations, companion and peer blocks
  alternating, ``--reps`` blocks each, the median block counts; the ratio is
  companion / peer;
* inverse kinematics to 1e-10 in position (metres) and orientation
  (radians): 20 seeded targets ``forward(q_random)`` (reachable), each from
  a seeded start, twice: starts within 0.5 rad per joint of the target's
  angles ("near") and starts drawn on their own ("far"). The companion's
  ``SpatialArm.ik`` (its defaults, ``maxiter=200``) against the peer's C++
  ``ik_LM`` (Chan's Levenberg-Marquardt, its defaults, one search from the
  same start: ``slimit=1``, ``ilimit=200``, no joint limits,
  ``tol=5e-21`` on ``E = |e|^2 / 2``, i.e. ``|e| < 1e-10``) and, as a
  like-for-like row, the peer's Python ``ikine_LM`` (the same method, its
  loop in Python around the C++ kinematics; it solves with ``J^T J + lambda
  E I``, 7 x 7 of rank 6 for this arm, and as ``E`` nears 1e-20 NumPy
  raises LinAlgError on some targets, which then count as not converged). Every solution is judged by
  the companion's forward kinematics: a solve counts as converged only if
  both errors are below 1e-10 there. Per target the fastest of ``--reps``
  solves (solvers alternating) counts; the table prints how many of 20
  converged, the median iterations over the converged solves and the median
  time per solve over all 20;
* where the companion's time goes: the pieces one IK iteration calls, each
  timed per call (median of blocks), and cProfile's top functions over the
  20 near solves.

Usage: ``make bench`` runs it (the peer comes from tests/requirements-peer.txt,
installed by ``make setup``); ``--quick`` times fewer blocks. A benchmark, not
a test: it prints numbers and asserts nothing.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import platform
import pstats
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
# Measure this checkout's companion, installed or not, and reuse the test's
# transcription of the arm for the peer.
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from companion.robotics import SpatialArm  # noqa: E402
from companion.rotations import log_so3  # noqa: E402

TOL = 1e-10
TARGETS = 20
MAXITER = 200


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f} on {os.cpu_count()} cores"


def per_call(function: Callable[[np.ndarray], object], qs: np.ndarray, calls: int) -> float:
    """Seconds per call of ``function`` over ``calls`` calls cycling through ``qs``."""
    start = time.perf_counter()
    for i in range(calls):
        function(qs[i % len(qs)])
    return (time.perf_counter() - start) / calls


def errors(arm: SpatialArm, q: np.ndarray, target: np.ndarray) -> tuple[float, float]:
    T = arm.forward(q)
    return (float(np.linalg.norm(T[:3, 3] - target[:3, 3])),
            float(np.linalg.norm(log_so3(target[:3, :3].T @ T[:3, :3]))))


def kinematics_table(arm: SpatialArm, ets, qs: np.ndarray, reps: int) -> dict[str, float]:
    calls = 2000
    rows = {"forward kinematics": (arm.forward, lambda q: ets.fkine(q).A),
            "geometric Jacobian": (arm.jacobian, ets.jacob0)}
    print(f"Per call, 7-joint arm, {TARGETS} seeded configurations, blocks of {calls} calls, "
          f"alternating, median of {reps} blocks")
    header = f"{'':22s} {'companion':>11s} {'peer (C++)':>11s} {'ratio':>8s}"
    print(header)
    print("-" * len(header))
    ratios = {}
    for name, (ours, theirs) in rows.items():
        times: dict[str, list[float]] = {"ours": [], "theirs": []}
        for rep in range(reps):
            order = (("ours", ours), ("theirs", theirs))
            for label, function in (order if rep % 2 == 0 else order[::-1]):
                times[label].append(per_call(function, qs, calls))
        a, b = statistics.median(times["ours"]), statistics.median(times["theirs"])
        ratios[name] = a / b
        print(f"{name:22s} {a * 1e6:9.1f}us {b * 1e6:9.1f}us {a / b:7.1f}x")
    return ratios


def ik_table(arm: SpatialArm, ets, qs: np.ndarray, starts: dict[str, np.ndarray],
             reps: int) -> dict[tuple[str, str], float]:
    solvers = {
        "companion ik": lambda T, s: _ours(arm, T, s),
        "peer ik_LM (C++)": lambda T, s: _theirs(ets.ik_LM, T, s),
        "peer ikine_LM (Python)": lambda T, s: _theirs(ets.ikine_LM, T, s),
    }
    targets = [arm.forward(q) for q in qs]
    print(f"Inverse kinematics to {TOL:g} (position and orientation, judged by the companion's "
          f"forward kinematics), {TARGETS} seeded reachable targets; per target the fastest of "
          f"{reps} solves, solvers alternating; {load()}")
    header = (f"{'starts':6s} {'solver':24s} {'converged':>9s} {'median it':>9s} "
              f"{'median time':>11s} {'ratio':>7s}")
    print(header)
    print("-" * len(header))
    ratios = {}
    for start_name, start_qs in starts.items():
        results = {}
        for name, solve in solvers.items():
            results[name] = {"time": [], "it": [], "ok": []}
        for target, start in zip(targets, start_qs):
            best: dict[str, float] = {}
            for rep in range(reps):
                order = list(solvers.items())
                if rep % 2:
                    order.reverse()
                for name, solve in order:
                    begin = time.perf_counter()
                    q, iterations = solve(target, start)
                    elapsed = time.perf_counter() - begin
                    best[name] = min(best.get(name, np.inf), elapsed)
                    # q and iterations are deterministic: judge the last solve.
                    if rep == reps - 1:
                        position, orientation = errors(arm, q, target)
                        ok = position < TOL and orientation < TOL
                        results[name]["ok"].append(ok)
                        if ok:
                            results[name]["it"].append(iterations)
            for name in solvers:
                results[name]["time"].append(best[name])
        base = statistics.median(results["peer ik_LM (C++)"]["time"])
        for name, r in results.items():
            t = statistics.median(r["time"])
            it = statistics.median(r["it"]) if r["it"] else float("nan")
            ratios[start_name, name] = t / base
            print(f"{start_name:6s} {name:24s} {sum(r['ok']):6d}/{TARGETS} {it:9.1f} "
                  f"{t * 1e6:9.0f}us {t / base:6.1f}x")
    print("ratio = median time / the peer's C++ ik_LM's median time, same starts")
    return ratios


def _ours(arm: SpatialArm, target: np.ndarray, start: np.ndarray) -> tuple[np.ndarray, int]:
    result = arm.ik(target, start, tol=TOL, maxiter=MAXITER)
    return result.q, result.iterations


def _theirs(method, target: np.ndarray, start: np.ndarray) -> tuple[np.ndarray, int]:
    solution = method(target, q0=start, ilimit=MAXITER, slimit=1, tol=TOL**2 / 2,
                      joint_limits=False)
    return solution.q, solution.iterations


def where_the_time_goes(arm: SpatialArm, qs: np.ndarray, starts: np.ndarray, reps: int) -> None:
    from companion.robotics import _joint_transform
    from companion.rotations import exp_so3

    q = qs[0]
    T = arm.forward(q)
    J = arm.jacobian(q)
    e = np.ones(6)
    w, point = arm.axes[0], arm.points[0]
    pieces = {
        "arm.forward(q) (the chain)": lambda: arm.forward(q),
        "arm.jacobian(q) (chain + axes)": lambda: arm.jacobian(q),
        "  _joint_transform (one joint)": lambda: _joint_transform(w, point, 0.3),
        "  exp_so3 (one joint)": lambda: exp_so3(0.3 * w),
        "log_so3(R_t R^T)": lambda: log_so3(T[:3, :3] @ T[:3, :3].T, tol=1e-6),
        "6x6 solve (J J^T + l^2 I) x = e": lambda: J.T @ np.linalg.solve(J @ J.T + 0.01 * np.eye(6), e),
    }
    calls = 2000
    print(f"Where the companion's IK time goes: pieces of one iteration, per call (median of "
          f"{reps} blocks of {calls})")
    for name, function in pieces.items():
        blocks = []
        for _ in range(reps):
            start = time.perf_counter()
            for _ in range(calls):
                function()
            blocks.append((time.perf_counter() - start) / calls)
        print(f"  {name:34s} {statistics.median(blocks) * 1e6:8.1f}us")
    print("  (one iteration of ik: one jacobian, one or more chains for the trial step, one "
          "log_so3 per chain, one solve per trial)")
    profile = cProfile.Profile()
    targets = [arm.forward(qq) for qq in qs]
    profile.enable()
    for target, start in zip(targets, starts):
        arm.ik(target, start, tol=TOL, maxiter=MAXITER)
    profile.disable()
    stats = pstats.Stats(profile).stats  # (file, line, name) -> (cc, ncalls, tottime, cumtime, callers)
    total = sum(entry[2] for entry in stats.values())
    print(f"cProfile of the {TARGETS} near solves ({total * 1e3:.0f} ms of own time under the "
          "profiler), top functions by own time:")
    print(f"  {'function':52s} {'calls/solve':>11s} {'own':>7s} {'with callees':>12s}")
    top = sorted(stats.items(), key=lambda item: item[1][2], reverse=True)[:10]
    for (filename, line, function), (_, ncalls, tottime, cumtime, _) in top:
        where = f"{Path(filename).name}:{line}({function})" if line else function
        print(f"  {where[:52]:52s} {ncalls / TARGETS:11.1f} {100 * tottime / total:6.1f}% "
              f"{100 * cumtime / total:11.1f}%")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer timing blocks")
    parser.add_argument("--reps", type=int, default=None,
                        help="timing blocks / solves per target (default 7, 3 with --quick)")
    args = parser.parse_args(argv)
    reps = args.reps or (3 if args.quick else 7)

    from importlib.metadata import version

    from test_robotics_peer import seven_joint_ets

    arm, ets = SpatialArm.seven_joint(), seven_joint_ets()
    rng = np.random.default_rng(19)
    qs = rng.uniform(-np.pi, np.pi, (TARGETS, arm.n))
    starts = {"near": qs + rng.uniform(-0.5, 0.5, qs.shape),
              "far": rng.uniform(-np.pi, np.pi, qs.shape)}

    print(f"Python {platform.python_version()}, numpy {np.__version__}, roboticstoolbox-python "
          f"{version('roboticstoolbox-python')}; ratio = companion / peer; {load()}")
    kinematics = kinematics_table(arm, ets, qs, reps)
    print()
    ik = ik_table(arm, ets, qs, starts, reps)
    print()
    where_the_time_goes(arm, qs, starts["near"], reps)
    print()
    print("Targets (issue 19): within 3x of the peer (its C++ ik_LM)")
    print(f"  Jacobian per call:        {kinematics['geometric Jacobian']:6.1f}x  "
          f"{'met' if kinematics['geometric Jacobian'] <= 3 else 'NOT met'}")
    for start_name in starts:
        ratio = ik[start_name, "companion ik"]
        print(f"  IK per solve, {start_name:5s} starts: {ratio:6.1f}x  "
              f"{'met' if ratio <= 3 else 'NOT met'}")
    print(f"after: {load()}")


if __name__ == "__main__":
    main()
