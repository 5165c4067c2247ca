"""政府采购 statements of the real 预算 reports against the 政府采购预算表 (B13) and against
themselves: '2018年度政府采购支出预算总额1,281.76万元，其中：拟采购货物支出355.67万元、拟采购
工程支出0万元、拟购买服务支出926.09万元' (江苏; B13 prints 合计 1,281.76, 一、货物A 355.67,
三、服务C 926.09 and no 工程 row: pdftotext of page 12 of the tables file), '政府采购预算830.00万元，
其中：政府采购货物预算10.00万元、政府采购工程预算550.00万元、政府采购服务预算270.00万元' (上海,
which prints no 政府采购 table). Each altered statement is checked by interval rounding."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from juesuan.checks import check
from juesuan.checks.context import Context
from juesuan.read import read_path, read_paths

YUSUAN = Path(__file__).resolve().parent / "fixtures" / "real" / "yusuan"


@pytest.fixture(scope="module")
def cppcc():
    return read_paths([YUSUAN / "jiangsu-cppcc-office-2018-budget.pdf", YUSUAN / "jiangsu-cppcc-office-2018-budget-tables.pdf"])


@pytest.fixture(scope="module")
def wanli():
    return read_path(YUSUAN / "shanghai-putuo-wanli-subdistrict-2023-budget.pdf")


def _edit(report, old, new):
    i = next(i for i, p in enumerate(report.narrative) if old in p.text)
    changed = replace(report.narrative[i], text=report.narrative[i].text.replace(old, new))
    return replace(report, narrative=report.narrative[:i] + (changed,) + report.narrative[i + 1 :])


def _new(report, altered):
    before = {(f.rule, f.message) for f in check(report)}
    return sorted((f.rule, f.message) for f in check(altered) if (f.rule, f.message) not in before)


def _procurement(report):
    a = Context(report).analysis
    stated = {c.quantity: c.amount for c in a.claims if c.quantity.startswith("procurement.")}
    restated = sorted(a.claims[r.claim].quantity for r in a.restatements if a.claims[r.claim].quantity.startswith("procurement."))
    summed = [b for b in a.breakdowns if b.total == "procurement.total"]
    return stated, restated, summed


def test_the_statements_are_read_and_agree_with_the_table(cppcc):
    stated, restated, summed = _procurement(cppcc)
    assert stated == {
        "procurement.total": Decimal("1281.76"),
        "procurement.goods": Decimal("355.67"),
        "procurement.works": Decimal("0"),
        "procurement.services": Decimal("926.09"),
    }
    # 工程 0: B13 prints no 工程 row, so that figure is not compared with a cell
    assert restated == ["procurement.goods", "procurement.services", "procurement.total"]
    assert len(summed) == 1
    assert not [f for f in check(cppcc) if f.rule in ("JS701", "JS707") and "采购" in f.message]


def test_a_part_that_is_not_the_table_row_and_breaks_the_sum(cppcc):
    altered = _edit(cppcc, "拟购买服务支出926.09万元", "拟购买服务支出962.09万元")
    assert _new(cppcc, altered) == [
        ("JS701", "情况说明称政府采购服务预算 962.09万元，公开12表 三、服务C 为 926.09，相差 36.00"),
        (
            "JS707",
            "情况说明称政府采购预算 1281.76万元，其分项（政府采购货物预算 355.67、政府采购工程预算 0、政府采购服务预算 962.09）之和为 1317.76万元",
        ),
    ]
    # 0.01 in the last place of one part is within the rounding of the parts' sum, not of the cell
    altered = _edit(cppcc, "拟采购货物支出355.67万元", "拟采购货物支出355.68万元")
    assert _new(cppcc, altered) == [("JS701", "情况说明称政府采购货物预算 355.68万元，公开12表 一、货物A 为 355.67，相差 0.01")]


def test_a_part_with_no_row_only_breaks_the_sum(cppcc):
    altered = _edit(cppcc, "拟采购工程支出0万元", "拟采购工程支出5万元")
    assert _new(cppcc, altered) == [
        (
            "JS707",
            "情况说明称政府采购预算 1281.76万元，其分项（政府采购货物预算 355.67、政府采购工程预算 5、政府采购服务预算 926.09）之和为 1286.76万元",
        )
    ]


def test_without_a_table_the_statement_is_checked_against_itself(wanli):
    stated, restated, summed = _procurement(wanli)
    assert stated["procurement.total"] == Decimal("830.00") and restated == [] and len(summed) == 1
    assert _new(wanli, _edit(wanli, "政府采购货物预算10.00万元", "政府采购货物预算20.00万元")) == [
        (
            "JS707",
            "情况说明称政府采购预算 830.00万元，其分项（政府采购货物预算 20.00、政府采购工程预算 550.00、政府采购服务预算 270.00）之和为 840.00万元",
        )
    ]
    # 10.01: the three parts' sum 830.01 ± 0.015 still holds 830.00 ± 0.005
    assert _new(wanli, _edit(wanli, "政府采购货物预算10.00万元", "政府采购货物预算10.01万元")) == []


def test_a_part_not_stated_leaves_the_sum_unchecked():
    report = read_paths([YUSUAN / "jiangsu-npc-office-2019-budget.pdf", YUSUAN / "jiangsu-npc-office-2019-budget-tables.pdf"])
    stated, restated, summed = _procurement(report)
    assert "procurement.works" not in stated and summed == []  # 货物 and 服务 only: no sum is assumed
    assert restated == ["procurement.goods", "procurement.services", "procurement.total"]
