"""Unfinished text: one rule kind, declared once per pattern."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from ...model import Finding, Report
from ..rules import Rule
from .text import passages, quote_at


_OPEN, _CLOSE = "（(", "）)"


@dataclass(frozen=True)
class BalancedBrackets(Rule):
    """Every opening bracket of a paragraph is closed in it (and no bracket closes what
    was never opened)."""

    scopes: tuple[str, ...] = ("overview", "narrative", "glossary")

    def evaluate(self, report: Report) -> Iterator[Finding]:
        for passage in passages(report, self.scopes):
            depth, opened = 0, -1
            for i, ch in enumerate(passage.text):
                if ch in _OPEN:
                    if depth == 0:
                        opened = i
                    depth += 1
                elif ch in _CLOSE:
                    if depth == 0:
                        yield self._finding(passage, i, "多出一个右括号“）”")
                        continue
                    depth -= 1
            if depth > 0:
                yield self._finding(passage, opened, "左括号“（”没有对应的右括号")

    def _finding(self, passage, at: int, what: str) -> Finding:
        return Finding(self.code, self.severity, f"{passage.where}中{what}", quote=quote_at(passage.text, at, at + 1),
                       source=passage.source_at(at))


@dataclass(frozen=True)
class TextPattern(Rule):
    """Every match of ``pattern`` in the chosen text ``scopes`` is a finding.

    ``message`` is formatted with ``match`` (the matched text) and ``where`` (概况,
    情况说明, 表1 注, …); the quote is the sentence (or the heading, row name) it occurs in.
    """

    pattern: str = ""
    message: str = ""
    scopes: tuple[str, ...] = ("headings", "overview", "narrative", "glossary", "notes")

    @cached_property
    def compiled(self) -> re.Pattern[str]:
        return re.compile(self.pattern)

    def evaluate(self, report: Report) -> Iterator[Finding]:
        for passage in passages(report, self.scopes):
            for match in self.compiled.finditer(passage.text):
                whole = passage.scope in ("headings", "rows")
                yield Finding(
                    self.code,
                    self.severity,
                    self.message.format(match=match.group(0), where=passage.where),
                    quote=passage.text if whole else quote_at(passage.text, match.start(), match.end()),
                    source=passage.source_at(match.start()),
                )


_WORDS = "增加|减少|增长|下降|上升|降低|提高|大于|小于|等于|高于|低于|多于|少于|持平|超过|未超过"

PLACEHOLDER = r"(?<![A-Za-z])(?:[XxＸｘ]{2,}|[×＊*○]{2,})(?![A-Za-z])|【[^】]{0,30}】|待填写|待补充|此处填写|请填写"
ALTERNATIVE = rf"(?P<a>{_WORDS})\s*(?:[（(]\s*(?!(?P=a)[）)])(?:{_WORDS})\s*[）)]|[/／](?!(?P=a))(?:{_WORDS}))"
PERCENT_WITHOUT_SIGN = r"(?:增长|下降|上升|降低|增幅为?|降幅为?|占比为?|比例为?|比重为?|率(?:为|达)?|占|占[^，。；]{0,30}?的|预算[^，。；]{0,20}?的)(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?=[，。；;]|,(?!\d{3})|$)"
REPEATED_PUNCTUATION = r"(?![:：][。；;])[，。；：、][，。；：、,;:]+|[,;:][，。；：、]+"
MIXED_BRACKETS = r"\([^()（）]*）|（[^()（）]*\)"
EMPTY_REASON = r"(?:主要(?:增减)?变动(?:情况|原因)|主要原因|变动原因|主要情况)(?:是|为)?[：:]+\s*(?=[。；;]|$)"
# '0.39万（含…' : an amount whose unit lost its 元
UNIT_WITHOUT_YUAN = r"\d(?:\.\d+)?\s*万(?=[（(，。；、：]|$)"
# '较上一度增加': 上一年度 with its 年 lost
LOST_YEAR = r"上一度(?!数)"
ASCII_PUNCTUATION = r"(?<=[\u4e00-\u9fff”）])[,;:](?=[\u4e00-\u9fff“（])"
