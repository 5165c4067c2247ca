"""Rules over a 预算's own narrative statements (claims.budget): the Shanghai item statements
(“…（项）”X万元 … 2023年当年预算执行数为A万元，2024年预算安排B万元，比2023年预算执行数增加P%).

JS761 the item's amount is restated alike; JS762 the percent, direction and 持平 agree with
A and B over the intervals of their printed precision; JS763 the years compared are the budget
year and the one before.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from ..claims.budget import ItemStatement, item_statements
from ..claims.link import overlaps, percent, ratio, stated
from ..model import Finding, Report, plain
from .context import Context
from .rules import Rule

_YEAR = re.compile(r"(20\d{2})\s*年")


def budget_year(report: Report) -> int | None:
    """The year the budget is for: the report's, else the one its table titles print
    (2024年部门财务收支预算总表)."""
    if report.metadata.year:
        return report.metadata.year
    years = [int(m.group(1)) for table in report.tables for m in [_YEAR.search(table.title)] if m]
    return max(set(years), key=years.count) if years else None


def _statements(context: Context) -> list[ItemStatement]:
    return context.cached(("budget", "items"), item_statements)


def _finding(rule: Rule, item: ItemStatement, message: str, expected: Decimal | None = None, actual: Decimal | None = None) -> Finding:
    difference = actual - expected if expected is not None and actual is not None else None
    return Finding(rule.code, rule.severity, message, (), expected, actual, difference, None, item.quote, item.source)


@dataclass(frozen=True)
class RestatedItem(Rule):
    """The amount after the item's name = its 预算安排."""

    def findings(self, context: Context) -> Iterator[Finding]:
        for item in _statements(context):
            if not overlaps(stated(item.amount), stated(item.current)):
                yield _finding(
                    self,
                    item,
                    f"情况说明“{item.name}”先称 {plain(item.amount)}万元，后称{item.year}年预算安排 {plain(item.current)}万元，同一项目金额前后不一致",
                    item.amount,
                    item.current,
                )


@dataclass(frozen=True)
class ItemChange(Rule):
    """P = |B − A| ÷ A, its direction the sign of B − A; 持平 ⇔ A = B. With the amount stated
    twice differently (JS761), either may be the one the percent was computed from."""

    def findings(self, context: Context) -> Iterator[Finding]:
        for item in _statements(context):
            message = self._wrong(item)
            if message:
                yield _finding(self, item, message)

    def _wrong(self, item: ItemStatement) -> str:
        previous = stated(item.previous)
        currents = [item.current] + ([item.amount] if item.amount != item.current else [])
        said = f"情况说明“{item.name}”：{item.previous_year}年预算执行数 {plain(item.previous)}万元，{item.year}年预算安排 {plain(item.current)}万元，"
        if item.flat:
            if any(overlaps(previous, stated(current)) for current in currents):
                return ""
            return said + "称“持平”，但两数不等"
        if item.previous == 0 or item.percent is None:
            return ""  # no base to take a percent of (the template prints 100.00%)
        up = item.direction in ("增加", "增长")
        messages = []
        for current in currents:
            change = stated(current) - previous if up else previous - stated(current)
            if change.high <= 0 and current != item.previous:
                messages.append(said + f"称“{item.direction}”，但预算安排{'小于' if up else '大于'}上年执行数，增减方向有误")
                continue
            computed = ratio(change, previous)
            if computed is None or overlaps(computed, percent(item.percent)):
                return ""
            exact = abs(current - item.previous) / item.previous * 100
            places = max(0, -int(item.percent.as_tuple().exponent))
            shown = exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
            messages.append(said + f"称{item.direction}{plain(item.percent)}%，按两数计算应为 {plain(shown)}%")
        return messages[0] if messages else ""


@dataclass(frozen=True)
class ItemYears(Rule):
    """The item compares the budget year's 预算安排 with the year before's execution."""

    def findings(self, context: Context) -> Iterator[Finding]:
        year = budget_year(context.report)
        for item in _statements(context):
            wrong = []
            if year and item.year != year:
                wrong.append(f"预算安排的年度写作{item.year}年，本预算为{year}年")
            base = (year or item.year) - 1
            for what, printed in (("预算执行数", item.previous_year), ("比较", item.compared_year)):
                if printed != base:
                    wrong.append(f"{what}的年度写作{printed}年，应为上一年度{base}年")
            if wrong:
                yield _finding(self, item, f"情况说明“{item.name}”：" + "；".join(dict.fromkeys(wrong)))


_BUDGET = ("yusuan",)
_APPLIES = "部门预算（上海2023—2026）"

BUDGET_NARRATIVE_RULES: tuple[Rule, ...] = (
    RestatedItem("JS761", "error", "同一项目所述金额前后一致", "“…（项）”X万元 = 当年预算安排 X万元", (), "narrative", _APPLIES, _BUDGET),
    ItemChange(
        "JS762",
        "error",
        "预算安排比上年预算执行数的增减幅度与金额一致",
        "增减幅度 = |预算安排 − 上年预算执行数| ÷ 上年预算执行数；持平 ⇔ 两数相等，按区间计算",
        (),
        "narrative",
        _APPLIES,
        _BUDGET,
    ),
    ItemYears(
        "JS763",
        "error",
        "项目预算与上年执行数比较的年度正确",
        "预算安排年度 = 预算年度；执行数年度 = 比较年度 = 预算年度 − 1",
        (),
        "narrative",
        _APPLIES,
        _BUDGET,
    ),
)

__all__ = ["BUDGET_NARRATIVE_RULES", "budget_year"]
