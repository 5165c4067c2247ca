"""Jiangsu item statements ('1．检察（款）行政运行（项）支出12,268.62万元' under '（一）公共安全（类）')
against the 一般公共预算支出表 (B7), on real reports with one paragraph or one row altered: the
finding must be exactly the one the change makes, and a 项 whose names fit several rows (or no
row under the headings) is not compared."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from juesuan.checks import check
from juesuan.claims.budget_items import with_items
from juesuan.read import read_path

YUSUAN = Path(__file__).resolve().parent / "fixtures" / "real" / "yusuan"


@pytest.fixture(scope="module")
def procuratorate_2019():
    return read_path(YUSUAN / "jiangsu-procuratorate-2019-budget.pdf")


@pytest.fixture(scope="module")
def procuratorate_2018():
    return read_path(YUSUAN / "jiangsu-procuratorate-2018-budget.pdf")


def _edit(report, old, new):
    hits = [i for i, p in enumerate(report.narrative) if old in p.text]
    assert len(hits) == 1, (old, hits)
    i = hits[0]
    changed = replace(report.narrative[i], text=report.narrative[i].text.replace(old, new))
    return replace(report, narrative=report.narrative[:i] + (changed,) + report.narrative[i + 1 :])


def _with_row(report, code, name, amount):
    """The report with one more 项 row in B7 (a real subject of another 款), same amount."""
    table = report.table("B7")
    model = next(r for r in table.rows if r.code == "2040401")
    row = replace(model, key=code, code=code, name=name, cells=tuple(replace(c, amount=amount) for c in model.cells))
    tables = tuple(replace(t, rows=(*t.rows, row)) if t is table else t for t in report.tables)
    return replace(report, tables=tables)


def _new(before, after, rules=("JS701", "JS714")):
    seen = {(f.rule, f.message) for f in check(before)}
    return [(f.rule, f.severity, f.message) for f in check(after) if f.rule in rules and (f.rule, f.message) not in seen]


_RUN = "1．检察（款）行政运行（项）支出12,268.62万元"


def test_the_unaltered_items_agree_with_b7(procuratorate_2019):
    assert [f for f in check(procuratorate_2019) if f.rule in ("JS701", "JS714")] == []


def test_a_changed_item_amount_is_found(procuratorate_2019):
    after = _edit(procuratorate_2019, _RUN, "1．检察（款）行政运行（项）支出12,268.26万元")
    found = [f for f in check(after) if f.rule == "JS701"]
    assert [(f.rule, f.severity, f.message) for f in found] == [
        ("JS701", "error", "情况说明称行政运行 12268.26万元，公开07表 2040401 行政运行 为 12268.62，相差 0.36")
    ]
    assert [(c.table, c.row, c.column) for c in found[0].cells] == [("B7", "2040401", "金额")]


def test_interval_rounding(procuratorate_2019):
    # 12,268.6 (one decimal) is 12268.55…12268.65: it restates 12268.62; 12,268.7 does not
    assert _new(procuratorate_2019, _edit(procuratorate_2019, _RUN, "1．检察（款）行政运行（项）支出12,268.6万元")) == []
    assert _new(procuratorate_2019, _edit(procuratorate_2019, _RUN, "1．检察（款）行政运行（项）支出12,268.7万元")) == [
        ("JS701", "error", "情况说明称行政运行 12268.7万元，公开07表 2040401 行政运行 为 12268.62，相差 0.08")
    ]
    # 2354.4 restates 2354.40; 315 restates 315.00
    assert _new(procuratorate_2019, _edit(procuratorate_2019, "事业运行(项)支出315万元", "事业运行(项)支出316万元")) == [
        ("JS701", "error", "情况说明称事业运行 316万元，公开07表 2040450 事业运行 为 315.00，相差 1.00")
    ]


def test_the_kuan_of_a_heading_line(procuratorate_2018):
    # '检察（款）:2018年预算支出合计…' above '1．行政运行（项）支出 10,883.36万元'
    after = _edit(procuratorate_2018, "行政运行（项）支出 10,883.36万元", "行政运行（项）支出 10,888.36万元")
    assert _new(procuratorate_2018, after) == [
        ("JS701", "error", "情况说明称行政运行 10888.36万元，公开07表 2040401 行政运行 为 10883.36，相差 5.00")
    ]


def test_a_xiang_that_fits_several_rows_is_not_compared(procuratorate_2019):
    # B7 with a second 行政运行 (2010101, under 人大事务): the statement without its 款 and with
    # no 类 heading above it names both, so it is not compared, however wrong its amount
    wrong = "1．行政运行（项）支出12,268.26万元"
    row = next(r for r in procuratorate_2019.table("B7").rows if r.code == "2040401")
    two = _with_row(procuratorate_2019, "2010101", "行政运行", row.cells[0].amount)
    no_heading = _edit(_edit(two, _RUN, wrong), "（一）公共安全（类）", "（一）公共安全支出情况如下。")
    assert _new(two, no_heading) == []
    # the 类 heading picks out 2040401 again
    assert _new(two, _edit(two, _RUN, wrong)) == [
        ("JS701", "error", "情况说明称行政运行 12268.26万元，公开07表 2040401 行政运行 为 12268.62，相差 0.36")
    ]
    # with the one 行政运行 the table has, the name alone is enough
    alone = _edit(_edit(procuratorate_2019, _RUN, wrong), "（一）公共安全（类）", "（一）公共安全支出情况如下。")
    assert [f.rule for f in check(alone) if f.rule == "JS701"] == ["JS701"]


def test_a_heading_of_another_class_is_not_compared(procuratorate_2019):
    # under '（一）教育（类）' no 检察 行政运行 exists: nothing to compare, nothing claimed
    after = _edit(
        _edit(procuratorate_2019, _RUN, "1．检察（款）行政运行（项）支出12,268.26万元"), "（一）公共安全（类）", "（一）教育（类）"
    )
    assert _new(procuratorate_2019, after) == []


def test_the_context_ends_at_other_text(procuratorate_2019):
    narrative = procuratorate_2019.narrative
    i = next(j for j, p in enumerate(narrative) if p.text.startswith(_RUN))
    claim = next(c for c in _claims(procuratorate_2019) if c.paragraph == i and c.kind == "amount")
    assert claim.item == ("公共安全", "检察", "行政运行")
    # an ordinary paragraph between the heading and the statement ends the heading's context
    inserted = replace(narrative[i - 1], text="主要用于检察业务。")
    moved = (*narrative[:i], inserted, *narrative[i:])
    claims = [c for c in _claims(replace(procuratorate_2019, narrative=moved)) if c.paragraph == i + 1 and c.kind == "amount"]
    assert with_items(moved, i + 1, claims)[0].item == ("", "检察", "行政运行")


def _claims(report):
    from juesuan.checks.context import Context

    return Context(report).analysis.claims
