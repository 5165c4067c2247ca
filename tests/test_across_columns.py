"""The 上年预算数 column a budget table prints, against last year's report (JS905/JS906).

No corpus budget prints such a column, so the tests derive one: the Jiangsu procuratorate's
2018 一般公共预算支出表 (B7) gets a 上年预算数 column holding what its 2017 report printed
for the same rows (read from the 2017 PDF), then one figure is altered.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from functools import cache
from pathlib import Path

from juesuan.checks.across import check_previous
from juesuan.model import Cell, Column, Report
from juesuan.profiles import builtin
from juesuan.read import read_path

FIXTURES = Path(__file__).parent / "fixtures" / "real" / "yusuan"
PREVIOUS = "上年预算数"


@cache
def _pair() -> tuple[Report, Report]:
    return (
        read_path(FIXTURES / "jiangsu-procuratorate-2018-budget.pdf"),
        read_path(FIXTURES / "jiangsu-procuratorate-2017-budget.pdf"),
    )


def _with_previous(current: Report, last: Report, change: dict[str, Decimal] | None = None, drop: str = "") -> Report:
    """``current`` whose B7 prints last year's B7 totals in a 上年预算数 column (rows last
    year prints; ``change`` adds to some, ``drop`` leaves one code out of last year)."""
    table, old = current.table("B7"), last.table("B7")
    assert table is not None and old is not None and table.complete and old.complete
    total = old.column("total")
    assert total is not None
    printed = {row.code: row.cell(total.key) for row in old.rows if row.code and row.code != drop}
    rows = []
    for row in table.rows:
        cell = printed.get(row.code) if row.code else None
        if cell is None:
            rows.append(row)
            continue
        amount = cell.amount + (change or {}).get(row.code, Decimal(0))
        first = row.cells[0]
        rows.append(replace(row, cells=(*row.cells, Cell(PREVIOUS, amount, f"{amount}", first.source))))
    columns = (*table.columns, Column(PREVIOUS, "previous"))
    b7 = replace(table, columns=columns, rows=tuple(rows))
    return replace(current, tables=tuple(b7 if t is table else t for t in current.tables))


def _codes(findings, rule):
    return [f for f in findings if f.rule == rule]


def test_the_budget_profile_names_a_previous_year_column():
    spec = builtin().get("yusuan-jiangsu-2017").tables["B7"]
    assert spec.column_role((PREVIOUS,)) == "previous"
    assert spec.column_role(("合计",)) == "total"


def test_a_previous_column_that_restates_last_year_gives_no_finding():
    current, last = _pair()
    findings = check_previous(_with_previous(current, last), last, "2017.pdf")
    assert _codes(findings, "JS905") == []
    assert _codes(findings, "JS906") == []  # every row with a figure is found in 2017


def test_a_previous_figure_unlike_last_years_report_is_a_warning_naming_both_cells():
    current, last = _pair()
    code = next(row.code for row in last.table("B7").rows if len(row.code) == 7)
    findings = check_previous(_with_previous(current, last, {code: Decimal("1.00")}), last, "2017.pdf")
    (finding,) = _codes(findings, "JS905")
    assert finding.severity == "warning"
    assert finding.cells[0].table == "B7" and finding.cells[0].row == code and finding.cells[0].column == PREVIOUS
    assert finding.cells[1].table == "other" and finding.cells[1].page is not None
    assert finding.difference == Decimal("1.00")
    assert "上年数与上年报告不一致" in finding.message
    # within the printed precision it is the same figure: no finding
    nudged = _with_previous(current, last, {code: Decimal("0.004")})
    assert _codes(check_previous(nudged, last, "2017.pdf"), "JS905") == []


def test_a_row_last_year_does_not_print_is_said_not_guessed():
    current, last = _pair()
    code = next(row.code for row in last.table("B7").rows if len(row.code) == 7)
    with_row = _with_previous(current, last)
    dropped = replace(
        last, tables=tuple(replace(t, rows=tuple(r for r in t.rows if r.code != code)) if t.kind == "B7" else t for t in last.tables)
    )
    findings = check_previous(with_row, dropped, "2017.pdf")
    assert _codes(findings, "JS905") == []
    (info,) = _codes(findings, "JS906")
    assert info.severity == "info" and code in info.message
