"""juesuan check on the real Shanghai 决算: every real inconsistency of its 情况说明 and
headings is found, with its quote, and nothing an auditor would reject is reported.

The inconsistencies were found by reading the report and recomputing every figure
(tests/fixtures/real/juesuan/putuo-2024-narrative-audit.md), independently of juesuan.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from juesuan.checks import check
from juesuan.model import map_cells
from juesuan.read import read_path

PDF = Path(__file__).resolve().parent / "fixtures" / "real" / "juesuan" / "shanghai-putuo-planning-resources-bureau-2024-final.pdf"

# (rule, severity, words of the message, words of the quote) for each real inconsistency.
EXPECTED = [
    # figures that contradict the tables or themselves
    (
        "JS701",
        "error",
        "一般公共预算财政拨款基本支出 5377.64万元，一般公共预算财政拨款支出决算表 合计「基本支出」栏 为 5364.75",
        "一般公共预算财政拨款基本支出5377.64万元",
    ),
    ("JS701", "error", "人员经费 4896.98万元，一般公共预算财政拨款基本支出决算表 人员经费合计 为 4884.09", "人员经费4896.98万元"),
    ("JS708", "error", "占本年支出合计的99.86%；按本年支出 9759.38万元计算应为 99.87%", "占本年支出合计的99.86%"),
    ("JS710", "error", "完成预算的95.45%；按两数计算应为 95.46%", "年初预算为10210.34万元，支出决算为9746.50万元，完成年初预算的95.45%"),
    # the department named otherwise
    ("JS801", "error", "收入支出决算总表上方的标题写的是“上海市规划和自然资源局”", "上海市规划和自然资源局2024年度部门决算表"),
    ("JS801", "error", "“上海市普陀区规划与自然资源局”", "规划与自然资源局所属各预算单位"),
    ("JS801", "error", "“上海市普陀区规划与自然资源局”", "规划与自然资源局2024年度无政府性基金"),
    ("JS801", "error", "“上海市普陀区规划与自然资源局”", "规划与自然资源局2024年度无国有资本经营"),
    # template text left in, wording
    ("JS822", "error", "“下降（增长）”", "下降（增长）27.78%"),
    ("JS823", "warning", "“增长13.95”", "增长13.95。"),
    ("JS828", "warning", "“0.39万”", "国内公务接待支出0.39万（含外宾接待支出0.00万元）"),
    ("JS829", "warning", "“上一度”", "较上一度增加1133.95万元"),
    ("JS829", "warning", "“上一度”", "较上一度增加1133.95万元"),
    ("JS829", "warning", "“上一度”", "较上一度增加1133.95万元"),
    ("JS830", "warning", "左括号", "平均得分99.33分（其中"),
    # subjects named otherwise than in 表5
    ("JS714", "warning", "“机关事业单位退休人员活动费支出（项）”", "年初预算为0.88万元"),
    ("JS714", "warning", "科目名称应为“其他自然资源事务支出”", "年初预算为45.00万元"),
    ("JS714", "warning", "“住房保障支出（款）”", "年初预算为289.59万元"),
    ("JS714", "warning", "科目名称应为“住房改革支出”", "年初预算为171.49万元"),
    # rates of nothing
    ("JS713", "warning", "因公出国（境）费完成预算的0.00%", "因公出国（境）费决算为0.00万元，完成预算的0.00%"),
    ("JS713", "warning", "公务用车购置及运行维护费完成预算的0.00%", "公务用车购置及运行维护费支出决算为0.00万元，完成预算的0.00%"),
]


@pytest.fixture(scope="module")
def report():
    return read_path(PDF)


@pytest.fixture(scope="module")
def findings(report):
    return check(report)


def _matches(finding, rule, severity, message, quote) -> bool:
    return finding.rule == rule and finding.severity == severity and message in finding.message and quote in finding.quote


def test_every_real_inconsistency_is_found_with_its_quote(findings):
    unmatched = list(findings)
    for expected in EXPECTED:
        hit = next((f for f in unmatched if _matches(f, *expected)), None)
        assert hit is not None, expected
        unmatched.remove(hit)


def test_nothing_else_is_reported_as_an_error_or_warning(findings):
    """What a careful auditor would reject is not reported: the tables agree within
    rounding (表1 236.63 / 表3 236.64 sit on the rounding boundary), the 机关运行经费 of a
    department with 事业单位 need not equal its 公用经费, the template's own terms are
    defined, and every other figure of the narrative restates its table."""
    unmatched = [f for f in findings if f.severity != "info"]
    for expected in EXPECTED:
        hit = next(f for f in unmatched if _matches(f, *expected))
        unmatched.remove(hit)
    assert unmatched == [], [(f.rule, f.message) for f in unmatched]


def test_figures_that_hold_are_linked_not_left_unchecked(findings):
    """The restatements that hold are checked, not skipped: none of these figures is
    listed as unlinked (JS790)."""
    unlinked = " ".join(f.message for f in findings if f.rule == "JS790")
    for figure in (
        "9859.38万元",
        "1062.85万元",
        "754.75万元",
        "236.63万元",
        "3832.36万元",
        "54.53万元",
        "2739.56万元",
        "2.85万元",
        "2319.21万元",
        "142.80万元",
        "480.66万元",
    ):
        assert figure not in unlinked, figure


def test_an_altered_table_cell_is_caught(report):
    """The checks run on the real report: one 表3 cell changed by 1.00 breaks its sums."""

    def change(table, row, cell):
        if table.kind == "T3" and row.code == "2120101" and cell.column == "基本支出":
            return replace(cell, amount=cell.amount + Decimal("1.00"))
        return cell

    codes = {f.rule for f in check(map_cells(report, change)) if f.severity == "error"}
    assert {"JS203", "JS303"} <= codes


def test_fail_closed_on_a_table_not_fully_read(report):
    """A table the reader did not understand raises no error about its cells: an info
    finding names what was not checked."""

    def change(table, row, cell):
        if table.kind == "T3" and row.code == "2120101" and cell.column == "基本支出":
            return replace(cell, amount=cell.amount + Decimal("1.00"))
        return cell

    broken = map_cells(report, change)
    tables = tuple(replace(t, unread=("第10页 2120101 行政运行「基本支出」栏未能读入",)) if t.kind == "T3" else t for t in broken.tables)
    findings = check(replace(broken, tables=tables))
    assert not [f for f in findings if f.severity == "error" and any(c.table == "T3" for c in f.cells)]
    (info,) = [f for f in findings if f.rule == "JS612"]
    assert "支出决算表未完整读入" in info.message and "JS203" in info.message and info.severity == "info"


def test_no_finding_prints_an_empty_row_number(findings):
    assert not [f for f in findings if "第行" in f.message]
