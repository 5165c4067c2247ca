"""The 绩效目标 statement of a budget narrative against itself (JS764, JS765).

The Putuo finance bureau 2025 lists its 4 projects (418.80 + 10.00 + 166.66 + 3.00 = 598.46,
added by hand from p19): it agrees. Altered copies of that sentence, and of the Jiangsu
“共0个项目…0万元” form, must give exactly the finding.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from juesuan.checks import check
from juesuan.checks.performance_targets import statements
from juesuan.model import Report
from juesuan.read import read_path

FIXTURES = Path(__file__).parent / "fixtures" / "real" / "yusuan"
CODES = ("JS764", "JS765")


@cache
def _bureau() -> Report:
    return read_path(FIXTURES / "shanghai-putuo-finance-bureau-2025-budget.pdf")


def _altered(report: Report, old: str, new: str) -> Report:
    paragraphs = [replace(p, text=p.text.replace(old, new)) if old in p.text else p for p in report.narrative]
    assert paragraphs != list(report.narrative), old
    return replace(report, narrative=tuple(paragraphs))


def _found(report: Report) -> list[tuple[str, str, str]]:
    return [(f.rule, f.severity, f.message) for f in check(report) if f.rule in CODES]


def test_the_bureau_statement_is_read_whole_and_agrees():
    (s,) = statements(_bureau().narrative)
    assert (s.count, s.amount) == (4, Decimal("598.46"))
    assert [a for _, a in s.parts] == [Decimal("418.80"), Decimal("10.00"), Decimal("166.66"), Decimal("3.00")]
    assert _found(_bureau()) == []


def test_a_project_amount_that_breaks_the_total_is_an_error():
    report = _altered(_bureau(), "援滇干部工作经费3.00万元", "援滇干部工作经费4.00万元")
    ((rule, severity, message),) = _found(report)
    assert (rule, severity) == ("JS764", "error")
    assert "之和为599.46万元" in message and "598.46万元" in message


def test_within_printed_precision_is_no_finding():
    # 598.5 (one decimal) is ±0.05: 598.46 lies inside it
    assert _found(_altered(_bureau(), "涉及项目预算资金598.46万元", "涉及项目预算资金598.5万元")) == []


@pytest.mark.parametrize("count", ["共3个", "共2个"])
def test_more_projects_listed_than_stated_is_a_warning_and_the_sum_is_not_judged(count):
    report = _altered(_bureau(), "项目共4个", f"项目{count}")
    ((rule, severity, message),) = _found(report)
    assert (rule, severity) == ("JS765", "warning") and "列出了4个项目" in message


def test_a_partial_list_is_not_summed():
    # 5 projects stated, 4 listed: the fifth's amount is unknown, nothing to judge
    assert _found(_altered(_bureau(), "项目共4个", "项目共5个")) == []


def test_no_project_with_money_is_an_error():
    report = read_path(FIXTURES / "jiangsu-npc-office-2018-budget.pdf")
    assert _found(report) == []
    altered = _altered(report, "涉及财政性资金合计0万元", "涉及财政性资金合计12万元")
    ((rule, severity, message),) = _found(altered)
    assert (rule, severity) == ("JS764", "error") and "0个" in message and "12万元" in message
