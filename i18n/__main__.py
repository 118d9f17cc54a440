"""The translator's commands (run from the repository root with the project's Python).

    .venv/bin/python -m i18n status [--strict]
        translated / stale / missing / orphaned units, per page and in total;
        --strict exits 1 if any page has a stale or missing unit (the release check)
    .venv/bin/python -m i18n todo PAGE
        start or refresh PAGE's translation file (i18n/ko/<page>.yml): adds an
        entry, with the English text and its hash and an empty `ko`, for every
        unit that has none, and prints every unit that needs work: missing ones
        with their English, stale ones as a diff of the English they were
        translated from against today's
    .venv/bin/python -m i18n accept PAGE KEY [KEY ...]
        after updating the Korean of stale units, record today's English (hash
        and text) for them
    .venv/bin/python -m i18n generate
        write the Korean project to _build/ko_src (make ko-build runs it)
"""

from __future__ import annotations

import argparse
import difflib
import sys
import time
from pathlib import Path

from .core import ROOT, book_status, iter_totals, load_translations, page_status, page_units, save_translations


def _page(name: str) -> Path:
    path = Path(name)
    if path.is_absolute():
        path = path.relative_to(ROOT)
    if not (ROOT / path).is_file():
        sys.exit(f"no such page: {name}")
    return path


def status(strict: bool) -> int:
    statuses = book_status()
    width = max(len(s.page.as_posix()) for s in statuses)
    print(f"{'page':<{width}}  translated  stale  missing  orphaned")
    for s in statuses:
        print(f"{s.page.as_posix():<{width}}  {len(s.translated):>10}  {len(s.stale):>5}  "
              f"{len(s.missing):>7}  {len(s.orphaned):>8}")
    totals = dict(iter_totals(statuses))
    complete = sum(s.complete for s in statuses)
    print(f"Korean edition: {totals['translated']} units translated, {totals['stale']} stale, "
          f"{totals['missing']} missing, {totals['orphaned']} orphaned; "
          f"{complete} of {len(statuses)} pages complete")
    if strict and (totals["stale"] or totals["missing"]):
        incomplete = [s.page.as_posix() for s in statuses if not s.complete]
        print("Release check failed: stale or missing translations in\n  " + "\n  ".join(incomplete))
        return 1
    return 0


def todo(name: str) -> int:
    page = _page(name)
    entries = load_translations(page)
    s = page_status(page)
    units = {unit.key: unit for unit in s.units}
    for key in s.missing:
        if key not in entries:
            entries[key] = {"hash": units[key].hash, "en": units[key].text, "ko": ""}
    # Keep the file in the page's order; orphans last (delete them once read).
    ordered = {key: entries[key] for key in units if key in entries}
    ordered.update({key: entries[key] for key in entries if key not in units})
    path = save_translations(page, ordered)
    print(f"{path.relative_to(ROOT)}: {len(s.translated)} translated, {len(s.stale)} stale, "
          f"{len(s.missing)} missing, {len(s.orphaned)} orphaned")
    for key in s.missing:
        print(f"\n== missing: {key} (hash {units[key].hash})\n{units[key].text.rstrip()}")
    for key in s.stale:
        old = (entries[key].get("en") or "").splitlines()
        new = units[key].text.splitlines()
        diff = "\n".join(difflib.unified_diff(old, new, "translated from", "English now", lineterm=""))
        print(f"\n== stale: {key} (hash {entries[key]['hash']} -> {units[key].hash})\n{diff}")
        print(f"   update its `ko`, then: .venv/bin/python -m i18n accept {page.as_posix()} {key}")
    for key in s.orphaned:
        print(f"\n== orphaned: {key} (no such unit in the English page any more: delete it)")
    return 0


def accept(name: str, keys: list[str]) -> int:
    page = _page(name)
    entries = load_translations(page)
    units = {unit.key: unit for unit in page_units(page)}
    for key in keys:
        if key not in entries or key not in units:
            sys.exit(f"{key}: not both in the translation file and in the English page")
        entries[key]["hash"], entries[key]["en"] = units[key].hash, units[key].text
    save_translations(page, entries)
    print(f"accepted {len(keys)} unit(s) of {page.as_posix()}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m i18n", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("status", help="translated / stale / missing counts")
    check.add_argument("--strict", action="store_true", help="fail on stale or missing units")
    start = commands.add_parser("todo", help="start or refresh a page's translation file")
    start.add_argument("page")
    done = commands.add_parser("accept", help="record today's English for updated units")
    done.add_argument("page")
    done.add_argument("keys", nargs="+")
    commands.add_parser("generate", help="write the Korean project to _build/ko_src")
    args = parser.parse_args(argv)
    if args.command == "status":
        return status(args.strict)
    if args.command == "todo":
        return todo(args.page)
    if args.command == "accept":
        return accept(args.page, args.keys)
    from .generate import generate
    began = time.perf_counter()
    out = generate()
    print(f"Korean project written to {out.relative_to(ROOT)} in {time.perf_counter() - began:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
