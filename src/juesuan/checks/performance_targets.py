"""The 绩效目标 statement of a budget narrative, checked against itself.

“编报绩效目标的项目共4个，涉及项目预算资金598.46万元。其中：中介机构服务费418.80万元，…”
(Shanghai) and “本部门共0个项目实行绩效目标管理，涉及财政性资金合计0万元” (Jiangsu). The
statement is compared with nothing outside the text: the 绩效目标 forms some reports append
are read as generic tables whose money columns do not match the stated amount (Wanli 2023:
the forms' 项目资金总额 add up to 3351.33万元, the text says 3328.13万元), so they are not
a base (docs/narrative.md). Within the text: the projects listed after 其中 number at most
the stated count (JS765), and when they are all of them their amounts add up to the stated
total, within the intervals of their printed precision (JS764); no project, no money.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from ..model import Finding, Paragraph
from ..model.change import money
from ..model.interval import Interval, total
from ..model.numbers import amount
from .context import Context
from .rules import Rule

_NUMBER = r"\d[\d,]*(?:\.\d+)?"
# '编报绩效目标的项目共4个，涉及项目预算资金598.46万元' / '共0个项目实行绩效目标管理，涉及财政性资金合计0万元'
_STATEMENTS = (
    re.compile(rf"绩效目标的项目共?\s*(?P<n>\d+)\s*个[，,]\s*(?:共)?涉及[^。；，\d]{{0,12}}?(?P<x>{_NUMBER})\s*万元"),
    re.compile(rf"共\s*(?P<n>\d+)\s*个项目实行绩效目标管理[，,]\s*涉及[^。；，\d]{{0,12}}?(?P<x>{_NUMBER})\s*万元"),
)
_PARTS = re.compile(r"^\s*。?\s*其中[:：]\s*(?P<list>[^。]+)")
_PART = re.compile(rf"^(?P<name>[^，,；;、\d]{{2,40}}?)\s*(?P<a>{_NUMBER})\s*万元$")


@dataclass(frozen=True, slots=True)
class _Statement:
    count: int
    amount: Decimal
    parts: tuple[tuple[str, Decimal], ...]  # every listed project understood, else ()
    listed: int  # items after 其中, understood or not
    quote: str
    paragraph: Paragraph
    offset: int


def _parts(text: str) -> tuple[tuple[tuple[str, Decimal], ...], int]:
    found = _PARTS.match(text)
    if found is None:
        return (), 0
    items = [item.strip() for item in re.split(r"[，,；;、]", found.group("list")) if item.strip()]
    parts = []
    for item in items:
        part = _PART.match(item)
        if part is None:
            return (), len(items)  # one item not understood: the sum is not checked
        parts.append((part.group("name"), amount(part.group("a"))))
    return tuple(parts), len(items)


def statements(paragraphs: tuple[Paragraph, ...]) -> Iterator[_Statement]:
    for paragraph in paragraphs:
        for pattern in _STATEMENTS:
            for found in pattern.finditer(paragraph.text):
                try:
                    total_amount = amount(found.group("x"))
                    parts, listed = _parts(paragraph.text[found.end() :])
                except (InvalidOperation, ValueError):
                    continue  # a figure that is no amount: not read, not checked
                end = paragraph.text.find("。", found.end() + 1)
                quote = paragraph.text[found.start() : end + 1 if end > 0 else len(paragraph.text)][:200]
                yield _Statement(int(found.group("n")), total_amount, parts, listed, quote, paragraph, found.start())


def _finding(rule: Rule, s: _Statement, message: str, expected: Decimal | None = None, actual: Decimal | None = None) -> Finding:
    difference = actual - expected if expected is not None and actual is not None else None
    source = s.paragraph.source_at(s.offset)
    return Finding(rule.code, rule.severity, message, (), expected, actual, difference, None, s.quote, source)


@dataclass(frozen=True)
class PerformanceSum(Rule):
    """JS764: the listed projects, when they are all of them, add up to the total; no
    project, no money."""

    def findings(self, context: Context) -> Iterator[Finding]:
        for s in statements(context.report.narrative):
            if s.count == 0 and s.amount != 0:
                yield _finding(self, s, f"情况说明称编报绩效目标的项目0个，却涉及资金{money(s.amount)}", Decimal(0), s.amount)
                continue
            if not s.parts or len(s.parts) != s.count:
                continue
            listed = total([Interval.printed(a) for _, a in s.parts])
            if listed.meets(Interval.printed(s.amount)):
                continue
            added = sum((a for _, a in s.parts), Decimal(0))
            yield _finding(
                self,
                s,
                f"情况说明列出的{s.count}个绩效目标项目金额之和为{money(added)}，与所称涉及项目预算资金{money(s.amount)}不符",
                s.amount,
                added,
            )


@dataclass(frozen=True)
class PerformanceCount(Rule):
    """JS765: no more projects listed after 其中 than the count the sentence states."""

    def findings(self, context: Context) -> Iterator[Finding]:
        for s in statements(context.report.narrative):
            if s.listed > s.count:
                yield _finding(self, s, f"情况说明称编报绩效目标的项目{s.count}个，其后“其中”列出了{s.listed}个项目")


_BUDGET = ("yusuan",)
_APPLIES = "部门预算"

PERFORMANCE_RULES: tuple[Rule, ...] = (
    PerformanceSum(
        "JS764",
        "error",
        "绩效目标项目金额之和与所称合计一致",
        "列出全部项目时 Σ 项目金额 = 涉及项目预算资金（按区间）；项目0个 ⇒ 资金0",
        (),
        "narrative",
        _APPLIES,
        _BUDGET,
    ),
    PerformanceCount(
        "JS765",
        "warning",
        "绩效目标项目个数与列出的项目一致",
        "“其中”列出的项目数 ≤ 所称项目个数",
        (),
        "narrative",
        _APPLIES,
        _BUDGET,
    ),
)

__all__ = ["PERFORMANCE_RULES", "statements"]
