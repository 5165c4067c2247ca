"""A 预算's narrative: its change statements and the Shanghai item statements, on real reports
with one sentence altered (the finding must be exactly the one the change makes)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from juesuan.checks import check
from juesuan.checks.budget_narrative import budget_year
from juesuan.checks.context import Context
from juesuan.claims.budget import item_statements
from juesuan.read import read_path

YUSUAN = Path(__file__).resolve().parent / "fixtures" / "real" / "yusuan"
CODES = {"JS703", "JS704", "JS715", "JS761", "JS762", "JS763"}


@pytest.fixture(scope="module")
def wanli():
    return read_path(YUSUAN / "shanghai-putuo-wanli-subdistrict-2024-budget.pdf")


@pytest.fixture(scope="module")
def procuratorate():
    return read_path(YUSUAN / "jiangsu-procuratorate-2018-budget.pdf")


def _edit(report, old, new):
    """The report with one narrative paragraph's text changed (same length or not)."""
    hits = [i for i, p in enumerate(report.narrative) if old in p.text]
    assert len(hits) == 1, (old, hits)
    i = hits[0]
    paragraph = report.narrative[i]
    changed = replace(paragraph, text=paragraph.text.replace(old, new))
    return replace(report, narrative=report.narrative[:i] + (changed,) + report.narrative[i + 1 :])


def _found(report):
    return sorted((f.rule, f.severity, f.message) for f in check(report) if f.rule in CODES)


def test_item_statements_are_read(wanli):
    items = item_statements(wanli)
    assert len(items) == 33
    first = items[0]
    assert (first.name, first.amount, first.previous, first.current, first.direction, first.percent) == (
        "一般公共服务支出（类）统计信息事务（款）专项普查活动（项）",
        Decimal("25.77"),
        Decimal("60.13"),
        Decimal("25.77"),
        "减少",
        Decimal("57.14"),
    )
    # item 12 runs on into the next paragraph
    twelfth = items[11]
    assert twelfth.name.endswith("行政单位离退休（项）") and twelfth.previous == Decimal("20.30")
    assert budget_year(wanli) == 2024  # from the table titles: the text's metadata has no year


def test_the_unaltered_report_has_only_its_misprint(wanli):
    assert [code for code, _, _ in _found(wanli)] == ["JS761"]


def test_a_wrong_percent(wanli):
    found = _found(_edit(wanli, "比2023年预算执行数增加46.19%", "比2023年预算执行数增加46.91%"))
    assert (
        "JS762",
        "error",
        "情况说明“一般公共服务支出（类）组织事务（款）一般行政管理事务（项）”：2023年预算执行数 60.79万元，2024年预算安排 88.87万元，称增加46.91%，按两数计算应为 46.19%",
    ) in found
    assert len(found) == 2  # and the report's own JS761


def test_a_wrong_direction_and_a_wrong_flat(wanli):
    found = _found(_edit(wanli, "比2023年预算执行数增加46.19%", "比2023年预算执行数减少46.19%"))
    assert any(code == "JS762" and "称“减少”，但预算安排大于上年执行数，增减方向有误" in message for code, _, message in found)
    found = _found(_edit(wanli, "比2023年预算执行数增加46.19%", "比2023年预算执行数持平"))
    assert any(code == "JS762" and message.endswith("称“持平”，但两数不等") for code, _, message in found)


def test_a_wrong_year(wanli):
    found = _found(_edit(wanli, "2024年预算安排88.87万元，比2023年预算执行数", "2024年预算安排88.87万元，比2024年预算执行数"))
    assert (
        "JS763",
        "error",
        "情况说明“一般公共服务支出（类）组织事务（款）一般行政管理事务（项）”：比较的年度写作2024年，应为上一年度2023年",
    ) in found
    # the 三公 statement: 比2024年预算 in a 2024 budget
    found = _found(
        _edit(
            wanli, "2024年“三公”经费预算数为47.91万元，比2023年预算增加25万元", "2024年“三公”经费预算数为47.91万元，比2024年预算增加25万元"
        )
    )
    assert ("JS715", "warning", "情况说明将2024年度数与2024年度比较，与上年比较应为2023年度") in found


def test_a_restated_item_amount(wanli):
    found = _found(_edit(wanli, "2024年预算安排25.77万元", "2024年预算安排25.78万元"))
    assert (
        "JS761",
        "error",
        "情况说明“一般公共服务支出（类）统计信息事务（款）专项普查活动（项）”先称 25.77万元，后称2024年预算安排 25.78万元，同一项目金额前后不一致",
    ) in found


def test_jiangsu_change_statements(procuratorate):
    claims = [c for c in Context(procuratorate).analysis.claims if c.kind == "change"]
    by_change = {c.change: c for c in claims}
    # '…21,940.96万元，与上年相比增加 3,959.28万元，增长22 %': no comma after 相比, spaces in numbers
    first = by_change[Decimal("3959.28")]
    assert (first.amount, first.percent, first.base, first.trend) == (Decimal("21940.96"), Decimal("22"), "上年预算数", "增长")
    assert first.quote == "一般公共预算收入预算 21,940.96万元，与上年相比增加 3,959.28万元，增长22 %"  # as printed
    # a change in a sentence of its own is of the amount stated before it
    assert by_change[Decimal("2802.41")].amount == Decimal("16458.75")
    assert by_change[Decimal("0.61")].amount == Decimal("14.39")
    # 与上年预算数相等
    assert any(c.flat and c.amount == Decimal("100") for c in claims)


def test_a_jiangsu_wrong_percent_is_found(procuratorate):
    before = _found(procuratorate)
    after = _found(_edit(procuratorate, "增长20.52 %", "增长25.02 %"))
    new = [f for f in after if f not in before]
    assert new == [
        (
            "JS703",
            "error",
            "情况说明称公共安全（类）支出比上年预算数增加2802.41万元、增长25.02%；按本年数 16458.75万元推算上年预算数为 13656.34万元，增长幅度应为 20.52%",
        )
    ]


def _restatements(report):
    return [(f.rule, f.severity, f.message) for f in check(report) if f.rule == "JS701"]


def test_narrative_in_wan_against_tables_in_yuan(wanli):
    # 收入预算15621.11万元 restates B1 收入总计 156211123元 (= 15621.1123万元)
    assert _restatements(wanli) == []
    found = _restatements(_edit(wanli, "收入预算15621.11万元", "收入预算15621.21万元"))
    assert found == [
        (
            "JS701",
            "error",
            "情况说明称收入预算总计 15621.21万元，2024年部门财务收支预算总表 收入总计 为 15621.1123，相差 0.0977",
        )
    ]


def test_the_yuan_table_is_compared_through_its_interval(wanli):
    from juesuan.checks.mutation import targets, with_amount

    target = next(t for t in targets(wanli) if t.table == "B1" and t.name == "收入总计")
    # 156211149元 = 15621.1149万元 rounds to 15621.11: restated
    assert _restatements(with_amount(wanli, target, Decimal("156211149"))) == []
    # 156211151元 = 15621.1151万元 rounds to 15621.12: not what the narrative says
    found = _restatements(with_amount(wanli, target, Decimal("156211151")))
    assert len(found) == 1 and "收入总计 为 15621.1151，相差 0.0051" in found[0][2]


def test_jiangsu_restatements_of_the_tables(procuratorate):
    analysis = Context(procuratorate).analysis
    linked = {analysis.claims[r.claim].quantity for r in analysis.restatements}
    assert {"income.grand_total", "expenditure.basic", "fiscal.total", "general_basic.total", "sangong.meeting", "running_cost"} <= linked
    found = _restatements(_edit(procuratorate, "会议费预算支出 200.44万元", "会议费预算支出 204.44万元"))
    assert found == [("JS701", "error", "情况说明称会议费预算 204.44万元，公开09表 「会议费」栏 为 200.44，相差 4.00")]
