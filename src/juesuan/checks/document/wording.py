"""Unfinished text: one rule kind, declared once per pattern."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from ...model import Finding
from ...model.prose import REASON_LABEL
from ..context import Context
from ..rules import Rule
from .text import Passage, joined_passages, quote_at, scope_passages, sentence_span

_OPEN, _CLOSE = "（(", "）)"
_BRACKET = re.compile(r"[（()）]")


@dataclass(frozen=True)
class BalancedBrackets(Rule):
    """Every opening bracket of a paragraph is closed in it (and no bracket closes what
    was never opened)."""

    scopes: tuple[str, ...] = ("overview", "narrative", "glossary")

    def findings(self, context: Context) -> Iterator[Finding]:
        for passage in scope_passages(context, self.scopes):
            depth, opened = 0, -1
            for match in _BRACKET.finditer(passage.text):
                i, ch = match.start(), match.group()
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

    def _finding(self, passage: Passage, at: int, what: str) -> Finding:
        return Finding(
            self.code, self.severity, f"{passage.where}中{what}", quote=quote_at(passage.text, at, at + 1), source=passage.source_at(at)
        )


@dataclass(frozen=True)
class TextPattern(Rule):
    """The matches of ``pattern`` in the chosen text ``scopes``, one finding per sentence.

    ``message`` is formatted with ``match`` (the distinct matched texts of the sentence,
    joined as “a”“b”) and ``where`` (概况, 情况说明, 表1 注, …); more matches than distinct
    texts add a count. The quote is the sentence (or the heading, row name) they occur in;
    the source is the line of the first.
    """

    pattern: str = ""
    message: str = ""
    scopes: tuple[str, ...] = ("headings", "overview", "narrative", "glossary", "notes")

    @cached_property
    def compiled(self) -> re.Pattern[str]:
        return re.compile(self.pattern)

    @cached_property
    def lines(self) -> re.Pattern[str]:
        """The pattern over passages joined by line breaks (``joined_passages``)."""
        return re.compile(self.pattern, re.MULTILINE)

    def findings(self, context: Context) -> Iterator[Finding]:
        for passage in self._candidates(context):
            whole = passage.scope in ("headings", "rows")
            sentences: dict[tuple[int, int], list[re.Match[str]]] = {}
            for match in self.compiled.finditer(passage.text):
                span = (0, len(passage.text)) if whole else sentence_span(passage.text, match.start(), match.end())
                sentences.setdefault(span, []).append(match)
            for (left, right), matches in sentences.items():
                texts = list(dict.fromkeys(m.group(0) for m in matches))
                counted = f"（共{len(matches)}处）" if len(matches) > len(texts) else ""
                yield Finding(
                    self.code,
                    self.severity,
                    self.message.format(match="”“".join(texts), where=passage.where) + counted,
                    quote=passage.text[left:right],
                    source=passage.source_at(matches[0].start()),
                )

    def _candidates(self, context: Context) -> list[Passage]:
        """The passages the pattern can match in: those a match of ``lines`` in all the
        passages joined touches. One scan of the text instead of one per passage; the
        passages it finds are then read one by one, as if alone (a passage with a match
        of its own has a joined match touching it, line breaks reading as its ends)."""
        passages = scope_passages(context, self.scopes)
        joined = joined_passages(context, self.scopes)
        if joined is None:
            return passages
        text, starts = joined
        touched: set[int] = set()
        for match in self.lines.finditer(text):
            first = bisect_right(starts, match.start()) - 1
            last = bisect_right(starts, max(match.end() - 1, match.start())) - 1
            touched.update(range(max(first, 0), last + 1))
        return [passages[i] for i in sorted(touched)]


_WORDS = "增加|减少|增长|下降|上升|降低|提高|大于|小于|等于|高于|低于|多于|少于|持平|超过|未超过"

# Each pattern opens with the characters a match can begin with (a class the regex engine
# skips to), the lookbehinds that condition its first character coming after it.
PLACEHOLDER = (
    r"[XxＸｘ×＊*○【待此请](?:(?<=[XxＸｘ])(?<![A-Za-z].)[XxＸｘ]+(?![A-Za-z])|(?<=[×＊*○])(?<![A-Za-z].)[×＊*○]+(?![A-Za-z])"
    r"|(?<=【)(?!\d{4}】\s*第?\d+\s*号)[^】]{0,30}】|(?<=待)(?:填写|补充)|(?<=此)处填写|(?<=请)填写)"
)
ALTERNATIVE = rf"(?P<a>{_WORDS})\s*(?:[（(]\s*(?!(?P=a)[）)])(?:{_WORDS})\s*[）)]|[/／](?!(?P=a))(?:{_WORDS}))"
PERCENT_WITHOUT_SIGN = r"(?:增长|下降|上升|降低|增幅为?|降幅为?|占比为?|比例为?|比重为?|率(?:为|达)?|占|占[^，。；]{0,30}?的|预算[^，。；]{0,20}?的)(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?=[，。；;]|,(?!\d{3})|$)"
REPEATED_PUNCTUATION = r"[，。；：、,;:](?:(?<=[，。；、])[，。；：、,;:]+|(?<=：)(?![。；;])[，。；：、,;:]+|(?<=[,;:])[，。；：、]+)"  # '：' before 。；; is not counted
MIXED_BRACKETS = r"\([^()（）]*）|（[^()（）]*\)"
EMPTY_REASON = rf"(?:{REASON_LABEL})(?:是|为)?[：:]+\s*(?=[。；;]|$)"  # a reason label (model.prose) with nothing after it
# '0.39万（含…' : an amount whose unit lost its 元
UNIT_WITHOUT_YUAN = r"\d(?<![\d.,].)\d*(?:,\d{3})*(?:\.\d+)?\s*万(?=[（(，。；、：]|$)"
# '较上一度增加': 上一年度 with its 年 lost
LOST_YEAR = r"上一度(?!数)"
ASCII_PUNCTUATION = r"[,;:](?<=[\u4e00-\u9fff”）].)(?=[\u4e00-\u9fff“（])"
