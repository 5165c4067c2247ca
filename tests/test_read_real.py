"""Real published 决算 PDFs read against gold files written by hand from the rendered pages.

The gold files (tests/gold/real) were transcribed independently of the reader and are
verified on their own by test_gold_real.py (identities, every printed number). Here the
reader must give exactly the gold: every cell with its page, every row (blank rows
included), every value column's printed header path, and nothing else.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from juesuan.model.tidy import tidy_cells
from juesuan.read import read_path

HERE = Path(__file__).resolve().parent
GOLD = HERE / "gold" / "real"
PDFS = HERE / "fixtures" / "real" / "juesuan"
PUTUO = "shanghai-putuo-planning-resources-bureau-2024-final"
TEMPLATE = "shanghai-final-accounts-template-2024"


def _gold(name: str) -> list[dict[str, str]]:
    with (GOLD / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module", params=[PUTUO, TEMPLATE])
def real(request):
    return request.param, read_path(PDFS / f"{request.param}.pdf")


def _diff(got: list, want: list) -> tuple[list, list]:
    g, w = Counter(got), Counter(want)
    return sorted((w - g).elements()), sorted((g - w).elements())


def test_every_gold_cell_exactly_and_no_other(real):
    stem, report = real
    path = GOLD / f"{stem}.cells.csv"
    want = [(r["table"], r["row"], r["name"], r["column"], r["amount"], r["page"]) for r in _gold(path.name)] if path.exists() else []
    cells = {(t.kind, row.key, row.name, c.column): c for t in report.tables for row in t.rows for c in row.cells}
    got = [
        (c.table, c.row, c.name, c.column, c.amount, str(cells[(c.table, c.row, c.name, c.column)].source.page)) for c in tidy_cells(report)
    ]
    missing, extra = _diff(got, want)
    assert not missing and not extra, (missing[:5], extra[:5])


def test_every_printed_row_blank_ones_included(real):
    stem, report = real
    want = [(r["table"], r["side"], r["row"], r["name"], r["page"]) for r in _gold(f"{stem}.rows.csv")]
    got = [(t.kind, row.side, row.key, row.name, str(row.source.page)) for t in report.tables for row in t.rows]
    missing, extra = _diff(got, want)
    assert not missing and not extra, (missing[:5], extra[:5])


def test_value_columns_by_their_printed_header_path(real):
    stem, report = real
    want = [(r["table"], r["column"]) for r in _gold(f"{stem}.columns.csv")]
    got = [(t.kind, c.key) for t in report.tables for c in t.columns]
    assert Counter(got) == Counter(want)


def test_tables_are_complete_and_roles_known(real):
    _, report = real
    assert sorted(t.kind for t in report.tables) == [f"T{i}" for i in range(1, 10)]
    for table in report.tables:
        assert table.complete, table.unread
        assert all(column.role for column in table.columns)
    assert report.unrecognized == ()


def test_profile_chosen_by_content_with_evidence(real):
    _, report = real
    assert report.profile.id == "juesuan-shanghai-2024" and not report.profile.forced
    assert "出现“上海市”" in report.profile.evidence


def test_contents_page_is_not_read_as_tables():
    report = read_path(PDFS / f"{PUTUO}.pdf")
    assert sorted(t.source.page for t in report.tables) == [7, 8, 10, 12, 14, 16, 17, 18, 19]
    assert all(t.title.endswith("表") and not t.title.startswith("一、") for t in report.tables)


def test_shanghai_conventions():
    report = read_path(PDFS / f"{PUTUO}.pdf")
    t1 = report.table("T1")
    assert all(row.key == "" for row in t1.rows)  # no 行次 printed
    assert t1.row("") is not None
    blank = next(row for row in t1.rows if row.name == "二、政府性基金预算财政拨款收入")
    assert blank.cells == () and blank.role == "fund_fiscal"  # blank stays blank, never 0.00
    t2 = report.table("T2")
    assert t2.rows[0].role == "total" and t2.rows[0].name == "合计"  # 合计 at the top
    t5 = report.table("T5")
    assert t5.rows[-1].role == "total"  # 合计 at the bottom
    t9 = report.table("T9")
    assert [c.role for c in t9.columns][:4] == ["budget_total", "final_total", "budget_abroad", "final_abroad"]
    t7 = report.table("T7")
    assert t7.no_activity and t7.rows[0].role == "total" and not t7.rows[0].cells
    assert [c.key for c in t7.columns][2:5] == ["本年支出/合计", "本年支出/基本支出", "本年支出/项目支出"]
