"""Mutation harness report for the table checks (issue 3).

For each bundled report: every numeric cell changed in turn (±0.05, ±1, ×1.1, two
adjacent digits swapped); prints per table the changes made, those an identity can
see given the printed precision, those caught by an error naming the cell, recall,
the cells no identity covers, and each change the precision hides in principle.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from juesuan.checks import RULES
from juesuan.checks.mutation import missed, mutate, stats, uncovered, undetectable
from juesuan.read import read_path

ROOT = Path(__file__).resolve().parent.parent


def main(verbose: bool) -> int:
    failures = 0
    for path in sorted((ROOT / "examples").glob("*.txt")):
        started = time.process_time()
        outcomes = mutate(read_path(path), RULES)
        seconds = time.process_time() - started
        print(f"\n{path.name}: {len(outcomes)} changes in {seconds:.1f} s CPU")
        print(f"  {'table':5} {'changes':>8} {'visible':>8} {'caught':>7} {'recall':>7}")
        for s in stats(outcomes):
            print(f"  {s.table:5} {s.changes:8} {s.possible:8} {s.caught:7} {s.recall:7.1%}")
        print(f"  cells no identity covers: {len(uncovered(outcomes))}")
        for target in uncovered(outcomes):
            print(f"    {target.table} {target.row} {target.name} {target.column}")
        hidden = undetectable(outcomes)
        print(f"  changes hidden by the printed precision: {len(hidden)}")
        for o in hidden if verbose else hidden[:8]:
            print(f"    {o.target.table} {o.target.row or o.target.name} {o.target.column}: {o.target.amount} → {o.mutated} ({o.kind})")
        if not verbose and len(hidden) > 8:
            print(f"    … {len(hidden) - 8} more (--verbose lists all)")
        failures += len(missed(outcomes))
    print(f"\nmissed (visible but not caught): {failures}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main("--verbose" in sys.argv))
