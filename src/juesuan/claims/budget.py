"""Statements of a 预算's narrative that the 决算 grammar does not have.

The Shanghai template explains each 财政拨款 item in one statement (DOMAIN.md §7):

    1.“一般公共服务支出（类）统计信息事务（款）专项普查活动（项）”25.77万元，主要用于…。
    2023年当年预算执行数为60.13万元，2024年预算安排25.77万元，比2023年预算执行数减少57.14%。

The item's amount is stated twice (in its heading and as 预算安排), and the change is a percent
of last year's execution. The statement may run into the next paragraph (the PDF breaks it at a
line end); it ends at the next item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..model import Paragraph, Report, Source
from ..model.numbers import NUMBER, amount
from ..model.prose import normalise

_ITEM = re.compile(rf"^\s*(?P<n>\d+)[.、]\s*“(?P<name>[^”]{{2,120}})”\s*(?P<amount>{NUMBER})\s*万元")
_EXECUTION = re.compile(
    rf"(?P<previous_year>20\d{{2}})年(?:当年)?预算执行数为?\s*(?P<previous>{NUMBER})\s*万元，\s*"
    rf"(?P<year>20\d{{2}})年预算安排\s*(?P<current>{NUMBER})\s*万元，\s*"
    rf"比(?P<compared_year>20\d{{2}})年(?:当年)?预算执行数\s*(?:(?P<direction>增加|减少|增长|下降)\s*(?P<percent>{NUMBER})\s*%|(?P<flat>持平))"
)
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class ItemStatement:
    """One item of the Shanghai 财政拨款支出主要内容, as printed."""

    name: str  # '一般公共服务支出（类）统计信息事务（款）专项普查活动（项）'
    amount: Decimal  # the amount after the item's name
    previous_year: int
    previous: Decimal  # last year's 预算执行数
    year: int
    current: Decimal  # this year's 预算安排, the item's amount restated
    compared_year: int
    direction: str  # 增加 | 减少 | '' when 持平
    percent: Decimal | None
    flat: bool
    quote: str
    source: Source | None


def item_statements(report: Report) -> list[ItemStatement]:
    """The item statements of the narrative, in reading order."""
    out: list[ItemStatement] = []
    paragraphs = report.narrative
    for i, paragraph in enumerate(paragraphs):
        head = _ITEM.match(normalise(paragraph.text))
        if head is None:
            continue
        text, joined = _statement_text(paragraphs, i)
        found = _EXECUTION.search(text)
        if found is None:
            continue
        g = found.group
        out.append(
            ItemStatement(
                name=_SPACE.sub("", head.group("name")),
                amount=amount(head.group("amount")),
                previous_year=int(g("previous_year")),
                previous=amount(g("previous")),
                year=int(g("year")),
                current=amount(g("current")),
                compared_year=int(g("compared_year")),
                direction=g("direction") or "",
                percent=amount(g("percent")) if g("percent") else None,
                flat=bool(g("flat")),
                quote=_SPACE.sub("", joined[: found.end()]).strip(),
                source=paragraph.source_at(0),
            )
        )
    return out


def _statement_text(paragraphs: tuple[Paragraph, ...], i: int) -> tuple[str, str]:
    """The item's text from its paragraph up to the next item (normalised, and as printed)."""
    parts = [paragraphs[i].text]
    for paragraph in paragraphs[i + 1 : i + 3]:
        if _ITEM.match(normalise(paragraph.text)):
            break
        parts.append(paragraph.text)
    printed = "".join(parts)
    return normalise(printed), printed


__all__ = ["ItemStatement", "item_statements"]
