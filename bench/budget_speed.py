"""Read + check time of the budget (预算) PDFs, per report and per page, against the floor.

Usage: .venv/bin/python bench/budget_speed.py [--runs N]

For each of the 28 budget PDFs in tests/fixtures/real/yusuan/ it prints the wall time of
juesuan's read (``read_path``) and of the checks (``check`` over the report read), both per
report and per page, next to the pypdfium2 floor: opening the PDF and extracting the text of
every page, which any PDF reader must do at least. The ratio is (read + check) / floor.
Each figure is the best of N runs (default 3) on one core.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium

from juesuan.checks import check
from juesuan.checks.context import Context
from juesuan.read import read_path

ROOT = Path(__file__).resolve().parent.parent
BUDGETS = ROOT / "tests" / "fixtures" / "real" / "yusuan"


def best(fn: Callable[[], object], runs: int) -> tuple[float, object]:
    """Seconds of the fastest of ``runs`` calls, and the last result."""
    fastest, result = float("inf"), None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        fastest = min(fastest, time.perf_counter() - start)
    return fastest, result


def floor(path: Path) -> int:
    """Open the PDF and extract every page's text with pypdfium2; the page count."""
    document = pdfium.PdfDocument(str(path))
    try:
        for page in document:
            page.get_textpage().get_text_range()
        return len(document)
    finally:
        document.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    paths = sorted(BUDGETS.glob("*.pdf"))
    read_path(paths[0])  # warm imports, profiles and the catalog
    header = f"{'report':56} {'pages':>5} {'read ms':>8} {'check ms':>8} {'ms/page':>8} {'floor ms':>8} {'floor/page':>10} {'×floor':>7}"
    print(header)
    totals = {"pages": 0, "read": 0.0, "check": 0.0, "floor": 0.0}
    for path in paths:
        floor_s, pages = best(lambda: floor(path), args.runs)
        read_s, report = best(lambda: read_path(path), args.runs)
        check_s, _ = best(lambda: check(report, context=Context(report)), args.runs)
        assert isinstance(pages, int)
        totals["pages"] += pages
        totals["read"] += read_s
        totals["check"] += check_s
        totals["floor"] += floor_s
        both = read_s + check_s
        print(
            f"{path.name:56} {pages:5d} {read_s * 1e3:8.1f} {check_s * 1e3:8.1f} {both * 1e3 / pages:8.2f}"
            f" {floor_s * 1e3:8.1f} {floor_s * 1e3 / pages:10.2f} {both / floor_s:7.1f}"
        )
    pages, both = int(totals["pages"]), totals["read"] + totals["check"]
    print(
        f"all {len(paths)} budget PDFs, {pages} pages: read {totals['read']:.2f} s + check {totals['check']:.2f} s"
        f" = {both * 1e3 / pages:.2f} ms/page, {both / len(paths) * 1e3:.0f} ms/report;"
        f" floor {totals['floor'] * 1e3 / pages:.2f} ms/page; ×{both / totals['floor']:.1f} the floor"
    )


if __name__ == "__main__":
    main()
