"""The book's time budget: build, notebook execution and start-up, measured.

Prints one table from one run on this machine:

* a clean build of the book (every notebook executed) and a rebuild with no
  change, next to a clean build of the sample book that ``jupyter-book
  create`` generates, built in the same run with the same environment, per
  page;
* every notebook's execution time (fresh kernel, as a reader's
  "Run all"), next to the floor: a notebook that only does
  ``import companion`` and ``import matplotlib.pyplot``. The floor is
  measured next to each notebook (floor, notebook, floor, notebook, ...,
  ``--reps`` pairs) and the fastest run of each is kept, so that the
  machine's speed drifting during the run (it does, by 10-20% over minutes)
  or a slow kernel start (one in a few takes 2.8 s longer) does not count
  against a page or for it;
* ``python -c "import companion"`` cold start-up, less the bare interpreter.

Run it with ``make bench`` (which also prints the numerical-derivatives
table); ``--skip-build`` leaves out the two book builds (the slow part), and
naming notebooks times only those, e.g. after changing one page:
``python benchmarks/build_budget.py --skip-build book/hessian/newton.ipynb``.
This is a benchmark, not a test: it prints numbers and asserts nothing.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
JUPYTER_BOOK = Path(sys.executable).with_name("jupyter-book")


def timed(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def toc_pages(book: Path) -> int:
    import yaml

    def count(entries: list) -> int:
        total = 0
        for entry in entries or []:
            total += 1 if "file" in entry else 0
            total += count(entry.get("sections", []))
            total += count(entry.get("chapters", []))
            for part in entry.get("parts", []):
                total += count(part.get("chapters", []))
        return total

    toc = yaml.safe_load((book / "_toc.yml").read_text())
    return 1 + count(toc.get("chapters", [])) + sum(count(p.get("chapters", []))
                                                    for p in toc.get("parts", []))


def builds() -> list[tuple[str, float, int]]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        sample = Path(tmp) / "sample"
        subprocess.run([str(JUPYTER_BOOK), "create", str(sample)], check=True,
                       stdout=subprocess.DEVNULL)
        # Fastest of three clean builds: the sample is small (5 s), so one slow
        # kernel start would otherwise flatter this book's ratio.
        sample_times = []
        for _ in range(3):
            shutil.rmtree(sample / "_build", ignore_errors=True)
            sample_times.append(timed([str(JUPYTER_BOOK), "build", str(sample)], ROOT))
        rows.append(("sample book, clean build (fastest of 3)", min(sample_times), toc_pages(sample)))
    shutil.rmtree(ROOT / "_build", ignore_errors=True)
    flags = ["-W", "-n", "--keep-going"]
    rows.append(("this book, clean build",
                 timed([str(JUPYTER_BOOK), "build", ".", *flags], ROOT), toc_pages(ROOT)))
    rows.append(("this book, no-change rebuild",
                 timed([str(JUPYTER_BOOK), "build", ".", *flags], ROOT), toc_pages(ROOT)))
    return rows


def execute(path: Path) -> float:
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    start = time.perf_counter()
    # The kernel's own stderr (a notice that it talks over local TCP) is not
    # part of the table.
    client.execute(stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def floor_notebook(folder: Path) -> Path:
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("import companion\nimport matplotlib.pyplot as plt")])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                       "language": "python"}
    path = folder / "floor.ipynb"
    nbformat.write(notebook, path)
    return path


def startup(repeats: int = 7) -> tuple[float, float]:
    def run(code: str) -> float:
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True)
            times.append(time.perf_counter() - start)
        return min(times)

    bare = run("pass")
    return run("import companion") - bare, run("import companion, numpy, sympy") - bare


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--skip-build", action="store_true", help="leave out the two book builds")
    parser.add_argument("--reps", type=int, default=5,
                        help="runs of each notebook, each next to a run of the floor; the fastest of each counts")
    parser.add_argument("notebooks", nargs="*", type=Path,
                        help="time only these notebooks (default: every notebook in book/)")
    args = parser.parse_args()

    print(f"Python {sys.version.split()[0]} on {subprocess.getoutput('nproc')} cores\n")
    if not args.skip_build:
        rows = builds()
        sample_per_page = rows[0][1] / rows[0][2]
        print(f"{'build':40s} {'pages':>5s} {'total':>9s} {'per page':>9s} {'vs sample':>9s}")
        for name, seconds, pages in rows:
            print(f"{name:40s} {pages:5d} {seconds:8.1f}s {seconds / pages:8.2f}s "
                  f"{seconds / pages / sample_per_page:8.2f}x")
        print()

    notebooks = [p.resolve() for p in args.notebooks] or sorted(
        p for p in (ROOT / "book").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
    print(f"{'notebook (fresh kernel, run all)':50s} {'time':>7s} {'floor':>7s} {'vs floor':>9s}")
    worst = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        floor_path = floor_notebook(Path(tmp))
        for path in notebooks:
            pairs = [(execute(floor_path), execute(path)) for _ in range(args.reps)]
            # The fastest run of each. The runs alternate, so both minima come
            # from the same stretch of time, and what disturbs a run only adds
            # to it: now and then a kernel takes about 2.8 s longer to start
            # (measured; it hits the floor and pages alike), which a median of
            # five can still pick up, a minimum cannot.
            floor, seconds = min(p[0] for p in pairs), min(p[1] for p in pairs)
            worst = max(worst, seconds / floor)
            print(f"{str(path.relative_to(ROOT)):50s} {seconds:6.2f}s {floor:6.2f}s {seconds / floor:8.2f}x",
                  flush=True)
    print(f"{'worst ratio (goal: at most 2x)':50s} {'':15s} {worst:8.2f}x\n")

    companion_only, with_numpy_sympy = startup()
    print(f"cold start-up, less the bare interpreter: import companion {companion_only:.3f}s; "
          f"with numpy and sympy {with_numpy_sympy:.3f}s")


if __name__ == "__main__":
    main()
