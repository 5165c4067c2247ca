"""CPU time per report of each stage: reading, the claims of the narrative (read and
linked to the tables), and every check; their sum, and checks against reading.

Steady state, best of N per stage: the text reports of the corpus (``examples/*.txt``)
and, as a second figure, the real Shanghai Putuo 2024 决算 PDF (fewer repeats). Each run
of a stage starts from its input (reading from the bytes, the claims from the report,
the checks from the report and its claims, in a new ``Context``), so nothing of one run
is kept for the next.

Usage: python bench/check_speed.py [REPEAT]
"""

from __future__ import annotations

import sys
from pathlib import Path

from timing import best_cpu

from juesuan.checks import Context, check
from juesuan.claims.link import analyse
from juesuan.read import read_bytes

ROOT = Path(__file__).resolve().parent.parent
PDF = ROOT / "tests" / "fixtures" / "real" / "juesuan" / "shanghai-putuo-planning-resources-bureau-2024-final.pdf"


def stages(path: Path, repeat: int) -> tuple[float, float, float]:
    """(read, claims, checks) CPU seconds of one report."""
    data = path.read_bytes()
    report = read_bytes(data, path.name)
    analysis = analyse(report)
    check(report, context=Context(report, analysis))  # warm the profile's and catalog's caches
    read = best_cpu(lambda: read_bytes(data, path.name), repeat)
    claims = best_cpu(lambda: analyse(report), repeat)
    checks = best_cpu(lambda: check(report, context=Context(report, analysis)), repeat)
    return read, claims, checks


def main(repeat: int = 20) -> None:
    paths = sorted((ROOT / "examples").glob("*.txt"))
    rows = [(path.name, *stages(path, repeat)) for path in paths]
    if PDF.is_file():
        rows.append((PDF.name, *stages(PDF, max(3, repeat // 5))))
    print(f"{'report (CPU ms, best of runs)':56} {'read':>7} {'claims':>7} {'checks':>7} {'sum':>7} {'checks/read':>12}")
    for name, read, claims, checks in rows:
        total = read + claims + checks
        print(f"{name:56} {read * 1e3:7.1f} {claims * 1e3:7.1f} {checks * 1e3:7.1f} {total * 1e3:7.1f} {checks / read:12.2f}")
    texts = rows[: len(paths)]
    mean = [sum(r[i] for r in texts) / len(texts) * 1e3 for i in (1, 2, 3)]
    print(f"{'corpus text reports, mean':56} {mean[0]:7.1f} {mean[1]:7.1f} {mean[2]:7.1f} {sum(mean):7.1f} {mean[2] / mean[0]:12.2f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
