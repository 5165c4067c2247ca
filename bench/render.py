"""Render speed: each corpus report to every format, against the time to read it.

Prints, per report: read time, document build time (facts + narrative + tables),
the time of each format written alone, and all five formats written together
(``write_all``: Chromium prints the PDF while the others are written). The target
is all formats under 2 s per report.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from juesuan.read import read_path
from juesuan.render import build_document, default_registry
from juesuan.render.facts import from_report
from juesuan.render.pdf import chromium
from juesuan.render.registry import write_all

ROOT = Path(__file__).resolve().parent.parent


def timed(fn):
    start = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - start


def main() -> int:
    registry = default_registry()
    formats = registry.names() if chromium() else tuple(f for f in registry.names() if f != "pdf")
    if "pdf" not in formats:
        print("chromium not found: PDF left out")
    print(f"{'report':<44}{'read':>7}{'build':>7}" + "".join(f"{f:>7}" for f in formats) + f"{'all':>8}")
    worst = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for path in sorted((ROOT / "examples").glob("*.txt")):
            report, read_s = timed(lambda: read_path(path))
            document, build_s = timed(lambda: build_document(report, from_report(report)))
            alone = []
            for fmt in formats:
                _, seconds = timed(lambda: registry.get(fmt).write(document, Path(tmp) / f"alone.{fmt}"))
                alone.append(seconds)
            _, all_s = timed(lambda: write_all(build_document(report, from_report(report)), Path(tmp), path.stem, formats))
            worst = max(worst, all_s)
            print(f"{path.stem:<44}{read_s:>6.2f}s{build_s:>6.2f}s" + "".join(f"{s:>6.2f}s" for s in alone) + f"{all_s:>7.2f}s")
    print(f"all formats, slowest report: {worst:.2f} s (target < 2 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
