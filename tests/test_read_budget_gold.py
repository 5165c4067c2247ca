"""juesuan's reader against the hand-made budget gold (tests/gold/real/yusuan/, see test_gold_budget.py).

Every gold cell must be read with the same table id, row code, row name, column path, amount as
printed (same precision) and page, and the reader must produce no cell the gold does not have.  The
cells are compared as multisets: a 政府采购 table prints the same item name under several groups.
The gold covers the family's tables B1…B13; the only other tables a report may have are its appendix
forms (项目支出绩效目标填报表), which the reader keeps apart (no canonical id) and the checks skip.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from test_gold_budget import GOLDS, PDFS, cells_of

from juesuan.read import read_path

Cell = tuple[str, str, str, str, str, str]


def gold_cells(stem: str) -> Counter[Cell]:
    return Counter((c["table"], c["row"], c["name"], c["column"], c["amount"], c["page"]) for c in cells_of(stem))


def read_cells(pdf: Path) -> Counter[Cell]:
    report = read_path(pdf)
    out: Counter[Cell] = Counter()
    for table in report.tables:
        if not table.kind:
            assert "绩效目标" in table.title, f"a table with no canonical id: page {table.source.page} {table.title}"
            continue
        for row in table.rows:
            for cell in row.cells:
                amount = cell.text.replace(",", "")
                page = cell.source.page or row.source.page or table.source.page
                out[(table.kind, row.key, row.name, cell.column, amount, str(page))] += 1
    return out


@pytest.mark.parametrize("stem", sorted(GOLDS))
def test_reader_reads_the_gold_exactly(stem):
    gold, read = gold_cells(stem), read_cells(PDFS / f"{stem}.pdf")
    missing, extra = gold - read, read - gold
    assert not missing and not extra, {"missing": sorted(missing), "extra": sorted(extra)}


@pytest.mark.parametrize("stem", sorted(GOLDS))
def test_reader_amounts_keep_printed_precision(stem):
    report = read_path(PDFS / f"{stem}.pdf")
    for table in report.tables:
        for row in table.rows:
            for cell in row.cells:
                assert str(cell.amount) == cell.text.replace(",", ""), (table.kind, row.name, cell)
