"""Jiangsu item statements: a 项 named under a heading that names its 类 (and 款).

    （一）公共安全（类）
    1．检察（款）行政运行（项）支出12,268.62万元，与上年相比增加1385.26万元，增长12.73%。

    （一）公共安全支出（类）
    检察（款）:2018年预算支出合计16,444.36万元。其中：
    1．行政运行（项）支出 10,883.36万元，与上年相比增加 2,915.22万元，…

The statement names the 项 (and often its 款); the 类 and 款 it leaves out are those of the
headings above it. The context is read upwards through item statements and 款 lines up to the 类 heading: any
other paragraph ends it, so a statement after unrelated text has no context (a part left
unknown is blank, and the link compares the item only if its names pick out one row).
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..model import Claim, Paragraph
from ..model.numbers import NUMBER, amount

_OPEN, _CLOSE = "[（(]", "[)）]"
# a name may hold a short bracket of its own: '党委办公厅（室）及相关机构事务（款）'
_NAME = r"(?:[^，。；：:、（）()\d\s]|[（(][^，。；：:、（）()\d\s类款项]{1,3}[)）]){2,30}"
# '（一）公共安全（类）' alone on its line
_CLASS = re.compile(rf"^\s*[（(][一二三四五六七八九十]{{1,3}}[)）]\s*(?P<lei>{_NAME}){_OPEN}类{_CLOSE}\s*$")
# '检察（款）:2018年预算支出合计…'
_SECTION = re.compile(rf"^\s*(?P<kuan>{_NAME}){_OPEN}款{_CLOSE}\s*[:：]")
# '1．检察（款）行政运行（项）支出12,268.62万元' / '1.住房公积金(项):支出1,073.77万元'
_STATEMENT = re.compile(
    rf"^\s*\d{{1,2}}\s*[.．、]\s*(?:(?P<kuan>{_NAME}){_OPEN}款{_CLOSE})?\s*"
    rf"(?P<xiang>[^，。；：:（）()\d]{{2,40}}?)\s*{_OPEN}项{_CLOSE}\s*[:：]?\s*(?:支出)?\s*(?P<amount>{NUMBER})\s*万元"
)
_SPACE = re.compile(r"\s+")


def with_items(paragraphs: tuple[Paragraph, ...], i: int, claims: list[Claim]) -> list[Claim]:
    """The claims of paragraph ``i``, its item statement's amount named by (类, 款, 项)."""
    # a '…（类）' subject of the paragraph is a total stated by class, not this kind of item
    claims = [replace(c, item=()) if c.item else c for c in claims]
    statement = _STATEMENT.match(paragraphs[i].text)
    if statement is None:
        return claims
    lei, kuan = _context(paragraphs, i)
    item = (lei, _bare(statement.group("kuan") or "") or kuan, _bare(statement.group("xiang")))
    stated, at = amount(statement.group("amount")), statement.start("amount")
    first = next((j for j, c in enumerate(claims) if c.kind == "amount"), None)
    if first is None:
        return claims
    claim = claims[first]
    # the statement's own amount, not a figure the phrase table already names
    if claim.amount != stated or claim.quantity or claim.end < at:
        return claims
    return [*claims[:first], replace(claim, item=item), *claims[first + 1 :]]


def _context(paragraphs: tuple[Paragraph, ...], i: int) -> tuple[str, str]:
    """The 类 and 款 of the headings above paragraph ``i``, through the item statements and
    款 lines between: any other paragraph ends the context ('' for what it did not name)."""
    lei = kuan = ""
    for paragraph in reversed(paragraphs[:i]):
        text = paragraph.text
        if _STATEMENT.match(text):
            continue
        section = _SECTION.match(text)
        if section is not None:
            kuan = kuan or _bare(section.group("kuan"))
            continue
        heading = _CLASS.match(text)
        if heading is not None:
            lei = _bare(heading.group("lei"))
        break
    return lei, kuan


def _bare(name: str) -> str:
    return _SPACE.sub("", name)


__all__ = ["with_items"]
