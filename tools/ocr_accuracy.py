"""OCR accuracy against a hand gold file: each gold cell read exactly, uncertain, wrong or missing.

    python tools/ocr_accuracy.py SCANNED.pdf GOLD.cells.csv [--dpi 200]

A gold cell (table,row,name,column,amount,page) is matched to the cell the reader
gives for the same table, row (its code, or its name when it has none) and column.
"exact" counts cells whose printed text equals the gold; "silently wrong" counts
cells with another amount that are not marked uncertain — the figure that must be 0.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import Counter
from decimal import Decimal
from pathlib import Path

from juesuan.read import read_path
from juesuan.read.ocr import Limits
from juesuan.read.ocr.pool import limits as ocr_limits


def _key(table: str, row: str, name: str, column: str) -> tuple[str, str, str]:
    return (table, row or name, column)


def measure(scanned: Path, gold: Path, dpi: int = 200) -> tuple[Counter[str], list[str]]:
    with ocr_limits(Limits(dpi=dpi)):
        report = read_path(scanned)
    cells = {}
    for table in report.tables:
        for row in table.rows:
            for cell in row.cells:
                cells.setdefault(_key(table.kind or table.number, row.key, row.name, cell.column), cell)
    tally: Counter[str] = Counter()
    wrong: list[str] = []
    with gold.open(encoding="utf-8") as handle:
        for record in csv.DictReader(handle):
            cell = cells.get(_key(record["table"], record["row"], record["name"], record["column"]))
            if cell is None:
                tally["missing"] += 1
                wrong.append(f"{record['table']} {record['row'] or record['name']} {record['column']}: gold {record['amount']} not read")
                continue
            right = cell.amount == Decimal(record["amount"])
            if right:
                tally["exact, uncertain" if cell.uncertain else "exact"] += 1
            else:
                tally["wrong, uncertain" if cell.uncertain else "silently wrong"] += 1
                wrong.append(
                    f"{record['table']} {record['row'] or record['name']} {record['column']}: gold {record['amount']} read {cell.text} (score {cell.confidence}, uncertain {cell.uncertain})"
                )
    return tally, wrong


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("scanned", type=Path)
    parser.add_argument("gold", type=Path)
    parser.add_argument("--dpi", type=int, default=200)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    tally, wrong = measure(args.scanned, args.gold, args.dpi)
    total = sum(tally.values())
    print(f"{args.scanned.name}: {total} gold cells, {time.perf_counter() - started:.1f} s")
    for label in ("exact", "exact, uncertain", "wrong, uncertain", "silently wrong", "missing"):
        print(f"  {label:18} {tally[label]:4}  {100 * tally[label] / max(total, 1):6.2f}%")
    for line in wrong:
        print("   ", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
